//! Spans and the one coordinate system: byte offsets into `Analysis::text`.
//!
//! The core works in UTF-8 byte offsets only. They are mapped at the edges
//! (`Analysis::convert_offsets`): to Unicode scalar (character) offsets for the CLI's
//! JSON, and to UTF-16 code units for JavaScript, where `text.slice(start, end)` must work.

use serde::Serialize;

/// A half-open range `[start, end)` of byte offsets into the analysed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// The spanned text. Spans are always on char boundaries, so this never panics
    /// for spans the crate produced; `get` keeps it safe for any other span.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
    /// The spanned bytes: no char-boundary checks (cheaper than `of` in per-token loops),
    /// empty for a span outside `text`.
    pub fn bytes_of<'t>(&self, text: &'t str) -> &'t [u8] {
        text.as_bytes().get(self.start..self.end).unwrap_or_default()
    }
}

/// The unit in which offsets are reported outside the core.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffsetUnit {
    /// UTF-8 bytes (the core's own unit).
    Bytes,
    /// Unicode scalar values: Python's `str` indices, jq's.
    Chars,
    /// UTF-16 code units: JavaScript's `String` indices.
    Utf16,
}
