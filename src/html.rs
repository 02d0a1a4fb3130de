//! HTML to article text. A small tolerant scanner: it never builds or runs
//! anything, it only reads text out of markup. Script, style and page chrome
//! (nav, header, footer, aside, forms) are skipped; block elements become
//! paragraph breaks; entities are decoded.

#[derive(Debug, Default, Clone)]
pub struct HtmlMeta {
    pub title: Option<String>,
    pub date: Option<String>,
    pub byline: Option<String>,
    pub lang: Option<String>,
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "nav",
    "header", "footer", "aside", "form", "button", "select", "textarea", "head", "figcaption",
];
const BLOCK: &[&str] = &[
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "blockquote", "br", "tr", "table", "dd", "dt", "dl", "pre", "hr", "figure", "body", "html", "title",
];

/// Extracts (text, metadata). The text has one block per line group, separated by blank lines.
pub fn extract(html: &str) -> (String, HtmlMeta) {
    let mut meta = HtmlMeta::default();
    let mut out = String::with_capacity(html.len() / 3);
    let mut skip_depth: Vec<String> = Vec::new();
    let mut h1: Option<String> = None;
    let mut in_h1 = false;
    let mut in_title = false;
    let mut title_buf = String::new();
    let mut h1_buf = String::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < html.len() {
        if bytes[i] == b'<' {
            if html[i..].starts_with("<!--") {
                i = html[i + 4..].find("-->").map_or(html.len(), |e| i + 4 + e + 3);
                continue;
            }
            let Some(close) = html[i..].find('>') else { break };
            let tag = &html[i + 1..i + close];
            i += close + 1;
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if name.is_empty() {
                continue;
            }
            if !closing && name == "meta" {
                read_meta(tag, &mut meta);
            }
            if !closing && name == "html" {
                meta.lang = attr(tag, "lang");
            }
            if !closing && name == "time" && meta.date.is_none() {
                meta.date = attr(tag, "datetime");
            }
            if name == "title" {
                in_title = !closing;
                continue;
            }
            if SKIP.contains(&name.as_str()) && !tag.ends_with('/') {
                if closing {
                    if let Some(p) = skip_depth.iter().rposition(|n| *n == name) {
                        skip_depth.truncate(p);
                    }
                } else {
                    skip_depth.push(name.clone());
                    // Raw-text elements: jump to the end tag, whatever is inside.
                    if matches!(name.as_str(), "script" | "style" | "textarea" | "template") {
                        let end_tag = format!("</{name}");
                        let lower = html[i..].to_ascii_lowercase();
                        i = lower.find(&end_tag).map_or(html.len(), |e| i + e);
                    }
                }
                continue;
            }
            if name == "h1" && skip_depth.is_empty() {
                in_h1 = !closing;
                if closing && h1.is_none() && !h1_buf.trim().is_empty() {
                    h1 = Some(collapse(&h1_buf));
                }
            }
            if BLOCK.contains(&name.as_str()) && skip_depth.is_empty() && !out.ends_with("\n\n") && !out.is_empty() {
                out.push_str("\n\n");
            }
            continue;
        }
        let next = html[i..].find('<').map_or(html.len(), |e| i + e);
        let raw = &html[i..next];
        i = next;
        let text = decode_entities(raw);
        if in_title {
            title_buf.push_str(&text);
        }
        if !skip_depth.is_empty() {
            continue;
        }
        if in_h1 {
            h1_buf.push_str(&text);
        }
        push_collapsed(&mut out, &text);
    }
    meta.title = h1.or_else(|| Some(collapse(&title_buf)).filter(|t| !t.is_empty()));
    let mut text = String::with_capacity(out.len());
    if let Some(t) = &meta.title {
        text.push_str(t);
        text.push_str("\n\n");
    }
    for para in out.split("\n\n") {
        let p = para.trim();
        if !p.is_empty() {
            text.push_str(p);
            text.push_str("\n\n");
        }
    }
    let len = text.trim_end().len();
    text.truncate(len);
    (text, meta)
}

fn push_collapsed(out: &mut String, text: &str) {
    for (k, piece) in text.split(|c: char| c.is_whitespace() && c != '\u{A0}' && c != '\u{202F}').enumerate() {
        if k > 0 && !out.ends_with(' ') && !out.ends_with('\n') && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(piece);
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let at = from + p;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let vstart = tag.len() - rest.len() + 1;
        let v = tag[vstart..].trim_start();
        let value = if let Some(q) = v.strip_prefix('"') {
            q.split('"').next()
        } else if let Some(q) = v.strip_prefix('\'') {
            q.split('\'').next()
        } else {
            v.split(|c: char| c.is_whitespace() || c == '>').next()
        };
        return value.map(|s| decode_entities(s).trim().to_string()).filter(|s| !s.is_empty());
    }
    None
}

fn read_meta(tag: &str, meta: &mut HtmlMeta) {
    let key = attr(tag, "property").or_else(|| attr(tag, "name")).or_else(|| attr(tag, "itemprop"));
    let Some(key) = key.map(|k| k.to_ascii_lowercase()) else { return };
    let Some(content) = attr(tag, "content") else { return };
    match key.as_str() {
        "article:published_time" | "datepublished" | "date" | "dc.date" | "pubdate" | "publishdate" => {
            meta.date.get_or_insert(content);
        }
        "author" | "article:author" | "dc.creator" => {
            if !content.starts_with("http") {
                meta.byline.get_or_insert(content);
            }
        }
        _ => {}
    }
}

/// Decodes named (common) and numeric character references.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..].find(|c: char| c == ';' || c.is_whitespace() || c == '&').map(|e| e + 1);
        let decoded = end.filter(|&e| rest.as_bytes().get(e) == Some(&b';')).and_then(|e| {
            let name = &rest[1..e];
            let ch = if let Some(num) = name.strip_prefix('#') {
                let v = if let Some(h) = num.strip_prefix(['x', 'X']) { u32::from_str_radix(h, 16).ok() } else { num.parse().ok() };
                v.and_then(char::from_u32).filter(|&c| c != '\0')
            } else {
                named_entity(name)
            };
            ch.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&', "lt" => '<', "gt" => '>', "quot" => '"', "apos" => '\'', "nbsp" => '\u{A0}',
        "laquo" => '«', "raquo" => '»', "rsquo" => '’', "lsquo" => '‘', "ldquo" => '“', "rdquo" => '”',
        "ndash" => '–', "mdash" => '—', "hellip" => '…', "eacute" => 'é', "egrave" => 'è', "ecirc" => 'ê',
        "agrave" => 'à', "acirc" => 'â', "ccedil" => 'ç', "ocirc" => 'ô', "ucirc" => 'û', "ugrave" => 'ù',
        "icirc" => 'î', "iuml" => 'ï', "euml" => 'ë', "Eacute" => 'É', "Egrave" => 'È', "Agrave" => 'À',
        "Ccedil" => 'Ç', "oelig" => 'œ', "OElig" => 'Œ', "copy" => '©', "reg" => '®', "euro" => '€',
        "deg" => '°', "middot" => '·', "bull" => '•', "thinsp" => '\u{2009}', "shy" => '\u{AD}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_text_and_skips_scripts() {
        let html = "<html lang=fr><head><title>T</title><meta name=author content=\"Jean Dupont\"></head>\
            <body><nav>Menu</nav><h1>Le titre</h1><p>Un &laquo;&nbsp;mot&nbsp;&raquo; <b>gras</b>.</p>\
            <script>alert('x')</script><p onclick=\"evil()\">Deux</p><footer>pied</footer></body></html>";
        let (text, meta) = extract(html);
        assert_eq!(text, "Le titre\n\nLe titre\n\nUn «\u{A0}mot\u{A0}» gras.\n\nDeux");
        assert_eq!(meta.byline.as_deref(), Some("Jean Dupont"));
        assert_eq!(meta.lang.as_deref(), Some("fr"));
    }

    #[test]
    fn survives_broken_markup() {
        for html in ["<", "<p", "<script>", "&", "&#xffffffff;", "<!--", "<p>a<div><span>b", "&#0;"] {
            let _ = extract(html);
        }
    }
}
