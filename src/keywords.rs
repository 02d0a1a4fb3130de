//! Keyphrases of one to four words, scored with YAKE's statistical features
//! (Campos et al., 2020): casing, position, frequency, relatedness to context,
//! and spread over sentences. YAKE's score is lower-is-better; it is turned into
//! a 0..1 score (higher is better) once, in `extract`.

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
    #[serde(skip)]
    pub key: String,
}

#[derive(Default)]
struct TermStats {
    tf: f32,
    tf_case: f32,
    sentences: Vec<usize>,
    left: Vec<usize>,
    right: Vec<usize>,
}

const MAX_WORDS: usize = 4;

pub fn extract(doc: &Document, words: &[Option<WordInfo>], max: usize) -> Vec<Keyword> {
    // 1. Term statistics over content words.
    let mut term_ids: HashMap<&str, usize> = HashMap::new();
    let mut terms: Vec<TermStats> = Vec::new();
    let mut token_term: Vec<Option<usize>> = vec![None; words.len()];
    for (ti, w) in words.iter().enumerate() {
        let Some(w) = w else { continue };
        if doc.tokens[ti].kind != TokenKind::Word {
            continue;
        }
        let id = *term_ids.entry(w.key.as_str()).or_insert_with(|| {
            terms.push(TermStats::default());
            terms.len() - 1
        });
        token_term[ti] = Some(id);
        let t = &mut terms[id];
        t.tf += 1.0;
        if w.acronym || (w.cap && !w.sentence_initial) {
            t.tf_case += 1.0;
        }
        if t.sentences.last() != Some(&w.sentence) {
            t.sentences.push(w.sentence);
        }
    }
    // Co-occurrence with the neighbouring word in the same sentence (window 1).
    for s in &doc.sentences {
        let ids: Vec<usize> = (s.tokens.0..s.tokens.1).filter_map(|ti| token_term[ti]).collect();
        for pair in ids.windows(2) {
            terms[pair[1]].left.push(pair[0]);
            terms[pair[0]].right.push(pair[1]);
        }
    }
    let is_stop_term: Vec<bool> = {
        let mut v = vec![false; terms.len()];
        for (ti, w) in words.iter().enumerate() {
            if let (Some(w), Some(id)) = (w, token_term[ti]) {
                v[id] |= w.stop;
            }
        }
        v
    };
    let n_sent = doc.sentences.len().max(1) as f32;
    let content_tfs: Vec<f32> = terms.iter().zip(&is_stop_term).filter(|(_, s)| !**s).map(|(t, _)| t.tf).collect();
    let (mean, std) = mean_std(&content_tfs);
    let max_tf = content_tfs.iter().copied().fold(1.0f32, f32::max);
    let weight: Vec<f32> = terms
        .iter()
        .map(|t| {
            let t_case = t.tf_case / (1.0 + t.tf.ln());
            let median = t.sentences[t.sentences.len() / 2] as f32;
            let t_pos = (3.0 + median).ln().ln();
            let t_freq = t.tf / (mean + std).max(1.0);
            let dl = distinct_ratio(&t.left);
            let dr = distinct_ratio(&t.right);
            let t_rel = 1.0 + (dl + dr) * t.tf / max_tf;
            let t_sent = t.sentences.len() as f32 / n_sent;
            (t_rel * t_pos) / (t_case + t_freq / t_rel + t_sent / t_rel)
        })
        .collect();

    // 2. Candidates: 1–4 consecutive words in one sentence, no stop word at either end.
    struct Cand {
        tf: f32,
        score: f32,
        mentions: Vec<Span>,
        surfaces: HashMap<String, usize>,
        first: usize,
    }
    let mut cands: HashMap<String, Cand> = HashMap::new();
    for s in &doc.sentences {
        let (a, b) = s.tokens;
        for i in a..b {
            let Some(wi) = &words[i] else { continue };
            if wi.stop || token_term[i].is_none() || wi.lower.chars().count() < 2 {
                continue;
            }
            let mut key = String::new();
            let mut n_words = 0;
            let mut j = i;
            while j < b && n_words < MAX_WORDS {
                let t = doc.tokens[j];
                let joinable = match t.kind {
                    TokenKind::Word => true,
                    TokenKind::Elision => j > i && j + 1 < b, // "l'" inside a phrase
                    _ => false,
                };
                if !joinable {
                    break;
                }
                if t.kind == TokenKind::Word {
                    let w = words[j].as_ref().unwrap();
                    if !key.is_empty() {
                        key.push(' ');
                    }
                    key.push_str(&w.key);
                    n_words += 1;
                    if !w.stop {
                        let span = Span::new(doc.tokens[i].span.start, t.span.end);
                        let c = cands.entry(key.clone()).or_insert_with(|| Cand {
                            tf: 0.0,
                            score: 0.0,
                            mentions: Vec::new(),
                            surfaces: HashMap::new(),
                            first: span.start,
                        });
                        c.tf += 1.0;
                        c.mentions.push(span);
                        *c.surfaces.entry(span.of(&doc.text).to_string()).or_insert(0) += 1;
                    }
                }
                j += 1;
            }
        }
    }
    // 3. YAKE candidate score: prod(H) / (tf * (1 + sum(H))), over the non-stop words.
    let mut scored: Vec<(String, Cand)> = cands
        .into_iter()
        .map(|(key, mut c)| {
            let (mut prod, mut sum) = (1.0f32, 0.0f32);
            for k in key.split(' ') {
                if let Some(&id) = term_ids.get(k) {
                    if !is_stop_term[id] {
                        prod *= weight[id];
                        sum += weight[id];
                    }
                }
            }
            c.score = prod / (c.tf * (1.0 + sum));
            (key, c)
        })
        .collect();
    scored.sort_by(|a, b| a.1.score.total_cmp(&b.1.score).then_with(|| a.0.cmp(&b.0)));

    // 4. Drop near-duplicates of better candidates; convert the score.
    let mut out: Vec<Keyword> = Vec::new();
    let best = scored.first().map_or(1.0, |c| c.1.score.max(f32::MIN_POSITIVE));
    for (key, c) in scored {
        if out.len() >= max {
            break;
        }
        if out.iter().any(|k| similar(&k.key, &key)) {
            continue;
        }
        let mut surfaces: Vec<(&String, &usize)> = c.surfaces.iter().collect();
        surfaces.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        let _ = c.first;
        out.push(Keyword {
            text: surfaces[0].0.clone(),
            score: (best / c.score.max(f32::MIN_POSITIVE)).sqrt().clamp(0.0, 1.0),
            mentions: c.mentions,
            key,
        });
    }
    out
}

fn similar(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let longest = la.max(lb).max(1);
    if la.abs_diff(lb) * 5 > longest {
        return false;
    }
    edit_distance(a, b) * 5 < longest
}

fn distinct_ratio(ids: &[usize]) -> f32 {
    if ids.is_empty() {
        return 0.0;
    }
    let mut v = ids.to_vec();
    v.sort_unstable();
    v.dedup();
    v.len() as f32 / ids.len() as f32
}

fn mean_std(v: &[f32]) -> (f32, f32) {
    if v.is_empty() {
        return (0.0, 0.0);
    }
    let n = v.len() as f32;
    let mean = v.iter().sum::<f32>() / n;
    let var = v.iter().map(|x| (x - mean) * (x - mean)).sum::<f32>() / n;
    (mean, var.sqrt())
}
