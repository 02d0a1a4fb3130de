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
use crate::text::TokenKind;
use crate::words::Words;

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
        // Headline and lead say what the article is about: their words weigh more.
        // Blocks are normally in order and disjoint: then the block holding a mention is found
        // walking along them instead of by a scan per mention (quadratic on long texts).
        let blocks_ordered = doc.blocks.windows(2).all(|w| w[0].span.end <= w[1].span.start);
        let block_mass = |kind: BlockKind| match kind {
            BlockKind::Title => 2.0,
            BlockKind::Lead => 1.5,
            BlockKind::Boilerplate => 0.0,
            _ => 1.0,
        };
        // Disjoint blocks: only the few that weigh other than 1 are looked at.
        let weighty: Vec<&Block> = doc.blocks.iter().filter(|b| !blocks_ordered || block_mass(b.kind) != 1.0).collect();
        // The mass of mentions in text order: one walk along the weighty blocks when they are in
        // order (a search per mention was 2 % of a 1 MB analysis in wasm), else a scan per mention.
        let mentions_mass = |spans: &[Span]| -> f32 {
            let mut next = 0;
            let mut mass = 0.0;
            for at in spans.iter().map(|sp| sp.start) {
                let block = if blocks_ordered {
                    while weighty.get(next).is_some_and(|b| b.span.end <= at) {
                        next += 1;
                    }
                    weighty.get(next).filter(|b| b.span.start <= at)
                } else {
                    weighty.iter().find(|b| b.span.start <= at && at < b.span.end)
                };
                mass += block.map_or(1.0, |b| block_mass(b.kind));
            }
            mass
        };
        // Evidence, one entry per (topic, trigger key), found by ids rather than by comparing
        // key strings: a word's key by `WordInfo::key_id`, a phrase's by the number
        // `phrase_ids` gives it (a word's key never holds a space, a phrase's always does).
        let mut hits: Vec<Hit> = Vec::new();
        let mut hit_of: FxHashMap<(usize, u32, bool), usize> = FxHashMap::default();
        let mut phrase_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut n_words = 0usize;
        let mut key = String::new();
        let mut text_forms: Vec<&str> = Vec::new();
        let mut same = SameWordCache::default();
        // What a word says on its own, per `WordInfo::surface_id`, settled at its first
        // occurrence: the `hits` entries of the topics of its key whose forms it inflects (a
        // range of `single_hits`, in the order the maps list them) and whether longer triggers
        // start with it. Most words are neither; a repeated word costs no lookup, no form check
        // and no search for its entries.
        let mut single: Vec<Option<(u32, u32, bool)>> = Vec::new();
        let mut single_hits: Vec<usize> = Vec::new();
        // The words of the phrase being read (token indices).
        let mut phrase: Vec<usize> = Vec::new();
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
                let (from, to, starts_longer) = *single[id].get_or_insert_with(|| {
                    let from = single_hits.len() as u32;
                    for (map_lang, map) in &triggers {
                        let Some(list) = map.keys.get(words.key(w)) else { continue };
                        for (topic, weight) in Triggers::topics(list) {
                            // Same stem is not enough: "important" is not "imports".
                            if Triggers::form_matches(list, *map_lang, topic, &[words.lower(w)], &mut same) {
                                let key = || Cow::Borrowed(words.key(w));
                                single_hits.push(hit_entry(&mut hits, &mut hit_of, topic, (w.key_id, false), key, weight));
                            }
                        }
                    }
                    let longer = triggers.iter().any(|(_, map)| map.prefixes.contains(words.key(w)));
                    (from, single_hits.len() as u32, longer)
                });
                for &h in &single_hits[from as usize..to as usize] {
                    push_mention(&mut hits[h].spans, doc.tokens[t].span);
                }
                if !starts_longer {
                    continue;
                }
                // Longer triggers, word by word while the words read are the start of one.
                key.clear();
                key.push_str(words.key(w));
                phrase.clear();
                phrase.push(t);
                while phrase.len() < max_words {
                    let Some(next) = phrase.last().and_then(|&last| next_word(last)) else { break };
                    let Some(w) = words[next].as_ref() else { break };
                    phrase.push(next);
                    key.push(' ');
                    key.push_str(words.key(w));
                    for (map_lang, map) in &triggers {
                        let Some(list) = map.keys.get(key.as_str()) else { continue };
                        // `WordInfo::lower` is the same form as the triggers' `written_form`.
                        text_forms.clear();
                        text_forms.extend(phrase.iter().map(|&t| words[t].as_ref().map_or("", |w| words.lower(w))));
                        let span = Span::new(doc.tokens[t].span.start, doc.tokens[next].span.end);
                        for (topic, weight) in Triggers::topics(list) {
                            if Triggers::form_matches(list, *map_lang, topic, &text_forms, &mut same) {
                                let id = match phrase_ids.get(key.as_str()) {
                                    Some(&id) => id,
                                    None => {
                                        let id = phrase_ids.len() as u32;
                                        phrase_ids.insert(key.clone(), id);
                                        id
                                    }
                                };
                                let h = hit_entry(&mut hits, &mut hit_of, topic, (id, true), || Cow::Owned(key.clone()), weight);
                                push_mention(&mut hits[h].spans, span);
                            }
                        }
                    }
                    if !triggers.iter().any(|(_, map)| map.prefixes.contains(key.as_str())) {
                        break;
                    }
                }
            }
        }
        // By topic. (The order of a topic's keys does not matter: the sums below run over
        // keys sorted by name.)
        crate::sort::sort_by_key(&mut hits, |h| h.topic);
        // A shorter trigger inside a longer matched one ("défense" in "ministre de
        // la défense") is not separate evidence for the same topic. Only a phrase's mention
        // can hold another: a word's mention is one token.
        for group in hits.chunk_by_mut(|a, b| a.topic == b.topic) {
            // One key's mentions never nest: each is that key's words and the elisions between them.
            if group.len() < 2 || !group.iter().any(|h| h.phrase) {
                continue;
            }
            let phrases = Containers::new(group.iter().filter(|h| h.phrase).flat_map(|h| h.spans.iter().copied()).collect());
            for h in group.iter_mut() {
                h.spans.retain(|&s| !phrases.hold(s));
            }
        }
        hits.retain(|h| !h.spans.is_empty());
        // Distinct triggers per topic, counting its descendants': one ordinary
        // word alone is not enough to settle a topic.
        // Sorted sets of keys.
        let mut distinct: Vec<Vec<&str>> = vec![Vec::new(); self.topics.len()];
        let mut strongest = vec![0f32; self.topics.len()];
        for h in &hits {
            let mut t = Some(h.topic);
            let mut guard = 0;
            while let Some(ti) = t {
                if let Err(at) = distinct[ti].binary_search(&&*h.key) {
                    distinct[ti].insert(at, &h.key);
                }
                strongest[ti] = strongest[ti].max(h.weight);
                t = self.topics[ti].parent;
                guard += 1;
                if guard > self.topics.len() {
                    break;
                }
            }
        }
        // Evidence of a topic = its own and its descendants' triggers, each trigger
        // counted once (the same word listed under a topic and its child, or under
        // two children, is one piece of evidence), at its highest weight.
        // Per topic: key → (weight, mass), sorted by key.
        let mut subtree: Vec<Vec<(&str, (f32, f32))>> = vec![Vec::new(); self.topics.len()];
        for h in &hits {
            let (key, w) = (&*h.key, h.weight);
            let mass = mentions_mass(&h.spans);
            let mut t = Some(h.topic);
            let mut guard = 0;
            while let Some(ti) = t {
                let keys = &mut subtree[ti];
                let at = keys.binary_search_by(|(k, _)| k.cmp(&key)).unwrap_or_else(|at| {
                    keys.insert(at, (key, (0.0, 0.0)));
                    at
                });
                let e = &mut keys[at].1;
                e.0 = e.0.max(w);
                e.1 = e.1.max(mass);
                t = self.topics[ti].parent;
                guard += 1;
                if guard > self.topics.len() {
                    break;
                }
            }
        }
        let total: Vec<f32> = subtree
            .iter()
            .map(|keys| keys.iter().map(|&(_, (w, mass))| if mass <= 0.0 { 0.0 } else { w * (1.0 + mass.max(1.0).ln()) }).sum())
            .collect();
        // Longer texts carry more incidental triggers: scale by length.
        let length_factor = ((n_words as f32) / 150.0).sqrt().max(1.0);
        let strength = |s: f32| 1.0 - (-(s / length_factor) / 4.0).exp();
        // Best evidence among siblings (same parent; top level = no parent).
        // Indexed by parent, the last slot for the top level.
        let n_topics = self.topics.len();
        let sibling_slot = |i: usize| self.topics[i].parent.map_or(n_topics, |p| p.min(n_topics));
        let mut best_sibling = vec![0f32; n_topics + 1];
        for (i, &s) in total.iter().enumerate() {
            let b = &mut best_sibling[sibling_slot(i)];
            *b = b.max(s);
        }
        let mut out: Vec<(usize, f32, f32)> = total
            .iter()
            .enumerate()
            .filter(|(_, &s)| s > 0.0)
            .map(|(i, &s)| {
                let best = best_sibling[sibling_slot(i)].max(f32::MIN_POSITIVE);
                let share = s / best;
                let lone_weak_cue = distinct[i].len() < 2 && strongest[i] < 3.0;
                let support = if lone_weak_cue { 0.5 } else { 1.0 };
                (i, strength(s) * share.sqrt() * support, share)
            })
            .collect();
        crate::sort::sort_by(&mut out, |a, b| {
            self.topics[a.0].level.cmp(&self.topics[b.0].level)
                .then_with(|| b.1.total_cmp(&a.1))
                .then_with(|| self.topics[a.0].id.cmp(&self.topics[b.0].id))
        });
        let mut kept: Vec<usize> = Vec::new();
        let mut result = Vec::new();
        // Evidence texts, one copy each.
        let mut texts: FxHashMap<&str, SharedText> = FxHashMap::default();
        for &(i, score, share) in &out {
            let def = &self.topics[i];
            // Level 1 and 2 when the evidence supports them; deeper only when strong.
            let ok = match def.parent {
                // score ≥ min_score already implies share ≥ min_score².
                None => score >= min_score,
                Some(p) => {
                    let floor = if def.level <= 2 { min_score.max(0.3) } else { min_score.max(0.3) + 0.2 };
                    kept.contains(&p) && score >= floor && share >= 0.4
                }
            };
            if !ok {
                continue;
            }
            kept.push(i);
            // Spans first, in order and without repeats.
            let spans = crate::sort::merge_union(hits.iter().filter(|h| self.within(h.topic, i)).map(|h| h.spans.clone()).collect());
            let evidence = spans.iter().map(|sp| {
                let t = sp.of(&doc.text);
                let text = texts.entry(t).or_insert_with(|| SharedText(t.into())).clone();
                Evidence { text, start: sp.start, end: sp.end }
            }).collect();
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

/// The mentions of one trigger key for one topic.
struct Hit<'w> {
    topic: usize,
    key: Cow<'w, str>,
    /// The key's first weight.
    weight: f32,
    /// A key of several words.
    phrase: bool,
    /// In text order.
    spans: Vec<Span>,
}

/// The entry of `topic` and a key (its id, and whether it is a phrase's), made with `weight`
/// when new: a key's weight is its first one.
fn hit_entry<'w>(
    hits: &mut Vec<Hit<'w>>, index: &mut FxHashMap<(usize, u32, bool), usize>, topic: usize, (id, phrase): (u32, bool),
    key: impl FnOnce() -> Cow<'w, str>, weight: f32,
) -> usize {
    *index.entry((topic, id, phrase)).or_insert_with(|| {
        hits.push(Hit { topic, key: key(), weight, phrase, spans: Vec::new() });
        hits.len() - 1
    })
}

/// Records a mention. Mentions of one key come in text order, so a repeat (the
/// same key in both language maps) can only be the last one.
fn push_mention(spans: &mut Vec<Span>, span: Span) {
    if spans.last() != Some(&span) {
        spans.push(span);
    }
}

/// Spans that may hold others, to ask which spans lie inside one of them.
struct Containers {
    /// Sorted, without repeats.
    spans: Vec<Span>,
    /// The furthest end among `spans[..=k]`.
    reach: Vec<usize>,
}

impl Containers {
    fn new(mut spans: Vec<Span>) -> Containers {
        crate::sort::sort(&mut spans);
        spans.dedup();
        let reach = spans.iter().scan(0, |r, s| {
            *r = s.end.max(*r);
            Some(*r)
        }).collect();
        Containers { spans, reach }
    }

    /// Whether `s` lies inside one of the spans other than `s` itself.
    fn hold(&self, s: Span) -> bool {
        // The spans that start at or before `s`.
        let n = self.spans.partition_point(|o| o.start <= s.start);
        if n == 0 || self.reach[n - 1] < s.end {
            return false;
        }
        // One of them reaches as far: is there one that is not `s` itself?
        match self.spans[..n].binary_search(&s) {
            Err(_) => true,
            // The spans after `s` start where it does and end later.
            Ok(k) => k + 1 < n || k > 0 && self.reach[k - 1] >= s.end,
        }
    }
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

    #[test]
    fn spans_held_match_the_pairwise_definition() {
        let spans: Vec<Span> = [(0, 10), (0, 4), (2, 4), (2, 4), (5, 10), (5, 12), (11, 12), (20, 25)]
            .iter().map(|&(a, b)| Span::new(a, b)).collect();
        let mut naive: Vec<Span> = spans.iter().copied()
            .filter(|s| spans.iter().any(|o| o != s && o.start <= s.start && s.end <= o.end))
            .collect();
        naive.sort();
        naive.dedup();
        let containers = Containers::new(spans.clone());
        let mut nested: Vec<Span> = spans.iter().copied().filter(|&s| containers.hold(s)).collect();
        nested.sort();
        nested.dedup();
        assert_eq!(nested, naive);
        // Spans that are not containers themselves.
        for s in [(0, 1), (3, 4), (4, 5), (6, 11), (10, 12), (12, 13), (21, 24), (20, 26), (30, 31)].map(|(a, b)| Span::new(a, b)) {
            assert_eq!(containers.hold(s), spans.iter().any(|o| *o != s && o.contains(&s)), "{s:?}");
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
