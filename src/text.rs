//! Tokens and sentences over the original text. Tokenising never changes,
//! adds or skips text: every token is a span of the input, and whatever lies
//! between tokens is white space (or zero-width characters).

use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens or apostrophes ("Indo-Pacifique", "aujourd'hui").
    Word,
    /// Digits, possibly with separators or an ordinal suffix ("1 000", "3,5", "75e").
    Number,
    /// A French elided article or pronoun with its apostrophe ("l’", "qu'"), or English "'s".
    Elision,
    Url,
    Email,
    Emoji,
    /// Any other single character: punctuation, quotes, symbols.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// A sentence: its span and the range of its tokens in `Document::tokens`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: (usize, usize),
}

pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Characters that separate nothing and show nothing: never part of a token.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

// Always inlined: called per character, and the wasm build (opt-level "z") would not.
#[inline(always)]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // French and most Latin-script letters (é, ç, œ) without the Unicode table lookup:
    // U+00C0..=U+017F are all letters but × and ÷, and General Punctuation (’ “ — …) has
    // none (checked against the general rule in tests).
    if ('\u{C0}'..='\u{17F}').contains(&c) {
        return !matches!(c, '×' | '÷');
    }
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return false;
    }
    c.is_alphanumeric() || is_combining(c)
}

fn is_emoji(c: char) -> bool {
    // Includes the regional indicators (flags), U+1F1E6..U+1F1FF.
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}')
}

fn is_emoji_modifier(c: char) -> bool {
    matches!(c, '\u{FE0F}' | '\u{FE0E}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{20E3}' | '\u{E0020}'..='\u{E007F}')
}

/// French elided words: "l’OTAN" → "l’" + "OTAN".
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    "quelqu",
];

fn is_elision(prefix: &str) -> bool {
    prefix.len() <= 7 && ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(prefix))
}

#[inline(always)]
fn char_at(text: &str, pos: usize) -> Option<char> {
    // An ASCII byte is always a whole character: skip the boundary check and decoding.
    let bytes = text.as_bytes();
    let b = *bytes.get(pos)?;
    if b < 0x80 {
        return Some(b as char);
    }
    // Two-byte characters (é, ç, œ, no-break space) decoded in place: `text` is UTF-8, so a
    // lead byte 0xC2..=0xDF is followed by one continuation byte.
    if (0xC2..0xE0).contains(&b) {
        let b1 = *bytes.get(pos + 1)?;
        return char::from_u32(u32::from(b & 0x1F) << 6 | u32::from(b1 & 0x3F));
    }
    text.get(pos..).and_then(|s| s.chars().next())
}

/// What the tokeniser does with a byte, in one table lookup: ASCII space and controls are
/// skipped, other ASCII characters are punctuation, ASCII letters and digits are word
/// characters, and so are the two-byte Latin letters whose lead byte is 0xC3..=0xC5
/// (U+00C0..=U+017F: é, ç, œ; all letters but × and ÷, tested apart). The bytes of any other
/// character are decoded. (Ordered: a class at least `LETTER` is an ASCII letter or digit.)
const SKIP: u8 = 0;
const PUNCT: u8 = 1;
const OTHER: u8 = 2;
const LATIN: u8 = 3;
const LETTER: u8 = 4;
const DIGIT: u8 = 5;
static BYTE_CLASS: [u8; 256] = {
    let mut classes = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        classes[b] = if b <= 0x20 || b == 0x7F {
            SKIP
        } else if (b as u8).is_ascii_digit() {
            DIGIT
        } else if (b as u8).is_ascii_alphabetic() {
            LETTER
        } else if b < 0x80 {
            PUNCT
        } else if b >= 0xC3 && b <= 0xC5 {
            LATIN
        } else {
            OTHER
        };
        b += 1;
    }
    classes
};

/// × (C3 97) or ÷ (C3 B7) at `pos`: the only symbols among the `LATIN` characters.
#[inline(always)]
fn is_latin_symbol(text: &str, pos: usize) -> bool {
    let bytes = text.as_bytes();
    bytes.get(pos) == Some(&0xC3) && matches!(bytes.get(pos + 1), Some(0x97 | 0xB7))
}

/// How many of the eight bytes at `pos` are ASCII letters before the first that is not
/// (`None` when fewer than eight bytes are left): most of a word tested at once, each byte
/// by the carry-free sums of its seven low bits, folded to lowercase, with 0x1F and 0x05
/// (at least 0x80 from 'a' on, and from past 'z' on).
#[inline(always)]
fn ascii_letters_at(bytes: &[u8], pos: usize) -> Option<usize> {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = !LOW;
    const EACH: u64 = 0x0101_0101_0101_0101;
    let x = u64::from_le_bytes(*bytes.get(pos..)?.first_chunk::<8>()?);
    let folded = (x | EACH * 0x20) & LOW;
    let letters = (folded + EACH * 0x1F) & !(folded + EACH * 0x05) & !x & HIGH;
    Some((!letters & HIGH).trailing_zeros() as usize / 8)
}

/// ASCII characters that may go on a word or number: hyphens, apostrophes, decimal marks,
/// '@' (e-mail) and a space (thousands in a number). Every other ASCII character ends it.
fn may_continue_word(b: u8) -> bool {
    matches!(b, b'-' | b'\'' | b'.' | b',' | b'@' | b' ')
}

/// Tokenises `text[span]`, appending to `out`.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let end = span.end.min(text.len());
    let mut pos = span.start;
    // (Cut at `end`: `pos < end` is the one bounds check.)
    let bytes = &text.as_bytes()[..end];
    // An e-mail address needs an '@': one scan of the span spares a look-ahead at every word.
    let may_have_email = text.get(pos..end).is_some_and(|s| s.contains('@'));
    while pos < end {
        let b = bytes[pos];
        let class = BYTE_CLASS[usize::from(b)];
        // ASCII space and controls are skipped, other ASCII characters but letters and digits
        // are one punctuation token each.
        if class == SKIP {
            pos += 1;
            continue;
        }
        if class == PUNCT {
            out.push(Token { span: Span::new(pos, pos + 1), kind: TokenKind::Punct });
            pos += 1;
            continue;
        }
        // Characters other than the common letters are decoded.
        if class == OTHER || class == LATIN && is_latin_symbol(text, pos) {
            let Some(c) = char_at(text, pos) else { break };
            if c.is_whitespace() || is_invisible(c) || c.is_control() {
                pos += c.len_utf8();
                continue;
            }
            if !is_word_char(c) {
                pos = push_symbol(text, pos, c, end, out);
                continue;
            }
        }
        // A URL starts with "http" or "www".
        if let Some(url_end) = matches!(b, b'h' | b'H' | b'w' | b'W').then(|| url_at(text, pos, end)).flatten() {
            out.push(Token { span: Span::new(pos, url_end), kind: TokenKind::Url });
            pos = url_end;
            continue;
        }
        if let Some(mail_end) = may_have_email.then(|| email_at(text, pos, end)).flatten() {
            out.push(Token { span: Span::new(pos, mail_end), kind: TokenKind::Email });
            pos = mail_end;
            continue;
        }
        pos = scan_word(text, pos, end, out);
    }
}

/// Pushes the emoji sequence or punctuation character `c` at `pos`; returns the position after it.
// Out of line natively (the hot loop keeps its registers); the wasm build decides by size.
#[cfg_attr(not(target_arch = "wasm32"), inline(never))]
fn push_symbol(text: &str, pos: usize, c: char, end: usize, out: &mut Vec<Token>) -> usize {
    let clen = c.len_utf8();
    if is_emoji(c) {
        let mut e = pos + clen;
        while let Some(n) = char_at(text, e).filter(|_| e < end) {
            if is_emoji_modifier(n) {
                e += n.len_utf8();
            } else if n == '\u{200D}' {
                e += n.len_utf8();
                if let Some(m) = char_at(text, e).filter(|&m| is_emoji(m) && e < end) {
                    e += m.len_utf8();
                }
            } else if is_emoji(n) && matches!(c, '\u{1F1E6}'..='\u{1F1FF}') && e == pos + clen {
                e += n.len_utf8(); // regional-indicator pair: a flag
            } else {
                break;
            }
        }
        out.push(Token { span: Span::new(pos, e.min(end)), kind: TokenKind::Emoji });
        return e.min(end);
    }
    out.push(Token { span: Span::new(pos, pos + clen), kind: TokenKind::Punct });
    pos + clen
}

/// "http://…", "https://…" or "www.…" up to white space, without trailing punctuation.
// Out of line natively (the hot loop keeps its registers); the wasm build decides by size.
#[cfg_attr(not(target_arch = "wasm32"), inline(never))]
fn url_at(text: &str, pos: usize, end: usize) -> Option<usize> {
    let rest = &text[pos..end];
    let starts = |p: &str| rest.as_bytes().get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()));
    if !(starts("http://") || starts("https://") || starts("www.")) {
        return None;
    }
    let stop = rest.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '«' | '»')).unwrap_or(rest.len());
    let trimmed = rest[..stop].trim_end_matches(|c: char| ".,;:!?)]}'’".contains(c));
    if trimmed.len() < 5 {
        return None;
    }
    Some(pos + trimmed.len())
}

/// "name.surname+tag@example.org": local part, '@', a domain with a dot.
// Out of line natively (the hot loop keeps its registers); the wasm build decides by size.
#[cfg_attr(not(target_arch = "wasm32"), inline(never))]
fn email_at(text: &str, pos: usize, end: usize) -> Option<usize> {
    let rest = &text[pos..end];
    let chunk = &rest[..rest.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';' | '(' | ')' | '«' | '»' | '"' | '@')).unwrap_or(rest.len())];
    // Most words have no '@' before the next space: stop there.
    if !rest[chunk.len()..].starts_with('@') {
        return None;
    }
    let chunk = &rest[..rest.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';' | '(' | ')' | '«' | '»' | '"')).unwrap_or(rest.len())];
    let at = chunk.find('@')?;
    let local = &chunk[..at];
    if local.is_empty() || !local.chars().all(|c| is_word_char(c) || matches!(c, '.' | '+' | '-' | '_')) {
        return None;
    }
    let domain = chunk[at + 1..].trim_end_matches(|c: char| ".:!?'’".contains(c));
    let ok = domain.contains('.') && !domain.starts_with('.') && domain.chars().all(|c| is_word_char(c) || matches!(c, '.' | '-'));
    ok.then(|| pos + at + 1 + domain.len())
}

/// Scans a word, number or e-mail starting at `start`; pushes tokens; returns the new position.
#[inline(always)]
fn scan_word(text: &str, start: usize, end: usize, out: &mut Vec<Token>) -> usize {
    let mut word_start = start;
    let mut pos = start;
    // (Cut at `end`: a byte read below is inside the span, checked once.)
    let bytes = &text.as_bytes()[..end];
    // A number starts with a digit (a word after an elision never does).
    let mut number = bytes[start].is_ascii_digit();
    loop {
        // Letters and digits of the common kinds a byte class at a time; another letter (Ω)
        // decoded, then back to the bytes. Stops at the first character that is no letter or
        // digit: `n`, unless it ends the word for sure.
        let next = loop {
            while let Some(letters) = ascii_letters_at(bytes, pos) {
                pos += letters;
                if letters < 8 {
                    break;
                }
            }
            let Some(&b) = bytes.get(pos) else { break None };
            let class = BYTE_CLASS[usize::from(b)];
            if class >= LETTER {
                pos += 1;
                continue;
            }
            if class == LATIN && !is_latin_symbol(text, pos) {
                pos += 2;
                continue;
            }
            // Most words end at an ASCII character that cannot continue them (below: hyphens,
            // apostrophes, decimal marks, '@', and spaces inside numbers). A space, comma or
            // period goes on a number only ("1 000", "3,5"): after a word, it ends it here.
            if b < 0x80 {
                if matches!(b, b' ' | b',' | b'.') && !number || !may_continue_word(b) {
                    break None;
                }
                break Some(char::from(b));
            }
            match char_at(text, pos) {
                Some(c) if is_word_char(c) => pos += c.len_utf8(),
                other => break other,
            }
        };
        let Some(n) = next else { break };
        match word_goes_on(text, word_start, pos, n, end, number, out) {
            After::GoesOn(at) => pos = at,
            After::Elision(at) => {
                word_start = at;
                number = false;
                pos = at;
            }
            After::Ends => break,
            After::Pushed(at) => return at,
        }
    }
    push_word(word_start, pos, number, out);
    // (A space after the word, as most have, is skipped here rather than by the caller.)
    if bytes.get(pos) == Some(&b' ') {
        pos + 1
    } else {
        pos
    }
}

/// How a word goes on after a run of letters and digits, `text[word_start..pos]`, that
/// stopped at `n`: a character that may go on a word (hyphen, apostrophe, decimal mark,
/// space in a number, '@'), or any non-ASCII one.
enum After {
    /// The word goes on from this position.
    GoesOn(usize),
    /// An elision was pushed; the next word starts at this position.
    Elision(usize),
    /// The word ends at `pos`.
    Ends,
    /// The word's tokens were pushed, up to this position (a possessive, an e-mail address).
    Pushed(usize),
}

/// See [`After`]: the rarer cases, apart from the hot loop (most words end at a character
/// that cannot go on them).
// Out of line natively (the hot loop keeps its registers); the wasm build decides by size.
#[cfg_attr(not(target_arch = "wasm32"), inline(never))]
fn word_goes_on(text: &str, word_start: usize, pos: usize, n: char, end: usize, number: bool, out: &mut Vec<Token>) -> After {
    let after_pos = pos + n.len_utf8();
    let after = char_at(text, after_pos).filter(|_| after_pos < end);
    let so_far = &text[word_start..pos];
    let digits_only = || !so_far.is_empty() && so_far.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}'));
    if is_hyphen(n) && after.is_some_and(is_word_char) {
        return After::GoesOn(after_pos);
    }
    if is_apostrophe(n) && after.is_some_and(char::is_alphabetic) {
        if is_elision(so_far) {
            out.push(Token { span: Span::new(word_start, after_pos), kind: TokenKind::Elision });
            return After::Elision(after_pos);
        }
        // English possessive: "Japan's" → "Japan" + "'s".
        let s_end = after_pos + 1;
        if matches!(after, Some('s' | 'S')) && !char_at(text, s_end).filter(|_| s_end < end).is_some_and(is_word_char) {
            push_word(word_start, pos, number, out);
            out.push(Token { span: Span::new(pos, s_end), kind: TokenKind::Elision });
            return After::Pushed(s_end);
        }
        return After::GoesOn(after_pos); // aujourd'hui, don't
    }
    if matches!(n, '.' | ',') && after.is_some_and(|a| a.is_ascii_digit()) && digits_only() {
        return After::GoesOn(after_pos);
    }
    // "1 000", "1 000 000" with any space kind, exactly three digits per group.
    if matches!(n, ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}') && digits_only() {
        let group = text.get(after_pos..(after_pos + 3).min(end)).unwrap_or("");
        let past = char_at(text, after_pos + 3).filter(|_| after_pos + 3 < end);
        if group.len() == 3 && group.bytes().all(|b| b.is_ascii_digit()) && !past.is_some_and(is_word_char) {
            return After::GoesOn(after_pos + 3);
        }
    }
    if n == '@' && after.is_some_and(is_word_char) {
        let rest = &text[after_pos..end];
        let stop = rest.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';' | ')' | '»' | '"')).unwrap_or(rest.len());
        let domain = rest[..stop].trim_end_matches(|c: char| ".:!?".contains(c));
        if domain.contains('.') {
            let e = after_pos + domain.len();
            out.push(Token { span: Span::new(word_start, e), kind: TokenKind::Email });
            return After::Pushed(e);
        }
    }
    After::Ends
}

#[inline(always)]
fn push_word(start: usize, end: usize, number: bool, out: &mut Vec<Token>) {
    if start >= end {
        return;
    }
    let kind = if number { TokenKind::Number } else { TokenKind::Word };
    out.push(Token { span: Span::new(start, end), kind });
}

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Pr", "Me", "Mgr", "St", "Ste", "Mr", "Mrs",
    "Ms", "Jr", "Sr", "Prof", "Gen", "Gén", "Col", "Lt", "Sgt", "Capt", "av", "J.-C", "vol",
    "p", "pp", "n°", "no", "art", "env", "cf", "ex", "Inc", "Ltd", "Co", "Corp", "vs", "Rep", "Sen", "Gov",
];

fn is_abbreviation(word: &str) -> bool {
    // Single capital letters are initials ("Constantin N.").
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    packed_word(word).is_some_and(|w| ABBREVIATIONS_PACKED.contains(&w))
}

const ABBREVIATIONS_PACKED: [u64; ABBREVIATIONS.len()] = packed_words(ABBREVIATIONS);

/// A word of 1 to 8 bytes as one integer (its bytes, zero-padded), for comparing it with
/// a list of short words as numbers. `None` for other lengths. (Only a NUL byte, which
/// no token holds, could make two words pack alike.)
pub const fn packed_word(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 8 {
        return None;
    }
    let mut bytes = [0u8; 8];
    let mut i = 0;
    while i < b.len() {
        bytes[i] = b[i];
        i += 1;
    }
    Some(u64::from_le_bytes(bytes))
}

/// `packed_word` of each word of a list (each 1 to 8 bytes long, checked at compile time).
pub const fn packed_words<const N: usize>(words: &[&str]) -> [u64; N] {
    let mut out = [0u64; N];
    let mut i = 0;
    while i < N {
        out[i] = match packed_word(words[i]) {
            Some(w) => w,
            None => panic!("a listed word is 1 to 8 bytes long"),
        };
        i += 1;
    }
    out
}

/// Splits the tokens `tokens[range]` of one block into sentences.
pub fn sentences(text: &str, tokens: &[Token], range: (usize, usize), out: &mut Vec<Sentence>) {
    let (first, last) = range;
    let mut start = first;
    let mut i = first;
    // (Only punctuation is read, as bytes: most tokens are words.)
    let is_terminator = |t: &Token| t.kind == TokenKind::Punct && matches!(t.span.bytes_of(text), b"." | b"!" | b"?" | b"\xE2\x80\xA6");
    while let Some(k) = tokens.get(i..last).and_then(|rest| rest.iter().position(is_terminator)) {
        i += k;
        let t = tokens[i];
        // Swallow repeated terminators and closing quotes/brackets: "?!", ».", ")."
        let mut j = i + 1;
        while j < last && tokens[j].kind == TokenKind::Punct && matches!(tokens[j].span.of(text), "." | "!" | "?" | "…" | "»" | "”" | "\"" | ")" | "’") {
            j += 1;
        }
        let prev_abbrev = t.span.of(text) == "." && i > start && tokens[i - 1].span.end == t.span.start
            && is_abbreviation(tokens[i - 1].span.of(text));
        let next_starts = j >= last || {
            let n = tokens[j].span.of(text);
            n.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '«' | '“' | '"' | '—' | '–' | '-' | '('))
        };
        if !prev_abbrev && next_starts {
            push_sentence(tokens, start, j, out);
            start = j;
            i = j;
            continue;
        }
        i += 1;
    }
    if start < last {
        push_sentence(tokens, start, last, out);
    }
}

fn push_sentence(tokens: &[Token], a: usize, b: usize, out: &mut Vec<Sentence>) {
    out.push(Sentence { span: Span::new(tokens[a].span.start, tokens[b - 1].span.end), tokens: (a, b) });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        let mut out = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut out);
        out.iter().map(|t| (t.span.of(text), t.kind)).collect()
    }

    #[test]
    fn word_chars_follow_the_general_rule() {
        for c in (0..=0x2FFF).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric() || is_combining(c), "{c:?}");
            let mut s = String::from("a");
            s.push(c);
            assert_eq!(char_at(&s, 1), Some(c));
        }
    }

    /// The byte-class fast paths (ASCII letters eight at a time, two-byte Latin letters by
    /// their lead byte) agree with the general rule, for every byte and every character.
    #[test]
    fn fast_paths_follow_the_general_rule() {
        for b in 0..=255u8 {
            for k in 0..8 {
                let mut bytes = *b"abcdefgh";
                bytes[k] = b;
                assert_eq!(ascii_letters_at(&bytes, 0), Some(if b.is_ascii_alphabetic() { 8 } else { k }), "{b:#x} at {k}");
            }
        }
        assert_eq!(ascii_letters_at(b"abcdefg", 0), None);
        for c in (0x80..=0x2FFF).filter_map(char::from_u32).filter(|&c| is_word_char(c)) {
            for text in [format!("{c}"), format!("ab{c}"), format!("{c}cd"), format!("ab{c}cd efghijklm{c}")] {
                let words: Vec<_> = text.split(' ').map(|w| (w, TokenKind::Word)).collect();
                assert_eq!(toks(&text), words, "{c:?}");
            }
        }
    }

    #[test]
    fn elisions_hyphens_numbers() {
        use TokenKind::*;
        assert_eq!(
            toks("l’OTAN, L'Otan jusqu’à Indo-Pacifique a-t-il 1 000 75e SM-3"),
            vec![("l’", Elision), ("OTAN", Word), (",", Punct), ("L'", Elision), ("Otan", Word),
                 ("jusqu’", Elision), ("à", Word), ("Indo-Pacifique", Word), ("a-t-il", Word),
                 ("1 000", Number), ("75e", Number), ("SM-3", Word)]
        );
    }

    #[test]
    fn urls_emails_emoji_possessive() {
        use TokenKind::*;
        assert_eq!(
            toks("see https://ex.com/a?b=1. mail a.b@ex.org 👍🏽 Japan's aujourd'hui"),
            vec![("see", Word), ("https://ex.com/a?b=1", Url), (".", Punct), ("mail", Word),
                 ("a.b@ex.org", Email), ("👍🏽", Emoji), ("Japan", Word), ("'s", Elision), ("aujourd'hui", Word)]
        );
    }

    #[test]
    fn guillemets_with_nbsp() {
        let t = toks("«\u{A0}Nous avons\u{A0}»");
        assert_eq!(t.iter().map(|x| x.0).collect::<Vec<_>>(), vec!["«", "Nous", "avons", "»"]);
    }

    /// The ASCII fast paths (letters and digits scanned by byte class, other characters
    /// decoded) keep words whole across ASCII and non-ASCII letters, cases and apostrophes.
    #[test]
    fn words_mixing_ascii_and_other_letters() {
        use TokenKind::*;
        assert_eq!(
            toks("élève ÉLÈVE Zoë-Ève aujourd'hui l’État L'ÉTAT São naïve. été, ÇA abc\u{301}d x×y Œuvre mot—mot 3,5é İstanbul"),
            vec![("élève", Word), ("ÉLÈVE", Word), ("Zoë-Ève", Word), ("aujourd'hui", Word), ("l’", Elision), ("État", Word),
                 ("L'", Elision), ("ÉTAT", Word), ("São", Word), ("naïve", Word), (".", Punct), ("été", Word), (",", Punct),
                 ("ÇA", Word), ("abc\u{301}d", Word), ("x", Word), ("×", Punct), ("y", Word), ("Œuvre", Word), ("mot", Word),
                 ("—", Punct), ("mot", Word), ("3,5é", Number), ("İstanbul", Word)]
        );
        // A span starting at any character of a mixed text: every token stays inside it.
        let text = "Les Élus d’Île-de-France 12 000 votants";
        for (i, _) in text.char_indices() {
            let mut out = Vec::new();
            tokenize(text, Span::new(i, text.len()), &mut out);
            assert!(out.iter().all(|t| t.span.start >= i && t.span.end <= text.len() && t.span.start < t.span.end));
        }
    }

    #[test]
    fn packed_words_match_exactly_the_listed_words() {
        for word in ABBREVIATIONS.iter().chain(["Mmes", "Prof", "J.-C", "n°"].iter()) {
            assert!(is_abbreviation(word), "{word}");
        }
        for word in ["", "m", "Mm", "MMe", "Profs", "Pro", "Doctorat", "anticonstitutionnellement", "vo", "vol.", "Gé"] {
            assert!(!is_abbreviation(word), "{word}");
        }
        assert_eq!(packed_word("abcdefgh"), Some(u64::from_le_bytes(*b"abcdefgh")));
        assert_eq!(packed_word("abcdefghi"), None);
    }

    #[test]
    fn sentences_respect_abbreviations() {
        let text = "M. Stoltenberg a parlé. Le Dr. Who est là ! Fin";
        let mut tokens = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut tokens);
        let mut out = Vec::new();
        sentences(text, &tokens, (0, tokens.len()), &mut out);
        let got: Vec<&str> = out.iter().map(|s| s.span.of(text)).collect();
        assert_eq!(got, vec!["M. Stoltenberg a parlé.", "Le Dr. Who est là !", "Fin"]);
    }

    #[test]
    fn every_french_elision_with_both_apostrophes() {
        use TokenKind::*;
        for apo in ['’', '\''] {
            let text = format!("l{apo}OTAN d{apo}abord qu{apo}il jusqu{apo}à lorsqu{apo}elle s{apo}est");
            let got = toks(&text);
            let words: Vec<(&str, TokenKind)> = got.iter().map(|&(t, k)| (t, k)).collect();
            assert_eq!(words.iter().filter(|t| t.1 == Elision).count(), 6, "{text}: {words:?}");
            assert_eq!(words.iter().filter(|t| t.1 == Word).map(|t| t.0).collect::<Vec<_>>(), vec!["OTAN", "abord", "il", "à", "elle", "est"]);
        }
    }

    #[test]
    fn guillemets_with_narrow_no_break_spaces() {
        let t = toks("«\u{202F}Bonjour\u{202F}» et « salut »\u{A0}!");
        assert_eq!(t.iter().map(|x| x.0).collect::<Vec<_>>(), vec!["«", "Bonjour", "»", "et", "«", "salut", "»", "!"]);
    }

    #[test]
    fn hyphenated_names_acronyms_codes() {
        use TokenKind::*;
        assert_eq!(
            toks("Nouvelle-Zélande Indo-Pacifique a-t-il OTAN SM-3 F-35 COVID-19"),
            vec![("Nouvelle-Zélande", Word), ("Indo-Pacifique", Word), ("a-t-il", Word), ("OTAN", Word),
                 ("SM-3", Word), ("F-35", Word), ("COVID-19", Word)]
        );
    }

    #[test]
    fn numbers_with_spaces_decimals_ordinals() {
        use TokenKind::*;
        assert_eq!(
            toks("1 000 2\u{A0}500\u{202F}000 3,5 75e 1er 21st 12 mois"),
            vec![("1 000", Number), ("2\u{A0}500\u{202F}000", Number), ("3,5", Number), ("75e", Number),
                 ("1er", Number), ("21st", Number), ("12", Number), ("mois", Word)]
        );
    }

    #[test]
    fn urls_emails_and_emoji_sequences() {
        use TokenKind::*;
        assert_eq!(
            toks("(www.nato.int/fr) contact@otan.fr. 👨‍👩‍👧 🇫🇷!"),
            vec![("(", Punct), ("www.nato.int/fr", Url), (")", Punct), ("contact@otan.fr", Email), (".", Punct),
                 ("👨‍👩‍👧", Emoji), ("🇫🇷", Emoji), ("!", Punct)]
        );
    }

    #[test]
    fn sentences_with_french_and_english_abbreviations() {
        let text = "Mme Dupont et le Dr Martin sont arrivés. St. John's est loin. Mr. Smith said so. Fin.";
        let mut tokens = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut tokens);
        let mut out = Vec::new();
        sentences(text, &tokens, (0, tokens.len()), &mut out);
        let got: Vec<&str> = out.iter().map(|s| s.span.of(text)).collect();
        assert_eq!(got, vec!["Mme Dupont et le Dr Martin sont arrivés.", "St. John's est loin.", "Mr. Smith said so.", "Fin."]);
    }
}
