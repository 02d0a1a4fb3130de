//! Story grouping on a mixed drop: the five seed articles (one story: NATO and
//! Japan) plus unrelated short articles written for this test.

use loupe::corpus::{self, CorpusConfig};
use loupe::{Analysis, Analyzer, Config};

fn read_dir(dir: &str) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    files.sort();
    files.into_iter().map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap())).collect()
}

fn analyse(items: &[(String, String)]) -> Vec<(String, Analysis)> {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    items.iter().map(|(id, text)| (id.clone(), analyzer.analyze(text).unwrap())).collect()
}

fn mixed_drop() -> Vec<(String, Analysis)> {
    // Interleave seeds and fixtures so that input order does not do the grouping.
    let seeds = read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
    let others = read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus"));
    assert_eq!(seeds.len(), 5);
    assert!(others.len() >= 4);
    let mut items = Vec::new();
    for i in 0..seeds.len().max(others.len()) {
        items.extend(others.get(i).cloned());
        items.extend(seeds.get(i).cloned());
    }
    analyse(&items)
}

#[test]
fn seeds_form_one_story_and_nothing_else_joins_it() {
    let docs = mixed_drop();
    let refs: Vec<(String, &Analysis)> = docs.iter().map(|(id, a)| (id.clone(), a)).collect();
    let c = corpus::build(&refs, &CorpusConfig::default());
    let seed_ids: Vec<&String> = docs.iter().map(|(id, _)| id).filter(|id| !id.contains('_') || id.starts_with("00")).collect();
    assert_eq!(seed_ids.len(), 5, "{seed_ids:?}");
    let story = c.stories.iter().find(|s| s.ids.contains(seed_ids[0])).unwrap();
    let mut ids = story.ids.clone();
    ids.sort();
    let mut want: Vec<String> = seed_ids.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(ids, want, "the seed story must hold exactly the five seeds; stories: {:#?}", c.stories.iter().map(|s| &s.ids).collect::<Vec<_>>());
    // Every other article is a story of its own.
    assert_eq!(c.stories.len(), 1 + (docs.len() - 5));
    // The story is described by what the seeds share: NATO and Japan.
    let ents: Vec<String> = story.entities.iter().map(|e| e.to_lowercase()).collect();
    assert!(ents.iter().any(|e| e == "otan"), "{ents:?}");
    assert!(ents.iter().any(|e| e == "japon"), "{ents:?}");
    // What each seed adds is not shared inside the story.
    assert_eq!(story.adds.len(), 5);
    for a in &story.adds {
        for k in &a.entities {
            assert!(!story.entities.contains(k), "{k} is both shared and added");
        }
    }
    // Topic mix: conflict and politics each on the five seeds at least.
    for id in ["medtop:16000000", "medtop:11000000"] {
        let t = c.topic_mix.iter().find(|t| t.id == id).unwrap_or_else(|| panic!("{id} missing from {:?}", c.topic_mix));
        assert!(t.articles >= 5, "{id}: {}", t.articles);
        assert!(t.share > 0.0 && t.share <= 1.0);
    }
}

#[test]
fn grouping_is_deterministic_and_order_independent() {
    let docs = mixed_drop();
    let refs: Vec<(String, &Analysis)> = docs.iter().map(|(id, a)| (id.clone(), a)).collect();
    let a = serde_json::to_string(&corpus::build(&refs, &CorpusConfig::default())).unwrap();
    let b = serde_json::to_string(&corpus::build(&refs, &CorpusConfig::default())).unwrap();
    assert_eq!(a, b);
    let mut rev = refs.clone();
    rev.reverse();
    let c = corpus::build(&rev, &CorpusConfig::default());
    let mut groups: Vec<Vec<String>> = c.stories.iter().map(|s| { let mut v = s.ids.clone(); v.sort(); v }).collect();
    groups.sort();
    let d = corpus::build(&refs, &CorpusConfig::default());
    let mut groups2: Vec<Vec<String>> = d.stories.iter().map(|s| { let mut v = s.ids.clone(); v.sort(); v }).collect();
    groups2.sort();
    assert_eq!(groups, groups2);
}

#[test]
fn empty_and_single_sets() {
    let c = corpus::build(&[], &CorpusConfig::default());
    assert_eq!(c.articles, 0);
    assert!(c.stories.is_empty() && c.topic_mix.is_empty());
    let docs = analyse(&[("one".into(), "Le Parlement a voté le budget de la défense.\n\nLes députés ont adopté le texte mardi.".into())]);
    let refs: Vec<(String, &Analysis)> = docs.iter().map(|(id, a)| (id.clone(), a)).collect();
    let c = corpus::build(&refs, &CorpusConfig::default());
    assert_eq!(c.stories.len(), 1);
    assert!(c.stories[0].adds.is_empty());
}

// The command line: `loupe analyze --jsonl` keeps input order and one output line per
// input line; `loupe corpus` prints the stories.
fn loupe(args: &[&str], stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_loupe"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn cli_jsonl_archive_is_streamed_in_order() {
    let mut input = String::new();
    let texts = read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus"));
    for round in 0..4 {
        for (i, (_, text)) in texts.iter().enumerate() {
            input.push_str(&serde_json::json!({"id": format!("a{round}-{i}"), "text": text, "url": "ignored"}).to_string());
            input.push('\n');
        }
    }
    input.push_str("{\"id\": \"h\", \"html\": \"<html><body><h1>Match nul</h1><p>Le PSG et Lyon ont fait match nul en championnat de Ligue 1.</p></body></html>\"}\n");
    input.push_str("not json\n\n{\"id\": 7}\n");
    let (code, out, err) = loupe(&["analyze", "--threads", "3", "--jsonl", "-"], &input);
    assert_eq!(code, 1, "bad lines make the exit code 1; stderr: {err}");
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4 * texts.len() + 3, "one output line per non-empty input line");
    for round in 0..4 {
        for i in 0..texts.len() {
            let l = &lines[round * texts.len() + i];
            assert_eq!(l["source"], format!("a{round}-{i}"));
            assert!(l["text"].is_string() && l["topics"].is_array() && l["highlights"].is_array());
        }
    }
    let html = &lines[4 * texts.len()];
    assert_eq!((html["source"].as_str(), html["format"].as_str()), (Some("h"), Some("html")));
    assert_eq!(html["topics"][0]["id"], "medtop:15000000");
    // Unnamed lines are named by their line number (blank lines count).
    assert_eq!(lines[4 * texts.len() + 1]["source"], format!("-:{}", 4 * texts.len() + 2));
    assert!(lines[4 * texts.len() + 1]["error"]["code"].is_string());
    assert_eq!(lines[4 * texts.len() + 2]["source"], "7");
    assert!(lines[4 * texts.len() + 2]["error"]["message"].as_str().unwrap().contains("\"text\" or \"html\""));
    // Same output with one thread: order does not depend on scheduling.
    let (_, out1, _) = loupe(&["analyze", "--threads", "1", "--jsonl", "-"], &input);
    assert_eq!(out, out1);
}

#[test]
fn cli_corpus_prints_stories() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files: Vec<String> = read_dir(&format!("{root}/seeds")).into_iter().map(|(n, _)| format!("{root}/seeds/{n}")).collect();
    files.extend(read_dir(&format!("{root}/tests/fixtures/corpus")).into_iter().map(|(n, _)| format!("{root}/tests/fixtures/corpus/{n}")));
    let mut args = vec!["corpus"];
    args.extend(files.iter().map(String::as_str));
    let (code, out, err) = loupe(&args, "");
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["articles"], files.len());
    assert_eq!(v["documents"].as_array().unwrap().len(), files.len());
    let first = v["stories"][0]["ids"].as_array().unwrap();
    assert_eq!(first.len(), 5);
    assert!(first.iter().all(|id| id.as_str().unwrap().contains("/seeds/")));
    assert!(v["topicMix"].as_array().unwrap().len() >= 4);
}

/// A panic on one input (injected) is reported for it with code "panic"; the run goes on and
/// ends (it used to wait for that input's result for ever).
#[test]
fn cli_reports_a_panic_on_one_input_and_goes_on() {
    let dir = std::env::temp_dir().join(format!("loupe-panic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for name in ["a.txt", "LOUPE_TEST_PANIC.txt", "b.txt"] {
        let path = dir.join(name);
        std::fs::write(&path, "Le Japon et l'OTAN renforcent leur coopération militaire à Tokyo.").unwrap();
        files.push(path.to_str().unwrap().to_string());
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loupe"))
        .args(["analyze", "--threads", "2"])
        .args(&files)
        .env("LOUPE_FAULT_PANIC", "LOUPE_TEST_PANIC")
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let (stdout, stderr) = (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
    assert_eq!(stdout.lines().count(), 2, "the two other files are analysed: {stdout}");
    assert!(stderr.contains("LOUPE_TEST_PANIC.txt: the analysis stopped on an internal error") && stderr.contains("(panic)"), "{stderr}");
    assert_ne!(out.status.code(), Some(0));
}

#[test]
fn analyze_many_keeps_failed_items_in_place() {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let seeds = read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
    let mut items: Vec<corpus::ManyItem> = seeds.iter().map(|(id, t)| corpus::ManyItem { id: Some(id.clone()), text: t.clone() }).collect();
    items.insert(2, corpus::ManyItem { id: None, text: "   ".into() });
    let (docs, c) = corpus::analyze_many(&analyzer, &items, &CorpusConfig::default());
    assert_eq!(docs.len(), 6);
    assert_eq!(docs[2].0, "2");
    assert_eq!(docs[2].1.as_ref().unwrap_err().code(), "empty_input");
    assert_eq!(c.articles, 5);
    assert_eq!(c.stories.len(), 1);
    assert_eq!(c.stories[0].articles, vec![0, 1, 3, 4, 5], "indexes into the items, the failed one skipped");
}
