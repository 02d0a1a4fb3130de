//! The Snowball French stemmer (snowballstem.org, `french.sbl` as shipped in rust-stemmers 1.2;
//! algorithm BSD-3-Clause, Martin Porter and Richard Boulton), written by hand over UTF-8 bytes.
//! Same algorithm and same results as rust-stemmers' generated `french::stem`, which the tests
//! check word for word; without its generic runtime (a character decoded at every step, a
//! binary search per suffix table, the whole string rebuilt at every edit), which made
//! stemming each distinct word most of tokenise + stem on real news.
//!
//! Positions are byte offsets, as in rust-stemmers: the regions (RV, R1, R2) are marks into
//! the word before any suffix is removed, compared with positions in the shortened word.

/// Suffix tables (Snowball `among`), sorted by last byte, then longest first: the first
/// suffix that matches is the longest one, as `among` picks. The number says which rule applies.
const STANDARD: &[(&str, u8)] = &[
    ("atrice", 2), ("logie", 3), ("able", 1), ("ance", 1), ("ence", 5), ("euse", 11), ("iqUe", 1),
    ("isme", 1), ("iste", 1), ("ive", 8), ("if", 8), ("ation", 2), ("usion", 4), ("ution", 4), ("ateur", 2),
    ("issements", 12), ("atrices", 2), ("ateurs", 2), ("ations", 2), ("ements", 6), ("logies", 3),
    ("usions", 4), ("utions", 4), ("ables", 1), ("ances", 1), ("ences", 5), ("euses", 11), ("iqUes", 1),
    ("ismes", 1), ("istes", 1), ("ités", 7), ("ments", 15), ("ives", 8), ("ifs", 8), ("issement", 12),
    ("amment", 13), ("emment", 14), ("ement", 6), ("ment", 15), ("eaux", 9), ("aux", 10), ("eux", 1),
    ("ité", 7),
];
/// After "ement(s)".
const AFTER_EMENT: &[(&str, u8)] = &[
    ("iqU", 3), ("abl", 3), ("Ièr", 4), ("ièr", 4), ("eus", 2), ("iv", 1),
];
/// After "ité(s)".
const AFTER_ITE: &[(&str, u8)] = &[
    ("ic", 2), ("abil", 1), ("iv", 3),
];
const I_VERB: &[(&str, u8)] = &[
    ("ira", 1), ("issante", 1), ("isse", 1), ("ie", 1), ("irai", 1), ("i", 1), ("ir", 1), ("issantes", 1),
    ("issants", 1), ("issions", 1), ("irions", 1), ("issais", 1), ("issons", 1), ("irais", 1), ("irons", 1),
    ("isses", 1), ("îmes", 1), ("îtes", 1), ("iras", 1), ("ies", 1), ("is", 1), ("issaIent", 1),
    ("iraIent", 1), ("issait", 1), ("issant", 1), ("issent", 1), ("irait", 1), ("irent", 1), ("iront", 1),
    ("ît", 1), ("it", 1), ("issiez", 1), ("iriez", 1), ("issez", 1), ("irez", 1),
];
const VERB: &[(&str, u8)] = &[
    ("era", 2), ("a", 3), ("ante", 3), ("asse", 3), ("ée", 2), ("erai", 2), ("ai", 3), ("er", 2),
    ("assions", 3), ("erions", 2), ("antes", 3), ("asses", 3), ("erais", 2), ("erons", 2), ("âmes", 3),
    ("âtes", 3), ("ants", 3), ("eras", 2), ("ions", 1), ("ées", 2), ("ais", 3), ("és", 2), ("as", 3),
    ("eraIent", 2), ("assent", 3), ("èrent", 2), ("aIent", 3), ("erait", 2), ("eront", 2), ("ait", 3),
    ("ant", 3), ("ât", 3), ("assiez", 3), ("eriez", 2), ("erez", 2), ("iez", 2), ("ez", 2), ("é", 2),
];
const RESIDUAL: &[(&str, u8)] = &[
    ("Ière", 2), ("ière", 2), ("e", 3), ("ion", 1), ("Ier", 2), ("ier", 2), ("ë", 4),
];
const UN_DOUBLE: &[(&str, u8)] = &[
    ("eill", 0), ("ell", 0), ("enn", 0), ("onn", 0), ("ett", 0),
];

/// Snowball's `v`: the French vowels.
fn is_vowel(c: u32) -> bool {
    matches!(c, 0x61 | 0x65 | 0x69 | 0x6F | 0x75 | 0x79 // a e i o u y
        | 0xE0 | 0xE2 | 0xE8 | 0xE9 | 0xEA | 0xEB | 0xEE | 0xEF | 0xF4 | 0xF9 | 0xFB) // à â è é ê ë î ï ô ù û
}

/// The code point at byte `i` (a character boundary inside `w`) and its length in bytes.
fn char_at(w: &[u8], i: usize) -> (u32, usize) {
    let b = w[i];
    if b < 0x80 {
        return (u32::from(b), 1);
    }
    let len = if b >= 0xF0 { 4 } else if b >= 0xE0 { 3 } else { 2 };
    let mut c = u32::from(b) & (0x7F >> len);
    for &cont in w.get(i + 1..i + len).unwrap_or(&[]) {
        c = c << 6 | u32::from(cont & 0x3F);
    }
    (c, len)
}

/// The code point ending at byte `i` (a character boundary, > 0) and its length in bytes.
fn char_before(w: &[u8], i: usize) -> (u32, usize) {
    let mut start = i - 1;
    while start > 0 && w[start] & 0xC0 == 0x80 {
        start -= 1;
    }
    (char_at(w, start).0, i - start)
}

struct Word {
    w: Vec<u8>,
    rv: usize,
    r1: usize,
    r2: usize,
}

impl Word {
    /// The longest suffix of the table that ends the word and starts at or after `limit`:
    /// its start and rule number.
    fn suffix(&self, limit: usize, table: &[(&str, u8)]) -> Option<(usize, u8)> {
        let (w, room) = (&self.w[..], self.w.len().saturating_sub(limit));
        let last = *w.last()?;
        let last_of = |s: &str| s.as_bytes()[s.len() - 1];
        let first = table.partition_point(|&(s, _)| last_of(s) < last);
        table[first..].iter()
            .take_while(|&&(s, _)| last_of(s) == last)
            // Compared byte by byte from the end: most candidates differ at once.
            .find(|(s, _)| s.len() <= room && s.bytes().rev().zip(w.iter().rev()).all(|(a, &b)| a == b))
            .map(|&(s, rule)| (w.len() - s.len(), rule))
    }

    fn ends_with(&self, s: &str) -> bool {
        self.w.ends_with(s.as_bytes())
    }

    /// Replaces everything from `at` to the end with `s`.
    fn replace_end(&mut self, at: usize, s: &str) {
        self.w.truncate(at);
        self.w.extend_from_slice(s.as_bytes());
    }

    /// Marks u, i and y that act as consonants by uppercasing them.
    fn prelude(&mut self) {
        let w = &mut self.w;
        let vowel_at = |w: &[u8], i: usize| i < w.len() && is_vowel(char_at(w, i).0);
        let mut i = 0;
        while i < w.len() {
            // A rule applied here can enable another at the same place (Snowball's `repeat goto`).
            loop {
                let (c, n) = char_at(w, i);
                let next = w.get(i + n).copied();
                if is_vowel(c) {
                    match next {
                        Some(b'u') if vowel_at(w, i + n + 1) => { w[i + n] = b'U'; continue; }
                        Some(b'i') if vowel_at(w, i + n + 1) => { w[i + n] = b'I'; continue; }
                        Some(b'y') => { w[i + n] = b'Y'; continue; }
                        _ => {}
                    }
                }
                if c == u32::from(b'y') && vowel_at(w, i + 1) {
                    w[i] = b'Y';
                    continue;
                }
                if c == u32::from(b'q') && next == Some(b'u') {
                    w[i + 1] = b'U';
                    continue;
                }
                break;
            }
            i += char_at(w, i).1;
        }
    }

    /// The byte after the first character at or after `from` that is (or is not) a vowel.
    fn past(&self, from: usize, vowel: bool) -> Option<usize> {
        let mut i = from;
        while i < self.w.len() {
            let (c, n) = char_at(&self.w, i);
            i += n;
            if is_vowel(c) == vowel {
                return Some(i);
            }
        }
        None
    }

    fn mark_regions(&mut self) {
        let len = self.w.len();
        (self.rv, self.r1, self.r2) = (len, len, len);
        if len > 0 {
            let (c0, n0) = char_at(&self.w, 0);
            let second = (n0 < len).then(|| char_at(&self.w, n0));
            if let Some((_, n1)) = second.filter(|&(c1, n1)| is_vowel(c0) && is_vowel(c1) && n0 + n1 < len) {
                self.rv = n0 + n1 + char_at(&self.w, n0 + n1).1;
            } else if matches!(self.w.get(..3), Some(b"par" | b"col" | b"tap")) {
                self.rv = 3;
            } else if let Some(p) = self.past(n0, true) {
                self.rv = p;
            }
        }
        if let Some(p1) = self.past(0, true).and_then(|i| self.past(i, false)) {
            self.r1 = p1;
            if let Some(p2) = self.past(p1, true).and_then(|i| self.past(i, false)) {
                self.r2 = p2;
            }
        }
    }

    fn standard_suffix(&mut self) -> bool {
        let Some((at, rule)) = self.suffix(0, STANDARD) else { return false };
        let (rv, r1, r2) = (self.rv <= at, self.r1 <= at, self.r2 <= at);
        match rule {
            1 if r2 => self.w.truncate(at),
            2 if r2 => {
                self.w.truncate(at);
                if self.ends_with("ic") {
                    let ic = self.w.len() - 2;
                    if self.r2 <= ic { self.w.truncate(ic) } else { self.replace_end(ic, "iqU") }
                }
            }
            3 if r2 => self.replace_end(at, "log"),
            4 if r2 => self.replace_end(at, "u"),
            5 if r2 => self.replace_end(at, "ent"),
            6 if rv => {
                self.w.truncate(at);
                match self.suffix(0, AFTER_EMENT) {
                    Some((at, 1)) if self.r2 <= at => {
                        self.w.truncate(at);
                        if self.ends_with("at") && self.r2 <= self.w.len() - 2 {
                            self.w.truncate(self.w.len() - 2);
                        }
                    }
                    Some((at, 2)) if self.r2 <= at => self.w.truncate(at),
                    Some((at, 2)) if self.r1 <= at => self.replace_end(at, "eux"),
                    Some((at, 3)) if self.r2 <= at => self.w.truncate(at),
                    Some((at, 4)) if self.rv <= at => self.replace_end(at, "i"),
                    _ => {}
                }
            }
            7 if r2 => {
                self.w.truncate(at);
                match self.suffix(0, AFTER_ITE) {
                    Some((at, 1)) => if self.r2 <= at { self.w.truncate(at) } else { self.replace_end(at, "abl") },
                    Some((at, 2)) => if self.r2 <= at { self.w.truncate(at) } else { self.replace_end(at, "iqU") },
                    Some((at, 3)) if self.r2 <= at => self.w.truncate(at),
                    _ => {}
                }
            }
            8 if r2 => {
                self.w.truncate(at);
                if self.ends_with("at") && self.r2 <= self.w.len() - 2 {
                    self.w.truncate(self.w.len() - 2);
                    if self.ends_with("ic") {
                        let ic = self.w.len() - 2;
                        if self.r2 <= ic { self.w.truncate(ic) } else { self.replace_end(ic, "iqU") }
                    }
                }
            }
            9 => self.replace_end(at, "eau"),
            10 if r1 => self.replace_end(at, "al"),
            11 if r2 => self.w.truncate(at),
            11 if r1 => self.replace_end(at, "eux"),
            12 if r1 && at > 0 && !is_vowel(char_before(&self.w, at).0) => self.w.truncate(at),
            // These edit the word and still fail, so that the verb suffixes are tried next.
            13 => {
                if rv {
                    self.replace_end(at, "ant");
                }
                return false;
            }
            14 => {
                if rv {
                    self.replace_end(at, "ent");
                }
                return false;
            }
            15 => {
                if at > 0 {
                    let (c, n) = char_before(&self.w, at);
                    if is_vowel(c) && self.rv <= at - n {
                        self.w.truncate(at);
                    }
                }
                return false;
            }
            _ => return false,
        }
        true
    }

    fn i_verb_suffix(&mut self) -> bool {
        if self.w.len() < self.rv {
            return false;
        }
        match self.suffix(self.rv, I_VERB) {
            Some((at, _)) if at > self.rv && !is_vowel(char_before(&self.w, at).0) => {
                self.w.truncate(at);
                true
            }
            _ => false,
        }
    }

    fn verb_suffix(&mut self) -> bool {
        if self.w.len() < self.rv {
            return false;
        }
        match self.suffix(self.rv, VERB) {
            Some((at, 1)) if self.r2 <= at => self.w.truncate(at),
            Some((at, 2)) => self.w.truncate(at),
            Some((at, 3)) => {
                self.w.truncate(at);
                if self.w.len() > self.rv && self.ends_with("e") {
                    self.w.pop();
                }
            }
            _ => return false,
        }
        true
    }

    fn residual_suffix(&mut self) -> bool {
        if self.ends_with("s") && self.w.len() > 1 {
            let (c, _) = char_before(&self.w, self.w.len() - 1);
            // Not after a, i, o, u, è or s.
            if !matches!(c, 0x61 | 0x69 | 0x6F | 0x75 | 0xE8 | 0x73) {
                self.w.pop();
            }
        }
        if self.w.len() < self.rv {
            return false;
        }
        match self.suffix(self.rv, RESIDUAL) {
            Some((at, 1)) if self.r2 <= at && at > self.rv && matches!(self.w[at - 1], b's' | b't') => self.w.truncate(at),
            Some((at, 2)) => self.replace_end(at, "i"),
            Some((at, 3)) => self.w.truncate(at),
            Some((at, 4)) if at >= self.rv + 2 && self.w[..at].ends_with(b"gu") => self.w.truncate(at),
            _ => return false,
        }
        true
    }

    fn un_double(&mut self) {
        if self.suffix(0, UN_DOUBLE).is_some() {
            self.w.pop();
        }
    }

    /// é or è before the final consonants becomes e.
    fn un_accent(&mut self) {
        let mut i = self.w.len();
        while i > 0 {
            let (c, n) = char_before(&self.w, i);
            if is_vowel(c) {
                break;
            }
            i -= n;
        }
        if i < self.w.len() && i >= 2 && matches!(&self.w[i - 2..i], [0xC3, 0xA8 | 0xA9]) {
            self.w[i - 2] = b'e';
            self.w.remove(i - 1);
        }
    }
}

/// The Snowball French stem of a lowercase word.
pub fn stem(word: &str) -> String {
    let mut w = Vec::with_capacity(word.len() + 2);
    w.extend_from_slice(word.as_bytes());
    let mut word = Word { w, rv: 0, r1: 0, r2: 0 };
    word.prelude();
    word.mark_regions();
    let suffix_removed = word.standard_suffix() || word.i_verb_suffix() || word.verb_suffix();
    if suffix_removed {
        if word.ends_with("Y") {
            word.replace_end(word.w.len() - 1, "i");
        } else if word.ends_with("ç") {
            word.replace_end(word.w.len() - 2, "c");
        }
    } else {
        word.residual_suffix();
    }
    word.un_double();
    word.un_accent();
    for b in &mut word.w {
        *b = match *b {
            b'I' => b'i',
            b'U' => b'u',
            b'Y' => b'y',
            b => b,
        };
    }
    // Only whole characters were replaced, by ASCII: still UTF-8.
    String::from_utf8(word.w).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use rust_stemmers::{Algorithm, Stemmer};

    #[test]
    fn tables_sorted_by_last_byte_then_longest_first() {
        let tables = [super::STANDARD, super::AFTER_EMENT, super::AFTER_ITE, super::I_VERB, super::VERB, super::RESIDUAL, super::UN_DOUBLE];
        for table in tables {
            let key = |s: &str| (s.as_bytes()[s.len() - 1], std::cmp::Reverse(s.len()));
            assert!(table.windows(2).all(|p| key(p[0].0) <= key(p[1].0)), "{table:?}");
        }
    }

    fn check(reference: &Stemmer, word: &str) {
        assert_eq!(super::stem(word), reference.stem(word), "{word:?}");
    }

    /// Every suffix of every table (and with a plural s) after stems chosen to reach each rule's
    /// conditions: regions short and long, vowels and consonants before the suffix, u/i/y
    /// between vowels, the prefixes par/col/tap, and accents.
    #[test]
    fn same_stems_as_rust_stemmers_on_every_suffix() {
        let reference = Stemmer::create(Algorithm::French);
        let stems = ["", "a", "b", "é", "ai", "aa", "ab", "qu", "gu", "ay", "yo", "oui", "aie", "par", "col", "tap",
            "parl", "chant", "fin", "abs", "ét", "èv", "abil", "ic", "at", "atic", "iv", "eus", "log", "ra", "aba",
            "rapid", "sensation", "mouvem", "pouv", "extrê", "ch", "bru", "ïn", "noël", "naï", "crois", "tra", "dé",
            "inform", "tissu", "activ", "amicaliqu", "réalis", "ennuy", "pay", "aboy", "jou", "continu"];
        let tables = [super::STANDARD, super::AFTER_EMENT, super::AFTER_ITE, super::I_VERB, super::VERB, super::RESIDUAL, super::UN_DOUBLE];
        let mut suffixes: Vec<String> = tables.iter().flat_map(|t| t.iter().map(|(s, _)| s.to_lowercase())).collect();
        suffixes.extend(["", "s", "x", "ç", "y", "e", "é", "è", "ère", "ie", "ic", "at", "atif", "ication", "ivement",
            "iquement", "abilité", "icité", "ivité", "eusement", "ièrement", "ssement", "gue", "guë", "sion", "tion"].map(String::from));
        for stem in stems {
            for suffix in &suffixes {
                for plural in ["", "s"] {
                    check(&reference, &format!("{stem}{suffix}{plural}"));
                }
            }
        }
    }

    /// Random strings over letters that the rules look at, and a few they never do.
    #[test]
    fn same_stems_as_rust_stemmers_on_random_strings() {
        let reference = Stemmer::create(Algorithm::French);
        let alphabet: Vec<char> = "aeiouyéèêëàâîïôûùçqgtsnlrmcbvIUYx-'0ñßж中".chars().collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..200_000 {
            let len = next(13);
            let word: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            check(&reference, &word);
        }
    }

    /// The words of the sample articles, and those of a file named by `LOUPE_STEM_WORDS`
    /// (a vocabulary or a news text, for a longer check) when set.
    #[test]
    fn same_stems_as_rust_stemmers_on_news_words() {
        let reference = Stemmer::create(Algorithm::French);
        let mut texts: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
            .unwrap()
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect();
        texts.extend(std::env::var("LOUPE_STEM_WORDS").ok().and_then(|p| std::fs::read_to_string(p).ok()));
        let mut checked = std::collections::HashSet::new();
        for text in &texts {
            for word in text.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'') {
                let low = crate::normalize::lower(word);
                if checked.insert(low.clone()) {
                    check(&reference, &low);
                }
            }
        }
        eprintln!("{} distinct words", checked.len());
        assert!(checked.len() > 1000, "{}", checked.len());
    }
}
