//! Per-token facts computed once and read by every extractor.

use crate::document::Document;
use crate::lang::Lang;
use crate::normalize::{lower, Stemmers};
use crate::stopwords::StopWords;
use crate::text::TokenKind;

use std::collections::HashMap;
use std::sync::OnceLock;

/// General word frequencies per matching key (see `scripts/wordfreq/build.py`).
struct ZipfTable {
    /// The keys (UTF-8), in sorted order, one after the other; key `i` ends at `ends[i]`.
    keys: Vec<u8>,
    ends: Vec<u32>,
    /// Zipf × 2 of key `i`.
    half_zipf: Vec<u8>,
    /// Zipf given to keys missing from the table: they are rarer than all of it.
    unseen: f32,
}

impl ZipfTable {
    /// Decodes the front-coded table: `<shared prefix 0-9><rest of key><bucket A-P>`, keys
    /// sorted. Into one byte string and two arrays (binary search): no map to build per key.
    /// Digits and bucket letters are ASCII, so the scan is byte-wise; the prefix counts characters.
    fn parse(data: &str) -> ZipfTable {
        let body: Vec<u8> = data.lines().filter(|l| !l.starts_with('#')).flat_map(str::bytes).collect();
        let mut t = ZipfTable { keys: Vec::with_capacity(body.len() * 2), ends: Vec::new(), half_zipf: Vec::new(), unseen: 0.0 };
        let mut prev = 0..0;
        let mut i = 0;
        while let Some(&c) = body.get(i) {
            let shared = usize::from(c.wrapping_sub(b'0'));
            if shared > 9 {
                break;
            }
            let start = t.keys.len();
            let kept = t.keys[prev.clone()].iter().enumerate()
                .filter(|(_, &b)| b & 0xC0 != 0x80)
                .nth(shared)
                .map_or(prev.len(), |(at, _)| at);
            t.keys.extend_from_within(prev.start..prev.start + kept);
            let rest = i + 1;
            i = rest + body[rest..].iter().position(u8::is_ascii_uppercase).unwrap_or(body.len() - rest);
            t.keys.extend_from_slice(&body[rest..i]);
            let Some(&bucket) = body.get(i) else { break };
            i += 1;
            // Out of order (a bad table) would break the binary search: skipped.
            if !prev.is_empty() && t.keys[start..] <= t.keys[prev.clone()] {
                t.keys.truncate(start);
                continue;
            }
            prev = start..t.keys.len();
            t.ends.push(t.keys.len() as u32);
            t.half_zipf.push(2 + bucket.saturating_sub(b'A'));
        }
        let lowest = t.half_zipf.iter().copied().min();
        t.unseen = lowest.map_or(0.0, |l| (f32::from(l) / 2.0 - 0.5).max(0.0));
        t
    }

    fn key(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.keys[start..self.ends[i] as usize]
    }

    fn zipf(&self, key: &str) -> f32 {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.key(mid).cmp(key.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return f32::from(self.half_zipf[mid]) / 2.0,
            }
        }
        self.unseen
    }
}

/// Zipf frequency of a matching key in general French or English (English table for
/// `Lang::En`, French otherwise). Unknown keys get a value below the table's last entry.
pub fn zipf(lang: Lang, key: &str) -> f32 {
    static FR: OnceLock<ZipfTable> = OnceLock::new();
    static EN: OnceLock<ZipfTable> = OnceLock::new();
    let table = if lang == Lang::En {
        EN.get_or_init(|| ZipfTable::parse(include_str!("../data/wordfreq-en.txt")))
    } else {
        FR.get_or_init(|| ZipfTable::parse(include_str!("../data/wordfreq-fr.txt")))
    };
    table.zipf(key)
}

#[derive(Debug, Clone, Default)]
pub struct WordInfo {
    /// Lowercase surface, apostrophes folded.
    pub lower: String,
    /// Stemmed, accent-folded matching key.
    pub key: String,
    pub stop: bool,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Two or more letters, all uppercase ("OTAN", "SM-3").
    pub acronym: bool,
    /// Index of the sentence in `Document::sentences`.
    pub sentence: usize,
    /// First word of its sentence (its capital says nothing).
    pub sentence_initial: bool,
    /// How common the word is in general use, as a Zipf value (log10 per billion words,
    /// 0 for numbers); from the shipped `wordfreq` table, see [`zipf`].
    pub zipf: f32,
}

/// One entry per token; `None` for tokens that are not words or numbers.
pub fn word_infos(doc: &Document, lang: Lang, stemmers: &Stemmers, stop: &StopWords) -> Vec<Option<WordInfo>> {
    let mut out: Vec<Option<WordInfo>> = vec![None; doc.tokens.len()];
    // Stemming dominates the cost; words repeat, so each surface is stemmed once.
    let mut keys: HashMap<&str, (String, f32)> = HashMap::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let mut first_word = true;
        for ti in s.tokens.0..s.tokens.1 {
            let t = doc.tokens[ti];
            if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                continue;
            }
            let surface = t.span.of(&doc.text);
            let low = lower(surface);
            let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
            let cap = surface.starts_with(|c: char| c.is_uppercase());
            let acronym = letters >= 2 && !surface.chars().any(char::is_lowercase);
            let stop = stop.contains(&low);
            let (key, zipf) = if t.kind == TokenKind::Number {
                (low.clone(), 0.0)
            } else {
                keys.entry(surface)
                    .or_insert_with(|| {
                        let key = stemmers.key(lang, surface);
                        let z = zipf(lang, &key);
                        (key, z)
                    })
                    .clone()
            };
            out[ti] = Some(WordInfo { lower: low, key, stop, cap, acronym, sentence: si, sentence_initial: first_word, zipf });
            first_word = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Stemmers;

    /// Every entry of the shipped tables decodes, in order (the header gives the count).
    #[test]
    fn zipf_tables_decode_every_stem() {
        for data in [include_str!("../data/wordfreq-fr.txt"), include_str!("../data/wordfreq-en.txt")] {
            let count: usize = data.lines().find_map(|l| l.strip_prefix("# ")?.split_once(" stems")?.0.parse().ok()).unwrap();
            let t = ZipfTable::parse(data);
            assert_eq!(t.ends.len(), count);
            assert!((0..count).all(|i| t.zipf(std::str::from_utf8(t.key(i)).unwrap()) == f32::from(t.half_zipf[i]) / 2.0));
            // The first decoder, character by character, as the reference.
            let mut reference: Vec<(String, u8)> = Vec::new();
            let body: String = data.lines().filter(|l| !l.starts_with('#')).collect();
            let mut key = String::new();
            let mut chars = body.chars().peekable();
            while let Some(shared) = chars.next().and_then(|c| c.to_digit(10)) {
                key.truncate(key.char_indices().nth(shared as usize).map_or(key.len(), |(i, _)| i));
                while let Some(n) = chars.next_if(|n| !n.is_ascii_uppercase()) {
                    key.push(n);
                }
                let Some(bucket) = chars.next() else { break };
                reference.push((key.clone(), 2 + (bucket as u8 - b'A')));
            }
            let decoded: Vec<(String, u8)> = (0..t.ends.len()).map(|i| (String::from_utf8(t.key(i).to_vec()).unwrap(), t.half_zipf[i])).collect();
            assert!(decoded == reference);
        }
    }

    #[test]
    fn zipf_table_ranks_common_words_above_rare_ones() {
        let s = Stemmers::default();
        let z = |w: &str| zipf(Lang::Fr, &s.key(Lang::Fr, w));
        assert!(z("maison") > 5.0, "maison {}", z("maison"));
        assert!(z("canard") > 4.0 && z("canard") < z("maison"), "canard {}", z("canard"));
        assert!(z("Nakatani") < z("canard"), "unknown names are rarer than listed words");
        let e = |w: &str| zipf(Lang::En, &Stemmers::default().key(Lang::En, w));
        assert!(e("house") >= 4.5 && e("Stoltenberg") + 1.0 <= e("house"), "house {} Stoltenberg {}", e("house"), e("Stoltenberg"));
    }
}
