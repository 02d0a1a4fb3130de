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

use std::cell::Cell;
use std::collections::HashMap;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::document::Document;
use crate::entities::token_lower;
use crate::lang::Lang;
use crate::normalize::edit_distance;
use crate::span::Span;
use crate::stopwords::WordList;
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
static LINKERS: WordList = WordList::new(&["de", "du", "des", "d'", "à", "au", "aux", "en", "of", "for"]);
/// Articles allowed right after a linker.
static LINK_ARTICLES: WordList = WordList::new(&["la", "l'", "le", "les", "the"]);
/// Words after which the next word is a verb: clitics, auxiliaries, negation.
static VERB_CUES: WordList = WordList::new(&[
    "il", "elle", "ils", "elles", "on", "je", "nous", "vous", "ne", "n'", "se", "s'", "qui", "y", "a", "ont",
    "avait", "avaient", "aura", "auront", "est", "sont", "était", "étaient", "sera", "seront", "été", "va",
    "vont", "peut", "peuvent", "doit", "doivent", "pourrait", "devrait", "he", "she", "they", "we", "has",
    "have", "had", "will", "would", "could", "should", "can", "may", "might", "must", "did", "does",
    "was", "were", "is", "are", "been", "not",
]);
/// Degree adverbs: the word after them is an adjective or an adverb ("plus capables", "très proche"),
/// not a noun. (English "more"/"most"/"less" also go before nouns: not listed.)
static DEGREE_ADVERBS: WordList = WordList::new(&["plus", "moins", "très", "trop", "assez", "aussi", "very"]);
/// Month and day names: dates are never keyphrases.
static CALENDAR: WordList = WordList::new(&[
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
]);
/// Abbreviated titles and place-name prefixes ("Rep. Jackie Speier", "St. Louis"): no keyphrase words.
static ABBREVIATED_TITLES: WordList = WordList::new(&["st", "mt", "ft", "rep", "sen", "gov", "dr", "mr", "mrs", "ms", "lt", "gen", "col", "sgt"]);
/// Month and day names ("juillet", "Tuesday").
pub fn is_calendar_word(lower: &str) -> bool {
    CALENDAR.contains(&lower)
}

/// Endings of French conjugated verbs that nouns rarely have.
const VERB_ENDINGS: &[&str] = &["ait", "aient", "èrent", "era", "eraient", "erait", "eront", "issent", "ions", "iez"];

/// `max` keyphrases, best first. `corpus`, when given, are document frequencies
/// of the documents analysed together (this one included).
pub fn extract(doc: &Document, words: &[Option<WordInfo>], max: usize, corpus: Option<&DocFrequencies>, lang: Lang) -> Vec<Keyword> {
    let english = lang == Lang::En;
    // What each distinct word's own form says, computed at its first occurrence.
    let mut shapes: Vec<u16> = Vec::new();
    let lists = &Lists::new(words);
    let content: Vec<bool> = (0..words.len()).map(|ti| is_content(doc, words, lists, ti, &mut shapes, english)).collect();
    // Word keys as small ids (`WordInfo::key_id`, numbered in order of appearance).
    let mut term_keys: Vec<&str> = Vec::new();
    let term: Vec<u32> = words
        .iter()
        .map(|w| match w {
            Some(w) => {
                let id = w.key_id as usize;
                if id >= term_keys.len() {
                    term_keys.resize(id + 1, "");
                }
                term_keys[id] = w.key.as_str();
                w.key_id
            }
            None => NO_TERM,
        })
        .collect();

    struct Cand {
        key: PhraseKey,
        /// Sorted by start (candidates are found left to right).
        mentions: Vec<Span>,
        first_sentence: usize,
        /// The content tokens of the first mention.
        tokens: PhraseKey,
        capitalised: u32,
        /// English mentions cut before their head noun (see `before_english_head`).
        before_head: u32,
    }
    let mut index: FxHashMap<PhraseKey, usize> = FxHashMap::default();
    let mut cands: Vec<Cand> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let (a, b) = s.tokens;
        for i in a..b {
            if !content[i] || doc.tokens[i].kind != TokenKind::Word {
                continue;
            }
            let mut key: PhraseKey = [NO_TERM; MAX_CONTENT_WORDS];
            let mut tokens: PhraseKey = [NO_TERM; MAX_CONTENT_WORDS];
            let mut n = 0;
            let mut j = i;
            let mut linked = false;
            let capitalised = words[i].as_ref().is_some_and(|w| (w.cap && !w.sentence_initial) || w.acronym);
            // "président Macron", "Minister Fumio Kishida": the name is the keyphrase, not the title.
            let titles_name = words[i].as_ref().is_some_and(|w| lists.word_in(w, List::Roles)) && introduces_name(words, lists, doc, i, b);
            while j < b && n < MAX_CONTENT_WORDS {
                if content[j] {
                    let w = words[j].as_ref().unwrap();
                    // A name followed by a lowercase word: a verb or a new phrase ("Minitel enregistrait").
                    let prev_cap = j > i && content[j - 1] && words[j - 1].as_ref().is_some_and(|p| p.cap || p.acronym);
                    if prev_cap && !w.cap && doc.tokens[j].kind == TokenKind::Word {
                        break;
                    }
                    // English puts modifiers before a name, not common words: "hopes" | "Mongolia".
                    let prev_lower = j > i && content[j - 1] && words[j - 1].as_ref().is_some_and(|p| !p.cap && !p.acronym);
                    if english && prev_lower && (w.cap || w.acronym) && doc.tokens[j].kind == TokenKind::Word {
                        break;
                    }
                    // A phrase does not run into a title or a person's name ("NATO Secretary-General",
                    // "Économie Bruno Le Maire"), nor continue from a title into the name.
                    if j > i && (titles_name || starts_person(words, lists, j) || is_title_before_name(doc, words, lists, j)) {
                        break;
                    }
                    // A capitalised title alone ("Premier", "Minister") is not a keyphrase either.
                    if j == i && titles_name && w.cap {
                        break;
                    }
                    key[n] = term[j];
                    tokens[n] = j as u32;
                    n += 1;
                    // Never cut a name: "Secretary-General Jens" | "Stoltenberg".
                    if cuts_name(doc, words, lists, i, j) || w.stop {
                        j += 1;
                        continue;
                    }
                    let span = Span::new(doc.tokens[i].span.start, doc.tokens[j].span.end);
                    let ci = *index.entry(key).or_insert_with(|| {
                        cands.push(Cand { key, mentions: Vec::new(), first_sentence: si, tokens, capitalised: 0, before_head: 0 });
                        cands.len() - 1
                    });
                    cands[ci].mentions.push(span);
                    cands[ci].capitalised += u32::from(capitalised);
                    cands[ci].before_head += u32::from(english && before_english_head(doc, words, &content, j, b));
                    j += 1;
                    continue;
                }
                // One linker ("de", "de la", "d'", "à l'") then a content word.
                if linked {
                    break;
                }
                linked = true;
                let Some(after) = linker_end(doc, words, lists, j, b) else { break };
                if after >= b || !content[after] || doc.tokens[after].kind != TokenKind::Word {
                    break;
                }
                // "hôtel à Kaboul", "minitel en France": a place complement, not part of the phrase.
                if words[after].as_ref().is_some_and(|w| w.cap) && PLACE_LINKERS.contains(&token_lower(doc, words, j).as_ref()) {
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
    let mut idf_of: Vec<Option<f32>> = vec![None; term_keys.len()];
    let mut scores: Vec<f32> = cands
        .iter()
        .map(|c| {
            let (mut sum_idf, mut n_scored) = (0.0f32, 0.0f32);
            for &ti in c.tokens.iter().take_while(|&&t| t != NO_TERM) {
                let ti = ti as usize;
                if doc.tokens[ti].kind == TokenKind::Number {
                    continue;
                }
                let w = words[ti].as_ref().unwrap();
                n_scored += 1.0;
                sum_idf += *idf_of[term[ti] as usize].get_or_insert_with(|| idf(&w.key, w.zipf));
            }
            let tf = c.mentions.len() as f32;
            let mean_idf = sum_idf / n_scored.max(1.0);
            let position = 1.0 + EARLY_BONUS / (1.0 + c.first_sentence as f32);
            let casing = if c.capitalised * 2 >= c.mentions.len() as u32 { NAME_BONUS } else { 1.0 };
            // "française", "Américains" alone: the country or the people, said in passing; readers
            // tag the country or the phrase ("armée française"), rarely the adjective.
            let nationality = if c.key[1] == NO_TERM && is_demonym(words, c.tokens[0] as usize) { DEMONYM_WEIGHT } else { 1.0 };
            // "years", "hours", "billion" alone: how long or how much, not what the text is about.
            let measure = if c.key[1] == NO_TERM && MEASURE_WORDS.contains(&words[c.tokens[0] as usize].as_ref().unwrap().lower.as_str()) { MEASURE_WEIGHT } else { 1.0 };
            // "national" of "national security", "black" of "black hole": an English phrase ends with
            // its head noun, so a phrase always cut before a noun names half a thing.
            let head = 1.0 - CUT_BEFORE_HEAD_PENALTY * c.before_head as f32 / tf;
            tf * mean_idf * position * casing * nationality * measure * head
        })
        .collect();

    // A capitalised word seen mostly inside longer names ("Alan" in "Alan Turing", "Corée" in
    // "Corée du Nord" and "Corée du Sud") is part of them.
    let mut longer_with: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for (ci, c) in cands.iter().enumerate() {
        if c.key[1] != NO_TERM {
            for &t in c.key.iter().take_while(|&&t| t != NO_TERM) {
                longer_with.entry(t).or_default().push(ci);
            }
        }
    }
    for (ci, c) in cands.iter().enumerate() {
        if c.key[1] != NO_TERM || c.capitalised == 0 {
            continue;
        }
        let inside = longer_with.get(&c.key[0]).map_or(0, |longer| {
            let mut outer: Vec<Span> = longer.iter().flat_map(|&li| cands[li].mentions.iter().copied()).collect();
            // Integer keys (start, end): no comparator call per comparison.
            crate::sort::sort_by_packed(&mut outer, |s| Some(u128::from(u32::try_from(s.start).ok()?) << 32 | u128::from(u32::try_from(s.end).ok()?)), Span::cmp);
            covered(&c.mentions, &outer)
        });
        if inside * 4 >= c.mentions.len() * 3 {
            scores[ci] *= 0.5;
        }
    }
    let key_text = |c: &Cand| c.key.iter().take_while(|&&t| t != NO_TERM).map(|&t| term_keys[t as usize]).collect::<Vec<_>>().join(" ");
    // The bytes of `key_text`, without building it.
    let key_bytes = |ci: usize| {
        cands[ci].key.iter().take_while(|&&t| t != NO_TERM).enumerate()
            .flat_map(|(n, &t)| (n > 0).then_some(b' ').into_iter().chain(term_keys[t as usize].bytes()))
    };
    // Best score first, then by key text, then in order of appearance.
    let rank = |a: &usize, b: &usize| scores[*b].total_cmp(&scores[*a]).then_with(|| key_bytes(*a).cmp(key_bytes(*b))).then(a.cmp(b));
    let mut order: Vec<usize> = (0..cands.len()).collect();
    // Only the head of the ranking is usually read: rank a generous head first, the rest if needed.
    let head = (max * 8 + 64).min(order.len());
    if head < order.len() {
        order.select_nth_unstable_by(head, rank);
    }
    crate::sort::sort_indices(&mut order[..head], &mut |a, b| rank(&a, &b));
    let mut tail_sorted = head == order.len();

    // Keep the best of near-duplicate keys; scale scores to 0..1.
    let best = order.first().map_or(1.0, |&c| scores[c].max(f32::MIN_POSITIVE));
    let mut out: Vec<Keyword> = Vec::new();
    for i in 0..order.len() {
        if out.len() >= max {
            break;
        }
        if i == head && !tail_sorted {
            crate::sort::sort_indices(&mut order[head..], &mut |a, b| rank(&a, &b));
            tail_sorted = true;
        }
        let ci = order[i];
        let c = &cands[ci];
        let key = key_text(c);
        if out.iter().any(|k| similar(&k.key, &key)) {
            continue;
        }
        // Display form: the most frequent surface, then the first in sort order.
        let mut surfaces: FxHashMap<&str, u32> = FxHashMap::default();
        for m in &c.mentions {
            *surfaces.entry(m.of(&doc.text)).or_insert(0) += 1;
        }
        let text = surfaces.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0))).map(|s| s.0.to_string());
        out.push(Keyword {
            text: text.unwrap_or_default(),
            score: (scores[ci] / best).clamp(0.0, 1.0),
            mentions: c.mentions.clone(),
            key,
        });
    }
    out
}

/// How much an English phrase loses when all its mentions stop before their head noun.
const CUT_BEFORE_HEAD_PENALTY: f32 = 0.9;

/// English: lowercase token `j` is directly followed, in the same sentence, by a lowercase content
/// word that does not look like a verb: `j` modifies it ("national" security, "flu" vaccine).
/// Words in -s or -ed after `j` may be verbs ("the report suggests"): not counted.
fn before_english_head(doc: &Document, words: &[Option<WordInfo>], content: &[bool], j: usize, b: usize) -> bool {
    let lowercase_word = |k: usize| doc.tokens[k].kind == TokenKind::Word && words[k].as_ref().is_some_and(|w| !w.cap && !w.acronym);
    let k = j + 1;
    k < b && lowercase_word(j) && lowercase_word(k) && content[k]
        && doc.text[doc.tokens[j].span.end..doc.tokens[k].span.start].bytes().all(|c| c == b' ')
        && words[k].as_ref().is_some_and(|w| {
            let l = w.lower.as_str();
            !(l.ends_with("ed") || (l.ends_with('s') && !l.ends_with("ss")) || EN_IRREGULAR_PAST.contains(&l))
        })
}

/// Common irregular English past tenses that are not also common nouns ("cut", "set", "hit"
/// are left out): after a noun they are its verb ("prices fell"), alone they are no keyphrase.
static EN_IRREGULAR_PAST: WordList = WordList::new(&[
    "rose", "fell", "grew", "took", "made", "came", "went", "saw", "gave", "told", "found", "won", "lost",
    "held", "met", "led", "brought", "began", "became", "kept", "sent", "spent", "paid", "sold", "built",
    "struck", "ran", "knew", "thought", "felt", "stood", "wrote", "spoke", "chose", "broke", "fought",
    "caught", "bought", "meant", "heard", "got", "flew", "drew", "seen", "taken", "given", "done", "gone",
    "known", "shown", "grown", "written", "spoken", "chosen", "broken", "fallen", "risen", "begun",
]);

/// Weight of a nationality word on its own.
const DEMONYM_WEIGHT: f32 = 0.3;
/// Words of time and quantity, and their weight on their own (inside a phrase they count fully:
/// "heures supplémentaires", "billion-dollar deal").
static MEASURE_WORDS: WordList = WordList::new(&[
    "year", "years", "time", "times", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
    "night", "nights", "percent", "per", "cent", "million", "millions", "billion", "billions", "mln", "bln",
    "thousand", "thousands", "next", "last", "an", "ans", "année", "années", "heure", "heures", "jour",
    "jours", "semaine", "semaines", "mois", "fois", "nuit", "nuits", "milliard", "milliards",
]);
const MEASURE_WEIGHT: f32 = 0.3;

fn is_demonym(words: &[Option<WordInfo>], ti: usize) -> bool {
    words[ti].as_ref().is_some_and(|w| crate::analysis::gazetteer().demonym(&w.lower).is_some())
}

/// Titles and roles that stand before a person's name ("président", "comédien", "Minister").
/// (A `WordList`: tested for most content words, a slice scan was 10% of the analysis.)
static ROLE_WORDS: WordList = WordList::new(&[
    "président", "présidente", "ministre", "premier", "première", "secrétaire", "secrétaire-général",
    "général", "chef", "chancelier", "chancelière", "roi", "reine", "prince", "princesse", "pape", "juge",
    "maire", "député", "députée", "sénateur", "sénatrice", "candidat", "candidate", "rival", "rivale",
    "dirigeant", "dirigeante", "leader", "porte-parole", "ambassadeur", "ambassadrice", "homologue",
    "comédien", "comédienne", "acteur", "actrice", "chanteur", "chanteuse", "journaliste", "écrivain",
    "écrivaine", "auteur", "réalisateur", "réalisatrice", "joueur", "joueuse", "entraîneur", "avocat",
    "avocate", "procureur", "colonel", "capitaine", "cardinal", "monseigneur", "docteur", "professeur",
    "m", "mme", "mlle", "dr", "president", "minister", "prime", "secretary", "secretary-general",
    "chancellor", "senator", "governor", "king", "queen", "actor", "actress", "singer", "mr", "mrs", "ms",
    "société", "groupe", "entreprise", "firme", "constructeur", "compagnie", "quotidien", "hebdomadaire",
]);

/// Token `j` is a given name after a word that is not one: a person's name starts there
/// ("Économie" | "Bruno Le Maire", "japonais" | "Fumio Kishida").
fn starts_person(words: &[Option<WordInfo>], lists: &Lists, j: usize) -> bool {
    let given = |k: usize| words[k].as_ref().is_some_and(|w| w.cap && lists.word_in(w, List::FirstNames));
    j > 0 && given(j) && !given(j - 1) && words[j - 1].as_ref().is_some_and(|w| !w.stop)
}

/// A capitalised title right before a capitalised word ("Secretary-General Jens"), not a
/// surname that looks like one ("Bruno Le Maire").
fn is_title_before_name(doc: &Document, words: &[Option<WordInfo>], lists: &Lists, k: usize) -> bool {
    words[k].as_ref().is_some_and(|w| w.cap && lists.word_in(w, List::Roles))
        && doc.tokens.get(k + 1).is_some_and(|t| t.kind == TokenKind::Word)
        && words.get(k + 1).and_then(|n| n.as_ref()).is_some_and(|n| n.cap)
}

/// Token `i` is followed by a capitalised word, directly or after a title ("Premier ministre Fumio")
/// or a linker ("ministre d'Hosni Moubarak").
fn introduces_name(words: &[Option<WordInfo>], lists: &Lists, doc: &Document, i: usize, b: usize) -> bool {
    // Skip titles, stop words and up to two adjectives ("Premier ministre japonais Fumio Kishida").
    let mut k = i + 1;
    let mut adjectives = 0;
    while k < b {
        let Some(w) = words[k].as_ref() else { break };
        if lists.word_in(w, List::Roles) || (w.stop && !w.cap) {
            k += 1;
        } else if !w.cap && adjectives < 2 {
            adjectives += 1;
            k += 1;
        } else {
            break;
        }
    }
    k < b && k > i && doc.tokens[k].kind == TokenKind::Word && words[k].as_ref().is_some_and(|w| w.cap && !w.stop)
}

/// Linkers that introduce a place complement when a name follows.
const PLACE_LINKERS: &[&str] = &["à", "au", "aux", "en"];

/// A phrase from token `i` to token `j` starts or ends inside a run of capitalised words.
fn cuts_name(doc: &Document, words: &[Option<WordInfo>], lists: &Lists, i: usize, j: usize) -> bool {
    let name_word = |k: usize| {
        doc.tokens[k].kind == TokenKind::Word
            && words[k].as_ref().is_some_and(|w| w.cap && (!w.sentence_initial || lists.word_in(w, List::FirstNames)))
            && !is_title_before_name(doc, words, lists, k)
    };
    let adjacent = |a: usize, b: usize| doc.text[doc.tokens[a].span.end..doc.tokens[b].span.start].chars().all(|c| c == ' ');
    (j + 1 < doc.tokens.len() && name_word(j) && name_word(j + 1) && adjacent(j, j + 1) && !starts_person(words, lists, j + 1))
        || (i > 0 && name_word(i) && name_word(i - 1) && adjacent(i - 1, i) && !starts_person(words, lists, i))
}

/// A phrase's word ids, `NO_TERM` after its last word.
type PhraseKey = [u32; MAX_CONTENT_WORDS];
const NO_TERM: u32 = u32::MAX;

/// How many of `inner` (sorted) lie inside one of `outer` (sorted, disjoint starts).
fn covered(inner: &[Span], outer: &[Span]) -> usize {
    let mut count = 0;
    let mut o = 0;
    for m in inner {
        while o < outer.len() && outer[o].end < m.end {
            o += 1;
        }
        // Outer mentions can nest or overlap a little; look at the next few.
        if outer[o.min(outer.len())..].iter().take(4).any(|x| x.start <= m.start && m.end <= x.end) {
            count += 1;
        }
    }
    count
}

/// A content word: a word or number that is not a stop word and does not look like a verb.
/// Numbers count only after a word ("Falcon 9"). `shapes` caches `surface_shape` by `WordInfo::surface_id`.
fn is_content(doc: &Document, words: &[Option<WordInfo>], lists: &Lists, ti: usize, shapes: &mut Vec<u16>, english: bool) -> bool {
    let Some(w) = &words[ti] else { return false };
    match doc.tokens[ti].kind {
        TokenKind::Number => {
            return ti > 0 && doc.tokens[ti - 1].kind == TokenKind::Word && words[ti - 1].as_ref().is_some_and(|p| !p.stop && p.cap)
        }
        TokenKind::Word => {}
        _ => return false,
    }
    // "Le Pen", "La Fayette": a capitalised article inside a sentence, before a name, belongs to it.
    let name_particle = w.stop
        && w.cap
        && !w.sentence_initial
        && doc.tokens.get(ti + 1).is_some_and(|t| t.kind == TokenKind::Word && t.span.start == doc.tokens[ti].span.end + 1)
        && words.get(ti + 1).and_then(|n| n.as_ref()).is_some_and(|n| n.cap && !n.stop);
    if name_particle {
        return true;
    }
    if w.stop {
        return false;
    }
    let si = w.surface_id as usize;
    if si >= shapes.len() {
        shapes.resize(si + 1, UNKNOWN_SHAPE);
    }
    if shapes[si] == UNKNOWN_SHAPE {
        shapes[si] = surface_shape(&w.lower);
    }
    let shape = shapes[si];
    if shape & NOT_A_TERM != 0 {
        return false;
    }
    // (A capitalised word is content whatever precedes or follows it.)
    if w.cap {
        return true;
    }
    if shape & (VERB_ENDING | INVERTED_VERB) != 0
        || (shape & INFINITIVE != 0 && is_infinitive_after_cue(doc, words, ti))
        || (shape & OTHER_INFINITIVE != 0 && before_object_article(doc, words, lists, ti) && is_infinitive_after_cue(doc, words, ti))
        || (shape & PARTICIPLE != 0 && is_participle_before_agent(doc, words, ti))
    {
        return false;
    }
    let after_verb_cue = || ti > 0
        && matches!(doc.tokens[ti - 1].kind, TokenKind::Word | TokenKind::Elision)
        && lists.token_in(doc, words, ti - 1, List::VerbCues);
    // A lowercase word shaped like a present-tense verb right before an article is one ("exige les
    // résultats", "accorde l'asile"): French nouns take "de" before their complement, not a bare article.
    let before_article = || shape & FINITE != 0 && before_object_article(doc, words, lists, ti);
    // English nouns never take a bare article after them either ("met the", "said a").
    let next_is = |set: &WordList| ti + 1 < doc.tokens.len() && doc.tokens[ti + 1].kind == TokenKind::Word && lower_token_in(doc, words, ti + 1, set);
    let before_english_article = || next_is(if english { &EN_OBJECT_OPENERS } else { &EN_ARTICLES });
    // "announced", "dropped": an English past tense, unless it opens a noun phrase and modifies the
    // noun after it ("the armed forces"; but "officials expected delays").
    let english_past = || {
        let word = |k: usize| doc.tokens[k].kind == TokenKind::Word;
        let modifier = ti + 1 < doc.tokens.len()
            && word(ti + 1)
            && doc.tokens[ti + 1].span.start == doc.tokens[ti].span.end + 1
            && words[ti + 1].as_ref().is_some_and(|n| !n.stop && !n.cap)
            && !(ti > 0 && word(ti - 1) && words[ti - 1].as_ref().is_some_and(|p| !p.stop));
        english && shape & EN_PAST != 0 && !modifier
    };
    !(after_verb_cue() || after_degree_adverb(doc, words, lists, ti) || before_article() || before_english_article() || english_past())
}

// Bits of `surface_shape`: what a lowercase word's own letters say.
const UNKNOWN_SHAPE: u16 = 0x8000;
/// Under two characters, or a month or day name: never a keyphrase word.
const NOT_A_TERM: u16 = 1;
/// Ends like a French conjugated verb ("-ait", "-eront"), when lowercase.
const VERB_ENDING: u16 = 2;
/// "explique-t-il": a verb with its subject pronoun after it.
const INVERTED_VERB: u16 = 4;
/// A first-group infinitive shape (see `is_infinitive_after_cue`).
const INFINITIVE: u16 = 8;
/// A past participle shape (see `is_participle_before_agent`).
const PARTICIPLE: u16 = 16;
/// Shaped like a present-tense verb ("-e", "-ent", not "-dre", "-tre", "-ire") or a present participle ("-ant").
const FINITE: u16 = 32;
/// An infinitive in -re or -ir ("étendre", "agir"), a shape nouns share ("guerre", "désir"):
/// a verb only after a cue and before an object article, "d'étendre les exercices".
const OTHER_INFINITIVE: u16 = 64;
/// English past tense or participle shape ("announced"; not "speed", "hundred").
const EN_PAST: u16 = 128;

fn surface_shape(lower: &str) -> u16 {
    let mut shape = 0;
    if lower.chars().count() < 2 || CALENDAR.contains(&lower) || ABBREVIATED_TITLES.contains(&lower) {
        shape |= NOT_A_TERM;
    }
    // (Last bytes compared first: most words end like no verb ending, and a full compare per ending was a library call.)
    if VERB_ENDINGS.iter().any(|e| lower.as_bytes().last() == e.as_bytes().last() && lower.ends_with(e) && lower.len() > e.len() + 2) {
        shape |= VERB_ENDING;
    }
    if is_inverted_verb(lower) {
        shape |= INVERTED_VERB;
    }
    // "-ifier" is a verb ending ("intensifier", "justifier"), not a noun one.
    if lower.ends_with("er") && (!lower.ends_with("ier") || lower.ends_with("ifier")) && lower.chars().count() >= 6 {
        shape |= INFINITIVE;
    }
    if (lower.ends_with("re") || lower.ends_with("ir")) && lower.chars().count() >= 6 {
        shape |= OTHER_INFINITIVE;
    }
    if has_participle_ending(lower) && !["ité", "itée", "ités"].iter().any(|e| lower.ends_with(e)) {
        shape |= PARTICIPLE;
    }
    if (lower.ends_with("ed") && !lower.ends_with("eed") && !lower.ends_with("dred") && lower.len() >= 5) || EN_IRREGULAR_PAST.contains(&lower) {
        shape |= EN_PAST;
    }
    // Present participles too: "visant un hôtel", "affirmant sa volonté".
    if ((lower.ends_with('e') || lower.ends_with("ent")) && !["dre", "tre", "ire"].iter().any(|e| lower.ends_with(e)))
        || (lower.ends_with("ant") && lower.len() >= 6)
    {
        shape |= FINITE;
    }
    shape
}

/// A French past participle's ending ("annoncé", "exilées"); nouns in "-ité" share it.
pub(crate) fn has_participle_ending(lower: &str) -> bool {
    ["é", "ée", "és", "ées"].iter().any(|e| lower.ends_with(e))
}

/// "exige les résultats", "étendre ses exercices": an object article right after the word.
fn before_object_article(doc: &Document, words: &[Option<WordInfo>], lists: &Lists, ti: usize) -> bool {
    ti + 1 < doc.tokens.len()
        && matches!(doc.tokens[ti + 1].kind, TokenKind::Word | TokenKind::Elision)
        && lists.token_in(doc, words, ti + 1, List::VerbObjectArticles)
}

/// "des liens plus solides": an adjective after a degree adverb. "les plus pauvres" is a noun
/// phrase (the poorest), so not after an article.
fn after_degree_adverb(doc: &Document, words: &[Option<WordInfo>], lists: &Lists, ti: usize) -> bool {
    let word_at = |k: usize| matches!(doc.tokens[k].kind, TokenKind::Word | TokenKind::Elision);
    ti > 0
        && word_at(ti - 1)
        && lists.token_in(doc, words, ti - 1, List::DegreeAdverbs)
        && !(ti > 1 && word_at(ti - 2) && lists.token_in(doc, words, ti - 2, List::LinkArticles))
}

/// "explique-t-il", "dit-elle", "faut-il": a verb with its subject pronoun after it.
fn is_inverted_verb(lower: &str) -> bool {
    lower.rsplit_once('-').is_some_and(|(head, tail)| {
        !head.is_empty() && matches!(tail, "il" | "ils" | "elle" | "elles" | "on" | "je" | "tu" | "nous" | "vous")
    })
}

/// "cessera de fonctionner", "au lieu de piquer", "pour accorder": a first-group infinitive
/// (-er) after a preposition or "faut" is a verb; so is "d'étendre les …". Nouns in -ier ("papier", "quartier") and
/// short words ("fer", "mer", "hiver") are left alone.
/// (The word's own shape is `INFINITIVE` or `OTHER_INFINITIVE` in `surface_shape`; this reads the context.)
fn is_infinitive_after_cue(doc: &Document, words: &[Option<WordInfo>], ti: usize) -> bool {
    // Skip an opening quote: à « embaucher ».
    let mut k = ti;
    while k > 0 {
        k -= 1;
        match doc.tokens[k].kind {
            TokenKind::Word | TokenKind::Elision => {
                return matches!(token_lower(doc, words, k).as_ref(), "de" | "d'" | "à" | "pour" | "sans" | "afin" | "faut")
            }
            _ if matches!(doc.tokens[k].span.of(&doc.text), "«" | "\"" | "“") => continue,
            _ => return false,
        }
    }
    false
}

/// "adopté par le Sénat": a past participle (`PARTICIPLE` in `surface_shape`) before the agent's "par".
fn is_participle_before_agent(doc: &Document, words: &[Option<WordInfo>], ti: usize) -> bool {
    doc.tokens.get(ti + 1).is_some_and(|t| t.kind == TokenKind::Word)
        && token_lower(doc, words, ti + 1).as_ref() == "par"
}

/// Articles that open a verb's object.
static VERB_OBJECT_ARTICLES: WordList = WordList::new(&[
    "le", "la", "les", "l'", "un", "une",
    // Possessives and demonstratives open an object too ("renforcent leurs liens").
    "leur", "leurs", "son", "sa", "ses", "notre", "nos", "votre", "vos", "ce", "cet", "cette", "ces",
]);

/// Whether token `ti`, lowercased, is one of `set` (for lists asked about few words; the hot
/// ones are remembered per distinct word in `Lists`).
fn lower_token_in(doc: &Document, words: &[Option<WordInfo>], ti: usize, set: &WordList) -> bool {
    set.contains(&token_lower(doc, words, ti).as_ref())
}

/// English articles: a noun is not followed by one.
static EN_ARTICLES: WordList = WordList::new(&["the", "an"]);
/// What opens an English verb's object ("create a", "wearing his"); used when the text is English,
/// where "a" is not the French verb.
static EN_OBJECT_OPENERS: WordList = WordList::new(&[
    "the", "an", "a", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those",
]);

/// The word lists the rules read, for [`Lists`].
#[derive(Clone, Copy)]
enum List {
    Linkers,
    LinkArticles,
    VerbCues,
    DegreeAdverbs,
    VerbObjectArticles,
    /// Titles and roles ("ministre", "President"): `ROLE_WORDS`.
    Roles,
    /// Given names (`entities::is_first_name`).
    FirstNames,
}

/// Per distinct word (`WordInfo::surface_id`), the lists it was looked up in and the answers,
/// two bits per [`List`]: the rules ask about the same words again and again (as a phrase's
/// word, as a neighbour), and each list lookup hashes the word.
struct Lists(Vec<Cell<u16>>);

impl Lists {
    fn new(words: &[Option<WordInfo>]) -> Lists {
        let surfaces = words.iter().flatten().map(|w| w.surface_id as usize + 1).max().unwrap_or(0);
        Lists(vec![Cell::new(0); surfaces])
    }

    /// Whether word `w`'s lowercase form is in `list`.
    fn word_in(&self, w: &WordInfo, list: List) -> bool {
        let cell = &self.0[w.surface_id as usize];
        let shift = 2 * list as u16;
        let bits = cell.get() >> shift;
        if bits & 1 != 0 {
            return bits & 2 != 0;
        }
        let yes = match list_words(list) {
            Some(set) => set.contains(&w.lower.as_str()),
            None => crate::entities::is_first_name(&w.lower),
        };
        cell.set(cell.get() | (1 | u16::from(yes) << 1) << shift);
        yes
    }

    /// Whether token `ti`'s lowercase form is in `list`; a token with no `WordInfo` (an
    /// elision: never a given name) is lowercased and looked up each time.
    fn token_in(&self, doc: &Document, words: &[Option<WordInfo>], ti: usize, list: List) -> bool {
        match &words[ti] {
            Some(w) => self.word_in(w, list),
            None => list_words(list).is_some_and(|set| set.contains(&token_lower(doc, words, ti).as_ref())),
        }
    }
}

/// A list's words; `None` for given names (the gazetteer's table, not a `WordList`).
fn list_words(list: List) -> Option<&'static WordList> {
    Some(match list {
        List::Linkers => &LINKERS,
        List::LinkArticles => &LINK_ARTICLES,
        List::VerbCues => &VERB_CUES,
        List::DegreeAdverbs => &DEGREE_ADVERBS,
        List::VerbObjectArticles => &VERB_OBJECT_ARTICLES,
        List::Roles => &ROLE_WORDS,
        List::FirstNames => return None,
    })
}

/// If a linker starts at token `j`, the index of the token after it (and its article).
fn linker_end(doc: &Document, words: &[Option<WordInfo>], lists: &Lists, j: usize, b: usize) -> Option<usize> {
    let is_linker_token = |k: usize| matches!(doc.tokens[k].kind, TokenKind::Word | TokenKind::Elision);
    if !is_linker_token(j) || words[j].as_ref().is_some_and(|w| w.cap) {
        return None;
    }
    if !lists.token_in(doc, words, j, List::Linkers) {
        return None;
    }
    let mut k = j + 1;
    if k < b && is_linker_token(k) && lists.token_in(doc, words, k, List::LinkArticles) {
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
