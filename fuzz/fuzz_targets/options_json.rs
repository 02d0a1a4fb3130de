//! Options as JSON (the CLI and JS objects go through the same `Config`).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|json: &[u8]| {
    let Ok(mut config) = serde_json::from_slice::<loupe::Config>(json) else { return };
    // Building the IPTC taxonomy costs ~30 ms: use a one-section one unless the input has its own.
    config.taxonomy.get_or_insert_with(|| r#"[{"id":"a","label":"A","triggers":["japon"]}]"#.into());
    if let Ok(analyzer) = loupe::Analyzer::new(config) {
        if let Ok(a) = analyzer.analyze("Le Japon et l'OTAN signent un accord à Tokyo. Le Japon.") {
            common::check(&a);
        }
    }
});
