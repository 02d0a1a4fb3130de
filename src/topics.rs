//! Topic tagging against a taxonomy: IPTC Media Topics by default (with a
//! curated French and English trigger vocabulary, `data/topics/`), or a site's
//! own sections (`Taxonomy::from_json`, schema in `data/topics/README.md`).
//!
//! Each trigger is a word or phrase, matched on stemmed, accent-folded keys.
//! A topic's evidence is the trigger mentions found (spans into the text, for
//! highlighting); headline and lead mentions weigh more, and level-2 evidence
//! also counts for its level-1 parent. Confidence (0..1) combines how much
//! evidence there is with how clearly the topic beats its siblings; topics under
//! the threshold are dropped, so a text with no clear topic gets none.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::tables::{split_ascii, split_once_ascii};

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::document::{Block, BlockKind, Document};
use crate::error::{Error, Result};
use crate::json::Json;
use crate::lang::Lang;
use crate::normalize::Stemmers;
use crate::span::Span;
use crate::text::{Token, TokenKind};
use crate::words::{WordInfo, Words};

#[derive(Debug, Clone)]
pub struct TopicDef {
    /// "medtop:16000000", or a site's own id.
    pub id: String,
    pub parent: Option<usize>,
    pub level: u8,
    pub label_fr: String,
    pub label_en: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// The span's text: one copy per distinct text, shared by its mentions.
    pub text: SharedText,
    pub start: usize,
    pub end: usize,
}

/// A string shared by reference count (a long text repeats its trigger words thousands of
/// times: one allocation each was most of tagging's own allocations, and freeing them later
/// as much again). Reads as a `&str`, serialises as a string.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedText(std::sync::Arc<str>);

impl std::ops::Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Serialize for SharedText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl std::fmt::Debug for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&*self.0, f)
    }
}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<SharedText> for &str {
    fn eq(&self, other: &SharedText) -> bool {
        *self == &*other.0
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Topic {
    pub id: String,
    pub label: String,
    pub level: u8,
    /// Id of the parent topic, if any.
    pub parent: Option<String>,
    /// Confidence in 0..1.
    pub score: f32,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Default)]
pub struct Taxonomy {
    pub topics: Vec<TopicDef>,
    /// A site taxonomy's triggers per language. The shipped IPTC ones are built on first use
    /// of their language, once per process (see `Taxonomy::triggers`).
    fr: OnceLock<Triggers>,
    en: OnceLock<Triggers>,
    /// IPTC code → topic, to build the shipped triggers; empty for a site taxonomy.
    iptc_index: FxHashMap<String, usize>,
}

/// The triggers of one language, by key (space-joined word keys). The shipped ones borrow
/// their keys and forms from the compiled text wherever they are spelled there as they are
/// (no accent to fold, no stem mark): building them is the first analysis's largest set-up,
/// run before the browser has optimised the code, so it allocates as little as it can.
#[derive(Debug, Default)]
struct Triggers {
    /// Key → the triggers stemmed to it, in the order read: a topic's first weight counts.
    keys: FxHashMap<Cow<'static, str>, Vec<TriggerForm>>,
    /// The first words of the multi-word keys ("ministr", "ministr defens" for
    /// "ministr defens national"): matching stops when a phrase is not one of them.
    prefixes: FxHashSet<Cow<'static, str>>,
    /// Words in the longest key.
    max_words: usize,
}

/// A trigger's written form (lowercase words) and topic: a text word counts for a topic only
/// as an inflection of one of that topic's forms ("government" is not evidence for
/// "governance"), see [`same_word`].
#[derive(Debug, Clone)]
struct TriggerForm {
    /// The words, each possibly followed by its compiled stem mark (`~N:s`, see [`push_key`]),
    /// which [`form_words`] leaves out: the shipped forms are the compiled text itself.
    form: Cow<'static, str>,
    topic: usize,
    weight: f32,
}

impl Triggers {
    fn add(&mut self, key: Cow<'static, str>, form: Cow<'static, str>, topic: usize, weight: f32) {
        if key.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(key.bytes().filter(|&b| b == b' ').count() + 1);
        for (at, _) in key.match_indices(' ') {
            if !self.prefixes.contains(&key[..at]) {
                self.prefixes.insert(match &key {
                    Cow::Borrowed(k) => Cow::Borrowed(&k[..at]),
                    Cow::Owned(k) => Cow::Owned(k[..at].to_string()),
                });
            }
        }
        let entry = TriggerForm { form, topic, weight };
        // One hash per form, whether its key is new or not.
        match self.keys.entry(key) {
            std::collections::hash_map::Entry::Occupied(mut list) => {
                let list = list.get_mut();
                if !list.iter().any(|t| t.topic == topic && form_words(&t.form).eq(form_words(&entry.form))) {
                    list.push(entry);
                }
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(vec![entry]);
            }
        }
    }

    /// A key's topics, each once with its first weight, in the order read.
    fn topics(list: &[TriggerForm]) -> impl Iterator<Item = (usize, f32)> + '_ {
        list.iter().enumerate().filter(|&(i, t)| !list[..i].iter().any(|o| o.topic == t.topic)).map(|(_, t)| (t.topic, t.weight))
    }

    /// Whether a text phrase (its words' lowercase forms) is, word by word, an
    /// inflection of one of `topic`'s triggers in `list` (one key's).
    /// `same` remembers [`same_word`] answers by the words' addresses and lengths: the
    /// forms live in `self` and a text's words share one string per surface, so pairs repeat.
    #[inline(never)]
    fn form_matches(list: &[TriggerForm], lang: Lang, topic: usize, text: &[&str], same: &mut SameWordCache) -> bool {
        list.iter().any(|t| {
            let f = &*t.form;
            t.topic == topic && f.bytes().filter(|&b| b == b' ').count() + 1 == text.len() && form_words(f).zip(text).all(|(a, b)| {
                let pair = (a.as_ptr() as usize, a.len(), b.as_ptr() as usize, b.len());
                *same.entry(pair).or_insert_with(|| same_word(lang, a, b))
            })
        })
    }

    /// The shipped trigger vocabulary of one language, as `build.rs` compiled it from
    /// `data/topics/<lang>.tsv`: a line with the number of forms, then one
    /// `qcode<TAB>weight<TAB>form|form|…` line per (topic, weight), each word of a form marked
    /// with how its stemmed key differs from it, so nothing is stemmed here (see [`push_key`]).
    /// Built once per process (see [`Taxonomy::triggers`]): the keys that are not spelled in
    /// the compiled text are decoded into one string kept for the life of the module, like
    /// the text itself, so no key or prefix costs an allocation of its own.
    fn iptc(lang: Lang, index: &FxHashMap<String, usize>) -> Triggers {
        let compiled = if lang == Lang::En { TRIGGERS_EN } else { TRIGGERS_FR };
        let (count, body) = split_once_ascii(compiled, b'\n').unwrap_or(("", compiled));
        let count: usize = count.parse().unwrap_or(0);
        struct Form {
            entry: &'static str,
            topic: usize,
            weight: f32,
            /// Where its key is in `decoded`; None when the entry is spelled as its key.
            key: Option<(u32, u32)>,
        }
        let mut forms: Vec<Form> = Vec::with_capacity(count);
        let mut decoded = String::with_capacity(body.len());
        for line in split_ascii(body, b'\n') {
            let mut f = split_ascii(line, b'\t');
            let (Some(code), Some(weight), Some(entries)) = (f.next(), f.next(), f.next()) else { continue };
            // Whole numbers (checked by build.rs): no float parser in the wasm for them.
            let (Some(&topic), Ok(weight)) = (index.get(code), weight.parse::<u8>()) else { continue };
            for entry in split_ascii(entries, b'|') {
                let key = entry.bytes().any(|b| b == b'~' || !b.is_ascii()).then(|| {
                    let start = decoded.len();
                    push_key(entry, &mut decoded);
                    (start as u32, decoded.len() as u32)
                });
                forms.push(Form { entry, topic, weight: f32::from(weight), key });
            }
        }
        let decoded: &'static str = Box::leak(decoded.into_boxed_str());
        let mut triggers = Triggers::default();
        // Sized once, not grown step by step.
        triggers.keys.reserve(forms.len());
        for Form { entry, topic, weight, key } in forms {
            let key = key.map_or(entry, |(start, end)| &decoded[start as usize..end as usize]);
            triggers.add(Cow::Borrowed(key), Cow::Borrowed(entry), topic, weight);
        }
        triggers
    }
}

/// The written words of a trigger form, without their compiled stem marks.
fn form_words(form: &str) -> impl Iterator<Item = &str> {
    form.split(' ').map(|w| w.split_once('~').map_or(w, |(written, _)| written))
}

/// [`same_word`] answers of one tagging, keyed by (form address, length, text word address, length).
type SameWordCache = FxHashMap<(usize, usize, usize, usize), bool>;

/// A compiled trigger (`build.rs`: `encode_form`) → its key, appended to `key`: a word `w~N:s`
/// has the key "`w` accent-folded, less its last N characters, plus `s`"; a bare word is its
/// own key once folded. The written form is `entry` itself, read through [`form_words`].
fn push_key(entry: &str, key: &mut String) {
    let key_start = key.len();
    for word in split_ascii(entry, b' ') {
        if key.len() > key_start {
            key.push(' ');
        }
        let (written, delta) = split_once_ascii(word, b'~').unwrap_or((word, "0"));
        let (cut, suffix) = split_once_ascii(delta, b':').unwrap_or((delta, ""));
        let start = key.len();
        if written.is_ascii() {
            key.push_str(written);
        } else {
            key.push_str(&crate::normalize::fold_accents(written));
        }
        // Less the last `cut` characters of the folded word (all of them when it has fewer).
        let cut = cut.parse().unwrap_or(0);
        if cut > 0 {
            let end = key[start..].char_indices().rev().take(cut).last().map_or(key.len(), |(at, _)| start + at);
            key.truncate(end);
        }
        key.push_str(suffix);
    }
}

const IPTC_TSV: &str = include_str!("../data/iptc/mediatopic.tsv");
const TRIGGERS_FR: &str = include_str!(concat!(env!("OUT_DIR"), "/topics-fr.txt"));
const TRIGGERS_EN: &str = include_str!(concat!(env!("OUT_DIR"), "/topics-en.txt"));

impl Taxonomy {
    /// IPTC Media Topics, levels 1–3, with the shipped trigger vocabulary.
    pub fn iptc() -> Taxonomy {
        let mut tax = Taxonomy::default();
        let mut index: FxHashMap<String, usize> = FxHashMap::default();
        for line in IPTC_TSV.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 5 {
                continue;
            }
            let level: u8 = f[2].parse().unwrap_or(9);
            if level > 3 {
                continue;
            }
            let parent = index.get(f[1]).copied();
            index.insert(f[0].to_string(), tax.topics.len());
            tax.topics.push(TopicDef {
                id: format!("medtop:{}", f[0]),
                parent,
                level,
                label_fr: f[3].to_string(),
                label_en: f[4].to_string(),
            });
        }
        tax.iptc_index = index;
        tax
    }

    /// Builds a language's triggers now rather than on first use (see `Analyzer::warm_step`).
    pub fn warm(&self, lang: Lang) {
        if self.iptc_index.is_empty() {
            return; // a site taxonomy: built with the taxonomy
        }
        self.triggers(lang);
    }

    /// The triggers of a language (`Lang::En`, French otherwise), built on first use. The
    /// shipped ones are the same for every `Analyzer` (`Taxonomy::iptc` numbers its topics
    /// the same way each time): built once per process.
    fn triggers(&self, lang: Lang) -> &Triggers {
        if self.iptc_index.is_empty() {
            // A site taxonomy: built with it.
            return (if lang == Lang::En { &self.en } else { &self.fr }).get_or_init(Triggers::default);
        }
        static FR: OnceLock<Triggers> = OnceLock::new();
        static EN: OnceLock<Triggers> = OnceLock::new();
        (if lang == Lang::En { &EN } else { &FR }).get_or_init(|| Triggers::iptc(lang, &self.iptc_index))
    }

    /// Whether `topic` is `ancestor` or lies under it.
    fn within(&self, topic: usize, ancestor: usize) -> bool {
        let mut t = Some(topic);
        // (Parent links never cycle; the count bounds the walk all the same.)
        for _ in 0..=self.topics.len() {
            match t {
                Some(ti) if ti == ancestor => return true,
                Some(ti) => t = self.topics[ti].parent,
                None => return false,
            }
        }
        false
    }

    /// A site's own taxonomy: JSON Lines (one section per line) or a JSON array of
    /// `{"id", "parent", "labels": {"fr", "en"} | "label", "triggers": [..] | {"fr": [..], "en": [..]}}`.
    pub fn from_json(json: &str, stemmers: &Stemmers) -> Result<Taxonomy> {
        let items: Vec<(usize, Json)> = if json.trim_start().starts_with('[') {
            let parsed = Json::parse(json).map_err(|e| Error::InvalidTaxonomy { line: e.line, reason: e.reason })?;
            let Json::Array(v) = parsed else {
                return Err(Error::InvalidTaxonomy { line: 1, reason: "expected a list of sections".into() });
            };
            // Line of each item: where its id first appears.
            v.into_iter()
                .map(|item| {
                    let id = item.get("id").and_then(|i| i.as_str()).unwrap_or("");
                    let needle = format!("\"{id}\"");
                    let line = json.find(&needle).map_or(1, |p| json[..p].matches('\n').count() + 1);
                    (line, item)
                })
                .collect()
        } else {
            let mut out = Vec::new();
            for (n, line) in json.lines().enumerate() {
                if line.trim().is_empty() || line.trim_start().starts_with('#') {
                    continue;
                }
                let v = Json::parse(line).map_err(|e| Error::InvalidTaxonomy { line: n + 1, reason: e.reason })?;
                out.push((n + 1, v));
            }
            out
        };
        if items.is_empty() {
            return Err(Error::InvalidTaxonomy { line: 1, reason: "no sections".into() });
        }
        let mut tax = Taxonomy::default();
        let (mut fr, mut en) = (Triggers::default(), Triggers::default());
        let mut index: FxHashMap<String, usize> = FxHashMap::default();
        let bad = |line: usize, reason: String| Error::InvalidTaxonomy { line, reason };
        for (line, item) in &items {
            let obj = Some(item).filter(|i| matches!(i, Json::Object(_))).ok_or_else(|| bad(*line, "a section must be an object".into()))?;
            let id = obj.get("id").and_then(|v| v.as_str()).filter(|s| !s.trim().is_empty())
                .ok_or_else(|| bad(*line, "missing or empty \"id\"".into()))?;
            if index.contains_key(id) {
                return Err(bad(*line, format!("duplicate id \"{id}\"")));
            }
            index.insert(id.to_string(), tax.topics.len());
            let (fr, en) = match (obj.get("labels"), obj.get("label")) {
                (Some(l), _) => (
                    l.get("fr").and_then(|v| v.as_str()).map(str::to_string),
                    l.get("en").and_then(|v| v.as_str()).map(str::to_string),
                ),
                (None, Some(l)) => (l.as_str().map(str::to_string), l.as_str().map(str::to_string)),
                _ => (None, None),
            };
            let label_fr = fr.clone().or(en.clone()).ok_or_else(|| bad(*line, format!("section \"{id}\" has no label")))?;
            tax.topics.push(TopicDef { id: id.to_string(), parent: None, level: 1, label_fr, label_en: en.or(fr).unwrap_or_default() });
        }
        for (line, item) in &items {
            let id = item.get("id").and_then(Json::as_str).unwrap_or_default();
            let me = index[id];
            if let Some(p) = item.get("parent").filter(|p| !p.is_null()) {
                let p = p.as_str().ok_or_else(|| bad(*line, "\"parent\" must be a string".into()))?;
                let &pi = index.get(p).ok_or_else(|| bad(*line, format!("unknown parent \"{p}\"")))?;
                if pi == me {
                    return Err(bad(*line, "a section cannot be its own parent".into()));
                }
                tax.topics[me].parent = Some(pi);
            }
            let triggers = item.get("triggers").ok_or_else(|| bad(*line, format!("section \"{id}\" has no \"triggers\"")))?;
            let mut add = |lang: Lang, list: &Json| -> Result<()> {
                let arr = list.as_array().ok_or_else(|| bad(*line, "\"triggers\" must be a list of strings".into()))?;
                for t in arr {
                    let s = t.as_str().ok_or_else(|| bad(*line, "a trigger must be a string".into()))?;
                    let mut add_to = |lang: Lang| {
                        let map = if lang == Lang::En { &mut en } else { &mut fr };
                        map.add(phrase_key(stemmers, lang, s).into(), phrase_key_with(s, written_form).into(), me, 1.0);
                    };
                    add_to(lang);
                    if lang == Lang::Unknown {
                        add_to(Lang::En);
                    }
                }
                Ok(())
            };
            match triggers {
                Json::Array(_) => add(Lang::Unknown, triggers)?,
                Json::Object(_) => {
                    for (k, v) in triggers.members().unwrap_or_default() {
                        let lang = Lang::parse(k).ok_or_else(|| bad(*line, format!("unknown trigger language \"{k}\"")))?;
                        add(lang, v)?;
                    }
                }
                _ => return Err(bad(*line, "\"triggers\" must be a list or an object of lists".into())),
            }
        }
        // Levels follow parents; a cycle is an error.
        for i in 0..tax.topics.len() {
            // Counted in usize: a u8 wrapped past 255 and never saw the cycle.
            let mut level = 1usize;
            let mut p = tax.topics[i].parent;
            while let Some(pi) = p {
                level += 1;
                if level > tax.topics.len() + 1 {
                    let line = items[i].0;
                    return Err(bad(line, "parent links form a cycle".into()));
                }
                p = tax.topics[pi].parent;
            }
            tax.topics[i].level = level.min(u8::MAX as usize) as u8;
        }
        tax.fr = OnceLock::from(fr);
        tax.en = OnceLock::from(en);
        Ok(tax)
    }

    /// Tags a document.
    ///
    /// Evidence of a topic = Σ over the distinct triggers found for it or its
    /// descendants (each once, at its highest weight) of weight × (1 + ln(mass)),
    /// where a mention's mass is 2 in the title, 1.5 in the lead and 1 elsewhere
    /// (repeats have diminishing returns); a text word is a mention only when it is
    /// an inflection of the trigger's word, not merely of its stem ([`same_word`]).
    /// Confidence = strength ×
    /// dominance: strength = 1 − exp(−s / (4·length factor)) says how much evidence
    /// there is, dominance = √(s / best sibling s) how clearly it wins over the
    /// other candidates at its level; so an article split between many topics, or
    /// with little evidence, gets low confidences and, under `min_score`, no topic.
    /// A topic resting on a single ordinary cue (weight < 3) gets half.
    /// (Down-weighting triggers shared by several top-level topics, an IDF over the
    /// taxonomy, was tried and lowered English accuracy from 0.839 to 0.826-0.836:
    /// the vocabulary lists shared cues on purpose, e.g. "otan" for conflict and
    /// for international relations.)
    pub fn tag(&self, doc: &Document, words: &Words, lang: Lang, min_score: f32) -> Vec<Topic> {
        let triggers: Vec<(Lang, &Triggers)> = match lang {
            Lang::En => vec![(Lang::En, self.triggers(Lang::En))],
            Lang::Fr => vec![(Lang::Fr, self.triggers(Lang::Fr))],
            Lang::Unknown => vec![(Lang::Fr, self.triggers(Lang::Fr)), (Lang::En, self.triggers(Lang::En))],
        };
        let max_words = triggers.iter().map(|(_, t)| t.max_words).max().unwrap_or(0);
        let mut r = Reading::new(words, triggers);
        let mut n_words = 0usize;
        // What a word says on its own, per `WordInfo::surface_id`, settled at its first
        // occurrence (`Reading::settle_word`). Most words are neither a trigger nor the start
        // of one; a repeated word costs no lookup, no form check and no search for its entries.
        let mut single: Vec<Option<Settled>> = Vec::new();
        for s in &doc.sentences {
            let (first, end) = s.tokens;
            // The word after token `t` in the sentence, when nothing but elisions comes between
            // ("défense de l'espace"): phrases do not jump over punctuation.
            let next_word = |t: usize| {
                let k = (t + 1..end).find(|&k| doc.tokens[k].kind != TokenKind::Elision)?;
                (doc.tokens[k].kind == TokenKind::Word && words[k].is_some()).then_some(k)
            };
            for t in first..end {
                if doc.tokens[t].kind != TokenKind::Word {
                    continue;
                }
                let Some(w) = words[t].as_ref() else { continue };
                n_words += 1;
                if w.stop {
                    continue;
                }
                let id = w.surface_id as usize;
                if id >= single.len() {
                    single.resize(id + 1, None);
                }
                let settled = *single[id].get_or_insert_with(|| r.settle_word(w));
                // (Most words are no trigger: no call.)
                if settled.found.0 < settled.found.1 {
                    r.record(settled.found, doc.tokens[t].span, w.surface_id);
                }
                // Longer triggers, word by word while the words read are the start of one.
                let (mut phrase, mut last, mut n) = (settled.phrase, t, 1);
                while phrase != NONE && n < max_words {
                    let Some(next) = next_word(last) else { break };
                    let Some(w) = words[next].as_ref() else { break };
                    (last, n) = (next, n + 1);
                    let longer = match r.longer_phrase.get(&(u64::from(phrase) << 32 | u64::from(w.surface_id))) {
                        Some(&longer) => longer,
                        None => r.settle_phrase(phrase, &doc.tokens, (t, next)),
                    };
                    let read = &r.phrases[longer as usize];
                    let (found, goes_on) = (read.found, read.longer);
                    if found.0 < found.1 {
                        r.record(found, Span::new(doc.tokens[t].span.start, doc.tokens[next].span.end), NONE);
                    }
                    phrase = if goes_on { longer } else { NONE };
                }
            }
        }
        let Reading { mut hits, phrase_keys, mut mentions, .. } = r;
        // Read in text order, unless a document's sentences were not.
        if !mentions.windows(2).all(|m| m[0].span <= m[1].span) {
            // (By indices: no sort code of its own for a case parsed text never has.)
            let mut order: Vec<usize> = (0..mentions.len()).collect();
            crate::sort::sort_indices(&mut order, &mut |a, b| mentions[a].span.cmp(&mentions[b].span));
            let mut sorted = Vec::with_capacity(mentions.len());
            for i in order {
                sorted.push(mentions[i]);
            }
            mentions = sorted;
        }
        // A shorter trigger inside a longer matched one ("défense" in "ministre de
        // la défense") is not separate evidence for the same topic.
        let inside = inside_phrases(&mentions, self.topics.len());
        // Headline and lead say what the article is about: their words weigh more.
        let block_mass = |kind: BlockKind| match kind {
            BlockKind::Title => 2.0,
            BlockKind::Lead => 1.5,
            BlockKind::Boilerplate => 0.0,
            _ => 1.0,
        };
        // Blocks are normally in order and disjoint: then the block holding a mention is found
        // walking along the few that weigh other than 1, as the mentions are in text order;
        // otherwise by a scan per mention.
        let blocks_ordered = doc.blocks.windows(2).all(|w| w[0].span.end <= w[1].span.start);
        let weighty: Vec<&Block> = doc.blocks.iter().filter(|b| !blocks_ordered || block_mass(b.kind) != 1.0).collect();
        let mut next = 0;
        // The mentions that count, kept in place.
        let mut live = 0;
        for k in 0..mentions.len() {
            if inside[k] {
                continue;
            }
            let m = mentions[k];
            let at = m.span.start;
            let block = if blocks_ordered {
                while weighty.get(next).is_some_and(|b| b.span.end <= at) {
                    next += 1;
                }
                weighty.get(next).filter(|b| b.span.start <= at)
            } else {
                weighty.iter().find(|b| b.span.start <= at && at < b.span.end)
            };
            let hit = &mut hits[m.hit as usize];
            hit.mass += block.map_or(1.0, |b| block_mass(b.kind));
            hit.count += 1;
            mentions[live] = m;
            live += 1;
        }
        mentions.truncate(live);
        // Evidence of a topic = its own and its descendants' triggers, each trigger
        // counted once (the same word listed under a topic and its child, or under
        // two children, is one piece of evidence), at its highest weight and mass, summed in
        // the order of the keys: the hits, by key, go up their topics' ancestry.
        let key_of = |h: &Hit| if h.phrase { phrase_keys[h.key as usize].as_str() } else { words.key_of(h.key) };
        let mut by_key: Vec<usize> = Vec::with_capacity(hits.len());
        for (h, hit) in hits.iter().enumerate() {
            if hit.count > 0 {
                by_key.push(h);
            }
        }
        crate::sort::sort_by(&mut by_key, |&a, &b| key_of(&hits[a]).cmp(key_of(&hits[b])));
        let mut sums = vec![TopicSum::default(); self.topics.len()];
        let mut group = NONE as usize;
        for (k, &h) in by_key.iter().enumerate() {
            let hit = &hits[h];
            if k == 0 || key_of(&hits[by_key[k - 1]]) != key_of(hit) {
                group = k;
            }
            let mut t = Some(hit.topic);
            let mut guard = 0;
            while let Some(ti) = t {
                let sum = &mut sums[ti];
                if sum.key != group {
                    sum.add_key();
                    (sum.key, sum.weight, sum.mass) = (group, 0.0, 0.0);
                }
                sum.weight = sum.weight.max(hit.weight);
                sum.mass = sum.mass.max(hit.mass);
                sum.strongest = sum.strongest.max(hit.weight);
                t = self.topics[ti].parent;
                guard += 1;
                if guard > self.topics.len() {
                    break;
                }
            }
        }
        sums.iter_mut().for_each(TopicSum::add_key);
        // Longer texts carry more incidental triggers: scale by length.
        let length_factor = ((n_words as f32) / 150.0).sqrt().max(1.0);
        let strength = |s: f32| 1.0 - (-(s / length_factor) / 4.0).exp();
        // Best evidence among siblings (same parent; top level = no parent).
        // Indexed by parent, the last slot for the top level.
        let n_topics = self.topics.len();
        let sibling_slot = |i: usize| self.topics[i].parent.map_or(n_topics, |p| p.min(n_topics));
        let mut best_sibling = vec![0f32; n_topics + 1];
        for (i, s) in sums.iter().enumerate() {
            let b = &mut best_sibling[sibling_slot(i)];
            *b = b.max(s.total);
        }
        let mut out: Vec<(usize, f32, f32)> = sums
            .iter()
            .enumerate()
            .filter(|(_, s)| s.total > 0.0)
            .map(|(i, s)| {
                let best = best_sibling[sibling_slot(i)].max(f32::MIN_POSITIVE);
                let share = s.total / best;
                // One ordinary word alone is not enough to settle a topic.
                let lone_weak_cue = s.keys < 2 && s.strongest < 3.0;
                let support = if lone_weak_cue { 0.5 } else { 1.0 };
                (i, strength(s.total) * share.sqrt() * support, share)
            })
            .collect();
        crate::sort::sort_by(&mut out, |a, b| {
            self.topics[a.0].level.cmp(&self.topics[b.0].level)
                .then_with(|| b.1.total_cmp(&a.1))
                .then_with(|| self.topics[a.0].id.cmp(&self.topics[b.0].id))
        });
        let mut kept: Vec<(usize, f32)> = Vec::new();
        for &(i, score, share) in &out {
            let def = &self.topics[i];
            // Level 1 and 2 when the evidence supports them; deeper only when strong.
            let ok = match def.parent {
                // score ≥ min_score already implies share ≥ min_score².
                None => score >= min_score,
                Some(p) => {
                    let floor = if def.level <= 2 { min_score.max(0.3) } else { min_score.max(0.3) + 0.2 };
                    kept.iter().any(|k| k.0 == p) && score >= floor && share >= 0.4
                }
            };
            if ok {
                kept.push((i, score));
            }
        }
        // A kept topic's evidence: the mentions of its own and its descendants' hits, in text
        // order, each span once. Per hit, the kept topics it is evidence for (a range of `of_kept`).
        let mut of_kept: Vec<u32> = Vec::new();
        let mut kept_of: Vec<(u32, u32)> = Vec::with_capacity(hits.len());
        for h in &hits {
            let from = of_kept.len() as u32;
            for (k, &(i, _)) in kept.iter().enumerate() {
                if h.count > 0 && self.within(h.topic, i) {
                    of_kept.push(k as u32);
                }
            }
            kept_of.push((from, of_kept.len() as u32));
        }
        let mut evidence: Vec<Vec<Evidence>> = Vec::with_capacity(kept.len());
        for _ in &kept {
            evidence.push(Vec::new());
        }
        // Evidence texts, one copy each: a word's by its surface (1 + its place in `texts`, 0
        // for none yet), a phrase's by its text.
        let mut texts: Vec<SharedText> = Vec::new();
        let mut word_texts: Vec<u32> = vec![0; words.surfaces()];
        let mut phrase_texts: FxHashMap<&str, SharedText> = FxHashMap::default();
        for m in &mentions {
            let (from, to) = kept_of[m.hit as usize];
            if from == to {
                continue;
            }
            let text = match word_texts.get_mut(m.text as usize) {
                None => {
                    let t = m.span.of(&doc.text);
                    phrase_texts.entry(t).or_insert_with(|| SharedText(t.into()))
                }
                Some(slot) => {
                    if *slot == 0 {
                        texts.push(SharedText(m.span.of(&doc.text).into()));
                        *slot = texts.len() as u32;
                    }
                    &texts[*slot as usize - 1]
                }
            };
            for &k in &of_kept[from as usize..to as usize] {
                let list = &mut evidence[k as usize];
                if list.last().is_none_or(|e| (e.start, e.end) != (m.span.start, m.span.end)) {
                    list.push(Evidence { text: text.clone(), start: m.span.start, end: m.span.end });
                }
            }
        }
        let mut result: Vec<Topic> = Vec::with_capacity(kept.len());
        for (&(i, score), evidence) in kept.iter().zip(evidence) {
            let def = &self.topics[i];
            result.push(Topic {
                id: def.id.clone(),
                label: if lang == Lang::En { def.label_en.clone() } else { def.label_fr.clone() },
                level: def.level,
                parent: def.parent.map(|p| self.topics[p].id.clone()),
                score,
                evidence,
            });
        }
        // Parents before children, each group by score.
        crate::sort::sort_by(&mut result, |a, b| a.level.cmp(&b.level).then_with(|| b.score.total_cmp(&a.score)).then_with(|| a.id.cmp(&b.id)));
        result
    }
}

/// No entry (of `phrases`, of a surface).
const NONE: u32 = u32::MAX;

/// What a word or phrase is evidence for, settled at its first occurrence.
#[derive(Clone, Copy)]
struct Settled {
    /// Its `hits` entries (a range of `Reading::found`, in the order the maps list them).
    found: (u32, u32),
    /// Its entry in `Reading::phrases` when longer triggers start with it, else `NONE`.
    phrase: u32,
}

/// The trigger matches of one text being read (see `Taxonomy::tag`), and what is settled
/// about its distinct words and phrases: each is looked up and checked once.
struct Reading<'w> {
    words: &'w Words,
    triggers: Vec<(Lang, &'w Triggers)>,
    /// Evidence, one entry per (topic, trigger key), found by ids rather than by comparing
    /// key strings: a word's key by `WordInfo::key_id`, a phrase's by its place in
    /// `phrase_keys` (a word's key never holds a space, a phrase's always does).
    hits: Vec<Hit>,
    hit_of: FxHashMap<(usize, u32, bool), usize>,
    phrase_ids: FxHashMap<String, u32>,
    phrase_keys: Vec<String>,
    /// Every mention, as read: in text order.
    mentions: Vec<Mention>,
    /// The `hits` entries of the words and phrases settled, one range each.
    found: Vec<u32>,
    /// Phrases read that longer triggers start with, and the ones read on from them: a phrase
    /// and the surface of the next word → the longer phrase. A repeated phrase costs one
    /// lookup by ids per word, not key strings built and hashed.
    phrases: Vec<Phrase>,
    longer_phrase: FxHashMap<u64, u32>,
    same: SameWordCache,
    /// The key and forms of the phrase being settled (kept for their buffers).
    key: String,
    forms: Vec<&'w str>,
}

impl<'w> Reading<'w> {
    fn new(words: &'w Words, triggers: Vec<(Lang, &'w Triggers)>) -> Reading<'w> {
        Reading {
            words,
            triggers,
            hits: Vec::new(),
            hit_of: FxHashMap::default(),
            phrase_ids: FxHashMap::default(),
            phrase_keys: Vec::new(),
            mentions: Vec::new(),
            found: Vec::new(),
            phrases: Vec::new(),
            longer_phrase: FxHashMap::default(),
            key: String::new(),
            forms: Vec::new(),
            same: SameWordCache::default(),
        }
    }

    /// Records the mentions of a word or phrase at `span` (`text`: the word's surface, `NONE`
    /// for a phrase). Mentions of one key come in text order, so a repeat (the same key in
    /// both language maps) can only be the last one.
    fn record(&mut self, (from, to): (u32, u32), span: Span, text: u32) {
        for &h in &self.found[from as usize..to as usize] {
            let hit = &mut self.hits[h as usize];
            if hit.last != Some(span) {
                hit.last = Some(span);
                self.mentions.push(Mention { span, hit: h, topic: hit.topic as u32, phrase: hit.phrase, text });
            }
        }
    }

    /// The `hits` entries of the topics of `key` whose forms the text's `forms` inflect, pushed
    /// onto `found`; a word's key is numbered by its `WordInfo::key_id`, a phrase's here.
    #[inline(never)]
    fn find(&mut self, key: &str, forms: &[&str], word_key: Option<u32>) {
        for i in 0..self.triggers.len() {
            let (map_lang, map) = self.triggers[i];
            let Some(list) = map.keys.get(key) else { continue };
            for (topic, weight) in Triggers::topics(list) {
                // Same stem is not enough: "important" is not "imports".
                if Triggers::form_matches(list, map_lang, topic, forms, &mut self.same) {
                    let key = match word_key {
                        Some(id) => (id, false),
                        None => match self.phrase_ids.get(key) {
                            Some(&id) => (id, true),
                            None => {
                                self.phrase_ids.insert(key.to_string(), self.phrase_keys.len() as u32);
                                self.phrase_keys.push(key.to_string());
                                (self.phrase_keys.len() as u32 - 1, true)
                            }
                        },
                    };
                    let h = *self.hit_of.entry((topic, key.0, key.1)).or_insert_with(|| {
                        // A key's weight is its first one.
                        self.hits.push(Hit { topic, key: key.0, phrase: key.1, weight, last: None, count: 0, mass: 0.0 });
                        self.hits.len() - 1
                    });
                    self.found.push(h as u32);
                }
            }
        }
    }

    /// Whether longer triggers start with `key`.
    fn goes_on(&self, key: &str) -> bool {
        self.triggers.iter().any(|(_, map)| map.prefixes.contains(key))
    }

    /// What a word is evidence for, on its own and as the start of longer triggers.
    #[inline(never)]
    fn settle_word(&mut self, w: &WordInfo) -> Settled {
        let (key, lower) = (self.words.key(w), self.words.lower(w));
        let from = self.found.len() as u32;
        self.find(key, &[lower], Some(w.key_id));
        let found = (from, self.found.len() as u32);
        let phrase = if self.goes_on(key) {
            self.phrases.push(Phrase { found: (0, 0), longer: true });
            self.phrases.len() as u32 - 1
        } else {
            NONE
        };
        Settled { found, phrase }
    }

    /// The phrase `phrase` followed by one more word, tokens `first..=last`: its entry in
    /// `phrases`, made now.
    #[inline(never)]
    fn settle_phrase(&mut self, phrase: u32, tokens: &[Token], (first, last): (usize, usize)) -> u32 {
        // Its words' keys, space-joined, and their lowercase forms (`WordInfo::lower` is the
        // same form as the triggers' `written_form`), read from its tokens but the elisions.
        let (mut key, mut forms) = (std::mem::take(&mut self.key), std::mem::take(&mut self.forms));
        key.clear();
        forms.clear();
        let mut surface = NONE;
        for k in first..=last {
            if tokens.get(k).is_some_and(|t| t.kind == TokenKind::Elision) {
                continue;
            }
            let Some(w) = self.words.get(k).and_then(Option::as_ref) else { continue };
            if !forms.is_empty() {
                key.push(' ');
            }
            key.push_str(self.words.key(w));
            forms.push(self.words.lower(w));
            surface = w.surface_id;
        }
        let from = self.found.len() as u32;
        self.find(&key, &forms, None);
        let longer = self.goes_on(&key);
        (self.key, self.forms) = (key, forms);
        self.phrases.push(Phrase { found: (from, self.found.len() as u32), longer });
        let id = self.phrases.len() as u32 - 1;
        *self.longer_phrase.entry(u64::from(phrase) << 32 | u64::from(surface)).or_insert(id)
    }
}

/// A phrase read, whose trigger matches are settled (see `Taxonomy::tag`).
struct Phrase {
    /// Its `hits` entries, a range of `Reading::found`.
    found: (u32, u32),
    /// Longer triggers start with it.
    longer: bool,
}

/// The mentions of one trigger key for one topic.
struct Hit {
    topic: usize,
    /// A word's `WordInfo::key_id`, or a phrase's number in `tag`'s `phrase_keys`.
    key: u32,
    /// A key of several words.
    phrase: bool,
    /// The key's first weight.
    weight: f32,
    /// Its last mention.
    last: Option<Span>,
    /// Its mentions that count, and their mass.
    count: u32,
    mass: f32,
}

/// A trigger found in the text, for `hits[hit]`.
#[derive(Clone, Copy)]
struct Mention {
    span: Span,
    hit: u32,
    /// The hit's topic, and whether its key is a phrase.
    topic: u32,
    phrase: bool,
    /// A word's `WordInfo::surface_id`, `NONE` for a phrase.
    text: u32,
}

/// One topic's evidence, summed key by key in key order (see `Taxonomy::tag`).
#[derive(Clone, Copy)]
struct TopicSum {
    /// The key being added up (its first place in the sorted hits), its highest weight and mass.
    key: usize,
    weight: f32,
    mass: f32,
    total: f32,
    /// Distinct keys, and the highest weight among them.
    keys: u32,
    strongest: f32,
}

impl Default for TopicSum {
    fn default() -> TopicSum {
        TopicSum { key: NONE as usize, weight: 0.0, mass: 0.0, total: 0.0, keys: 0, strongest: 0.0 }
    }
}

impl TopicSum {
    /// Adds the key being summed, if any; repeats have diminishing returns.
    fn add_key(&mut self) {
        if self.key == NONE as usize {
            return;
        }
        let (w, mass) = (self.weight, self.mass);
        self.total += if mass <= 0.0 { 0.0 } else { w * (1.0 + mass.max(1.0).ln()) };
        self.keys += 1;
        self.key = NONE as usize;
    }
}

/// For mentions sorted by span: whether each lies inside another mention of a phrase of
/// the same topic. (Only a phrase's mention can hold another: a word's is one token.)
/// Out of line: inlined, its loop took in the rest of `Taxonomy::tag` (see bench/loop-spans.sh).
#[inline(never)]
fn inside_phrases(mentions: &[Mention], n_topics: usize) -> Vec<bool> {
    let mut inside = vec![false; mentions.len()];
    // Per topic, the furthest end of its phrase mentions that start before the run at hand
    // (the mentions that start together, shorter first).
    let mut reach = vec![0usize; n_topics];
    let mut run = 0;
    for (k, m) in mentions.iter().enumerate() {
        if m.span.start != mentions[run].span.start {
            for o in mentions[run..k].iter().filter(|o| o.phrase) {
                reach[o.topic as usize] = reach[o.topic as usize].max(o.span.end);
            }
            run = k;
        }
        let r = reach[m.topic as usize];
        inside[k] = r > 0 && r >= m.span.end;
        if m.phrase {
            // It holds the shorter mentions of its topic in the run.
            for (j, o) in mentions[run..k].iter().enumerate() {
                if o.topic == m.topic && o.span.end < m.span.end {
                    inside[run + j] = true;
                }
            }
        }
    }
    inside
}

/// Lowercase: the form compared by [`same_word`] (which folds accents itself:
/// French "é" is an ending, not a plain "e").
fn written_form(word: &str) -> String {
    crate::normalize::lower(word)
}

/// Whether two lowercase words that share a Snowball stem are inflections
/// of one word (plural, feminine, -ed, -ing), not derivations with another meaning:
/// "imports" ~ "import" but not "important", "majority" not "major", "presenter"
/// not "presents", "défenseur" not "défense".
fn same_word(lang: Lang, a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (pa, pb) = (singular(lang, a), singular(lang, b));
    if pa == pb {
        return true;
    }
    let (ra, rb) = (inflection_root(lang, a, &pa), inflection_root(lang, b, &pb));
    // "winning" → "winn" ~ "win": a doubled final consonant before -ing/-ed. (`r` has three
    // characters or more, its last two are the same, and less the last it is `other`.)
    let undoubles_to = |r: &str, other: &str| {
        let mut last = r.chars().rev();
        matches!((last.next(), last.next()), (Some(x), Some(y)) if x == y && r.chars().nth(2).is_some() && r[..r.len() - x.len_utf8()] == *other)
    };
    ra == rb || undoubles_to(&ra, &rb) || undoubles_to(&rb, &ra)
}

/// A word without its plural ending (and, in French, its feminine one).
fn singular(lang: Lang, w: &str) -> String {
    let n = w.chars().count();
    let mut r = w.strip_suffix("'s").unwrap_or(w).to_string();
    if lang == Lang::En {
        if n > 4 && r.ends_with("ies") {
            r.truncate(r.len() - 3);
            r.push('y');
        } else if ["sses", "shes", "ches", "xes", "zes"].iter().any(|e| r.ends_with(e)) {
            r.truncate(r.len() - 2);
        } else if n > 3 && r.ends_with('s') && !r.ends_with("ss") && !r.ends_with("us") && !r.ends_with("is") {
            r.truncate(r.len() - 1);
        }
    } else {
        if n > 4 && r.ends_with("aux") {
            r.truncate(r.len() - 3);
            r.push_str("al");
        } else if n > 3 && (r.ends_with('s') || r.ends_with('x')) {
            r.pop();
        }
        // Feminine endings: "européenne" ~ "européen", "sportive" ~ "sportif",
        // "joueuse" ~ "joueur", "réalisatrice" ~ "réalisateur", "première", "élue", "signée";
        // but a final "é" stays ("exploité" is not "exploit"), and so do feminine
        // forms that are other words ("partie" is not "parti", "droite" not "droit").
        if !FR_FEMININE_WORDS.contains(&r.as_str()) {
            for (fem, masc) in [("enne", "en"), ("elle", "el"), ("ive", "if"), ("euse", "eur"), ("trice", "teur"), ("ère", "er")] {
                if r.len() > fem.len() + 2 && r.ends_with(fem) {
                    r.truncate(r.len() - fem.len());
                    r.push_str(masc);
                    break;
                }
            }
            if r.chars().count() > 3 && r.ends_with('e') {
                r.pop();
            }
        }
        r = crate::normalize::fold_accents(&r);
    }
    r
}

/// French feminine forms with a meaning of their own, never reduced to the masculine.
const FR_FEMININE_WORDS: &[&str] = &["partie", "droite", "sortie", "tenue", "vue", "venue", "prise", "mise", "morte", "forte", "entrée", "pièce"];

/// A word without its inflectional ending, for [`same_word`] only: a plural noun
/// ("killings") stays a noun; otherwise English -ing and -ed go, then a final -e.
fn inflection_root<'s>(lang: Lang, w: &str, singular: &'s str) -> Cow<'s, str> {
    if lang != Lang::En {
        return Cow::Borrowed(singular);
    }
    let mut r = singular.to_string();
    {
        let n = r.chars().count();
        if r == w && n > 5 && r.ends_with("ing") {
            r.truncate(r.len() - 3);
        } else if r == w && n > 4 && r.ends_with("ied") {
            r.truncate(r.len() - 3);
            r.push('y');
        } else if r == w && n > 4 && r.ends_with("ed") {
            r.truncate(r.len() - 2);
        }
        if r.chars().count() > 3 && r.ends_with('e') {
            r.pop();
        }
    }
    Cow::Owned(r)
}

fn phrase_key(stemmers: &Stemmers, lang: Lang, phrase: &str) -> String {
    phrase_key_with(phrase, |w| stemmers.key(if lang == Lang::Unknown { Lang::Fr } else { lang }, w))
}

/// Space-joined keys of a phrase's words and numbers, each from `word_key`.
fn phrase_key_with<'p>(phrase: &'p str, mut word_key: impl FnMut(&'p str) -> String) -> String {
    let mut toks = Vec::new();
    crate::text::tokenize(phrase, Span::new(0, phrase.len()), &mut toks);
    toks.iter()
        .filter(|t| t.kind == TokenKind::Word || t.kind == TokenKind::Number)
        .map(|t| word_key(t.span.of(phrase)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_match_but_derivations_do_not() {
        for (a, b) in [("imports", "import"), ("killings", "killing"), ("winning", "win"), ("ruled", "rules"),
            ("studies", "study"), ("taxes", "tax"), ("ministers", "minister"), ("added", "add")] {
            assert!(same_word(Lang::En, a, b), "{a} ~ {b}");
        }
        for (a, b) in [("important", "imports"), ("majority", "major"), ("presided", "president"),
            ("presents", "presenter"), ("national", "nationalization"), ("signed", "signings")] {
            assert!(!same_word(Lang::En, a, b), "{a} !~ {b}");
        }
        for (a, b) in [("élues", "élu"), ("journaux", "journal"), ("signée", "signé"), ("ministres", "ministre"),
            ("européennes", "européen"), ("sportive", "sportif"), ("joueuses", "joueur"), ("réalisatrice", "réalisateur"),
            ("premières", "premier"), ("présidente", "président"), ("evenement", "événement")] {
            assert!(same_word(Lang::Fr, a, b), "{a} ~ {b}");
        }
        for (a, b) in [("défenseur", "défense"), ("économique", "économie"), ("exploité", "exploit"), ("partie", "parti"),
            ("droit", "droite"), ("signe", "signé")] {
            assert!(!same_word(Lang::Fr, a, b), "{a} !~ {b}");
        }
    }

    /// A mention is inside a phrase exactly when another phrase mention of its topic spans
    /// it: the sweep over sorted mentions agrees with the pairwise definition.
    #[test]
    fn mentions_inside_phrases_match_the_pairwise_definition() {
        let mut x = 12345u32;
        let mut rand = |n: u32| {
            x = x.wrapping_mul(1103515245).wrapping_add(12345);
            (x >> 16) % n
        };
        for _ in 0..200 {
            let mut mentions: Vec<Mention> = (0..rand(30)).map(|_| {
                let start = rand(40) as usize;
                let phrase = rand(3) == 0;
                let len = if phrase { 2 + rand(12) } else { 1 + rand(3) } as usize;
                Mention { span: Span::new(start, start + len), hit: 0, topic: rand(3), phrase, text: NONE }
            }).collect();
            mentions.sort_by_key(|m| m.span);
            let naive: Vec<bool> = mentions.iter().map(|m| mentions.iter()
                .any(|o| o.phrase && o.topic == m.topic && o.span != m.span && o.span.contains(&m.span))).collect();
            assert_eq!(inside_phrases(&mentions, 3), naive);
        }
    }

    /// The compiled vocabulary (`build.rs`) is what reading the TSV with the engine's own
    /// keys gives: the same keys, topics and weights, and the same first-wins choices.
    #[test]
    fn compiled_triggers_match_the_tsv_read_with_runtime_keys() {
        let tax = Taxonomy::iptc();
        let stemmers = Stemmers::default();
        for (lang, tsv) in [(Lang::Fr, include_str!("../data/topics/fr.tsv")), (Lang::En, include_str!("../data/topics/en.tsv"))] {
            let mut expected = Triggers::default();
            for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
                let f: Vec<&str> = line.split('\t').collect();
                let Some(&topic) = tax.iptc_index.get(f[0].trim_start_matches("medtop:")) else { continue };
                expected.add(phrase_key(&stemmers, lang, f[2]).into(), phrase_key_with(f[2], written_form).into(), topic, f[1].trim().parse().unwrap());
            }
            let sorted = |t: &Triggers| {
                let mut v: Vec<(String, Vec<(usize, u32)>)> = t.keys.iter()
                    .map(|(k, l)| (k.to_string(), { let mut l: Vec<_> = Triggers::topics(l).map(|(t, w)| (t, w.to_bits())).collect(); l.sort(); l }))
                    .collect();
                v.sort();
                v
            };
            let compiled = tax.triggers(lang);
            assert!(expected.keys.len() > 3000, "{lang:?}: {} keys", expected.keys.len());
            assert_eq!(compiled.max_words, expected.max_words);
            assert!(sorted(compiled) == sorted(&expected), "{lang:?}: rebuild (cargo build) after editing data/topics");
            let prefixes = |t: &Triggers| { let mut v: Vec<String> = t.prefixes.iter().map(|p| p.to_string()).collect(); v.sort(); v };
            assert!(prefixes(compiled) == prefixes(&expected), "{lang:?}: prefixes");
            let forms = |t: &Triggers| {
                let mut v: Vec<(String, Vec<(String, usize)>)> = t.keys.iter()
                    .map(|(k, l)| (k.to_string(), { let mut l: Vec<_> = l.iter().map(|f| (form_words(&f.form).collect::<Vec<_>>().join(" "), f.topic)).collect(); l.sort(); l }))
                    .collect();
                v.sort();
                v
            };
            assert!(forms(compiled) == forms(&expected), "{lang:?}: written forms differ from the TSV's");
        }
    }
}
