//! A site's taxonomy (JSON or JSON Lines), then one analysis with it.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|json: &str| {
    let config = loupe::Config { taxonomy: Some(json.to_string()), ..loupe::Config::default() };
    if let Ok(analyzer) = loupe::Analyzer::new(config) {
        let a = analyzer.analyze("Le Japon et l'OTAN. La défense, la culture et le sport au Japon.").unwrap();
        common::check(&a);
    }
});
