//! Property tests over arbitrary text: no panic, every span in bounds and on char
//! boundaries, highlights sorted and disjoint, deterministic output, and the
//! char / UTF-16 offset conversion slicing the same text as the byte offsets.
#![cfg(not(target_arch = "wasm32"))]

use loupe::highlight::HighlightKind;
use loupe::{Analysis, Analyzer, Config, OffsetUnit, Span};
use proptest::prelude::*;

/// Pieces of text that stress tokenising and offsets: names, elisions, accents,
/// combining marks, zero-width and bidi characters, emoji sequences, CJK, RTL scripts.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("l’OTAN".to_string()), Just("L'Otan".to_string()), Just("Corée du Nord".to_string()),
        Just("Jens Stoltenberg".to_string()), Just("Soltenberg".to_string()), Just("le Premier ministre japonais".to_string()),
        Just("TOKYO (AP) –".to_string()), Just("missiles à longue portée".to_string()), Just("« Guerre »".to_string()),
        Just("Cafe\u{301}".to_string()), Just("e\u{301}\u{327}".to_string()), Just("\u{200B}".to_string()),
        Just("\u{200D}".to_string()), Just("\u{FEFF}".to_string()), Just("\u{00AD}".to_string()),
        Just("\u{202E}abc\u{202C}".to_string()), Just("👍🏽".to_string()), Just("👩‍👩‍👧".to_string()),
        Just("🇯🇵".to_string()), Just("東京都".to_string()), Just("مرحبا".to_string()), Just("שלום".to_string()),
        Just("1 000,5".to_string()), Just("75e".to_string()), Just("https://ex.org/a?b=c".to_string()),
        Just("a.b@ex.org".to_string()), Just("\u{a0}".to_string()), Just("\u{202F}".to_string()),
        Just("\n\n".to_string()), Just(". ".to_string()), Just(", ".to_string()), Just("'".to_string()),
        Just("-".to_string()), Just("M.".to_string()), Just("Indo-Pacifique".to_string()),
        "[a-zA-Zéèàçœ' -]{1,12}",
        any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), prop_oneof![Just(" "), Just(""), Just("\n")]), 0..40)
        .prop_map(|v| v.into_iter().map(|(p, sep)| p + sep).collect())
}

fn check_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(start <= end && end <= text.len(), "{what} {start}..{end} out of bounds ({})", text.len());
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{what} {start}..{end} not on char boundaries");
}

fn all_spans(a: &Analysis) -> Vec<(Span, &'static str)> {
    let mut v = Vec::new();
    v.extend(a.blocks.iter().map(|b| (Span::new(b.start, b.end), "block")));
    v.extend(a.quotes.iter().map(|q| (Span::new(q.start, q.end), "quote")));
    v.extend(a.keywords.iter().flat_map(|k| k.mentions.iter().map(|&m| (m, "keyword"))));
    v.extend(a.entities.iter().flat_map(|e| e.mentions.iter().chain(&e.demonyms).map(|&m| (m, "entity"))));
    v.extend(a.highlights.iter().map(|h| (Span::new(h.start, h.end), "highlight")));
    v
}

fn check(analyzer: &Analyzer, input: &str) {
    let Ok(a) = analyzer.analyze(input) else { return };
    for (s, what) in all_spans(&a) {
        check_span(&a.text, s.start, s.end, what);
    }
    for w in a.highlights.windows(2) {
        assert!(w[0].end <= w[1].start, "highlights overlap or are unsorted: {:?} {:?}", w[0], w[1]);
    }
    for h in &a.highlights {
        assert!(h.start < h.end, "empty highlight {h:?}");
        let ok = match h.kind {
            HighlightKind::Keyphrase => h.index < a.keywords.len(),
            HighlightKind::Quote => h.index < a.quotes.len(),
            _ => h.index < a.entities.len(),
        };
        assert!(ok, "highlight points nowhere: {h:?}");
    }
    for k in &a.keywords {
        assert!((0.0..=1.0).contains(&k.score), "score {} out of 0..1", k.score);
    }
    // Deterministic: the same input gives the same JSON.
    let again = analyzer.analyze(input).unwrap();
    assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&again).unwrap());

    // Offsets converted to chars and UTF-16 slice the same text as the byte offsets.
    let bytes: Vec<(Span, &str)> = all_spans(&a);
    let chars: Vec<char> = a.text.chars().collect();
    let units: Vec<u16> = a.text.encode_utf16().collect();
    for (unit, name) in [(OffsetUnit::Chars, "chars"), (OffsetUnit::Utf16, "utf16")] {
        let mut c = a.clone();
        c.convert_offsets(unit);
        let converted = all_spans(&c);
        assert_eq!(converted.len(), bytes.len());
        for ((b, what), (m, _)) in bytes.iter().zip(&converted) {
            let expected = &a.text[b.start..b.end];
            let got = match unit {
                OffsetUnit::Chars => chars[m.start..m.end].iter().collect::<String>(),
                _ => String::from_utf16(&units[m.start..m.end]).expect("UTF-16 offsets split a surrogate pair"),
            };
            assert_eq!(got, expected, "{name} offsets of a {what} slice different text");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn french_analysis_invariants(input in text()) {
        let analyzer = Analyzer::new(Config { language: "fr".into(), format: "text".into(), ..Config::default() }).unwrap();
        check(&analyzer, &input);
    }

    #[test]
    fn auto_language_and_format_invariants(input in text()) {
        let analyzer = Analyzer::new(Config::default()).unwrap();
        check(&analyzer, &input);
    }

    #[test]
    fn arbitrary_unicode_never_panics(input in "\\PC{0,200}") {
        let analyzer = Analyzer::new(Config { language: "fr".into(), ..Config::default() }).unwrap();
        check(&analyzer, &input);
    }
}
