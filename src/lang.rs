//! Document language: French or English, by stop-word evidence, else unknown.
//!
//! Function words are the most reliable cue for short news texts and cost no
//! extra data (the stop lists ship anyway). A text with too few of them, or a
//! text in another script, is `Unknown` rather than a guess.

use serde::Serialize;

use crate::stopwords::StopWords;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
    #[default]
    Unknown,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
            Lang::Unknown => "unknown",
        }
    }
    pub fn parse(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "fr" | "fra" | "fre" | "french" | "français" => Some(Lang::Fr),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Words frequent in one language and rare in the other (not homographs such as "a", "on", "me").
const FR_MARKERS: &[&str] = &[
    "le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "que", "qui", "pas", "sur",
    "au", "aux", "avec", "ce", "ces", "il", "elle", "nous", "vous", "ils", "sont", "par", "mais",
    "ou", "été", "plus", "leur", "selon", "cette", "entre", "d", "l", "qu", "n", "s", "j", "c",
];
const EN_MARKERS: &[&str] = &[
    "the", "and", "of", "to", "is", "that", "for", "with", "was", "are", "this", "by", "from",
    "have", "has", "had", "were", "be", "it", "its", "which", "their", "they", "been", "will",
    "would", "said", "not", "but", "an", "at", "or", "who", "we", "he", "she", "his", "her",
];

/// The markers as words packed in integers (`text::packed_word`), compared as numbers: a
/// list of string comparisons per word is a byte loop per comparison in wasm.
/// Sorted, for a binary search: 5,000 words against both lists one by one was 1 % of a 1 MB
/// analysis in V8.
const FR_PACKED: [u64; FR_MARKERS.len()] = sorted(crate::text::packed_words(FR_MARKERS));
const EN_PACKED: [u64; EN_MARKERS.len()] = sorted(crate::text::packed_words(EN_MARKERS));

const fn sorted<const N: usize>(mut v: [u64; N]) -> [u64; N] {
    let mut i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && v[j - 1] > v[j] {
            (v[j - 1], v[j]) = (v[j], v[j - 1]);
            j -= 1;
        }
        i += 1;
    }
    v
}

/// Detects the language from a text's words, in any case (elided articles as "l'", "d'").
pub fn detect<'a>(words: impl Iterator<Item = &'a str>) -> Lang {
    let (mut fr, mut en, mut total) = (0usize, 0usize, 0usize);
    for w in words.take(5000) {
        total += 1;
        let Some(w) = packed_lowercase(w) else { continue };
        fr += usize::from(FR_PACKED.binary_search(&w).is_ok());
        en += usize::from(EN_PACKED.binary_search(&w).is_ok());
    }
    let hits = fr.max(en);
    // Need some evidence, and a clear winner.
    if hits < 2 || hits * 12 < total {
        return Lang::Unknown;
    }
    if fr > en * 2 {
        Lang::Fr
    } else if en > fr * 2 {
        Lang::En
    } else {
        Lang::Unknown
    }
}

/// `packed_word` of a word as `detect` reads it: lowercased (`normalize::lowercased`), without
/// trailing apostrophes; None for a word that cannot be a marker. An ASCII word (most) is packed
/// from its bytes: no string is built. (Lowercasing words into strings was 4 % of a 1 MB analysis in V8.)
fn packed_lowercase(token: &str) -> Option<u64> {
    if !token.is_ascii() {
        return crate::text::packed_word(crate::normalize::lowercased(token).trim_end_matches('\''));
    }
    // (ASCII lowercasing keeps the length, and the zero padding stays zero.)
    let packed = crate::text::packed_word(token.trim_end_matches('\''))?;
    Some(u64::from_le_bytes(packed.to_le_bytes().map(|b| b.to_ascii_lowercase())))
}

/// The stop words of a language (French for `Unknown`): only that list is built.
pub fn stopwords(lang: Lang) -> &'static StopWords {
    match lang {
        Lang::En => crate::stopwords::english(),
        _ => crate::stopwords::french(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_lowercase_packs_the_lowercased_word() {
        for w in ["le", "Le", "LES", "l'", "L''", "'", "Qu'", "DANS", "Entre", "Selon", "aujourd'hui", "AUJOURD’HUI", "L’",
            "Été", "ÉTÉ", "été’", "İ", "\u{212A}", "ẞ", "x\u{2011}y", "abcdefgh", "abcdefghi", "Abcdefgh'", ""] {
            let want = crate::text::packed_word(crate::normalize::lowercased(w).trim_end_matches('\''));
            assert_eq!(packed_lowercase(w), want, "{w:?}");
        }
    }

    #[test]
    fn detects_fr_en_unknown() {
        let fr = "le chef de l otan veut des liens plus solides avec le japon pour défendre la démocratie";
        assert_eq!(detect(fr.split(' ')), Lang::Fr);
        let en = "the head of nato wants stronger ties with japan to defend democracy and it said that";
        assert_eq!(detect(en.split(' ')), Lang::En);
        assert_eq!(detect("東京 大阪 京都".split(' ')), Lang::Unknown);
        assert_eq!(detect(std::iter::empty()), Lang::Unknown);
    }

    #[test]
    fn short_texts_and_other_scripts() {
        assert_eq!(detect("le japon et l otan".split(' ')), Lang::Fr);
        assert_eq!(detect("japan and the nato".split(' ')), Lang::En);
        // One word is no evidence.
        assert_eq!(detect(["otan"].into_iter()), Lang::Unknown);
        assert_eq!(detect(["le"].into_iter()), Lang::Unknown);
        for other in ["офлайн в сети и не только", "مرحبا بالعالم في كل مكان", "東京 大阪 京都 と 日本", "😀 👍🏽 🇫🇷", "der die das und ist nicht"] {
            assert_eq!(detect(other.split(' ')), Lang::Unknown, "{other}");
        }
        // A French text quoting an English title stays French.
        let mixed = "le magazine écrit dans son article intitulé japan seeks deeper defence ties with nato que le japon va se rapprocher de l otan";
        assert_eq!(detect(mixed.split(' ')), Lang::Fr);
    }
}
