//! Native start-up attribution, in a fresh process: `Analyzer::new`, then (with WARM=1) each
//! `Analyzer::warm_step` alone (gazetteer, first names, per language: word tables, topic
//! triggers, a short analysis), then N analyses of a file (default 3). The first analysis
//! pays for every table the warm-up did not build. Prints one line of wall ms. WARM_STEPS=k runs
//! only the first k steps.
//! `cargo run --release --example startup_native -- bench/out/article-4k.txt`
//! Instruction counts (steady whatever the machine's load), first analysis vs first two:
//! `N=1 valgrind --tool=callgrind target/release/examples/startup_native bench/out/article-4k.txt`
//! and the same with N=2: the difference is one steady analysis, the rest is set-up.
use std::time::Instant;

use loupe::{Analyzer, Config};

fn main() {
    let path = std::env::args().nth(1).expect("usage: startup_native FILE");
    let text = std::fs::read_to_string(path).expect("a readable UTF-8 file");
    let runs: usize = std::env::var("N").ok().and_then(|n| n.parse().ok()).unwrap_or(3);
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let analyzer = Analyzer::new(Config::default()).expect("default config");
    let mut out = format!("new {:.2}", ms(t));
    // WARM_STEPS=k: the first k steps only (instruction counts per step, by difference).
    let steps: usize = std::env::var("WARM_STEPS").ok().and_then(|n| n.parse().ok()).unwrap_or(usize::MAX);
    if std::env::var_os("WARM").is_some() {
        for step in 0..steps {
            let t = Instant::now();
            let more = analyzer.warm_step(step);
            out += &format!(" warm{step} {:.2}", ms(t));
            if !more {
                break;
            }
        }
    }
    for i in 0..runs {
        let t = Instant::now();
        std::hint::black_box(analyzer.analyze(&text).expect("analysable text"));
        out += &format!(" analyze{i} {:.2}", ms(t));
    }
    println!("{out}");
}
