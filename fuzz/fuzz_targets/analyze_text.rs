//! Text already decoded (what JS passes to `analyze`): plain text comes back unchanged.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|text: &str| {
    if let Ok(a) = common::analyzer().analyze(text) {
        common::check(&a);
        if a.format == loupe::input::Format::Text {
            assert_eq!(a.text, text);
        }
    }
});
