//! The public API: a `Config`, an `Analyzer` built from it once, and the
//! `Analysis` of each text.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::document::{BlockKind, Document};
use crate::entities::{self, Entity, Gazetteer};
use crate::error::{Error, Result};
use crate::highlight::{self, Highlight};
use crate::input::{self, Format};
use crate::keywords::{self, Keyword};
use crate::lang::{self, Lang};
use crate::normalize::Stemmers;
use crate::span::{OffsetUnit, Span};
use crate::topics::{Taxonomy, Topic};
use crate::words;
use crate::{html, markdown};

/// Analysis options. Every field has a default; unknown fields are an error.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Config {
    /// Language of the texts: "auto" (detect per text, the default), "fr" or "en".
    pub language: String,
    /// Input format: "auto" (from the file name, then the content; the default), "text", "markdown" or "html".
    pub format: String,
    /// How many keyphrases to return (default 15).
    pub max_keywords: usize,
    /// How many of the best keyphrases get highlights (default 10).
    pub highlight_keywords: usize,
    /// Minimum confidence (0..1) for a topic to be reported (default 0.4).
    pub min_topic_score: f32,
    /// Inputs larger than this many bytes are refused with `input_too_large` (default 32 MiB).
    pub max_input_bytes: usize,
    /// A site's own taxonomy (JSON or JSON Lines, see `Taxonomy::from_json`); IPTC Media Topics when absent.
    pub taxonomy: Option<String>,
}

impl Config {
    /// The option names as JavaScript and JSON spell them.
    pub const FIELDS: &'static [&'static str] =
        &["language", "format", "maxKeywords", "highlightKeywords", "minTopicScore", "maxInputBytes", "taxonomy"];
}

impl Default for Config {
    fn default() -> Self {
        Config {
            language: "auto".into(),
            format: "auto".into(),
            max_keywords: 15,
            highlight_keywords: 10,
            min_topic_score: 0.4,
            max_input_bytes: 32 << 20,
            taxonomy: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BlockOut {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteOut {
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
}

/// The result for one text. Every `start`/`end` is an offset into `text`:
/// UTF-8 bytes in Rust, characters in the CLI's JSON, UTF-16 units in JS.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Analysis {
    pub source: Option<String>,
    pub language: Lang,
    pub format: Format,
    pub encoding: String,
    pub title: Option<String>,
    pub kicker: Option<String>,
    pub date: Option<String>,
    pub byline: Option<String>,
    pub dateline: Option<String>,
    pub text: String,
    pub blocks: Vec<BlockOut>,
    pub quotes: Vec<QuoteOut>,
    pub keywords: Vec<Keyword>,
    pub entities: Vec<Entity>,
    pub topics: Vec<Topic>,
    pub highlights: Vec<Highlight>,
}

impl Analysis {
    fn offsets_mut(&mut self, mut f: impl FnMut(&mut usize)) {
        for b in &mut self.blocks {
            f(&mut b.start);
            f(&mut b.end);
        }
        for q in &mut self.quotes {
            f(&mut q.start);
            f(&mut q.end);
        }
        let spans = self.keywords.iter_mut().flat_map(|k| k.mentions.iter_mut())
            .chain(self.entities.iter_mut().flat_map(|e| e.mentions.iter_mut().chain(e.demonyms.iter_mut())));
        for s in spans {
            f(&mut s.start);
            f(&mut s.end);
        }
        for t in &mut self.topics {
            for e in &mut t.evidence {
                f(&mut e.start);
                f(&mut e.end);
            }
        }
        for h in &mut self.highlights {
            f(&mut h.start);
            f(&mut h.end);
        }
    }

    /// Converts every offset from UTF-8 bytes to `unit`. Call once.
    pub fn convert_offsets(&mut self, unit: OffsetUnit) {
        if unit == OffsetUnit::Bytes {
            return;
        }
        let text = std::mem::take(&mut self.text);
        let index = UnitIndex::new(text.as_bytes(), unit);
        self.offsets_mut(|o| *o = index.map(*o));
        self.text = text;
    }
}

/// Byte offsets to chars or UTF-16 units, each looked up in place. Per 32-byte chunk of the
/// text: the units before it, and a bit per byte that starts a char (continuation bytes,
/// 0x80..=0xBF, do not); a lookup is one load and a popcount of the bits before the offset.
/// A 4-byte char is two UTF-16 units: its lead bytes (≥ 0xF0) get a second mask, kept only
/// when the text has any. The per-offset word loads this replaced were 5 % of a 1 MB
/// analysis in V8; the sort-and-search mapper before them, 19 ms of 135.
struct UnitIndex {
    /// Per chunk: units before it (low 32 bits), char-start bits (high 32).
    chunks: Vec<u64>,
    /// Per chunk: 4-byte lead bits, when counting UTF-16 units of a text that has any.
    quads: Vec<u32>,
    len: usize,
}

impl UnitIndex {
    const CHUNK: usize = 32;

    fn new(bytes: &[u8], unit: OffsetUnit) -> UnitIndex {
        let utf16 = unit == OffsetUnit::Utf16;
        let n = bytes.len().div_ceil(Self::CHUNK) + 1; // and an empty one for the end
        let (mut chunks, mut quads) = (Vec::with_capacity(n), Vec::new());
        let mut units = 0u32;
        for (c, chunk) in bytes.chunks(Self::CHUNK).chain(std::iter::once(&[][..])).enumerate() {
            let (mut starts, mut leads) = (0u32, 0u32);
            for (k, word) in chunk.chunks(8).enumerate() {
                let (x, live) = match word.try_into() {
                    Ok(full) => (u64::from_le_bytes(full), u64::MAX),
                    Err(_) => {
                        let mut padded = [0u8; 8];
                        padded[..word.len()].copy_from_slice(word);
                        (u64::from_le_bytes(padded), (1u64 << (8 * word.len())) - 1)
                    }
                };
                starts |= Self::top_bits(!(x & !(x << 1)) & live) << (8 * k); // not 10xxxxxx
                if utf16 {
                    leads |= Self::top_bits(x & x << 1 & x << 2 & x << 3) << (8 * k); // 1111xxxx
                }
            }
            chunks.push(u64::from(units) | u64::from(starts) << 32);
            if leads != 0 && quads.is_empty() {
                quads.resize(n, 0);
            }
            if let Some(q) = quads.get_mut(c) {
                *q = leads;
            }
            units += starts.count_ones() + leads.count_ones();
        }
        UnitIndex { chunks, quads, len: bytes.len() }
    }

    /// The top bit of each of the eight bytes of `x`, gathered into bits 0..8.
    fn top_bits(x: u64) -> u32 {
        ((((x >> 7) & 0x0101_0101_0101_0101).wrapping_mul(0x0102_0408_1020_4080)) >> 56) as u32
    }

    /// `offset` must be a char boundary (every span is); past the end maps to the end.
    fn map(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        let chunk = offset / Self::CHUNK;
        let before = ((1u64 << (offset % Self::CHUNK)) - 1) as u32;
        let Some(&entry) = self.chunks.get(chunk) else { return 0 };
        let quads = self.quads.get(chunk).map_or(0, |q| (q & before).count_ones());
        entry as u32 as usize + ((entry >> 32) as u32 & before).count_ones() as usize + quads as usize
    }
}

const WARM_FR: &str = "Le secrétaire général de l'OTAN, Mark Rutte, a rencontré le ministre japonais de la Défense à Tokyo.";
const WARM_EN: &str = "NATO Secretary-General Mark Rutte met Japan's defence minister in Tokyo on Tuesday.";

pub(crate) fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::shipped)
}

/// Built once from a `Config`, then applied to many texts.
pub struct Analyzer {
    config: Config,
    language: Option<Lang>,
    format: Option<Format>,
    stemmers: Stemmers,
    taxonomy: Taxonomy,
}

impl Analyzer {
    pub fn new(config: Config) -> Result<Analyzer> {
        let language = match config.language.as_str() {
            "auto" | "" => None,
            code => Some(Lang::parse(code).ok_or_else(|| Error::InvalidOptions(format!("language must be auto, fr or en, not \"{code}\"")))?),
        };
        let format = match config.format.as_str() {
            "auto" | "" => None,
            f => Some(Format::parse(f).ok_or_else(|| Error::InvalidOptions(format!("format must be auto, text, markdown or html, not \"{f}\"")))?),
        };
        if !(0.0..=1.0).contains(&config.min_topic_score) {
            return Err(Error::InvalidOptions("minTopicScore must be between 0 and 1".into()));
        }
        if config.max_keywords > 1000 || config.highlight_keywords > 1000 {
            return Err(Error::InvalidOptions("maxKeywords and highlightKeywords must be at most 1000".into()));
        }
        if config.max_input_bytes == 0 {
            return Err(Error::InvalidOptions("maxInputBytes must be positive".into()));
        }
        let stemmers = Stemmers::default();
        let taxonomy = match &config.taxonomy {
            Some(json) => Taxonomy::from_json(json, &stemmers)?,
            None => Taxonomy::iptc(),
        };
        Ok(Analyzer { config, language, format, stemmers, taxonomy })
    }

    /// Builds what the first analysis would build lazily (gazetteer, given names, then per
    /// language: word frequencies and stop words, topic triggers, a one-sentence analysis),
    /// one step per call, each a few milliseconds: a caller on a UI thread yields between
    /// steps instead of paying it all in one long task. Returns whether steps are left after
    /// `step` (0, 1, 2…); a step past the end does nothing.
    pub fn warm_step(&self, step: usize) -> bool {
        let langs: &[Lang] = match self.language {
            Some(Lang::En) => &[Lang::En],
            Some(_) => &[Lang::Fr],
            None => &[Lang::Fr, Lang::En],
        };
        let total = 2 + 3 * langs.len();
        match step {
            0 => {
                gazetteer();
            }
            1 => {
                crate::entities::is_first_name("jean");
            }
            s if s < total => {
                let lang = langs[(s - 2) / 3];
                match (s - 2) % 3 {
                    0 => {
                        crate::words::zipf(lang, "");
                        lang::stopwords(lang);
                    }
                    1 => self.taxonomy.warm(lang),
                    // The code paths of a whole analysis, on one short sentence.
                    _ => {
                        let _ = self.analyze(if lang == Lang::En { WARM_EN } else { WARM_FR });
                    }
                }
            }
            _ => {}
        }
        step + 1 < total
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Analyses a text that is already decoded. Offsets are UTF-8 bytes into `Analysis::text`.
    pub fn analyze(&self, text: &str) -> Result<Analysis> {
        self.analyze_decoded(text.to_owned(), "UTF-8", None)
    }

    /// Analyses a file's bytes: detects the encoding, then the format (from `name` and content).
    pub fn analyze_bytes(&self, bytes: &[u8], name: Option<&str>) -> Result<Analysis> {
        self.check_size(bytes.len())?;
        let decoded = input::decode(bytes)?;
        let mut a = self.analyze_decoded(decoded.text, decoded.encoding, name)?;
        a.source = name.map(str::to_string);
        Ok(a)
    }

    fn check_size(&self, size: usize) -> Result<()> {
        if size > self.config.max_input_bytes {
            return Err(Error::InputTooLarge { size, limit: self.config.max_input_bytes });
        }
        Ok(())
    }

    fn analyze_decoded(&self, text: String, encoding: &str, name: Option<&str>) -> Result<Analysis> {
        self.check_size(text.len())?;
        if text.trim().is_empty() {
            return Err(Error::EmptyInput);
        }
        let format = self.format.unwrap_or_else(|| input::detect_format(&text, name));
        let (body, meta, hints) = match format {
            Format::Html => {
                let a = html::extract(&text);
                (a.text, Some(a.meta), a.hints)
            }
            Format::Markdown => {
                let (t, hints) = markdown::extract(&text);
                (t, None, hints)
            }
            Format::Text => (text, None, Vec::new()),
        };
        if body.trim().is_empty() {
            return Err(Error::EmptyInput);
        }
        let doc = Document::parse_with_hints(body, &hints);
        // Stop-word evidence in the first 5,000 tokens.
        let words = doc.tokens.iter().take(5000).filter(|t| t.kind != crate::text::TokenKind::Punct).map(|t| t.span.of(&doc.text));
        let detected = lang::detect(words);
        let html_lang = meta.as_ref().and_then(|m| m.lang.as_deref()).and_then(|l| Lang::parse(l.get(..2).unwrap_or(l)));
        let language = self.language.unwrap_or(if detected == Lang::Unknown { html_lang.unwrap_or(Lang::Unknown) } else { detected });
        let stop = lang::stopwords(language);
        let infos = words::word_infos(&doc, language, &self.stemmers, stop);
        let keywords = keywords::extract(&doc, &infos, self.config.max_keywords, None, language);
        let entities = entities::extract(&doc, &infos, gazetteer(), language);
        let topics = self.taxonomy.tag(&doc, &infos, language, self.config.min_topic_score);
        let quote_spans: Vec<Span> = doc.quotes.iter().map(|q| q.span).collect();
        let top = &keywords[..keywords.len().min(self.config.highlight_keywords)];
        let highlights = highlight::merge(&entities, top, &quote_spans);

        let text_of = |s: Option<Span>| s.map(|s| s.of(&doc.text).to_string());
        let meta = meta.unwrap_or_default();
        Ok(Analysis {
            source: name.map(str::to_string),
            language,
            format,
            encoding: encoding.to_string(),
            title: text_of(doc.title).or(meta.title),
            kicker: text_of(doc.kicker),
            // A page's own metadata is more reliable than what the text suggests.
            date: meta.date.or(doc.date.clone()),
            byline: meta.byline.or(doc.byline.clone()),
            dateline: text_of(doc.dateline),
            blocks: doc.blocks.iter().map(|b| BlockOut { kind: b.kind, start: b.span.start, end: b.span.end }).collect(),
            quotes: doc.quotes.iter().map(|q| QuoteOut { start: q.span.start, end: q.span.end, speaker: q.speaker.clone() }).collect(),
            keywords,
            entities,
            topics,
            highlights,
            text: doc.text,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What an offset is in `unit`, counted char by char.
    fn units_before(text: &str, offset: usize, unit: OffsetUnit) -> usize {
        let head = &text[..offset.min(text.len())];
        if unit == OffsetUnit::Utf16 { head.encode_utf16().count() } else { head.chars().count() }
    }

    #[test]
    fn maps_to_chars_and_utf16() {
        let text = "é😀a\u{301}b";
        // byte offsets: é=0..2, 😀=2..6, a=6..7, ◌́=7..9, b=9..10
        let offs = [0, 2, 6, 7, 9, 10];
        let chars = UnitIndex::new(text.as_bytes(), OffsetUnit::Chars);
        assert_eq!(offs.iter().map(|&o| chars.map(o)).collect::<Vec<_>>(), vec![0, 1, 2, 3, 4, 5]);
        let u16 = UnitIndex::new(text.as_bytes(), OffsetUnit::Utf16);
        assert_eq!(offs.iter().map(|&o| u16.map(o)).collect::<Vec<_>>(), vec![0, 1, 3, 4, 5, 6]);
    }

    #[test]
    fn unit_index_maps_as_counting_chars() {
        // ASCII, 2-, 3- and 4-byte chars, a combining mark, across several 16-byte chunks.
        let text = "Élysée: «Ça va» dit-il 😀👍🏽 a\u{301}b — 東京 fin.".repeat(3);
        let offsets: Vec<usize> = (0..=text.len() + 2).filter(|&o| o > text.len() || text.is_char_boundary(o)).collect();
        for unit in [OffsetUnit::Chars, OffsetUnit::Utf16] {
            let index = UnitIndex::new(text.as_bytes(), unit);
            for &o in &offsets {
                assert_eq!(index.map(o), units_before(&text, o, unit), "{o} {unit:?}");
            }
        }
    }
}
