//! Parsing throughput on synthesized 10 MB inputs (plain text and HTML), native.
//! `cargo run --release --example parse_speed`. Prints MB/s per stage; best of 3 runs.

use std::time::Instant;

use loupe::document::Document;
use loupe::{html, Analyzer, Config};

fn best_of<T>(f: impl Fn() -> T) -> f64 {
    (0..3).map(|_| {
        let t = Instant::now();
        std::hint::black_box(f());
        t.elapsed().as_secs_f64()
    }).fold(f64::INFINITY, f64::min)
}

fn main() {
    let para = "Le secrétaire général de l’OTAN, Jens Stoltenberg, a déclaré mardi à Tokyo que « notre sécurité est étroitement liée », a-t-il ajouté, avant de rencontrer M. Kishida le 31 janvier 2023.";
    let n = 10_000_000 / (para.len() + 2);
    let text = format!("Titre de l’article\n\n{}", vec![para; n].join("\n\n"));
    let chrome = "<nav><ul><li><a href=/a>Accueil</a></li><li><a href=/b>Monde</a></li></ul></nav>";
    let page = format!(
        "<!doctype html><html lang=fr><head><title>Titre | Journal</title><meta property=og:title content=Titre><script>var x = 1;</script></head><body>{chrome}<div class=page><article class=post><h1>Titre</h1>{}</article><aside class=related>{}</aside></div><footer>pied</footer></body></html>",
        format!("<p>{para} <a href=/x>lien</a></p>\n").repeat(n),
        chrome.repeat(100)
    );
    let mb = |s: &str| s.len() as f64 / 1e6;
    let t = best_of(|| Document::parse_text(text.clone()));
    println!("plain text {:.1} MB: Document::parse_text (blocks, quotes, tokens, sentences) {:.0} MB/s", mb(&text), mb(&text) / t);
    let t = best_of(|| html::extract(&page));
    println!("html {:.1} MB: html::extract (tree, scoring, metadata, text) {:.0} MB/s", mb(&page), mb(&page) / t);
    if std::env::args().any(|a| a == "--parse-only") {
        return;
    }
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let t = best_of(|| analyzer.analyze(&text).unwrap());
    println!("plain text {:.1} MB: whole Analyzer::analyze {:.1} MB/s", mb(&text), mb(&text) / t);
}
