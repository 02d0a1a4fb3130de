//! Per-token facts computed once and read by every extractor.

use crate::document::Document;
use crate::lang::Lang;
use crate::normalize::{lower, Stemmers};
use crate::stopwords::StopWords;
use crate::text::TokenKind;

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
}

/// One entry per token; `None` for tokens that are not words or numbers.
pub fn word_infos(doc: &Document, lang: Lang, stemmers: &Stemmers, stop: &StopWords) -> Vec<Option<WordInfo>> {
    let mut out: Vec<Option<WordInfo>> = vec![None; doc.tokens.len()];
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
            let key = if t.kind == TokenKind::Number { low.clone() } else { stemmers.key(lang, surface) };
            out[ti] = Some(WordInfo { lower: low, key, stop, cap, acronym, sentence: si, sentence_initial: first_word });
            first_word = false;
        }
    }
    out
}
