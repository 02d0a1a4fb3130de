//! Native core throughput: parse only, tokenise + stem (the JS pipeline's work), parse +
//! per-word facts, full analysis, on the texts
//! `bench/make-corpus.mjs` writes. Run by scripts/bench.sh:
//! `cargo run --release --example bench_native -- bench/out/article-4k.txt bench/out/news-1m.txt ...`
//! Prints one tab-separated line per measure: name, file, bytes, best ms, median ms.
//! For `.html` files the one measure is HTML extraction (`html::extract`).
//! Times are this thread's CPU time (Linux /proc/thread-self/schedstat) when available, so
//! that other jobs on a shared machine inflate them less; wall time otherwise.
//! Short runs while iterating: `BENCH_MS=300` (time budget per measure), `BENCH_ONLY=analyze`
//! (comma-separated measures). `BENCH_ONCE=1` calls each measure once, untimed, for a profiler:
//! `valgrind --tool=callgrind --dump-before='*analyze_decoded*' target/release/examples/bench_native ...`.

use std::time::{Duration, Instant};

use loupe::document::Document;
use loupe::{html, lang::Lang, normalize::Stemmers, stopwords, words, Analyzer, Config};

/// Nanoseconds this thread has run on a CPU, if the kernel says.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
}

/// Runs `f` until `budget` is spent (at most 200 samples; 3 at least unless one takes longer
/// than the budget) and returns (best, median) ms per call. A sample repeats `f` for at least
/// 100 ms, since the CPU clock ticks coarsely (4 ms).
fn time<F: FnMut()>(budget: Duration, mut f: F) -> (f64, f64) {
    let mut one = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        f();
        one = one.min(t.elapsed().as_secs_f64() * 1e3);
    }
    let reps = (100.0 / one.max(1e-3)).clamp(1.0, 100_000.0) as u32;
    let mut runs = Vec::new();
    let start = Instant::now();
    while runs.is_empty() || (runs.len() < 3 && start.elapsed() < budget * 2) || (start.elapsed() < budget && runs.len() < 200) {
        let (t, cpu) = (Instant::now(), cpu_ns());
        for _ in 0..reps {
            f();
        }
        let wall = t.elapsed().as_secs_f64() * 1e3;
        let ms = match (cpu, cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e6,
            _ => wall,
        };
        runs.push(ms / reps as f64);
    }
    runs.sort_by(f64::total_cmp);
    (runs[0], runs[runs.len() / 2])
}

fn main() {
    let budget = Duration::from_millis(std::env::var("BENCH_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(1500));
    let only = std::env::var("BENCH_ONLY").ok();
    let wanted = |what: &str| only.as_deref().is_none_or(|o| o.split(',').any(|w| w.trim() == what));
    let once = std::env::var_os("BENCH_ONCE").is_some();
    let time = |budget: Duration, mut f: &mut dyn FnMut()| {
        if once {
            f();
            return (0.0, 0.0);
        }
        time(budget, &mut f)
    };
    // Start-up: building the Analyzer (IPTC taxonomy with stemmed triggers); CPU ms of one build.
    let (t, cpu) = (Instant::now(), cpu_ns());
    let analyzer = Analyzer::new(Config::default()).expect("default config");
    let ms = match (cpu, cpu_ns()) {
        (Some(a), Some(b)) => (b - a) as f64 / 1e6,
        _ => t.elapsed().as_secs_f64() * 1e3,
    };
    println!("analyzer_new\t-\t0\t{ms:.3}\t{ms:.3}");
    let stemmers = Stemmers::default();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable UTF-8 bench text");
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        let n = text.len();
        let report = |what: &str, (best, median): (f64, f64)| println!("{what}\t{name}\t{n}\t{best:.3}\t{median:.3}");
        if name.ends_with(".html") {
            // A news page: HTML extraction alone (the article text and metadata).
            if wanted("html_extract") {
                report("html_extract", time(budget, &mut || {
                    std::hint::black_box(html::extract(&text));
                }));
            }
            continue;
        }
        if wanted("parse") {
            report("parse", time(budget, &mut || {
                std::hint::black_box(Document::parse_text(text.clone()));
            }));
        }
        // What the JS pipeline in the browser bench does: tokenise, lowercase, stop words, stem.
        if wanted("tokenize_stem") {
            report("tokenize_stem", time(budget, &mut || {
                std::hint::black_box(stopwords::stem_ids(&text, Lang::Fr, stopwords::french(), &stemmers));
            }));
        }
        // The document structure and every per-word fact that the analysis starts from.
        if wanted("parse_words") {
            report("parse_words", time(budget, &mut || {
                let doc = Document::parse_text(text.clone());
                std::hint::black_box(words::word_infos(&doc, Lang::Fr, &stemmers, stopwords::french()));
            }));
        }
        if wanted("analyze") {
            report("analyze", time(budget, &mut || {
                std::hint::black_box(analyzer.analyze(&text).expect("analysable bench text"));
            }));
        }
    }
}
