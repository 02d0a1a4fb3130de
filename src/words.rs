//! Per-token facts computed once and read by every extractor.

use crate::document::Document;
use crate::lang::Lang;
use crate::span::Span;
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
/// to 16 bytes (up to 8 bytes: the bytes zero-padded, and 0; longer: the first and last 8).
#[inline(always)]
fn packed_ends(b: &[u8]) -> (u64, u64) {
    let u64_at = |i: usize| b.get(i..i + 8).and_then(|s| <[u8; 8]>::try_from(s).ok()).map_or(0, u64::from_le_bytes);
    match b.len() {
        0..=8 => {
            let mut padded = [0; 8];
            padded[..b.len()].copy_from_slice(b);
            (u64::from_le_bytes(padded), 0)
        }
        n => (u64_at(0), u64_at(n - 8)),
    }
}

/// `packed_ends` of `text[start..end]` (empty outside `text`), and its length. A text of up
/// to 8 bytes is read as one 8-byte load from `text` masked to its length (words are short:
/// no branch per length, no copy), unless fewer than 8 bytes follow its start.
#[inline(always)]
fn packed_ends_in(text: &[u8], start: usize, end: usize) -> (u64, u64, usize) {
    let n = end.wrapping_sub(start);
    if (1..=8).contains(&n) {
        if let Some(w) = text.get(start..start + 8).and_then(|s| <[u8; 8]>::try_from(s).ok()) {
            return (u64::from_le_bytes(w) & u64::MAX >> (64 - 8 * n), 0, n);
        }
    }
    let b = text.get(start..end).unwrap_or_default();
    let (head, tail) = packed_ends(b);
    (head, tail, b.len())
}

/// The table hash of a text from its `packed_ends` and length.
#[inline(always)]
fn mixed(head: u64, tail: u64, len: usize) -> u32 {
    ((head ^ tail.rotate_left(31) ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
}

impl<'a> SurfaceIds<'a> {
    pub fn new() -> SurfaceIds<'a> {
        SurfaceIds { slots: vec![(0, 0); 1024], texts: Vec::new() }
    }

    /// The id of `text`, and whether it was seen for the first time.
    pub fn id(&mut self, text: &'a str) -> (u32, bool) {
        let (head, tail) = packed_ends(text.as_bytes());
        self.find(mixed(head, tail, text.len()), head, tail, text.as_bytes())
    }

    /// `id` of `text[span]` (empty outside `text`), without char-boundary checks. Inlined into
    /// the per-token loops: most tokens are a text of up to 16 bytes seen before, found in the
    /// slot its hash points to, with no loop and no byte compare; the rest go to `find`.
    #[inline(always)]
    pub fn id_in(&mut self, text: &'a str, span: Span) -> (u32, bool) {
        let (head, tail, len) = packed_ends_in(text.as_bytes(), span.start, span.end);
        let hash = mixed(head, tail, len);
        if let Some(&(h, id)) = self.slots.get(hash as usize & (self.slots.len() - 1)) {
            if let (true, Some(&(sh, st, s))) = (h == hash, self.texts.get((id as usize).wrapping_sub(1))) {
                if sh == head && st == tail && s.len() == len && len <= 16 {
                    return (id - 1, false);
                }
            }
        }
        self.find(hash, head, tail, span.bytes_of(text))
    }

    /// The id of `text`, whose `packed_ends` are `head` and `tail` and hash `hash`.
    #[inline(never)]
    fn find(&mut self, hash: u32, head: u64, tail: u64, text: &'a [u8]) -> (u32, bool) {
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
        (self.insert(i, hash, head, tail, text), true)
    }

    /// Enters a text not seen before at free slot `i`, and returns its id.
    fn insert(&mut self, i: usize, hash: u32, head: u64, tail: u64, text: &'a [u8]) -> u32 {
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
        id
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

/// One entry per token; `None` for tokens that are not words or numbers.
pub fn word_infos(doc: &Document, lang: Lang, stemmers: &Stemmers, stop: &StopWords) -> Words {
    // Pushed in token order: writing into a vector of `None`s dropped each old value first.
    let mut out: Vec<Option<WordInfo>> = Vec::with_capacity(doc.tokens.len());
    // News text is Zipfian: most tokens repeat an earlier surface, so lowercasing, the
    // stop-word test, stemming and the frequency lookup run once per distinct surface
    // (`first_sight`); a token copies its surface's facts.
    let mut surfaces = SurfaceIds::new();
    let mut facts: Vec<WordInfo> = Vec::new();
    let mut strings = Strings::default();
    for (si, s) in doc.sentences.iter().enumerate() {
        // Entry i is token i's: tokens outside sentences get `None` (sentences are in order
        // and never overlap; if one did, its tokens already entered would be skipped).
        out.resize(s.tokens.0.max(out.len()), None);
        let mut first_word = true;
        let tokens = doc.tokens.get(out.len()..s.tokens.1).unwrap_or_default();
        // (A push per branch, not `extend` with a closure returning an `Option`: the closure's
        // loop was a function of its own that kept the closure's state in memory and merged its
        // two results through a stack slot; this one is smaller and no slower.)
        for t in tokens {
            if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                out.push(None);
                continue;
            }
            let (fi, new) = surfaces.id_in(&doc.text, t.span);
            if new {
                facts.push(first_sight(t.span.of(&doc.text), t.kind, fi, lang, stemmers, stop, &mut strings));
            }
            let mut w = facts[fi as usize];
            w.sentence = si;
            w.sentence_initial = first_word;
            first_word = false;
            out.push(Some(w));
        }
    }
    out.resize(doc.tokens.len(), None);
    Words { infos: out, lowers: strings.lowers, keys: strings.keys }
}

/// The strings behind a document's ids, gathered as surfaces are first seen.
#[derive(Default)]
struct Strings {
    key_ids: FxHashMap<String, u32>,
    /// Per surface id: its lowercase form.
    lowers: Vec<String>,
    /// Per key id: the key.
    keys: Vec<String>,
}

/// The facts that depend on a token's text only, for surface `surface_id` seen for the first
/// time (its sentence fields are the caller's). Not inlined: called once per distinct surface,
/// it keeps the per-token loop small.
#[inline(never)]
fn first_sight(surface: &str, kind: TokenKind, surface_id: u32, lang: Lang, stemmers: &Stemmers, stop: &StopWords, strings: &mut Strings) -> WordInfo {
    let low = lower(surface);
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    // A token's kind follows from its text: a number starts with a digit.
    let (key, zipf) = if kind == TokenKind::Number {
        (low.clone(), 0.0)
    } else {
        // (`key` of the surface, from the lowercase form already made.)
        let key = stemmers.key_of_lower(lang, &low);
        let z = zipf(lang, &key);
        (key, z)
    };
    let key_id = match strings.key_ids.get(key.as_str()) {
        Some(&id) => id,
        None => {
            let id = strings.keys.len() as u32;
            strings.key_ids.insert(key.clone(), id);
            strings.keys.push(key);
            id
        }
    };
    let info = WordInfo {
        key_id,
        surface_id,
        stop: stop.contains(&low),
        cap: surface.starts_with(|c: char| c.is_uppercase()),
        acronym: letters >= 2 && !surface.chars().any(char::is_lowercase),
        sentence: 0,
        sentence_initial: false,
        zipf,
    };
    strings.lowers.push(low);
    info
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
        // Read from inside a text (`id_in`): the same ids, also for words less than 8 bytes
        // before the text's end (read another way).
        let text = words.join(" ") + " " + &words[..40].join(" ");
        let mut start = 0;
        for w in words.iter().chain(&words[..40]) {
            let span = Span::new(start, start + w.len());
            assert_eq!(ids.id_in(&text, span), (seen[w.as_str()], false), "{w:?}");
            start = span.end + 1;
        }
        let mut fresh = SurfaceIds::new();
        assert_eq!(fresh.id_in(&text, Span::new(text.len() - 2, text.len())), (0, true));
        assert_eq!(fresh.id(&text[text.len() - 2..]), (0, false));
        assert_eq!(fresh.id_in(&text, Span::new(text.len(), text.len() + 3)), (1, true), "outside the text: empty");
        assert_eq!(fresh.id(""), (1, false));
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
