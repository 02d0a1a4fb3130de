//! Matching keys for words. Keys are for comparing only; displayed text and
//! spans always come from the original input.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

use crate::french_stem;
use crate::lang::Lang;

/// Lowercase, with typographic apostrophes folded to `'`.
pub fn lower(word: &str) -> String {
    // Most words are ASCII: one byte-wise pass, same result as the general loop.
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        push_lower(&mut out, c, |out, c| out.push(c));
    }
    out
}

/// `lower(word)`, borrowed when the word is already in that form (most words in running text).
pub fn lowercased(word: &str) -> Cow<'_, str> {
    let unchanged = |c: char| {
        if c.is_ascii() {
            return !c.is_ascii_uppercase();
        }
        let mut l = c.to_lowercase();
        !matches!(c, '’' | 'ʼ' | '‘' | '\u{2010}' | '\u{2011}') && l.next() == Some(c) && l.next().is_none()
    };
    if word.bytes().all(|b| !b.is_ascii_uppercase()) && (word.is_ascii() || word.chars().all(unchanged)) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(lower(word))
    }
}

/// Appends what `lower` makes of `c`, each resulting character through `push`.
#[inline]
fn push_lower(out: &mut String, c: char, mut push: impl FnMut(&mut String, char)) {
    match c {
        '’' | 'ʼ' | '‘' => push(out, '\''),
        '\u{2010}' | '\u{2011}' => push(out, '-'),
        c if c.is_ascii() => push(out, c.to_ascii_lowercase()),
        c => c.to_lowercase().for_each(|l| push(out, l)),
    }
}

/// Removes Latin diacritics and ligatures (é→e, œ→oe) from an already lowercased word.
pub fn fold_accents(word: &str) -> String {
    folded(word).into_owned()
}

/// `fold_accents`, borrowed when there is nothing to fold.
fn folded(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        push_folded(&mut out, c);
    }
    Cow::Owned(out)
}

/// `fold_accents(&lower(word))` in one pass, without the intermediate string.
pub fn lower_folded(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        push_lower(&mut out, c, push_folded);
    }
    out
}

#[inline]
fn push_folded(out: &mut String, c: char) {
    match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => out.push('a'),
        'é' | 'è' | 'ê' | 'ë' => out.push('e'),
        'î' | 'ï' | 'í' | 'ì' => out.push('i'),
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
        'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
        'ÿ' | 'ý' => out.push('y'),
        'ç' => out.push('c'),
        'ñ' => out.push('n'),
        'œ' => out.push_str("oe"),
        'æ' => out.push_str("ae"),
        '\u{0300}'..='\u{036F}' => {}
        c => out.push(c),
    }
}

/// A stemmer per language; `Unknown` text is stemmed as French (the product's first language).
/// French is `french_stem` (Snowball's algorithm, faster by hand), English rust-stemmers'.
pub struct Stemmers {
    en: Stemmer,
}

impl Default for Stemmers {
    fn default() -> Self {
        Stemmers { en: Stemmer::create(Algorithm::English) }
    }
}

impl Stemmers {
    /// The matching key of a word: lowercase, stemmed, accents folded.
    /// "Militaires" and "militaire" share one key; so do "OTAN" and "Otan".
    pub fn key(&self, lang: Lang, word: &str) -> String {
        self.key_of_lower(lang, &lowercased(word))
    }

    /// `key` of a word already in `lower`'s form.
    pub fn key_of_lower(&self, lang: Lang, low: &str) -> String {
        let stem = if lang == Lang::En { self.en.stem(low).into_owned() } else { french_stem::stem(low) };
        match folded(&stem) {
            Cow::Borrowed(_) => stem,
            Cow::Owned(f) => f,
        }
    }
}

/// Levenshtein distance, for near-miss names ("Soltenberg" ~ "Stoltenberg").
/// Words over 256 bytes are never names: for them any difference counts as the
/// longer length, which keeps this O(n·m) loop cheap on hostile input.
pub fn edit_distance(a: &str, b: &str) -> usize {
    if a.len() > 256 || b.len() > 256 {
        return if a == b { 0 } else { a.chars().count().max(b.chars().count()) };
    }
    // Matching keys are accent-folded, so mostly ASCII: then bytes are characters.
    if a.is_ascii() && b.is_ascii() {
        return levenshtein(a.as_bytes(), b.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    levenshtein(&a, &b)
}

/// Levenshtein distance of two sequences of at most 256 items each; the rows fit on the stack.
fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let (mut rows_a, mut rows_b) = ([0u16; 257], [0u16; 257]);
    // (Swapped as references: swapping the arrays would copy them.)
    let (mut prev, mut cur) = (&mut rows_a[..=b.len()], &mut rows_b[..=b.len()]);
    for (j, p) in prev.iter_mut().enumerate() {
        *p = j as u16;
    }
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i as u16 + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + u16::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    usize::from(prev[b.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_matches_the_textbook_one() {
        let words = ["", "a", "otan", "stoltenberg", "soltenberg", "missile", "missiles", "kishida", "kishid a", "x".repeat(256).leak(),
            "stoltènberg", "taïwan", "é", "ü".repeat(128).leak()];
        for a in words {
            for b in words {
                let general = {
                    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                    let mut prev: Vec<usize> = (0..=b.len()).collect();
                    for (i, ca) in a.iter().enumerate() {
                        let mut cur = vec![i + 1; b.len() + 1];
                        for (j, cb) in b.iter().enumerate() {
                            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
                        }
                        prev = cur;
                    }
                    prev[b.len()]
                };
                assert_eq!(edit_distance(a, b), general, "{a} {b}");
            }
        }
    }

    #[test]
    fn keys_group_variants() {
        let s = Stemmers::default();
        assert_eq!(s.key(Lang::Fr, "Militaires"), s.key(Lang::Fr, "militaire"));
        assert_eq!(s.key(Lang::Fr, "OTAN"), s.key(Lang::Fr, "Otan"));
        // Capitals often lose their accent in French: "Etats-Unis" for "États-Unis".
        assert_eq!(s.key(Lang::Fr, "États-Unis"), s.key(Lang::Fr, "Etats-Unis"));
        assert_eq!(edit_distance("Soltenberg", "Stoltenberg"), 1);
    }

    #[test]
    fn one_pass_forms_match_the_two_pass_ones() {
        for w in ["États-Unis", "L’ŒUVRE", "İstanbul", "Zoë\u{2011}Ève", "e\u{301}cole", "ПРАВДА", "ǅ", "straße", "ABC"] {
            assert_eq!(lower_folded(w), fold_accents(&lower(w)), "{w}");
            let general: String = w.chars().flat_map(|c| match c {
                '’' | 'ʼ' | '‘' => vec!['\''],
                '\u{2010}' | '\u{2011}' => vec!['-'],
                c => c.to_lowercase().collect(),
            }).collect();
            assert_eq!(lower(w), general, "{w}");
            assert_eq!(lowercased(w), general, "{w}");
            assert_eq!(lowercased(&general), general, "{w}");
            assert!(matches!(lowercased(&general), Cow::Borrowed(_)), "{w}");
        }
    }
}
