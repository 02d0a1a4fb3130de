//! The JavaScript bindings: the only module that knows about wasm-bindgen.
//! Options come in as a plain object, results go out as plain objects whose
//! offsets are UTF-16 code units, so `text.slice(start, end)` works in JS; lists of
//! spans (mentions, evidence, highlights) as typed-array columns, not one object each. Both are
//! read and written by hand (`Packer` below), not through serde: every byte of wasm
//! is downloaded by every reader.

use wasm_bindgen::prelude::*;

use js_sys::{Array, Reflect};

use crate::analysis::{Analysis, Analyzer as CoreAnalyzer, Config};
use crate::document::BlockKind;
use crate::entities::EntityKind;
use crate::error::Error;
use crate::highlight::HighlightKind;
use crate::input::Format;
use crate::span::{OffsetUnit, Span};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Options for `new Analyzer(options)`. Every field is optional. */
export interface AnalyzerOptions {
  /** "auto" (default), "fr" or "en". */
  language?: "auto" | "fr" | "en";
  /** "auto" (default), "text", "markdown" or "html". */
  format?: "auto" | "text" | "markdown" | "html";
  /** Keyphrases returned (default 15). */
  maxKeywords?: number;
  /** Keyphrases highlighted (default 10). */
  highlightKeywords?: number;
  /** Minimum topic confidence, 0..1 (default 0.4). */
  minTopicScore?: number;
  /** Larger inputs throw `input_too_large` (default 32 MiB). */
  maxInputBytes?: number;
  /** A site's own taxonomy as JSON or JSON Lines text. */
  taxonomy?: string;
}
/** A list of spans as two columns: span i is `start[i]`..`end[i]`, `start.length` spans. Views of one
 * buffer per result: a result is cheap to build and to post from a worker (structured clone). */
export interface Spans { start: Uint32Array; end: Uint32Array; }
export type BlockKind = "title" | "lead" | "paragraph" | "heading" | "list_item" | "quote" | "attribution" | "byline" | "boilerplate";
export type EntityKind = "person" | "place" | "organisation" | "other";
export type HighlightKind = EntityKind | "keyphrase" | "quote";
export interface Keyword { text: string; score: number; mentions: Spans; }
export interface Entity { text: string; kind: EntityKind; wikidata: string | null; mentions: Spans; /** nationality words referring to this place ("japonais"); not highlighted */ demonyms?: Spans; }
export interface Story { articles: number[]; ids: string[]; keyphrases: string[]; entities: string[];
  adds: { article: number; id: string; keyphrases: string[]; entities: string[] }[]; cohesion: number; }
export interface Corpus { articles: number; stories: Story[];
  topicMix: { id: string; label: string; articles: number; share: number; meanScore: number }[];
  keyphraseDf: { text: string; df: number }[]; }
/** `evidence`: the words that suggested the topic (their text is `text.slice(start[i], end[i])`). */
export interface Topic { id: string; label: string; level: number; parent: string | null; score: number; evidence: Spans; }
/** Highlight i: `start[i]`..`end[i]`, of kind `kinds[kind[i]]`; `index[i]` points into `entities`,
 * `keywords` or `quotes`, by kind. Sorted, non-overlapping. */
export interface Highlights extends Spans { kind: Uint32Array; index: Uint32Array; kinds: HighlightKind[]; }
export interface Analysis {
  source: string | null;
  language: "fr" | "en" | "unknown";
  format: "text" | "markdown" | "html";
  encoding: string;
  title: string | null;
  kicker: string | null;
  date: string | null;
  byline: string | null;
  dateline: string | null;
  /** The text every offset indexes into (UTF-16 code units). */
  text: string;
  blocks: { kind: BlockKind; start: number; end: number; }[];
  quotes: { start: number; end: number; speaker: string | null; }[];
  keywords: Keyword[];
  entities: Entity[];
  topics: Topic[];
  highlights: Highlights;
}
/** Errors thrown by Loupe are `Error`s with `name === "LoupeError"` and a stable `code`. */
export interface LoupeError extends Error { code: "empty_input" | "input_too_large" | "binary_input" | "invalid_options" | "invalid_taxonomy"; }
"#;

fn to_js(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("LoupeError");
    let _ = js_sys::Reflect::set(&err, &"code".into(), &e.code().into());
    err.into()
}

/// Analyses texts; build one per worker and reuse it.
#[wasm_bindgen]
pub struct Analyzer {
    inner: CoreAnalyzer,
    /// The next `warm` step.
    warm_next: std::cell::Cell<usize>,
}

#[wasm_bindgen]
impl Analyzer {
    #[wasm_bindgen(constructor, skip_typescript)]
    pub fn new(options: JsValue) -> Result<Analyzer, JsValue> {
        console_error_panic_hook::set_once();
        let config: Config = if options.is_undefined() || options.is_null() {
            Config::default()
        } else {
            if !options.is_object() {
                return Err(to_js(Error::InvalidOptions("options must be an object".into())));
            }
            for key in js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).iter() {
                let key = key.as_string().unwrap_or_default();
                if !Config::FIELDS.contains(&key.as_str()) {
                    return Err(to_js(Error::InvalidOptions(format!("unknown option \"{key}\"; known: {}", Config::FIELDS.join(", ")))));
                }
            }
            config_from(&options).map_err(to_js)?
        };
        Ok(Analyzer { inner: CoreAnalyzer::new(config).map_err(to_js)?, warm_next: Default::default() })
    }

    /// One bounded step of warming up (tables, then a short analysis per language), so
    /// that a page running Loupe on its main thread can yield between steps. Returns
    /// true while steps are left: `while (analyzer.warm()) await nextTask();`.
    #[wasm_bindgen(skip_typescript)]
    pub fn warm(&self) -> bool {
        let step = self.warm_next.get();
        self.warm_next.set(step + 1);
        self.inner.warm_step(step)
    }

    /// Analyses a string. Offsets in the result are UTF-16 code units into `result.text`,
    /// which is `text` itself when the analysis did not change it (plain text): the string
    /// crosses the boundary once.
    #[wasm_bindgen(skip_typescript)]
    pub fn analyze(&self, text: JsValue) -> Result<JsValue, JsValue> {
        let Some(s) = text.as_string() else {
            return Err(to_js(Error::InvalidOptions("analyze() takes a string".into())));
        };
        let mut a = self.inner.analyze(&s).map_err(to_js)?;
        a.convert_offsets(OffsetUnit::Utf16);
        Ok(pack_analysis(&a, Some(&s)).finish(&text))
    }

    /// Analyses a file's bytes (any supported encoding and format); `name` helps detect the format.
    #[wasm_bindgen(js_name = analyzeBytes, skip_typescript)]
    pub fn analyze_bytes(&self, bytes: &[u8], name: Option<String>) -> Result<JsValue, JsValue> {
        let mut a = self.inner.analyze_bytes(bytes, name.as_deref()).map_err(to_js)?;
        a.convert_offsets(OffsetUnit::Utf16);
        Ok(pack_analysis(&a, None).finish(&JsValue::NULL))
    }

    /// Groups already-analysed articles (the objects `analyze` returned) into stories,
    /// with what each story shares, what each article adds, and the topic mix.
    /// Story `articles` are indexes into `analyses`.
    #[wasm_bindgen(skip_typescript)]
    pub fn stories(&self, analyses: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let lite = lite_analyses(&analyses)
            .map_err(|e| to_js(Error::InvalidOptions(format!("stories() takes a list of analyses: {e}"))))?;
        let mut config = crate::corpus::CorpusConfig::default();
        if let Some(t) = js_sys::Reflect::get(&options, &"storyThreshold".into()).ok().and_then(|v| v.as_f64()) {
            if !(0.0..=1.0).contains(&t) {
                return Err(to_js(Error::InvalidOptions("storyThreshold must be between 0 and 1".into())));
            }
            config.threshold = t as f32;
        }
        let full: Vec<crate::analysis::Analysis> = lite.into_iter().map(LiteAnalysis::into_analysis).collect();
        let docs: Vec<(String, &crate::analysis::Analysis)> =
            full.iter().enumerate().map(|(i, a)| (a.source.clone().unwrap_or_else(|| i.to_string()), a)).collect();
        let corpus = crate::corpus::build(&docs, &config);
        Ok(pack_corpus(&corpus).finish(&JsValue::NULL))
    }

    /// The crate version.
    pub fn version() -> String {
        env!("CARGO_PKG_VERSION").to_string()
    }
}

/// The parts of an analysis that story grouping reads, as JS hands them back.
struct LiteAnalysis {
    source: Option<String>,
    entities: Vec<LiteEntity>,
    keywords: Vec<LiteKeyword>,
    topics: Vec<LiteTopic>,
}
struct LiteEntity {
    text: String,
    wikidata: Option<String>,
}
struct LiteKeyword {
    text: String,
    score: f32,
}
struct LiteTopic {
    id: String,
    label: String,
    level: u8,
    score: f32,
}

impl LiteAnalysis {
    fn into_analysis(self) -> crate::analysis::Analysis {
        use crate::entities::{Entity, EntityKind};
        crate::analysis::Analysis {
            source: self.source,
            entities: self.entities.into_iter().map(|e| Entity {
                text: e.text, kind: EntityKind::Other, wikidata: e.wikidata, mentions: Vec::new(), demonyms: Vec::new(),
            }).collect(),
            keywords: self.keywords.into_iter().map(|k| crate::keywords::Keyword {
                text: k.text, score: k.score, mentions: Vec::new(), key: String::new(),
            }).collect(),
            topics: self.topics.into_iter().map(|t| crate::topics::Topic {
                id: t.id, label: t.label, level: t.level, parent: None, score: t.score, evidence: Vec::new(),
            }).collect(),
            ..Default::default()
        }
    }
}

/// A field of a JS object: None when absent or undefined.
fn field(obj: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(obj, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined())
}

fn string_field(obj: &JsValue, key: &str) -> Result<Option<String>, String> {
    match field(obj, key) {
        None => Ok(None),
        Some(v) => v.as_string().map(Some).ok_or_else(|| format!("{key} must be a string")),
    }
}

/// A whole number ≥ 0 (what serde read into usize).
fn count_field(obj: &JsValue, key: &str) -> Result<Option<usize>, String> {
    match field(obj, key) {
        None => Ok(None),
        Some(v) => match v.as_f64() {
            Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= usize::MAX as f64 => Ok(Some(n as usize)),
            _ => Err(format!("{key} must be a whole number ≥ 0")),
        },
    }
}

fn number_field(obj: &JsValue, key: &str) -> Result<Option<f32>, String> {
    match field(obj, key) {
        None => Ok(None),
        Some(v) => v.as_f64().map(|n| Some(n as f32)).ok_or_else(|| format!("{key} must be a number")),
    }
}

/// `new Analyzer(options)`: the fields of `Config` (names in `Config::FIELDS`), each optional.
fn config_from(options: &JsValue) -> Result<Config, Error> {
    let read = || -> Result<Config, String> {
        let mut c = Config::default();
        if let Some(s) = string_field(options, "language")? { c.language = s; }
        if let Some(s) = string_field(options, "format")? { c.format = s; }
        if let Some(n) = count_field(options, "maxKeywords")? { c.max_keywords = n; }
        if let Some(n) = count_field(options, "highlightKeywords")? { c.highlight_keywords = n; }
        if let Some(x) = number_field(options, "minTopicScore")? { c.min_topic_score = x; }
        if let Some(n) = count_field(options, "maxInputBytes")? { c.max_input_bytes = n; }
        // null means none, as for serde's Option.
        c.taxonomy = match field(options, "taxonomy") {
            Some(v) if !v.is_null() => Some(v.as_string().ok_or("taxonomy must be a string")?),
            _ => None,
        };
        Ok(c)
    };
    read().map_err(Error::InvalidOptions)
}

/// The items of a JS array field (an absent field is an empty list).
fn items(obj: &JsValue, key: &str) -> Result<Vec<JsValue>, String> {
    match field(obj, key) {
        None => Ok(Vec::new()),
        Some(v) if Array::is_array(&v) => Ok(Array::from(&v).iter().collect()),
        Some(_) => Err(format!("{key} must be a list")),
    }
}

fn required(obj: &JsValue, key: &str) -> Result<String, String> {
    string_field(obj, key)?.ok_or_else(|| format!("missing field `{key}`"))
}

fn lite_analyses(analyses: &JsValue) -> Result<Vec<LiteAnalysis>, String> {
    if !Array::is_array(analyses) {
        return Err("expected a list".into());
    }
    let opt_string = |o: &JsValue, key: &str| match field(o, key) {
        Some(v) if !v.is_null() => v.as_string().map(Some).ok_or_else(|| format!("{key} must be a string")),
        _ => Ok(None),
    };
    Array::from(analyses).iter().map(|a| {
        Ok(LiteAnalysis {
            source: opt_string(&a, "source")?,
            entities: items(&a, "entities")?.iter()
                .map(|e| Ok(LiteEntity { text: required(e, "text")?, wikidata: opt_string(e, "wikidata")? }))
                .collect::<Result<_, String>>()?,
            keywords: items(&a, "keywords")?.iter()
                .map(|k| Ok(LiteKeyword { text: required(k, "text")?, score: number_field(k, "score")?.unwrap_or(0.0) }))
                .collect::<Result<_, String>>()?,
            topics: items(&a, "topics")?.iter()
                .map(|t| Ok(LiteTopic {
                    id: required(t, "id")?,
                    label: required(t, "label")?,
                    level: count_field(t, "level")?.ok_or("missing field `level`")?.min(u8::MAX as usize) as u8,
                    score: number_field(t, "score")?.unwrap_or(0.0),
                }))
                .collect::<Result<_, String>>()?,
        })
    }).collect()
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Text => "text",
        Format::Markdown => "markdown",
        Format::Html => "html",
    }
}

fn block_kind_name(k: BlockKind) -> &'static str {
    match k {
        BlockKind::Title => "title",
        BlockKind::Lead => "lead",
        BlockKind::Paragraph => "paragraph",
        BlockKind::Heading => "heading",
        BlockKind::ListItem => "list_item",
        BlockKind::Quote => "quote",
        BlockKind::Attribution => "attribution",
        BlockKind::Byline => "byline",
        BlockKind::Boilerplate => "boilerplate",
    }
}

fn entity_kind_name(k: EntityKind) -> &'static str {
    highlight_kind_name(k.into())
}

fn highlight_kind_name(k: HighlightKind) -> &'static str {
    match k {
        HighlightKind::Person => "person",
        HighlightKind::Place => "place",
        HighlightKind::Organisation => "organisation",
        HighlightKind::Other => "other",
        HighlightKind::Keyphrase => "keyphrase",
        HighlightKind::Quote => "quote",
    }
}

/// Results leave wasm as one flat list of numbers plus one string of all their strings,
/// rebuilt into plain objects by `unpack` (JS, below): two crossings of the boundary per
/// result instead of one call per field and per string, and no serde code in the module.
/// Words: 0 null, 1 u32 (next word), 2 f32 (bits in the next word), 3 string (UTF-16 length
/// next; its text is the next piece of `strs`), 4 array (length next, then the items),
/// 5 object (shape id next, then one value per key), 6 a shape (id, key count, key lengths;
/// then the value it precedes), 7 the input text itself (not copied back), 8 a Uint32Array
/// (length next, then the numbers): a view of the words' one copy, no object per number.
#[wasm_bindgen(inline_js = r#"
export function unpack(wasmWords, strs, input) {
  const words = wasmWords.slice(); // out of wasm memory: the arrays below are views of it
  const f32 = new Float32Array(words.buffer, words.byteOffset, words.length);
  const shapes = [];
  let i = 0, s = 0;
  const str = (n) => strs.slice(s, (s += n));
  const value = () => {
    switch (words[i++]) {
      case 0: return null;
      case 1: return words[i++];
      case 2: return f32[i++];
      case 3: return str(words[i++]);
      case 4: { const a = new Array(words[i++]); for (let k = 0; k < a.length; k++) a[k] = value(); return a; }
      case 5: { const o = {}; for (const key of shapes[words[i++]]) o[key] = value(); return o; }
      case 6: { const id = words[i++], keys = new Array(words[i++]); for (let k = 0; k < keys.length; k++) keys[k] = str(words[i++]); shapes[id] = keys; return value(); }
      case 7: return input;
      case 8: { const n = words[i++]; return words.subarray(i, (i += n)); }
    }
    throw new Error("loupe: bad result encoding");
  };
  return value();
}
"#)]
extern "C" {
    fn unpack(words: &[u32], strs: &str, input: &JsValue) -> JsValue;
}

#[derive(Default)]
struct Packer {
    words: Vec<u32>,
    strs: String,
    /// Object shapes already defined, by the address of their key list.
    shapes: Vec<*const [&'static str]>,
}

impl Packer {
    fn finish(&self, input: &JsValue) -> JsValue {
        unpack(&self.words, &self.strs, input)
    }
    fn null(&mut self) {
        self.words.push(0);
    }
    fn uint(&mut self, n: usize) {
        self.words.extend([1, n as u32]);
    }
    fn float(&mut self, x: f32) {
        self.words.extend([2, x.to_bits()]);
    }
    fn piece(&mut self, s: &str) {
        self.strs.push_str(s);
        self.words.push(s.encode_utf16().count() as u32);
    }
    fn str(&mut self, s: &str) {
        self.words.push(3);
        self.piece(s);
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }
    fn array<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Packer, &T)) {
        self.words.extend([4, items.len() as u32]);
        for item in items {
            each(self, item);
        }
    }
    fn strings(&mut self, items: &[String]) {
        self.array(items, |p, s| p.str(s));
    }
    /// Starts an object with these keys: the caller then writes one value per key, in order.
    fn object(&mut self, keys: &'static [&'static str]) {
        let id = match self.shapes.iter().position(|&k| std::ptr::eq(k, keys)) {
            Some(id) => id,
            None => {
                self.shapes.push(keys);
                let id = self.shapes.len() - 1;
                self.words.extend([6, id as u32, keys.len() as u32]);
                for k in keys {
                    self.piece(k);
                }
                id
            }
        };
        self.words.extend([5, id as u32]);
    }
    /// A Uint32Array of these numbers.
    fn numbers(&mut self, n: usize, numbers: impl Iterator<Item = usize>) {
        self.words.extend([8, n as u32]);
        self.words.extend(numbers.map(|x| x as u32));
    }
    /// Spans as columns (`Spans` in the TypeScript above).
    fn spans(&mut self, spans: &[Span]) {
        self.object(&["start", "end"]);
        self.numbers(spans.len(), spans.iter().map(|s| s.start));
        self.numbers(spans.len(), spans.iter().map(|s| s.end));
    }
}

const HIGHLIGHT_KINDS: [HighlightKind; 6] = [HighlightKind::Person, HighlightKind::Place, HighlightKind::Organisation,
    HighlightKind::Other, HighlightKind::Keyphrase, HighlightKind::Quote];
// A highlight's `kind` number is its kind's place in HIGHLIGHT_KINDS: its declaration order.
const _: () = {
    let mut i = 0;
    while i < HIGHLIGHT_KINDS.len() {
        assert!(HIGHLIGHT_KINDS[i] as usize == i);
        i += 1;
    }
};

/// `a == b` eight bytes at a time: slice equality is a byte loop in wasm (a megabyte's
/// comparison showed in profiles).
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let word = |w: &[u8]| u64::from_le_bytes(w.try_into().unwrap_or_default());
    a.len() == b.len()
        && a.chunks_exact(8).zip(b.chunks_exact(8)).all(|(x, y)| word(x) == word(y))
        && a.chunks_exact(8).remainder() == b.chunks_exact(8).remainder()
}

fn pack_analysis(a: &Analysis, input: Option<&str>) -> Packer {
    let mut p = Packer::default();
    p.object(&["source", "language", "format", "encoding", "title", "kicker", "date", "byline", "dateline", "text",
        "blocks", "quotes", "keywords", "entities", "topics", "highlights"]);
    p.opt_str(a.source.as_deref());
    p.str(a.language.code());
    p.str(format_name(a.format));
    p.str(&a.encoding);
    for s in [&a.title, &a.kicker, &a.date, &a.byline, &a.dateline] {
        p.opt_str(s.as_deref());
    }
    if input.is_some_and(|i| same_bytes(i.as_bytes(), a.text.as_bytes())) {
        p.words.push(7);
    } else {
        p.str(&a.text);
    }
    p.array(&a.blocks, |p, b| {
        p.object(&["kind", "start", "end"]);
        p.str(block_kind_name(b.kind));
        p.uint(b.start);
        p.uint(b.end);
    });
    p.array(&a.quotes, |p, q| {
        p.object(&["start", "end", "speaker"]);
        p.uint(q.start);
        p.uint(q.end);
        p.opt_str(q.speaker.as_deref());
    });
    p.array(&a.keywords, |p, k| {
        p.object(&["text", "score", "mentions"]);
        p.str(&k.text);
        p.float(k.score);
        p.spans(&k.mentions);
    });
    p.array(&a.entities, |p, e| {
        if e.demonyms.is_empty() {
            p.object(&["text", "kind", "wikidata", "mentions"]);
        } else {
            p.object(&["text", "kind", "wikidata", "mentions", "demonyms"]);
        }
        p.str(&e.text);
        p.str(entity_kind_name(e.kind));
        p.opt_str(e.wikidata.as_deref());
        p.spans(&e.mentions);
        if !e.demonyms.is_empty() {
            p.spans(&e.demonyms);
        }
    });
    p.array(&a.topics, |p, t| {
        p.object(&["id", "label", "level", "parent", "score", "evidence"]);
        p.str(&t.id);
        p.str(&t.label);
        p.uint(t.level as usize);
        p.opt_str(t.parent.as_deref());
        p.float(t.score);
        // The evidence's text is the text of its span: not sent again.
        let spans: Vec<Span> = t.evidence.iter().map(|e| Span { start: e.start, end: e.end }).collect();
        p.spans(&spans);
    });
    let h = &a.highlights;
    p.object(&["start", "end", "kind", "index", "kinds"]);
    p.numbers(h.len(), h.iter().map(|h| h.start));
    p.numbers(h.len(), h.iter().map(|h| h.end));
    p.numbers(h.len(), h.iter().map(|h| h.kind as usize));
    p.numbers(h.len(), h.iter().map(|h| h.index));
    p.array(&HIGHLIGHT_KINDS, |p, &k| p.str(highlight_kind_name(k)));
    p
}

fn pack_corpus(c: &crate::corpus::Corpus) -> Packer {
    let mut p = Packer::default();
    p.object(&["articles", "stories", "topicMix", "keyphraseDf"]);
    p.uint(c.articles);
    p.array(&c.stories, |p, s| {
        p.object(&["articles", "ids", "keyphrases", "entities", "adds", "cohesion"]);
        p.array(&s.articles, |p, &i| p.uint(i));
        p.strings(&s.ids);
        p.strings(&s.keyphrases);
        p.strings(&s.entities);
        p.array(&s.adds, |p, a| {
            p.object(&["article", "id", "keyphrases", "entities"]);
            p.uint(a.article);
            p.str(&a.id);
            p.strings(&a.keyphrases);
            p.strings(&a.entities);
        });
        p.float(s.cohesion);
    });
    p.array(&c.topic_mix, |p, t| {
        p.object(&["id", "label", "articles", "share", "meanScore"]);
        p.str(&t.id);
        p.str(&t.label);
        p.uint(t.articles);
        p.float(t.share);
        p.float(t.mean_score);
    });
    p.array(&c.keyphrase_df, |p, k| {
        p.object(&["text", "df"]);
        p.str(&k.text);
        p.uint(k.df);
    });
    p
}

#[wasm_bindgen(typescript_custom_section)]
const TS_CLASS: &'static str = r#"
export class Analyzer {
  free(): void;
  /** Throws a LoupeError with code "invalid_options" for bad options. */
  constructor(options?: AnalyzerOptions);
  /** Throws a LoupeError ("empty_input", "input_too_large", ...). */
  analyze(text: string): Analysis;
  analyzeBytes(bytes: Uint8Array, name?: string | null): Analysis;
  /** One short warm-up step (tables, then a sample analysis per language); true while steps are left. */
  warm(): boolean;
  /** Groups analyses (as returned by analyze) into stories; `articles` index into the list. */
  stories(analyses: Analysis[], options?: { storyThreshold?: number }): Corpus;
  static version(): string;
}
"#;

// Benchmark-only entry points (`--features bench`, built by scripts/bench.sh into
// bench/out/pkg-bench, never shipped): parts of the pipeline timed alone in the browser.
// Each returns a count so that nothing is optimised away and nothing is copied back.

/// The same work as the JS pipeline it is compared with (bench/page.mjs `tokenizeStem`):
/// tokenise, lowercase, drop French stop words, stem, memoised; one stem id per kept word
/// (`stopwords::stem_ids`: the core's tokeniser, stop words and stemmer). Not the document
/// structure, sentences or per-word facts: `benchAnalyzeCore` times the whole analysis.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = benchTokenizeStem)]
pub fn bench_tokenize_stem(text: &str) -> u32 {
    let stemmers = crate::normalize::Stemmers::default();
    crate::stopwords::stem_ids(text, crate::lang::Lang::Fr, crate::stopwords::french(), &stemmers).len() as u32
}

/// The analysis without its way out (no UTF-16 offsets, no JS objects): what the core costs.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = benchAnalyzeCore)]
pub fn bench_analyze_core(analyzer: &Analyzer, text: &str) -> u32 {
    analyzer.inner.analyze(text).map_or(0, |a| a.highlights.len() as u32)
}

#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = benchExtractHtml)]
pub fn bench_extract_html(html: &str) -> u32 {
    crate::html::extract(html).text.len() as u32
}

/// The analysis and its UTF-16 offsets, without packing: with `benchAnalyzeCore` and
/// `benchAnalyzePack`, where the way out's time goes.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = benchAnalyzeConvert)]
pub fn bench_analyze_convert(analyzer: &Analyzer, text: &str) -> u32 {
    analyzer.inner.analyze(text).map_or(0, |mut a| {
        a.convert_offsets(OffsetUnit::Utf16);
        a.highlights.len() as u32
    })
}

/// The analysis, its UTF-16 offsets and the packed result, not handed to JS.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = benchAnalyzePack)]
pub fn bench_analyze_pack(analyzer: &Analyzer, text: &str) -> u32 {
    analyzer.inner.analyze(text).map_or(0, |mut a| {
        a.convert_offsets(OffsetUnit::Utf16);
        pack_analysis(&a, Some(text)).words.len() as u32
    })
}
