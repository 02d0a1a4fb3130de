//! The JavaScript bindings: the only module that knows about wasm-bindgen.
//! Options come in as a plain object, results go out as plain objects whose
//! offsets are UTF-16 code units, so `text.slice(start, end)` works in JS.

use wasm_bindgen::prelude::*;

use crate::analysis::{Analyzer as CoreAnalyzer, Config};
use crate::error::Error;
use crate::span::OffsetUnit;

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
export interface Span { start: number; end: number; }
export type BlockKind = "title" | "lead" | "paragraph" | "heading" | "list_item" | "quote" | "attribution" | "byline" | "boilerplate";
export type EntityKind = "person" | "place" | "organisation" | "other";
export type HighlightKind = EntityKind | "keyphrase" | "quote";
export interface Keyword { text: string; score: number; mentions: Span[]; }
export interface Entity { text: string; kind: EntityKind; wikidata: string | null; mentions: Span[]; /** nationality words referring to this place ("japonais"); not highlighted */ demonyms?: Span[]; }
export interface Story { articles: number[]; ids: string[]; keyphrases: string[]; entities: string[];
  adds: { article: number; id: string; keyphrases: string[]; entities: string[] }[]; cohesion: number; }
export interface Corpus { articles: number; stories: Story[];
  topicMix: { id: string; label: string; articles: number; share: number; meanScore: number }[];
  keyphraseDf: { text: string; df: number }[]; }
export interface Evidence { text: string; start: number; end: number; }
export interface Topic { id: string; label: string; level: number; parent: string | null; score: number; evidence: Evidence[]; }
export interface Highlight { start: number; end: number; kind: HighlightKind; index: number; }
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
  highlights: Highlight[];
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
            // serde-wasm-bindgen reads only the fields it knows: refuse the others here.
            for key in js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).iter() {
                let key = key.as_string().unwrap_or_default();
                if !Config::FIELDS.contains(&key.as_str()) {
                    return Err(to_js(Error::InvalidOptions(format!("unknown option \"{key}\"; known: {}", Config::FIELDS.join(", ")))));
                }
            }
            serde_wasm_bindgen::from_value(options).map_err(|e| to_js(Error::InvalidOptions(e.to_string())))?
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

    /// Analyses a string. Offsets in the result are UTF-16 code units into `result.text`.
    #[wasm_bindgen(skip_typescript)]
    pub fn analyze(&self, text: &str) -> Result<JsValue, JsValue> {
        let mut a = self.inner.analyze(text).map_err(to_js)?;
        a.convert_offsets(OffsetUnit::Utf16);
        serialize(&a)
    }

    /// Analyses a file's bytes (any supported encoding and format); `name` helps detect the format.
    #[wasm_bindgen(js_name = analyzeBytes, skip_typescript)]
    pub fn analyze_bytes(&self, bytes: &[u8], name: Option<String>) -> Result<JsValue, JsValue> {
        let mut a = self.inner.analyze_bytes(bytes, name.as_deref()).map_err(to_js)?;
        a.convert_offsets(OffsetUnit::Utf16);
        serialize(&a)
    }

    /// Groups already-analysed articles (the objects `analyze` returned) into stories,
    /// with what each story shares, what each article adds, and the topic mix.
    /// Story `articles` are indexes into `analyses`.
    #[wasm_bindgen(skip_typescript)]
    pub fn stories(&self, analyses: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let lite: Vec<LiteAnalysis> = serde_wasm_bindgen::from_value(analyses)
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
        let ser = serde_wasm_bindgen::Serializer::json_compatible();
        serde::Serialize::serialize(&corpus, &ser).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
    }

    /// The crate version.
    pub fn version() -> String {
        env!("CARGO_PKG_VERSION").to_string()
    }
}

/// The parts of an analysis that story grouping reads, as JS hands them back.
#[derive(serde::Deserialize)]
struct LiteAnalysis {
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    entities: Vec<LiteEntity>,
    #[serde(default)]
    keywords: Vec<LiteKeyword>,
    #[serde(default)]
    topics: Vec<LiteTopic>,
}
#[derive(serde::Deserialize)]
struct LiteEntity {
    text: String,
    #[serde(default)]
    wikidata: Option<String>,
}
#[derive(serde::Deserialize)]
struct LiteKeyword {
    text: String,
    #[serde(default)]
    score: f32,
}
#[derive(serde::Deserialize)]
struct LiteTopic {
    id: String,
    label: String,
    level: u8,
    #[serde(default)]
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

fn serialize(a: &crate::analysis::Analysis) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(a, &ser).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
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
