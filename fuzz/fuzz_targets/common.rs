// Shared by the fuzz targets: one default Analyzer, and the invariants every result must hold.
use std::sync::OnceLock;

use loupe::{Analysis, Analyzer, Config};

pub fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::new(Config::default()).unwrap())
}

/// Every span is in bounds and on char boundaries; highlights are sorted and disjoint.
pub fn check(a: &Analysis) {
    let t = &a.text;
    let ok = |s: usize, e: usize| assert!(s <= e && e <= t.len() && t.is_char_boundary(s) && t.is_char_boundary(e), "span {s}..{e}");
    a.blocks.iter().for_each(|b| ok(b.start, b.end));
    a.quotes.iter().for_each(|q| ok(q.start, q.end));
    a.keywords.iter().flat_map(|k| &k.mentions).for_each(|m| ok(m.start, m.end));
    a.entities.iter().flat_map(|e| &e.mentions).for_each(|m| ok(m.start, m.end));
    a.topics.iter().flat_map(|t| &t.evidence).for_each(|e| ok(e.start, e.end));
    let mut last = 0;
    for h in &a.highlights {
        ok(h.start, h.end);
        assert!(h.start >= last, "highlights overlap");
        last = h.end;
    }
}
