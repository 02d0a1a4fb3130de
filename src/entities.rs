//! Named entities by rules plus an embedded gazetteer.
//!
//! Candidates are runs of capitalised words, joined across French particles
//! ("Corée du Nord", "Organisation du Traité de l'Atlantique Nord"), and
//! acronyms. The gazetteer names and types the ones it knows (with Wikidata
//! ids); context rules (titles and roles before a name, organisation words
//! inside it, place prepositions before it) type the rest. A later surname-only
//! mention, or a near-miss spelling of it, joins the full name.

use std::collections::HashMap;

use serde::Serialize;

use crate::document::Document;
use crate::normalize::{edit_distance, fold_accents, lower};
use crate::span::Span;
use crate::text::TokenKind;
use crate::words::WordInfo;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Organisation,
    Other,
}

impl EntityKind {
    fn parse(s: &str) -> EntityKind {
        match s {
            "person" => EntityKind::Person,
            "place" => EntityKind::Place,
            "organisation" | "organization" => EntityKind::Organisation,
            _ => EntityKind::Other,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    pub text: String,
    pub kind: EntityKind,
    /// Wikidata id ("Q7184") when the gazetteer knows the entity.
    pub wikidata: Option<String>,
    pub mentions: Vec<Span>,
}

/// One gazetteer entry (see `data/gazetteer.tsv`).
#[derive(Debug, Clone)]
pub struct GazEntry {
    pub kind: EntityKind,
    pub name_fr: String,
    pub name_en: String,
    pub wikidata: Option<String>,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<GazEntry>,
    /// Folded alias → entry.
    by_alias: HashMap<String, usize>,
    /// Folded demonym → entry of its country.
    demonyms: HashMap<String, usize>,
}

/// Lowercase, accents folded, apostrophes and hyphens unified: the gazetteer's lookup key.
pub fn alias_key(s: &str) -> String {
    let low = fold_accents(&lower(s));
    low.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

impl Gazetteer {
    /// Parses `id, kind, subkind, name_fr, name_en, wikidata, aliases, country` lines
    /// and `form, lang, country_id` demonym lines. Lines starting with `#` are comments.
    pub fn parse(entries_tsv: &str, demonyms_tsv: &str) -> Gazetteer {
        let mut g = Gazetteer::default();
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        for line in entries_tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 7 || f[0] == "id" {
                continue;
            }
            let idx = g.entries.len();
            g.entries.push(GazEntry {
                kind: EntityKind::parse(f[1]),
                name_fr: f[3].to_string(),
                name_en: f[4].to_string(),
                wikidata: Some(f[5].to_string()).filter(|w| !w.is_empty()),
            });
            by_id.insert(f[0], idx);
            for alias in [f[3], f[4]].into_iter().chain(f[6].split('|')) {
                if !alias.is_empty() {
                    g.by_alias.entry(alias_key(alias)).or_insert(idx);
                }
            }
        }
        for line in demonyms_tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            if let (Some(form), Some(country)) = (f.first(), f.get(2)) {
                if let Some(&idx) = by_id.get(country) {
                    g.demonyms.entry(alias_key(form)).or_insert(idx);
                }
            }
        }
        g
    }

    pub fn lookup(&self, surface: &str) -> Option<usize> {
        self.by_alias.get(&alias_key(surface)).copied()
    }

    pub fn demonym(&self, word: &str) -> Option<usize> {
        self.demonyms.get(&alias_key(word)).copied()
    }
}

/// Lowercase words that may sit inside a name: "Corée du Nord", "Académie de défense".
const PARTICLES: &[&str] = &["de", "du", "des", "d'", "of", "von", "van", "der", "di", "da", "dos", "bin", "ibn", "al", "el"];
/// Articles allowed right after a particle: "de la", "de l'", "of the".
const PARTICLE_ARTICLES: &[&str] = &["la", "l'", "le", "the"];
/// Capitalised words that are titles or roles, not names.
const ROLE_WORDS: &[&str] = &[
    "m", "mme", "mlle", "mm", "dr", "pr", "me", "mr", "mrs", "ms", "président", "présidente", "premier",
    "première", "ministre", "secrétaire", "général", "générale", "chef", "sir", "lord", "saint",
    "president", "prime", "minister", "secretary", "general", "professeur", "professor",
];
/// Words before a name that say it is a person.
const PERSON_CUES: &[&str] = &[
    "m.", "mme", "m", "président", "présidente", "ministre", "secrétaire", "général", "chef", "professeur",
    "porte-parole", "directeur", "directrice", "ambassadeur", "ambassadrice", "roi", "reine", "pape",
    "journaliste", "écrivain", "sénateur", "député", "maire", "juge", "avocat", "entraîneur", "ukrainien",
    "japonais", "américain", "russe", "chinois", "français", "president", "minister", "secretary",
    "mr", "mrs", "ms", "dr", "chancellor", "chancelier", "leader", "dirigeant", "homologue",
];
/// Words inside a name that say it is an organisation.
const ORG_WORDS: &[&str] = &[
    "organisation", "organization", "union", "agence", "agency", "association", "press", "news",
    "industries", "industry", "company", "corporation", "inc", "group", "groupe", "banque", "bank",
    "académie", "academy", "université", "university", "ministère", "ministry", "conseil", "council",
    "commission", "parti", "party", "forces", "force", "magazine", "times", "journal", "post",
    "fondation", "foundation", "institut", "institute", "alliance", "assemblée", "sénat", "senate",
    "congrès", "congress", "parlement", "parliament", "tribunal", "cour", "court", "nations", "bureau",
    "club", "fc", "airlines", "motors", "société", "office", "service", "services", "département",
    "department", "armée", "army", "navy", "marine", "police", "gouvernement", "government",
];
const PLACE_PREPOSITIONS: &[&str] = &["à", "en", "au", "aux", "in", "at", "from", "vers", "depuis", "near"];

struct Candidate {
    span: Span,
    first_token: usize,
    words: Vec<usize>,
}

pub fn extract(doc: &Document, words: &[Option<WordInfo>], gaz: &Gazetteer) -> Vec<Entity> {
    let text = doc.text.as_str();
    let lower_forms: std::collections::HashSet<&str> = words
        .iter()
        .flatten()
        .filter(|w| !w.cap && !w.sentence_initial)
        .map(|w| w.lower.as_str())
        .collect();
    let cands = candidates(doc, words);

    // Group mentions by key; remember context evidence.
    struct Group {
        kind: Option<EntityKind>,
        gaz: Option<usize>,
        person_cue: bool,
        org_word: bool,
        place_prep: bool,
        mentions: Vec<Span>,
        surfaces: HashMap<String, usize>,
        n_words: usize,
    }
    let mut groups: HashMap<String, Group> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for c in cands {
        let surface = c.span.of(text);
        let single = c.words.len() == 1;
        let w0 = words[c.words[0]].as_ref().unwrap();
        let gaz_hit = gaz.lookup(surface);
        // A lone sentence-initial capital is usually an ordinary word ("Pendant", "Toutefois").
        if single && gaz_hit.is_none() {
            if w0.stop || ROLE_WORDS.contains(&w0.lower.as_str()) || w0.lower.chars().count() < 2 {
                continue;
            }
            if w0.sentence_initial && !w0.acronym && lower_forms.contains(w0.lower.as_str()) {
                continue;
            }
            if w0.sentence_initial && !w0.acronym && is_common_word(&w0.lower) {
                continue;
            }
        }
        let key = match gaz_hit {
            Some(i) => format!("gaz:{i}"),
            None => alias_key(surface),
        };
        let prev = prev_words(doc, words, c.first_token, 3);
        let person_cue = prev.iter().any(|p| PERSON_CUES.contains(&p.as_str()));
        let place_prep = prev.first().is_some_and(|p| PLACE_PREPOSITIONS.contains(&p.as_str()));
        let org_word = c.words.iter().any(|&t| ORG_WORDS.contains(&words[t].as_ref().unwrap().lower.as_str()));
        let g = groups.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Group {
                kind: gaz_hit.map(|i| gaz.entries[i].kind),
                gaz: gaz_hit,
                person_cue: false,
                org_word: false,
                place_prep: false,
                mentions: Vec::new(),
                surfaces: HashMap::new(),
                n_words: c.words.len(),
            }
        });
        g.person_cue |= person_cue;
        g.org_word |= org_word;
        g.place_prep |= place_prep;
        g.mentions.push(c.span);
        *g.surfaces.entry(surface.to_string()).or_insert(0) += 1;
    }

    // Demonyms ("japonais") are mentions of their country.
    for (ti, w) in words.iter().enumerate() {
        let Some(w) = w else { continue };
        if w.cap && !w.sentence_initial {
            continue;
        }
        if let Some(i) = gaz.demonym(&w.lower) {
            let key = format!("gaz:{i}");
            let g = groups.entry(key.clone()).or_insert_with(|| {
                order.push(key.clone());
                Group { kind: Some(gaz.entries[i].kind), gaz: Some(i), person_cue: false, org_word: false,
                        place_prep: false, mentions: Vec::new(), surfaces: HashMap::new(), n_words: 1 }
            });
            g.mentions.push(doc.tokens[ti].span);
        }
    }

    let mut entities: Vec<Entity> = order
        .iter()
        .map(|key| {
            let g = &groups[key];
            let acronym = !g.surfaces.keys().any(|s| s.chars().any(char::is_lowercase));
            let kind = g.kind.unwrap_or(if g.org_word || (acronym && g.n_words == 1) {
                EntityKind::Organisation
            } else if g.person_cue || (g.n_words >= 2 && g.n_words <= 3 && !g.place_prep) {
                EntityKind::Person
            } else if g.place_prep {
                EntityKind::Place
            } else {
                EntityKind::Other
            });
            let text = match g.gaz {
                Some(i) => {
                    let e = &gaz.entries[i];
                    // The display name follows the text: the alias used, else the French name.
                    let mut s: Vec<(&String, &usize)> = g.surfaces.iter().collect();
                    s.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
                    s.first().map(|x| x.0.clone()).unwrap_or_else(|| e.name_fr.clone())
                }
                None => {
                    let mut s: Vec<(&String, &usize)> = g.surfaces.iter().collect();
                    s.sort_by(|a, b| b.1.cmp(a.1).then_with(|| b.0.len().cmp(&a.0.len())).then_with(|| a.0.cmp(b.0)));
                    s[0].0.clone()
                }
            };
            let mut mentions = g.mentions.clone();
            mentions.sort();
            mentions.dedup();
            Entity { text, kind, wikidata: g.gaz.and_then(|i| gaz.entries[i].wikidata.clone()), mentions }
        })
        .collect();

    join_surnames(&mut entities, text);
    entities.sort_by(|a, b| {
        b.mentions.len().cmp(&a.mentions.len()).then_with(|| a.mentions[0].cmp(&b.mentions[0]))
    });
    entities
}

/// Common French/English words that start sentences but are not names.
fn is_common_word(w: &str) -> bool {
    const COMMON: &[&str] = &[
        "pendant", "toutefois", "cependant", "selon", "alors", "ainsi", "après", "avant", "depuis", "lors",
        "outre", "concernant", "citant", "considérant", "interrogé", "interrogée", "mais", "donc", "enfin",
        "puis", "plus", "tout", "tous", "les", "des", "une", "un", "il", "elle", "nous", "ils", "elles",
        "however", "meanwhile", "but", "after", "before", "since", "although", "while", "the", "this",
        "that", "these", "those", "in", "on", "at", "for", "eh", "ou", "et", "ici", "apparemment",
        "évidemment", "peut-être", "tokyo", "en", "par", "pour", "dans", "sur", "avec",
    ];
    COMMON.contains(&w)
}

/// Lowercase words immediately before token `ti`, nearest first (skipping punctuation).
fn prev_words(doc: &Document, words: &[Option<WordInfo>], ti: usize, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = ti;
    while i > 0 && out.len() < n {
        i -= 1;
        match &words[i] {
            Some(w) => out.push(w.lower.clone()),
            None => {
                if doc.tokens[i].kind == TokenKind::Elision {
                    out.push(lower(doc.tokens[i].span.of(&doc.text)));
                } else if doc.tokens[i].span.of(&doc.text) == "." {
                    // "M." keeps its period as a separate token.
                    continue;
                } else {
                    break;
                }
            }
        }
    }
    out
}

/// Runs of capitalised words inside sentences, joined across particles.
fn candidates(doc: &Document, words: &[Option<WordInfo>]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let (a, b) = s.tokens;
        let mut i = a;
        while i < b {
            let is_cap = |k: usize| {
                doc.tokens[k].kind == TokenKind::Word
                    && words[k].as_ref().is_some_and(|w| w.cap && !ROLE_WORDS.contains(&w.lower.as_str()))
            };
            if !is_cap(i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut members = vec![i];
            let mut j = i + 1;
            loop {
                if j < b && is_cap(j) && doc.tokens[j].span.start - doc.tokens[j - 1].span.end <= 1 {
                    members.push(j);
                    j += 1;
                    continue;
                }
                // Particles: up to two lowercase joiners followed by a capitalised word.
                let mut k = j;
                let mut joiners = 0;
                while k < b && joiners < 2 {
                    let t = doc.tokens[k];
                    let low = lower(t.span.of(&doc.text));
                    let allowed = if joiners == 0 { PARTICLES } else { PARTICLE_ARTICLES };
                    let is_particle = allowed.contains(&low.as_str()) && !t.span.of(&doc.text).starts_with(char::is_uppercase);
                    if !is_particle {
                        break;
                    }
                    k += 1;
                    joiners += 1;
                }
                if joiners > 0 && k < b && is_cap(k) {
                    members.push(k);
                    j = k + 1;
                    continue;
                }
                break;
            }
            // Drop a leading stop word ("Le Japon" at a sentence start → "Japon").
            let mut first = start;
            while members.len() > 1 && words[first].as_ref().is_some_and(|w| w.stop) {
                members.remove(0);
                first = members[0];
            }
            let last = *members.last().unwrap();
            out.push(Candidate {
                span: Span::new(doc.tokens[first].span.start, doc.tokens[last].span.end),
                first_token: first,
                words: members,
            });
            i = j;
        }
    }
    out
}

/// "Stoltenberg" (and "Soltenberg") join "Jens Stoltenberg"; "Kishida" joins "Fumio Kishida".
fn join_surnames(entities: &mut Vec<Entity>, _text: &str) {
    let full: Vec<(usize, String)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Person && e.text.split_whitespace().count() >= 2)
        .map(|(i, e)| (i, alias_key(e.text.split_whitespace().last().unwrap())))
        .collect();
    let mut absorbed = vec![false; entities.len()];
    for i in 0..entities.len() {
        let e = &entities[i];
        if e.text.split_whitespace().count() != 1 || e.kind == EntityKind::Place || e.wikidata.is_some() {
            continue;
        }
        let key = alias_key(&e.text);
        let target = full.iter().find(|(_, s)| *s == key).or_else(|| {
            full.iter().find(|(_, s)| s.chars().count() >= 6 && edit_distance(s, &key) == 1)
        });
        if let Some(&(t, _)) = target {
            if t != i {
                let mentions = entities[i].mentions.clone();
                entities[t].mentions.extend(mentions);
                entities[t].mentions.sort();
                absorbed[i] = true;
            }
        }
    }
    let mut k = 0;
    entities.retain(|_| {
        let keep = !absorbed[k];
        k += 1;
        keep
    });
}
