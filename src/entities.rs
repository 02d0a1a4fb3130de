//! Named entities by rules plus an embedded gazetteer.
//!
//! Candidates are runs of capitalised words, joined across French particles
//! ("Corée du Nord", "Organisation du Traité de l'Atlantique Nord"), and
//! acronyms. The gazetteer names and types the ones it knows (with Wikidata
//! ids); context rules (titles and roles before a name, organisation words
//! inside it, place prepositions before it) type the rest. A later surname-only
//! mention, or a near-miss spelling of it, joins the full name.

use std::borrow::Cow;
use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::document::Document;
use crate::lang::Lang;
use crate::normalize::{edit_distance, lower_folded};
use crate::span::Span;
use crate::stopwords::WordList;
use crate::tables::{split_ascii, split_once_ascii};
use crate::text::TokenKind;
use crate::words::{WordInfo, Words};

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
    /// Where the name is written; these are highlighted.
    pub mentions: Vec<Span>,
    /// Adjectives and nouns of nationality that refer to this place ("japonais" → Japon);
    /// they count as references but are not highlighted as the name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub demonyms: Vec<Span>,
}

impl Entity {
    /// Start of the first reference, name or demonym. Both lists are kept sorted (`sort_spans`):
    /// their first items are enough (a scan of thousands of mentions per comparison was not).
    fn first_start(&self) -> usize {
        let first = |v: &[Span]| v.first().map_or(usize::MAX, |m| m.start);
        first(&self.mentions).min(first(&self.demonyms))
    }
}

/// One gazetteer entry (see `data/gazetteer.tsv`). The shipped entries borrow their
/// strings from the compiled text: building them allocates nothing.
#[derive(Debug, Clone)]
pub struct GazEntry {
    pub kind: EntityKind,
    pub name_fr: Cow<'static, str>,
    pub name_en: Cow<'static, str>,
    pub wikidata: Option<Cow<'static, str>>,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<GazEntry>,
    /// Folded alias → entry. The shipped ones borrow their keys from the compiled text, but
    /// for the names' own keys, which are computed.
    by_alias: FxHashMap<Cow<'static, str>, usize>,
    /// Folded demonym → entry of its country.
    demonyms: FxHashMap<Cow<'static, str>, usize>,
    /// First words of the names of two words or more (folded), made at first use: only a
    /// capitalised word among them can start a known name with lowercase words (`known_name_end`).
    name_heads: std::sync::OnceLock<rustc_hash::FxHashSet<String>>,
}

/// Lowercase, accents folded, apostrophes and hyphens unified: the gazetteer's lookup key.
pub fn alias_key(s: &str) -> String {
    let low = lower_folded(s);
    // Usually already one space between words: then the folded string is the key.
    // (Double spaces looked for bytewise: cheaper than a substring searcher on such short keys.)
    if !low.starts_with(' ') && !low.ends_with(' ') && !low.as_bytes().windows(2).any(|w| w == b"  ") && !low.contains(|c: char| c.is_whitespace() && c != ' ') {
        return low;
    }
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
                name_fr: f[3].to_string().into(),
                name_en: f[4].to_string().into(),
                wikidata: Some(f[5]).filter(|w| !w.is_empty()).map(|w| w.to_string().into()),
            });
            by_id.insert(f[0], idx);
            for alias in [f[3], f[4]].into_iter().chain(f[6].split('|')) {
                if !alias.is_empty() {
                    g.by_alias.entry(alias_key(alias).into()).or_insert(idx);
                }
            }
        }
        for line in demonyms_tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            if let (Some(form), Some(country)) = (f.first(), f.get(2)) {
                if let Some(&idx) = by_id.get(country) {
                    g.demonyms.entry(alias_key(form).into()).or_insert(idx);
                }
            }
        }
        g
    }

    /// The shipped gazetteer (`data/gazetteer.tsv`, `data/demonyms.tsv`) as `build.rs`
    /// compiled it: a line of sizes, then `kind, name_fr, name_en (empty: same), wikidata, alias
    /// keys, demonym keys` per entry, keys already folded. Each name also answers to its own
    /// key, as in `parse`.
    pub fn shipped() -> Gazetteer {
        let compiled: &'static str = include_str!(concat!(env!("OUT_DIR"), "/gazetteer.txt"));
        // The first line gives the sizes (`build.rs`): sized once, no pass to count them.
        let (sizes, body) = split_once_ascii(compiled, b'\n').unwrap_or(("", compiled));
        let mut sizes = split_ascii(sizes, b' ').map(|n| n.parse::<usize>().unwrap_or(0));
        let [n_entries, n_aliases, n_demonyms] = std::array::from_fn(|_| sizes.next().unwrap_or(0));
        let mut g = Gazetteer::default();
        g.entries.reserve(n_entries);
        g.by_alias.reserve(n_aliases);
        g.demonyms.reserve(n_demonyms);
        for line in split_ascii(body, b'\n') {
            let mut f = split_ascii(line, b'\t');
            let [Some(kind), Some(name_fr), Some(other_name_en), Some(wikidata), Some(aliases), Some(demonyms)] =
                std::array::from_fn(|_| f.next())
            else {
                continue;
            };
            let idx = g.entries.len();
            let name_en = if other_name_en.is_empty() { name_fr } else { other_name_en };
            g.entries.push(GazEntry {
                kind: match kind {
                    "p" => EntityKind::Person,
                    "l" => EntityKind::Place,
                    "o" => EntityKind::Organisation,
                    _ => EntityKind::Other,
                },
                name_fr: Cow::Borrowed(name_fr),
                name_en: Cow::Borrowed(name_en),
                wikidata: Some(wikidata).filter(|w| !w.is_empty()).map(Cow::Borrowed),
            });
            let names = [name_fr, other_name_en].into_iter().filter(|n| !n.is_empty()).map(|n| Cow::Owned(alias_key(n)));
            for key in names.chain(split_ascii(aliases, b'|').filter(|k| !k.is_empty()).map(Cow::Borrowed)) {
                g.by_alias.entry(key).or_insert(idx);
            }
            for key in split_ascii(demonyms, b'|').filter(|k| !k.is_empty()) {
                g.demonyms.entry(Cow::Borrowed(key)).or_insert(idx);
            }
        }
        g
    }

    pub fn lookup(&self, surface: &str) -> Option<usize> {
        self.lookup_key(&alias_key(surface))
    }

    /// `lookup` for an `alias_key` already computed.
    pub fn lookup_key(&self, key: &str) -> Option<usize> {
        self.by_alias.get(key).copied().or_else(|| {
            // "St. Petersburg", "St Petersburg": names the gazetteer spells out ("Saint Petersburg").
            let rest = key.strip_prefix("st. ").or_else(|| key.strip_prefix("st "))?;
            self.by_alias.get(format!("saint {rest}").as_str()).copied()
        })
    }

    /// Whether some known name of several words starts with `folded_word` (see `alias_key`).
    pub fn starts_a_name(&self, folded_word: &str) -> bool {
        self.name_heads
            .get_or_init(|| self.by_alias.keys().filter_map(|k| Some(k.split_once(' ')?.0.to_string())).collect())
            .contains(folded_word)
    }

    pub fn demonym(&self, word: &str) -> Option<usize> {
        // Lowercase ASCII with no white space is its own key: no folded copy to build.
        if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase() && !b.is_ascii_whitespace() && b != 0x0B) {
            return self.demonym_key(word);
        }
        self.demonym_key(&alias_key(word))
    }

    /// `demonym` for an `alias_key` already computed.
    pub fn demonym_key(&self, key: &str) -> Option<usize> {
        self.demonyms.get(key).copied()
    }
}

/// Common given names (`data/first-names.txt`, sorted), the evidence that a name is a person's.
pub(crate) fn is_first_name(lower: &str) -> bool {
    // A hash set: asked for most capitalised words, a binary search cost a dozen string compares.
    static NAMES: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        // Decoded once for the life of the module, like the static data it stands for.
        let list: &'static str = Box::leak(front_decoded(include_str!(concat!(env!("OUT_DIR"), "/first-names.txt"))).into_boxed_str());
        split_ascii(list, b'\n').filter(|n| !n.is_empty()).collect()
    });
    // "Jean-Marc": the first part decides.
    let first = lower.find('-').map_or(lower, |i| &lower[..i]);
    names.contains(lower) || (first.len() < lower.len() && names.contains(first))
}

/// A list written by `build.rs`' `front_code`, one word a line.
fn front_decoded(coded: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(coded.len() * 2);
    let mut prev = 0; // where the previous word starts in `out`
    for line in split_ascii(coded, b'\n') {
        let Some((&n, rest)) = line.as_bytes().split_first() else { continue };
        let shared = usize::from(n.wrapping_sub(b'0')).min(out.len() - prev);
        let start = out.len();
        out.extend_from_within(prev..prev + shared);
        out.extend_from_slice(rest);
        out.push(b'\n');
        prev = start;
    }
    String::from_utf8(out).unwrap_or_default()
}

// The word lists below are `WordList`s: each is tested for many candidates or tokens, and
// a slice scan compared the word with every entry.
/// Lowercase words that may sit inside a name: "Corée du Nord", "Académie de défense".
static PARTICLES: WordList = WordList::new(&["de", "du", "des", "d'", "of", "von", "van", "der", "di", "da", "dos", "bin", "ibn", "al", "el"]);
/// Articles allowed right after a particle: "de la", "de l'", "of the".
static PARTICLE_ARTICLES: WordList = WordList::new(&["la", "l'", "le", "the"]);
/// Capitalised words that are titles or roles, not names.
static ROLE_WORDS: WordList = WordList::new(&[
    "secretary-general", "secrétaire-général", "vice-président", "vice-présidente", "vice-president",
    "m", "mme", "mlle", "mm", "dr", "pr", "me", "mr", "mrs", "ms", "président", "présidente", "premier",
    "première", "ministre", "secrétaire", "général", "générale", "chef", "sir", "lord", "saint",
    "president", "prime", "minister", "secretary", "general", "professeur", "professor",
    "colonel", "maître", "capitaine", "commandant", "lieutenant", "sergent", "caporal", "amiral", "juge",
    "préfet", "procureur", "évêque", "cardinal", "abbé", "empereur", "roi", "reine", "prince", "princesse",
    "duc", "duchesse", "comte", "comtesse", "baron", "docteur", "pape", "captain", "judge", "king", "queen",
    "senator", "governor", "mayor", "pope", "representative", "congressman", "congresswoman", "chancellor",
    "deputy", "permanent", "chairman", "chairwoman",
    // English abbreviated titles ("Sen. Rand Paul", "Rep. Adam Schiff") and "Vice President".
    "sen", "rep", "gov", "lt", "col", "sgt", "vice",
]);
/// Words before a name that say it is a person.
static PERSON_CUES: WordList = WordList::new(&[
    "m.", "mme", "m", "président", "présidente", "ministre", "secrétaire", "général", "chef", "professeur",
    "porte-parole", "directeur", "directrice", "ambassadeur", "ambassadrice", "roi", "reine", "pape",
    "journaliste", "écrivain", "sénateur", "député", "maire", "juge", "avocat", "entraîneur", "ukrainien",
    "japonais", "américain", "russe", "chinois", "français", "president", "minister", "secretary",
    "mr", "mrs", "ms", "dr", "chancellor", "chancelier", "leader", "dirigeant", "homologue",
    // Ranks, clergy, nobility, judges, kin: "le caporal Maupas", "les juges Pons", "la famille Dominati".
    "capitaine", "caporal", "caporaux", "colonel", "commandant", "lieutenant", "sergent", "soldat", "généraux",
    "maréchal", "amiral", "évêque", "évêques", "cardinal", "abbé", "curé", "pasteur", "rabbin", "imam",
    "empereur", "impératrice", "prince", "princesse", "duc", "duchesse", "comte", "comtesse", "baron",
    "juges", "famille", "nommé", "nommée", "proche", "proches", "docteur", "épouse", "mari", "veuve", "fils",
    "fille", "frère", "sœur", "oncle", "neveu", "nièce", "captain", "sergeant", "general", "bishop",
    "emperor", "king", "queen", "prince", "judge", "family", "brother", "sister", "wife", "husband",
    "daughter", "senator", "governor", "mayor",
]);
/// Job words that make a person of the name right after them ("coach Jürgen Klopp", "spokesman Sean
/// Spicer"), not of a name further on ("a spokesman for Pfizer").
static PERSON_CUES_ADJACENT: WordList = WordList::new(&["coach", "ambassador", "spokesman", "spokeswoman", "representative"]);
/// Acronyms of common nouns, units and identifiers: "ISBN", "PDG", "HLM" are not names.
static COMMON_ACRONYMS: WordList = WordList::new(&[
    "isbn", "issn", "doi", "url", "html", "http", "https", "pdf", "usb", "gps", "sms", "mms", "tv", "pc", "cd",
    "dvd", "cd-rom", "pdg", "dg", "ceo", "cfo", "coo", "drh", "hlm", "btp", "tva", "pib", "pnb", "smic", "rsa",
    "cdd", "cdi", "ivg", "pma", "adn", "arn", "dna", "vih", "hiv", "sida", "aids", "ogm", "gmo", "ovni", "ufo",
    "qi", "iq", "vip", "faq", "eur", "usd", "gbp", "jpy", "chf", "km", "kg", "kw", "mw", "gw", "ttc", "ht",
    "rer", "tgv", "suv", "led", "lcd", "ko", "ok", "etc", "am", "pm", "bc", "ad", "av", "apr", "jc",
]);
/// Roman numerals and centuries ("XVII", "XXe", "IIIème"): not names on their own.
fn is_roman_numeral(surface: &str) -> bool {
    // The numeral letters lead; the rest must trim away as an ordinal suffix. (The suffixes are
    // lowercase, so trimming never reaches the letters: this is trimming the whole word.)
    let letters = surface.bytes().take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C' | b'D' | b'M')).count();
    let suffix = &surface[letters..];
    // ("Macron": a byte no suffix has ends it before any trimming.)
    letters > 0
        && suffix.bytes().all(|b| matches!(b, b'e' | b'r' | b'm' | 0xC3 | 0xA8))
        && (suffix.is_empty() || suffix.trim_end_matches("ème").trim_end_matches("eme").trim_end_matches("er").trim_end_matches('e').is_empty())
}
/// Abbreviated month names ("27 Feb 2006").
static MONTH_ABBREVIATIONS: WordList = WordList::new(&[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "janv", "févr", "fév",
    "avr", "juil", "déc",
]);
/// Heads and members of organisations: "directeur de Thomson", "dirigeants d'Elf".
static LEADERS: WordList = WordList::new(&[
    "directeur", "directrice", "dirigeant", "dirigeante", "dirigeants", "président", "présidente", "chef",
    "secrétaire", "porte-parole", "patron", "patronne", "fondateur", "fondatrice", "membre", "membres",
    "actionnaire", "actionnaires", "pdg", "employé", "employés", "salarié", "salariés", "ancien", "ex-directeur",
    "director", "head", "chairman", "founder", "member", "members", "employees", "spokesman", "spokeswoman",
]);
/// Verbs of saying right before a name ("a déclaré Rutte"): people speak.
static SPEECH_VERBS: WordList = WordList::new(&[
    "déclaré", "ajouté", "affirmé", "estimé", "expliqué", "indiqué", "souligné", "précisé", "dit", "assuré",
    "confié", "raconté", "rappelé", "insisté", "said", "says", "told", "added", "explained", "according",
]);
/// Lowercase nouns of places and local institutions: "village de Souain", "base aérienne d'Iruma",
/// "préfet de Corse" name a place with their complement.
static PLACE_HEADS: WordList = WordList::new(&[
    "village", "ville", "commune", "région", "province", "département", "canton", "arrondissement", "quartier",
    "banlieue", "base", "aéroport", "port", "baie", "golfe", "île", "îles", "mont", "lac", "fleuve",
    "rivière", "vallée", "plage", "cimetière", "préfet", "préfecture", "parquet", "diocèse", "évêque",
    "habitants", "originaire", "originaires", "natif", "native", "maire", "environs", "région", "capitale", "town", "city", "village",
    "province", "port", "mayor", "governor",
]);
/// Words inside a name that say it is an organisation.
static ORG_WORDS: WordList = WordList::new(&[
    "organisation", "organization", "union", "agence", "agency", "association", "press", "news",
    "industries", "industry", "company", "corporation", "inc", "group", "groupe", "banque", "bank",
    "académie", "academy", "université", "university", "ministère", "ministry", "conseil", "council",
    "commission", "parti", "party", "forces", "force", "magazine", "times", "journal", "post",
    "fondation", "foundation", "institut", "institute", "alliance", "assemblée", "sénat", "senate",
    "congrès", "congress", "parlement", "parliament", "tribunal", "cour", "court", "nations", "bureau",
    "club", "fc", "house", "airlines", "motors", "société", "office", "service", "services", "département",
    "department", "armée", "army", "navy", "marine", "police", "gouvernement", "government",
    "éditions", "editions", "ligue", "comité", "fédération", "syndicat", "compagnie", "mairie", "préfecture",
    "rassemblement", "mouvement", "front", "fonds", "direction", "confédération", "organisme", "autorité",
    "limited", "ltd", "corp", "co", "holding", "holdings", "technologies", "systems", "airways", "ac",
    "sa", "sarl", "gmbh", "ag", "plc", "llc", "bancorp", "electric", "energy", "communications", "league", "committee",
]);
/// Lowercase heads of institutions named after a place or a portfolio ("mairie de Paris").
static INSTITUTION_HEADS: WordList = WordList::new(&[
    "mairie", "ministère", "tribunal", "préfecture", "université", "ambassade", "consulat", "conseil",
    "parlement", "gouvernement", "académie", "musée", "ministry", "university", "embassy", "museum",
]);

/// Courts, which take a lowercase complement before their seat ("cour d'appel de Paris").
const COURT_HEADS: &[&str] = &["cour", "tribunal", "court"];
/// Words of a court's complement: "d'appel", "de cassation", "correctionnel", "de grande instance".
static COURT_COMPLEMENTS: WordList = WordList::new(&[
    "appel", "cassation", "justice", "assises", "comptes", "commerce", "instance", "grande", "première",
    "correctionnel", "correctionnelle", "administratif", "administrative", "suprême", "spéciale", "spécial",
    "pénal", "pénale", "criminelle", "constitutionnelle", "militaire", "fédéral", "fédérale", "internationale",
    "international", "européenne", "supérieure", "supérieur", "prud'hommes", "appeal", "appeals",
]);

/// From token `j` after a court's head: the last complement word (if any) and the token after it.
/// Joiners ("de", "d'", "of") count only when a complement follows them.
fn court_tail(doc: &Document, words: &Words, lists: &ListAnswers, j: usize, b: usize) -> (Option<usize>, usize) {
    let (mut last, mut k, mut next) = (None, j, j);
    while k < b && k < j + 6 {
        let low = word_lower(doc, words, k);
        let lowercase_word = words[k].as_ref().filter(|w| doc.tokens[k].kind == TokenKind::Word && !w.cap);
        if lowercase_word.is_some_and(|w| lists.word(List::CourtComplement, w)) {
            last = Some(k);
            k += 1;
            next = k;
        } else if matches!(low, "de" | "d'" | "du" | "of") && matches!(doc.tokens[k].kind, TokenKind::Word | TokenKind::Elision) {
            k += 1;
        } else {
            break;
        }
    }
    // The joiner before the seat ("de Paris") stays outside the complement but must be kept for the caller.
    if last.is_some() && next < b && matches!(word_lower(doc, words, next), "de" | "d'" | "du") {
        next += 1;
    }
    (last, next)
}

/// "tribunal correctionnel de Nanterre", "cour de Cassation": the lowercase court head before
/// `start` (a capitalised word after "de"), across its complement.
/// `before`: token `start - 1` lowercased (when `start > a`). Out of line: its loop, inlined,
/// lengthened `candidates`' (see `word_facts`).
#[inline(never)]
fn court_head_before(doc: &Document, words: &Words, lists: &ListAnswers, a: usize, start: usize, before: Option<&str>) -> Option<usize> {
    if start < a + 2 || !matches!(before, Some("de" | "d'" | "du")) {
        return None;
    }
    let mut k = start - 1;
    while k > a && k + 7 > start {
        k -= 1;
        match words[k].as_ref() {
            Some(w) if !w.cap && lists.word(List::CourtHead, w) => return Some(k),
            Some(w) if !w.cap && lists.word(List::CourtComplement, w) => continue,
            _ if matches!(word_lower(doc, words, k), "de" | "d'" | "du") => continue,
            _ => return None,
        }
    }
    None
}

/// Endings of French adjectives that follow an organisation word ("républicain", "national",
/// "européenne", "ouvrière", "démocrate"), singular or plural ("étrangères").
fn looks_adjective(w: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "al", "ale", "aux", "el", "elle", "ain", "aine", "ique", "iste", "aire", "if", "ive", "ien", "ienne",
        "ais", "aise", "ois", "oise", "é", "ée", "ral", "nel", "nelle", "éen", "éenne", "ier", "ière", "ère", "ate",
    ];
    let ends = |w: &str| w.chars().count() > 3 && ENDINGS.iter().any(|e| w.ends_with(e));
    ends(w) || w.strip_suffix('s').is_some_and(ends)
}

/// A gazetteer name running on from the capitalised words `first..j` through lowercase words:
/// its last token, if the word after the capitals is a lowercase word and some run of up to five
/// more tokens makes a name the gazetteer knows (the longest).
/// (The caller has checked that `first` starts a name and that a lowercase word follows.)
fn known_name_end(doc: &Document, gaz: &Gazetteer, first: usize, j: usize, b: usize) -> Option<usize> {
    let start = doc.tokens[first].span.start;
    let mut found = None;
    for k in j..b.min(j + 5) {
        // Words and elisions only, one space or an apostrophe apart.
        if !matches!(doc.tokens[k].kind, TokenKind::Word | TokenKind::Elision) || doc.tokens[k].span.start - doc.tokens[k - 1].span.end > 1 {
            break;
        }
        if doc.tokens[k].kind == TokenKind::Word && gaz.lookup(&doc.text[start..doc.tokens[k].span.end]).is_some() {
            found = Some(k);
        }
    }
    found
}

/// Lowercase adjectives from token `j` ("étrangères" after "Affaires"), up to `max`: pushed onto
/// `members`; returns the token after them. `participles`: whether "-é", "-ée" words count (after a
/// complement or a place, "exilé", "contactée" say what happened to the institution, not its name).
fn org_adjectives(words: &Words, mut j: usize, b: usize, members: &mut Vec<usize>, participles: bool, max: usize) -> usize {
    let mut n = 0;
    while j < b
        && n < max
        && words[j].as_ref().is_some_and(|w| !w.cap && !w.stop && looks_adjective(words.lower(w)) && (participles || !crate::keywords::has_participle_ending(words.lower(w))))
    {
        members.push(j);
        j += 1;
        n += 1;
    }
    j
}

/// From token `j` after an organisation word: its adjectives and complements, as French writes
/// institutions ("Banque centrale européenne", "Organisation mondiale de la santé", "Conseil de
/// sécurité", "Ligue des droits de l'Homme", "Rassemblement pour la République"). A complement is
/// "de"/"du"/"des"/"d'" or "pour" and an article, then a lowercase noun (two at most) or capitalised
/// words. Pushes the name's last words onto `members`; returns the token after the name.
fn org_tail(doc: &Document, words: &Words, mut j: usize, b: usize, members: &mut Vec<usize>) -> usize {
    let word = |k: usize| (k < b && doc.tokens[k].kind == TokenKind::Word).then(|| words[k].as_ref()).flatten();
    let mut nouns = 0;
    let mut complements = 0;
    while j < b && j < members[0] + 12 {
        let next = org_adjectives(words, j, b, members, complements == 0, 3);
        if next > j {
            j = next;
            continue;
        }
        // A complement: its joiner, an optional article, then the noun or the name.
        let joiner = word_lower(doc, words, j);
        let mut k = j + 1;
        let needs_article = match joiner {
            "de" | "du" | "des" | "d'" => false,
            // "pour la République", not "Sénat pour les démocrates".
            "pour" => true,
            _ => break,
        };
        let article = if k < b { word_lower(doc, words, k) } else { "" };
        let has_article = matches!(article, "la" | "l'" | "le" | "les") && !doc.tokens[k].span.of(&doc.text).starts_with(char::is_uppercase);
        if has_article {
            if !(joiner == "de" || (joiner == "pour" && matches!(article, "la" | "l'"))) {
                break;
            }
            k += 1;
        } else if needs_article {
            break;
        }
        match word(k) {
            // A name after a lowercase complement only if it is a common word ("droits de l'Homme"):
            // "conseil d'administration de la Juve" names the club apart.
            Some(w) if w.cap && !w.stop && (nouns == 0 || CAPITALISED_COMMON_NOUNS.contains(&words.lower(w))) => {
                while word(k).is_some_and(|w| w.cap && !w.stop) && doc.tokens[k].span.start - doc.tokens[k - 1].span.end <= 1 {
                    members.push(k);
                    k += 1;
                }
                // The name ends the organisation's name.
                return k;
            }
            // An organisation word starts an organisation of its own ("Cour arbitrale du comité olympique").
            Some(w) if nouns < 2 && !w.cap && !w.stop && words.lower(w).chars().count() > 2 && words.lower(w).chars().all(char::is_alphabetic)
                && !crate::keywords::is_calendar_word(words.lower(w)) && !ORG_WORDS.contains(&words.lower(w)) =>
            {
                nouns += 1;
                complements += 1;
                members.push(k);
                j = k + 1;
            }
            _ => break,
        }
    }
    j
}
/// Common nouns French capitalises inside institutions' names ("Ligue des droits de l'Homme",
/// "Conseil d'État", "Défenseur des droits de l'Enfant"): see `org_tail`.
static CAPITALISED_COMMON_NOUNS: WordList = WordList::new(&["homme", "état", "république", "enfant", "femme", "nation"]);

/// Words before a single unknown name that say it is an organisation ("le groupe Elf").
static ORG_CUES: WordList = WordList::new(&[
    "groupe", "société", "entreprise", "firme", "constructeur", "compagnie", "banque", "journal", "quotidien",
    "hebdomadaire", "agence", "club", "équipe", "marque", "fabricant", "opérateur", "chaîne", "géant",
    "company", "firm", "group", "bank", "newspaper", "maker", "manufacturer", "giant",
]);
/// Words that make a name an event ("Seconde Guerre mondiale"), which may take one lowercase adjective.
static EVENT_WORDS: WordList = WordList::new(&[
    "guerre", "révolution", "bataille", "crise", "coupe", "jeux", "championnat", "festival", "exposition",
    "sommet", "war", "revolution", "battle", "crisis", "cup", "games", "championship",
    "olympics", "paralympics", "awards", "election", "elections",
    // Laws and treaties are named things too ("Affordable Care Act", "Paris Agreement").
    "act", "treaty", "agreement",
]);
/// Words inside a name that make it a place: a building, a street, a natural feature
/// ("Trump Tower", "Downing Street", "Charles de Gaulle Airport").
static PLACE_WORDS: WordList = WordList::new(&[
    "tower", "street", "square", "bridge", "airport", "station", "stadium", "avenue", "road", "island",
    "islands", "river", "lake", "mountains", "bay", "valley", "rue", "boulevard", "gare", "stade", "aéroport",
    "forest", "park", "beach", "canyon", "desert", "coast", "hills", "hotel",
]);
static EVENT_ADJECTIVES: WordList = WordList::new(&["mondiale", "mondial", "civile", "froide", "olympiques", "sainte", "mondiaux"]);
/// Heads of a portfolio: "ministre de la Défense" names a role, not an entity.
const PORTFOLIO_HEADS: &[&str] = &[
    "ministre", "ministère", "secrétaire", "secrétariat", "commissaire", "minister", "ministry", "secretary",
];
/// A lone capitalised word this common in general language is an ordinary word, not a name.
const COMMON_ZIPF_MID_SENTENCE: f32 = 5.0;
const COMMON_ZIPF_SENTENCE_START: f32 = 3.0;
/// A middle word this common makes a run of capitals a title, not a person's name.
const COMMON_MIDDLE_NAME_ZIPF: f32 = 4.0;
static PLACE_PREPOSITIONS: WordList = WordList::new(&["à", "en", "au", "aux", "in", "at", "from", "vers", "depuis", "near"]);

/// The word lists the rules ask about words, for `ListAnswers`.
#[derive(Clone, Copy)]
enum List {
    Role,
    Particle,
    ParticleArticle,
    PersonCue,
    PersonCueAdjacent,
    SpeechVerb,
    Leader,
    OrgCue,
    PlacePreposition,
    PlaceHead,
    OrgWord,
    EventWord,
    PlaceWord,
    EventAdjective,
    InstitutionHead,
    MonthAbbreviation,
    CommonAcronym,
    CourtHead,
    CourtComplement,
    FirstName,
    Calendar,
    /// `is_common_word`; the last list (`ListAnswers`' other questions come after it).
    Common,
}

impl List {
    fn contains(self, lower: &str) -> bool {
        let list = match self {
            List::Role => &ROLE_WORDS,
            List::Particle => &PARTICLES,
            List::ParticleArticle => &PARTICLE_ARTICLES,
            List::PersonCue => &PERSON_CUES,
            List::PersonCueAdjacent => &PERSON_CUES_ADJACENT,
            List::SpeechVerb => &SPEECH_VERBS,
            List::Leader => &LEADERS,
            List::OrgCue => &ORG_CUES,
            List::PlacePreposition => &PLACE_PREPOSITIONS,
            List::PlaceHead => &PLACE_HEADS,
            List::OrgWord => &ORG_WORDS,
            List::EventWord => &EVENT_WORDS,
            List::PlaceWord => &PLACE_WORDS,
            List::EventAdjective => &EVENT_ADJECTIVES,
            List::InstitutionHead => &INSTITUTION_HEADS,
            List::MonthAbbreviation => &MONTH_ABBREVIATIONS,
            List::CommonAcronym => &COMMON_ACRONYMS,
            List::CourtComplement => &COURT_COMPLEMENTS,
            List::CourtHead => return COURT_HEADS.contains(&lower),
            List::FirstName => return is_first_name(lower),
            List::Calendar => return crate::keywords::is_calendar_word(lower),
            List::Common => return is_common_word(lower),
        };
        list.contains(&lower)
    }
}

/// The lists' answers for each distinct surface (`WordInfo::surface_id`), found at the first ask:
/// the rules ask the same few lists about the same words over and over, and a fresh answer hashes
/// the word. Two bits a list: asked, and the answer.
struct ListAnswers<'w> {
    words: &'w Words,
    bits: Vec<std::cell::Cell<u64>>,
    /// The same for the elided forms (`ELIDED`), which have no `WordInfo`: read before most names.
    elided: [std::cell::Cell<u64>; ELIDED.len()],
}

impl<'w> ListAnswers<'w> {
    fn new(words: &'w Words) -> ListAnswers<'w> {
        ListAnswers { words, bits: vec![std::cell::Cell::new(0); words.surfaces()], elided: Default::default() }
    }

    /// Whether `list` has the word's lowercase form.
    #[inline]
    fn word(&self, list: List, w: &WordInfo) -> bool {
        self.memo(list as u32, w, || self.first_answer(list, w))
    }

    /// `word`'s answer at the first ask, out of line: the asks in the rules' loops stay small.
    #[inline(never)]
    fn first_answer(&self, list: List, w: &WordInfo) -> bool {
        list.contains(self.words.lower(w))
    }

    /// `memo` slots of the questions other than the lists.
    const STARTS_A_NAME: u32 = List::Common as u32 + 1;
    const LOWER_FORM: u32 = Self::STARTS_A_NAME + 1;
    const MID_SENTENCE_CAP: u32 = Self::LOWER_FORM + 1;
    const NAME_TAIL: u32 = Self::MID_SENTENCE_CAP + 1;
    /// Facts of a one-word candidate's surface (its word's), for `extract`.
    const NO_LONE_NAME: u32 = Self::NAME_TAIL + 1;
    const HYPHENATED: u32 = Self::NO_LONE_NAME + 1;
    const LOWERCASE_TAIL: u32 = Self::HYPHENATED + 1;
    const COMMON_NOUN_SHAPE: u32 = Self::LOWERCASE_TAIL + 1;

    /// Whether the word's surface starts a gazetteer name of several words (`starts_a_name`).
    fn starts_a_name(&self, gaz: &Gazetteer, w: &WordInfo, surface: &str) -> bool {
        self.memo(Self::STARTS_A_NAME, w, || gaz.starts_a_name(&alias_key(surface)))
    }

    /// Whether `set` (one of the document's sets of lowercase forms, each with its own `slot`)
    /// has the word's lowercase form.
    fn in_set(&self, slot: u32, set: &FxHashSet<&str>, w: &WordInfo) -> bool {
        self.memo(slot, w, || set.contains(self.words.lower(w)))
    }

    /// `answer` for the word's surface, asked once: `slot` (< 32) says which question.
    #[inline]
    fn memo(&self, slot: u32, w: &WordInfo, answer: impl FnOnce() -> bool) -> bool {
        Self::memo_in(&self.bits[w.surface_id as usize], slot, answer)
    }

    /// `memo` with the answers kept in `cell`.
    #[inline]
    fn memo_in(cell: &std::cell::Cell<u64>, slot: u32, answer: impl FnOnce() -> bool) -> bool {
        let asked = 1u64 << (2 * slot);
        let bits = cell.get();
        if bits & asked != 0 {
            return bits & asked << 1 != 0;
        }
        let yes = answer();
        // (Read again: the answer may have asked other questions about the word.)
        cell.set(cell.get() | asked | if yes { asked << 1 } else { 0 });
        yes
    }

    /// Whether `list` has a word before a name.
    #[inline]
    fn prev(&self, list: List, p: &PrevWord) -> bool {
        Self::memo_in(p.answers, list as u32, || list.contains(p.lower))
    }

    /// Whether `list` has token `k` lowercased (`word_lower`).
    fn token(&self, list: List, doc: &Document, words: &Words, k: usize) -> bool {
        match &words[k] {
            Some(w) => self.word(list, w),
            None => list.contains(word_lower(doc, words, k)),
        }
    }
}

// Two bits a question in a `u64`.
const _: () = assert!(ListAnswers::COMMON_NOUN_SHAPE < 32);

/// What a candidate's surface gives, computed once per distinct surface.
struct SurfaceKey {
    key: String,
    gaz_hit: Option<usize>,
    /// `gaz.demonym_key(key)`, once asked.
    demonym: Option<Option<usize>>,
    /// The group of the surface's key (gazetteer entry or name), once made: no key
    /// string copied or hashed per mention.
    group: Option<usize>,
    /// Where the surface is counted in its group's `surfaces`, once there: no search per mention.
    counted_at: Option<usize>,
    /// A digit in the surface ("SM-3"), found once.
    has_digit: bool,
}

impl SurfaceKey {
    /// The entry of `surface`, made at its first ask (`gaz_hit` is `gaz.lookup(surface)`).
    fn of<'m, 't>(by_surface: &'m mut FxHashMap<&'t str, SurfaceKey>, gaz: &Gazetteer, surface: &'t str) -> &'m mut SurfaceKey {
        by_surface.entry(surface).or_insert_with(|| SurfaceKey::new(gaz, surface))
    }

    fn new(gaz: &Gazetteer, surface: &str) -> SurfaceKey {
        let key = alias_key(surface);
        let has_digit = surface.bytes().any(|b| b.is_ascii_digit());
        SurfaceKey { gaz_hit: gaz.lookup_key(&key), demonym: None, group: None, counted_at: None, has_digit, key }
    }
}

struct Candidate {
    span: Span,
    first_token: usize,
    /// Its words' token indices: a range of the candidates' shared list (`candidates`), so
    /// neither a candidate nor its split parts allocate.
    words: std::ops::Range<usize>,
    /// Named as the maker of a coded product ("SM-3 Block IIA de Raytheon").
    maker: bool,
}

/// What `word_facts` finds in its pass over the words.
struct WordFacts<'w> {
    /// Lowercase forms of the words written lowercase inside sentences.
    lower_forms: FxHashSet<&'w str>,
    /// Lowercase forms of the words capitalised inside sentences.
    mid_sentence_caps: FxHashSet<&'w str>,
    /// (token, gazetteer entry) of each demonym, in text order.
    demonym_tokens: Vec<(usize, usize)>,
    /// Bit `i % 64` of entry `i / 64`: token `i` is a capitalised word that is no title or role,
    /// a word a name is made of (`name_word`, `name_word_from`).
    name_words: Vec<u64>,
}

impl WordFacts<'_> {
    /// Whether token `k` is a word a name is made of: one bit read, where the word's facts and
    /// a list were asked each time.
    fn name_word(&self, k: usize) -> bool {
        self.name_words[k / 64] >> (k % 64) & 1 != 0
    }

    /// The first token in `from..to` that is a word a name is made of: sixty-four tokens a step,
    /// where a scan of the tokens read each one's facts.
    fn name_word_from(&self, from: usize, to: usize) -> Option<usize> {
        let mut i = from;
        while i < to {
            let rest = self.name_words.get(i / 64)? >> (i % 64);
            if rest != 0 {
                let k = i + rest.trailing_zeros() as usize;
                return (k < to).then_some(k);
            }
            i = (i / 64 + 1) * 64;
        }
        None
    }
}

/// `extract`'s pass over the words. Out of line, as keywords' `Facts::new`: the first loop of
/// `extract` enclosed all of its code in V8.
#[inline(never)]
fn word_facts<'w>(doc: &Document, words: &'w Words, gaz: &Gazetteer, lists: &ListAnswers) -> WordFacts<'w> {
    // One pass over the words, each fact found once per surface (`WordInfo::surface_id`): the
    // forms written lowercase inside sentences, those capitalised there (names, whatever their
    // frequency), and the demonyms ("japonais"), which refer to their country.
    // Per surface, one byte (which of the two forms was seen) and the demonym answer, in flat
    // vectors sized once: a few loads per word.
    const LOWER: u8 = 1;
    const MID_SENTENCE_CAP: u8 = 2;
    const UNASKED: u32 = u32::MAX;
    const NO_DEMONYM: u32 = u32::MAX - 1;
    let mut seen = vec![0u8; words.surfaces()];
    let mut demonym = vec![UNASKED; words.surfaces()];
    let mut lower_forms: FxHashSet<&str> = FxHashSet::default();
    let mut mid_sentence_caps: FxHashSet<&str> = FxHashSet::default();
    let mut demonym_tokens: Vec<(usize, usize)> = Vec::new();
    let mut name_words = vec![0u64; words.len().div_ceil(64)];
    for (ti, w) in words.iter().enumerate() {
        let Some(w) = w else { continue };
        let id = w.surface_id as usize;
        if !w.sentence_initial {
            let flag = if w.cap { MID_SENTENCE_CAP } else { LOWER };
            if seen[id] & flag == 0 {
                seen[id] |= flag;
                let set = if w.cap { &mut mid_sentence_caps } else { &mut lower_forms };
                set.insert(words.lower(w));
            }
        }
        if w.cap {
            if doc.tokens[ti].kind == TokenKind::Word && !lists.word(List::Role, w) {
                name_words[ti / 64] |= 1 << (ti % 64);
            }
        } else if !w.stop {
            if demonym[id] == UNASKED {
                demonym[id] = gaz.demonym(words.lower(w)).map_or(NO_DEMONYM, |i| i as u32);
            }
            if demonym[id] != NO_DEMONYM {
                demonym_tokens.push((ti, demonym[id] as usize));
            }
        }
    }
    WordFacts { lower_forms, mid_sentence_caps, demonym_tokens, name_words }
}

/// Entities of `doc`, most referenced first. `lang` picks the gazetteer name shown for an
/// entity named only by a demonym or a dateline code ("japonais", "AP").
pub fn extract(doc: &Document, words: &Words, gaz: &Gazetteer, lang: Lang) -> Vec<Entity> {
    let display_name = |i: usize| {
        let e = &gaz.entries[i];
        if lang == Lang::En { e.name_en.to_string() } else { e.name_fr.to_string() }
    };
    let text = doc.text.as_str();
    let lists = ListAnswers::new(words);
    let facts = word_facts(doc, words, gaz, &lists);
    let WordFacts { lower_forms, mid_sentence_caps, demonym_tokens, .. } = &facts;
    let mut cands = Vec::new();
    let mut members = Vec::new();
    // Names recur: their key and gazetteer lookups are made once per distinct surface.
    let mut by_surface: FxHashMap<&str, SurfaceKey> = FxHashMap::default();
    let mut word_keys: Vec<Option<SurfaceKey>> = std::iter::repeat_with(|| None).take(words.surfaces()).collect();
    for c in candidates(doc, words, &facts, gaz, lang, &lists, &mut members) {
        split_candidate(doc, words, gaz, &lists, &members, &mut by_surface, c, &mut cands);
    }
    // A person's name: a given name that is no demonym ("French Marseille"), no common word in the
    // middle ("Rock Performance Grammy"), and a last word that names no institution or event.
    let person_like = |c: &Candidate| {
        let ts = &members[c.words.clone()];
        let n = ts.len();
        if !(2..=3).contains(&n) || !ts.iter().all(|&t| words[t].as_ref().is_some_and(|w| w.cap && !w.stop)) {
            return false;
        }
        let w = |k: usize| words[ts[k]].as_ref().unwrap();
        lists.word(List::FirstName, w(0))
            && (1..n - 1).all(|k| w(k).zipf < COMMON_MIDDLE_NAME_ZIPF)
            && ![List::OrgWord, List::EventWord, List::PlaceWord].into_iter().any(|l| lists.word(l, w(n - 1)))
            && gaz.demonym(words.lower(w(0))).is_none()
    };
    // Surnames after a given name ("Poutine" in "Vladimir Poutine"): alone, even at a sentence
    // start or as a common word, they name that person again (`join_surnames` joins them).
    let name_tails: FxHashSet<&str> =
        cands.iter().filter(|c| person_like(c)).filter_map(|c| words[members[c.words.end - 1]].as_ref()).map(|w| words.lower(w)).collect();

    // Group mentions by key; remember context evidence.
    #[derive(Default)]
    struct Group<'t> {
        kind: Option<EntityKind>,
        gaz: Option<usize>,
        person_cue: bool,
        org_cue: bool,
        org_word: bool,
        event_word: bool,
        place_word: bool,
        has_digit: bool,
        inner_acronym: bool,
        place_prep: bool,
        place_head: bool,
        first_name: bool,
        title_article: bool,
        leader_of: bool,
        mentions: Vec<Span>,
        demonyms: Vec<Span>,
        /// Written forms and how often each is written (a group has few: a list, no hashing).
        surfaces: Vec<(Cow<'t, str>, usize)>,
        n_words: usize,
    }
    // A gazetteer entry, or an unknown name by its alias key (no `format!` per mention).
    #[derive(Clone, PartialEq, Eq, Hash)]
    enum GroupKey {
        Gaz(usize),
        Name(String),
    }
    // Groups in order of first mention; `group_index` finds a key's group.
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut group_index: FxHashMap<GroupKey, usize> = FxHashMap::default();
    let mut group_of = |key: GroupKey, gaz_hit: Option<usize>, n_words: usize, groups: &mut Vec<Group>| -> usize {
        *group_index.entry(key).or_insert_with(|| {
            groups.push(Group { kind: gaz_hit.map(|i| gaz.entries[i].kind), gaz: gaz_hit, n_words, ..Group::default() });
            groups.len() - 1
        })
    };
    // Reused for every candidate: no list of six words set up and copied out each time.
    // (Filled with any cell: `len` says which words are read.)
    let mut prev4 = PrevWords { words: [PrevWord { lower: "", answers: &lists.elided[0] }; 6], len: 0 };
    for c in cands {
        let c_words = &members[c.words.clone()];
        let surface = c.span.of(text);
        let single = c_words.len() == 1;
        let w0 = words[c_words[0]].as_ref().unwrap();
        // (A one-word candidate's surface is its word's: these facts are found once per word.)
        if single && lists.memo(ListAnswers::NO_LONE_NAME, w0, || no_lone_name(words, &lists, w0, surface)) {
            continue;
        }
        // Names recur: the key and its gazetteer lookups are made once per distinct surface; a
        // one-word name's surface is its word's (by `surface_id`, no string hashed). (Another entry
        // for the same surface, by its text, finds the same group: `group_index`.)
        let known = if single {
            word_keys[w0.surface_id as usize].get_or_insert_with(|| SurfaceKey::new(gaz, surface))
        } else {
            SurfaceKey::of(&mut by_surface, gaz, surface)
        };
        // "Japonais" (the people) refers to Japon, like "japonais"; so does "South Korean".
        if !w0.acronym && c_words.len() <= 3 {
            if let Some(i) = *known.demonym.get_or_insert_with(|| gaz.demonym_key(&known.key)) {
                let g = group_of(GroupKey::Gaz(i), Some(i), 1, &mut groups);
                groups[g].demonyms.push(c.span);
                continue;
            }
        }
        let gaz_hit = known.gaz_hit;
        // "le conflit Ukraine-Russie": two countries joined by a hyphen name both. Only places with a
        // Wikidata id (countries, world regions): a compound of cities is often a name of its own
        // ("Brazzaville-Kinshasa", annotated as one place), and "Rhône-Alpes", "Guinée-Bissau" have
        // parts that are not both known places.
        // A compound of places kept whole ("l'axe Paris-Berlin") is a place, whatever its first part
        // looks like (Paris is a given name too).
        let mut places_compound = false;
        if single && gaz_hit.is_none() && lists.memo(ListAnswers::HYPHENATED, w0, || surface.contains('-')) {
            let mut parts = Vec::new();
            let mut start = c.span.start;
            for part in surface.split('-') {
                parts.push((Span::new(start, start + part.len()), gaz.lookup(part).filter(|&i| gaz.entries[i].kind == EntityKind::Place)));
                start += part.len() + 1;
            }
            places_compound = parts.len() >= 2 && parts.iter().all(|(_, hit)| hit.is_some());
            if places_compound && parts.iter().all(|(_, hit)| hit.is_some_and(|i| gaz.entries[i].wikidata.is_some())) {
                for (span, hit) in parts {
                    let i = hit.unwrap();
                    let g = group_of(GroupKey::Gaz(i), Some(i), 1, &mut groups);
                    groups[g].mentions.push(span);
                    count_surface(&mut groups[g].surfaces, span.of(text));
                }
                continue;
            }
        }
        // The four words before (`after_place_head` reads four, the rest three).
        prev_words(doc, words, &lists, c.first_token, 4, &mut prev4);
        let prev = &prev4[..prev4.len().min(3)];
        // "président de la République": a title, not the state.
        let republic_title = single && words.lower(w0) == "république" && prev.first().is_some_and(|p| p == "la");
        if gaz_hit.is_none() && (names_portfolio(prev) || republic_title) {
            // "ministre de la Défense Michèle Alliot-Marie", "Minister of Defense Gen Nakatani": the
            // portfolio is a title; the words after it name the minister.
            let rest = &c_words[1..];
            if !rest.is_empty() && c_words[1] == c_words[0] + 1 && words[c_words[1]].as_ref().is_some_and(|w| !w.stop) {
                let span = Span::new(doc.tokens[c_words[1]].span.start, c.span.end);
                let g = group_of(GroupKey::Name(alias_key(span.of(text))), None, rest.len(), &mut groups);
                let g = &mut groups[g];
                g.person_cue = true;
                g.mentions.push(span);
                count_surface(&mut g.surfaces, span.of(text));
            }
            continue;
        }
        let surname = single && gaz_hit.is_none() && lists.in_set(ListAnswers::NAME_TAIL, &name_tails, w0);
        if single && gaz_hit.is_none() && !w0.acronym {
            // "Muslim-majority", "Kremlin-backed", "Franc-maçonnerie": a lowercase last part makes a
            // common word or an adjective; the parts of a name are all capitalised ("Jean-Marc").
            // (A lone lowercase word, an institution head left alone, is no name either.)
            if lists.word(List::Role, w0) || lists.memo(ListAnswers::LOWERCASE_TAIL, w0, || lowercase_last_part(surface)) {
                continue;
            }
            // A lone sentence-initial capital is usually an ordinary word ("Pendant", "Toutefois").
            // Words missing from the frequency table all share its floor Zipf, which can sit above the
            // threshold: only a listed word counts as common ("Nakatani a déclaré" stays a name).
            // A word the table does not know needs other evidence: written with a capital inside a
            // sentence elsewhere, or a verb of saying after it ("Nakatani a déclaré").
            let listed_common = w0.zipf >= COMMON_ZIPF_SENTENCE_START && w0.zipf > crate::words::unseen_zipf(lang);
            let unsupported = || {
                !listed_common
                    && (lists.memo(ListAnswers::COMMON_NOUN_SHAPE, w0, || common_noun_shape(surface, words.lower(w0)))
                        || !(lists.in_set(ListAnswers::MID_SENTENCE_CAP, &mid_sentence_caps, w0) || speaks_next(doc, words, &lists, c_words[0])))
            };
            if w0.sentence_initial
                && (lists.in_set(ListAnswers::LOWER_FORM, &lower_forms, w0) || lists.word(List::Common, w0) || (listed_common && !surname) || unsupported())
            {
                continue;
            }
            if w0.zipf >= COMMON_ZIPF_MID_SENTENCE && !surname {
                continue;
            }
        }
        let g = match known.group {
            Some(g) => g,
            None => {
                let key = match gaz_hit {
                    Some(i) => GroupKey::Gaz(i),
                    None => GroupKey::Name(known.key.clone()),
                };
                *known.group.insert(group_of(key, gaz_hit, c_words.len(), &mut groups))
            }
        };
        let g = &mut groups[g];
        let member_lowers = || c_words.iter().map(|&t| words[t].as_ref().unwrap());
        // "directeur de Thomson": the head of something; "fils de René Imbot": kin go on naming people.
        let of_leader = prev.first().is_some_and(|p| matches!(p.as_str(), "de" | "du" | "d'" | "des"))
            && prev[1..].iter().any(|p| lists.prev(List::Leader, p));
        g.leader_of |= of_leader;
        // (Evidence once found is not asked for again at the group's later mentions: `||`.)
        g.person_cue = g.person_cue || (!of_leader && prev.iter().any(|p| lists.prev(List::PersonCue, p)))
            || prev.first().is_some_and(|p| lists.prev(List::SpeechVerb, p) || lists.prev(List::PersonCueAdjacent, p))
            || speaks_next(doc, words, &lists, *c_words.last().unwrap());
        g.first_name = g.first_name || lists.word(List::FirstName, w0);
        g.title_article = g.title_article || (!single && is_title_article(words, w0));
        g.place_head = g.place_head || after_place_head(&lists, &prev4);
        g.org_cue = g.org_cue || c.maker || prev.first().is_some_and(|p| lists.prev(List::OrgCue, p));
        // "at Obama's efforts": after "Barack Obama", a preposition does not make the surname a place.
        g.place_prep = g.place_prep || (!surname && prev.first().is_some_and(|p| lists.prev(List::PlacePreposition, p)));
        g.org_word = g.org_word || member_lowers().any(|w| lists.word(List::OrgWord, w));
        // Capitalised: "Coupe du monde" is an event, "Conseil de guerre" a court.
        g.event_word = g.event_word || member_lowers().any(|w| w.cap && lists.word(List::EventWord, w));
        // "St. Louis", "Mt. Everest": an abbreviated saint or mount names a place.
        g.place_word = g.place_word || places_compound || (!single && matches!(doc.tokens[c_words[0]].span.of(text), "St" | "Mt" | "Ft"));
        // The last word: "Central Park" is a place, "Park Geun-hye" and "Beach Boys" are not.
        g.place_word = g.place_word || (!single && words[*c_words.last().unwrap()].as_ref().is_some_and(|w| lists.word(List::PlaceWord, w)));
        g.has_digit |= known.has_digit;
        g.inner_acronym = g.inner_acronym
            || (!single && c_words.iter().any(|&t| words[t].as_ref().unwrap().acronym && !is_roman_numeral(doc.tokens[t].span.of(text))));
        g.mentions.push(c.span);
        // The surface is counted at the same place of the same group each time (`known.group`).
        match known.counted_at {
            Some(k) => g.surfaces[k].1 += 1,
            None => known.counted_at = Some(count_surface(&mut g.surfaces, surface)),
        }
    }

    // Demonyms ("japonais") refer to their country (found in the first pass).
    for &(ti, i) in demonym_tokens {
        let g = group_of(GroupKey::Gaz(i), Some(i), 1, &mut groups);
        groups[g].demonyms.push(doc.tokens[ti].span);
    }

    // A dateline ("TOKYO (AP) –") names a place and an agency the gazetteer knows.
    if let Some(d) = doc.dateline {
        let mut toks = Vec::new();
        crate::text::tokenize(text, d, &mut toks);
        for t in toks.iter().filter(|t| t.kind == TokenKind::Word) {
            if let Some(i) = gaz.lookup(t.span.of(text)) {
                let g = group_of(GroupKey::Gaz(i), Some(i), 1, &mut groups);
                let g = &mut groups[g];
                g.mentions.push(t.span);
                let name = display_name(i);
                if !g.surfaces.iter().any(|(s, _)| *s == name) {
                    g.surfaces.push((Cow::Owned(name), 0));
                }
            }
        }
    }

    let mut entities: Vec<Entity> = groups
        .iter()
        .map(|g| {
            let acronym = !g.surfaces.is_empty() && !g.surfaces.iter().any(|(s, _)| s.chars().any(char::is_lowercase));
            let kind = g.kind.unwrap_or(if g.event_word || (g.has_digit && !g.org_word) {
                EntityKind::Other
            } else if g.org_word || g.org_cue || g.inner_acronym || (acronym && g.n_words == 1) {
                EntityKind::Organisation
            } else if g.place_word {
                EntityKind::Place
            } else if g.person_cue || g.first_name {
                EntityKind::Person
            } else if g.place_head || (g.n_words == 1 && (g.place_prep || g.surfaces.iter().all(|(s, _)| s.contains('-')))) {
                EntityKind::Place
            } else if g.title_article {
                // "Le Monde", "La Croix": a paper or a company, unless a place preposition says otherwise.
                if g.place_prep { EntityKind::Place } else { EntityKind::Organisation }
            } else if g.leader_of {
                EntityKind::Organisation
            } else if g.n_words == 1 {
                // A lone unknown name with no first name or title: a company, a paper, a team as often as a surname.
                EntityKind::Organisation
            } else if g.n_words <= 3 {
                EntityKind::Person
            } else {
                EntityKind::Other
            });
            // The most written form (the longest, then the first in order, among equals); the forms
            // differ, so there is one.
            let first = g.surfaces.iter().min_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.len().cmp(&a.0.len())).then_with(|| a.0.cmp(&b.0)));
            let text = match (g.gaz, first) {
                // The display name follows the text when it names the entity, else the French name.
                (Some(_), Some(first)) if first.1 > 0 => first.0.to_string(),
                (Some(i), _) => display_name(i),
                (None, Some(first)) => first.0.to_string(),
                (None, None) => String::new(),
            };
            let mut mentions = g.mentions.clone();
            sort_spans(&mut mentions);
            mentions.dedup();
            let mut demonyms = g.demonyms.clone();
            sort_spans(&mut demonyms);
            demonyms.dedup();
            Entity { text, kind, wikidata: g.gaz.and_then(|i| gaz.entries[i].wikidata.as_deref().map(str::to_string)), mentions, demonyms }
        })
        .filter(|e| !e.text.is_empty())
        .collect();

    drop_demonyms_inside_names(&mut entities);
    join_bracketed_given_names(&mut entities, text);
    join_surnames(&mut entities, text);
    crate::sort::sort_by(&mut entities, |a, b| {
        let refs = |e: &Entity| e.mentions.len() + e.demonyms.len();
        refs(b).cmp(&refs(a)).then_with(|| a.first_start().cmp(&b.first_start())).then_with(|| a.text.cmp(&b.text))
    });
    entities
}

/// Whether a one-word candidate (`w`, written `surface`) is no name by itself: a stop word, a word
/// of fewer than three letters (but an acronym), a date word, a common acronym, a Roman numeral.
#[inline(never)] // (asked once per word: out of `extract`'s loop)
fn no_lone_name(words: &Words, lists: &ListAnswers, w: &WordInfo, surface: &str) -> bool {
    w.stop
        || (words.lower(w).chars().count() < 3 && !w.acronym)
        || lists.word(List::Calendar, w)
        || lists.word(List::MonthAbbreviation, w)
        || lists.word(List::CommonAcronym, w)
        || is_roman_numeral(surface)
}

/// "Union européenne", "Parti communiste chinois": an adjective inside a name is part of that name,
/// not a reference to Europe or China. Entities left with no reference go.
fn drop_demonyms_inside_names(entities: &mut Vec<Entity>) {
    // Names do not overlap one another, so the last name starting at or before a demonym is the
    // only one that can contain it. Demonyms are few and names many: rather than sorting the
    // names, each goes to the first demonym start at or after its own, and a running maximum
    // over those starts gives each demonym its last name.
    let mut starts: Vec<Span> = entities.iter().flat_map(|e| e.demonyms.iter().copied()).collect();
    sort_spans(&mut starts);
    starts.dedup_by_key(|d| d.start);
    if starts.is_empty() {
        return; // (then every entity has a mention: none to drop)
    }
    let mut last_name: Vec<Option<Span>> = vec![None; starts.len()];
    // Each entity's mentions are sorted: each one's place among the starts is searched from the
    // previous one's (`start_at_or_after`), a step or two for the main names' thousands of mentions.
    for e in entities.iter() {
        let mut i = 0;
        for n in &e.mentions {
            i = start_at_or_after(&starts, i, n.start);
            if let Some(best) = last_name.get_mut(i) {
                *best = (*best).max(Some(*n));
            }
        }
    }
    for i in 1..last_name.len() {
        last_name[i] = last_name[i].max(last_name[i - 1]);
    }
    for e in entities.iter_mut() {
        // Kept demonyms moved up in place (a loop: `retain` with this closure cost 0.3 KB of wasm).
        let (mut i, mut kept) = (0, 0);
        for k in 0..e.demonyms.len() {
            let d = e.demonyms[k];
            i = start_at_or_after(&starts, i, d.start);
            if !last_name[i].is_some_and(|n| n.end >= d.end) {
                e.demonyms[kept] = d;
                kept += 1;
            }
        }
        e.demonyms.truncate(kept);
    }
    entities.retain(|e| !e.mentions.is_empty() || !e.demonyms.is_empty());
}

/// The first of `starts` (sorted by start) at or after `from` that starts at or after `at`, or
/// `starts.len()`; those before `from` must start before `at`. Steps double from `from` while
/// they stay before `at`, then halve: cheap when the answer is near, as for sorted positions
/// asked in order.
fn start_at_or_after(starts: &[Span], from: usize, at: usize) -> usize {
    let (mut i, mut step, mut growing) = (from, 1, true);
    while step > 0 {
        // Every start before `i` is before `at`.
        if starts.get(i + step - 1).is_some_and(|s| s.start < at) {
            i += step;
            if growing {
                step *= 2;
            }
        } else {
            growing = false;
            step /= 2;
        }
    }
    i
}

/// Sorts spans by start, then end. Mentions are mostly found in text order (thousands for the
/// main names): a sorted list is only checked.
fn sort_spans(spans: &mut [Span]) {
    if !spans.is_sorted() {
        crate::sort::sort(spans);
    }
}

/// Counts one mention's written form; returns where it is counted.
fn count_surface<'t>(surfaces: &mut Vec<(Cow<'t, str>, usize)>, surface: &'t str) -> usize {
    match surfaces.iter().position(|(s, _)| s == surface) {
        Some(k) => {
            surfaces[k].1 += 1;
            k
        }
        None => {
            surfaces.push((Cow::Borrowed(surface), 1));
            surfaces.len() - 1
        }
    }
}

/// "Nakatani a déclaré", "Rutte said": a verb of saying follows the name.
fn speaks_next(doc: &Document, words: &Words, lists: &ListAnswers, last: usize) -> bool {
    let word_at = |k: usize| words.get(k).and_then(|w| w.as_ref());
    match word_at(last + 1) {
        Some(w) if matches!(words.lower(w), "a" | "avait" | "aurait" | "has" | "had") => {
            word_at(last + 2).is_some_and(|v| lists.word(List::SpeechVerb, v))
        }
        Some(v) => lists.word(List::SpeechVerb, v) && doc.tokens[last + 1].span.start == doc.tokens[last].span.end + 1,
        None => false,
    }
}

/// "village de Souain", "base aérienne japonaise d'Iruma": a place noun, maybe adjectives, then "de".
/// `prev`: the four words before the name (`prev_words`).
fn after_place_head(lists: &ListAnswers, prev: &[PrevWord]) -> bool {
    prev.first().is_some_and(|p| matches!(p.as_str(), "de" | "d'" | "du" | "des"))
        && prev[1..].iter().any(|p| lists.prev(List::PlaceHead, p))
}

/// "ministre de la Défense", "secrétaire d'État aux Affaires": the name is a portfolio.
/// (The word sets are `matches!` patterns: a slice's `contains` compared the word with each entry.)
fn names_portfolio(prev: &[PrevWord]) -> bool {
    let word = |i: usize| prev.get(i).map_or("", |p| p.as_str());
    let portfolio = |i: usize| prev.get(i).is_some_and(|p| PORTFOLIO_HEADS.contains(&p.as_str()));
    (matches!(word(0), "de" | "du" | "des" | "d'" | "of" | "aux" | "à") && portfolio(1))
        || (matches!(word(0), "la" | "l'" | "the") && matches!(word(1), "de" | "à" | "for" | "of") && portfolio(2))
}

/// Splits "HLM de Paris" or "Défense du Japon" where the part after a particle is a
/// known name on its own, or the part before ends with a code ("SM-3 Block IIA de Raytheon").
/// Organisation words keep the whole ("Université de Paris").
/// `by_surface` remembers the gazetteer lookups per surface (each builds a key).
fn split_candidate<'t>(
    doc: &'t Document,
    words: &Words,
    gaz: &Gazetteer,
    lists: &ListAnswers,
    members: &[usize],
    by_surface: &mut FxHashMap<&'t str, SurfaceKey>,
    c: Candidate,
    out: &mut Vec<Candidate>,
) {
    let text = doc.text.as_str();
    let mut lookup = |surface: &'t str| SurfaceKey::of(by_surface, gaz, surface).gaz_hit;
    let c_words = &members[c.words.clone()];
    // The ranges of the words before `k` and from `k`.
    let (from, to) = (c.words.start, c.words.end);
    let head = move |k: usize| from..from + k;
    let tail = move |k: usize| from + k..to;
    if c_words.len() < 2 || lookup(c.span.of(text)).is_some() {
        out.push(c);
        return;
    }
    let w = |k: usize| words[c_words[k]].as_ref().unwrap();
    // "Hauts-de-Seine Didier Schuller", "DGSE René Imbot": a given name starts a new name.
    for k in 1..c_words.len() {
        let adjacent = c_words[k] == c_words[k - 1] + 1;
        // (Not when the tail holds an organisation word: "New York Times" is no person "York Times".)
        let org_tail = || c_words[k..].iter().any(|&t| lists.word(List::OrgWord, words[t].as_ref().unwrap()));
        if adjacent && k + 1 < c_words.len() && lists.word(List::FirstName, w(k)) && !lists.word(List::FirstName, w(k - 1)) && !w(k - 1).stop && !org_tail() {
            let head_span = Span::new(c.span.start, doc.tokens[c_words[k - 1]].span.end);
            let tail_span = Span::new(doc.tokens[c_words[k]].span.start, c.span.end);
            out.push(Candidate { span: head_span, first_token: c.first_token, words: head(k), maker: false });
            let rest = Candidate { span: tail_span, first_token: c_words[k], words: tail(k), maker: false };
            return split_candidate(doc, words, gaz, lists, members, by_surface, rest, out);
        }
    }
    for k in 1..c_words.len() {
        if c_words[k] == c_words[k - 1] + 1 {
            continue; // adjacent words, no particle between
        }
        if c_words[..k].iter().any(|&t| lists.word(List::OrgWord, words[t].as_ref().unwrap())) {
            break;
        }
        let tail_span = Span::new(doc.tokens[c_words[k]].span.start, c.span.end);
        let head_last = w(k - 1);
        let head_is_code = head_last.acronym || doc.tokens[c_words[k - 1]].span.of(text).chars().any(|ch| ch.is_ascii_digit());
        if lookup(tail_span.of(text)).is_some() || head_is_code {
            let head_span = Span::new(c.span.start, doc.tokens[c_words[k - 1]].span.end);
            let head_is_product = head_span.of(text).chars().any(|ch| ch.is_ascii_digit());
            out.push(Candidate { span: head_span, first_token: c.first_token, words: head(k), maker: false });
            out.push(Candidate { span: tail_span, first_token: c_words[k], words: tail(k), maker: head_is_product });
            return;
        }
    }
    out.push(c);
}

/// "Le" in "selon Le Monde": a capitalised article inside a sentence.
fn is_title_article(words: &Words, w: &WordInfo) -> bool {
    w.cap && !w.sentence_initial && matches!(words.lower(w), "le" | "la" | "les" | "the")
}

/// Shapes of French common words that names do not take: derivational suffixes ("Rebondissement",
/// "Relégation", "Catholicisme", "Contractuellement") and compounds with a lowercase tail
/// ("Celle-ci", "Entre-temps", "Franc-maçonnerie"); names capitalise each part ("Jean-Marc").
#[inline(never)] // (asked once per word: out of `extract`'s loop)
fn common_noun_shape(surface: &str, lower: &str) -> bool {
    const SUFFIXES: &[&str] = &["isme", "ismes", "ment", "ments", "tion", "tions", "sion", "sions", "ité", "ités"];
    let lowercase_tail = surface.contains('-') && last_part(surface).starts_with(char::is_lowercase);
    lowercase_tail || (lower.chars().count() > 6 && SUFFIXES.iter().any(|e| lower.ends_with(e)))
}

/// Whether the part of `word` after its last hyphen (the whole word if none) starts lowercase.
#[inline(never)] // (asked once per word: out of `extract`'s loop)
fn lowercase_last_part(word: &str) -> bool {
    last_part(word).starts_with(char::is_lowercase)
}

/// The part of a hyphenated word after its last hyphen (the whole word if none).
fn last_part(word: &str) -> &str {
    word.rfind('-').map_or(word, |i| &word[i + 1..])
}

/// Common French/English words that start sentences but are not names.
fn is_common_word(w: &str) -> bool {
    static COMMON: WordList = WordList::new(&[
        "pendant", "toutefois", "cependant", "selon", "alors", "ainsi", "après", "avant", "depuis", "lors",
        "outre", "concernant", "citant", "considérant", "interrogé", "interrogée", "mais", "donc", "enfin",
        "puis", "plus", "tout", "tous", "les", "des", "une", "un", "il", "elle", "nous", "ils", "elles",
        "however", "meanwhile", "but", "after", "before", "since", "although", "while", "the", "this",
        "that", "these", "those", "in", "on", "at", "for", "eh", "ou", "et", "ici", "apparemment",
        "évidemment", "peut-être", "tokyo", "en", "par", "pour", "dans", "sur", "avec",
    ]);
    COMMON.contains(&w)
}

/// A lowercase word before a candidate, with the cell of `ListAnswers` that keeps its list
/// answers (its word's, or its elided form's: an elision has no `WordInfo`). Borrowed only: no
/// allocation or drop per candidate.
#[derive(Clone, Copy)]
struct PrevWord<'a> {
    lower: &'a str,
    answers: &'a std::cell::Cell<u64>,
}

impl PrevWord<'_> {
    fn as_str(&self) -> &str {
        self.lower
    }
}

impl PartialEq<str> for PrevWord<'_> {
    fn eq(&self, other: &str) -> bool {
        self.lower == other
    }
}

/// Up to six `PrevWord`s, inline (no allocation per candidate); reads as a slice.
struct PrevWords<'a> {
    words: [PrevWord<'a>; 6],
    len: usize,
}

impl<'a> std::ops::Deref for PrevWords<'a> {
    type Target = [PrevWord<'a>];
    fn deref(&self) -> &[PrevWord<'a>] {
        &self.words[..self.len]
    }
}

/// Lowercase words immediately before token `ti`, nearest first (skipping punctuation), into
/// `out`; `n` ≤ 6.
#[inline]
fn prev_words<'a>(doc: &'a Document, words: &'a Words, lists: &'a ListAnswers, ti: usize, n: usize, out: &mut PrevWords<'a>) {
    let n = n.min(out.words.len());
    // Counted here and stored once: `out` is written through a reference.
    let mut len = 0;
    let mut i = ti;
    while i > 0 && len < n {
        i -= 1;
        out.words[len] = match &words[i] {
            Some(w) => PrevWord { lower: words.lower(w), answers: &lists.bits[w.surface_id as usize] },
            None => {
                let t = doc.tokens[i];
                if t.kind == TokenKind::Elision {
                    // The tokeniser makes elisions of the forms `elision_lower` knows only.
                    let Some(form) = elided_form(t.span.bytes_of(&doc.text)) else { break };
                    PrevWord { lower: ELIDED[form], answers: &lists.elided[form] }
                } else if matches!(t.span.bytes_of(&doc.text), b"." | b"(" | b")") {
                    // "M." keeps its period as a separate token; "le président (Vladimir) Poutine".
                    continue;
                } else {
                    break;
                }
            }
        };
        len += 1;
    }
    out.len = len;
}

/// Token `k`'s lowercase form if it is a word or an elision, else "": the rules compare it with
/// words only (particles, articles, a court's complement), which no punctuation, URL or emoji
/// lowercases to. (Nothing lowercased or allocated, unlike `token_lower`.)
#[inline]
fn word_lower<'a>(doc: &'a Document, words: &'a Words, k: usize) -> &'a str {
    match &words[k] {
        Some(w) => words.lower(w),
        None => elision_token_lower(doc, k),
    }
}

/// Token `k`'s lowercase form if it is an elision (`elision_lower`), else "".
fn elision_token_lower(doc: &Document, k: usize) -> &'static str {
    let t = doc.tokens[k];
    // The tokeniser makes elisions of the forms `elision_lower` knows only.
    if t.kind == TokenKind::Elision { elision_lower(t.span.bytes_of(&doc.text)).unwrap_or("") } else { "" }
}

/// Token `k` lowercased: words carry their lowercase form, other tokens are lowercased here.
#[inline]
pub(crate) fn token_lower<'a>(doc: &'a Document, words: &'a Words, k: usize) -> std::borrow::Cow<'a, str> {
    match &words[k] {
        Some(w) => std::borrow::Cow::Borrowed(words.lower(w)),
        None => other_token_lower(doc.tokens[k].span.of(&doc.text)),
    }
}

/// `token_lower` of a token with no `WordInfo`: punctuation, an elision, a URL...
#[inline(never)]
fn other_token_lower(t: &str) -> std::borrow::Cow<'_, str> {
    // Most are punctuation: one ASCII byte, no letter to lower (an apostrophe alone is no elision).
    if let [b] = t.as_bytes() {
        if !b.is_ascii_uppercase() {
            return std::borrow::Cow::Borrowed(t);
        }
    }
    match elision_lower(t.as_bytes()) {
        Some(l) => std::borrow::Cow::Borrowed(l),
        None => crate::normalize::lowercased(t),
    }
}

/// The elided forms, lowercase ("l’", "Qu'" and "’s" are "l'", "qu'" and "'s"): `elided_form`
/// answers an index in it.
const ELIDED: [&str; 16] = ["l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'", "quoiqu'", "presqu'", "quelqu'", "'s"];

/// `lower` of an elided word ("l’", "Qu'", "’s"), without an allocation: elisions have no
/// `WordInfo` and are read around most words.
fn elision_lower(t: &[u8]) -> Option<&'static str> {
    elided_form(t).map(|i| ELIDED[i])
}

/// The elided word's form: its index in `ELIDED`.
fn elided_form(t: &[u8]) -> Option<usize> {
    // The apostrophe, matched on the last bytes: ' (1 byte), ʼ (2), ’ or ‘ (3). No `char` decoded
    // and no call (`ends_with` was one per form in wasm).
    let head = match t {
        [head @ .., b'\''] | [head @ .., 0xCA, 0xBC] | [head @ .., 0xE2, 0x80, 0x98 | 0x99] => head,
        // "’s": the apostrophe first.
        [b'\'', s] | [0xCA, 0xBC, s] | [0xE2, 0x80, 0x98 | 0x99, s] => return s.eq_ignore_ascii_case(&b's').then_some(ELIDED.len() - 1),
        _ => return None,
    };
    // Most heads are one letter; the longer forms are few (compared ignoring ASCII case).
    let is = |form: &str| head.eq_ignore_ascii_case(&form.as_bytes()[..form.len() - 1]);
    match head {
        // (The one-letter forms come first in `ELIDED`, in this order.)
        [c] => b"ldjmnstc".iter().position(|&f| f == c.to_ascii_lowercase()),
        _ => (8..ELIDED.len() - 1).find(|&i| is(ELIDED[i])),
    }
}

/// Runs of capitalised words inside sentences, joined across particles.
/// `all_members` receives every candidate's words, one candidate after the other.
#[inline(never)] // (its loop over the tokens, inlined, spanned most of `extract`: see `word_facts`)
fn candidates(doc: &Document, words: &Words, facts: &WordFacts, gaz: &Gazetteer, lang: Lang, lists: &ListAnswers, all_members: &mut Vec<usize>) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut members = Vec::new();
    // `known_name_end` by the text it reads (names recur): tokens past `j`, if a name ends there.
    let mut known_ends: FxHashMap<&str, Option<usize>> = FxHashMap::default();
    for s in &doc.sentences {
        let (a, b) = s.tokens;
        let mut i = a;
        while i < b {
            // (A capitalised word that is no title or role: `WordFacts::name_words`.)
            let is_cap = |k: usize| facts.name_word(k);
            // Most tokens are no capitalised word: skipped by the bits of `word_facts`.
            match facts.name_word_from(i, b) {
                Some(k) => i = k,
                None => break,
            }
            let start = i;
            members.clear();
            members.push(i);
            let mut j = i + 1;
            loop {
                if j < b && is_cap(j) && doc.tokens[j].span.start - doc.tokens[j - 1].span.end <= 1 {
                    members.push(j);
                    j += 1;
                    continue;
                }
                // A middle initial and its period: "George W. Bush", "John F. Kennedy"; and the
                // abbreviations of place names: "St. Petersburg", "Mt. Everest".
                let initial = |k: usize| doc.tokens[k].span.len() == 1 && doc.tokens[k].span.of(&doc.text).starts_with(|c: char| c.is_ascii_uppercase());
                let abbreviation = |k: usize| matches!(doc.tokens[k].span.of(&doc.text), "St" | "Mt" | "Ft");
                // (The period first: it rules out most candidates' ends with one byte read.)
                let period = |k: usize| doc.tokens[k].span.len() == 1 && doc.text.as_bytes()[doc.tokens[k].span.start] == b'.';
                if j + 1 < b && period(j) && ((members.len() >= 2 && initial(j - 1)) || abbreviation(j - 1))
                    && doc.tokens[j].span.start == doc.tokens[j - 1].span.end && is_cap(j + 1)
                    && doc.tokens[j + 1].span.start == doc.tokens[j].span.end + 1
                {
                    members.push(j + 1);
                    j += 2;
                    continue;
                }
                // Particles: up to two lowercase joiners followed by a capitalised word.
                let mut k = j;
                let mut joiners = 0;
                while k < b && joiners < 2 {
                    let t = doc.tokens[k];
                    let allowed = if joiners == 0 { List::Particle } else { List::ParticleArticle };
                    // (No particle or article is a lone punctuation character: not lowercased to ask.)
                    let is_particle = t.kind != TokenKind::Punct
                        && lists.token(allowed, doc, words, k)
                        && !t.span.of(&doc.text).starts_with(char::is_uppercase);
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
            // The name proper, after a sentence-initial article ("Le Conseil constitutionnel").
            let core = members.iter().take_while(|&&m| words[m].as_ref().is_some_and(|w| w.stop && !is_title_article(words, w))).count();
            let core = if core == members.len() { 0 } else { core };
            // "Nations unies", "Émirats arabes unis", "République démocratique du Congo": a known name
            // with lowercase words is taken whole, the longest the gazetteer knows.
            // (Asked only after a lowercase word, of a word that starts some known name.)
            let first_word = words[members[core]].as_ref();
            let lowercase_next = j < b && doc.tokens[j].kind == TokenKind::Word && words[j].as_ref().is_some_and(|w| !w.cap && !w.stop);
            let known_end = if lowercase_next
                && first_word.is_some_and(|w| lists.starts_a_name(gaz, w, doc.tokens[members[core]].span.of(&doc.text)))
            {
                let read = Span::new(doc.tokens[members[core]].span.start, doc.tokens[b.min(j + 5) - 1].span.end);
                known_ends.entry(read.of(&doc.text)).or_insert_with(|| known_name_end(doc, gaz, members[core], j, b).map(|e| e - j)).map(|d| j + d)
            } else {
                None
            };
            if let Some(end) = known_end {
                members.extend((j..=end).filter(|&k| doc.tokens[k].kind == TokenKind::Word));
                j = end + 1;
            }
            let lone_head = known_end.is_none() && members.len() - core == 1;
            let head = words[members[core]].as_ref();
            // A title after its capitalised article takes one adjective: "Le Canard enchaîné",
            // "Le Monde diplomatique".
            if lang == Lang::Fr && known_end.is_none() && members.len() - core == 2 && head.is_some_and(|w| is_title_article(words, w)) {
                j = org_adjectives(words, j, b, &mut members, true, 1);
            }
            // "Cour d'appel de Paris", "Cour de cassation", "Cour spéciale de justice": a capitalised court
            // takes its lowercase complement, then the place it sits in.
            let mut court = false;
            if lone_head && head.is_some_and(|w| lists.word(List::CourtHead, w)) {
                let (tail, next) = court_tail(doc, words, lists, j, b);
                if let Some(t) = tail {
                    court = true;
                    members.push(t);
                    j = next;
                    if j < b && is_cap(j) && matches!(word_lower(doc, words, j - 1), "de" | "d'" | "du") {
                        while j < b && is_cap(j) && doc.tokens[j].span.start - doc.tokens[j - 1].span.end <= 1 {
                            members.push(j);
                            j += 1;
                        }
                    }
                }
            }
            // "Parti socialiste", "Organisation mondiale de la santé", "Rassemblement pour la République":
            // an organisation word takes adjectives and complements.
            if lang == Lang::Fr && !court && lone_head && head.is_some_and(|w| lists.word(List::OrgWord, w)) {
                j = org_tail(doc, words, j, b, &mut members);
            }
            // "mairie de Paris", "ministère du Budget": a lowercase institution heads the name.
            // "ministère de la Défense" too (an article after "de"); a one-word portfolio takes its
            // adjectives ("ministère des Affaires étrangères", "ministère de la Transition écologique").
            let mut first_member = start;
            // The token before the name, lowercased once for the three rules that read it.
            let before = (start > a).then(|| word_lower(doc, words, start - 1));
            let article = start >= a + 3 && matches!(before, Some("la" | "l'"));
            let particle_at = if article { start - 2 } else { start.saturating_sub(1) };
            let particle = match (particle_at > a, article) {
                (false, _) => "",
                (true, true) => word_lower(doc, words, particle_at),
                (true, false) => before.unwrap_or_default(),
            };
            if matches!(particle, "de" | "du" | "des" | "d'")
                && (!article || particle == "de")
                && words[particle_at - 1].as_ref().is_some_and(|h| !h.cap && lists.word(List::InstitutionHead, h))
            {
                first_member = particle_at - 1;
                let portfolio = words[first_member].as_ref().is_some_and(|h| PORTFOLIO_HEADS.contains(&words.lower(h)));
                if lang == Lang::Fr && portfolio && members.len() == 1 {
                    j = org_adjectives(words, j, b, &mut members, false, 3);
                }
            }
            // "tribunal correctionnel de Nanterre", "cour d'appel de Paris": a court, lowercase, with its
            // complement before the place.
            // (Only after "de": the call is made for few names.)
            if first_member == start && start >= a + 2 && matches!(before, Some("de" | "d'" | "du")) {
                if let Some(head) = court_head_before(doc, words, lists, a, start, before) {
                    first_member = head;
                }
            }
            if first_member != start {
                members.insert(0, first_member);
            }
            // "Seconde Guerre mondiale": an event word may take one lowercase adjective.
            let last = *members.last().unwrap();
            if j < b && words[last].as_ref().is_some_and(|w| lists.word(List::EventWord, w)) {
                if words[j].as_ref().is_some_and(|w| lists.word(List::EventAdjective, w)) {
                    members.push(j);
                    j += 1;
                }
            }
            // Drop a leading stop word ("Le Japon" at a sentence start → "Japon"), but not a capitalised
            // article inside a sentence, which is part of a title ("selon Le Monde", "The Guardian").
            let mut first = first_member;
            while members.len() > 1 && words[first].as_ref().is_some_and(|w| w.stop && !is_title_article(words, w)) {
                members.remove(0);
                first = members[0];
            }
            let last = *members.last().unwrap();
            let at = all_members.len();
            all_members.extend_from_slice(&members);
            out.push(Candidate {
                span: Span::new(doc.tokens[first].span.start, doc.tokens[last].span.end),
                first_token: first,
                words: at..all_members.len(),
                maker: false,
            });
            i = j;
        }
    }
    out
}

/// "le président (Vladimir) Poutine": agency copy adds the given name in brackets. The two words
/// name one person, "Vladimir Poutine", whose mentions are both words (the bracket stays outside).
fn join_bracketed_given_names(entities: &mut Vec<Entity>, text: &str) {
    let one_word_person = |e: &Entity| e.kind == EntityKind::Person && e.wikidata.is_none() && !e.text.contains(char::is_whitespace);
    let mut i = 0;
    while i < entities.len() {
        let given = &entities[i];
        // The given name's bracketed mention and the surname entity mentioned right after ") ".
        let pair = if one_word_person(given) {
            given.mentions.iter().find_map(|m| {
                let after = text[m.end..].strip_prefix(')')?;
                text[..m.start].strip_suffix('(')?;
                let surname_start = m.end + 1 + (after.len() - after.trim_start_matches([' ', '\u{a0}']).len());
                let j = entities.iter().position(|e| one_word_person(e) && e.mentions.iter().any(|n| n.start == surname_start))?;
                (j != i).then_some((*m, j))
            })
        } else {
            None
        };
        let Some((mention, j)) = pair else {
            i += 1;
            continue;
        };
        let full_name = format!("{} {}", entities[i].text, entities[j].text);
        entities[j].text = full_name;
        entities[j].mentions.push(mention);
        sort_spans(&mut entities[j].mentions);
        entities[i].mentions.retain(|m| *m != mention);
        if entities[i].mentions.is_empty() && entities[i].demonyms.is_empty() {
            entities.remove(i);
        } else {
            i += 1;
        }
    }
}

/// "Stoltenberg" (and "Soltenberg") join "Jens Stoltenberg"; "Kishida" joins "Fumio Kishida".
fn join_surnames(entities: &mut Vec<Entity>, _text: &str) {
    // Family names come last in "Jens Stoltenberg", first in "Yoon Suk Yeol": try both ends.
    let full: Vec<(usize, String)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Person && e.text.split_whitespace().count() >= 2)
        .flat_map(|(i, e)| {
            let parts: Vec<&str> = e.text.split_whitespace().collect();
            let mut ends = vec![(i, alias_key(parts[parts.len() - 1]))];
            if parts.len() >= 3 {
                ends.push((i, alias_key(parts[0])));
            }
            ends
        })
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
                sort_spans(&mut entities[t].mentions);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The front-coded given names (`build.rs`) decode to the data file's list.
    #[test]
    fn first_names_decode_to_the_data_file() {
        let want: Vec<&str> = include_str!("../data/first-names.txt").lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect();
        let got = front_decoded(include_str!(concat!(env!("OUT_DIR"), "/first-names.txt")));
        assert_eq!(got.lines().collect::<Vec<_>>(), want);
        assert!(is_first_name("jean") && is_first_name("jean-marc") && !is_first_name("maison"));
    }

    /// `start_at_or_after` answers as a binary search of the starts after `from` does.
    #[test]
    fn galloping_finds_the_first_start_at_or_after() {
        let starts: Vec<Span> = [1, 3, 3, 4, 8, 9, 15, 20, 21, 22, 40].iter().map(|&s| Span::new(s, s + 1)).collect();
        for from in 0..=starts.len() {
            for at in 0..45 {
                if starts[..from].iter().all(|s| s.start < at) {
                    let want = from + starts[from..].partition_point(|s| s.start < at);
                    assert_eq!(start_at_or_after(&starts, from, at), want, "from {from} at {at}");
                }
            }
        }
        assert_eq!(start_at_or_after(&[], 0, 5), 0);
    }

    /// The byte-level `elision_lower` and `is_roman_numeral` answer as their plain definitions do.
    #[test]
    fn elisions_and_numerals_match_their_definitions() {
        const FORMS: &[&str] = &["l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'", "quoiqu'", "presqu'", "quelqu'"];
        let elision = |t: &str| -> Option<&'static str> {
            let last = t.chars().next_back()?;
            if crate::text::is_apostrophe(last) {
                let head = &t[..t.len() - last.len_utf8()];
                return FORMS.iter().copied().find(|f| f.len() == head.len() + 1 && f[..head.len()].eq_ignore_ascii_case(head));
            }
            let first = t.chars().next()?;
            (crate::text::is_apostrophe(first) && t[first.len_utf8()..].eq_ignore_ascii_case("s")).then_some("'s")
        };
        let numeral = |s: &str| {
            let core = s.trim_end_matches("ème").trim_end_matches("eme").trim_end_matches("er").trim_end_matches('e');
            !core.is_empty() && core.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
        };
        let words = [
            "", "'", "’", "l'", "L’", "D'", "qu’", "Qu'", "JUSQU'", "lorsqu'", "quelqu’", "presqu'", "aujourd'", "é'", "xl'",
            "'s", "’S", "'t", "XVII", "XXe", "IIIème", "IIIeme", "Ier", "Le", "Les", "Macron", "Mme", "MIe", "Xème", "VIerer",
            "ème", "e", "Cie", "DC", "CD-ROM", "Mer", "Lee", "Île",
        ];
        for w in words {
            assert_eq!(elision_lower(w.as_bytes()), elision(w), "{w:?}");
            assert_eq!(is_roman_numeral(w), numeral(w), "{w:?}");
        }
    }

    #[test]
    fn demonym_shortcut_gives_the_keyed_answer() {
        let g = Gazetteer::shipped();
        for w in ["japonais", "Japonais", "japonaise", "américains", "british", "south korean", "a\u{0B}b", "otan", ""] {
            assert_eq!(g.demonym(w), g.demonym_key(&alias_key(w)), "{w:?}");
        }
        assert!(g.demonym("japonais").is_some());
    }

    /// The compiled gazetteer (`build.rs`) answers every key exactly as reading the TSV files does.
    #[test]
    fn shipped_gazetteer_matches_the_tsv_files() {
        let read = Gazetteer::parse(include_str!("../data/gazetteer.tsv"), include_str!("../data/demonyms.tsv"));
        let shipped = Gazetteer::shipped();
        assert!(read.entries.len() > 1000);
        assert_eq!(read.entries.len(), shipped.entries.len());
        for (a, b) in read.entries.iter().zip(&shipped.entries) {
            assert_eq!((a.kind, &a.name_fr, &a.name_en, &a.wikidata), (b.kind, &b.name_fr, &b.name_en, &b.wikidata));
        }
        fn sorted<'a>(m: impl IntoIterator<Item = (&'a Cow<'static, str>, &'a usize)>) -> Vec<(&'a Cow<'static, str>, &'a usize)> {
            let mut v: Vec<_> = m.into_iter().collect();
            v.sort();
            v
        }
        assert!(sorted(&read.by_alias) == sorted(&shipped.by_alias), "aliases differ: rebuild after editing data/");
        assert!(sorted(&read.demonyms) == sorted(&shipped.demonyms), "demonyms differ: rebuild after editing data/");
    }
}
