//! `loupe analyze [--lang auto|fr|en] [--format auto|text|markdown|html] [--taxonomy FILE] FILE... | -`
//!
//! Prints one JSON object per input on its own line (JSON Lines). Offsets are
//! Unicode character offsets into the object's `text`. An unreadable file gets a
//! one-line message on stderr and a nonzero exit; the other files are still analysed.

use std::io::{BufWriter, Read, Write};
use std::process::ExitCode;

use loupe::{Analyzer, Config, OffsetUnit};

const USAGE: &str = "usage: loupe analyze [--lang auto|fr|en] [--format auto|text|markdown|html] [--taxonomy FILE] [--max-keywords N] FILE... (- for standard input)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("analyze") => analyze(&args[1..]),
        Some("--version" | "-V") => {
            println!("loupe {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("--help" | "-h") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn analyze(args: &[String]) -> ExitCode {
    let mut config = Config::default();
    let mut files: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| -> Option<String> {
            let v = it.next().cloned();
            if v.is_none() {
                eprintln!("loupe: {name} needs a value\n{USAGE}");
            }
            v
        };
        match a.as_str() {
            "--lang" | "--language" => match value(a) { Some(v) => config.language = v, None => return ExitCode::from(2) },
            "--format" => match value(a) { Some(v) => config.format = v, None => return ExitCode::from(2) },
            "--max-keywords" => match value(a).and_then(|v| v.parse().ok()) {
                Some(n) => config.max_keywords = n,
                None => {
                    eprintln!("loupe: --max-keywords needs a number");
                    return ExitCode::from(2);
                }
            },
            "--min-topic-score" => match value(a).and_then(|v| v.parse().ok()) {
                Some(n) => config.min_topic_score = n,
                None => {
                    eprintln!("loupe: --min-topic-score needs a number in 0..1");
                    return ExitCode::from(2);
                }
            },
            "--taxonomy" => {
                let Some(path) = value(a) else { return ExitCode::from(2) };
                match std::fs::read_to_string(&path) {
                    Ok(s) => config.taxonomy = Some(s),
                    Err(e) => {
                        eprintln!("loupe: {path}: cannot read taxonomy: {e}");
                        return ExitCode::from(2);
                    }
                }
            }
            "--" => files.extend(it.by_ref().cloned()),
            s if s.starts_with("--") => {
                eprintln!("loupe: unknown option {s}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => files.push(a.clone()),
        }
    }
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let analyzer = match Analyzer::new(config) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("loupe: {e} ({})", e.code());
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    for file in &files {
        let bytes = if file == "-" {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map(|_| buf)
        } else {
            std::fs::read(file)
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                eprintln!("loupe: {file}: cannot read: {e} (unreadable_file)");
                failed = true;
                continue;
            }
        };
        let name = (file != "-").then_some(file.as_str());
        match analyzer.analyze_bytes(&bytes, name) {
            Ok(mut a) => {
                a.source = Some(file.clone());
                a.convert_offsets(OffsetUnit::Chars);
                let line = serde_json::to_string(&a).expect("analysis serialises");
                if writeln!(out, "{line}").is_err() {
                    return ExitCode::from(1);
                }
            }
            Err(e) => {
                eprintln!("loupe: {file}: {e} ({})", e.code());
                failed = true;
            }
        }
    }
    let _ = out.flush();
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
