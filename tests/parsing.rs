//! Parsing edge cases: every encoding, every format, texts without a title or
//! paragraphs, a 10 MB input, and hostile HTML. A clear result or a clear error,
//! never a panic, and never markup reaching the text.

use loupe::document::BlockKind;
use loupe::{Analysis, Analyzer, Config, Error};

fn analyzer() -> Analyzer {
    Analyzer::new(Config::default()).unwrap()
}

fn body(a: &Analysis) -> String {
    a.blocks.iter().filter(|b| b.kind.is_content() && b.kind != BlockKind::Title)
        .map(|b| &a.text[b.start..b.end]).collect::<Vec<_>>().join("\n")
}

fn check_spans(a: &Analysis) {
    for b in &a.blocks {
        assert!(a.text.get(b.start..b.end).is_some(), "block off char boundary");
    }
    for q in &a.quotes {
        assert!(a.text.get(q.start..q.end).is_some(), "quote off char boundary");
    }
}

const ARTICLE: &str = "Le Japon se rapproche de l’OTAN\n\nLe secrétaire général a déclaré : « Notre sécurité est liée », a ajouté Rutte. Le Japon a été très clair sur ce point.\n\nLes ministres ont également discuté de la coopération.";

#[test]
fn every_encoding() {
    let a = analyzer();
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (ARTICLE.as_bytes().to_vec(), "UTF-8"),
        ([&[0xEF, 0xBB, 0xBF][..], ARTICLE.as_bytes()].concat(), "UTF-8"),
        ([0xFF, 0xFE].into_iter().chain(ARTICLE.encode_utf16().flat_map(u16::to_le_bytes)).collect(), "UTF-16LE"),
        ([0xFE, 0xFF].into_iter().chain(ARTICLE.encode_utf16().flat_map(u16::to_be_bytes)).collect(), "UTF-16BE"),
    ];
    for (bytes, enc) in cases {
        let r = a.analyze_bytes(&bytes, Some("a.txt")).unwrap();
        assert_eq!(r.encoding, enc);
        assert_eq!(r.text, ARTICLE, "{enc}: text must be the input, character for character");
        assert_eq!(r.title.as_deref(), Some("Le Japon se rapproche de l’OTAN"));
    }
    // Windows-1252 (’ « » are 0x92 0xAB 0xBB) and ISO-8859-1 (the same bytes for Latin-1 letters).
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(ARTICLE);
    assert!(!unmappable);
    let r = a.analyze_bytes(&cp1252, Some("a.txt")).unwrap();
    assert_eq!((r.encoding.as_str(), r.text.as_str()), ("windows-1252", ARTICLE));
    let latin1: Vec<u8> = "Été à Noël : déjà vu, où ça ? Très bien.".chars().map(|c| c as u32 as u8).collect();
    let r = a.analyze_bytes(&latin1, None).unwrap();
    assert_eq!((r.encoding.as_str(), r.text.as_str()), ("windows-1252", "Été à Noël : déjà vu, où ça ? Très bien."));
    // Invalid bytes in mostly-UTF-8 text: replaced, never a panic.
    let mut bad = ARTICLE.as_bytes().to_vec();
    bad.insert(10, 0xFF);
    let r = a.analyze_bytes(&bad, None).unwrap();
    assert!(r.text.contains('\u{FFFD}'));
    assert_eq!(a.analyze_bytes(&[0, 1, 2, 3, 0, 0, 0, 0, 5, 6], None).err(), Some(Error::BinaryInput));
    assert_eq!(a.analyze_bytes(b"  \n\n ", None).err(), Some(Error::EmptyInput));
}

#[test]
fn html_in_utf16_and_legacy_encodings() {
    let html = "<html><head><title>Un été à Noël</title></head><body><article><p>Le député a déclaré : « C’est déjà l’été », très fort, vraiment, à la tribune, longuement.</p></article></body></html>";
    let a = analyzer();
    let u16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(html.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let r = a.analyze_bytes(&u16, Some("page.html")).unwrap();
    assert_eq!(r.title.as_deref(), Some("Un été à Noël"));
    assert!(r.text.contains("« C’est déjà l’été »"));
    let (cp, _, _) = encoding_rs::WINDOWS_1252.encode(html);
    let r = a.analyze_bytes(&cp, Some("page.html")).unwrap();
    assert!(r.text.contains("« C’est déjà l’été »"), "{}", r.text);
}

#[test]
fn formats_from_content_and_name() {
    let a = analyzer();
    let md = "# Le titre\n\nUn paragraphe avec un [lien](http://x.org) et du **gras**.\n\n- point un\n- point deux";
    let r = a.analyze_bytes(md.as_bytes(), None).unwrap();
    assert_eq!(serde_json::to_value(r.format).unwrap(), "markdown");
    assert_eq!(r.title.as_deref(), Some("Le titre"));
    assert!(!r.text.contains("](") && !r.text.contains("**"));
    assert!(r.blocks.iter().any(|b| b.kind == BlockKind::ListItem));
    let r = a.analyze_bytes(b"<p>Un texte.</p><p>Deux textes.</p>", None).unwrap();
    assert_eq!(serde_json::to_value(r.format).unwrap(), "html");
    let r = a.analyze_bytes(b"<p>balise</p> dans un texte", Some("note.txt")).unwrap();
    assert_eq!(serde_json::to_value(r.format).unwrap(), "text");
}

#[test]
fn no_title_only_title_no_paragraphs() {
    let a = analyzer();
    // A first line that reads as body text is not a headline.
    let long = "Le Japon et l'OTAN ont signé un accord. Les deux parties ont salué une étape importante pour la sécurité de la région et au-delà.";
    let r = a.analyze(long).unwrap();
    assert_eq!(r.title, None);
    assert!(!body(&r).is_empty());
    // Only a title.
    let r = a.analyze("Le Japon se rapproche de l'OTAN").unwrap();
    assert_eq!(r.title.as_deref(), Some("Le Japon se rapproche de l'OTAN"));
    assert_eq!(r.blocks.len(), 1);
    // A single line with no paragraph break, and a text of blank lines and noise only.
    let r = a.analyze("1/5\n\n2/5").unwrap();
    check_spans(&r);
    // HTML with no title and no paragraph.
    let r = a.analyze_bytes(b"<html><body><div>seul</div></body></html>", Some("x.html")).unwrap();
    assert!(r.text.contains("seul"));
    assert!(matches!(a.analyze_bytes(b"<html><body></body></html>", Some("x.html")), Err(Error::EmptyInput)));
}

#[test]
fn ten_megabytes_of_text_and_html() {
    // Parsing itself on 10 MB; the whole analysis on 1 MB (keywords and entities are
    // measured elsewhere: examples/parse_speed prints all three throughputs).
    let para = "Le secrétaire général de l’OTAN, Jens Stoltenberg, a déclaré mardi que « la sécurité est liée », a-t-il ajouté à Tokyo.\n\n";
    let text: String = format!("Titre\n\n{}", para.repeat(10_000_000 / para.len()));
    let doc = loupe::document::Document::parse_text(text.clone());
    assert_eq!(doc.text.len(), text.len());
    assert!(doc.quotes.iter().all(|q| q.speaker.as_deref() == Some("Jens Stoltenberg")), "pronouns resolve to the last speaker");
    let html = format!("<html><body><article>{}</article></body></html>", format!("<p>{}</p>", para.trim()).repeat(10_000_000 / para.len()));
    let article = loupe::html::extract(&html);
    assert!(article.text.len() > 5_000_000);
    let r = analyzer().analyze(&text[..1_000_000]).unwrap();
    assert_eq!(r.text.len(), 1_000_000);
}

#[test]
fn hostile_html() {
    let a = analyzer();
    let hostile = r#"<html><head><script>document.write('<p>injected</p>')</script><style>p{x:y}</style></head>
<body onload="steal()"><nav onclick="alert(7)"><a href="javascript:alert(8)">menu</a><script>alert(9)</script></nav><article><h1 onmouseover="alert(1)">Titre</h1>
<p>Texte <a href="javascript:alert(2)">lien</a> normal, avec <img src=x onerror="alert(3)"> une image, et encore du texte, toujours, longtemps.</p>
<p>Second <b>paragraphe <i>non fermé<p>Troisième <script>alert(4)</script>paragraphe</p>
<iframe src="https://evil.example/"><p>cadre</p></iframe><object data=x>objet</object>
<svg><script>alert(5)</script><text>svg</text></svg><template><p>modèle</p></template>
<noscript><p>activez JavaScript</p></noscript><style>body{}</style><!-- <p>commentaire</p> -->
<p>Fin &lt;script&gt;alert(6)&lt;/script&gt; décodée.</p></article>
<footer><style>x{}</style><button onclick="alert(10)">OK</button><div style="display:none">caché</div><div hidden>masqué</div>Pied</footer></body></html>"#;
    let r = a.analyze_bytes(hostile.as_bytes(), Some("h.html")).unwrap();
    check_spans(&r);
    for bad in ["steal", "alert(1)", "alert(2)", "alert(3)", "alert(4)", "alert(5)", "alert(7)", "alert(8)", "alert(9)", "alert(10)", "x{}", "caché", "masqué", "javascript", "injected", "onerror", "cadre", "modèle", "activez", "commentaire", "p{x:y}"] {
        assert!(!r.text.contains(bad), "{bad} reached the text: {}", r.text);
    }
    assert!(r.text.contains("Texte lien normal"));
    // The page around the article is kept as text (boilerplate), still never markup.
    assert!(r.text.contains("menu") && r.text.contains("Pied"), "{}", r.text);
    assert!(r.text.contains("Troisième paragraphe"));
    // Escaped markup is text, shown as text: it never becomes markup.
    assert!(r.text.contains("Fin <script>alert(6)</script> décodée."));

    // Deep nesting: no recursion, no stack overflow, the text survives.
    for tag in ["div", "span", "b", "blockquote", "li", "table"] {
        let deep = format!("{}<p>profond et bien caché, mais présent, vraiment, avec des virgules.</p>{}", format!("<{tag}>").repeat(100_000), format!("</{tag}>").repeat(100_000));
        let r = a.analyze_bytes(deep.as_bytes(), Some("d.html")).unwrap();
        assert!(r.text.contains("profond et bien caché"), "{tag}");
    }
    let unclosed = "<div><p>a<div><span>b<table><tr><td>c<li>d<h2>e<a href='".repeat(2_000);
    let _ = a.analyze_bytes(unclosed.as_bytes(), Some("u.html"));
}

/// Deterministic pseudo-random texts built from the characters parsers trip on.
#[test]
fn no_panic_on_odd_inputs() {
    let pieces = [
        "«", "»", "“", "”", "\"", "'", "’", " ", "\u{A0}", "\u{202F}", "\n", "\n\n", ".", ",", ":", " : ", "-", "–", "a", "Été", "M.",
        "a déclaré ", "a-t-il déclaré", "Stoltenberg", "1/5", "2023-01", " date ", "12 décembre 2022", "<p>", "</p>", "<", "&",
        "&#x1F600;", "😀", "👍🏽", "🇫🇷", "e\u{301}", "\u{200D}", "\u{FEFF}", "\r\n", "•", "1. ", "# ", "> ", "[x](y)", "Офлайн",
        "東京", "commentaires", "TOKYO (AP) – ", "http://x.fr/a.", "a@b.fr", "1 000", "75e", "l'", "qu’", "\t",
    ];
    let a = analyzer();
    let mut seed = 0x2545F4914F6CDD1Du64;
    for _ in 0..3000 {
        let mut s = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (seed % 40) as usize + 1;
        for _ in 0..n {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        for name in ["x.txt", "x.md", "x.html"] {
            if let Ok(r) = a.analyze_bytes(s.as_bytes(), Some(name)) {
                check_spans(&r);
            }
        }
    }
}

#[test]
fn html_page_chrome_is_kept_as_boilerplate_and_never_analysed() {
    let para = "<p>Le secrétaire général de l’OTAN, Jens Stoltenberg, a rencontré à Tokyo le Premier ministre Fumio Kishida, pour parler de sécurité, de défense et de coopération.</p>";
    let html = format!(
        "<html><head><title>L’OTAN se rapproche du Japon | Le Journal</title><script>var Zorglub = 'script';</script></head><body>\
         <nav><a href=/>Accueil</a> <a href=/m>Marseille Olympique</a></nav>\
         <article><h1>L’OTAN se rapproche du Japon</h1>{}</article>\
         <aside class=related><a href=/x>Kangourous géants en Patagonie</a></aside>\
         <section id=comments><p>Gertrude Vanderbilt a écrit : Schmilblick, Schmilblick, toujours le Schmilblick, vraiment.</p>\
         <time datetime=2024-06-01>1 juin</time></section></body></html>",
        para.repeat(6)
    );
    let r = analyzer().analyze_bytes(html.as_bytes(), Some("page.html")).unwrap();
    check_spans(&r);
    assert_eq!(r.title.as_deref(), Some("L’OTAN se rapproche du Japon"));
    assert!(r.text.starts_with("L’OTAN se rapproche du Japon\n\n"), "the title first: {}", r.text);
    let boiler: Vec<(usize, usize)> = r.blocks.iter().filter(|b| b.kind == BlockKind::Boilerplate).map(|b| (b.start, b.end)).collect();
    let in_boiler = |s: usize, e: usize| boiler.iter().any(|&(bs, be)| bs <= s && e <= be);
    // The page's other visible text is in `text`, in boilerplate blocks, in document order.
    for chrome in ["Accueil", "Marseille Olympique", "Kangourous géants en Patagonie", "Schmilblick"] {
        let at = r.text.find(chrome).unwrap_or_else(|| panic!("{chrome} kept: {}", r.text));
        assert!(in_boiler(at, at + chrome.len()), "{chrome} is boilerplate");
    }
    assert!(r.text.find("Accueil") < r.text.find("Jens Stoltenberg") && r.text.find("Jens Stoltenberg") < r.text.find("Schmilblick"));
    assert!(!r.text.contains("Zorglub"), "scripts never become text");
    // Nothing is analysed there.
    let spans = r.keywords.iter().flat_map(|k| k.mentions.iter().map(|m| (m.start, m.end)))
        .chain(r.entities.iter().flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end))))
        .chain(r.highlights.iter().map(|h| (h.start, h.end)));
    for (s, e) in spans {
        assert!(!boiler.iter().any(|&(bs, be)| s < be && bs < e), "{} is in boilerplate", &r.text[s..e]);
    }
    assert!(r.entities.iter().any(|e| e.text.contains("Stoltenberg")));
    assert!(!r.entities.iter().any(|e| e.text.contains("Gertrude") || e.text.contains("Marseille")));
    assert_eq!(r.date, None, "a date in the comments is not the article's");
}
