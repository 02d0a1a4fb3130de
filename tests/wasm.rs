//! Wasm tests run in node by wasm-bindgen-test-runner: the JS-facing API, as
//! JavaScript sees it (plain objects, UTF-16 offsets, thrown error codes).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect};
use loupe::wasm::Analyzer;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn slice_utf16(text: &str, start: u32, end: u32) -> String {
    js_sys::JsString::from(text).slice(start, end).into()
}

#[wasm_bindgen_test]
fn result_is_a_plain_object_with_utf16_offsets() {
    let analyzer = Analyzer::new(JsValue::UNDEFINED).unwrap();
    // Emoji (2 UTF-16 units), accents and a combining mark before the names.
    let text = "Visite 😀 à Tokyo\n\nLe secrétaire général de l’OTAN, Jens Stoltenberg, a vu Fumio Kishida à Tokyo. Cafe\u{301} 👍🏽 et l’OTAN.";
    let r = analyzer.analyze(text.into()).unwrap();
    assert_eq!(get(&r, "language").as_string().unwrap(), "fr");
    // Highlights as columns: typed arrays of offsets, kinds by number.
    let highlights = get(&r, "highlights");
    let starts = get(&highlights, "start").dyn_into::<js_sys::Uint32Array>().unwrap().to_vec();
    let ends = js_sys::Uint32Array::from(get(&highlights, "end")).to_vec();
    let kinds: Array = get(&highlights, "kinds").dyn_into().unwrap();
    let kind = js_sys::Uint32Array::from(get(&highlights, "kind")).to_vec();
    assert!(!starts.is_empty());
    assert_eq!((ends.len(), kind.len()), (starts.len(), starts.len()));
    let mut seen = Vec::new();
    for (i, (&start, &end)) in starts.iter().zip(&ends).enumerate() {
        seen.push(slice_utf16(text, start, end));
        if seen[i] == "Jens Stoltenberg" {
            assert_eq!(kinds.get(kind[i]).as_string().unwrap(), "person");
        }
    }
    // A keyword's mentions: the same columns.
    let keyword = Array::from(&get(&r, "keywords")).get(0);
    let mentions = get(&keyword, "mentions");
    let first = (js_sys::Uint32Array::from(get(&mentions, "start")).get_index(0), js_sys::Uint32Array::from(get(&mentions, "end")).get_index(0));
    assert!(!slice_utf16(text, first.0, first.1).is_empty());
    assert!(seen.iter().any(|s| s == "Jens Stoltenberg"), "highlights: {seen:?}");
    assert!(seen.iter().any(|s| s == "OTAN"), "elided article stays outside: {seen:?}");
    assert!(seen.iter().filter(|s| *s == "Tokyo").count() >= 2, "highlights: {seen:?}");
}

#[wasm_bindgen_test]
fn errors_carry_stable_codes() {
    let analyzer = Analyzer::new(JsValue::NULL).unwrap();
    let err = analyzer.analyze("  \n ".into()).err().unwrap();
    assert_eq!(get(&err, "code").as_string().unwrap(), "empty_input");
    assert_eq!(get(&err, "name").as_string().unwrap(), "LoupeError");
    assert!(err.is_instance_of::<js_sys::Error>());

    let opts = js_sys::Object::new();
    Reflect::set(&opts, &"bogus".into(), &1.into()).unwrap();
    let err = Analyzer::new(opts.into()).err().unwrap();
    assert_eq!(get(&err, "code").as_string().unwrap(), "invalid_options");

    let opts = js_sys::Object::new();
    Reflect::set(&opts, &"language".into(), &"de".into()).unwrap();
    let err = Analyzer::new(opts.into()).err().unwrap();
    assert_eq!(get(&err, "code").as_string().unwrap(), "invalid_options");
}

#[wasm_bindgen_test]
fn bytes_in_windows_1252_are_decoded() {
    let analyzer = Analyzer::new(JsValue::UNDEFINED).unwrap();
    let bytes = b"Le Japon et l'OTAN\n\nLe secr\xe9taire g\xe9n\xe9ral de l'OTAN a rencontr\xe9 le Premier ministre \xe0 Tokyo.";
    let r = analyzer.analyze_bytes(bytes, Some("vieux.txt".into())).unwrap();
    assert_eq!(get(&r, "encoding").as_string().unwrap(), "windows-1252");
    let text = get(&r, "text").as_string().unwrap();
    assert!(text.contains("secrétaire général"));
}

#[wasm_bindgen_test]
fn warm_takes_a_bounded_number_of_steps_and_changes_no_result() {
    let text = "Le secrétaire général de l'OTAN, Jens Stoltenberg, est arrivé à Tokyo.";
    let cold = Analyzer::new(JsValue::UNDEFINED).unwrap().analyze(text.into()).unwrap();
    let analyzer = Analyzer::new(JsValue::UNDEFINED).unwrap();
    let mut steps = 1;
    while analyzer.warm() {
        steps += 1;
        assert!(steps < 20, "warm() never says it is done");
    }
    // auto language: gazetteer, names, then three steps for each of French and English.
    assert_eq!(steps, 8);
    assert!(!analyzer.warm(), "a step past the end does nothing");
    let warm = analyzer.analyze(text.into()).unwrap();
    let json = |v: &JsValue| js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    assert_eq!(json(&warm), json(&cold));
}
