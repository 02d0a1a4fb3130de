//! Golden files for the seed articles: the structure Loupe reads from each one
//! (title, kicker, date, byline, dateline, blocks with their kind and text, quotes
//! with their speaker). Spans are written with their surface text so that a diff
//! reads well. Regenerate with `UPDATE_GOLDEN=1 cargo test --release --test golden`
//! and review the diff by eye.

use std::path::{Path, PathBuf};

use loupe::{Analyzer, Config};
use serde_json::{json, Value};

fn structure(bytes: &[u8], name: &str) -> Value {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let a = analyzer.analyze_bytes(bytes, Some(name)).unwrap();
    let text = &a.text;
    let blocks: Vec<Value> = a.blocks.iter().map(|b| json!({"kind": b.kind, "text": &text[b.start..b.end]})).collect();
    let quotes: Vec<Value> = a.quotes.iter().map(|q| json!({"speaker": q.speaker, "text": &text[q.start..q.end]})).collect();
    // Every span is an exact slice of the text (byte offsets in Rust), in order and disjoint.
    for w in a.blocks.windows(2) {
        assert!(w[0].end <= w[1].start, "{name}: blocks overlap");
    }
    json!({
        "language": a.language, "format": a.format, "encoding": a.encoding,
        "title": a.title, "kicker": a.kicker, "date": a.date, "byline": a.byline, "dateline": a.dateline,
        "blocks": blocks, "quotes": quotes,
    })
}

#[test]
fn seeds_match_golden_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(root.join("seeds")).unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 5, "seeds/*.txt missing");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for seed in &seeds {
        let stem = seed.file_stem().unwrap().to_string_lossy().to_string();
        let got = structure(&std::fs::read(seed).unwrap(), &format!("{stem}.txt"));
        let pretty = serde_json::to_string_pretty(&got).unwrap() + "\n";
        let golden = root.join("tests/golden").join(format!("{stem}.json"));
        if update {
            std::fs::write(&golden, &pretty).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if want != pretty {
            failures.push(stem);
        }
    }
    assert!(failures.is_empty(), "golden files differ for {failures:?}; rerun with UPDATE_GOLDEN=1 and review the diff");
}
