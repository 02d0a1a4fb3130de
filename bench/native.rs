//! Native core throughput: parse only, tokenise + stem, full analysis, on the texts
//! `bench/make-corpus.mjs` writes. Run by scripts/bench.sh:
//! `cargo run --release --example bench_native -- bench/out/article-4k.txt bench/out/news-1m.txt ...`
//! Prints one tab-separated line per measure: name, file, bytes, best ms, median ms.

use std::time::{Duration, Instant};

use loupe::document::Document;
use loupe::{lang::Lang, normalize::Stemmers, stopwords, words, Analyzer, Config};

/// Runs `f` until `budget` is spent (at most 200 times; 3 times at least unless one run
/// takes longer than the budget) and returns (best, median) ms.
fn time<F: FnMut()>(budget: Duration, mut f: F) -> (f64, f64) {
    let mut runs = Vec::new();
    let start = Instant::now();
    while runs.is_empty() || (runs.len() < 3 && start.elapsed() < budget * 2) || (start.elapsed() < budget && runs.len() < 200) {
        let t = Instant::now();
        f();
        runs.push(t.elapsed().as_secs_f64() * 1e3);
    }
    runs.sort_by(f64::total_cmp);
    (runs[0], runs[runs.len() / 2])
}

fn main() {
    let budget = Duration::from_millis(std::env::var("BENCH_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(1500));
    let t = Instant::now();
    let analyzer = Analyzer::new(Config::default()).expect("default config");
    println!("analyzer_new\t-\t0\t{:.3}\t{:.3}", t.elapsed().as_secs_f64() * 1e3, t.elapsed().as_secs_f64() * 1e3);
    let stemmers = Stemmers::default();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable UTF-8 bench text");
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        let n = text.len();
        let mut report = |what: &str, (best, median): (f64, f64)| println!("{what}\t{name}\t{n}\t{best:.3}\t{median:.3}");
        report("parse", time(budget, || {
            std::hint::black_box(Document::parse_text(text.clone()));
        }));
        report("tokenize_stem", time(budget, || {
            let doc = Document::parse_text(text.clone());
            std::hint::black_box(words::word_infos(&doc, Lang::Fr, &stemmers, stopwords::french()));
        }));
        report("analyze", time(budget, || {
            std::hint::black_box(analyzer.analyze(&text).expect("analysable bench text"));
        }));
    }
}
