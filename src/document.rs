//! Article structure over plain text: title, kicker, date, byline, dateline,
//! lead, paragraphs, quotes with speakers, and boilerplate. Boilerplate is
//! marked, never deleted, so every offset still points into the original text.

use std::borrow::Cow;

use serde::Serialize;

use crate::span::Span;
use crate::stopwords::WordList;
use crate::text::{self, Sentence, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Title,
    Lead,
    Paragraph,
    Heading,
    ListItem,
    /// A block quote (a paragraph that is wholly a quotation).
    Quote,
    /// A line that attributes the preceding block quote ("- cite …", "a déclaré X").
    Attribution,
    Byline,
    /// Navigation, counters, credits, repeated headlines, comment sections.
    Boilerplate,
}

impl BlockKind {
    /// Blocks whose words are analysed (keywords, entities, topics).
    pub fn is_content(self) -> bool {
        !matches!(self, BlockKind::Boilerplate | BlockKind::Byline)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub span: Span,
    pub speaker: Option<String>,
}

/// The parsed article. All spans index into `text`.
#[derive(Debug, Default)]
pub struct Document {
    pub text: String,
    pub title: Option<Span>,
    pub kicker: Option<Span>,
    pub date: Option<String>,
    pub byline: Option<String>,
    pub dateline: Option<Span>,
    pub blocks: Vec<Block>,
    pub quotes: Vec<Quote>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

/// Eight bytes at a time: `ONES * b` repeats byte `b`, `TOPS` is each byte's top bit.
const ONES: u64 = 0x0101_0101_0101_0101;
const TOPS: u64 = 0x8080_8080_8080_8080;

/// Flags the zero bytes of `y` (their top bits): the classic test, whose lowest flag is always
/// a real zero byte (higher ones may be false, after a zero byte).
fn zero_bytes(y: u64) -> u64 {
    y.wrapping_sub(ONES) & !y & TOPS
}

/// The first `byte` at or after `from`, or `bytes.len()`: eight bytes at a time, with no
/// set-up per call (`has` calls it again at each of a line's 'c's: through `memchr`,
/// `match_indices('c')`, parse was 1-4 % slower in V8 and 0.64 M instructions more on news-1m).
/// With `case_bit` 0x20 (and a lowercase letter for `byte`), either case of it.
fn next_byte(bytes: &[u8], mut from: usize, byte: u8, case_bit: u8) -> usize {
    while let Some(chunk) = bytes.get(from..from + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) | ONES * u64::from(case_bit);
        let found = zero_bytes(x ^ ONES * u64::from(byte));
        if found != 0 {
            return from + found.trailing_zeros() as usize / 8;
        }
        from += 8;
    }
    let rest = bytes.get(from..).unwrap_or_default();
    from + rest.iter().position(|&b| b | case_bit == byte).unwrap_or(rest.len())
}

/// `s.contains(needle)` in either ASCII case, for a needle of lowercase ASCII letters (on a
/// folded line, which has no ASCII capitals, just `contains`), found by the needle's first
/// byte. In wasm (no SIMD) the standard library's substring search steps through a line a few
/// letters at a time, where the boilerplate predicates' needles start with a letter rarer than
/// most ('c').
fn has(s: &str, needle: &str) -> bool {
    let (bytes, needle) = (s.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else { return true };
    let mut at = 0;
    loop {
        at = next_byte(bytes, at, first, 0x20);
        if at >= bytes.len() {
            return false;
        }
        if bytes[at..].get(..needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(needle)) {
            return true;
        }
        at += 1;
    }
}

/// Normalises for comparing lines: lowercase, one kind of apostrophe and quote, single spaces.
pub fn fold_for_compare(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A run of words apart by single spaces (most of a line): copied and lowercased
        // at once rather than character by character. (Its spaces are the ones the fold keeps.)
        // Its characters are ASCII other than whitespace, or Latin-1's lowercase letters
        // (U+DF..U+FF, C3 9F..C3 BF: French accents), which the fold keeps as they are and
        // `make_ascii_lowercase` leaves alone. The byte length of the character at `p`, if plain:
        let plain = |p: usize| match bytes.get(p) {
            Some(&b) if b.is_ascii() => usize::from(!matches!(b, b' ' | b'\t'..=b'\r')),
            Some(0xC3) if bytes.get(p + 1).is_some_and(|n| (0x9F..=0xBF).contains(n)) => 2,
            _ => 0,
        };
        let mut end = i;
        'run: while end < bytes.len() {
            // Eight bytes at a time where they are all ASCII, none a control or whitespace byte
            // but single spaces between plain ones (the flags may over-report, never miss).
            if let Some(chunk) = bytes.get(end..end + 8) {
                let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
                let below = |n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & TOPS;
                let spaces = zero_bytes(x ^ ONES * 0x20);
                let lone = spaces & (spaces << 8 | spaces >> 8) == 0 && spaces >> 63 == 0 && (end > i || spaces & 0x80 == 0);
                if x & TOPS == 0 && below(0x20) == 0 && lone {
                    end += 8;
                    continue;
                }
            }
            // Otherwise character by character through those eight bytes.
            let stop = end + 8;
            while end < stop {
                let w = plain(end);
                if w > 0 {
                    end += w;
                } else if bytes.get(end) == Some(&b' ') && end > i && plain(end + 1) > 0 {
                    end += 1; // (after a plain character: the run so far ends plain)
                } else {
                    break 'run;
                }
            }
        }
        if end > i {
            if space {
                out.push(' ');
                space = false;
            }
            let at = out.len();
            out.push_str(&s[i..end]);
            out[at..].make_ascii_lowercase();
            i = end;
            continue;
        }
        let Some(c) = s[i..].chars().next() else { break };
        i += c.len_utf8();
        let c = match c {
            '’' | 'ʼ' | '‘' => '\'',
            '«' | '»' | '“' | '”' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        // Latin-1's lowercase letters (and ÷) are their own lowercase: no table lookup.
        if ('\u{DF}'..='\u{FF}').contains(&c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Lines as (span without line terminator, trimmed span).
fn lines(text: &str) -> Vec<Span> {
    // `split` finds the line ends with the standard library's word-at-a-time byte search.
    let mut start = 0;
    text.split('\n')
        .map(|line| {
            let span = Span::new(start, start + line.len());
            start = span.end + 1;
            span
        })
        .collect()
}

fn trim_span(text: &str, s: Span) -> Span {
    let slice = s.of(text);
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead == slice.len() {
        return Span::new(s.start, s.start);
    }
    Span::new(s.start + lead, s.end - trail)
}

fn is_pagination(line: &str) -> bool {
    let t = line.trim();
    // (Most lines start with a letter: not split.)
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let mut parts = t.split('/');
    matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None)
        if !a.trim().is_empty() && !b.trim().is_empty()
        && a.trim().bytes().all(|c| c.is_ascii_digit()) && b.trim().bytes().all(|c| c.is_ascii_digit()))
}

fn strip_bullet(line: &str) -> &str {
    line.trim_start().trim_start_matches(['•', '·', '▪', '*']).trim_start()
}

/// Whether the boilerplate, title and attribution tests below could hold for a line that is
/// not near the ends of the text (where bylines are): unless the folded line opens with a few
/// letters, '.', '-', '*', a digit or the title's first letter, or holds "comment" or
/// "contribu", none does, and the line need not be folded. (Only ASCII letters, İ and the
/// Kelvin sign lowercase to ASCII letters; the last two are non-ASCII, which is always folded.)
fn fold_may_matter(line: &str, title_fold: Option<&str>) -> bool {
    let Some(&first) = line.as_bytes().first() else { return false };
    let first = first.to_ascii_lowercase();
    !first.is_ascii() || first.is_ascii_digit() || b"acoprsi.-*".contains(&first)
        || title_fold.is_some_and(|t| t.as_bytes().first() == Some(&first))
        || has(line, "comment") || has(line, "contribu")
}

/// The predicates below take the line folded once by `fold_for_compare` (empty for long lines).
fn is_photo_credit(folded: &str) -> bool {
    let l = strip_bullet(folded);
    ["photo", "photos", "crédit", "credit", "image", "illustration", "©"].iter().any(|p| l.starts_with(p))
        && (l.contains(':') || l.starts_with('©') || l.contains("©"))
        || l.starts_with('©')
}

fn is_contributor_credit(l: &str) -> bool {
    // (All four contain "contribu": one search for most lines.)
    has(l, "contribu")
        && (l.contains("a contribué à ce rapport") || l.contains("ont contribué à ce rapport")
            || l.contains("contributed to this report") || l.contains("contributed reporting"))
}

/// Start of a reader-comment section: everything from here on is boilerplate.
fn starts_comments(l: &str) -> bool {
    if l.is_empty() {
        return false;
    }
    // The first two words, and whether there are more (no Vec of every word of the line).
    let mut split = l.split(' ');
    let (first, second, more) = (split.next(), split.next(), split.next().is_some());
    if let (Some(w0), Some(w1), false) = (first, second, more) {
        if w0.bytes().all(|b| b.is_ascii_digit())
            && matches!(w1, "commentaire" | "commentaires" | "comment" | "comments" | "réactions" | "réaction")
        {
            return true;
        }
    }
    // (The four phrases searched for all contain "comment": one search for most lines.)
    let comment = has(l, "comment");
    comment && (l.contains("pour laisser des commentaires") || l.contains("pour commenter")) || l.starts_with("cher lecteur")
        || comment && (l.contains("to leave a comment") || l.contains("log in to comment")) || l.starts_with("commentaires")
        || l == "comments" || l == "réagissez" || l == "add a comment"
        || (first.is_some_and(|w| w.ends_with('.') && w[..w.len() - 1].bytes().all(|b| b.is_ascii_digit()))
            && ["en ligne", "hors ligne", "офлайн", "онлайн", "offline", "online"].iter().any(|m| l.contains(m)))
}

/// A byline as the outline shows it, whatever the source (plain text, Markdown, HTML markup or
/// metadata): the names and agency, without the page's "By", "Par" or "Written by" before them.
/// Only the string: the byline block's span still covers the line as written.
pub fn byline_names(line: &str) -> &str {
    let t = line.trim();
    for prefix in ["written by", "écrit par", "by", "par"] {
        let Some(head) = t.get(..prefix.len()) else { continue };
        let rest = &t[prefix.len()..];
        if head.to_lowercase() == prefix && rest.starts_with(|c: char| c.is_whitespace() || c == ':') {
            let names = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
            if !names.is_empty() {
                return names;
            }
        }
    }
    t
}

/// `f.split(' ').count()`: the pieces of a folded line between single spaces.
fn word_count(f: &str) -> usize {
    f.bytes().filter(|&b| b == b' ').count() + 1
}

fn looks_like_byline(line: &str, f: &str) -> bool {
    let l = line.trim();
    let words = word_count(f);
    if f.is_empty() || words > 14 || l.ends_with('.') && !l.ends_with("Press.") {
        return false;
    }
    const AGENCIES: &[&str] = &["associated press", "(ap)", "afp", "reuters", "agence france-presse", "kyodo", "bloomberg"];
    (f.starts_with("par ") || f.starts_with("by ")) && words <= 10
        || (l.contains(',') && AGENCIES.iter().any(|a| f.ends_with(a)))
}

static SPEECH_VERBS: WordList = WordList::new(&[
    "déclaré", "ajouté", "affirmé", "souligné", "dit", "expliqué", "indiqué", "estimé", "précisé",
    "assuré", "averti", "insisté", "martelé", "confié", "poursuivi", "conclu", "noté", "rappelé",
    "répondu", "lancé", "déploré", "prévenu", "reconnu", "cite", "cité", "écrit", "annoncé",
    "said", "added", "told", "says", "stated", "noted", "warned", "explained", "wrote",
]);

fn is_attribution_line(line: &str, folded: &str) -> bool {
    if folded.is_empty() {
        return false;
    }
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—'));
    let dashed = t.len() < line.trim_start().len();
    let f = folded.trim_start_matches(['-', '–', '—', ' ']);
    let opens = f.starts_with("a ") || f.starts_with("ont ") || f.starts_with("cite ") || f.starts_with("said ")
        || f.starts_with("a-t-il") || f.starts_with("a-t-elle");
    // (Words counted only for the few lines that open like an attribution; one per space.)
    (dashed || opens) && word_count(f) <= 30 && f.split(' ').take(5).any(|w| SPEECH_VERBS.contains(&w))
}

/// Who a quotation is attributed to, before pronouns are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Attribution {
    Name(String),
    /// "a-t-il déclaré", "il a ajouté": the most recent speaker.
    Pronoun,
}

static PRESENT_VERBS: WordList = WordList::new(&[
    "déclare", "ajoute", "affirme", "souligne", "explique", "indique", "estime", "précise", "assure",
    "insiste", "poursuit", "conclut", "note", "rappelle", "répond", "lance", "prévient", "reconnaît",
    "cite", "écrit", "annonce", "dit", "says", "adds", "writes", "notes", "warns",
]);
static AUXILIARIES: WordList = WordList::new(&["a", "ont", "avait", "avaient", "aurait", "has", "had"]);
/// Words that may sit between the auxiliary, the verb and the speaker.
static ADVERBS: WordList = WordList::new(&[
    "également", "alors", "ensuite", "encore", "aussi", "enfin", "notamment", "plus", "tard", "déjà",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "récemment",
    "pourtant", "toutefois", "cependant", "then", "also", "later", "on", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",
]);
/// Titles before a name: "M. Stoltenberg", "le Premier ministre Fumio Kishida".
static TITLES: WordList = WordList::new(&[
    "M.", "Mme", "Mlle", "MM.", "Dr", "Dr.", "Pr", "Me", "Mgr", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.",
    "Premier", "Président", "Présidente", "President", "Prime", "Minister", "Secretary", "General",
    "Général", "Sir", "Lord", "Lady",
]);
static TITLE_NOUNS: WordList = WordList::new(&[
    "ministre", "président", "présidente", "secrétaire", "général", "générale", "professeur", "chef",
    "porte-parole", "directeur", "directrice", "ambassadeur", "ambassadrice", "général", "amiral",
    "chancelier", "chancelière", "roi", "reine", "pape", "sénateur", "député", "députée", "maire",
    "commissaire", "minister", "president", "secretary", "spokesperson", "spokesman", "professor",
    "chief", "director", "ambassador", "chancellor", "senator",
]);

/// `w.to_lowercase()`, borrowed when that changes nothing (most words read here).
fn lowercase(w: &str) -> Cow<'_, str> {
    let unchanged = |c: char| {
        if c.is_ascii() {
            return !c.is_ascii_uppercase();
        }
        // Latin-1's lowercase letters (and ÷) are their own lowercase: no table lookup.
        if ('\u{DF}'..='\u{FF}').contains(&c) {
            return true;
        }
        let mut l = c.to_lowercase();
        l.next() == Some(c) && l.next().is_none()
    };
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) || w.chars().all(unchanged) {
        Cow::Borrowed(w)
    } else if w.is_ascii() {
        Cow::Owned(w.to_ascii_lowercase())
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

fn is_speech_verb(w: &str) -> bool {
    let l = lowercase(w);
    SPEECH_VERBS.contains(&&*l) || PRESENT_VERBS.contains(&&*l)
}

fn has_pronoun_suffix(w: &str) -> bool {
    let l = lowercase(w);
    let l = if l.contains('’') { Cow::Owned(l.replace('’', "'")) } else { l };
    ["-t-il", "-t-elle", "-il", "-elle", "-ils", "-elles"].iter().any(|s| l.ends_with(s))
}

/// One word of an attribution clause, with the punctuation glued to it.
#[derive(Clone, Copy)]
struct Chunk<'a> {
    word: &'a str,
    /// A comma, period or other clause mark follows the word.
    comma_after: bool,
    stop_after: bool,
}

/// The chunks of a clause, split as they are read: most attributions are settled by their
/// first few words, and the text after a quotation runs on. Same chunks as splitting all
/// of `s` (up to `limit` characters) at once.
struct Chunks<'a> {
    s: &'a str,
    raws: Pieces<'a>,
    /// Chunks stop at this many characters of `s`.
    limit: usize,
    /// The byte offset of character `limit`, once a raw word reaches that far.
    cut: Option<usize>,
    done: Vec<Chunk<'a>>,
    finished: bool,
}

impl<'a> Chunks<'a> {
    fn new(s: &'a str, limit: usize) -> Chunks<'a> {
        Chunks { s, raws: Pieces { s, at: Some(0) }, limit, cut: None, done: Vec::with_capacity(16), finished: false }
    }

    /// Chunk `i`, when the clause has that many. (A chunk's marks are final once the next
    /// chunk is found: the punctuation between them is glued to it.)
    fn get(&mut self, i: usize) -> Option<Chunk<'a>> {
        while self.done.len() <= i.saturating_add(1) && !self.finished {
            self.step();
        }
        self.done.get(i).copied()
    }

    /// All the chunks.
    fn all(&mut self) -> &[Chunk<'a>] {
        while !self.finished {
            self.step();
        }
        &self.done
    }

    fn step(&mut self) {
        let Some(mut raw) = self.raws.next() else {
            self.finished = true;
            return;
        };
        let at = raw.as_ptr() as usize - self.s.as_ptr() as usize;
        // Character `limit` lies at byte `limit` or later: look for it only when a word gets there.
        if at + raw.len() > self.limit {
            let cut = *self.cut.get_or_insert_with(|| self.s.char_indices().nth(self.limit).map_or(self.s.len(), |(p, _)| p));
            if at >= cut {
                self.finished = true;
                return;
            }
            if at + raw.len() > cut {
                raw = &raw[..cut - at];
                self.finished = true;
            }
        }
        push_chunk(raw, &mut self.done);
    }
}

/// `s.split(char::is_whitespace)`, reading ASCII bytes without decoding them.
struct Pieces<'a> {
    s: &'a str,
    /// Where the next piece starts; None after the last.
    at: Option<usize>,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let start = self.at?;
        let bytes = self.s.as_bytes();
        let mut i = start;
        while i < bytes.len() {
            let b = bytes[i];
            let width = if b.is_ascii() {
                if matches!(b, b' ' | b'\t'..=b'\r') {
                    self.at = Some(i + 1);
                    return Some(&self.s[start..i]);
                }
                1
            } else {
                let c = self.s[i..].chars().next().unwrap_or(' ');
                if c.is_whitespace() {
                    self.at = Some(i + c.len_utf8());
                    return Some(&self.s[start..i]);
                }
                c.len_utf8()
            };
            i += width;
        }
        self.at = None;
        Some(&self.s[start..])
    }
}

/// Adds the chunk of one whitespace-separated piece of a clause to `out`.
fn push_chunk<'a>(raw: &'a str, out: &mut Vec<Chunk<'a>>) {
    let is_mark = |c: char| matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '«' | '»' | '“' | '”' | '"' | '(' | ')' | '–' | '—');
    // Most pieces are a bare word, marked at neither end: the piece is its word, with no marks
    // after it (no trim, no search of its tail). An end that is an ASCII letter or digit is no
    // mark without decoding it.
    let plain = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    let (first, last) = (raw.as_bytes().first(), raw.as_bytes().last());
    if !raw.is_empty() && (plain(first) || !raw.starts_with(is_mark)) && (plain(last) || !raw.ends_with(is_mark)) {
        out.push(Chunk { word: raw, comma_after: false, stop_after: false });
        return;
    }
    let word = raw.trim_matches(is_mark);
    // Keep the period of a title ("M.").
    // `word` lies inside `raw`: its offset, not a substring search (a searcher per word was
    // most of the quote attribution's cost). Same result: trimmed marks never start a word.
    let at = word.as_ptr() as usize - raw.as_ptr() as usize;
    // (The period must follow the word: "M»." once sliced inside the "»" and panicked.)
    let word = if raw.ends_with('.') && raw[at + word.len()..].starts_with('.') && is_title_with_period(word) { &raw[at..at + word.len() + 1] } else { word };
    let tail = &raw[at + word.len()..];
    if word.is_empty() {
        if let Some(last) = out.last_mut() {
            let last: &mut Chunk = last;
            last.comma_after |= raw.contains(',') || raw.contains('–') || raw.contains('—');
            last.stop_after |= raw.contains(['.', ';', '!', '?', '«', '“', '(']);
        }
        return;
    }
    out.push(Chunk {
        word,
        comma_after: tail.contains(',') || tail.contains(':'),
        stop_after: tail.contains(['.', ';', '!', '?', '(']) && !TITLES.contains(&word),
    });
}

/// `format!("{word}.")` is one of `TITLES`, without building it.
fn is_title_with_period(word: &str) -> bool {
    TITLES.words().iter().any(|t| t.strip_suffix('.') == Some(word))
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A person-like name starting at chunk `i`: capitalised words, titles dropped
/// ("M. Stoltenberg" → "Stoltenberg"), not an all-capitals acronym ("OTAN").
fn name_at(ch: &mut Chunks, mut i: usize) -> Option<String> {
    while ch.get(i).is_some_and(|c| TITLES.contains(&c.word) && !c.comma_after && !c.stop_after) {
        i += 1;
    }
    let mut words = Vec::new();
    while let Some(c) = ch.get(i).filter(|c| capitalised(c.word) && !c.word.contains(['\'', '’'])) {
        words.push(c.word);
        if c.comma_after || c.stop_after || words.len() == 4 {
            break;
        }
        i += 1;
    }
    let name = words.join(" ");
    let acronym = words.len() == 1 && name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && name.chars().count() <= 6
        && !name.chars().all(|c| c.is_uppercase() && c.is_alphabetic() && name.len() > 6);
    (!words.is_empty() && !acronym && !matches!(name.as_str(), "Il" | "Elle" | "Ils" | "Elles" | "He" | "She" | "They")).then_some(name)
}

/// The speaker in a noun phrase after the verb: an apposition ("le secrétaire général de
/// l'OTAN, Mark Rutte") or a name after a title noun ("du Premier ministre Fumio Kishida").
fn name_in_phrase(ch: &mut Chunks, from: usize) -> Option<String> {
    for i in from..from + 16 {
        let Some(c) = ch.get(i) else { break };
        if c.comma_after && ch.get(i + 1).is_some() {
            return name_at(ch, i + 1);
        }
        if c.stop_after || matches!(c.word, "dans" | "lors" | "qui" | "lorsqu" | "in" | "during" | "who") {
            return None;
        }
        if TITLE_NOUNS.contains(&&*lowercase(c.word)) {
            let mut j = i + 1;
            let cap_at = |ch: &mut Chunks, k: usize| ch.get(k).is_some_and(|c| capitalised(c.word));
            // "ministre japonais Fumio Kishida": skip one lowercase adjective.
            if ch.get(j).is_some_and(|n| !capitalised(n.word)) && !c.comma_after && cap_at(ch, j + 1) {
                j += 1;
            }
            if cap_at(ch, j) && !c.comma_after {
                if let Some(n) = name_at(ch, j) {
                    return Some(n);
                }
            }
        }
    }
    None
}

/// The attribution right after a quotation: ", a déclaré Stoltenberg", "», a-t-il déclaré",
/// "– a également souligné alors Kishida", "- cite … du Premier ministre Fumio Kishida",
/// ", Rutte said".
fn attribution_after(s: &str) -> Option<Attribution> {
    attribution_at(s).or_else(|| {
        // Later in the same sentence: "», par exemple dans les domaines maritime et aérien, a déclaré M. Stoltenberg".
        // Only commas in the first 200 bytes count, before the sentence ends: the first one
        // found, the sentence's end is looked for before it, and further only when it is
        // there (most text after a quotation has no comma, or a sentence end first).
        let first_comma = 1 + s.as_bytes().get(1..s.len().min(200))?.iter().position(|&c| c == b',')?;
        if sentence_end(&s[..first_comma]) < first_comma {
            return None;
        }
        let mut head = s.len().min(200);
        while !s.is_char_boundary(head) {
            head += 1;
        }
        let head_end = sentence_end(&s[..head]);
        let comma = |p: usize, c: u8| c == b',' && p > 0 && p < 200;
        let sentence = &s[..if head_end < head { head_end } else { sentence_end(s) }];
        sentence.bytes().enumerate().take_while(|&(p, _)| p < 200).filter(|&(p, c)| comma(p, c)).find_map(|(p, _)| attribution_at(&sentence[p + 1..]))
    })
}

/// Where the first sentence of `s` ends: at . ! ? or an opening quote, not after "M." or an initial.
/// (Read by bytes: « is C2 AB, “ is E2 80 9C.)
fn sentence_end(s: &str) -> usize {
    let b = s.as_bytes();
    for (p, &c) in b.iter().enumerate() {
        match c {
            b'!' | b'?' => return p,
            0xC2 if b.get(p + 1) == Some(&0xAB) => return p,
            0xE2 if b.get(p + 1..p + 3) == Some(&[0x80, 0x9C][..]) => return p,
            b'.' => {
                // The word before: the ASCII letters before the period, decoded only when a
                // non-ASCII character precedes them (and may be a letter of the word).
                let letters = b[..p].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
                let word = if p > letters && !b[p - letters - 1].is_ascii() {
                    s[..p].rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("")
                } else {
                    &s[p - letters..p]
                };
                let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                if !initial && !matches!(word, "M" | "MM" | "Mme" | "Mmes" | "Dr" | "Mr" | "Mrs" | "Ms" | "St" | "Pr" | "Me") {
                    return p;
                }
            }
            _ => {}
        }
    }
    s.len()
}

fn attribution_at(s: &str) -> Option<Attribution> {
    // The first 300 characters, split only as far as they are read.
    let ch = &mut Chunks::new(s, 300);
    let mut i = 0;
    // English, subject first: "Rutte said".
    if let Some(first) = ch.get(0).filter(|c| capitalised(c.word)) {
        let mut j = 0;
        while j < 4 && ch.get(j).is_some_and(|c| capitalised(c.word) && !is_speech_verb(c.word)) {
            j += 1;
        }
        if j > 0 && ch.get(j).is_some_and(|c| is_speech_verb(c.word) && c.word.chars().all(|c| c.is_lowercase())) {
            return name_at(ch, 0).map(Attribution::Name);
        }
        if matches!(first.word, "Il" | "Elle" | "He" | "She") && ch.get(1).is_some_and(|c| AUXILIARIES.contains(&c.word) || is_speech_verb(c.word)) {
            return Some(Attribution::Pronoun);
        }
    }
    let mut pronoun = false;
    if let Some(c) = ch.get(i) {
        let l = lowercase(c.word);
        if AUXILIARIES.contains(&&*l) {
            i += 1;
        } else if (l.starts_with("a-t-") || l.starts_with("ont-") || l.starts_with("avait-")) && has_pronoun_suffix(&l) {
            pronoun = true;
            i += 1;
        }
    }
    while ch.get(i).is_some_and(|c| ADVERBS.contains(&&*lowercase(c.word))) {
        i += 1;
    }
    let verb = ch.get(i)?;
    let verb_word = verb.word.split('-').next().unwrap_or("");
    if !is_speech_verb(verb_word) {
        return None;
    }
    if pronoun || has_pronoun_suffix(verb.word) {
        return Some(Attribution::Pronoun);
    }
    if verb.stop_after {
        return None;
    }
    i += 1;
    let mut skipped = 0;
    while skipped < 3 && ch.get(i).is_some_and(|c| ADVERBS.contains(&&*lowercase(c.word)) && !c.stop_after) {
        i += 1;
        skipped += 1;
    }
    let next = ch.get(i)?;
    if capitalised(next.word) {
        return name_at(ch, i).map(Attribution::Name);
    }
    if matches!(&*lowercase(next.word), "il" | "elle" | "he" | "she") {
        return Some(Attribution::Pronoun);
    }
    name_in_phrase(ch, i).map(Attribution::Name)
}

/// The attribution that introduces a quotation: "Stoltenberg a déclaré : « … »",
/// "il a déclaré qu'il n'y avait « aucun doute »".
fn attribution_before(s: &str) -> Option<Attribution> {
    // The current sentence only.
    let sentence = &s[sentence_start(s)..];
    // The verb and its subject are among the last words: those are split first (from a
    // whitespace on, a text splits into the same last chunks), all of the sentence only
    // when the search reaches the first of them.
    let tail = last_pieces(sentence, 12);
    if tail.len() < sentence.len() {
        if let Some(found) = speaker_before(tail, false) {
            return found;
        }
    }
    speaker_before(sentence, true).flatten()
}

/// Where the last sentence of `s` starts: after its last . ! ? » or ”, found by their last
/// byte (» is C2 BB, ” is E2 80 9D) rather than by decoding every character backwards.
fn sentence_start(s: &str) -> usize {
    let b = s.as_bytes();
    let mut end = b.len();
    while let Some(p) = b[..end].iter().rposition(|&c| matches!(c, b'.' | b'!' | b'?' | 0xBB | 0x9D)) {
        let mark = match b[p] {
            0xBB => p >= 1 && b[p - 1] == 0xC2,
            0x9D => p >= 2 && b[p - 2..p] == [0xE2, 0x80],
            _ => true,
        };
        if mark {
            return p + 1;
        }
        end = p;
    }
    0
}

/// The end of `s` after its `k`th whitespace from the end (all of `s` when it has fewer).
fn last_pieces(s: &str, k: usize) -> &str {
    let mut seen = 0;
    for (p, c) in s.char_indices().rev() {
        if c.is_whitespace() {
            seen += 1;
            if seen == k {
                return &s[p + c.len_utf8()..];
            }
        }
    }
    s
}

/// [`attribution_before`] read from the chunks of `s`, the end of the sentence (`whole`:
/// all of it). None when the answer would depend on the words before `s`.
fn speaker_before(s: &str, whole: bool) -> Option<Option<Attribution>> {
    let mut chunks = Chunks::new(s, usize::MAX);
    let ch = chunks.all();
    let n = ch.len();
    if !whole && n < 8 {
        return None;
    }
    let Some(v) = (n.saturating_sub(8)..n).rev().find(|&k| is_speech_verb(ch[k].word)) else { return Some(None) };
    let mut k = v;
    while k > 0 && ADVERBS.contains(&&*lowercase(ch[k - 1].word)) {
        k -= 1;
    }
    if k > 0 && AUXILIARIES.contains(&ch[k - 1].word) {
        k -= 1;
    }
    if !whole && k == 0 {
        return None;
    }
    let Some(subj) = k.checked_sub(1) else { return Some(None) };
    let w = ch[subj].word;
    if matches!(w, "il" | "elle" | "Il" | "Elle" | "he" | "she" | "He" | "She") {
        return Some(Some(Attribution::Pronoun));
    }
    if !capitalised(w) {
        return Some(None);
    }
    let mut first = subj;
    while first > 0 && capitalised(ch[first - 1].word) && !ch[first - 1].comma_after && subj - first < 3 {
        first -= 1;
    }
    if !whole && first == 0 {
        return None;
    }
    Some(name_at(&mut chunks, first).map(Attribution::Name))
}

fn resolve(a: Option<Attribution>, last: &mut Option<String>) -> Option<String> {
    match a? {
        Attribution::Name(n) => {
            *last = Some(n.clone());
            Some(n)
        }
        Attribution::Pronoun => last.clone(),
    }
}

/// The first byte at or after `from` that may start a quotation mark ('"', 0xC2, 0xE2), or
/// `bytes.len()`: eight bytes at a time, by the classic test for a zero byte in `x ^ needle`
/// (its lowest flagged byte is always a real match).
fn next_mark_byte(bytes: &[u8], mut from: usize) -> usize {
    while let Some(chunk) = bytes.get(from..from + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // The three bytes end in the same five bits (0x02): one test passes most words.
        if zero_bytes((x & ONES * 0x1F) ^ ONES * 0x02) == 0 {
            from += 8;
            continue;
        }
        let found = zero_bytes(x ^ ONES * u64::from(b'"')) | zero_bytes(x ^ ONES * 0xC2) | zero_bytes(x ^ ONES * 0xE2);
        if found != 0 {
            return from + found.trailing_zeros() as usize / 8;
        }
        from += 8;
    }
    let rest = &bytes[from.min(bytes.len())..];
    from + rest.iter().position(|b| matches!(b, b'"' | 0xC2 | 0xE2)).unwrap_or(rest.len())
}

fn is_opener(c: char) -> bool {
    matches!(c, '«' | '“' | '„')
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '”')
}

/// Finds quotations inside one block: « … », “ … ”, " … ". Marks may be mismatched, as in
/// pasted text: any closing mark closes any opening one, and an opening « followed by a
/// comma closes too. Only outermost quotations are kept. A closing mark with no opening
/// one, followed by an attribution, quotes the block from its start (a truncated paste).
fn find_quotes(text: &str, block: Span, last_speaker: &mut Option<String>, out: &mut Vec<Quote>) {
    let s = block.of(text);
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut seen_quote = false;
    // Only quotation marks matter: find them by their first byte ('"', or the lead byte of
    // « » (0xC2) and “ ” „ (0xE2)) instead of decoding every character.
    let bytes = s.as_bytes();
    let mut from = 0;
    while from < bytes.len() {
        let i = next_mark_byte(bytes, from);
        if i >= bytes.len() {
            break;
        }
        from = i + 1;
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else { continue };
        if !matches!(c, '"' | '«' | '»' | '“' | '”' | '„') {
            continue;
        }
        let after = &s[i + c.len_utf8()..];
        let closes = if c == '"' {
            stack.last().is_some_and(|&(_, o)| o == '"')
        } else {
            is_closer(c) || c == '«' && !stack.is_empty() && after.trim_start_matches([' ', '\u{A0}', '\u{202F}']).starts_with(',')
        };
        if closes {
            let Some((open_at, opener)) = stack.pop() else {
                if !seen_quote {
                    if let Some(a) = attribution_after(after) {
                        let span = trim_span(text, Span::new(block.start, block.start + i));
                        if span.len() >= 2 {
                            let speaker = resolve(Some(a), last_speaker);
                            out.push(Quote { span, speaker });
                            seen_quote = true;
                        }
                    }
                }
                continue;
            };
            if !stack.is_empty() {
                continue;
            }
            seen_quote = true;
            let span = trim_span(text, Span::new(block.start + open_at, block.start + i));
            if span.len() >= 2 && span.of(text).chars().any(char::is_alphabetic) {
                let before = || attribution_before(&s[..open_at - opener.len_utf8()]);
                let a = match attribution_after(after) {
                    // "X a déclaré que « … », a-t-il ajouté": the name beats the pronoun.
                    Some(Attribution::Pronoun) => before().filter(|b| matches!(b, Attribution::Name(_))).or(Some(Attribution::Pronoun)),
                    None => before(),
                    named => named,
                };
                let speaker = resolve(a, last_speaker);
                out.push(Quote { span, speaker });
            }
        } else if is_opener(c) || c == '"' {
            if stack.len() < 8 {
                stack.push((i + c.len_utf8(), c));
            }
        }
    }
}

fn strip_date_prefix(text: &str, title: Span) -> (Span, Option<String>) {
    let s = title.of(text);
    let lead = s.len() - s.trim_start().len();
    let t = s.trim_start();
    for key in ["date ", "Date ", "Date: ", "date: "] {
        if let Some(rest) = t.strip_prefix(key) {
            let token: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
            if is_iso_date(&token) {
                let consumed = lead + key.len() + token.len();
                let after = &s[consumed..];
                let skip = after.len() - after.trim_start().len();
                return (Span::new(title.start + consumed + skip, title.end), Some(token));
            }
        }
    }
    (title, None)
}

/// "2023", "2023-01" or "2023-01-17".
pub fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let ok_len = matches!(parts.as_slice(), [y] if y.len() == 4)
        || matches!(parts.as_slice(), [y, m] if y.len() == 4 && m.len() == 2)
        || matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2);
    ok_len && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && parts.get(1).is_none_or(|m| (1..=12).contains(&m.parse::<u32>().unwrap_or(0)))
        && parts.get(2).is_none_or(|d| (1..=31).contains(&d.parse::<u32>().unwrap_or(0)))
}

/// A first line is a headline unless it reads as body text: long, or several sentences.
fn looks_like_title(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let sentences = line.match_indices(". ").filter(|(p, _)| line[p + 2..].starts_with(|c: char| c.is_uppercase())).count();
    words <= 30 && sentences == 0
}

/// "Défense nationale : le Japon …" → kicker "Défense nationale".
fn kicker_of(text: &str, title: Span) -> Option<Span> {
    let s = title.of(text);
    let colon = s.find(" : ").or_else(|| s.find(": "))?;
    let head = &s[..colon];
    let words = head.split_whitespace().count();
    (words >= 1 && words <= 4 && head.starts_with(|c: char| c.is_uppercase()))
        .then(|| trim_span(text, Span::new(title.start, title.start + colon)))
}

/// "TOKYO (AP) –" at the start of a block.
fn dateline_of(text: &str, block: Span) -> Option<Span> {
    let s = block.of(text);
    let head: String = s.chars().take(60).collect();
    let paren = head.find(") ")?;
    let open = head[..paren].rfind('(')?;
    let city = head[..open].trim();
    if city.is_empty() || city.chars().any(|c| c.is_lowercase()) || !city.chars().any(char::is_alphabetic) {
        return None;
    }
    let rest = &head[paren + 2..];
    let dash = rest.chars().next().filter(|c| matches!(c, '–' | '—' | '-'))?;
    Some(Span::new(block.start, block.start + paren + 2 + dash.len_utf8()))
}

impl Document {
    /// Parses plain text (or text already extracted from HTML/Markdown).
    pub fn parse_text(text: String) -> Document {
        Document::parse_with_hints(text, &[])
    }

    /// Parses text whose structure is partly known (from HTML or Markdown): `hints` give the
    /// kind of blocks by span, sorted and disjoint. Title, byline and boilerplate hints are
    /// final (HTML keeps the page around the article as boilerplate); a line inside a heading,
    /// list item or quote hint takes that kind unless a text rule marks it as boilerplate.
    pub fn parse_with_hints(text: String, hints: &[(Span, BlockKind)]) -> Document {
        let mut doc = Document { text, ..Document::default() };
        doc.build_blocks(hints);
        doc.tokenize();
        doc
    }

    fn build_blocks(&mut self, hints: &[(Span, BlockKind)]) {
        let text = &self.text;
        let raw: Vec<Span> = lines(text).into_iter().map(|l| trim_span(text, l)).collect();
        // Paragraphs: one per non-empty line (pasted news uses one line per paragraph),
        // except hard-wrapped text, where consecutive lines join.
        let non_empty: Vec<Span> = raw.iter().copied().filter(|s| !s.is_empty()).collect();
        let wrapped = non_empty.len() >= 6 && {
            // (A line has 50 to 100 characters only if it has 50 to 400 bytes: most lines
            // are not counted.)
            let mid = non_empty.iter().filter(|s| (50..=400).contains(&s.len()) && (50..=100).contains(&s.of(text).chars().count())).count();
            let open_end = non_empty.iter().filter(|s| !s.of(text).ends_with(['.', '!', '?', '»', '"', '”', ':'])).count();
            mid * 10 >= non_empty.len() * 6 && open_end * 2 >= non_empty.len()
        };
        let mut paras: Vec<Span> = Vec::new();
        let mut prev_empty = true;
        for s in raw {
            if s.is_empty() {
                prev_empty = true;
                continue;
            }
            match paras.last_mut() {
                Some(last) if wrapped && !prev_empty => last.end = s.end,
                _ => paras.push(s),
            }
            prev_empty = false;
        }

        // A hint's kind, per paragraph. Boilerplate, byline and title hints (from HTML: the page
        // around the article) are final; the text rules below apply to the rest.
        let mut next_hint = 0;
        let para_hints: Vec<Option<BlockKind>> = paras.iter().map(|p| {
            while next_hint < hints.len() && hints[next_hint].0.end <= p.start {
                next_hint += 1;
            }
            hints.get(next_hint).filter(|(h, _)| h.contains(p)).map(|&(_, k)| k)
        }).collect();
        let is_page_chrome = |h: Option<BlockKind>| matches!(h, Some(BlockKind::Boilerplate | BlockKind::Byline));
        let titled_by_hint = hints.iter().any(|h| h.1 == BlockKind::Title);
        // Position among the paragraphs that are the text's own (not page chrome): bylines sit
        // near the start or the end of those.
        let content_total = para_hints.iter().filter(|h| !is_page_chrome(**h)).count();
        let mut content_index = 0;

        let mut blocks: Vec<Block> = Vec::with_capacity(paras.len());
        let mut title_fold = None;
        let mut in_comments = false;
        for (i, &p) in paras.iter().enumerate() {
            let mut p = p;
            let line = p.of(text);
            let hint = para_hints[i];
            if let Some(kind @ (BlockKind::Boilerplate | BlockKind::Byline)) = hint {
                blocks.push(Block { kind, span: p });
                continue;
            }
            let ci = content_index;
            content_index += 1;
            // (Not folded in a comment section, whose lines the fold would not decide.)
            let near_ends = ci + 3 >= content_total || ci <= 2;
            let fold = line.len() <= 400 && !in_comments && (near_ends || fold_may_matter(line, title_fold.as_deref()));
            let folded = if fold { fold_for_compare(line) } else { String::new() };
            let first_line = if titled_by_hint { hint == Some(BlockKind::Title) && self.title.is_none() } else { i == 0 && looks_like_title(line) };
            let kind = if first_line {
                let (title, date) = strip_date_prefix(text, p);
                if title.start > p.start {
                    // " date 2023-01 " glued to the headline: metadata, its own block.
                    blocks.push(Block { kind: BlockKind::Boilerplate, span: trim_span(text, Span::new(p.start, title.start)) });
                    p = title;
                }
                self.title = Some(title);
                self.date = date;
                self.kicker = kicker_of(text, title);
                title_fold = Some(fold_for_compare(title.of(text)));
                BlockKind::Title
            } else if in_comments || starts_comments(&folded) {
                in_comments = true;
                BlockKind::Boilerplate
            } else if title_fold.as_deref().is_some_and(|t| *t == folded)
                || is_pagination(line) || is_photo_credit(&folded) || is_contributor_credit(&folded)
            {
                BlockKind::Boilerplate
            } else if near_ends && looks_like_byline(line, &folded) {
                if self.byline.is_none() {
                    self.byline = Some(byline_names(line).to_string());
                }
                BlockKind::Byline
            } else if is_attribution_line(line, &folded) && blocks.last().is_some_and(|b: &Block| b.kind.is_content() && b.kind != BlockKind::Title) {
                if let Some(prev) = blocks.last_mut() {
                    prev.kind = BlockKind::Quote;
                }
                BlockKind::Attribution
            } else if let Some(hinted) = hint.filter(|&k| k != BlockKind::Title) {
                hinted
            } else if line.starts_with('#') {
                BlockKind::Heading
            } else if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("• ") {
                BlockKind::ListItem
            } else {
                BlockKind::Paragraph
            };
            blocks.push(Block { kind, span: p });
        }
        if self.date.is_none() {
            self.date = self.date_near_top(&mut blocks);
        }
        if let Some(lead) = blocks.iter_mut().find(|b| b.kind == BlockKind::Paragraph) {
            lead.kind = BlockKind::Lead;
            self.dateline = dateline_of(text, lead.span);
        }
        // Block quotes: the quote is the whole block, the speaker is in the attribution line.
        let mut last_speaker = None;
        for w in 0..blocks.len() {
            if blocks[w].kind == BlockKind::Quote {
                let attr = blocks.get(w + 1).filter(|b| b.kind == BlockKind::Attribution).map(|b| b.span);
                let a = attr.and_then(|a| attribution_after(a.of(text).trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—'))));
                let speaker = resolve(a, &mut last_speaker);
                self.quotes.push(Quote { span: blocks[w].span, speaker });
            } else if blocks[w].kind.is_content() && blocks[w].kind != BlockKind::Title {
                find_quotes(text, blocks[w].span, &mut last_speaker, &mut self.quotes);
            }
        }
        self.blocks = blocks;
    }

    fn tokenize(&mut self) {
        // News has a token per 5.1-5.3 bytes (words, punctuation): room for all of them at
        // once, rather than a list grown by doubling, each time copied (1 % of a 1 MB analysis in V8).
        self.tokens.reserve(self.text.len() / 5);
        for b in &self.blocks {
            if !b.kind.is_content() {
                continue;
            }
            // The title's date prefix and a dateline are metadata, not words.
            let mut span = b.span;
            if b.kind == BlockKind::Title {
                if let Some(t) = self.title {
                    span = t;
                }
            }
            if let Some(d) = self.dateline.filter(|d| span.contains(d)) {
                span.start = d.end;
            }
            let first = self.tokens.len();
            text::tokenize(&self.text, span, &mut self.tokens);
            text::sentences(&self.text, &self.tokens, (first, self.tokens.len()), &mut self.sentences);
        }
    }

    /// The article's date when the text gives one at its top: a short line right after the
    /// title ("12 décembre 2022", "Publié le 3 mars 2024 à 10h", "March 3, 2024") or in a byline.
    /// Such a line becomes a byline block (metadata, not body). Dates in the body or in a
    /// comment section are not the article's.
    fn date_near_top(&self, blocks: &mut [Block]) -> Option<String> {
        let text = &self.text;
        let title_at = blocks.iter().position(|b| b.kind == BlockKind::Title)?;
        for b in blocks.iter_mut().skip(title_at + 1).filter(|b| b.kind != BlockKind::Boilerplate).take(3) {
            let line = b.span.of(text);
            let words = line.split_whitespace().count();
            let candidate = b.kind == BlockKind::Byline || matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading) && words <= 12;
            if !candidate || b.kind == BlockKind::Boilerplate {
                continue;
            }
            let iso = line.split_whitespace().find_map(|w| {
                let d: String = w.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
                (d.len() >= 7 && is_iso_date(&d)).then_some(d)
            });
            if let Some(d) = iso.or_else(|| date_in_words(line).map(|(d, _)| d)) {
                if b.kind != BlockKind::Byline {
                    b.kind = BlockKind::Byline;
                }
                return Some(d);
            }
        }
        None
    }

    /// Content blocks (not boilerplate, not byline).
    pub fn content_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| b.kind.is_content())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mark_bytes_are_found_as_by_a_plain_scan() {
        let text = "Il a dit à Bob « oui », puis “non” et \"peut-être\" ; l’été 2€ à Séoul, Ça ! ¡Olé! „x“ ".repeat(3);
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() {
            let plain = (from..bytes.len()).find(|&i| matches!(bytes[i], b'"' | 0xC2 | 0xE2)).unwrap_or(bytes.len());
            assert_eq!(next_mark_byte(bytes, from), plain, "from {from}");
        }
    }

    #[test]
    fn has_finds_what_contains_finds_in_either_case() {
        let line = "les Commentaires de cCONTRIBUteurs, comment-contribu Cc COMMENT";
        let lower = line.to_ascii_lowercase();
        for p in 0..=line.len() {
            for needle in ["comment", "contribu", "c", "cc", "ment", "comment!", "ccontributeurs,"] {
                assert_eq!(has(&line[p..], needle), lower[p..].contains(needle), "{needle:?} in {:?}", &line[p..]);
            }
            assert_eq!(next_byte(line.as_bytes(), p, b'c', 0), line[p..].find('c').map_or(line.len(), |i| p + i));
            assert_eq!(next_byte(line.as_bytes(), p, b'c', 0x20), lower[p..].find('c').map_or(line.len(), |i| p + i));
        }
    }

    /// The ASCII runs of `fold_for_compare` give what folding each character does.
    #[test]
    fn fold_for_compare_matches_the_character_by_character_fold() {
        let reference = |s: &str| {
            let mapped: String = s.chars().map(|c| match c {
                '’' | 'ʼ' | '‘' => '\'',
                '«' | '»' | '“' | '”' => '"',
                c if c.is_whitespace() => ' ',
                c => c,
            }).collect();
            mapped.split(' ').filter(|w| !w.is_empty()).map(str::to_lowercase).collect::<Vec<_>>().join(" ")
        };
        for s in ["", "   ", " L’OTAN  a\tDIT «\u{A0}Non\u{A0}» ", "ÉTÉ\u{b}x\u{c}y\r\nZ\u{1c}W", "Ünïcode MIXED ascii: “Quoted” ‘x’ ʼy", "trailing \u{2003}",
            "Ça  va, À \t l'ÉTÉ ß ÿ ÷ Ÿ x ", "a b  c\u{A0}d e\u{2019}f g",
            "été à l'école é ü\u{A0}ö Þþ Ÿÿ éÉ Ã©  ©é\u{2003}é ß", "é", " é ", "x\u{C3}",
            "Les Dix Mots, un  essai! Quatre Mots!! x  y\tZ ab cd ef gh ij kl mn op \u{7f}\u{1}ABCDEFGHIJ  KLMNOPQRST é", "        abcdefgh  ", "abcdefg hijklmno p"] {
            // (Every suffix: the eight-byte steps start at every alignment.)
            for p in (0..=s.len()).filter(|&p| s.is_char_boundary(p)) {
                assert_eq!(fold_for_compare(&s[p..]), reference(&s[p..]), "{:?}", &s[p..]);
            }
        }
    }

    #[test]
    fn pieces_and_sentence_ends_read_by_bytes() {
        let texts = ["", " ", "a", "a b", "  a\u{A0}b\u{2003} c\t\td\u{3000}e\u{85}f\u{2028}", "été, “oui” « non » M. X. Dr. Y! z? w", "é.", "«", "a.b“",
            "É. Éa. aÉ. Ωmega. Mme. 3M. (M. x.M. Été. MM! \u{1680}x\u{205F}y\u{B}z\u{C}\u{1C}"];
        for s in texts {
            assert_eq!(Pieces { s, at: Some(0) }.collect::<Vec<_>>(), s.split(char::is_whitespace).collect::<Vec<_>>(), "{s:?}");
            let chars = || {
                for (p, c) in s.char_indices() {
                    match c {
                        '!' | '?' | '«' | '“' => return p,
                        '.' => {
                            let word = s[..p].rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
                            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                            if !initial && !matches!(word, "M" | "MM" | "Mme" | "Mmes" | "Dr" | "Mr" | "Mrs" | "Ms" | "St" | "Pr" | "Me") {
                                return p;
                            }
                        }
                        _ => {}
                    }
                }
                s.len()
            };
            assert_eq!(sentence_end(s), chars(), "{s:?}");
        }
    }

    #[test]
    fn sentence_start_is_after_the_last_mark() {
        for s in ["", "Il a dit", "Fin. Il a dit", "« Oui » il a dit", "“Non” et ”x", "a! b? c", "été» ou ”", "x\u{BB}", "\u{2019}\u{201D}y", "é.»”"] {
            let want = s.rfind(['.', '!', '?', '»', '”']).map_or(0, |p| p + s[p..].chars().next().map_or(1, char::len_utf8));
            assert_eq!(sentence_start(s), want, "{s:?}");
        }
    }

    /// Attributions read from the sentence's last words are those read from all of it.
    #[test]
    fn attribution_before_long_sentences() {
        let doc = Document::parse_text("Titre\n\nLors de la conférence de presse tenue hier soir à Tokyo devant les journalistes, le Premier ministre Fumio Kishida a déclaré : « Nous sommes prêts ».".into());
        assert_eq!(doc.quotes[0].speaker.as_deref(), Some("Fumio Kishida"));
        let words = "un deux trois quatre cinq six sept huit neuf dix onze douze treize";
        let s = format!("{words} Mark Rutte a également déclaré alors ");
        assert_eq!(attribution_before(&s), speaker_before(&s, true).flatten());
        assert_eq!(attribution_before(&s), Some(Attribution::Name("Mark Rutte".into())));
        let s = format!("{words} Jean Paul Marie Rutte a déclaré ");
        assert_eq!(attribution_before(&s), speaker_before(&s, true).flatten());
    }

    #[test]
    fn title_date_prefix_and_repeats() {
        let doc = Document::parse_text(" date 2023-01 Le titre\n\n1/5\n\nTexte du corps.\n\nLe titre".into());
        assert_eq!(doc.title.unwrap().of(&doc.text), "Le titre");
        assert_eq!(doc.date.as_deref(), Some("2023-01"));
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, vec![BlockKind::Boilerplate, BlockKind::Title, BlockKind::Boilerplate, BlockKind::Lead, BlockKind::Boilerplate]);
        assert_eq!(doc.blocks[0].span.of(&doc.text), "date 2023-01");
    }

    #[test]
    fn lazy_chunks_are_the_chunks_of_the_first_characters() {
        let long = "é, a déclaré M. Stoltenberg. ".repeat(20);
        for text in ["", "  a dit ,  Rutte ", "« a-t-il ajouté » – M.", long.as_str(), &long[..298], &long[..301]] {
            for limit in [0, 1, 5, 299, 300, 301, usize::MAX] {
                let cut = text.char_indices().nth(limit).map_or(text.len(), |(p, _)| p);
                let mut eager = Vec::new();
                for raw in text[..cut].split(char::is_whitespace) {
                    push_chunk(raw, &mut eager);
                }
                let mut lazy = Chunks::new(text, limit);
                let first = lazy.get(1).map(|c| (c.word, c.comma_after, c.stop_after));
                assert_eq!(first, eager.get(1).map(|c| (c.word, c.comma_after, c.stop_after)));
                let got: Vec<_> = lazy.all().iter().map(|c| (c.word, c.comma_after, c.stop_after)).collect();
                let want: Vec<_> = eager.iter().map(|c| (c.word, c.comma_after, c.stop_after)).collect();
                assert_eq!(got, want, "{limit} {text:?}");
            }
        }
    }

    #[test]
    fn quotes_and_speakers() {
        let doc = Document::parse_text("Titre\n\n« Notre monde est lié », a ajouté Rutte.".into());
        assert_eq!(doc.quotes.len(), 1);
        assert_eq!(doc.quotes[0].span.of(&doc.text), "Notre monde est lié");
        assert_eq!(doc.quotes[0].speaker.as_deref(), Some("Rutte"));
    }

    #[test]
    fn title_before_a_closing_mark_keeps_char_boundaries() {
        // "M»." used to slice the title's period inside "»".
        let doc = Document::parse_text("Titre\n\n« Bonjour à tous », a déclaré M».".into());
        assert_eq!(doc.quotes.len(), 1);
        assert_eq!(doc.quotes[0].span.of(&doc.text), "Bonjour à tous");
    }

    #[test]
    fn dateline_and_byline() {
        let doc = Document::parse_text("Titre\n\nTOKYO (AP) – Le chef est là.\n\nAutre.\n\nMari Yamaguchi et Haruka Nuga, The Associated Press".into());
        assert_eq!(doc.dateline.unwrap().of(&doc.text), "TOKYO (AP) –");
        assert_eq!(doc.byline.as_deref(), Some("Mari Yamaguchi et Haruka Nuga, The Associated Press"));
    }

    #[test]
    fn byline_names_without_the_prefix() {
        for (line, names) in [("Par Jeanne Martin, AFP", "Jeanne Martin, AFP"), ("By JOHN SMITH", "JOHN SMITH"), ("by: Jane Doe", "Jane Doe"),
            ("Written by Rob Ewaschuk", "Rob Ewaschuk"), ("Écrit par  Luc", "Luc"), ("Bylines Inc", "Bylines Inc"), ("Parisot Jean", "Parisot Jean"), ("By", "By")] {
            assert_eq!(byline_names(line), names);
        }
        let doc = Document::parse_text("Titre

Par Jeanne Martin, AFP

Le texte commence ici, et il continue.".into());
        assert_eq!(doc.byline.as_deref(), Some("Jeanne Martin, AFP"));
        let block = doc.blocks.iter().find(|b| b.kind == BlockKind::Byline).unwrap();
        assert_eq!(block.span.of(&doc.text), "Par Jeanne Martin, AFP", "the span keeps the line as written");
    }
}

const MONTHS: &[(&str, u32)] = &[
    ("janvier", 1), ("janv", 1), ("février", 2), ("fevrier", 2), ("févr", 2), ("fevr", 2), ("mars", 3),
    ("avril", 4), ("avr", 4), ("mai", 5), ("juin", 6), ("juillet", 7), ("juil", 7), ("août", 8),
    ("aout", 8), ("septembre", 9), ("octobre", 10), ("novembre", 11), ("décembre", 12), ("decembre", 12),
    ("déc", 12), ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3),
    ("april", 4), ("apr", 4), ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7),
    ("august", 8), ("aug", 8), ("september", 9), ("sept", 9), ("sep", 9), ("october", 10), ("oct", 10),
    ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
];

fn month_of(word: &str) -> Option<u32> {
    let l = word.to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == l).map(|&(_, n)| n)
}

fn day_of(word: &str) -> Option<u32> {
    let w = word.strip_suffix("er").or_else(|| word.strip_suffix("st")).or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd")).or_else(|| word.strip_suffix("th")).unwrap_or(word);
    (w.len() <= 2 && !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok()).flatten().filter(|d| (1..=31).contains(d))
}

fn year_of(word: &str) -> Option<u32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())).then(|| word.parse().ok()).flatten().filter(|y| (1800..=2200).contains(y))
}

/// The first date written in words in `s`: "12 décembre 2022", "1er mars 2024", "March 3, 2024",
/// "3 March 2024", "Tue, 05 May 2015", or a month and year ("mars 2024" → "2024-03").
/// Returns the ISO date and the byte span of the words it was read from.
pub fn date_in_words(s: &str) -> Option<(String, Span)> {
    let mut words2: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            words2.push((st, &s[st..i]));
        }
    }
    if let Some(st) = start {
        words2.push((st, &s[st..]));
    }
    for (k, &(at, w)) in words2.iter().enumerate() {
        let Some(m) = month_of(w) else { continue };
        let prev = k.checked_sub(1).map(|j| words2[j]);
        let next = words2.get(k + 1).copied();
        let next2 = words2.get(k + 2).copied();
        let end_of = |(p, w): (usize, &str)| p + w.len();
        // Day Month Year
        if let (Some(pd), Some(ny)) = (prev, next) {
            if let (Some(d), Some(y)) = (day_of(pd.1), year_of(ny.1)) {
                return Some((format!("{y:04}-{m:02}-{d:02}"), Span::new(pd.0, end_of(ny))));
            }
        }
        // Month Day, Year
        if let (Some(nd), Some(ny)) = (next, next2) {
            if let (Some(d), Some(y)) = (day_of(nd.1), year_of(ny.1)) {
                return Some((format!("{y:04}-{m:02}-{d:02}"), Span::new(at, end_of(ny))));
            }
        }
        // Month Year (a short month name alone is too ambiguous: "mar", "may")
        if let Some(ny) = next {
            if let Some(y) = year_of(ny.1) {
                if w.len() >= 4 || w.chars().next().is_some_and(char::is_uppercase) {
                    return Some((format!("{y:04}-{m:02}"), Span::new(at, end_of(ny))));
                }
            }
        }
    }
    None
}
