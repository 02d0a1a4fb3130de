//! Markdown to article text: the words a reader sees, without the markup.
//! Headings, emphasis, code marks, link targets and images are removed; one
//! block per paragraph, heading or list item.

use crate::document::BlockKind;
use crate::span::Span;

/// Returns the text and the kind of its heading, list-item and block-quote blocks by span.
pub fn extract(md: &str) -> (String, Vec<(Span, BlockKind)>) {
    let mut out = String::with_capacity(md.len());
    let mut hints = Vec::new();
    let mut in_code = false;
    let mut para = String::new();
    let mut kind = BlockKind::Paragraph;
    let flush = |para: &mut String, out: &mut String, kind: &mut BlockKind, hints: &mut Vec<(Span, BlockKind)>| {
        let p = para.trim();
        if !p.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            if *kind != BlockKind::Paragraph {
                hints.push((Span::new(out.len(), out.len() + p.len()), *kind));
            }
            out.push_str(p);
        }
        para.clear();
        *kind = BlockKind::Paragraph;
    };
    for line in md.lines() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_code = !in_code;
            flush(&mut para, &mut out, &mut kind, &mut hints);
            continue;
        }
        if in_code || t.starts_with("<!--") || is_rule(t) {
            continue;
        }
        if t.is_empty() {
            flush(&mut para, &mut out, &mut kind, &mut hints);
            continue;
        }
        let heading = t.starts_with('#');
        let quoted = t.starts_with('>');
        let item = t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ")
            || t.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()));
        let body = t.trim_start_matches('#').trim_start_matches('>').trim();
        let body = if item {
            match body.split_once(' ') {
                Some((marker, rest)) if matches!(marker, "-" | "*" | "+") || marker.ends_with('.') => rest.trim_start(),
                _ => body,
            }
        } else {
            body
        };
        let body = if heading { body.trim_end_matches('#').trim() } else { body };
        if heading || item {
            flush(&mut para, &mut out, &mut kind, &mut hints);
        }
        if heading {
            kind = BlockKind::Heading;
        } else if item {
            kind = BlockKind::ListItem;
        } else if quoted && para.is_empty() {
            kind = BlockKind::Quote;
        }
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(&inline(body));
        if heading || item {
            flush(&mut para, &mut out, &mut kind, &mut hints);
        }
    }
    flush(&mut para, &mut out, &mut kind, &mut hints);
    (out, hints)
}

fn is_rule(t: &str) -> bool {
    t.len() >= 3 && (t.chars().all(|c| c == '-' || c == ' ') || t.chars().all(|c| c == '*' || c == ' ') || t.chars().all(|c| c == '_' || c == ' '))
}

/// Inline markup: `![alt](src)` → "", `[text](url)` → "text", `**x**`/`_x_`/`` `x` `` → "x".
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '!' && rest[1..].starts_with('[') {
            if let Some((_, after)) = link(&rest[1..]) {
                rest = after;
                continue;
            }
        }
        if c == '[' {
            if let Some((label, after)) = link(rest) {
                out.push_str(&inline(label));
                rest = after;
                continue;
            }
        }
        if matches!(c, '*' | '`') || (c == '_' && (out.is_empty() || out.ends_with(' ') || rest[1..].starts_with([' ', '.', ',']) || rest.len() == 1)) {
            rest = &rest[1..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn link(s: &str) -> Option<(&str, &str)> {
    let close = s.find("](")?;
    let end = s[close + 2..].find(')')? + close + 2;
    Some((&s[1..close], &s[end + 1..]))
}

#[cfg(test)]
mod tests {
    #[test]
    fn strips_markup() {
        let md = "# Le **titre**\n\nUn [lien](http://x) et `code`.\n![img](a.png)\n\n- point un\n- point_deux";
        let (text, hints) = super::extract(md);
        assert_eq!(text, "Le titre\n\nUn lien et code.\n\npoint un\n\npoint_deux");
        let kinds: Vec<(&str, super::BlockKind)> = hints.iter().map(|(s, k)| (s.of(&text), *k)).collect();
        assert_eq!(kinds, vec![("Le titre", super::BlockKind::Heading), ("point un", super::BlockKind::ListItem), ("point_deux", super::BlockKind::ListItem)]);
    }
}
