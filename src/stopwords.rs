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
    set: OnceLock<Lookup>,
}

struct Lookup {
    set: FxHashSet<&'static str>,
    /// Bit `min(len, 31)` of entry `b`: some word starts with byte `b` and has that length.
    /// Most words tested are not in the list, and this rejects them without hashing.
    first_byte_lengths: [u32; 256],
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList { words, set: OnceLock::new() }
    }

    /// Same call as `<[&str]>::contains`.
    pub fn contains(&self, word: &&str) -> bool {
        let lookup = self.set.get_or_init(|| {
            let mut first_byte_lengths = [0u32; 256];
            for w in self.words {
                if let Some(&b) = w.as_bytes().first() {
                    first_byte_lengths[b as usize] |= 1 << w.len().min(31);
                }
            }
            Lookup { set: self.words.iter().copied().collect(), first_byte_lengths }
        });
        match word.as_bytes().first() {
            Some(&b) if lookup.first_byte_lengths[b as usize] & (1 << word.len().min(31)) == 0 => false,
            _ => lookup.set.contains(*word),
        }
    }

    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }
}
