//! Stop words for French and English (Snowball lists plus news function words;
//! see the header of `data/stopwords-*.txt` for origin and licence).

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::lang::Lang;
use crate::normalize::{lowercased, Stemmers};
use crate::span::Span;
use crate::text::{self, TokenKind};
use crate::words::SurfaceIds;

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

/// Tokenise, lowercase, drop stop words, stem: the part of the analysis that the JS
/// pipelines in the benchmarks do (a word regex, `toLowerCase`, a stop-word set, Snowball
/// with a memo), with the core's own tokeniser (`text::tokenize`), `lowercased`, stop-word
/// list and `Stemmers::key`; nothing else of the analysis (no document structure,
/// sentences, quotes or per-word facts). Returns one matching-key id per kept word or
/// number, in text order: ids are equal when keys are, numbered by first appearance.
/// Numbers are kept unstemmed, as the analysis keys them. The text is tokenised in chunks
/// of whole lines (no token spans a line break, so any cut at one gives the same tokens).
pub fn stem_ids(text: &str, lang: Lang, stop: &StopWords, stemmers: &Stemmers) -> Vec<u32> {
    // Memoised by surface, as in `words::word_infos`: news text repeats its words, and a
    // stem costs several allocations. `NONE` marks a stop word.
    const NONE: u32 = u32::MAX;
    // Lines in chunks of about this many bytes: few calls, and a token list that stays small.
    const CHUNK: usize = 1 << 16;
    let mut surfaces = SurfaceIds::new();
    let mut by_surface: Vec<u32> = Vec::new();
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut tokens = Vec::new();
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < text.len() {
        let cut = (start + CHUNK).min(text.len());
        let end = bytes[cut..].iter().position(|&b| b == b'\n').map_or(text.len(), |i| cut + i + 1);
        tokens.clear();
        text::tokenize(text, Span::new(start, end), &mut tokens);
        start = end;
        for t in &tokens {
            if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                continue;
            }
            let (si, new) = surfaces.id_in(text, t.span);
            if new {
                by_surface.push(first_sight(t.span.of(text), t.kind, lang, stop, stemmers, &mut ids).unwrap_or(NONE));
            }
            match by_surface.get(si as usize) {
                Some(&NONE) | None => {}
                Some(&id) => out.push(id),
            }
        }
    }
    out
}

/// The key id of a surface seen for the first time (lowercased, stemmed unless a number),
/// `None` for a stop word. Not inlined: most tokens repeat a surface seen before.
#[inline(never)]
fn first_sight(surface: &str, kind: TokenKind, lang: Lang, stop: &StopWords, stemmers: &Stemmers, ids: &mut FxHashMap<String, u32>) -> Option<u32> {
    let low = lowercased(surface);
    if stop.contains(&low) {
        return None;
    }
    let key = if kind == TokenKind::Number { low.into_owned() } else { stemmers.key_of_lower(lang, &low) };
    let next = ids.len() as u32;
    Some(*ids.entry(key).or_insert(next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stem_ids_drop_stop_words_and_share_keys() {
        let s = Stemmers::default();
        let text = "Les militaires de l’OTAN.\nLe militaire et l'Otan, 1 000 soldats";
        let ids = stem_ids(text, Lang::Fr, french(), &s);
        // militaires, OTAN / militaire, Otan, 1 000, soldats: "les", "de", "le", "et" and the elisions dropped.
        assert_eq!(ids, vec![0, 1, 0, 1, 2, 3]);
    }

    /// The memoised fast path gives the ids of the plain computation over the whole text in
    /// one piece: every word and number lowercased, stop words dropped, each word stemmed by rust-stemmers' French stemmer.
    #[test]
    fn stem_ids_match_the_unmemoised_pipeline() {
        use rust_stemmers::{Algorithm, Stemmer};
        let reference = Stemmer::create(Algorithm::French);
        let text = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
            .unwrap()
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect::<Vec<_>>()
            .join("\n")
            + "\nL’ÉTAT, l'État et les États ; NAÏVE naïve Naïve ; aujourd’hui AUJOURD'HUI ; 1 000 et 3,5";
        // Long enough to be tokenised in several chunks, cut at line breaks.
        let text = text.repeat(8);
        assert!(text.len() > 1 << 17);
        let mut tokens = Vec::new();
        text::tokenize(&text, Span::new(0, text.len()), &mut tokens);
        let mut keys: FxHashMap<String, u32> = FxHashMap::default();
        let mut expected = Vec::new();
        for t in tokens.iter().filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number)) {
            let low = crate::normalize::lower(t.span.of(&text));
            if french().contains(&low) {
                continue;
            }
            let key = if t.kind == TokenKind::Number { low } else { crate::normalize::fold_accents(&reference.stem(&low)) };
            let next = keys.len() as u32;
            expected.push(*keys.entry(key).or_insert(next));
        }
        assert!(expected.len() > 1000);
        assert_eq!(stem_ids(&text, Lang::Fr, french(), &Stemmers::default()), expected);
    }
}
