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
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::document::Document;
use crate::entities::token_lower;
use crate::lang::Lang;
use crate::normalize::edit_distance;
use crate::span::Span;
use crate::stopwords::WordList;
use crate::text::TokenKind;
use crate::words::{SurfaceIds, WordInfo, Words};

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
    pub fn add_document(&mut self, words: &Words) {
        let mut keys: Vec<&str> = words.iter().flatten().filter(|w| !w.stop).map(|w| words.key(w)).collect();
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
// Out of line: inlined into its one caller, its loops would count as the caller's in V8
// (see `Facts::new`).
#[inline(never)]
pub fn extract(doc: &Document, words: &Words, max: usize, corpus: Option<&DocFrequencies>, lang: Lang) -> Vec<Keyword> {
    let english = lang == Lang::En;
    let mut f = Facts::new(doc, words);
    mark_content(&mut f, english);
    let f = &f;
    let content = |k: usize| f.bits[k] & CONTENT != 0;

    struct Cand {
        key: PhraseKey,
        /// Where its mentions are in `mentions`, once grouped (`mentions_of`).
        first_mention: usize,
        mention_count: usize,
        first_sentence: usize,
        /// The content tokens of the first mention.
        tokens: PhraseKey,
        capitalised: u32,
        /// English mentions cut before their head noun (see `before_english_head`).
        before_head: u32,
    }
    // Phrases are paths in a trie of word keys (`WordInfo::key_id`): a phrase's node is found from
    // its first word's node and its next word, never by hashing the whole phrase. A one-word
    // phrase's node is its word's key id; longer phrases' nodes are numbered after them.
    let mut child_nodes = ChildNodes::new();
    // Per node: its candidate (index into `cands`), `NONE` until one is recorded.
    let mut node_cands: Vec<u32> = vec![NONE; words.keys()];
    let mut cands: Vec<Cand> = Vec::new();
    // (candidate, first and last token of the mention) in text order: the span is read from the
    // tokens when needed (`mentions_of`).
    let mut found: Vec<(u32, u32, u32)> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let (a, b) = s.tokens;
        for i in a..b {
            if f.bits[i] & (CONTENT | WORD) != CONTENT | WORD {
                continue;
            }
            let mut key: PhraseKey = [NO_TERM; MAX_CONTENT_WORDS];
            let mut tokens: PhraseKey = [NO_TERM; MAX_CONTENT_WORDS];
            let mut n = 0;
            let mut node = NONE;
            let mut j = i;
            let mut linked = false;
            let capitalised = f.bits[i] & (CAP | SENTENCE_INITIAL) == CAP || f.has(i, ACRONYM);
            // "président Macron", "Minister Fumio Kishida": the name is the keyphrase, not the title.
            let titles_name = f.has(i, ROLE) && introduces_name(f, i, b);
            // Never cut a name: "Secretary-General Jens" | "Stoltenberg" (see `name_runs_on`).
            let inside_name = i > 0 && name_runs_on(f, i - 1);
            while j < b && n < MAX_CONTENT_WORDS {
                if content(j) {
                    // (A content token has a `WordInfo`.)
                    let x = f.bits[j];
                    let capital = x & (CAP | ACRONYM) != 0;
                    // A name followed by a lowercase word: a verb or a new phrase ("Minitel enregistrait").
                    let prev_cap = j > i && content(j - 1) && f.bits[j - 1] & (CAP | ACRONYM) != 0;
                    if prev_cap && x & (CAP | WORD) == WORD {
                        break;
                    }
                    // English puts modifiers before a name, not common words: "hopes" | "Mongolia".
                    let prev_lower = j > i && content(j - 1) && f.bits[j - 1] & (CAP | ACRONYM) == 0;
                    if english && prev_lower && capital && x & WORD != 0 {
                        break;
                    }
                    // A phrase does not run into a title or a person's name ("NATO Secretary-General",
                    // "Économie Bruno Le Maire"), nor continue from a title into the name.
                    if j > i && (titles_name || starts_person(f, j) || is_title_before_name(f, j)) {
                        break;
                    }
                    // A capitalised title alone ("Premier", "Minister") is not a keyphrase either.
                    if j == i && titles_name && x & CAP != 0 {
                        break;
                    }
                    let w = words[j].as_ref().unwrap();
                    key[n] = w.key_id;
                    tokens[n] = j as u32;
                    n += 1;
                    node = if node == NONE { w.key_id } else { child_nodes.child(node, w.key_id, &mut node_cands) };
                    if name_runs_on(f, j) || inside_name || x & STOP != 0 {
                        j += 1;
                        continue;
                    }
                    if node_cands[node as usize] == NONE {
                        node_cands[node as usize] = cands.len() as u32;
                        cands.push(Cand { key, first_mention: 0, mention_count: 0, first_sentence: si, tokens, capitalised: 0, before_head: 0 });
                    }
                    let ci = node_cands[node as usize] as usize;
                    found.push((ci as u32, i as u32, j as u32));
                    cands[ci].mention_count += 1;
                    cands[ci].capitalised += u32::from(capitalised);
                    cands[ci].before_head += u32::from(english && before_english_head(f, j, b));
                    j += 1;
                    continue;
                }
                // One linker ("de", "de la", "d'", "à l'") then a content word.
                if linked {
                    break;
                }
                linked = true;
                let Some(after) = linker_end(f, j, b) else { break };
                if after >= b || f.bits[after] & (CONTENT | WORD) != CONTENT | WORD {
                    break;
                }
                // "hôtel à Kaboul", "minitel en France": a place complement, not part of the phrase.
                if f.has(after, CAP) && f.has(j, PLACE_LINKER) {
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
    // Each candidate's mentions, grouped in text order (one list, not a growing Vec per candidate).
    // `found` is in text order, sorted by (start, end) with no two equal: a mention's position
    // in it orders mentions as their spans do.
    let mut positions = vec![0; found.len()];
    let mut next_slot: Vec<usize> = Vec::with_capacity(cands.len());
    let mut total = 0;
    for c in &mut cands {
        c.first_mention = total;
        next_slot.push(total);
        total += c.mention_count;
    }
    for (position, &(ci, ..)) in found.iter().enumerate() {
        positions[next_slot[ci as usize]] = position;
        next_slot[ci as usize] += 1;
    }
    // Candidate `c`'s mentions, as indices into `found`, in text order.
    let positions_of = |c: &Cand| &positions[c.first_mention..c.first_mention + c.mention_count];
    let mentions_of = |c: &Cand| positions_of(c).iter().map(|&p| {
        let (_, first, last) = found[p];
        Span::new(doc.tokens[first as usize].span.start, doc.tokens[last as usize].span.end)
    });
    let mut idf_of: Vec<Option<f32>> = vec![None; words.keys()];
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
                sum_idf += *idf_of[w.key_id as usize].get_or_insert_with(|| idf(words.key(w), w.zipf));
            }
            let tf = c.mention_count as f32;
            let mean_idf = sum_idf / n_scored.max(1.0);
            let position = 1.0 + EARLY_BONUS / (1.0 + c.first_sentence as f32);
            let casing = if c.capitalised as usize * 2 >= c.mention_count { NAME_BONUS } else { 1.0 };
            // "française", "Américains" alone: the country or the people, said in passing; readers
            // tag the country or the phrase ("armée française"), rarely the adjective.
            let nationality = if c.key[1] == NO_TERM && is_demonym(words, c.tokens[0] as usize) { DEMONYM_WEIGHT } else { 1.0 };
            // "years", "hours", "billion" alone: how long or how much, not what the text is about.
            let measure = if c.key[1] == NO_TERM && MEASURE_WORDS.contains(&words.lower(words[c.tokens[0] as usize].as_ref().unwrap())) { MEASURE_WEIGHT } else { 1.0 };
            // "national" of "national security", "black" of "black hole": an English phrase ends with
            // its head noun, so a phrase always cut before a noun names half a thing.
            let head = 1.0 - CUT_BEFORE_HEAD_PENALTY * c.before_head as f32 / tf;
            tf * mean_idf * position * casing * nationality * measure * head
        })
        .collect();

    // A capitalised word seen mostly inside longer names ("Alan" in "Alan Turing", "Corée" in
    // "Corée du Nord" and "Corée du Sud") is part of them.
    // A mention is inside a longer one when one of the longer phrase's mentions spans its token
    // (single-word mentions are one token): marked per token, for the tokens of longer mentions
    // whose word is in that phrase's key and has a capitalised single-word candidate.
    let mut asked = vec![false; words.keys()];
    for c in cands.iter().filter(|c| c.key[1] == NO_TERM && c.capitalised > 0) {
        asked[c.key[0] as usize] = true;
    }
    let mut in_longer = vec![false; if asked.contains(&true) { doc.tokens.len() } else { 0 }];
    for c in cands.iter().filter(|c| c.key[1] != NO_TERM && c.key.iter().any(|&t| asked.get(t as usize) == Some(&true))) {
        for &p in positions_of(c) {
            let (_, first, last) = found[p];
            for k in first as usize..=last as usize {
                if words[k].as_ref().is_some_and(|w| asked[w.key_id as usize] && c.key.contains(&w.key_id)) {
                    in_longer[k] = true;
                }
            }
        }
    }
    for (ci, c) in cands.iter().enumerate() {
        if c.key[1] != NO_TERM || c.capitalised == 0 {
            continue;
        }
        let mentions = positions_of(c);
        let inside = mentions.iter().filter(|&&p| in_longer[found[p].1 as usize]).count();
        if inside * 4 >= c.mention_count * 3 {
            scores[ci] *= 0.5;
        }
    }
    let key_text = |c: &Cand| c.key.iter().take_while(|&&t| t != NO_TERM).map(|&t| words.key_of(t)).collect::<Vec<_>>().join(" ");
    // The bytes of `key_text`, without building it.
    let key_bytes = |ci: usize| {
        cands[ci].key.iter().take_while(|&&t| t != NO_TERM).enumerate()
            .flat_map(|(n, &t)| (n > 0).then_some(b' ').into_iter().chain(words.key_of(t).bytes()))
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
        // (A key has few spellings: a list is cheaper than a hash map.)
        let mut surfaces: Vec<(&str, u32)> = Vec::new();
        for m in mentions_of(c) {
            let s = m.of(&doc.text);
            match surfaces.iter_mut().find(|(t, _)| *t == s) {
                Some((_, n)) => *n += 1,
                None => surfaces.push((s, 1)),
            }
        }
        let text = surfaces.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0))).map(|s| s.0.to_string());
        out.push(Keyword {
            text: text.unwrap_or_default(),
            score: (scores[ci] / best).clamp(0.0, 1.0),
            mentions: mentions_of(c).collect(),
            key,
        });
    }
    out
}

/// No node, no candidate.
const NONE: u32 = u32::MAX;

/// The links of `extract`'s trie of phrases: (parent node, word key id) → child node. Open
/// addressing with linear probing, at most half full: a phrase step costs one multiply and
/// usually one probe (a general hash map's entry cost several times that; callgrind).
struct ChildNodes {
    /// (parent << 32 | word, child) per slot, child `NONE` when empty; a power of two long.
    slots: Vec<(u64, u32)>,
    len: usize,
}

impl ChildNodes {
    fn new() -> ChildNodes {
        ChildNodes { slots: vec![(0, NONE); 1024], len: 0 }
    }

    /// The child of `parent` by `word`; a new node (numbered `nodes.len()`, pushed with no
    /// candidate) if there was none.
    #[inline(always)]
    fn child(&mut self, parent: u32, word: u32, nodes: &mut Vec<u32>) -> u32 {
        let link = u64::from(parent) << 32 | u64::from(word);
        let mask = self.slots.len() - 1;
        let mut i = Self::home(link, mask);
        loop {
            match self.slots[i] {
                (_, NONE) => break,
                (l, child) if l == link => return child,
                _ => i = (i + 1) & mask,
            }
        }
        self.insert(i, link, nodes)
    }

    /// The slot where the search for `link` starts, in a table of `mask + 1` slots.
    #[inline(always)]
    fn home(link: u64, mask: usize) -> usize {
        (link.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
    }

    /// Enters a new child at free slot `i`.
    #[inline(never)]
    fn insert(&mut self, i: usize, link: u64, nodes: &mut Vec<u32>) -> u32 {
        let child = nodes.len() as u32;
        nodes.push(NONE);
        self.slots[i] = (link, child);
        self.len += 1;
        if self.len * 2 > self.slots.len() {
            let mut slots = vec![(0, NONE); self.slots.len() * 2];
            let mask = slots.len() - 1;
            for &(l, c) in self.slots.iter().filter(|s| s.1 != NONE) {
                let mut j = Self::home(l, mask);
                while slots[j].1 != NONE {
                    j = (j + 1) & mask;
                }
                slots[j] = (l, c);
            }
            self.slots = slots;
        }
        child
    }
}

/// How much an English phrase loses when all its mentions stop before their head noun.
const CUT_BEFORE_HEAD_PENALTY: f32 = 0.9;

/// English: lowercase token `j` is directly followed, in the same sentence, by a lowercase content
/// word that does not look like a verb: `j` modifies it ("national" security, "flu" vaccine).
/// Words in -s or -ed after `j` may be verbs ("the report suggests"): not counted.
fn before_english_head(f: &Facts, j: usize, b: usize) -> bool {
    let doc = f.doc;
    let lowercase_word = |k: usize| f.bits[k] & (WORD | INFO | CAP | ACRONYM) == WORD | INFO;
    let k = j + 1;
    k < b && lowercase_word(j) && lowercase_word(k) && f.has(k, CONTENT)
        && doc.text[doc.tokens[j].span.end..doc.tokens[k].span.start].bytes().all(|c| c == b' ')
        && f.words[k].as_ref().is_some_and(|w| {
            let l = f.words.lower(w);
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

fn is_demonym(words: &Words, ti: usize) -> bool {
    words[ti].as_ref().is_some_and(|w| crate::analysis::gazetteer().demonym(words.lower(w)).is_some())
}

/// Titles and roles that stand before a person's name ("président", "comédien", "Minister").
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
fn starts_person(f: &Facts, j: usize) -> bool {
    let given = |k: usize| f.has(k, CAP | FIRST_NAME);
    j > 0 && given(j) && !given(j - 1) && f.bits[j - 1] & (INFO | STOP) == INFO
}

/// A capitalised title right before a capitalised word ("Secretary-General Jens"), not a
/// surname that looks like one ("Bruno Le Maire").
#[inline]
fn is_title_before_name(f: &Facts, k: usize) -> bool {
    f.has(k, CAP | ROLE) && k + 1 < f.bits.len() && f.has(k + 1, WORD | CAP)
}

/// Token `i` is followed by a capitalised word, directly or after a title ("Premier ministre Fumio")
/// or a linker ("ministre d'Hosni Moubarak").
fn introduces_name(f: &Facts, i: usize, b: usize) -> bool {
    // Skip titles, stop words and up to two adjectives ("Premier ministre japonais Fumio Kishida").
    let mut k = i + 1;
    let mut adjectives = 0;
    while k < b {
        let x = f.bits[k];
        if x & INFO == 0 {
            break;
        }
        if x & ROLE != 0 || x & (STOP | CAP) == STOP {
            k += 1;
        } else if x & CAP == 0 && adjectives < 2 {
            adjectives += 1;
            k += 1;
        } else {
            break;
        }
    }
    k < b && k > i && f.bits[k] & (WORD | CAP | STOP) == WORD | CAP
}

/// Linkers that introduce a place complement when a name follows.
static PLACE_LINKERS: WordList = WordList::new(&["à", "au", "aux", "en"]);

/// Token `k` is a capitalised name word that runs on into token `k + 1` ("Jens" | "Stoltenberg"),
/// which is no start of another person's name: a phrase may not end at `k`, nor start at `k + 1`.
/// (Read from `NAME_RUNS_ON`, set once all tokens' other bits are known.)
#[inline(always)]
fn name_runs_on(f: &Facts, k: usize) -> bool {
    f.bits[k] & NAME_RUNS_ON != 0
}

fn name_run_continues(f: &Facts, k: usize) -> bool {
    let name_word = |k: usize| {
        f.has(k, WORD | CAP) && (!f.has(k, SENTENCE_INITIAL) || f.has(k, FIRST_NAME)) && !is_title_before_name(f, k)
    };
    let doc = f.doc;
    k + 1 < doc.tokens.len()
        && name_word(k)
        && name_word(k + 1)
        && doc.text[doc.tokens[k].span.end..doc.tokens[k + 1].span.start].chars().all(|c| c == ' ')
        && !starts_person(f, k + 1)
}

/// A phrase's word ids, `NO_TERM` after its last word.
type PhraseKey = [u32; MAX_CONTENT_WORDS];
const NO_TERM: u32 = u32::MAX;

/// Sets `CONTENT` and `NAME_RUNS_ON` on every token. Out of line: see `Facts::new`.
#[inline(never)]
fn mark_content(f: &mut Facts, english: bool) {
    for ti in 0..f.bits.len() {
        if is_content(f, ti, english) {
            f.bits[ti] |= CONTENT;
        }
        // Asked of each phrase's words and of the word before each phrase: answered once.
        if f.has(ti, WORD | CAP) && name_run_continues(f, ti) {
            f.bits[ti] |= NAME_RUNS_ON;
        }
    }
}

/// A content word: a word or number that is not a stop word and does not look like a verb.
/// Numbers count only after a word ("Falcon 9").
fn is_content(f: &Facts, ti: usize, english: bool) -> bool {
    let (doc, x) = (f.doc, f.bits[ti]);
    if x & INFO == 0 {
        return false;
    }
    // The neighbours' bits; 0 past either end (no kind, in no list). List bits are set on
    // words and elisions only.
    let prev = if ti > 0 { f.bits[ti - 1] } else { 0 };
    let next = f.bits.get(ti + 1).copied().unwrap_or(0);
    if x & NUMBER != 0 {
        return prev & (WORD | INFO | STOP | CAP) == WORD | INFO | CAP;
    }
    if x & WORD == 0 {
        return false;
    }
    let next_adjacent = || doc.tokens[ti + 1].span.start == doc.tokens[ti].span.end + 1;
    if x & STOP != 0 {
        // "Le Pen", "La Fayette": a capitalised article inside a sentence, before a name, belongs to it.
        return x & (CAP | SENTENCE_INITIAL) == CAP && next & (WORD | INFO | CAP | STOP) == WORD | INFO | CAP && next_adjacent();
    }
    let shape = (x >> SHAPE_SHIFT) as u16;
    if shape & NOT_A_TERM != 0 {
        return false;
    }
    // (A capitalised word is content whatever precedes or follows it.)
    if x & CAP != 0 {
        return true;
    }
    // "exige les résultats", "étendre ses exercices": an object article right after the word.
    let before_object_article = next & OBJECT_ARTICLE != 0;
    if shape & (VERB_ENDING | INVERTED_VERB) != 0
        || (shape & INFINITIVE != 0 && is_infinitive_after_cue(f, ti))
        || (shape & OTHER_INFINITIVE != 0 && before_object_article && is_infinitive_after_cue(f, ti))
        // "adopté par le Sénat": a past participle before the agent's "par".
        || (shape & PARTICIPLE != 0 && next & (WORD | AGENT_PAR) == WORD | AGENT_PAR)
    {
        return false;
    }
    let after_verb_cue = prev & VERB_CUE != 0;
    // "des liens plus solides": an adjective after a degree adverb. "les plus pauvres" is a noun
    // phrase (the poorest), so not after an article.
    let after_degree_adverb = prev & DEGREE_ADVERB != 0 && !(ti > 1 && f.has(ti - 2, LINK_ARTICLE));
    // A lowercase word shaped like a present-tense verb right before an article is one ("exige les
    // résultats", "accorde l'asile"): French nouns take "de" before their complement, not a bare article.
    let before_article = shape & FINITE != 0 && before_object_article;
    // English nouns never take a bare article after them either ("met the", "said a").
    let article = if english { EN_OBJECT_OPENER } else { EN_ARTICLE };
    let before_english_article = next & (WORD | article) == WORD | article;
    // "announced", "dropped": an English past tense, unless it opens a noun phrase and modifies the
    // noun after it ("the armed forces"; but "officials expected delays").
    let english_past = || {
        let modifier = next & (WORD | INFO | STOP | CAP) == WORD | INFO
            && next_adjacent()
            && prev & (WORD | INFO | STOP) != WORD | INFO;
        english && shape & EN_PAST != 0 && !modifier
    };
    !(after_verb_cue || after_degree_adverb || before_article || before_english_article || english_past())
}

// Bits of `surface_shape`: what a lowercase word's own letters say.
/// Under two characters, or a month or day name: never a keyphrase word.
const NOT_A_TERM: u16 = 1;
/// Ends like a French conjugated verb ("-ait", "-eront"), when lowercase.
const VERB_ENDING: u16 = 2;
/// "explique-t-il": a verb with its subject pronoun after it.
const INVERTED_VERB: u16 = 4;
/// A first-group infinitive shape (see `is_infinitive_after_cue`).
const INFINITIVE: u16 = 8;
/// A past participle shape ("adopté par le Sénat": a verb before the agent's "par", see `is_content`).
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
fn is_infinitive_after_cue(f: &Facts, ti: usize) -> bool {
    let doc = f.doc;
    // Skip an opening quote: à « embaucher ».
    let mut k = ti;
    while k > 0 {
        k -= 1;
        match doc.tokens[k].kind {
            TokenKind::Word | TokenKind::Elision => return f.has(k, INFINITIVE_CUE),
            _ if matches!(doc.tokens[k].span.of(&doc.text), "«" | "\"" | "“") => continue,
            _ => return false,
        }
    }
    false
}

/// "par", before an agent.
static AGENT_WORDS: WordList = WordList::new(&["par"]);
/// Words before which a first-group infinitive is a verb.
static INFINITIVE_CUES: WordList = WordList::new(&["de", "d'", "à", "pour", "sans", "afin", "faut"]);

/// Articles that open a verb's object.
static VERB_OBJECT_ARTICLES: WordList = WordList::new(&[
    "le", "la", "les", "l'", "un", "une",
    // Possessives and demonstratives open an object too ("renforcent leurs liens").
    "leur", "leurs", "son", "sa", "ses", "notre", "nos", "votre", "vos", "ce", "cet", "cette", "ces",
]);

/// English articles: a noun is not followed by one.
static EN_ARTICLES: WordList = WordList::new(&["the", "an"]);
/// What opens an English verb's object ("create a", "wearing his"); used when the text is English,
/// where "a" is not the French verb.
static EN_OBJECT_OPENERS: WordList = WordList::new(&[
    "the", "an", "a", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those",
]);

// Bits of `Facts`: what the rules ask about a token.
const WORD: u32 = 1;
const NUMBER: u32 = 1 << 1;
const ELISION: u32 = 1 << 2;
/// The token has a `WordInfo` (words and numbers); the next four are its flags.
const INFO: u32 = 1 << 3;
const CAP: u32 = 1 << 4;
const ACRONYM: u32 = 1 << 5;
const STOP: u32 = 1 << 6;
const SENTENCE_INITIAL: u32 = 1 << 7;
/// Where a non-stop word's `surface_shape` bits start.
const SHAPE_SHIFT: u32 = 19;
/// A capitalised given name (`entities::is_first_name`).
const FIRST_NAME: u32 = 1 << 27;
/// A content word (see `is_content`), set once all tokens' other bits are known.
const CONTENT: u32 = 1 << 30;
/// `name_runs_on`, set with `CONTENT`.
const NAME_RUNS_ON: u32 = 1 << 28;
// The lists a word's or an elision's lowercase form is in (see `list_bits`).
const LINKER: u32 = 1 << 8;
const LINK_ARTICLE: u32 = 1 << 9;
const VERB_CUE: u32 = 1 << 10;
const DEGREE_ADVERB: u32 = 1 << 11;
const OBJECT_ARTICLE: u32 = 1 << 12;
/// Titles and roles ("ministre", "President"): `ROLE_WORDS`.
const ROLE: u32 = 1 << 13;
/// A preposition before an infinitive (see `is_infinitive_after_cue`).
const INFINITIVE_CUE: u32 = 1 << 14;
/// "par", which introduces an agent.
const AGENT_PAR: u32 = 1 << 15;
const PLACE_LINKER: u32 = 1 << 16;
const EN_ARTICLE: u32 = 1 << 17;
const EN_OBJECT_OPENER: u32 = 1 << 18;

/// The rules ask about each token and its neighbours again and again (as a phrase's word, as
/// the word before or after another): its kind, flags and list memberships are gathered once
/// per token into bits, the list lookups once per distinct word (`WordInfo::surface_id`).
struct Facts<'a> {
    doc: &'a Document,
    words: &'a Words,
    bits: Vec<u32>,
}

impl<'a> Facts<'a> {
    // Out of line, as `mark_content` (start-up in V8): inlined, the first loop over the tokens
    // enclosed all of `extract`'s code, V8's baseline code charges each turn of a loop by the
    // loop's code size, and a page's first analysis sent all of `extract` to TurboFan, on a core
    // the page needs (first highlights ~20 ms later; bench/startup-ab.mjs, startup-events.mjs).
    #[inline(never)]
    fn new(doc: &'a Document, words: &'a Words) -> Facts<'a> {
        // A word's flags and lists depend on its text only: gathered once per distinct surface
        // (0 until then; the bits of a word are never 0).
        let mut by_surface: Vec<u32> = vec![0; words.surfaces()];
        // Elisions have no `WordInfo`: their few spellings ("l'", "L’", "d'") are numbered as
        // words' surfaces are (`SurfaceIds`: no byte loop, no general hash map), their bits cached per number.
        let (mut elisions, mut elision_bits) = (SurfaceIds::new(), Vec::new());
        // (Collected, not pushed: no capacity check per token. Per-surface work and tokens with
        // no `WordInfo` but words and elisions are out of line: the loop stays small.)
        let bits = doc.tokens.iter().zip(words.iter()).enumerate().map(|(k, (t, w))| match w {
            Some(w) => {
                let Some(cached) = by_surface.get_mut(w.surface_id as usize) else { return 0 };
                if *cached == 0 {
                    *cached = surface_bits(t.kind, w, words);
                }
                *cached | if w.sentence_initial { SENTENCE_INITIAL } else { 0 }
            }
            None => match t.kind {
                TokenKind::Word | TokenKind::Elision => other_word_bits(doc, words, k, &mut elisions, &mut elision_bits),
                TokenKind::Number => NUMBER,
                _ => 0,
            },
        });
        let bits = bits.collect();
        Facts { doc, words, bits }
    }

    /// Token `k` has all of `bits`.
    fn has(&self, k: usize, bits: u32) -> bool {
        self.bits[k] & bits == bits
    }
}

/// The `Facts` bits of a word or number that depend on its text only (`Facts::new`, once per
/// distinct surface).
#[inline(never)]
fn surface_bits(kind: TokenKind, w: &WordInfo, words: &Words) -> u32 {
    let flag = |yes: bool, bit: u32| if yes { bit } else { 0 };
    let lower = words.lower(w);
    let kind = if kind == TokenKind::Number {
        NUMBER
    } else {
        // (Only content-word candidates have their shape read.)
        let shape = if w.stop { 0 } else { u32::from(surface_shape(lower)) << SHAPE_SHIFT };
        // (Only capitalised words are asked whether they are given names.)
        let first_name = flag(w.cap && crate::entities::is_first_name(lower), FIRST_NAME);
        WORD | list_bits(lower) | shape | first_name
    };
    kind | INFO | flag(w.cap, CAP) | flag(w.acronym, ACRONYM) | flag(w.stop, STOP)
}

/// The `Facts` bits of token `k`, a word or an elision with no `WordInfo`. An elision's list
/// bits are cached in `elision_bits`, by its number in `elisions`.
#[inline(never)]
fn other_word_bits<'a>(doc: &'a Document, words: &Words, k: usize, elisions: &mut SurfaceIds<'a>, elision_bits: &mut Vec<u32>) -> u32 {
    let t = &doc.tokens[k];
    let lists = || list_bits(&token_lower(doc, words, k));
    if t.kind != TokenKind::Elision {
        return WORD | lists();
    }
    let (id, new) = elisions.id_in(&doc.text, t.span);
    if new {
        elision_bits.push(lists());
    }
    ELISION | elision_bits[id as usize]
}

/// The `Facts` list bits of a lowercase word (asked once per distinct word): one map from each
/// listed word to all its lists' bits, so that a word costs one lookup, not one per list.
fn list_bits(lower: &str) -> u32 {
    static BITS: OnceLock<FxHashMap<&'static str, u32>> = OnceLock::new();
    let bits = BITS.get_or_init(|| {
        let lists: [(&WordList, u32); 11] = [
            (&LINKERS, LINKER),
            (&LINK_ARTICLES, LINK_ARTICLE),
            (&VERB_CUES, VERB_CUE),
            (&DEGREE_ADVERBS, DEGREE_ADVERB),
            (&VERB_OBJECT_ARTICLES, OBJECT_ARTICLE),
            (&ROLE_WORDS, ROLE),
            (&INFINITIVE_CUES, INFINITIVE_CUE),
            (&AGENT_WORDS, AGENT_PAR),
            (&PLACE_LINKERS, PLACE_LINKER),
            (&EN_ARTICLES, EN_ARTICLE),
            (&EN_OBJECT_OPENERS, EN_OBJECT_OPENER),
        ];
        let mut bits = FxHashMap::default();
        for (list, bit) in lists {
            for &w in list.words() {
                *bits.entry(w).or_insert(0) |= bit;
            }
        }
        bits
    });
    bits.get(lower).copied().unwrap_or(0)
}

/// If a linker starts at token `j`, the index of the token after it (and its article).
fn linker_end(f: &Facts, j: usize, b: usize) -> Option<usize> {
    // (List bits are set on words and elisions only.)
    if f.bits[j] & (LINKER | CAP) != LINKER {
        return None;
    }
    let mut k = j + 1;
    if k < b && f.has(k, LINK_ARTICLE) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A link gets one child, the same each time it is asked for, across the table's growth.
    #[test]
    fn child_nodes_are_one_per_link() {
        let mut table = ChildNodes::new();
        let mut nodes: Vec<u32> = Vec::new();
        let mut seen: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let links = (0..3000u32).map(|i| (i % 97, i * 7919 % 1013)).chain([(0, 0), (NONE - 1, 0), (0, NONE - 1), (1, 0)]);
        for _ in 0..2 {
            for (parent, word) in links.clone() {
                let next = nodes.len() as u32;
                let expected = *seen.entry((parent, word)).or_insert(next);
                assert_eq!(table.child(parent, word, &mut nodes), expected, "{parent} {word}");
                assert_eq!(nodes.len(), seen.len());
            }
        }
        assert!(table.slots.len() >= 2 * seen.len());
    }
}
