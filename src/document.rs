//! Article structure over plain text: title, kicker, date, byline, dateline,
//! lead, paragraphs, quotes with speakers, and boilerplate. Boilerplate is
//! marked, never deleted, so every offset still points into the original text.

use serde::Serialize;

use crate::span::Span;
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

/// Normalises for comparing lines: lowercase, one kind of apostrophe and quote, single spaces.
pub fn fold_for_compare(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
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
        out.extend(c.to_lowercase());
    }
    out
}

/// Lines as (span without line terminator, trimmed span).
fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            out.push(Span::new(start, i));
            start = i + 1;
        }
    }
    out.push(Span::new(start, text.len()));
    out
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
    let mut parts = t.split('/');
    matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None)
        if !a.trim().is_empty() && !b.trim().is_empty()
        && a.trim().bytes().all(|c| c.is_ascii_digit()) && b.trim().bytes().all(|c| c.is_ascii_digit()))
}

fn strip_bullet(line: &str) -> &str {
    line.trim_start().trim_start_matches(['•', '·', '▪', '*']).trim_start()
}

fn is_photo_credit(line: &str) -> bool {
    let l = fold_for_compare(strip_bullet(line));
    ["photo", "photos", "crédit", "credit", "image", "illustration", "©"].iter().any(|p| l.starts_with(p))
        && (l.contains(':') || l.starts_with('©') || l.contains("©"))
        || l.starts_with('©')
}

fn is_contributor_credit(line: &str) -> bool {
    let l = fold_for_compare(line);
    l.contains("a contribué à ce rapport") || l.contains("ont contribué à ce rapport")
        || l.contains("contributed to this report") || l.contains("contributed reporting")
}

/// Start of a reader-comment section: everything from here on is boilerplate.
fn starts_comments(line: &str) -> bool {
    let l = fold_for_compare(line);
    let words: Vec<&str> = l.split(' ').collect();
    if words.len() == 2 && words[0].bytes().all(|b| b.is_ascii_digit())
        && matches!(words[1], "commentaire" | "commentaires" | "comment" | "comments" | "réactions" | "réaction")
    {
        return true;
    }
    l.contains("pour laisser des commentaires") || l.contains("pour commenter") || l.starts_with("cher lecteur")
        || l.contains("to leave a comment") || l.contains("log in to comment") || l.starts_with("commentaires")
        || l == "comments" || l == "réagissez" || l == "add a comment"
        || (words.first().is_some_and(|w| w.ends_with('.') && w[..w.len() - 1].bytes().all(|b| b.is_ascii_digit()))
            && ["en ligne", "hors ligne", "офлайн", "онлайн", "offline", "online"].iter().any(|m| l.contains(m)))
}

fn looks_like_byline(line: &str) -> bool {
    let l = line.trim();
    let words = l.split_whitespace().count();
    if words == 0 || words > 14 || l.ends_with('.') && !l.ends_with("Press.") {
        return false;
    }
    let f = fold_for_compare(l);
    const AGENCIES: &[&str] = &["associated press", "(ap)", "afp", "reuters", "agence france-presse", "kyodo", "bloomberg"];
    (f.starts_with("par ") || f.starts_with("by ")) && words <= 10
        || (l.contains(',') && AGENCIES.iter().any(|a| f.ends_with(a)))
}

const SPEECH_VERBS: &[&str] = &[
    "déclaré", "ajouté", "affirmé", "souligné", "dit", "expliqué", "indiqué", "estimé", "précisé",
    "assuré", "averti", "insisté", "martelé", "confié", "poursuivi", "conclu", "noté", "rappelé",
    "répondu", "lancé", "déploré", "prévenu", "reconnu", "cite", "cité", "écrit", "annoncé",
    "said", "added", "told", "says", "stated", "noted", "warned", "explained", "wrote",
];

fn is_attribution_line(line: &str) -> bool {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—'));
    let dashed = t.len() < line.trim_start().len();
    let f = fold_for_compare(t);
    let words = f.split(' ').count();
    let opens = f.starts_with("a ") || f.starts_with("ont ") || f.starts_with("cite ") || f.starts_with("said ")
        || f.starts_with("a-t-il") || f.starts_with("a-t-elle");
    words <= 30 && (dashed || opens) && SPEECH_VERBS.iter().any(|v| f.split(' ').take(5).any(|w| w == *v))
}

/// The speaker named after a speech verb: "a déclaré Stoltenberg", "a ajouté Rutte",
/// "a déclaré le secrétaire général de l'OTAN, Mark Rutte", "cite … du Premier ministre Fumio Kishida".
pub fn speaker_after(text: &str, from: usize, limit: usize) -> Option<String> {
    let window = text.get(from..limit.min(text.len()))?;
    let f = window.to_lowercase();
    let verb_at = SPEECH_VERBS.iter().filter_map(|v| find_word(&f, v).map(|p| p + v.len())).min()?;
    if verb_at > 60 {
        return None;
    }
    // The clause after the verb, to the end of the sentence.
    let clause = &window[verb_at.min(window.len())..];
    let clause = clause.split(['.', ';', '\n', '!', '?']).next().unwrap_or("");
    last_capitalised_run(clause)
}

fn find_word(hay: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = hay[from..].find(word) {
        let at = from + p;
        let before = hay[..at].chars().next_back();
        let after = hay[at + word.len()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// The last run of capitalised words in `s`, e.g. "Mark Rutte" in "le secrétaire général de l'OTAN, Mark Rutte".
fn last_capitalised_run(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < words.len() {
        if words[i].starts_with(|c: char| c.is_uppercase()) && !words[i].contains(['\'', '’']) {
            let start = i;
            while i < words.len() && words[i].starts_with(|c: char| c.is_uppercase()) {
                i += 1;
            }
            // Skip titles: "Premier ministre" is handled by requiring the run to end the clause or be a name.
            best = Some((start, i));
        } else {
            i += 1;
        }
    }
    let (a, b) = best?;
    let name = words[a..b].join(" ");
    let name = name.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    (!name.is_empty() && !matches!(name.as_str(), "Premier" | "Le" | "La" | "Il" | "Elle")).then_some(name)
}

/// Finds quotations inside one block: « … », “ … ”, " … " (marks may be mismatched,
/// as in pasted text, so any closing mark closes any opening one).
fn find_quotes(text: &str, block: Span, out: &mut Vec<Quote>) {
    let s = block.of(text);
    let mut open: Option<usize> = None;
    let mut straight_open = false;
    for (i, c) in s.char_indices() {
        let at = block.start + i;
        match c {
            '«' | '“' if open.is_none() => open = Some(at + c.len_utf8()),
            '"' if open.is_none() => {
                open = Some(at + 1);
                straight_open = true;
            }
            '»' | '”' | '"' if open.is_some() && (c != '"' || straight_open || true) => {
                let start = open.take().unwrap();
                straight_open = false;
                let span = trim_span(text, Span::new(start, at));
                if span.len() >= 2 && span.of(text).chars().any(char::is_alphabetic) {
                    let speaker = speaker_after(text, at + c.len_utf8(), block.end);
                    out.push(Quote { span, speaker });
                }
            }
            _ => {}
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

    /// Parses text whose structure is partly known (from HTML): `hints` give the kind of
    /// the blocks (headings, list items, block quotes) by span; a line inside a hinted span
    /// takes its kind unless it is boilerplate.
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
            let mid = non_empty.iter().filter(|s| (50..=100).contains(&s.of(text).chars().count())).count();
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

        let mut blocks: Vec<Block> = Vec::with_capacity(paras.len());
        let mut title_fold = None;
        let mut in_comments = false;
        for (i, &p) in paras.iter().enumerate() {
            let line = p.of(text);
            let kind = if i == 0 {
                let (title, date) = strip_date_prefix(text, p);
                self.title = Some(title);
                self.date = date;
                self.kicker = kicker_of(text, title);
                title_fold = Some(fold_for_compare(title.of(text)));
                BlockKind::Title
            } else if in_comments || starts_comments(line) {
                in_comments = true;
                BlockKind::Boilerplate
            } else if title_fold.as_deref() == Some(fold_for_compare(line).as_str())
                || is_pagination(line) || is_photo_credit(line) || is_contributor_credit(line)
            {
                BlockKind::Boilerplate
            } else if looks_like_byline(line) && i + 3 >= paras.len() || looks_like_byline(line) && i <= 2 {
                if self.byline.is_none() {
                    let b = line.trim();
                    let b = b.strip_prefix("Par ").or_else(|| b.strip_prefix("By ")).unwrap_or(b);
                    self.byline = Some(b.to_string());
                }
                BlockKind::Byline
            } else if is_attribution_line(line) && blocks.last().is_some_and(|b: &Block| b.kind.is_content() && b.kind != BlockKind::Title) {
                if let Some(prev) = blocks.last_mut() {
                    prev.kind = BlockKind::Quote;
                }
                BlockKind::Attribution
            } else if let Some(&(_, hinted)) = hints.iter().find(|(h, _)| h.contains(&p)) {
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
        if let Some(lead) = blocks.iter_mut().find(|b| b.kind == BlockKind::Paragraph) {
            lead.kind = BlockKind::Lead;
            self.dateline = dateline_of(text, lead.span);
        }
        // Block quotes: the quote is the whole block, the speaker is in the attribution line.
        for w in 0..blocks.len() {
            if blocks[w].kind == BlockKind::Quote {
                let attr = blocks.get(w + 1).filter(|b| b.kind == BlockKind::Attribution).map(|b| b.span);
                let speaker = attr.and_then(|a| {
                    speaker_after(text, a.start, a.end).or_else(|| last_capitalised_run(a.of(text)))
                });
                self.quotes.push(Quote { span: blocks[w].span, speaker });
            } else if blocks[w].kind.is_content() && blocks[w].kind != BlockKind::Title {
                find_quotes(text, blocks[w].span, &mut self.quotes);
            }
        }
        self.blocks = blocks;
    }

    fn tokenize(&mut self) {
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

    /// Content blocks (not boilerplate, not byline).
    pub fn content_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| b.kind.is_content())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_date_prefix_and_repeats() {
        let doc = Document::parse_text(" date 2023-01 Le titre\n\n1/5\n\nTexte du corps.\n\nLe titre".into());
        assert_eq!(doc.title.unwrap().of(&doc.text), "Le titre");
        assert_eq!(doc.date.as_deref(), Some("2023-01"));
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, vec![BlockKind::Title, BlockKind::Boilerplate, BlockKind::Lead, BlockKind::Boilerplate]);
    }

    #[test]
    fn quotes_and_speakers() {
        let doc = Document::parse_text("Titre\n\n« Notre monde est lié », a ajouté Rutte.".into());
        assert_eq!(doc.quotes.len(), 1);
        assert_eq!(doc.quotes[0].span.of(&doc.text), "Notre monde est lié");
        assert_eq!(doc.quotes[0].speaker.as_deref(), Some("Rutte"));
    }

    #[test]
    fn dateline_and_byline() {
        let doc = Document::parse_text("Titre\n\nTOKYO (AP) – Le chef est là.\n\nAutre.\n\nMari Yamaguchi et Haruka Nuga, The Associated Press".into());
        assert_eq!(doc.dateline.unwrap().of(&doc.text), "TOKYO (AP) –");
        assert_eq!(doc.byline.as_deref(), Some("Mari Yamaguchi et Haruka Nuga, The Associated Press"));
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
