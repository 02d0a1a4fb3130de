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

/// A fixed word list (roles, cues, organisation words) with fast membership: the rules
/// test these for many tokens, so a hash set is built from the list on first use.
pub struct WordList {
    words: &'static [&'static str],
    set: OnceLock<FxHashSet<&'static str>>,
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList { words, set: OnceLock::new() }
    }

    /// Same call as `<[&str]>::contains`.
    pub fn contains(&self, word: &&str) -> bool {
        self.set.get_or_init(|| self.words.iter().copied().collect()).contains(*word)
    }

    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }
}
