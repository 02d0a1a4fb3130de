//! Bytes as a reader drops a file: any encoding, with or without a file name.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (name, bytes) = match data.split_first() {
        Some((b, rest)) => ([None, Some("a.html"), Some("a.md"), Some("a.txt"), Some("a")][*b as usize % 5], rest),
        None => (None, data),
    };
    if let Ok(a) = common::analyzer().analyze_bytes(bytes, name) {
        common::check(&a);
    }
});
