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
        let mut doc = Document { text, ..Document::default() };
        doc.build_blocks();
        doc.tokenize();
        doc
    }

    fn build_blocks(&mut self) {
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
