//! Compiles the readable data files (`data/`, the source of truth) into the compact forms
//! the library embeds, with every key already normalised and stemmed: the engine then
//! does no stemming or parsing of its vocabularies at start-up, and ships fewer bytes.
//!
//! The keys come from the engine's own code (`src/text.rs`, `src/normalize.rs`, compiled
//! into this script below), so they are the keys the engine computes for the text;
//! tests in `src/topics.rs` and `src/entities.rs` check them against the runtime functions.
//! Formats are described at the functions that write them.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

// The engine's tokeniser and matching keys, shared with the library.
#[allow(dead_code)]
#[path = "src/span.rs"]
mod span;
#[allow(dead_code)]
#[path = "src/text.rs"]
mod text;
#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;
#[path = "src/french_stem.rs"]
mod french_stem;
/// The only part of `src/lang.rs` that `normalize.rs` needs.
#[allow(dead_code)]
mod lang {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Lang {
        Fr,
        En,
        Unknown,
    }
}

use lang::Lang;
use normalize::Stemmers;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    for f in ["data/topics/fr.tsv", "data/topics/en.tsv", "data/gazetteer.tsv", "data/demonyms.tsv", "data/first-names.txt", "data/wordfreq-fr.txt", "data/wordfreq-en.txt", "src/text.rs", "src/normalize.rs", "src/span.rs"] {
        println!("cargo:rerun-if-changed={f}");
    }
    let stemmers = Stemmers::default();
    for (lang, code) in [(Lang::Fr, "fr"), (Lang::En, "en")] {
        let tsv = read(&format!("data/topics/{code}.tsv"));
        write(out, &format!("topics-{code}.txt"), &compile_triggers(&tsv, lang, &stemmers));
    }
    let gaz = compile_gazetteer(&read("data/gazetteer.tsv"), &read("data/demonyms.tsv"));
    write(out, "gazetteer.txt", &gaz);
    write(out, "first-names.txt", &front_code(&read("data/first-names.txt")));
    for code in ["fr", "en"] {
        write(out, &format!("wordfreq-{code}.txt"), &compile_wordfreq(&read(&format!("data/wordfreq-{code}.txt"))));
    }
}

/// `data/wordfreq-<lang>.txt` (`scripts/wordfreq/build.py`: comment lines, then keys sorted and
/// front-coded as `<shared prefix in characters 0-9><rest of key><bucket A-P>`, wrapped) → a line
/// `<keys> <bytes of all keys>`, then the same entries unwrapped with the shared prefix counted
/// in bytes: `words::ZipfTable::parse` sizes its arrays once and copies prefixes without
/// counting characters. Checks the order the engine's binary search relies on.
fn compile_wordfreq(data: &str) -> String {
    let body: String = data.lines().filter(|l| !l.starts_with('#')).collect();
    let mut entries: Vec<(String, char)> = Vec::new();
    let mut key = String::new();
    let mut chars = body.chars().peekable();
    while let Some(shared) = chars.next() {
        let shared = shared.to_digit(10).unwrap_or_else(|| panic!("wordfreq: {shared:?} is not a prefix count"));
        key.truncate(key.char_indices().nth(shared as usize).map_or(key.len(), |(i, _)| i));
        while let Some(c) = chars.next_if(|c| !c.is_ascii_uppercase()) {
            assert!(!c.is_ascii_digit(), "wordfreq: a digit in a key ({key:?})");
            key.push(c);
        }
        let bucket = chars.next().expect("wordfreq: a bucket letter after each key");
        assert!(('A'..='P').contains(&bucket), "wordfreq: bucket {bucket:?}");
        assert!(entries.last().is_none_or(|(prev, _)| prev.as_bytes() < key.as_bytes()), "wordfreq: {key:?} out of order");
        entries.push((key.clone(), bucket));
    }
    let bytes: usize = entries.iter().map(|(k, _)| k.len()).sum();
    let mut out = format!("{} {bytes}\n", entries.len());
    let mut prev = "";
    for (key, bucket) in &entries {
        let shared = shared_prefix(prev, key);
        let _ = write!(out, "{shared}{}{bucket}", &key[shared..]);
        prev = key;
    }
    out
}

/// A sorted word list (`#` comments dropped) → one line per word: a byte `'0' + n`, n the
/// number of leading bytes it shares with the word before, then the rest of the word.
/// gzip finds the shared prefixes itself, but at a cost: this is 18% smaller gzipped
/// (first-names: 5.4 → 4.4 KB). `entities::front_decoded` reads it back.
fn front_code(list: &str) -> String {
    let mut out = String::new();
    let mut prev = "";
    for word in list.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        assert!(prev < word, "front_code: the list must be sorted and without repeats ({prev:?}, {word:?})");
        let shared = shared_prefix(prev, word);
        let _ = writeln!(out, "{shared}{}", &word[shared..]);
        prev = word;
    }
    out
}

/// How many leading bytes `word` shares with `prev`, for front coding: at most 9 (one digit),
/// cut back to a character boundary of `word`.
fn shared_prefix(prev: &str, word: &str) -> usize {
    let mut shared = prev.bytes().zip(word.bytes()).take_while(|(a, b)| a == b).count().min(9);
    while !word.is_char_boundary(shared) {
        shared -= 1;
    }
    shared
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
}

/// Data lines of a TSV file: comments (`#`) and blank lines dropped, fields split on tabs.
fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').collect())
}

/// Space-joined `word_key`s of a phrase's words and numbers: what `topics::phrase_key_with` computes.
pub fn phrase_key_with(phrase: &str, mut word_key: impl FnMut(&str) -> String) -> String {
    let mut toks = Vec::new();
    text::tokenize(phrase, span::Span::new(0, phrase.len()), &mut toks);
    toks.iter()
        .filter(|t| t.kind == text::TokenKind::Word || t.kind == text::TokenKind::Number)
        .map(|t| word_key(t.span.of(phrase)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `data/topics/<lang>.tsv` (`qcode, weight, trigger`) → a line with the number of forms,
/// then one line per (topic, weight):
/// `qcode<TAB>weight<TAB>form|form|…`, in the order topics first appear. A form is the
/// trigger's lowercase written words (the matcher checks inflections against them); each
/// word whose stemmed key is not its accent-folded self carries how to get the key from
/// it: `~N` (drop the last N characters) or `~N:suffix` (then append a suffix). Storing
/// keys beside the forms cost 25 KB of gzip. A key keeps its first weight per topic, as
/// the engine did when it read the TSV, so all forms of a key go under that weight.
fn compile_triggers(tsv: &str, lang: Lang, stemmers: &Stemmers) -> String {
    // (code, key) → its group and its written forms.
    let mut entries: HashMap<(String, String), (usize, Vec<String>)> = HashMap::new();
    let mut groups: Vec<((String, String), Vec<String>)> = Vec::new();
    let mut group_of: HashMap<(String, String), usize> = HashMap::new();
    for f in rows(tsv).filter(|f| f.len() >= 3) {
        let code = f[0].trim_start_matches("medtop:").to_string();
        let weight = f[1].trim().to_string();
        // The engine reads weights as small whole numbers (data/topics/README.md).
        assert!(weight.parse::<u8>().is_ok_and(|w| w > 0), "data/topics: weight {weight:?} is not a small positive whole number");
        let key = phrase_key_with(f[2], |w| stemmers.key(lang, w));
        let form = phrase_key_with(f[2], normalize::lower);
        if key.is_empty() {
            continue;
        }
        assert!(!key.contains(['|', '=']) && !form.contains(['|', '=']), "data/topics: trigger {:?}", f[2]);
        match entries.get_mut(&(code.clone(), key.clone())) {
            Some((_, forms)) => {
                if !forms.contains(&form) {
                    forms.push(form);
                }
            }
            None => {
                let g = *group_of.entry((code.clone(), weight.clone())).or_insert_with(|| {
                    groups.push(((code.clone(), weight), Vec::new()));
                    groups.len() - 1
                });
                groups[g].1.push(key.clone());
                entries.insert((code, key), (g, vec![form]));
            }
        }
    }
    // First line: how many forms follow, so that the engine sizes its tables once.
    let forms: usize = entries.values().map(|(_, forms)| forms.len()).sum();
    let mut out = format!("{forms}\n");
    for ((code, weight), keys) in groups {
        let mut list: Vec<String> = keys
            .iter()
            .flat_map(|key| entries[&(code.clone(), key.clone())].1.iter().map(move |form| encode_form(form, key)))
            .collect();
        list.sort();
        let _ = writeln!(out, "{code}\t{weight}\t{}", list.join("|"));
    }
    out
}

/// A form with, per word, how its key differs from the folded word (see `compile_triggers`).
fn encode_form(form: &str, key: &str) -> String {
    let (forms, keys): (Vec<&str>, Vec<&str>) = (form.split(' ').collect(), key.split(' ').collect());
    assert_eq!(forms.len(), keys.len(), "data/topics: {form:?} and its key {key:?}");
    let words: Vec<String> = forms
        .iter()
        .zip(&keys)
        .map(|(word, key)| {
            assert!(!word.contains(['~', ':']) && !key.contains(['~', ':']), "data/topics: {form:?}");
            let folded: Vec<char> = normalize::fold_accents(word).chars().collect();
            let key: Vec<char> = key.chars().collect();
            let shared = folded.iter().zip(&key).take_while(|(a, b)| a == b).count();
            let (cut, suffix): (usize, String) = (folded.len() - shared, key[shared..].iter().collect());
            match (cut, suffix.is_empty()) {
                (0, true) => word.to_string(),
                (_, true) => format!("{word}~{cut}"),
                _ => format!("{word}~{cut}:{suffix}"),
            }
        })
        .collect();
    words.join(" ")
}

/// `alias_key` of `src/entities.rs`: lowercase, accents folded, single spaces.
fn alias_key(s: &str) -> String {
    let low = normalize::fold_accents(&normalize::lower(s));
    low.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The gazetteer and its demonyms → a line of sizes (see below), then one line per entry:
/// `kind<TAB>name_fr<TAB>name_en<TAB>wikidata<TAB>alias keys<TAB>demonym keys`, kind as
/// `p` (person), `l` (place), `o` (organisation) or `x`; `name_en` empty when equal to
/// `name_fr`; keys `|`-separated. The keys of the two names are not listed (the engine
/// computes them: that is smaller); every other key is listed once, under the first entry
/// that claims it (the engine's first-wins rule). The columns the engine does not use
/// (ids, subkinds, countries) are left out.
fn compile_gazetteer(entries_tsv: &str, demonyms_tsv: &str) -> String {
    struct Entry<'a> {
        fields: Vec<&'a str>,
        aliases: Vec<String>,
        demonyms: Vec<String>,
    }
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut claimed: HashSet<String> = HashSet::new();
    for f in rows(entries_tsv).filter(|f| f.len() >= 7 && f[0] != "id") {
        let names = [alias_key(f[3]), alias_key(f[4])];
        let mut aliases = Vec::new();
        for alias in [f[3], f[4]].into_iter().chain(f[6].split('|')).filter(|a| !a.is_empty()) {
            let key = alias_key(alias);
            assert!(!key.contains(['|', '\t']), "gazetteer alias {alias:?}");
            // The engine adds the keys of the names itself.
            if claimed.insert(key.clone()) && !names.contains(&key) {
                aliases.push(key);
            }
        }
        by_id.insert(f[0], entries.len());
        entries.push(Entry { fields: f, aliases, demonyms: Vec::new() });
    }
    let mut claimed: HashSet<String> = HashSet::new();
    for f in rows(demonyms_tsv) {
        if let (Some(form), Some(&idx)) = (f.first(), f.get(2).and_then(|c| by_id.get(c))) {
            let key = alias_key(form);
            if claimed.insert(key.clone()) {
                entries[idx].demonyms.push(key);
            }
        }
    }
    // First line: how many entries, alias keys (names included) and demonym keys follow, so
    // that the engine sizes its tables once without a counting pass.
    let names: usize = entries.iter().map(|e| 1 + usize::from(e.fields[4] != e.fields[3])).sum();
    let aliases: usize = names + entries.iter().map(|e| e.aliases.len()).sum::<usize>();
    let demonyms: usize = entries.iter().map(|e| e.demonyms.len()).sum();
    let mut out = format!("{} {aliases} {demonyms}\n", entries.len());
    for e in &entries {
        let f = &e.fields;
        let kind = match f[1] {
            "person" => 'p',
            "place" => 'l',
            "organisation" | "organization" => 'o',
            _ => 'x',
        };
        let name_en = if f[4] == f[3] { "" } else { f[4] };
        let _ = writeln!(out, "{kind}\t{}\t{name_en}\t{}\t{}\t{}", f[3], f[5], e.aliases.join("|"), e.demonyms.join("|"));
    }
    out
}
