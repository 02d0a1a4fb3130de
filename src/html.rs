//! HTML to article text. HTML is data: nothing here runs, loads or renders.
//!
//! A tolerant tokenizer builds a flat tree (an arena in document order, where
//! every element's subtree is the contiguous range `i..end`), so no step ever
//! recurses on nesting depth. The main content is then found as Mozilla
//! Readability does: paragraphs score their ancestors by text length and commas,
//! scores are weighted by class/id hints and link density, the best container
//! and its good siblings are kept, and link-heavy or empty parts of it dropped.
//! Metadata come from JSON-LD, `<meta>` tags, `<title>`/`<h1>` and byline markup.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::json::Json;
use crate::document::BlockKind;
use crate::span::Span;

#[derive(Debug, Default, Clone)]
pub struct HtmlMeta {
    pub title: Option<String>,
    /// ISO 8601 as the page gives it (full timestamp or partial date).
    pub date: Option<String>,
    pub byline: Option<String>,
    pub lang: Option<String>,
}

/// The extracted article: text (title first, then one block per paragraph,
/// separated by blank lines), metadata, and the kind of the blocks that are not
/// plain paragraphs (headings, list items, block quotes) by their span in `text`.
#[derive(Debug, Default)]
pub struct HtmlArticle {
    pub text: String,
    pub meta: HtmlMeta,
    pub hints: Vec<(Span, BlockKind)>,
}

// ---------------------------------------------------------------- tags

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Text,
    Html, Head, Body, Title, Meta, Script, Style,
    P, Div, Section, Article, Main, Span, A, Br, Hr, Img, Pre, Code, Blockquote,
    H1, H2, H3, H4, H5, H6, Ul, Ol, Li, Dl, Dt, Dd, Table, Tr, Td, Th, Tbody, Thead, Tfoot, Caption,
    Figure, Figcaption, Header, Footer, Nav, Aside, Form, Fieldset, Input, Button, Select, Option,
    Textarea, Label, Iframe, Object, Embed, Svg, Math, Canvas, Video, Audio, Source, Picture,
    Noscript, Template, Time, Address, Details, Summary, Menu, Dialog,
    Link, Base, Wbr, Area, Col, Param, Track,
    Other,
}

/// The tag of an element name written in any case.
fn tag_of(name: &str) -> Tag {
    let mut buf = [0u8; 10];
    if name.len() > buf.len() {
        return Tag::Other;
    }
    let lower = &mut buf[..name.len()];
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    tag_of_lower(std::str::from_utf8(lower).unwrap_or(""))
}

fn tag_of_lower(name: &str) -> Tag {
    use Tag::*;
    match name {
        "html" => Html, "head" => Head, "body" => Body, "title" => Title, "meta" => Meta,
        "script" => Script, "style" => Style, "p" => P, "div" => Div, "section" => Section,
        "article" => Article, "main" => Main, "span" => Span, "a" => A, "br" => Br, "hr" => Hr,
        "img" => Img, "pre" => Pre, "code" => Code, "blockquote" => Blockquote, "h1" => H1, "h2" => H2,
        "h3" => H3, "h4" => H4, "h5" => H5, "h6" => H6, "ul" => Ul, "ol" => Ol, "li" => Li, "dl" => Dl,
        "dt" => Dt, "dd" => Dd, "table" => Table, "tr" => Tr, "td" => Td, "th" => Th, "tbody" => Tbody,
        "thead" => Thead, "tfoot" => Tfoot, "caption" => Caption, "figure" => Figure,
        "figcaption" => Figcaption, "header" => Header, "footer" => Footer, "nav" => Nav,
        "aside" => Aside, "form" => Form, "fieldset" => Fieldset, "input" => Input, "button" => Button,
        "select" => Select, "option" => Option, "textarea" => Textarea, "label" => Label,
        "iframe" => Iframe, "object" => Object, "embed" => Embed, "svg" => Svg, "math" => Math,
        "canvas" => Canvas, "video" => Video, "audio" => Audio, "source" => Source, "picture" => Picture,
        "noscript" => Noscript, "template" => Template, "time" => Time, "address" => Address,
        "details" => Details, "summary" => Summary, "menu" => Menu, "dialog" => Dialog, "link" => Link,
        "base" => Base, "wbr" => Wbr, "area" => Area, "col" => Col, "param" => Param, "track" => Track,
        _ => Other,
    }
}

impl Tag {
    fn is_void(self) -> bool {
        use Tag::*;
        matches!(self, Br | Hr | Img | Meta | Input | Link | Base | Wbr | Area | Col | Param | Track | Source | Embed)
    }
    /// Block-level: starts a new line of text.
    fn is_block(self) -> bool {
        use Tag::*;
        matches!(self, Html | Body | P | Div | Section | Article | Main | Pre | Blockquote | H1 | H2 | H3 | H4
            | H5 | H6 | Ul | Ol | Li | Dl | Dt | Dd | Table | Tr | Caption | Figure | Figcaption | Header
            | Footer | Nav | Aside | Form | Fieldset | Hr | Address | Details | Summary | Menu | Dialog
            | Tbody | Thead | Tfoot)
    }
    /// Starting one of these closes an open `<p>`.
    fn closes_p(self) -> bool {
        use Tag::*;
        self.is_block() && !matches!(self, Html | Body | Tr | Caption | Tbody | Thead | Tfoot | Li | Dt | Dd)
    }
    fn is_heading(self) -> bool {
        matches!(self, Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
    }
    /// Never article text: skipped with everything inside.
    fn is_chrome(self) -> bool {
        use Tag::*;
        matches!(self, Head | Script | Style | Nav | Aside | Footer | Form | Button | Select | Textarea
            | Input | Iframe | Object | Embed | Svg | Math | Canvas | Video | Audio | Noscript | Template
            | Dialog | Title | Meta | Link | Option | Label)
    }
    /// Elements whose own text Readability scores as a paragraph.
    fn is_paragraph_like(self) -> bool {
        use Tag::*;
        matches!(self, P | Pre | Td | Section | H2 | H3 | H4 | H5 | H6)
    }
}

// ---------------------------------------------------------------- tree

const NONE: u32 = u32::MAX;
/// Deeper elements are attached flat to the deepest allowed one: the text is kept,
/// the pathological nesting is not.
const MAX_DEPTH: usize = 512;

#[derive(Debug, Clone)]
struct Node {
    tag: Tag,
    parent: u32,
    /// One past the last node of this subtree.
    end: u32,
    /// Text nodes: range in `Tree::text`.
    text: (u32, u32),
    /// Class/id hints, computed once.
    class_weight: i8,
    flags: u8,
    /// Hash of the class attribute (0: none), for Readability's same-class sibling bonus.
    class_hash: u32,
}

const HIDDEN: u8 = 1;
const UNLIKELY: u8 = 2;
const BYLINE_HINT: u8 = 4;
const HASH_LINK: u8 = 8;
const ROLE_UNLIKELY: u8 = 16;
const ITEMPROP_NAME: u8 = 32;
/// Class or id of a reader-comment section.
const COMMENTS: u8 = 64;

struct Tree {
    nodes: Vec<Node>,
    /// Decoded text of all text nodes, whitespace not yet collapsed.
    text: String,
    meta: RawMeta,
}

#[derive(Default)]
struct RawMeta {
    doc_title: String,
    lang: Option<String>,
    /// (key, content) of `<meta>` tags, keys as Readability normalises them.
    values: Vec<(String, String)>,
    json_ld: Vec<String>,
    /// `<time datetime>` elements: (node, value, marked as the publication time).
    times: Vec<(u32, String, bool)>,
}

impl RawMeta {
    fn get(&self, key: &str) -> Option<&str> {
        // The last tag wins, as in Readability.
        self.values.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).filter(|v| !v.trim().is_empty())
    }
}

/// The first `</name` (ASCII case-insensitive) at or after `from`: the end of a raw-text element.
fn find_end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let b = html.as_bytes();
    let mut i = from;
    while let Some(at) = memchr(html, i, b'<') {
        let rest = &b[at + 1..];
        if rest.first() == Some(&b'/') && rest.len() > name.len() && rest[1..=name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// A parsed start tag: name and raw attributes (values still entity-encoded).
struct StartTag<'a> {
    /// As written (any case).
    name: &'a str,
    attrs: Vec<(&'a str, &'a str)>,
    self_closing: bool,
    /// Index just past the tag's '>'.
    next: usize,
}

impl<'a> StartTag<'a> {
    /// An attribute's value, entities decoded (borrowed from the page when it has none).
    fn attr(&self, name: &str) -> Option<Cow<'a, str>> {
        self.attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| decode_entities_cow(v))
    }
    fn has(&self, name: &str) -> bool {
        self.attrs.iter().any(|(k, _)| k.eq_ignore_ascii_case(name))
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

/// Parses the tag starting at `html[i] == '<'` followed by a letter. Returns None at end of input.
/// `attrs` is a spare vector (emptied first), so that tags cost no allocation.
fn parse_start_tag<'a>(html: &'a str, i: usize, mut attrs: Vec<(&'a str, &'a str)>) -> Option<StartTag<'a>> {
    let b = html.as_bytes();
    let mut j = i + 1;
    while j < b.len() && !is_space(b[j]) && b[j] != b'>' && b[j] != b'/' {
        j += 1;
    }
    let name = html.get(i + 1..j)?;
    attrs.clear();
    let mut self_closing = false;
    loop {
        while j < b.len() && (is_space(b[j]) || b[j] == b'/') {
            self_closing = b[j] == b'/';
            j += 1;
        }
        if j >= b.len() {
            return None;
        }
        if b[j] == b'>' {
            return Some(StartTag { name, attrs, self_closing, next: j + 1 });
        }
        self_closing = false;
        let k0 = j;
        j += 1; // an attribute name may start with '=' or a quote; take at least one byte
        while j < b.len() && !is_space(b[j]) && !matches!(b[j], b'>' | b'/' | b'=') {
            j += 1;
        }
        let key = html.get(k0..j).unwrap_or("");
        while j < b.len() && is_space(b[j]) {
            j += 1;
        }
        let mut value = "";
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                let end = memchr(html, j + 1, b[j])?;
                value = html.get(j + 1..end).unwrap_or("");
                j = end + 1;
            } else {
                let v0 = j;
                while j < b.len() && !is_space(b[j]) && b[j] != b'>' {
                    j += 1;
                }
                value = html.get(v0..j).unwrap_or("");
            }
        }
        if attrs.len() < 64 {
            attrs.push((key, value));
        }
    }
}

fn hash(s: &str) -> u32 {
    s.bytes().fold(2166136261u32, |h, b| (h ^ b as u32).wrapping_mul(16777619)) | 1
}

const UNLIKELY_WORDS: &[&str] = &[
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap", "disqus",
    "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss",
    "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate",
    "pagination", "pager", "popup", "yom-remote", "cookie", "newsletter", "paywall",
];
const MAYBE_WORDS: &[&str] = &["and", "article", "body", "column", "content", "main", "shadow"];
const POSITIVE_WORDS: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post",
    "text", "blog", "story",
];
const NEGATIVE_WORDS: &[&str] = &[
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead",
    "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
    "skyscraper", "sponsor", "shopping", "tags", "widget",
];
const BYLINE_WORDS: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];

const COMMENT_WORDS: &[&str] = &["comment", "disqus", "replies", "respond", "reaction"];

const W_UNLIKELY: u8 = 1;
const W_MAYBE: u8 = 2;
const W_POSITIVE: u8 = 4;
const W_NEGATIVE: u8 = 8;
const W_BYLINE: u8 = 16;
const W_COMMENTS: u8 = 32;

/// The word lists above by first byte, each word with the lists it is in: one pass over a
/// class or id finds them all (a class attribute is scanned for every element of the page).
fn class_words() -> &'static [Vec<(&'static [u8], u8)>] {
    static TABLE: std::sync::OnceLock<Vec<Vec<(&'static [u8], u8)>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<Vec<(&'static [u8], u8)>> = vec![Vec::new(); 256];
        let lists = [(UNLIKELY_WORDS, W_UNLIKELY), (MAYBE_WORDS, W_MAYBE), (POSITIVE_WORDS, W_POSITIVE),
            (NEGATIVE_WORDS, W_NEGATIVE), (BYLINE_WORDS, W_BYLINE), (COMMENT_WORDS, W_COMMENTS)];
        for (words, bit) in lists {
            for w in words {
                let slot = &mut table[w.as_bytes()[0] as usize];
                match slot.iter_mut().find(|(x, _)| *x == w.as_bytes()) {
                    Some(e) => e.1 |= bit,
                    None => slot.push((w.as_bytes(), bit)),
                }
            }
        }
        table
    })
}

/// Which word lists have a word in `s` (ASCII case-insensitive).
fn word_bits(s: &str) -> u8 {
    let table = class_words();
    let b = s.as_bytes();
    let mut bits = 0;
    for i in 0..b.len() {
        for (w, bit) in &table[b[i].to_ascii_lowercase() as usize] {
            if bits & bit != *bit && b.len() - i >= w.len() && b[i..i + w.len()].eq_ignore_ascii_case(w) {
                bits |= bit;
            }
        }
    }
    bits
}

/// Class weight and word-list facts of one class or id value.
#[derive(Clone, Copy)]
struct PartFacts {
    bits: u8,
    negative: bool,
    positive: bool,
}

fn part_facts(part: &str) -> PartFacts {
    let bits = word_bits(part);
    let hid = part.split_ascii_whitespace().any(|w| w.eq_ignore_ascii_case("hid"));
    PartFacts { bits, negative: bits & W_NEGATIVE != 0 || hid, positive: bits & W_POSITIVE != 0 }
}

/// Class weight, unlikely candidate, byline hint and comment section, from class and id.
/// `classes` remembers the facts of class values already seen: a page repeats a few hundred
/// class values over thousands of elements.
fn class_facts<'a>(class: &'a str, id: &str, classes: &mut FxHashMap<&'a str, PartFacts>) -> (i8, bool, bool, bool) {
    let mut weight = 0i8;
    let mut all = 0;
    let class_facts = (!class.is_empty()).then(|| *classes.entry(class).or_insert_with(|| part_facts(class)));
    let id_facts = (!id.is_empty()).then(|| part_facts(id));
    for f in [class_facts, id_facts].into_iter().flatten() {
        all |= f.bits;
        if f.negative {
            weight -= 25;
        }
        if f.positive {
            weight += 25;
        }
    }
    let unlikely = all & W_UNLIKELY != 0 && all & W_MAYBE == 0;
    (weight, unlikely, all & W_BYLINE != 0, all & W_COMMENTS != 0)
}

fn hidden_style(style: &str) -> bool {
    let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// Builds the tree. Linear in the input; never recursive.
fn parse(html: &str) -> Tree {
    let b = html.as_bytes();
    let mut nodes: Vec<Node> = Vec::with_capacity(html.len() / 40 + 4);
    let mut text = String::with_capacity(html.len() / 3);
    let mut meta = RawMeta::default();
    let mut classes: FxHashMap<&str, PartFacts> = FxHashMap::default();
    let mut spare_attrs = Vec::new();
    // The root: a synthetic body that holds everything.
    nodes.push(Node { tag: Tag::Body, parent: NONE, end: 0, text: (0, 0), class_weight: 0, flags: 0, class_hash: 0 });
    let mut stack: Vec<u32> = vec![0];
    let mut i = 0;
    let close_to = |nodes: &mut Vec<Node>, stack: &mut Vec<u32>, depth: usize| {
        while stack.len() > depth.max(1) {
            let n = stack.pop().unwrap() as usize;
            nodes[n].end = nodes.len() as u32;
        }
    };
    while i < b.len() {
        if b[i] != b'<' {
            let next = memchr(html, i, b'<').unwrap_or(b.len());
            push_text(&mut nodes, &mut text, *stack.last().unwrap(), &html[i..next]);
            i = next;
            continue;
        }
        let c = b.get(i + 1).copied().unwrap_or(0);
        if c == b'!' || c == b'?' {
            if html[i..].starts_with("<!--") {
                i = html[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
            } else {
                i = memchr(html, i, b'>').map_or(b.len(), |e| e + 1);
            }
            continue;
        }
        if c == b'/' && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic) {
            let close = memchr(html, i, b'>').unwrap_or(b.len());
            let name = html[i + 2..close].split(|ch: char| ch.is_ascii_whitespace() || ch == '/').next().unwrap_or("");
            i = close + 1;
            let tag = tag_of(name);
            if tag == Tag::Br {
                add_leaf(&mut nodes, *stack.last().unwrap(), Tag::Br);
                continue;
            }
            if matches!(tag, Tag::Html | Tag::Body | Tag::Head) {
                continue; // content after </body> still belongs to the page
            }
            if let Some(p) = stack.iter().rposition(|&n| nodes[n as usize].tag == tag) {
                if p > 0 {
                    close_to(&mut nodes, &mut stack, p);
                }
            }
            continue;
        }
        if !c.is_ascii_alphabetic() {
            push_text(&mut nodes, &mut text, *stack.last().unwrap(), "<");
            i += 1;
            continue;
        }
        let Some(st) = parse_start_tag(html, i, std::mem::take(&mut spare_attrs)) else { break };
        i = st.next;
        let tag = tag_of(st.name);
        match tag {
            Tag::Html => {
                if meta.lang.is_none() {
                    meta.lang = st.attr("lang").filter(|l| !l.is_empty()).map(Cow::into_owned);
                }
                spare_attrs = st.attrs;
                continue;
            }
            Tag::Body | Tag::Head => {
                spare_attrs = st.attrs;
                continue;
            }
            Tag::Meta => {
                read_meta(&st, &mut meta);
                spare_attrs = st.attrs;
                continue;
            }
            Tag::Time if meta.times.len() < 64 => {
                if let Some(d) = st.attr("datetime").filter(|d| !d.trim().is_empty()) {
                    let marked = st.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datepublished")) || st.has("pubdate")
                        || st.attr("class").is_some_and(|c| c.to_ascii_lowercase().contains("publish"));
                    meta.times.push((nodes.len() as u32, d.into_owned(), marked));
                }
            }
            _ => {}
        }
        // Raw text: find the end tag, whatever lies between.
        if matches!(tag, Tag::Script | Tag::Style | Tag::Title | Tag::Textarea | Tag::Noscript | Tag::Template | Tag::Iframe)
            || ["xmp", "noembed", "noframes", "plaintext"].iter().any(|n| st.name.eq_ignore_ascii_case(n))
        {
            let end = find_end_tag(html, i, st.name).unwrap_or(b.len());
            let raw = &html[i..end];
            if tag == Tag::Title && meta.doc_title.is_empty() {
                meta.doc_title = collapse(&decode_entities(raw));
            }
            if tag == Tag::Script && st.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) && meta.json_ld.len() < 16 {
                meta.json_ld.push(raw.to_string());
            }
            i = memchr(html, end, b'>').map_or(b.len(), |e| e + 1);
            spare_attrs = st.attrs;
            continue;
        }
        // Implied end tags (the common cases of the HTML tree builder).
        let top_tag = |nodes: &Vec<Node>, stack: &Vec<u32>| nodes[*stack.last().unwrap() as usize].tag;
        if tag.closes_p() || tag == Tag::Li || tag == Tag::Dt || tag == Tag::Dd {
            if let Some(p) = stack.iter().rposition(|&n| matches!(nodes[n as usize].tag, Tag::P | Tag::Td | Tag::Th | Tag::Table | Tag::Button | Tag::Li | Tag::Div)) {
                if nodes[stack[p] as usize].tag == Tag::P {
                    close_to(&mut nodes, &mut stack, p);
                }
            }
        }
        match tag {
            Tag::Li => close_open(&mut nodes, &mut stack, &[Tag::Li], &[Tag::Ul, Tag::Ol, Tag::Menu, Tag::Table], &close_to),
            Tag::Dt | Tag::Dd => close_open(&mut nodes, &mut stack, &[Tag::Dt, Tag::Dd], &[Tag::Dl, Tag::Table], &close_to),
            Tag::Td | Tag::Th => close_open(&mut nodes, &mut stack, &[Tag::Td, Tag::Th], &[Tag::Tr, Tag::Table], &close_to),
            Tag::Tr => close_open(&mut nodes, &mut stack, &[Tag::Tr], &[Tag::Table], &close_to),
            Tag::Option => close_open(&mut nodes, &mut stack, &[Tag::Option], &[Tag::Select], &close_to),
            Tag::A => close_open(&mut nodes, &mut stack, &[Tag::A], &[Tag::Td, Tag::Th, Tag::Table], &close_to),
            t if t.is_heading() && top_tag(&nodes, &stack).is_heading() => {
                let d = stack.len() - 1;
                close_to(&mut nodes, &mut stack, d);
            }
            _ => {}
        }
        let class = st.attr("class").unwrap_or_default();
        let id = st.attr("id").unwrap_or_default();
        let (class_weight, unlikely, byline, comments) = if class.is_empty() && id.is_empty() {
            (0, false, false, false)
        } else {
            match &class {
                // Borrowed from the page: remembered by value.
                Cow::Borrowed(c) => class_facts(*c, &id, &mut classes),
                Cow::Owned(c) => class_facts(c, &id, &mut FxHashMap::default()),
            }
        };
        let mut flags = 0;
        if comments {
            flags |= COMMENTS;
        }
        if st.has("hidden") || st.attr("style").is_some_and(|s| hidden_style(&s))
            || st.attr("aria-hidden").is_some_and(|v| v.trim() == "true") && !class.contains("fallback-image")
        {
            flags |= HIDDEN;
        }
        if unlikely {
            flags |= UNLIKELY;
        }
        let rel_author = st.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("author"));
        let itemprop = st.attr("itemprop");
        let itemprop_author = itemprop.as_ref().is_some_and(|r| r.contains("author"));
        if itemprop.as_ref().is_some_and(|r| r.contains("name")) {
            flags |= ITEMPROP_NAME;
        }
        if byline || rel_author || itemprop_author {
            flags |= BYLINE_HINT;
        }
        if tag == Tag::A && st.attr("href").is_some_and(|h| h.starts_with('#') && h.len() > 1) {
            flags |= HASH_LINK;
        }
        if st.attr("role").is_some_and(|r| matches!(r.trim(), "menu" | "menubar" | "complementary" | "navigation" | "alert" | "alertdialog" | "dialog")) {
            flags |= ROLE_UNLIKELY;
        }
        let parent = *stack.last().unwrap();
        let idx = nodes.len() as u32;
        nodes.push(Node { tag, parent, end: idx + 1, text: (0, 0), class_weight, flags, class_hash: if class.is_empty() { 0 } else { hash(&class) } });
        if !(tag.is_void() || st.self_closing && matches!(tag, Tag::Other | Tag::Svg | Tag::Math)) && stack.len() < MAX_DEPTH {
            stack.push(idx);
        }
        spare_attrs = st.attrs;
    }
    close_to(&mut nodes, &mut stack, 1);
    nodes[0].end = nodes.len() as u32;
    Tree { nodes, text, meta }
}

/// Closes the innermost open element among `targets` unless a `boundary` is nearer.
fn close_open(nodes: &mut Vec<Node>, stack: &mut Vec<u32>, targets: &[Tag], boundary: &[Tag], close_to: &dyn Fn(&mut Vec<Node>, &mut Vec<u32>, usize)) {
    for p in (1..stack.len()).rev() {
        let t = nodes[stack[p] as usize].tag;
        if targets.contains(&t) {
            close_to(nodes, stack, p);
            return;
        }
        if boundary.contains(&t) {
            return;
        }
    }
}

/// The first ASCII byte `c` at or after `from`, by the standard library's word-at-a-time search
/// (`from` is always just after an ASCII byte, so a char boundary; a byte loop otherwise).
fn memchr(html: &str, from: usize, c: u8) -> Option<usize> {
    match html.get(from..) {
        Some(s) => s.find(c as char).map(|p| from + p),
        None => html.as_bytes().get(from..)?.iter().position(|&x| x == c).map(|p| from + p),
    }
}


fn add_leaf(nodes: &mut Vec<Node>, parent: u32, tag: Tag) {
    let idx = nodes.len() as u32;
    nodes.push(Node { tag, parent, end: idx + 1, text: (0, 0), class_weight: 0, flags: 0, class_hash: 0 });
}

fn push_text(nodes: &mut Vec<Node>, text: &mut String, parent: u32, raw: &str) {
    if raw.is_empty() {
        return;
    }
    let start = text.len() as u32;
    if raw.contains('&') {
        text.push_str(&decode_entities(raw));
    } else {
        text.push_str(raw);
    }
    let idx = nodes.len() as u32;
    nodes.push(Node { tag: Tag::Text, parent, end: idx + 1, text: (start, text.len() as u32), class_weight: 0, flags: 0, class_hash: 0 });
}

fn read_meta(st: &StartTag, meta: &mut RawMeta) {
    let Some(content) = st.attr("content") else { return };
    let content = content.trim().to_string();
    if content.is_empty() {
        return;
    }
    // As Readability: `property` holds `ns:field` somewhere in a list ("og:article:author" gives
    // "article:author"); `name` is kept under its lowercased form with dots as colons.
    if let Some(key) = st.attr("property").and_then(|p| property_key(&p)) {
        meta.values.push((key, content));
        return;
    }
    if let Some(name) = st.attr("name") {
        let key = meta_key(&name);
        meta.values.push((if is_readability_name(&key) { key } else { format!("name:{key}") }, content.clone()));
    }
    // Microdata (`itemprop`) is read under its own prefix: Readability ignores it, so it only
    // fills in what the tags Readability reads leave empty.
    if let Some(prop) = st.attr("itemprop") {
        meta.values.push((format!("itemprop:{}", meta_key(&prop)), content));
    }
}

fn meta_key(name: &str) -> String {
    name.to_ascii_lowercase().chars().filter(|c| !c.is_whitespace()).map(|c| if c == '.' { ':' } else { c }).collect()
}

/// The first `(article|dc|dcterm|og|twitter):(author|creator|description|published_time|title|site_name)`
/// in a `property` attribute, wherever it starts.
fn property_key(prop: &str) -> Option<String> {
    const NS: &[&str] = &["article", "dcterm", "dc", "og", "twitter"];
    const FIELDS: &[&str] = &["author", "creator", "description", "published_time", "title", "site_name"];
    let l: String = prop.to_ascii_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
    (0..l.len()).filter(|&i| l.is_char_boundary(i)).find_map(|i| {
        let rest = &l[i..];
        let ns = NS.iter().find(|ns| rest.strip_prefix(**ns).is_some_and(|r| r.starts_with(':')))?;
        let field = FIELDS.iter().find(|f| rest[ns.len() + 1..].starts_with(**f))?;
        Some(format!("{ns}:{field}"))
    })
}

/// Readability reads these `name`s only (its namePattern); other names are not metadata for it.
fn is_readability_name(key: &str) -> bool {
    let field = ["dc", "dcterm", "og", "twitter", "parsely", "weibo:article", "weibo:webpage"]
        .iter()
        .find_map(|ns| key.strip_prefix(ns).and_then(|r| r.strip_prefix(['-', ':'])))
        .unwrap_or(key);
    matches!(field, "author" | "creator" | "pub-date" | "description" | "title" | "site_name")
}

// ---------------------------------------------------------------- scoring

#[derive(Clone, Copy, Default)]
struct Stats {
    /// Characters of text, white-space runs counted once.
    chars: u32,
    link_chars: f32,
    commas: u32,
    p: u32,
    img: u32,
    li: u32,
    input: u32,
    embed: u32,
    heading_chars: u32,
    list_chars: u32,
    /// Characters not inside a nested block element (inline text of this block).
    inline_chars: u32,
    inline_commas: u32,
    has_block_child: bool,
}

/// What a byte of UTF-8 text may be, for the byte loops over text: bit flags.
const ASCII_SPACE: u8 = 1;
/// A lead byte of U+0085, U+1680, U+2000–U+205F or U+3000 (breaking spaces), or of U+00A0.
const SPACE_LEAD: u8 = 2;
/// A lead byte of a non-ASCII comma (U+060C, U+2E32.., U+FE10.., U+FF0C) or of a space.
const COMMA_OR_SPACE_LEAD: u8 = 4;
const CONTINUATION: u8 = 8;
const COMMA: u8 = 16;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => ASCII_SPACE,
            b',' => COMMA,
            0x80..=0xBF => CONTINUATION,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => SPACE_LEAD | COMMA_OR_SPACE_LEAD,
            0xD8 | 0xEF => COMMA_OR_SPACE_LEAD,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// Characters (white-space runs counted once) and commas of a text, as Readability counts them.
/// Byte by byte: only the lead bytes of the few non-ASCII spaces and commas are decoded.
fn text_stats(s: &str) -> (u32, u32) {
    let b = s.as_bytes();
    let mut chars = 0;
    let mut commas = 0;
    let mut prev_space = true;
    for (i, &c) in b.iter().enumerate() {
        let class = BYTE_CLASS[c as usize];
        if class == 0 {
            chars += 1;
            prev_space = false;
            continue;
        }
        let (space, comma) = if class & ASCII_SPACE != 0 {
            (true, false)
        } else if class & COMMA != 0 {
            (false, true)
        } else if class & CONTINUATION != 0 {
            continue;
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            (ch.is_whitespace(), matches!(ch, '\u{060C}' | '\u{FE50}' | '\u{FE10}' | '\u{FE11}' | '\u{2E41}' | '\u{2E34}' | '\u{2E32}' | '\u{FF0C}'))
        };
        if space {
            if !prev_space {
                chars += 1;
            }
            prev_space = true;
        } else {
            chars += 1;
            prev_space = false;
            commas += comma as u32;
        }
    }
    (chars, commas)
}

struct Flags {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
}

struct Extraction {
    /// Root nodes of the article, in document order.
    roots: Vec<usize>,
    removed: Vec<bool>,
    chars: u32,
}

impl Tree {
    fn node_text(&self, n: usize) -> &str {
        let (a, b) = self.nodes[n].text;
        &self.text[a as usize..b as usize]
    }

    fn inner_text(&self, n: usize, removed: &[bool]) -> String {
        let mut s = String::new();
        let mut i = n;
        let end = self.nodes[n].end as usize;
        while i < end {
            if removed[i] {
                i = self.nodes[i].end as usize;
                continue;
            }
            if self.nodes[i].tag == Tag::Text {
                s.push_str(self.node_text(i));
            }
            i += 1;
        }
        collapse(&s)
    }

    /// Removal flags before scoring: chrome, hidden, unlikely candidates.
    fn initial_removed(&self, flags: &Flags) -> Vec<bool> {
        let n = self.nodes.len();
        let mut removed = vec![false; n];
        let mut in_table_or_code = vec![false; n];
        for i in 1..n {
            let node = &self.nodes[i];
            let p = node.parent as usize;
            in_table_or_code[i] = in_table_or_code[p] || matches!(self.nodes[p].tag, Tag::Table | Tag::Code);
            if removed[p] {
                removed[i] = true;
                continue;
            }
            let t = node.tag;
            removed[i] = t.is_chrome() || node.flags & HIDDEN != 0
                || flags.strip_unlikely && t != Tag::A && !in_table_or_code[i]
                    && (node.flags & UNLIKELY != 0 || node.flags & ROLE_UNLIKELY != 0);
        }
        removed
    }

    fn stats(&self, removed: &[bool]) -> Vec<Stats> {
        let n = self.nodes.len();
        let mut st = vec![Stats::default(); n];
        let mut in_link = vec![false; n];
        let mut link_weight = vec![1.0f32; n];
        for i in 1..n {
            let p = self.nodes[i].parent as usize;
            in_link[i] = in_link[p] || self.nodes[i].tag == Tag::A;
            link_weight[i] = if self.nodes[i].tag == Tag::A {
                if self.nodes[i].flags & HASH_LINK != 0 { 0.3 } else { 1.0 }
            } else {
                link_weight[p]
            };
        }
        for i in (1..n).rev() {
            if removed[i] {
                continue;
            }
            let node = &self.nodes[i];
            let mut s = st[i];
            match node.tag {
                Tag::Text => {
                    let (c, k) = text_stats(self.node_text(i));
                    s.chars = c;
                    s.commas = k;
                    s.inline_chars = c;
                    s.inline_commas = k;
                    if in_link[i] {
                        s.link_chars = c as f32 * link_weight[i];
                    }
                }
                Tag::P => s.p += 1,
                Tag::Img => s.img += 1,
                Tag::Li => s.li += 1,
                Tag::Input => s.input += 1,
                Tag::Embed | Tag::Object | Tag::Iframe => s.embed += 1,
                t if t.is_heading() => s.heading_chars = s.chars,
                Tag::Ul | Tag::Ol => s.list_chars = s.chars,
                _ => {}
            }
            st[i] = s;
            let p = node.parent as usize;
            let ps = &mut st[p];
            ps.chars += s.chars;
            ps.link_chars += s.link_chars;
            ps.commas += s.commas;
            ps.p += s.p;
            ps.img += s.img;
            ps.li += s.li;
            ps.input += s.input;
            ps.embed += s.embed;
            ps.heading_chars += s.heading_chars;
            ps.list_chars += s.list_chars;
            if node.tag.is_block() {
                ps.has_block_child = true;
            } else {
                ps.inline_chars += s.inline_chars;
                ps.inline_commas += s.inline_commas;
            }
        }
        st
    }

    fn link_density(st: &Stats) -> f32 {
        if st.chars == 0 { 0.0 } else { st.link_chars / st.chars as f32 }
    }

    fn tag_score(tag: Tag) -> f32 {
        use Tag::*;
        match tag {
            Div => 5.0,
            Pre | Td | Blockquote => 3.0,
            Address | Ol | Ul | Dl | Dd | Dt | Li | Form => -3.0,
            H1 | H2 | H3 | H4 | H5 | H6 | Th => -5.0,
            _ => 0.0,
        }
    }

    fn grab(&self, flags: &Flags) -> Extraction {
        let n = self.nodes.len();
        let mut removed = self.initial_removed(flags);
        let st = self.stats(&removed);
        let mut score = vec![f32::NAN; n];
        let weight = |i: usize| if flags.weight_classes { self.nodes[i].class_weight as f32 } else { 0.0 };
        let mut candidates: Vec<usize> = Vec::new();
        for i in 1..n {
            if removed[i] {
                continue;
            }
            let node = &self.nodes[i];
            if node.tag == Tag::Text || !(node.tag.is_block() || node.tag.is_paragraph_like()) {
                continue;
            }
            // A paragraph: a p-like element, a block with no block children (Readability turns
            // such a div into a p), or the inline text of a mixed block (wrapped in a virtual p).
            let s = &st[i];
            let (chars, commas, first_ancestor) = if node.tag.is_paragraph_like() || !s.has_block_child {
                if node.tag.is_paragraph_like() { (s.chars, s.commas, node.parent) } else { (s.inline_chars, s.inline_commas, node.parent) }
            } else {
                (s.inline_chars, s.inline_commas, i as u32)
            };
            if chars < 25 {
                continue;
            }
            let para_score = 1.0 + commas as f32 + (chars / 100).min(3) as f32;
            let mut a = first_ancestor;
            let mut level = 0;
            while a != NONE && level < 5 {
                let ai = a as usize;
                if ai == 0 && level > 0 {
                    break;
                }
                if score[ai].is_nan() {
                    score[ai] = Self::tag_score(self.nodes[ai].tag) + weight(ai);
                    candidates.push(ai);
                }
                let div = match level { 0 => 1.0, 1 => 2.0, l => l as f32 * 3.0 };
                score[ai] += para_score / div;
                a = self.nodes[ai].parent;
                level += 1;
            }
        }
        // Final scores: weighted by link density.
        for &c in &candidates {
            score[c] *= 1.0 - Self::link_density(&st[c]);
        }
        crate::sort::sort_by(&mut candidates, |&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
        let Some(&best) = candidates.first() else {
            return Extraction { roots: vec![0], chars: st[0].chars, removed };
        };
        let mut top = best;
        let top_score = score[top];
        // Readability: when other strong candidates share an ancestor with the best one, that ancestor is the article.
        let alternatives: Vec<usize> = candidates[1..].iter().copied().filter(|&c| score[c] / top_score >= 0.75).take(5).collect();
        if alternatives.len() >= 3 {
            let mut p = self.nodes[top].parent;
            while p != NONE && p != 0 {
                let pi = p as usize;
                let contains = alternatives.iter().filter(|&&c| pi < c && c < self.nodes[pi].end as usize).count();
                if contains >= 3 {
                    top = pi;
                    break;
                }
                p = self.nodes[pi].parent;
            }
        }
        // Climb while the parent scores better (and enough).
        let mut last = if score[top].is_nan() { 0.0 } else { score[top] };
        let threshold = last / 3.0;
        let mut p = self.nodes[top].parent;
        while p != NONE && p != 0 {
            let pi = p as usize;
            if score[pi].is_nan() {
                p = self.nodes[pi].parent;
                continue;
            }
            if score[pi] < threshold {
                break;
            }
            if score[pi] > last {
                top = pi;
                break;
            }
            last = score[pi];
            p = self.nodes[pi].parent;
        }
        // An only child: its parent is the article.
        while top != 0 {
            let pi = self.nodes[top].parent as usize;
            if pi == 0 || self.element_children(pi, &removed).count() != 1 {
                break;
            }
            top = pi;
        }
        let top_score = if score[top].is_nan() { top_score } else { score[top] };
        // Siblings.
        let mut roots = Vec::new();
        if top == 0 {
            roots.push(0);
        } else {
            let parent = self.nodes[top].parent as usize;
            let threshold = (top_score * 0.2).max(10.0);
            let top_class = self.nodes[top].class_hash;
            for s in self.element_children(parent, &removed).collect::<Vec<_>>() {
                if s == top {
                    roots.push(s);
                    continue;
                }
                let mut bonus = 0.0;
                if top_class != 0 && self.nodes[s].class_hash == top_class {
                    bonus = top_score * 0.2;
                }
                let sc = if score[s].is_nan() { f32::NEG_INFINITY } else { score[s] };
                let mut append = sc + bonus >= threshold;
                if !append && (self.nodes[s].tag == Tag::P || !st[s].has_block_child && self.nodes[s].tag == Tag::Div) {
                    let ld = Self::link_density(&st[s]);
                    let len = st[s].chars;
                    if len > 80 && ld < 0.25 {
                        append = true;
                    } else if len < 80 && len > 0 && ld == 0.0 {
                        let t = self.inner_text(s, &removed);
                        append = t.ends_with('.') || t.contains(". ");
                    }
                }
                if append {
                    roots.push(s);
                }
            }
        }
        // Clean inside the article; its length is what stays of the roots' text.
        let mut chars: u32 = roots.iter().map(|&r| st[r].chars).sum();
        if flags.clean_conditionally {
            for &r in &roots {
                chars -= self.clean(r, &st, &mut removed, flags);
            }
        }
        Extraction { roots, removed, chars }
    }

    fn element_children<'a>(&'a self, parent: usize, removed: &'a [bool]) -> impl Iterator<Item = usize> + 'a {
        let end = self.nodes[parent].end as usize;
        let mut i = parent + 1;
        std::iter::from_fn(move || {
            while i < end {
                let c = i;
                i = self.nodes[c].end as usize;
                let t = self.nodes[c].tag;
                if removed[c] || t == Tag::Br {
                    continue;
                }
                if t == Tag::Text {
                    if self.node_text(c).trim().is_empty() {
                        continue;
                    }
                    return Some(c);
                }
                return Some(c);
            }
            None
        })
    }

    /// The page's publication time from a `<time datetime>`: one marked as such (itemprop,
    /// pubdate, a "published" class), else the first in the article or in what comes before
    /// it outside navigation and sidebars. Never one in a comment section or after the article.
    fn publication_time(&self, e: &Extraction) -> Option<String> {
        let start = *e.roots.first()?;
        let end = e.roots.iter().map(|&r| self.nodes[r].end as usize).max()?;
        // The article's container: the nearest <article> or <main> around it, else its roots.
        let mut container = (start, end);
        let mut p = self.nodes[start].parent;
        while p != NONE && p != 0 {
            if matches!(self.nodes[p as usize].tag, Tag::Article | Tag::Main) {
                container = (p as usize, end.max(self.nodes[p as usize].end as usize));
                break;
            }
            p = self.nodes[p as usize].parent;
        }
        // In a comment section, or (unless marked) in navigation, a sidebar or a page footer.
        let excluded = |i: usize, marked: bool| {
            let mut p = i as u32;
            while p != NONE {
                let n = &self.nodes[p as usize];
                let page_part = matches!(n.tag, Tag::Nav | Tag::Aside) || n.tag == Tag::Footer && !(container.0 < p as usize && (p as usize) < container.1);
                if n.flags & COMMENTS != 0 || !marked && page_part {
                    return true;
                }
                p = n.parent;
            }
            false
        };
        let times = &self.meta.times;
        times.iter().find(|(i, _, marked)| *marked && !excluded(*i as usize, true))
            .or_else(|| times.iter().find(|(i, _, _)| {
                let i = *i as usize;
                (i < container.1 && i >= container.0 || i < start && self.nodes[i].flags & UNLIKELY == 0) && !excluded(i, false)
            }))
            .map(|(_, d, _)| d.clone())
    }

    /// The first element in Readability's walk that reads as a byline.
    fn byline_element(&self, strip_unlikely: bool) -> Option<usize> {
        let mut i = 1;
        while i < self.nodes.len() {
            let node = &self.nodes[i];
            if node.flags & HIDDEN != 0 || matches!(node.tag, Tag::Head | Tag::Template | Tag::Script | Tag::Style | Tag::Noscript) {
                i = node.end as usize;
                continue;
            }
            if node.flags & BYLINE_HINT != 0 && node.tag != Tag::Text {
                let len = self.raw_trimmed_len(i, 100);
                if len > 0 && len < 100 {
                    return Some(i);
                }
            }
            let unlikely = strip_unlikely && node.flags & (UNLIKELY | ROLE_UNLIKELY) != 0 && node.tag != Tag::A && !self.in_table_or_code(i);
            i = if unlikely { node.end as usize } else { i + 1 };
        }
        None
    }

    fn in_table_or_code(&self, i: usize) -> bool {
        let mut p = self.nodes[i].parent;
        while p != NONE {
            if matches!(self.nodes[p as usize].tag, Tag::Table | Tag::Code) {
                return true;
            }
            p = self.nodes[p as usize].parent;
        }
        false
    }

    /// Length in characters of a subtree's text as written, trimmed (the DOM's
    /// `textContent.trim().length`), counted up to `cap`.
    fn raw_trimmed_len(&self, n: usize, cap: usize) -> usize {
        let (mut len, mut to_last_visible) = (0, 0);
        for j in (n..self.nodes[n].end as usize).filter(|&j| self.nodes[j].tag == Tag::Text) {
            for c in self.node_text(j).chars() {
                if len == 0 && c.is_whitespace() {
                    continue;
                }
                len += 1;
                if !c.is_whitespace() {
                    to_last_visible = len;
                    if to_last_visible >= cap {
                        return cap;
                    }
                }
            }
        }
        to_last_visible
    }

    /// Readability's conditional cleaning of tables, lists and divs, plus headers with negative
    /// weight. Returns the characters removed (as `stats` counts them).
    fn clean(&self, root: usize, st: &[Stats], removed: &mut [bool], flags: &Flags) -> u32 {
        let mut dropped = 0;
        let end = self.nodes[root].end as usize;
        let mut i = root + 1;
        while i < end {
            if removed[i] {
                i = self.nodes[i].end as usize;
                continue;
            }
            let node = &self.nodes[i];
            let weight = if flags.weight_classes { node.class_weight as i32 } else { 0 };
            let drop = match node.tag {
                Tag::H1 | Tag::H2 => weight < 0,
                Tag::Table | Tag::Ul | Tag::Ol | Tag::Div | Tag::Section | Tag::Header | Tag::Figure => self.should_clean(i, st, weight),
                _ => false,
            };
            if drop {
                removed[i..self.nodes[i].end as usize].iter_mut().for_each(|r| *r = true);
                dropped += st[i].chars;
                i = self.nodes[i].end as usize;
                continue;
            }
            i += 1;
        }
        dropped
    }

    fn should_clean(&self, i: usize, st: &[Stats], weight: i32) -> bool {
        let node = &self.nodes[i];
        let s = &st[i];
        let mut anc = node.parent;
        let mut figure_child = false;
        let mut depth = 0;
        while anc != NONE && depth < 64 {
            let t = self.nodes[anc as usize].tag;
            if t == Tag::Code || t == Tag::Pre {
                return false;
            }
            figure_child |= t == Tag::Figure;
            anc = self.nodes[anc as usize].parent;
            depth += 1;
        }
        if node.tag == Tag::Table && s.chars > 0 && s.link_chars / (s.chars as f32) < 0.5 && s.p == 0 {
            return false; // probably a data table
        }
        if weight < 0 {
            return true;
        }
        if s.commas >= 10 {
            return false;
        }
        let is_list = matches!(node.tag, Tag::Ul | Tag::Ol) || s.chars > 0 && s.list_chars as f32 / s.chars as f32 > 0.9;
        let p = s.p as i64;
        let img = s.img as i64;
        let li = s.li as i64 - 100;
        let input = s.input as i64;
        let heading_density = if s.chars == 0 { 0.0 } else { s.heading_chars as f32 / s.chars as f32 };
        let content_len = s.chars;
        let ld = Self::link_density(s);
        (!figure_child && img > 1 && (p as f32 / img as f32) < 0.5)
            || (!is_list && li > p)
            || input > p / 3
            || (!is_list && !figure_child && heading_density < 0.9 && content_len < 25 && (img == 0 || img > 2) && ld > 0.0)
            || (!is_list && weight < 25 && ld > 0.2)
            || (weight >= 25 && ld > 0.5)
            || (s.embed == 1 && content_len < 75 || s.embed > 1)
            || (img == 0 && content_len == 0)
    }
}

// ---------------------------------------------------------------- output

struct Writer {
    out: String,
    hints: Vec<(Span, BlockKind)>,
    block_start: Option<usize>,
    block_kind: BlockKind,
    /// A block boundary is pending: the next text starts a new block.
    pending_break: bool,
    pending_space: bool,
}

impl Writer {
    fn new(cap: usize) -> Writer {
        Writer { out: String::with_capacity(cap), hints: Vec::new(), block_start: None, block_kind: BlockKind::Paragraph, pending_break: false, pending_space: false }
    }

    fn end_block(&mut self) {
        if let Some(s) = self.block_start.take() {
            let e = self.out.trim_end().len();
            if self.block_kind != BlockKind::Paragraph && e > s {
                self.hints.push((Span::new(s, e), self.block_kind));
            }
            self.out.truncate(e);
        }
        self.pending_break = true;
        self.pending_space = false;
    }

    fn line_break(&mut self) {
        if self.block_start.is_some() {
            let e = self.out.trim_end().len();
            self.out.truncate(e);
            self.out.push('\n');
            self.pending_space = false;
        }
    }

    /// Appends a text node's words, white space collapsed (no-break spaces are kept: French
    /// typography). Runs of words with single spaces between them are copied at once.
    fn text(&mut self, s: &str, kind: BlockKind) {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let w = breaking_space_len(s, i);
            if w > 0 {
                self.pending_space = true;
                i += w;
                continue;
            }
            let start = i;
            loop {
                while i < b.len() && !maybe_breaking_space(b[i]) {
                    i += 1;
                }
                if i == b.len() {
                    break;
                }
                if b[i] == b' ' && i + 1 < b.len() && !maybe_breaking_space(b[i + 1]) {
                    i += 2;
                    continue;
                }
                if breaking_space_len(s, i) > 0 {
                    break;
                }
                i += 1;
            }
            self.piece(&s[start..i], kind);
        }
    }

    fn piece(&mut self, piece: &str, kind: BlockKind) {
        if self.block_start.is_some() && kind != self.block_kind {
            self.end_block();
        }
        if self.block_start.is_none() {
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
            self.block_start = Some(self.out.len());
            self.block_kind = kind;
            self.pending_break = false;
        } else if self.pending_space && !self.out.ends_with('\n') {
            self.out.push(' ');
        }
        self.pending_space = false;
        self.out.push_str(piece);
    }
}

/// Whether a byte may start a breaking space (ASCII white space or the lead byte of one).
#[inline(always)]
fn maybe_breaking_space(b: u8) -> bool {
    BYTE_CLASS[b as usize] & (ASCII_SPACE | SPACE_LEAD) != 0
}

/// Byte length of the white space at `s[i..]` that breaks a line of text (Unicode's White_Space
/// but the no-break spaces U+00A0 and U+202F), 0 if none; `i` may be inside a character.
fn breaking_space_len(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    match b[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => 1,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => match s.get(i..).and_then(|r| r.chars().next()) {
            Some(c) if c.is_whitespace() && c != '\u{A0}' && c != '\u{202F}' => c.len_utf8(),
            _ => 0,
        },
        _ => 0,
    }
}

/// What a visible node of the page is, for the text and its blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Article,
    Byline,
    /// The rest of the page's visible text: menus, share bars, related links, comments, footers.
    Boilerplate,
}

impl Tag {
    /// Never text a reader sees: metadata, code, embedded and replaced content, form controls.
    fn is_invisible(self) -> bool {
        use Tag::*;
        matches!(self, Head | Script | Style | Title | Meta | Link | Template | Noscript | Svg | Math | Canvas | Video
            | Audio | Iframe | Object | Embed | Select | Option | Textarea | Input | Button | Dialog)
    }
}

impl Tree {
    /// Writes the page's visible text in document order: the article's blocks with their
    /// kinds, everything else as boilerplate blocks (kept, so the page can show it dimmed,
    /// and left out of the analysis). Scripts, styles and hidden elements never become text.
    fn write_page(&self, e: &Extraction, byline: Option<usize>, title_heading: Option<usize>, w: &mut Writer) {
        let mut in_article = vec![false; self.nodes.len()];
        for &r in &e.roots {
            let end = self.nodes[r].end as usize;
            in_article[r..end].iter_mut().for_each(|a| *a = true);
        }
        let within = |i: usize, n: Option<usize>| n.is_some_and(|n| n <= i && i < self.nodes[n].end as usize);
        // Open blocks as (end index, kind); closing one ends the current text block.
        let mut open: Vec<(usize, BlockKind)> = Vec::new();
        let mut i = 1;
        while i < self.nodes.len() {
            while open.last().is_some_and(|&(e, _)| e <= i) {
                open.pop();
                w.end_block();
            }
            let node = &self.nodes[i];
            if node.tag.is_invisible() || node.flags & HIDDEN != 0 {
                i = node.end as usize;
                continue;
            }
            let role = if within(i, byline) {
                Role::Byline
            } else if in_article[i] && !e.removed[i] && !within(i, title_heading) {
                Role::Article
            } else {
                Role::Boilerplate
            };
            match node.tag {
                Tag::Text => {
                    let kind = match role {
                        Role::Article => open.last().map_or(BlockKind::Paragraph, |o| o.1),
                        Role::Byline => BlockKind::Byline,
                        Role::Boilerplate => BlockKind::Boilerplate,
                    };
                    w.text(self.node_text(i), kind);
                }
                Tag::Br => w.line_break(),
                Tag::Td | Tag::Th => w.pending_space = true,
                t if t.is_block() => {
                    w.end_block();
                    let inherited = open.last().map_or(BlockKind::Paragraph, |o| o.1);
                    let kind = match t {
                        _ if t.is_heading() => BlockKind::Heading,
                        Tag::Li | Tag::Dd | Tag::Dt => BlockKind::ListItem,
                        Tag::Blockquote => BlockKind::Quote,
                        _ => inherited,
                    };
                    if node.end as usize > i + 1 {
                        open.push((node.end as usize, kind));
                    }
                }
                _ => {}
            }
            i += 1;
        }
        w.end_block();
    }
}

// ---------------------------------------------------------------- metadata

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Readability's title from `<title>`: the site name after a separator is dropped,
/// a lone `<h1>` is used for very short or long titles.
fn article_title(tree: &Tree, h1s: &[String], h1h2: &[String]) -> String {
    let orig = tree.meta.doc_title.trim().to_string();
    let mut cur = orig.clone();
    let seps = [" | ", " - ", " – ", " — ", " \\ ", " / ", " > ", " » "];
    let mut hierarchical = false;
    let positions: Vec<(usize, &str)> = seps.iter().flat_map(|s| orig.match_indices(s).map(move |(p, _)| (p, *s))).collect();
    if let Some(&(last, _)) = positions.iter().max_by_key(|p| p.0) {
        hierarchical = positions.iter().any(|(_, s)| matches!(*s, " \\ " | " / " | " > " | " » "));
        cur = orig[..last].to_string();
        if word_count(&cur) < 3 {
            let &(first, sep) = positions.iter().min_by_key(|p| p.0).unwrap();
            cur = orig[first + sep.len()..].to_string();
        }
    } else if cur.contains(": ") {
        if !h1h2.iter().any(|h| h.trim() == cur.trim()) {
            let last = orig.rfind(':').unwrap();
            cur = orig[last + 1..].to_string();
            let first = orig.find(':').unwrap();
            if word_count(&cur) < 3 {
                cur = orig[first + 1..].to_string();
            } else if word_count(&orig[..first]) > 5 {
                cur = orig.clone();
            }
        }
    } else if (cur.chars().count() > 150 || cur.chars().count() < 15) && h1s.len() == 1 {
        cur = h1s[0].clone();
    }
    let cur = collapse(&cur);
    let wc = word_count(&cur);
    let orig_wc = orig.split(|c| matches!(c, '|' | '-' | '–' | '—' | '\\' | '/' | '>' | '»')).map(word_count).sum::<usize>();
    if wc <= 4 && (!hierarchical || wc + 1 != orig_wc) {
        return collapse(&orig);
    }
    cur
}

struct JsonLd {
    title: Option<String>,
    byline: Option<String>,
    date: Option<String>,
}

fn is_article_type(v: &Json) -> bool {
    const TYPES: &[&str] = &[
        "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
        "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "Report",
        "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
        "LiveBlogPosting", "DiscussionForumPosting", "TechArticle", "APIReference",
    ];
    match v.get("@type") {
        Some(Json::String(t)) => TYPES.contains(&t.as_str()),
        Some(Json::Array(a)) => a.iter().any(|t| t.as_str().is_some_and(|t| TYPES.contains(&t))),
        _ => false,
    }
}

fn json_ld(tree: &Tree, doc_title: &str) -> Option<JsonLd> {
    for raw in &tree.meta.json_ld {
        let raw = raw.trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>");
        let Ok(v) = Json::parse(raw) else { continue };
        let mut candidates: Vec<&Json> = match &v {
            Json::Array(a) => a.iter().collect(),
            o => vec![o],
        };
        if let Some(g) = v.get("@graph").and_then(|g| g.as_array()) {
            candidates.extend(g.iter());
        }
        let Some(art) = candidates.into_iter().find(|c| is_article_type(c)) else { continue };
        let s = |k: &str| art.get(k).and_then(|x| x.as_str()).map(|x| collapse(x)).filter(|x| !x.is_empty());
        let title = match (s("name"), s("headline")) {
            (Some(n), Some(h)) if n != h => {
                if similarity(&h, doc_title) > 0.75 && similarity(&n, doc_title) <= 0.75 { Some(h) } else { Some(n) }
            }
            (n, h) => n.or(h),
        };
        let name_of = |a: &Json| match a {
            Json::String(s) => Some(s.trim().to_string()),
            o => o.get("name").and_then(|n| n.as_str()).map(|n| n.trim().to_string()),
        };
        let byline = match art.get("author") {
            Some(Json::Array(list)) => {
                let names: Vec<String> = list.iter().filter_map(name_of).filter(|n| !n.is_empty()).collect();
                (!names.is_empty()).then(|| names.join(", "))
            }
            Some(a) => name_of(a).filter(|n| !n.is_empty()),
            None => None,
        };
        return Some(JsonLd { title, byline, date: s("datePublished") });
    }
    None
}

/// Readability's text similarity: share of the second text's words that the first lacks, inverted.
fn similarity(a: &str, b: &str) -> f32 {
    let toks = |s: &str| s.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect::<Vec<_>>();
    let ta = toks(a);
    let tb = toks(b);
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let uniq: Vec<&String> = tb.iter().filter(|t| !ta.contains(t)).collect();
    let joined_len = tb.iter().map(|t| t.len() + 1).sum::<usize>().saturating_sub(1) as f32;
    let uniq_len = uniq.iter().map(|t| t.len() + 1).sum::<usize>().saturating_sub(1) as f32;
    1.0 - uniq_len / joined_len.max(1.0)
}

fn is_url(s: &str) -> bool {
    let l = s.trim().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("//")
}

// ---------------------------------------------------------------- entry point

/// Extracts the article from a saved page.
pub fn extract(html: &str) -> HtmlArticle {
    let tree = parse(html);
    // Headings, for the title.
    let mut h1s = Vec::new();
    let mut h1h2 = Vec::new();
    let none_removed = vec![false; tree.nodes.len()];
    let chrome = tree.initial_removed(&Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: false });
    for i in 1..tree.nodes.len() {
        let t = tree.nodes[i].tag;
        if (t == Tag::H1 || t == Tag::H2) && !chrome[i] && h1h2.len() < 64 {
            let s = tree.inner_text(i, &none_removed);
            if t == Tag::H1 {
                h1s.push(s.clone());
            }
            h1h2.push(s);
        }
    }
    let doc_title = article_title(&tree, &h1s, &h1h2);
    let ld = json_ld(&tree, &doc_title);
    let m = &tree.meta;
    let title = ld.as_ref().and_then(|l| l.title.clone())
        .or_else(|| ["dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title", "twitter:title", "parsely-title"]
            .iter().find_map(|k| m.get(k)).map(|s| collapse(&decode_entities(s))))
        .or_else(|| Some(doc_title.clone()).filter(|t| !t.is_empty()))
        .or_else(|| h1s.first().cloned());
    let meta_byline = ld.as_ref().and_then(|l| l.byline.clone())
        .or_else(|| ["dc:creator", "dcterm:creator", "author", "parsely-author"].iter().find_map(|k| m.get(k)).map(collapse))
        .or_else(|| m.get("article:author").filter(|a| !is_url(a)).map(collapse))
        .or_else(|| m.get("itemprop:author").filter(|a| !is_url(a)).map(collapse));

    // Main content, relaxing the filters when too little text is found (as Readability does).
    let mut best: Option<Extraction> = None;
    let mut passes = 0;
    for flags in [
        Flags { strip_unlikely: true, weight_classes: true, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: true, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: false },
    ] {
        let e = tree.grab(&flags);
        passes += 1;
        let enough = e.chars >= 500;
        if best.as_ref().is_none_or(|b| e.chars > b.chars) {
            best = Some(e);
        }
        if enough {
            break;
        }
    }
    let e = best.unwrap();
    let date = ld.as_ref().and_then(|l| l.date.clone())
        .or_else(|| ["article:published_time", "parsely-pub-date", "itemprop:datepublished", "name:dc:date", "name:dc:date:issued", "name:dcterms:created", "name:date", "name:pubdate", "name:publishdate"].iter().find_map(|k| m.get(k)).map(str::to_string))
        .or_else(|| tree.publication_time(&e))
        .and_then(|d| normalize_date(&d));

    // Without a byline in the metadata, the first element marked as one (class, rel or itemprop
    // "author") gives it, and leaves the body. The walk is Readability's: hidden elements are not
    // entered, nor unlikely ones unless the first pass found too little text; the length counts
    // white space as written.
    let mut byline_node = None;
    let mut byline = meta_byline;
    if byline.is_none() {
        if let Some(i) = tree.byline_element(true).or_else(|| if passes > 1 { tree.byline_element(false) } else { None }) {
            let name_node = (i + 1..tree.nodes[i].end as usize).find(|&j| tree.nodes[j].flags & ITEMPROP_NAME != 0);
            byline = Some(tree.inner_text(name_node.unwrap_or(i), &none_removed));
            byline_node = Some(i);
        }
    }
    // The article's own headline repeats the title: boilerplate, like a repeated headline in text.
    let title_fold = title.as_deref().map(fold);
    let mut title_heading = None;
    'roots: for &r in &e.roots {
        let mut i = r;
        while i < tree.nodes[r].end as usize {
            if e.removed[i] {
                i = tree.nodes[i].end as usize;
                continue;
            }
            let node = &tree.nodes[i];
            if node.tag == Tag::H1 || node.tag == Tag::H2 {
                let t = fold(&tree.inner_text(i, &e.removed));
                if title_fold.as_deref().is_some_and(|tf| !t.is_empty() && (similarity(tf, &t) > 0.75 || tf == t)) {
                    title_heading = Some(i);
                    break 'roots;
                }
                i = node.end as usize;
                continue;
            }
            i += 1;
        }
    }

    let mut w = Writer::new(html.len() / 3);
    let title = title.filter(|t| !t.is_empty());
    if let Some(t) = &title {
        w.text(t, BlockKind::Title);
        w.end_block();
    }
    tree.write_page(&e, byline_node, title_heading, &mut w);
    // The names alone, as for plain text ("By Jane Doe" → "Jane Doe"); the byline block keeps the words as written.
    let byline = byline.map(|b| crate::document::byline_names(&b).to_string()).filter(|b| !b.is_empty());
    let meta = HtmlMeta { title, date, byline, lang: tree.meta.lang.clone() };
    HtmlArticle { text: w.out, meta, hints: w.hints }
}

fn fold(s: &str) -> String {
    crate::document::fold_for_compare(s)
}

/// ISO 8601 from the forms pages use: "2015-05-05T19:26:00Z" kept as is, "2015-05-05 19:26"
/// with a 'T', RFC 2822-like "Tue, 05 May 2015 …" and "May 5, 2015" to a date. None if unreadable.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) {
        let date_part: String = s.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
        if crate::document::is_iso_date(&date_part) {
            let rest = &s[date_part.len()..];
            if rest.is_empty() {
                return Some(date_part);
            }
            if let Some(time) = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' ')) {
                if time.starts_with(|c: char| c.is_ascii_digit()) {
                    return Some(format!("{date_part}T{}", time.trim()));
                }
            }
            return Some(date_part);
        }
    }
    crate::document::date_in_words(s).map(|(d, _)| d)
}

/// Decodes named (common) and numeric character references.
pub fn decode_entities(s: &str) -> String {
    decode_entities_cow(s).into_owned()
}

/// `decode_entities`, borrowing `s` when it has no reference.
fn decode_entities_cow(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..].find(|c: char| c == ';' || c.is_whitespace() || c == '&' || c == '<').map(|e| e + 1);
        let decoded = end.filter(|&e| rest.as_bytes().get(e) == Some(&b';') && e <= 32).and_then(|e| {
            let name = &rest[1..e];
            let ch = if let Some(num) = name.strip_prefix('#') {
                let v = if let Some(h) = num.strip_prefix(['x', 'X']) { u32::from_str_radix(h, 16).ok() } else { num.parse().ok() };
                v.map(|v| match v {
                    // Windows-1252 numeric references, as browsers read them.
                    0x80..=0x9F => crate::input::windows_1252(v as u8),
                    0 => '\u{FFFD}',
                    v => char::from_u32(v).unwrap_or('\u{FFFD}'),
                })
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
    Cow::Owned(out)
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&', "lt" | "LT" => '<', "gt" | "GT" => '>', "quot" | "QUOT" => '"', "apos" => '\'',
        "nbsp" => '\u{A0}', "laquo" => '«', "raquo" => '»', "rsquo" => '’', "lsquo" => '‘', "ldquo" => '“',
        "rdquo" => '”', "sbquo" => '‚', "bdquo" => '„', "ndash" => '–', "mdash" => '—', "hellip" => '…',
        "eacute" => 'é', "egrave" => 'è', "ecirc" => 'ê', "euml" => 'ë', "agrave" => 'à', "aacute" => 'á',
        "acirc" => 'â', "auml" => 'ä', "atilde" => 'ã', "aring" => 'å', "aelig" => 'æ', "ccedil" => 'ç',
        "ocirc" => 'ô', "oacute" => 'ó', "ograve" => 'ò', "ouml" => 'ö', "otilde" => 'õ', "oslash" => 'ø',
        "ucirc" => 'û', "ugrave" => 'ù', "uacute" => 'ú', "uuml" => 'ü', "icirc" => 'î', "iuml" => 'ï',
        "iacute" => 'í', "igrave" => 'ì', "ntilde" => 'ñ', "yacute" => 'ý', "yuml" => 'ÿ', "szlig" => 'ß',
        "Eacute" => 'É', "Egrave" => 'È', "Ecirc" => 'Ê', "Agrave" => 'À', "Acirc" => 'Â', "Ccedil" => 'Ç',
        "Ocirc" => 'Ô', "Ouml" => 'Ö', "Uuml" => 'Ü', "Auml" => 'Ä', "Ntilde" => 'Ñ', "oelig" => 'œ',
        "OElig" => 'Œ', "copy" => '©', "reg" => '®', "trade" => '™', "euro" => '€', "pound" => '£',
        "yen" => '¥', "cent" => '¢', "deg" => '°', "middot" => '·', "bull" => '•', "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}', "emsp" => '\u{2003}', "shy" => '\u{AD}', "zwj" => '\u{200D}', "zwnj" => '\u{200C}',
        "times" => '×', "divide" => '÷', "plusmn" => '±', "sect" => '§', "para" => '¶', "dagger" => '†',
        "prime" => '′', "Prime" => '″', "iexcl" => '¡', "iquest" => '¿', "ordm" => 'º', "ordf" => 'ª',
        "frac12" => '½', "frac14" => '¼', "frac34" => '¾', "sup2" => '²', "sup3" => '³', "larr" => '←',
        "rarr" => '→', "uarr" => '↑', "darr" => '↓', "hearts" => '♥', "lrm" => '\u{200E}', "rlm" => '\u{200F}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_article_and_skips_chrome() {
        let body = "<p>Le secrétaire général de l'OTAN, Jens Stoltenberg, a rencontré mardi le Premier ministre japonais, avec des mots forts, des promesses, des exercices.</p>".repeat(4);
        let html = format!("<html lang=fr><head><title>Le Japon se rapproche de l'OTAN | Journal</title><meta name=author content=\"Jean Dupont\">\
            <meta property=\"article:published_time\" content=\"2023-01-31T10:00:00Z\"></head>\
            <body><nav><a href=/>Accueil</a> <a href=/x>Monde</a></nav><div class=share><a href=#>Partager</a></div>\
            <article><h1>Le Japon se rapproche de l'OTAN</h1>{body}<p onclick=\"evil()\">Un &laquo;&nbsp;mot&nbsp;&raquo; <b>gras</b>, enfin, pour finir ici.</p></article>\
            <script>alert('x')</script><div class=comments><p>Un commentaire, long, très long, trop long pour rien.</p></div>\
            <footer>pied</footer></body></html>");
        let a = extract(&html);
        let article = article_only(&a);
        assert!(article.starts_with("Le Japon se rapproche de l'OTAN\n\nLe secrétaire général"), "{article}");
        assert!(article.ends_with("Un «\u{A0}mot\u{A0}» gras, enfin, pour finir ici."), "{article}");
        for chrome in ["Accueil", "Partager", "commentaire", "pied"] {
            assert!(!article.contains(chrome) && a.text.contains(chrome), "{chrome} is kept, as boilerplate: {}", a.text);
        }
        assert!(!a.text.contains("alert"), "scripts never become text");
        // The page's own headline repeats the title: kept, as boilerplate.
        assert_eq!(a.text.matches("Le Japon se rapproche de l'OTAN").count(), 2);
        assert_eq!(a.meta.byline.as_deref(), Some("Jean Dupont"));
        assert_eq!(a.meta.date.as_deref(), Some("2023-01-31T10:00:00Z"));
        assert_eq!(a.meta.lang.as_deref(), Some("fr"));
    }

    /// The text without its boilerplate blocks.
    fn article_only(a: &HtmlArticle) -> String {
        let mut out = String::new();
        let mut at = 0;
        for (span, kind) in &a.hints {
            if *kind == BlockKind::Boilerplate {
                out.push_str(&a.text[at..span.start]);
                at = span.end;
            }
        }
        out.push_str(&a.text[at..]);
        out.split("\n\n").map(str::trim).filter(|b| !b.is_empty()).collect::<Vec<_>>().join("\n\n")
    }

    #[test]
    fn boilerplate_is_kept_and_marked_in_document_order() {
        let p = "<p>Un paragraphe assez long pour compter, avec des virgules, des mots, et encore des mots ici.</p>".repeat(8);
        let a = extract(&format!("<title>Titre de la page</title><nav>Menu principal</nav><article>{p}<div class=share>Partager</div></article>\
            <div id=comments><p>Premier commentaire, long, long, long, vraiment long pour un commentaire.</p></div><footer>Pied</footer>"));
        let kinds: Vec<(&str, BlockKind)> = a.hints.iter().map(|(s, k)| (s.of(&a.text), *k)).collect();
        assert_eq!(kinds.first(), Some(&("Titre de la page", BlockKind::Title)));
        let boiler: Vec<&str> = kinds.iter().filter(|k| k.1 == BlockKind::Boilerplate).map(|k| k.0).collect();
        assert_eq!(boiler, ["Menu principal", "Partager", "Premier commentaire, long, long, long, vraiment long pour un commentaire.", "Pied"]);
        assert!(a.text.find("Menu principal") < a.text.find("Un paragraphe") && a.text.find("Partager") < a.text.find("Pied"));
    }

    #[test]
    fn byline_from_markup_and_dates_never_from_comments() {
        let p = "<p>Un paragraphe assez long pour compter, avec des virgules, des mots, et encore des mots ici.</p>".repeat(8);
        let a = extract(&format!("<header class=site-header><span class=author>Connexion</span></header>\
            <article><div class=byline>Par <span itemprop=name>Jeanne Martin</span></div>{p}</article>\
            <section class=comments><time datetime=2024-05-06>6 mai</time><p class=author>Un lecteur</p></section>"));
        assert_eq!(a.meta.byline.as_deref(), Some("Jeanne Martin"), "not in an unlikely header; the itemprop name");
        assert!(a.hints.iter().any(|(s, k)| *k == BlockKind::Byline && s.of(&a.text) == "Par Jeanne Martin"));
        assert_eq!(a.meta.date, None, "a comment's time is not the article's");
        let a = extract(&format!("<article><h1>T</h1><time datetime=2023-01>janvier 2023</time>{p}</article><aside><time datetime=2020-02-02>x</time></aside>"));
        assert_eq!(a.meta.date.as_deref(), Some("2023-01"), "partial dates stay partial");
    }

    #[test]
    fn byline_names_as_in_plain_text() {
        let p = "<p>Un paragraphe assez long pour compter, avec des virgules, des mots, et encore des mots ici.</p>".repeat(8);
        let a = extract(&format!("<article><p class=byline>By\n  Jane   Doe, Reuters</p>{p}</article>"));
        assert_eq!(a.meta.byline.as_deref(), Some("Jane Doe, Reuters"));
        assert!(a.hints.iter().any(|(s, k)| *k == BlockKind::Byline && s.of(&a.text) == "By Jane Doe, Reuters"), "{:?}", a.hints);
        let text = crate::document::Document::parse_text("Titre\n\nBy Jane Doe, Reuters\n\nLe texte commence ici, et il continue.".into());
        assert_eq!(text.byline, a.meta.byline, "one form whatever the source");
        let (md, hints) = crate::markdown::extract("# Titre\n\nBy **Jane Doe**, Reuters\n\nLe texte commence ici, et il continue.");
        assert_eq!(crate::document::Document::parse_with_hints(md, &hints).byline, a.meta.byline, "Markdown too");
        let a = extract(r#"<meta name="author" content="Par Jean Dupont"><p>x</p>"#);
        assert_eq!(a.meta.byline.as_deref(), Some("Jean Dupont"));
    }

    #[test]
    fn meta_tags_as_readability_reads_them() {
        let a = extract(r#"<meta property="og:article:author" content="BBC News"><meta name="article:author" content="Pas lu"><p>x</p>"#);
        assert_eq!(a.meta.byline.as_deref(), Some("BBC News"));
        let a = extract(r#"<meta name="article:author" content="Pas lu"><meta itemprop="author" content="Jean Dupont"><p>x</p>"#);
        assert_eq!(a.meta.byline.as_deref(), Some("Jean Dupont"));
    }

    #[test]
    fn title_from_title_tag_drops_site_name() {
        let a = extract("<title>Le Japon se rapproche de l'OTAN | Le Journal</title><p>x</p>");
        assert_eq!(a.meta.title.as_deref(), Some("Le Japon se rapproche de l'OTAN"));
    }

    #[test]
    fn json_ld_metadata() {
        let a = extract(r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Titre","author":[{"name":"A B"},{"name":"C D"}],"datePublished":"2024-03-03"}</script><p>texte</p>"#);
        assert_eq!(a.meta.title.as_deref(), Some("Titre"));
        assert_eq!(a.meta.byline.as_deref(), Some("A B, C D"));
        assert_eq!(a.meta.date.as_deref(), Some("2024-03-03"));
    }

    #[test]
    fn structure_hints() {
        let a = extract("<h1>T</h1><h2>Intertitre long</h2><p>Para.</p><ul><li>un</li><li>deux</li></ul><blockquote>Cité.</blockquote>");
        let kinds: Vec<(&str, BlockKind)> = a.hints.iter().map(|(s, k)| (s.of(&a.text), *k)).collect();
        assert!(kinds.contains(&("Intertitre long", BlockKind::Heading)), "{kinds:?} {}", a.text);
        assert!(kinds.contains(&("un", BlockKind::ListItem)) && kinds.contains(&("deux", BlockKind::ListItem)));
        assert!(kinds.contains(&("Cité.", BlockKind::Quote)));
    }

    #[test]
    fn entities() {
        assert_eq!(decode_entities("a&amp;b &#233;&#x E9; &#150; &bogus; &#0; &#xffffffff;"), "a&b é&#x E9; – &bogus; \u{FFFD} \u{FFFD}");
    }

    #[test]
    fn survives_broken_markup() {
        for html in ["<", "<p", "<script>", "&", "&#xffffffff;", "<!--", "<p>a<div><span>b", "&#0;", "<a href='x", "</", "<p>\u{0}</p>", "<<>>", "<p/><br/></br></p>"] {
            let _ = extract(html);
        }
    }
}
