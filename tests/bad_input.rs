//! Hostile and degenerate inputs: each one gets a clear error with a stable code,
//! or a correct result whose every offset lies on a char boundary of `text`, and
//! nothing of the reader's plain text is lost or changed.

use loupe::{Analysis, Analyzer, Config, Error};

fn analyzer() -> Analyzer {
    Analyzer::new(Config::default()).unwrap()
}

fn with(json: &str) -> Result<Analyzer, Error> {
    let config: Config = serde_json::from_str(json).map_err(|e| Error::InvalidOptions(e.to_string()))?;
    Analyzer::new(config)
}

/// Every span of the result is in bounds, on char boundaries and non-empty;
/// highlights are sorted, disjoint and cover exactly the text they claim.
fn check(a: &Analysis) {
    let t = &a.text;
    let ok = |s: usize, e: usize, what: &str| {
        assert!(s < e && e <= t.len(), "{what} {s}..{e} out of 0..{}", t.len());
        assert!(t.is_char_boundary(s) && t.is_char_boundary(e), "{what} {s}..{e} not on char boundaries");
    };
    for b in &a.blocks {
        assert!(b.start <= b.end && b.end <= t.len() && t.is_char_boundary(b.start) && t.is_char_boundary(b.end));
    }
    for q in &a.quotes {
        ok(q.start, q.end, "quote");
    }
    for k in &a.keywords {
        assert!(k.score.is_finite() && (0.0..=1.0).contains(&k.score), "keyword score {}", k.score);
        for m in &k.mentions {
            ok(m.start, m.end, "keyword mention");
        }
    }
    for e in &a.entities {
        for m in &e.mentions {
            ok(m.start, m.end, "entity mention");
        }
    }
    for topic in &a.topics {
        assert!(topic.score.is_finite());
        for ev in &topic.evidence {
            ok(ev.start, ev.end, "topic evidence");
            assert_eq!(&t[ev.start..ev.end], ev.text);
        }
    }
    let mut last_end = 0;
    for h in &a.highlights {
        ok(h.start, h.end, "highlight");
        assert!(h.start >= last_end, "highlights overlap or are unsorted at {}", h.start);
        assert!(!t[h.start..h.end].trim().is_empty(), "highlight of white space only");
        last_end = h.end;
    }
}

/// Plain text in, same text out, with a valid analysis.
fn plain_ok(input: &str) -> Analysis {
    let a = with(r#"{"format":"text"}"#).unwrap().analyze(input).unwrap();
    assert_eq!(a.text, input, "plain text must come back unchanged");
    check(&a);
    a
}

fn code_of<T>(r: Result<T, Error>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(e) => {
            assert!(!e.to_string().is_empty());
            e.code()
        }
    }
}

#[test]
fn empty_and_blank_inputs_are_empty_input() {
    let a = analyzer();
    for s in ["", " ", "\n\n\t  \r\n", "\u{a0}\u{2003}"] {
        assert_eq!(code_of(a.analyze(s)), "empty_input", "{s:?}");
    }
    // Invisible but not white space: either refused or analysed to nothing.
    for s in ["\u{feff}", "\u{200b}\u{200b}"] {
        match a.analyze(s) {
            Ok(r) => check(&r),
            Err(e) => assert_eq!(e.code(), "empty_input"),
        }
    }
    assert_eq!(code_of(a.analyze_bytes(b"", None)), "empty_input");
    assert_eq!(code_of(a.analyze_bytes(b"   \n", Some("a.txt"))), "empty_input");
    // Markup with no readable text is empty too.
    assert_eq!(code_of(a.analyze_bytes(b"<html><head><script>x()</script></head><body></body></html>", Some("a.html"))), "empty_input");
}

#[test]
fn one_huge_word() {
    plain_ok(&"a".repeat(1 << 20));
    plain_ok(&"é".repeat(300_000));
    // A 500 KB word in a sentence used to take minutes in edit_distance (O(n·m)).
    plain_ok(&format!("Le {} est long. Le {0}.", "anticonstitutionnellement".repeat(20_000)));
}

#[test]
fn inputs_over_the_limit_are_refused_before_any_work() {
    // Decision: the default limit is 32 MiB, so 50 MB of text is refused with
    // `input_too_large` (the widget shows the message); a site can raise `maxInputBytes`.
    let big = "Le gouvernement a annoncé une réforme. ".repeat(50_000_000 / 39 + 1);
    assert!(big.len() >= 50_000_000);
    let a = analyzer();
    assert_eq!(code_of(a.analyze(&big)), "input_too_large");
    assert_eq!(code_of(a.analyze_bytes(big.as_bytes(), Some("big.txt"))), "input_too_large");
    let small = with(r#"{"maxInputBytes": 1000}"#).unwrap();
    assert_eq!(code_of(small.analyze(&"mot ".repeat(251))), "input_too_large");
    assert_eq!(code_of(small.analyze(&"mot ".repeat(250))), "ok");
}

#[test]
fn nul_and_control_bytes() {
    let a = analyzer();
    // Mostly NUL: binary.
    assert_eq!(code_of(a.analyze_bytes(&[0u8; 4096], None)), "binary_input");
    assert_eq!(code_of(a.analyze_bytes(&(0u8..=255).cycle().take(10_000).collect::<Vec<_>>(), Some("x.bin"))), "binary_input");
    // A few NULs inside text: analysed, text kept as is.
    plain_ok("Le Japon\0 et la France\0 signent un accord à Tokyo.");
    let r = a.analyze_bytes(b"Le Japon\0 et la France signent un accord \x01 a Tokyo. Le Japon et la France.", None).unwrap();
    check(&r);
}

#[test]
fn invalid_utf8_and_utf16_never_panic() {
    let a = analyzer();
    let cases: Vec<Vec<u8>> = vec![
        b"caf\xc3 au lait \xff\xfe au Japon, \xed\xa0\x80 surrogates \xf4\x90\x80\x80 too big".to_vec(),
        b"\xc3\xa9t\xc3\xa9 \xc3 coup\xc3\xa9 en plein milieu \xe2\x80".to_vec(),
        // UTF-16LE BOM, odd length, lone surrogates.
        [&[0xFF, 0xFE][..], &[0x41, 0, 0x00, 0xD8, 0x42, 0, 0x00, 0xDC, 0x43][..]].concat(),
        // UTF-16BE BOM then an unpaired low surrogate.
        [&[0xFE, 0xFF][..], &[0xDC, 0x00, 0, b'L', 0, b'e', 0, b' ', 0, b'J'][..]].concat(),
        // BOM-less UTF-16 with a truncated last unit.
        "Le Japon et la France".encode_utf16().flat_map(|u| u.to_le_bytes()).chain([0x41]).collect(),
        vec![0xEF, 0xBB, 0xBF],
        vec![0xFF, 0xFE],
        vec![0xEF, 0xBB, 0xBF, 0xFF, 0xFE, 0xFE, 0xFF],
    ];
    for bytes in cases {
        for name in [None, Some("a.txt"), Some("a.md"), Some("a.html")] {
            match a.analyze_bytes(&bytes, name) {
                Ok(r) => check(&r),
                Err(e) => assert!(matches!(e.code(), "empty_input" | "binary_input"), "{bytes:?}: {e}"),
            }
        }
    }
}

#[test]
fn mixed_scripts_and_tricky_unicode_keep_the_text() {
    let texts = [
        "Москва и Париж. Владимир Путин встретился с Эммануэлем Макроном в Кремле.",
        "قال الرئيس إن المفاوضات في القاهرة ستستمر. Le Caire accueille les négociations.",
        "東京で日本とフランスが協定に署名した。Le Japon et la France signent à Tokyo.",
        "עברית מימין לשמאל \u{202E}txet desrever\u{202C} et \u{200F}marques RTL\u{200E}.",
        // Combining marks: e + U+0301, stacked marks, a mark with no base.
        "Le cafe\u{301} de la re\u{301}publique, \u{301}\u{301}\u{301} Zalgo z\u{36b}\u{33e}\u{35b}a\u{30a}l\u{310}.",
        // Zero-width characters inside and between words.
        "Em\u{200B}manuel Ma\u{200C}cron et l\u{2019}O\u{200D}TAN\u{2060} à Bru\u{00AD}xelles. \u{FEFF}Fin.",
        // Emoji with skin-tone modifiers, ZWJ sequences and flags.
        "👍🏽 Le président 👨‍👩‍👧‍👦 a salué 🇫🇷🇯🇵 la décision 🏳️‍🌈 de l'OTAN. 👩🏿‍🚀",
        // Lone CR, form feed, vertical tab, NEL, line and paragraph separators.
        "Titre\r\rPremier paragraphe.\u{c}Deuxième\u{b} ligne\u{85}Troisième\u{2028}quatrième\u{2029}cinquième.",
    ];
    for t in texts {
        plain_ok(t);
        let r = analyzer().analyze(t).unwrap();
        check(&r);
    }
}

#[test]
fn deeply_nested_and_unclosed_html() {
    let a = analyzer();
    let deep = format!("{}<p>Le Japon et la France.</p>{}", "<div>".repeat(100_000), "</div>".repeat(50_000));
    let r = a.analyze_bytes(deep.as_bytes(), Some("deep.html")).unwrap();
    check(&r);
    assert!(r.text.contains("Le Japon et la France."));
    for html in [
        "<html><body><p>Texte <b>non <i>fermé <p>Le Japon et la France signent un accord",
        "<p>Un <!-- commentaire jamais fermé",
        "<p>Un attribut <a href=\"jamais fermé>lien</a> et la suite du texte.",
        "<<<>>><p>>>Texte <</p> &amp &#xFFFFFFFF; &#0; &#55296; &#x110000; &unknown; &lt",
        "<![CDATA[ pas fermé <p>Le Japon",
        "<p>Fin abrupte <",
        "</p></p></div>Texte sans ouverture.</body></html>",
    ] {
        match a.analyze_bytes(html.as_bytes(), Some("a.html")) {
            Ok(r) => check(&r),
            Err(e) => assert_eq!(e.code(), "empty_input", "{html}: {e}"),
        }
    }
}

#[test]
fn hostile_html_never_reaches_the_text() {
    let html = r#"<!DOCTYPE html><html><head>
<meta http-equiv="refresh" content="0;url=javascript:alert(1)">
<meta http-equiv="Content-Security-Policy" content="default-src *">
<script>alert('script')</script><style>body{display:none}</style>
<title>Un titre</title></head>
<body onload="alert('onload')">
<h1>Le Japon et la France signent un accord</h1>
<p>Le premier ministre <a href="javascript:alert('href')" onclick="alert('click')">Fumio Kishida</a> a rencontré le président à Tokyo.</p>
<svg onload="alert('svg')"><script>alert('svg-script')</script><foreignObject><p>caché</p></foreignObject></svg>
<img src=x onerror="alert('img')"><iframe srcdoc="<script>alert('iframe')</script>"></iframe>
<noscript><p>noscript</p></noscript><template><p>template</p></template>
<p>Le texte continue&nbsp;: la coopération &lt;script&gt; est renforcée.</p>
</body></html>"#;
    let r = analyzer().analyze_bytes(html.as_bytes(), Some("a.html")).unwrap();
    check(&r);
    for bad in ["alert(", "javascript:", "onload", "onerror", "<svg", "http-equiv", "display:none", "caché", "noscript", "template"] {
        assert!(!r.text.contains(bad), "{bad:?} leaked into the text: {:?}", r.text);
    }
    assert!(r.text.contains("Fumio Kishida"));
    // An entity-escaped tag is text, shown as text.
    assert!(r.text.contains("<script>"));
}

#[test]
fn malformed_options_are_invalid_options() {
    for json in [
        r#"{"language":"de"}"#,
        r#"{"format":"pdf"}"#,
        r#"{"minTopicScore":2}"#,
        r#"{"minTopicScore":-0.1}"#,
        r#"{"maxKeywords":100000}"#,
        r#"{"maxInputBytes":0}"#,
        r#"{"maxKeywords":-1}"#,
        r#"{"maxKeywords":"ten"}"#,
        r#"{"colour":"red"}"#,
        r#"{"language":null}"#,
        r#"[1,2]"#,
        r#"{"#,
    ] {
        assert_eq!(code_of(with(json)), "invalid_options", "{json}");
    }
    assert_eq!(code_of(with(r#"{"language":"en","maxKeywords":0}"#)), "ok");
}

#[test]
fn malformed_taxonomies_are_invalid_taxonomy() {
    let tax = |t: &str| {
        let config = Config { taxonomy: Some(t.to_string()), ..Config::default() };
        Analyzer::new(config)
    };
    for t in [
        "",
        "   \n",
        "[]",
        "{",
        "[{]",
        "not json",
        "[1, 2]",
        r#"[{"label":"x","triggers":["a"]}]"#,
        r#"[{"id":"","label":"x","triggers":["a"]}]"#,
        r#"[{"id":"a","triggers":["a"]}]"#,
        r#"[{"id":"a","label":"A"}]"#,
        r#"[{"id":"a","label":"A","triggers":"a"}]"#,
        r#"[{"id":"a","label":"A","triggers":[1]}]"#,
        r#"[{"id":"a","label":"A","triggers":{"de":["a"]}}]"#,
        r#"[{"id":"a","label":"A","triggers":["a"],"parent":"zz"}]"#,
        r#"[{"id":"a","label":"A","triggers":["a"],"parent":"a"}]"#,
        r#"[{"id":"a","label":"A","triggers":["a"],"parent":3}]"#,
        r#"[{"id":"a","label":"A","triggers":["x"]},{"id":"a","label":"B","triggers":["y"]}]"#,
        "{\"id\":\"a\",\"label\":\"A\",\"triggers\":[\"x\"],\"parent\":\"b\"}\n{\"id\":\"b\",\"label\":\"B\",\"triggers\":[\"y\"],\"parent\":\"a\"}",
    ] {
        assert_eq!(code_of(tax(t)), "invalid_taxonomy", "{t}");
    }
}

/// A parent cycle among more than 255 sections used to wrap the u8 level counter
/// and loop for ever instead of reporting the cycle.
#[test]
fn long_parent_cycles_in_big_taxonomies_are_reported() {
    let n = 300;
    let lines: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id":"s{i}","label":"S{i}","triggers":["mot{i}"],"parent":"s{}"}}"#, (i + 1) % n))
        .collect();
    let config = Config { taxonomy: Some(lines.join("\n")), ..Config::default() };
    assert_eq!(code_of(Analyzer::new(config)), "invalid_taxonomy");
    // A legal chain as deep as that is accepted.
    let chain: Vec<String> = (0..n)
        .map(|i| match i {
            0 => r#"{"id":"s0","label":"S0","triggers":["mot"]}"#.to_string(),
            _ => format!(r#"{{"id":"s{i}","label":"S{i}","triggers":["mot{i}"],"parent":"s{}"}}"#, i - 1),
        })
        .collect();
    let config = Config { taxonomy: Some(chain.join("\n")), ..Config::default() };
    let a = Analyzer::new(config).unwrap();
    check(&a.analyze("Le mot mot1 mot2 revient: mot, mot1.").unwrap());
}

#[test]
fn markdown_edge_cases() {
    let a = analyzer();
    for md in [
        "# \n\n##\n\n```\nnon fermé",
        "> > > > > citation\n> imbriquée",
        "[lien](javascript:alert(1)) et ![img](x \"t\") **gras non fermé",
        &"#".repeat(10_000),
        &"> ".repeat(10_000),
        &"[".repeat(10_000),
    ] {
        match a.analyze_bytes(md.as_bytes(), Some("a.md")) {
            Ok(r) => {
                check(&r);
                assert!(!r.text.contains("javascript:"));
            }
            Err(e) => assert_eq!(e.code(), "empty_input", "{md}: {e}"),
        }
    }
}

/// The warm-up steps (for pages that run Loupe on their main thread) end, for each language
/// setting, and leave results as they were.
#[test]
fn warm_steps_end_and_change_no_result() {
    let text = "Le secrétaire général de l'OTAN, Jens Stoltenberg, est arrivé à Tokyo.";
    for (language, steps) in [("auto", 8), ("fr", 5), ("en", 5)] {
        let config = Config { language: language.into(), ..Default::default() };
        let cold = Analyzer::new(config.clone()).unwrap().analyze(text).unwrap();
        let analyzer = Analyzer::new(config).unwrap();
        let taken = (0..).take_while(|&s| analyzer.warm_step(s)).count() + 1;
        assert_eq!(taken, steps, "{language}");
        assert!(!analyzer.warm_step(99));
        let warm = analyzer.analyze(text).unwrap();
        assert_eq!(serde_json::to_string(&warm).unwrap(), serde_json::to_string(&cold).unwrap(), "{language}");
    }
}
