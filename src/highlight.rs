//! One merged, sorted, non-overlapping list of highlights over the text.
//! Where spans overlap, the higher-priority kind wins (entity > keyphrase >
//! quote) and the lower one is clipped around it, so a quote stays visible
//! around the names inside it.

use serde::Serialize;

use crate::entities::{Entity, EntityKind};
use crate::keywords::Keyword;
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HighlightKind {
    Person,
    Place,
    Organisation,
    Other,
    Keyphrase,
    Quote,
}

impl From<EntityKind> for HighlightKind {
    fn from(k: EntityKind) -> Self {
        match k {
            EntityKind::Person => HighlightKind::Person,
            EntityKind::Place => HighlightKind::Place,
            EntityKind::Organisation => HighlightKind::Organisation,
            EntityKind::Other => HighlightKind::Other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
    pub kind: HighlightKind,
    /// Index into `entities`, `keywords` or `quotes`, by kind.
    pub index: usize,
}

/// `quotes` are spans of quoted words.
pub fn merge(entities: &[Entity], keywords: &[Keyword], quotes: &[Span]) -> Vec<Highlight> {
    // (span, kind, index), by priority: entities win over keyphrases, keyphrases over quotes.
    let mut all: Vec<(Span, HighlightKind, usize)> = Vec::new();
    let mut priority_starts = [0; 3];
    for (i, e) in entities.iter().enumerate() {
        for &m in &e.mentions {
            all.push((m, e.kind.into(), i));
        }
    }
    priority_starts[1] = all.len();
    for (i, k) in keywords.iter().enumerate() {
        for &m in &k.mentions {
            all.push((m, HighlightKind::Keyphrase, i));
        }
    }
    priority_starts[2] = all.len();
    for (i, &q) in quotes.iter().enumerate() {
        all.push((q, HighlightKind::Quote, i));
    }
    // Within a priority: longer first, then earlier, then by item index (the order pushed): one
    // stable radix sort per priority of the key (!length, start). Both fit in 32 bits in any text
    // under 4 GiB (saturated above: the order could differ there, never the no-overlap rule).
    let low32 = |x: usize| u64::from(u32::try_from(x).unwrap_or(u32::MAX));
    let mut order = Vec::with_capacity(all.len());
    for (p, &start) in priority_starts.iter().enumerate() {
        let end = priority_starts.get(p + 1).copied().unwrap_or(all.len());
        let keys = all[start..end].iter().map(|a| !low32(a.0.len()) << 32 | low32(a.0.start)).collect();
        order.extend(crate::sort::radix_order(keys).into_iter().map(|i| start + i));
    }
    let reach = all.iter().map(|a| a.0.end).max().unwrap_or(0);
    // Bytes already highlighted, one bit each: the taken highlights never overlap.
    let mut taken = Covered(vec![0; reach.div_ceil(64)]);
    let mut out: Vec<Highlight> = Vec::new();
    for i in order {
        let (span, kind, index) = all[i];
        if span.is_empty() {
            continue;
        }
        // A keyphrase or entity is all or nothing: never highlight half a name.
        if kind != HighlightKind::Quote {
            if taken.next(span.start, span.end, true) == span.end {
                taken.set(span.start, span.end);
                out.push(Highlight { start: span.start, end: span.end, kind, index });
            }
            continue;
        }
        // Free pieces of a quote around the taken ones.
        let mut start = taken.next(span.start, span.end, false);
        while start < span.end {
            let end = taken.next(start, span.end, true);
            taken.set(start, end);
            out.push(Highlight { start, end, kind, index });
            start = taken.next(end, span.end, false);
        }
    }
    in_text_order(&out, reach)
}

/// `highlights` by start, placed by rank instead of sorted: the taken highlights never overlap
/// and are never empty, so their starts are distinct, and a highlight's place is the number of
/// starts before its own (one bit per byte, counted per 64). Cheaper than a sort of 22,000
/// highlights (a 1 MB text).
fn in_text_order(highlights: &[Highlight], reach: usize) -> Vec<Highlight> {
    let mut starts = Covered(vec![0; reach.div_ceil(64)]);
    for h in highlights {
        starts.0[h.start / 64] |= 1 << (h.start % 64);
    }
    let mut before = Vec::with_capacity(starts.0.len());
    let mut count = 0;
    for word in &starts.0 {
        before.push(count);
        count += word.count_ones() as usize;
    }
    let mut out = highlights.to_vec();
    for &h in highlights {
        let below = starts.0[h.start / 64] & ((1u64 << (h.start % 64)) - 1);
        out[before[h.start / 64] + below.count_ones() as usize] = h;
    }
    out
}

/// A set of byte positions, one bit each.
struct Covered(Vec<u64>);

impl Covered {
    /// The first position in `[from, end)` whose bit is `set`, or `end`.
    fn next(&self, from: usize, end: usize, set: bool) -> usize {
        let mut p = from;
        while p < end {
            let word = self.0[p / 64];
            let word = if set { word } else { !word };
            let bits = word >> (p % 64);
            if bits != 0 {
                return (p + bits.trailing_zeros() as usize).min(end);
            }
            p = (p / 64 + 1) * 64;
        }
        end
    }

    /// Sets `[start, end)`, a word at a time (quotes span thousands of bytes).
    fn set(&mut self, start: usize, end: usize) {
        let mut p = start;
        while p < end {
            let bits = (end - p).min(64 - p % 64);
            let mask = if bits == 64 { u64::MAX } else { ((1u64 << bits) - 1) << (p % 64) };
            self.0[p / 64] |= mask;
            p += bits;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_win_and_quotes_are_clipped() {
        let e = vec![Entity { text: "OTAN".into(), kind: EntityKind::Organisation, wikidata: None, mentions: vec![Span::new(5, 9)], demonyms: vec![] }];
        let k = vec![Keyword { text: "l'OTAN x".into(), score: 1.0, mentions: vec![Span::new(5, 12)], key: String::new() }];
        let h = merge(&e, &k, &[Span::new(0, 20)]);
        let spans: Vec<(usize, usize, HighlightKind)> = h.iter().map(|h| (h.start, h.end, h.kind)).collect();
        assert_eq!(spans, vec![(0, 5, HighlightKind::Quote), (5, 9, HighlightKind::Organisation), (9, 20, HighlightKind::Quote)]);
    }

    #[test]
    fn covered_sets_exactly_its_range() {
        for (start, end) in [(0, 0), (0, 1), (3, 64), (63, 65), (64, 128), (5, 200), (127, 129), (0, 192)] {
            let mut c = Covered(vec![0; 4]);
            c.set(start, end);
            for p in 0..256 {
                assert_eq!(c.0[p / 64] >> (p % 64) & 1 == 1, (start..end).contains(&p), "{start}..{end} at {p}");
            }
        }
    }

    #[test]
    fn highlights_come_in_text_order() {
        // Mentions given out of order, across several 64-byte words of the start bitmap.
        let spans: Vec<Span> = (0..60).map(|i| (i * 37) % 300).map(|s| Span::new(s * 3, s * 3 + 2)).collect();
        let e = vec![Entity { text: "X".into(), kind: EntityKind::Place, wikidata: None, mentions: spans, demonyms: vec![] }];
        let h = merge(&e, &[], &[Span::new(0, 950)]);
        let starts: Vec<usize> = h.iter().map(|h| h.start).collect();
        let mut sorted = starts.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(starts, sorted);
        assert!(h.windows(2).all(|w| w[0].end <= w[1].start));
        assert_eq!(h.iter().filter(|h| h.kind == HighlightKind::Place).count(), 60);
    }
}
