//! Loupe: what a news article is about, at a glance, computed where it is read.
//!
//! ```
//! use loupe::{Analyzer, Config};
//! let analyzer = Analyzer::new(Config::default()).unwrap();
//! let a = analyzer.analyze("L'OTAN et le Japon\n\nLe secrétaire général de l’OTAN, Jens Stoltenberg, a rencontré Fumio Kishida à Tokyo.").unwrap();
//! assert_eq!(a.language, loupe::Lang::Fr);
//! assert!(a.entities.iter().any(|e| e.text == "Jens Stoltenberg"));
//! // Every span is an offset into `a.text`.
//! let h = &a.highlights[0];
//! assert!(!a.text[h.start..h.end].is_empty());
//! ```
//!
//! Pipeline: bytes → `input` (encoding, format) → `html`/`markdown` (article
//! text) → `document` (blocks, quotes, boilerplate) → `text` (tokens, sentences)
//! → `words` (per-token facts) → `keywords`, `entities`, `topics` → `highlight`.

pub mod analysis;
pub mod corpus;
pub mod document;
pub mod entities;
pub mod error;
pub mod french_stem;
pub mod highlight;
pub mod html;
pub mod input;
pub mod json;
pub mod keywords;
pub mod lang;
pub mod markdown;
pub mod normalize;
pub mod sort;
pub mod span;
pub mod stopwords;
mod tables;
pub mod text;
pub mod topics;
pub mod words;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use analysis::{Analysis, Analyzer, Config};
pub use error::{Error, Result};
pub use lang::Lang;
pub use span::{OffsetUnit, Span};
