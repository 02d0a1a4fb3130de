//! Spans and the one coordinate system: byte offsets into `Analysis::text`.
//!
//! The core works in UTF-8 byte offsets only. Two converters map them at the
//! edges: to Unicode scalar (character) offsets for the CLI's JSON, and to
//! UTF-16 code units for JavaScript, where `text.slice(start, end)` must work.

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

/// Maps byte offsets of one text to another unit. Built from the sorted set of
/// offsets that need mapping, in one pass over the text.
pub struct OffsetMapper {
    bytes: Vec<usize>,
    mapped: Vec<usize>,
}

impl OffsetMapper {
    /// `offsets` may be unsorted and repeated; every one must be a char boundary.
    pub fn new(text: &str, mut offsets: Vec<usize>, unit: OffsetUnit) -> OffsetMapper {
        offsets.sort_unstable();
        offsets.dedup();
        if unit == OffsetUnit::Bytes {
            return OffsetMapper { mapped: offsets.clone(), bytes: offsets };
        }
        let mut mapped = Vec::with_capacity(offsets.len());
        let mut units = 0usize;
        let mut pos = 0usize;
        let mut chars = text.char_indices().peekable();
        for &target in &offsets {
            while pos < target {
                match chars.next() {
                    Some((i, c)) => {
                        units += match unit {
                            OffsetUnit::Utf16 => c.len_utf16(),
                            _ => 1,
                        };
                        pos = i + c.len_utf8();
                    }
                    None => break,
                }
            }
            mapped.push(units);
        }
        OffsetMapper { bytes: offsets, mapped }
    }

    pub fn map(&self, byte_offset: usize) -> usize {
        match self.bytes.binary_search(&byte_offset) {
            Ok(i) => self.mapped[i],
            // Not registered: fall back to the nearest lower registered offset.
            Err(0) => 0,
            Err(i) => self.mapped[i - 1],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_to_chars_and_utf16() {
        let text = "é😀a\u{301}b";
        // byte offsets: é=0..2, 😀=2..6, a=6..7, ◌́=7..9, b=9..10
        let offs = vec![0, 2, 6, 7, 9, 10];
        let chars = OffsetMapper::new(text, offs.clone(), OffsetUnit::Chars);
        assert_eq!(offs.iter().map(|&o| chars.map(o)).collect::<Vec<_>>(), vec![0, 1, 2, 3, 4, 5]);
        let u16 = OffsetMapper::new(text, offs.clone(), OffsetUnit::Utf16);
        assert_eq!(offs.iter().map(|&o| u16.map(o)).collect::<Vec<_>>(), vec![0, 1, 3, 4, 5, 6]);
    }
}
