//! Per-token facts computed once and read by every extractor.

use crate::document::Document;
use crate::lang::Lang;
use crate::normalize::{lower, Stemmers};
use crate::stopwords::StopWords;
use crate::text::TokenKind;

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

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
    /// Decodes the table as `build.rs` compiled it (`compile_wordfreq`): a line `<keys>
    /// <bytes of all keys>`, then per key, in sorted order, `<shared prefix in bytes 0-9><rest
    /// of key><bucket A-P>`. Into one byte string and two arrays sized once (binary search):
    /// no map to build per key. Digits and bucket letters are ASCII, so the scan is byte-wise.
    fn parse(data: &str) -> ZipfTable {
        let (sizes, body) = data.split_once('\n').unwrap_or(("", data));
        let mut sizes = sizes.split(' ').map(|n| n.parse::<usize>().unwrap_or(0));
        let (count, bytes) = (sizes.next().unwrap_or(0), sizes.next().unwrap_or(0));
        let body = body.as_bytes();
        let mut t = ZipfTable { keys: Vec::with_capacity(bytes), ends: Vec::with_capacity(count), half_zipf: Vec::with_capacity(count), unseen: 0.0 };
        let mut prev = 0; // where the previous key starts in `keys`
        let mut i = 0;
        while let Some(&c) = body.get(i) {
            let start = t.keys.len();
            let shared = usize::from(c.wrapping_sub(b'0'));
            if shared > 9 {
                break;
            }
            t.keys.extend_from_within(prev..prev + shared.min(start - prev));
            let rest = i + 1;
            i = rest + body[rest..].iter().position(u8::is_ascii_uppercase).unwrap_or(body.len() - rest);
            t.keys.extend_from_slice(&body[rest..i]);
            let Some(&bucket) = body.get(i) else { break };
            i += 1;
            prev = start;
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
    zipf_table(lang).zipf(key)
}

/// The Zipf value every key missing from `lang`'s table gets: a word at or below it is
/// unknown to the table, not known to be common.
pub fn unseen_zipf(lang: Lang) -> f32 {
    zipf_table(lang).unseen
}

fn zipf_table(lang: Lang) -> &'static ZipfTable {
    static FR: OnceLock<ZipfTable> = OnceLock::new();
    static EN: OnceLock<ZipfTable> = OnceLock::new();
    if lang == Lang::En {
        EN.get_or_init(|| ZipfTable::parse(include_str!(concat!(env!("OUT_DIR"), "/wordfreq-en.txt"))))
    } else {
        FR.get_or_init(|| ZipfTable::parse(include_str!(concat!(env!("OUT_DIR"), "/wordfreq-fr.txt"))))
    }
}

/// Numbers a document's distinct token texts in order of first appearance, so that facts
/// about a text are computed once. Every token looks its text up here, so a lookup avoids
/// byte loops (slow in wasm): a text of up to 16 bytes (most words) is hashed and compared
/// as two integers read from its ends, and the table is open addressing with linear probing.
pub struct SurfaceIds<'a> {
    /// (hash, id + 1) per slot, 0 when empty; a power of two long, at most half full.
    slots: Vec<(u32, u32)>,
    /// Per id: the text's bytes and its two packed ends.
    texts: Vec<(u64, u64, &'a [u8])>,
}

/// The bytes of `b` in two integers: with the length, they tell apart any two texts of up
/// to 16 bytes (first and last 8 bytes, first and last 4, or first, middle and last byte).
#[inline(always)]
fn packed_ends(b: &[u8]) -> (u64, u64) {
    let n = b.len();
    let u64_at = |i: usize| b.get(i..i + 8).and_then(|s| <[u8; 8]>::try_from(s).ok()).map_or(0, u64::from_le_bytes);
    let u32_at = |i: usize| b.get(i..i + 4).and_then(|s| <[u8; 4]>::try_from(s).ok()).map_or(0, u32::from_le_bytes);
    match n {
        0 => (0, 0),
        1..=3 => (u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16, 0),
        4..=7 => (u64::from(u32_at(0)) | u64::from(u32_at(n - 4)) << 32, 0),
        _ => (u64_at(0), u64_at(n - 8)),
    }
}

impl<'a> SurfaceIds<'a> {
    pub fn new() -> SurfaceIds<'a> {
        SurfaceIds { slots: vec![(0, 0); 1024], texts: Vec::new() }
    }

    /// The id of `text`, and whether it was seen for the first time.
    pub fn id(&mut self, text: &'a str) -> (u32, bool) {
        self.id_of_bytes(text.as_bytes())
    }

    /// `id` for a text given as bytes: a token's span sliced without char-boundary checks.
    /// Inlined into the per-token loops, where most lookups find a text seen before.
    #[inline(always)]
    pub fn id_of_bytes(&mut self, text: &'a [u8]) -> (u32, bool) {
        let (head, tail) = packed_ends(text);
        let mixed = (head ^ tail.rotate_left(31) ^ text.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let hash = (mixed >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            match self.slots[i] {
                (_, 0) => break,
                (h, id) if h == hash => {
                    let (sh, st, s) = self.texts[id as usize - 1];
                    if sh == head && st == tail && s.len() == text.len() && (s.len() <= 16 || s == text) {
                        return (id - 1, false);
                    }
                    i = (i + 1) & mask;
                }
                _ => i = (i + 1) & mask,
            }
        }
        let id = self.texts.len() as u32;
        self.slots[i] = (hash, id + 1);
        self.texts.push((head, tail, text));
        if self.texts.len() * 2 > self.slots.len() {
            let mut slots = vec![(0, 0); self.slots.len() * 2];
            let mask = slots.len() - 1;
            for &(h, id) in self.slots.iter().filter(|s| s.1 != 0) {
                let mut j = h as usize & mask;
                while slots[j].1 != 0 {
                    j = (j + 1) & mask;
                }
                slots[j] = (h, id);
            }
            self.slots = slots;
        }
        (id, true)
    }
}

impl Default for SurfaceIds<'_> {
    fn default() -> Self {
        SurfaceIds::new()
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    /// The stemmed, accent-folded matching key as a small id, the same for equal keys within
    /// one document (numbered in order of first appearance): compare these instead of the
    /// strings in hot loops. The key itself: [`Words::key`].
    pub key_id: u32,
    /// The token's exact text as a small id, the same for equal surfaces within one
    /// document (numbered in order of first appearance): lets rules that read only the
    /// word's own form run once per distinct word. Its lowercase form: [`Words::lower`].
    pub surface_id: u32,
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

/// A document's per-token facts (one entry per token, `None` for tokens that are not words or
/// numbers; reads as that slice) and the strings their ids stand for. Tokens hold ids, not
/// strings: nothing to count or free per token, and each string is stored once.
#[derive(Debug, Clone, Default)]
pub struct Words {
    infos: Vec<Option<WordInfo>>,
    /// Per surface id: its lowercase form.
    lowers: Vec<String>,
    /// Per key id: the key.
    keys: Vec<String>,
}

impl Words {
    /// Lowercase surface, apostrophes folded.
    #[inline]
    pub fn lower(&self, w: &WordInfo) -> &str {
        &self.lowers[w.surface_id as usize]
    }

    /// Stemmed, accent-folded matching key.
    #[inline]
    pub fn key(&self, w: &WordInfo) -> &str {
        self.key_of(w.key_id)
    }

    /// The key of a `WordInfo::key_id`.
    #[inline]
    pub fn key_of(&self, key_id: u32) -> &str {
        &self.keys[key_id as usize]
    }

    /// Number of distinct surfaces (`WordInfo::surface_id` is below it).
    pub fn surfaces(&self) -> usize {
        self.lowers.len()
    }

    /// Number of distinct keys (`WordInfo::key_id` is below it).
    pub fn keys(&self) -> usize {
        self.keys.len()
    }
}

impl std::ops::Deref for Words {
    type Target = [Option<WordInfo>];
    fn deref(&self) -> &[Option<WordInfo>] {
        &self.infos
    }
}

/// Facts that depend on a token's text only: computed once per distinct surface.
struct SurfaceFacts {
    key_id: u32,
    stop: bool,
    cap: bool,
    acronym: bool,
    zipf: f32,
}

/// One entry per token; `None` for tokens that are not words or numbers.
pub fn word_infos(doc: &Document, lang: Lang, stemmers: &Stemmers, stop: &StopWords) -> Words {
    // Pushed in token order: writing into a vector of `None`s dropped each old value first.
    let mut out: Vec<Option<WordInfo>> = Vec::with_capacity(doc.tokens.len());
    // News text is Zipfian: most tokens repeat an earlier surface, so lowercasing, the
    // stop-word test, stemming and the frequency lookup run once per distinct surface.
    let mut surfaces = SurfaceIds::new();
    let mut facts: Vec<SurfaceFacts> = Vec::new();
    let mut key_ids: FxHashMap<String, u32> = FxHashMap::default();
    let (mut lowers, mut keys) = (Vec::new(), Vec::new());
    for (si, s) in doc.sentences.iter().enumerate() {
        // Entry i is token i's: tokens outside sentences get `None` (sentences are in order
        // and never overlap; if one did, its tokens already entered would be skipped).
        out.resize(s.tokens.0.max(out.len()), None);
        let mut first_word = true;
        for t in doc.tokens.get(out.len()..s.tokens.1).unwrap_or_default() {
            if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                out.push(None);
                continue;
            }
            let (fi, new) = surfaces.id_of_bytes(t.span.bytes_of(&doc.text));
            if new {
                let surface = t.span.of(&doc.text);
                let low = lower(surface);
                let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
                // A token's kind follows from its text: a number starts with a digit.
                let (key, zipf) = if t.kind == TokenKind::Number {
                    (low.clone(), 0.0)
                } else {
                    let key = stemmers.key(lang, surface);
                    let z = zipf(lang, &key);
                    (key, z)
                };
                let key_id = match key_ids.get(key.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = keys.len() as u32;
                        key_ids.insert(key.clone(), id);
                        keys.push(key);
                        id
                    }
                };
                facts.push(SurfaceFacts {
                    stop: stop.contains(&low),
                    cap: surface.starts_with(|c: char| c.is_uppercase()),
                    acronym: letters >= 2 && !surface.chars().any(char::is_lowercase),
                    key_id,
                    zipf,
                });
                lowers.push(low);
            }
            let f = &facts[fi as usize];
            out.push(Some(WordInfo {
                key_id: f.key_id,
                surface_id: fi,
                stop: f.stop,
                cap: f.cap,
                acronym: f.acronym,
                sentence: si,
                sentence_initial: first_word,
                zipf: f.zipf,
            }));
            first_word = false;
        }
    }
    out.resize(doc.tokens.len(), None);
    Words { infos: out, lowers, keys }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Stemmers;

    #[test]
    fn surface_ids_are_equal_exactly_when_the_texts_are() {
        let mut words: Vec<String> = ["", "a", "\0", "a\0", "le", "les", "Les", "été", "étés", "abcdefgh", "abcdefgi",
            "abcdefghi", "abcxefgh", "gouvernement", "gouvernements", "gouverneur", "xxxxxxxxment", "aaaaxxxxxxxxment",
            "aaabxxxxxxxxment", "abcdefgh12345678", "abcdefgh12345679", "abcdefgh_12345678", "abcdefgh-12345678",
            "anticonstitutionnellement", "anticonstitutionnelLement", "l’État", "l'État", "Zoë‑Ève", "1 000", "1\u{A0}000",
            "aXb", "aYb", "abXcd", "abYcd"].map(String::from).to_vec();
        // Enough to grow the table several times.
        words.extend((0..5000).map(|i| format!("mot{i}")));
        let mut ids = SurfaceIds::new();
        let mut seen: FxHashMap<&str, u32> = FxHashMap::default();
        for _ in 0..2 {
            for w in &words {
                let next = seen.len() as u32;
                let expected = *seen.entry(w).or_insert(next);
                assert_eq!(ids.id(w), (expected, expected == next), "{w:?}");
            }
        }
    }

    /// Every entry of the data files decodes from the compiled tables (`build.rs`), in order
    /// (the data file's header gives the count), and is found by the binary search.
    #[test]
    fn zipf_tables_decode_every_stem() {
        for (data, compiled) in [
            (include_str!("../data/wordfreq-fr.txt"), include_str!(concat!(env!("OUT_DIR"), "/wordfreq-fr.txt"))),
            (include_str!("../data/wordfreq-en.txt"), include_str!(concat!(env!("OUT_DIR"), "/wordfreq-en.txt"))),
        ] {
            let count: usize = data.lines().find_map(|l| l.strip_prefix("# ")?.split_once(" stems")?.0.parse().ok()).unwrap();
            let t = ZipfTable::parse(compiled);
            assert_eq!(t.ends.len(), count);
            assert_eq!((t.ends.capacity(), t.keys.capacity()), (count, t.keys.len()), "sized once by the header");
            assert!((0..count).all(|i| t.zipf(std::str::from_utf8(t.key(i)).unwrap()) == f32::from(t.half_zipf[i]) / 2.0));
            // The data file's own format (prefixes in characters), decoded character by character.
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
