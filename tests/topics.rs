//! Topic tagging: the five seeds, evidence spans, labels, the no-topic case and
//! site taxonomies (valid and invalid files).

use loupe::{Analyzer, Config, Error};

const CONFLICT: &str = "medtop:16000000";
const POLITICS: &str = "medtop:11000000";
const INTERNATIONAL_RELATIONS: &str = "medtop:20000638";
const GOVERNMENT: &str = "medtop:20000593"; // defence is under government in IPTC
const NOT_WANTED: [(&str, &str); 3] = [("medtop:15000000", "sport"), ("medtop:07000000", "health"), ("medtop:01000000", "arts")];

fn seeds() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut v: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    v.sort();
    v.into_iter().map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap())).collect()
}

#[test]
fn every_seed_is_conflict_and_politics_and_nothing_unrelated() {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let seeds = seeds();
    assert_eq!(seeds.len(), 5);
    for (name, text) in seeds {
        let a = analyzer.analyze(&text).unwrap();
        let ids: Vec<&str> = a.topics.iter().map(|t| t.id.as_str()).collect();
        assert!(ids.contains(&CONFLICT), "{name}: no conflict/war/peace in {ids:?}");
        assert!(ids.contains(&POLITICS), "{name}: no politics in {ids:?}");
        assert!(ids.contains(&INTERNATIONAL_RELATIONS) || ids.contains(&GOVERNMENT), "{name}: neither international relations nor government/defence in {ids:?}");
        for (id, what) in NOT_WANTED {
            assert!(!ids.contains(&id), "{name}: tagged {what}: {ids:?}");
        }
        for t in &a.topics {
            assert!((0.0..=1.0).contains(&t.score), "{name}: {} score {}", t.id, t.score);
            assert!(!t.evidence.is_empty(), "{name}: {} has no evidence", t.id);
            // Evidence spans cover exactly the words they claim.
            for e in &t.evidence {
                assert_eq!(&a.text[e.start..e.end], e.text, "{name}: {}", t.id);
            }
            // Children come with their parent.
            if let Some(p) = &t.parent {
                assert!(ids.contains(&p.as_str()), "{name}: {} without its parent {p}", t.id);
            }
        }
        // French article, French labels.
        let politics = a.topics.iter().find(|t| t.id == POLITICS).unwrap();
        assert_eq!(politics.label, "Politique", "{name}");
    }
}

#[test]
fn english_article_gets_english_labels_and_sport() {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let a = analyzer
        .analyze("Arsenal beat Chelsea in the Premier League\n\nArsenal won the derby 2-0 on Sunday. The striker scored twice and the manager praised his players after the match, which leaves the club second in the league table.")
        .unwrap();
    let sport = a.topics.iter().find(|t| t.id == "medtop:15000000").expect("sport");
    assert_eq!(sport.label, "sport");
    assert_eq!(a.topics[0].id, "medtop:15000000", "{:?}", a.topics);
}

#[test]
fn text_with_no_clear_topic_gets_none() {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    for text in [
        "Il fait beau ce matin\n\nNous avons pris un café puis nous sommes rentrés à la maison. La journée était calme.",
        "A quiet morning\n\nWe had coffee and then walked home. It was a calm day and nothing much happened.",
    ] {
        let a = analyzer.analyze(text).unwrap();
        assert!(a.topics.is_empty(), "{text}: {:?}", a.topics.iter().map(|t| (&t.id, t.score)).collect::<Vec<_>>());
    }
}

fn with_taxonomy(json: &str) -> Result<Analyzer, Error> {
    Analyzer::new(Config { taxonomy: Some(json.to_string()), ..Config::default() })
}

#[test]
fn site_taxonomy_tags_with_its_own_sections() {
    // JSON Lines form; triggers per language or shared. ("armes" is listed: "armée"
    // no longer matches it, they only share a stem.)
    let jsonl = r#"{"id": "monde", "labels": {"fr": "Monde", "en": "World"}, "triggers": ["otan", "diplomatie"]}
{"id": "defense", "parent": "monde", "labels": {"fr": "Défense", "en": "Defence"}, "triggers": {"fr": ["armée", "armes", "militaire", "défense"], "en": ["army", "defence"]}}
{"id": "sport", "label": "Sport", "triggers": ["football", "match"]}
"#;
    let analyzer = with_taxonomy(jsonl).unwrap();
    let (_, text) = &seeds()[0];
    let a = analyzer.analyze(text).unwrap();
    let ids: Vec<&str> = a.topics.iter().map(|t| t.id.as_str()).collect();
    assert!(ids.contains(&"monde") && ids.contains(&"defense"), "{ids:?}");
    assert!(!ids.contains(&"sport"), "{ids:?}");
    let d = a.topics.iter().find(|t| t.id == "defense").unwrap();
    assert_eq!((d.level, d.parent.as_deref(), d.label.as_str()), (2, Some("monde"), "Défense"));
    for e in &d.evidence {
        assert_eq!(&a.text[e.start..e.end], e.text);
    }
    // The same sections as a JSON array give the same tags.
    let array = format!("[{}]", jsonl.trim().lines().collect::<Vec<_>>().join(",\n"));
    let b = with_taxonomy(&array).unwrap().analyze(text).unwrap();
    let ids_b: Vec<&str> = b.topics.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ids_b);
}

#[test]
fn invalid_taxonomies_name_the_line_and_the_problem() {
    let cases: [(&str, usize, &str); 9] = [
        ("{\"id\": \"a\", \"label\": \"A\", \"triggers\": [\"x\"]}\n{\"id\": \"b\", \"label\": \"B\", \"triggers\": [\"y\"]\n", 2, "EOF"),
        ("{\"id\": \"a\", \"label\": \"A\", \"triggers\": [\"x\"]}\n\n{\"label\": \"B\", \"triggers\": [\"y\"]}\n", 3, "\"id\""),
        ("{\"id\": \"a\", \"label\": \"A\", \"triggers\": [\"x\"]}\n{\"id\": \"a\", \"label\": \"B\", \"triggers\": [\"y\"]}\n", 2, "duplicate id"),
        ("{\"id\": \"a\", \"label\": \"A\", \"triggers\": [\"x\"]}\n{\"id\": \"b\", \"parent\": \"zz\", \"label\": \"B\", \"triggers\": [\"y\"]}\n", 2, "unknown parent"),
        ("{\"id\": \"a\", \"label\": \"A\", \"triggers\": \"x\"}\n", 1, "triggers"),
        ("{\"id\": \"a\", \"label\": \"A\", \"triggers\": [\"x\", 3]}\n", 1, "string"),
        ("{\"id\": \"a\", \"triggers\": [\"x\"]}\n", 1, "no label"),
        ("{\"id\": \"a\", \"label\": \"A\", \"triggers\": {\"de\": [\"x\"]}}\n", 1, "language"),
        ("[\n  {\"id\": \"a\", \"label\": \"A\", \"triggers\": [\"x\"]},\n  {\"id\": \"b\", \"label\": \"B\" \"triggers\": [\"y\"]}\n]\n", 3, "expected"),
    ];
    for (json, line, needle) in cases {
        match with_taxonomy(json) {
            Err(e @ Error::InvalidTaxonomy { .. }) => {
                let Error::InvalidTaxonomy { line: got, reason } = &e else { unreachable!() };
                assert_eq!(*got, line, "{json:?}: {reason}");
                assert!(reason.contains(needle), "{json:?}: reason {reason:?} lacks {needle:?}");
                assert_eq!(e.code(), "invalid_taxonomy");
                assert!(e.to_string().contains(&format!("line {line}")));
            }
            Err(other) => panic!("{json:?}: wrong error {other:?}"),
            Ok(_) => panic!("{json:?}: accepted"),
        }
    }
    // A cycle is named on the line of a section in it.
    let cycle = "{\"id\": \"a\", \"parent\": \"b\", \"label\": \"A\", \"triggers\": [\"x\"]}\n{\"id\": \"b\", \"parent\": \"a\", \"label\": \"B\", \"triggers\": [\"y\"]}\n";
    match with_taxonomy(cycle) {
        Err(Error::InvalidTaxonomy { line, reason }) => assert!(line == 1 || line == 2, "{line}: {reason}"),
        other => panic!("cycle accepted or wrong error: {:?}", other.err()),
    }
    assert!(matches!(with_taxonomy(""), Err(Error::InvalidTaxonomy { line: 1, .. })));
    assert!(matches!(with_taxonomy("[]"), Err(Error::InvalidTaxonomy { line: 1, .. })));
}
