//! Stop words for French and English (Snowball lists plus news function words;
//! see the header of `data/stopwords-*.txt` for origin and licence).

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

pub struct StopWords {
    words: FxHashSet<&'static str>,
}

impl StopWords {
    fn from_list(list: &'static str) -> StopWords {
        let words = list
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        StopWords { words }
    }
    /// `word` must already be lowercased, with ’ folded to '.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

pub fn french() -> &'static StopWords {
    static FR: OnceLock<StopWords> = OnceLock::new();
    FR.get_or_init(|| StopWords::from_list(include_str!("../data/stopwords-fr.txt")))
}

pub fn english() -> &'static StopWords {
    static EN: OnceLock<StopWords> = OnceLock::new();
    EN.get_or_init(|| StopWords::from_list(include_str!("../data/stopwords-en.txt")))
}
