//! Keyphrases of one to four content words, found without a tagger.
//!
//! 1. Candidates are noun-phrase-like runs inside a sentence: content words
//!    (not stop words, not verb-looking), optionally linked by one French or
//!    English preposition with its article ("missiles à longue portée",
//!    "stratégie de sécurité nationale", "forces de la coalition").
//! 2. Variants share a key (stems, accents folded, linkers and case ignored), so
//!    "l’OTAN", "L'Otan" and "OTAN" are one keyphrase with all their mentions.
//! 3. Each key is scored like TF-IDF: how often the phrase and its words occur in
//!    the document, times how rare its words are in general language (Zipf
//!    frequencies shipped in `data/wordfreq-*.txt`) or, when a corpus is given,
//!    across its documents; early and capitalised mentions count more.
//!    Scores are scaled to 0..1 (the best keyphrase scores 1).

use std::collections::HashMap;

use serde::Serialize;

use crate::document::Document;
use crate::normalize::edit_distance;
use crate::span::Span;
use crate::text::TokenKind;
use crate::words::WordInfo;

#[derive(Debug, Clone, Serialize)]
pub struct Keyword {
    /// Display form: the most frequent surface form of the group.
    pub text: String,
    /// Score in 0..1, higher is better; the best keyphrase of a text scores 1.
    pub score: f32,
    pub mentions: Vec<Span>,
    /// Matching key: the content words' stems, space-separated.
    #[serde(skip)]
    pub key: String,
}

/// Document frequencies of word keys over a set of documents analysed together:
/// with it, rarity across the corpus joins rarity in general language.
#[derive(Debug, Clone, Default)]
pub struct DocFrequencies {
    pub documents: u32,
    /// Word key → number of documents that contain it.
    pub counts: HashMap<String, u32>,
}

impl DocFrequencies {
    /// Counts one document's distinct word keys.
    pub fn add_document(&mut self, words: &[Option<WordInfo>]) {
        let mut keys: Vec<&str> = words.iter().flatten().filter(|w| !w.stop).map(|w| w.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            *self.counts.entry(k.to_string()).or_insert(0) += 1;
        }
        self.documents += 1;
    }
}

const MAX_CONTENT_WORDS: usize = 4;
/// Zipf of the most common words ("de", "the" are about 7.5): rarity is measured below it.
/// Rarity is `RARITY_CEILING - Zipf`: a ceiling above the commonest words keeps even
/// everyday nouns ("lancement", "avion") in play when the document repeats them.
const RARITY_CEILING: f32 = 9.0;
/// Weight of an early first mention (the title and lead name the subject).
const EARLY_BONUS: f32 = 2.0;
/// Weight of a phrase mostly written with a capital inside sentences (a name).
const NAME_BONUS: f32 = 1.2;

/// Prepositions that may link two parts of a noun phrase.
const LINKERS: &[&str] = &["de", "du", "des", "d'", "à", "au", "aux", "en", "of", "for"];
/// Articles allowed right after a linker.
const LINK_ARTICLES: &[&str] = &["la", "l'", "le", "les", "the"];
/// Words after which the next word is a verb: clitics, auxiliaries, negation.
const VERB_CUES: &[&str] = &[
    "il", "elle", "ils", "elles", "on", "je", "nous", "vous", "ne", "n'", "se", "s'", "qui", "y", "a", "ont",
    "avait", "avaient", "aura", "auront", "est", "sont", "était", "étaient", "sera", "seront", "été", "va",
    "vont", "peut", "peuvent", "doit", "doivent", "pourrait", "devrait", "he", "she", "they", "we", "has",
    "have", "had", "will", "would", "could", "should", "can", "may", "might", "must", "did", "does",
    "was", "were", "is", "are", "been", "not",
];
/// Month and day names: dates are never keyphrases.
const CALENDAR: &[&str] = &[
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];
/// Endings of French conjugated verbs that nouns rarely have.
const VERB_ENDINGS: &[&str] = &["ait", "aient", "èrent", "era", "eraient", "erait", "eront", "issent", "ions", "iez"];

/// `max` keyphrases, best first. `corpus`, when given, are document frequencies
/// of the documents analysed together (this one included).
pub fn extract(doc: &Document, words: &[Option<WordInfo>], max: usize, corpus: Option<&DocFrequencies>) -> Vec<Keyword> {
    let content: Vec<bool> = (0..words.len()).map(|ti| is_content(doc, words, ti)).collect();

    struct Cand {
        mentions: Vec<Span>,
        surfaces: HashMap<String, u32>,
        first_sentence: usize,
        content_keys: Vec<usize>,
        capitalised: u32,
    }
    let mut cands: HashMap<String, Cand> = HashMap::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let (a, b) = s.tokens;
        for i in a..b {
            if !content[i] || doc.tokens[i].kind != TokenKind::Word {
                continue;
            }
            let mut key = String::new();
            let mut content_tokens: Vec<usize> = Vec::new();
            let mut j = i;
            let mut linked = false;
            while j < b && content_tokens.len() < MAX_CONTENT_WORDS {
                if content[j] {
                    let w = words[j].as_ref().unwrap();
                    let prev_cap = j > i && content[j - 1] && words[j - 1].as_ref().is_some_and(|p| p.cap || p.acronym);
                    if prev_cap && !w.cap && doc.tokens[j].kind == TokenKind::Word {
                        break;
                    }
                    if !key.is_empty() {
                        key.push(' ');
                    }
                    key.push_str(&w.key);
                    content_tokens.push(j);
                    let span = Span::new(doc.tokens[i].span.start, doc.tokens[j].span.end);
                    let c = cands.entry(key.clone()).or_insert_with(|| Cand {
                        mentions: Vec::new(),
                        surfaces: HashMap::new(),
                        first_sentence: si,
                        content_keys: Vec::new(),
                        capitalised: 0,
                    });
                    if c.content_keys.is_empty() {
                        c.content_keys = content_tokens.clone();
                    }
                    c.mentions.push(span);
                    if words[i].as_ref().is_some_and(|w| (w.cap && !w.sentence_initial) || w.acronym) {
                        c.capitalised += 1;
                    }
                    *c.surfaces.entry(span.of(&doc.text).to_string()).or_insert(0) += 1;
                    j += 1;
                    continue;
                }
                // One linker ("de", "de la", "d'", "à l'") then a content word.
                if linked {
                    break;
                }
                linked = true;
                let Some(after) = linker_end(doc, words, j, b) else { break };
                if after >= b || !content[after] || doc.tokens[after].kind != TokenKind::Word {
                    break;
                }
                j = after;
            }
        }
    }

    // Score every candidate.
    let idf = |key: &str, zipf: f32| -> f32 {
        let general = (RARITY_CEILING - zipf).max(0.2);
        match corpus {
            Some(df) if df.documents > 1 => {
                let n = df.documents as f32;
                let d = df.counts.get(key).copied().unwrap_or(1) as f32;
                general * (1.0 + ((n + 1.0) / d).ln()) / (1.0 + (n + 1.0).ln())
            }
            _ => general,
        }
    };
    let mut idf_cache: HashMap<&str, f32> = HashMap::new();
    let mut scored: Vec<(String, f32, Cand)> = Vec::with_capacity(cands.len());
    for (key, c) in cands {
        let tf = c.mentions.len() as f32;
        let mut sum_idf = 0.0;
        let mut n_scored = 0.0f32;
        for &ti in &c.content_keys {
            let w = words[ti].as_ref().unwrap();
            if doc.tokens[ti].kind == TokenKind::Number {
                continue;
            }
            n_scored += 1.0;
            let k = w.key.as_str();
            let v = *idf_cache.entry(k).or_insert_with(|| idf(k, w.zipf));
            sum_idf += v;
        }
        let mean_idf = sum_idf / n_scored.max(1.0);
        let position = 1.0 + EARLY_BONUS / (1.0 + c.first_sentence as f32);
        let casing = if c.capitalised * 2 >= c.mentions.len() as u32 { NAME_BONUS } else { 1.0 };
        let score = tf * mean_idf * position * casing;
        scored.push((key, score, c));
    }
    // A capitalised word seen mostly inside one longer name ("Alan" in "Alan Turing") is part of it.
    let multi: Vec<(&str, &Vec<Span>)> =
        scored.iter().filter(|c| c.0.contains(' ')).map(|c| (c.0.as_str(), &c.2.mentions)).collect();
    let mut penalties: Vec<f32> = vec![1.0; scored.len()];
    for (idx, (key, _, c)) in scored.iter().enumerate() {
        if key.contains(' ') || c.capitalised == 0 {
            continue;
        }
        let total = c.mentions.len();
        let inside = multi.iter().filter(|(k, _)| k.split(' ').any(|p| p == key)).map(|(_, ms)| {
            c.mentions.iter().filter(|m| ms.iter().any(|o| o.start <= m.start && m.end <= o.end)).count()
        }).max().unwrap_or(0);
        if inside * 4 >= total * 3 {
            penalties[idx] = 0.5;
        }
    }
    for (c, p) in scored.iter_mut().zip(penalties) {
        c.1 *= p;
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

    // Keep the best of near-duplicate keys; scale scores to 0..1.
    let best = scored.first().map_or(1.0, |c| c.1.max(f32::MIN_POSITIVE));
    let mut out: Vec<Keyword> = Vec::new();
    for (key, score, c) in scored {
        if out.len() >= max {
            break;
        }
        if out.iter().any(|k| similar(&k.key, &key)) {
            continue;
        }
        let mut surfaces: Vec<(String, u32)> = c.surfaces.into_iter().collect();
        surfaces.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut mentions = c.mentions;
        mentions.sort();
        out.push(Keyword {
            text: surfaces.swap_remove(0).0,
            score: (score / best).clamp(0.0, 1.0),
            mentions,
            key,
        });
    }
    out
}

/// A content word: a word or number that is not a stop word and does not look like a verb.
/// Numbers count only after a word ("Falcon 9").
fn is_content(doc: &Document, words: &[Option<WordInfo>], ti: usize) -> bool {
    let Some(w) = &words[ti] else { return false };
    match doc.tokens[ti].kind {
        TokenKind::Number => {
            return ti > 0 && doc.tokens[ti - 1].kind == TokenKind::Word && words[ti - 1].as_ref().is_some_and(|p| !p.stop && p.cap)
        }
        TokenKind::Word => {}
        _ => return false,
    }
    if w.stop || w.lower.chars().count() < 2 || CALENDAR.contains(&w.lower.as_str()) {
        return false;
    }
    if !w.cap && VERB_ENDINGS.iter().any(|e| w.lower.ends_with(e) && w.lower.len() > e.len() + 2) {
        return false;
    }
    let after_verb_cue = ti > 0
        && matches!(doc.tokens[ti - 1].kind, TokenKind::Word | TokenKind::Elision)
        && VERB_CUES.contains(&lower_token(doc, ti - 1).as_str());
    w.cap || !after_verb_cue
}

fn lower_token(doc: &Document, ti: usize) -> String {
    crate::normalize::lower(doc.tokens[ti].span.of(&doc.text))
}

/// If a linker starts at token `j`, the index of the token after it (and its article).
fn linker_end(doc: &Document, words: &[Option<WordInfo>], j: usize, b: usize) -> Option<usize> {
    let is_linker_token = |k: usize| matches!(doc.tokens[k].kind, TokenKind::Word | TokenKind::Elision);
    if !is_linker_token(j) || words[j].as_ref().is_some_and(|w| w.cap) {
        return None;
    }
    let first = lower_token(doc, j);
    if !LINKERS.contains(&first.as_str()) {
        return None;
    }
    let mut k = j + 1;
    if k < b && is_linker_token(k) && LINK_ARTICLES.contains(&lower_token(doc, k).as_str()) {
        k += 1;
    }
    Some(k)
}

fn similar(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let longest = la.max(lb).max(1);
    if la.abs_diff(lb) * 5 > longest {
        return false;
    }
    edit_distance(a, b) * 5 < longest
}
