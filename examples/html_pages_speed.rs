//! HTML extraction throughput on saved pages, native: `html::extract` (tree, scoring,
//! metadata, text) on every `source.html` under the given folders, best of 5 runs.
//! `cargo run --release --example html_pages_speed -- /work/shared/eval-dev/extraction/readability-test-pages/test/test-pages`

use std::time::Instant;

fn main() {
    let mut pages = Vec::new();
    for dir in std::env::args().skip(1) {
        let mut entries: Vec<_> = std::fs::read_dir(&dir).expect("a folder of page folders").flatten().map(|e| e.path().join("source.html")).collect();
        entries.sort();
        pages.extend(entries.into_iter().filter_map(|p| std::fs::read(p).ok()).map(|b| String::from_utf8_lossy(&b).into_owned()));
    }
    let bytes: usize = pages.iter().map(String::len).sum();
    let best = (0..5).map(|_| {
        let t = Instant::now();
        for p in &pages {
            std::hint::black_box(loupe::html::extract(p));
        }
        t.elapsed().as_secs_f64()
    }).fold(f64::INFINITY, f64::min);
    println!("{} pages, {:.1} MB: html::extract {:.0} MB/s", pages.len(), bytes as f64 / 1e6, bytes as f64 / 1e6 / best);
}
