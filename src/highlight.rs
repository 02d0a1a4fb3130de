//! One merged, sorted, non-overlapping list of highlights over the text.
//! Where spans overlap, the higher-priority kind wins (entity > keyphrase >
//! quote) and the lower one is clipped around it, so a quote stays visible
//! around the names inside it.

use std::collections::BTreeMap;

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
    // (priority, span, kind, index); lower priority value wins.
    let mut all: Vec<(u8, Span, HighlightKind, usize)> = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        for &m in &e.mentions {
            all.push((0, m, e.kind.into(), i));
        }
    }
    for (i, k) in keywords.iter().enumerate() {
        for &m in &k.mentions {
            all.push((1, m, HighlightKind::Keyphrase, i));
        }
    }
    for (i, &q) in quotes.iter().enumerate() {
        all.push((2, q, HighlightKind::Quote, i));
    }
    // Within a priority: longer first, then earlier. Entries equal in all of these are equal
    // (same span, same item), so the unstable sort gives the stable sort's order.
    crate::sort::sort_by(&mut all, |a, b| a.0.cmp(&b.0).then(b.1.len().cmp(&a.1.len())).then(a.1.start.cmp(&b.1.start)).then(a.3.cmp(&b.3)));
    // Taken highlights by start; they never overlap, so their ends are sorted too.
    let mut taken: BTreeMap<usize, Highlight> = BTreeMap::new();
    for (_, span, kind, index) in all {
        if span.is_empty() {
            continue;
        }
        // The taken highlights that overlap `span`, in order.
        let mut overlapping: Vec<Span> = taken
            .range(..span.end)
            .rev()
            .take_while(|(_, h)| h.end > span.start)
            .map(|(_, h)| Span::new(h.start, h.end))
            .collect();
        overlapping.reverse();
        // A keyphrase or entity is all or nothing: never highlight half a name.
        if kind != HighlightKind::Quote && !overlapping.is_empty() {
            continue;
        }
        // Free pieces of `span` around the taken ones.
        let mut start = span.start;
        for o in overlapping.iter().chain(std::iter::once(&Span::new(span.end, span.end))) {
            if o.start > start {
                let end = o.start.min(span.end);
                taken.insert(start, Highlight { start, end, kind, index });
            }
            start = start.max(o.end);
        }
    }
    taken.into_values().collect()
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
}
