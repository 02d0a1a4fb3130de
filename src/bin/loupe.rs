//! Loupe's command line.
//!
//! `loupe analyze [OPTIONS] FILE... | -` prints one JSON object per input on its
//! own line (JSON Lines). Offsets are Unicode character offsets into the object's
//! `text`. An unreadable file gets a one-line message on stderr and a nonzero
//! exit; the other files are still analysed.
//!
//! `loupe analyze [OPTIONS] --jsonl FILE|-` reads a JSON Lines archive, one
//! article per line: `{"id"?: string, "text": string}` or `{"id"?, "html": string}`
//! (other fields are ignored). Lines are analysed on all cores and printed in
//! input order, one output line per input line; memory stays bounded (at most a
//! few lines per core in flight). A line that fails prints
//! `{"source", "error": {"code", "message"}}` in its place and makes the exit code 1.
//!
//! `loupe corpus [OPTIONS] FILE... | --jsonl FILE|-` analyses every article, then
//! prints one JSON object: the articles, their grouping into stories (what each
//! story shares, what each article adds), the topic mix and keyphrase document
//! frequencies.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

use loupe::corpus::{self, CorpusConfig};
use loupe::{Analysis, Analyzer, Config, Error, OffsetUnit};
use serde::Serialize;

const USAGE: &str = "usage: loupe analyze [OPTIONS] FILE... | - | --jsonl FILE|-\n       loupe corpus  [OPTIONS] FILE... | --jsonl FILE|-\n\
options: --lang auto|fr|en  --format auto|text|markdown|html  --taxonomy FILE  --max-keywords N\n         --min-topic-score X  --threads N  --story-threshold X (corpus)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some(cmd @ ("analyze" | "corpus")) => match Options::parse(&args[1..]) {
            Ok(opts) => {
                if cmd == "analyze" {
                    analyze(opts)
                } else {
                    corpus_cmd(opts)
                }
            }
            Err(msg) => {
                eprintln!("loupe: {msg}\n{USAGE}");
                ExitCode::from(2)
            }
        },
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

struct Options {
    config: Config,
    files: Vec<String>,
    jsonl: Option<String>,
    threads: usize,
    story_threshold: Option<f32>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut o = Options {
            config: Config::default(),
            files: Vec::new(),
            jsonl: None,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            story_threshold: None,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
            match a.as_str() {
                "--lang" | "--language" => o.config.language = value(a)?,
                "--format" => o.config.format = value(a)?,
                "--max-keywords" => o.config.max_keywords = value(a)?.parse().map_err(|_| "--max-keywords needs a number")?,
                "--min-topic-score" => {
                    o.config.min_topic_score = value(a)?.parse().map_err(|_| "--min-topic-score needs a number in 0..1")?
                }
                "--threads" => {
                    o.threads = value(a)?.parse().ok().filter(|&n| n > 0).ok_or("--threads needs a positive number")?
                }
                "--story-threshold" => {
                    o.story_threshold = Some(value(a)?.parse().ok().filter(|x: &f32| (0.0..=1.0).contains(x)).ok_or("--story-threshold needs a number in 0..1")?)
                }
                "--jsonl" => o.jsonl = Some(value(a)?),
                "--taxonomy" => {
                    let path = value(a)?;
                    o.config.taxonomy = Some(std::fs::read_to_string(&path).map_err(|e| format!("{path}: cannot read taxonomy: {e}"))?);
                }
                "--" => o.files.extend(it.by_ref().cloned()),
                s if s.starts_with("--") => return Err(format!("unknown option {s}")),
                _ => o.files.push(a.clone()),
            }
        }
        if o.files.is_empty() == o.jsonl.is_none() {
            return Err("give FILE... or --jsonl FILE, not both, not neither".into());
        }
        Ok(o)
    }
}

fn new_analyzer(config: Config) -> Option<Analyzer> {
    match Analyzer::new(config) {
        Ok(a) => Some(a),
        Err(e) => {
            eprintln!("loupe: {e} ({})", e.code());
            None
        }
    }
}

/// One input: where it comes from and what to analyse.
struct Job {
    source: String,
    body: Result<Body, Error>,
}

enum Body {
    /// File bytes: encoding and format are detected (the name hints the format).
    Bytes(Vec<u8>),
    Text(String),
    Html(String),
}

fn run_job(analyzer: &Analyzer, job: Job) -> Result<Analysis, Error> {
    let mut a = match job.body? {
        Body::Bytes(b) => analyzer.analyze_bytes(&b, (job.source != "-").then_some(job.source.as_str()))?,
        Body::Text(t) => analyzer.analyze(&t)?,
        Body::Html(h) => analyzer.analyze_bytes(h.as_bytes(), Some("input.html"))?,
    };
    a.source = Some(job.source);
    Ok(a)
}

/// Parses one archive line. `n` is 1-based.
fn parse_line(line: &str, n: usize, file: &str) -> Job {
    #[derive(serde::Deserialize)]
    struct Line {
        id: Option<serde_json::Value>,
        text: Option<String>,
        html: Option<String>,
    }
    let fallback = format!("{file}:{n}");
    match serde_json::from_str::<Line>(line) {
        Ok(l) => {
            let source = match l.id {
                Some(serde_json::Value::String(s)) => s,
                Some(serde_json::Value::Number(x)) => x.to_string(),
                _ => fallback,
            };
            let body = match (l.text, l.html) {
                (Some(t), _) => Ok(Body::Text(t)),
                (None, Some(h)) => Ok(Body::Html(h)),
                (None, None) => Err(Error::InvalidArchiveLine { line: n, reason: "needs a \"text\" or \"html\" field".into() }),
            };
            Job { source, body }
        }
        Err(e) => Job { source: fallback, body: Err(Error::InvalidArchiveLine { line: n, reason: format!("not a JSON object: {e}") }) },
    }
}

fn open_input(path: &str) -> std::io::Result<Box<dyn BufRead + Send>> {
    Ok(if path == "-" { Box::new(BufReader::new(std::io::stdin())) } else { Box::new(BufReader::new(std::fs::File::open(path)?)) })
}

/// Analyses jobs on `threads` workers and hands results to `sink` in input order.
/// At most `4 × threads` jobs are in flight (read but not yet handed over), so
/// memory does not grow with the input.
fn run_ordered<I, F>(analyzer: &Analyzer, threads: usize, jobs: I, mut sink: F)
where
    I: Iterator<Item = Job> + Send,
    F: FnMut(String, Result<Analysis, Error>) -> bool,
{
    let cap = 4 * threads.max(1);
    let (slot_tx, slot_rx) = sync_channel::<()>(cap);
    for _ in 0..cap {
        slot_tx.send(()).ok();
    }
    let (job_tx, job_rx) = sync_channel::<(usize, Job)>(cap);
    let job_rx: Arc<Mutex<Receiver<(usize, Job)>>> = Arc::new(Mutex::new(job_rx));
    let (res_tx, res_rx) = sync_channel::<(usize, String, Result<Analysis, Error>)>(cap);
    // Fault injection for the tests (tests/corpus.rs), as the e2e tests' PANIC_MARKER: a job whose
    // source holds $LOUPE_FAULT_PANIC panics.
    let fault = std::env::var("LOUPE_FAULT_PANIC").ok().filter(|m| !m.is_empty());
    let fault = fault.as_deref();
    std::thread::scope(|s| {
        s.spawn(move || {
            for (seq, job) in jobs.enumerate() {
                // Wait for a free slot: the writer frees one per result written.
                if slot_rx.recv().is_err() || job_tx.send((seq, job)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..threads.max(1) {
            let job_rx = Arc::clone(&job_rx);
            let res_tx = res_tx.clone();
            s.spawn(move || loop {
                let next = job_rx.lock().map(|rx| rx.recv());
                let Ok(Ok((seq, job))) = next else { break };
                let source = job.source.clone();
                // A bug on one input must not stop the run: without a result for its number the
                // writer would wait for it for ever.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    if fault.is_some_and(|m| job.source.contains(m)) {
                        panic!("fault injected");
                    }
                    run_job(analyzer, job)
                }))
                .unwrap_or_else(|p| {
                    let why = p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned());
                    Err(Error::Panic(why.unwrap_or_else(|| "unknown".into())))
                });
                if res_tx.send((seq, source, result)).is_err() {
                    break;
                }
            });
        }
        drop(res_tx);
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0usize;
        let mut go_on = true;
        for (seq, source, result) in res_rx.iter() {
            pending.insert(seq, (source, result));
            while let Some((source, result)) = pending.remove(&next) {
                next += 1;
                if go_on {
                    go_on = sink(source, result);
                }
                let _ = slot_tx.send(());
            }
        }
    });
}

/// The jobs of the command line: files, or the lines of an archive.
fn jobs(opts: &Options) -> Result<Box<dyn Iterator<Item = Job> + Send>, String> {
    if let Some(path) = &opts.jsonl {
        let reader = open_input(path).map_err(|e| format!("{path}: cannot read: {e} (unreadable_file)"))?;
        let path = path.clone();
        let mut n = 0usize;
        let lines = reader.lines().filter_map(move |line| {
            n += 1;
            match line {
                Ok(l) if l.trim().is_empty() => None,
                Ok(l) => Some(parse_line(&l, n, &path)),
                Err(e) => Some(Job { source: format!("{path}:{n}"), body: Err(Error::UnreadableFile(format!("line {n}: {e}"))) }),
            }
        });
        Ok(Box::new(lines))
    } else {
        let files = opts.files.clone();
        Ok(Box::new(files.into_iter().map(|file| {
            let bytes = if file == "-" {
                let mut buf = Vec::new();
                std::io::stdin().read_to_end(&mut buf).map(|_| buf)
            } else {
                std::fs::read(&file)
            };
            let body = bytes.map(Body::Bytes).map_err(|e| Error::UnreadableFile(e.to_string()));
            Job { source: file, body }
        })))
    }
}

/// What both commands start with: the analyzer, then the inputs.
fn prepare(opts: &Options) -> Result<(Analyzer, Box<dyn Iterator<Item = Job> + Send>), ExitCode> {
    let analyzer = new_analyzer(opts.config.clone()).ok_or(ExitCode::from(2))?;
    let jobs = jobs(opts).map_err(|msg| {
        eprintln!("loupe: {msg}");
        ExitCode::from(1)
    })?;
    Ok((analyzer, jobs))
}

fn analyze(opts: Options) -> ExitCode {
    let (analyzer, jobs) = match prepare(&opts) {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    let archive = opts.jsonl.is_some();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut broken_pipe = false;
    run_ordered(&analyzer, opts.threads, jobs, |source, result| {
        let line = match result {
            Ok(mut a) => {
                a.convert_offsets(OffsetUnit::Chars);
                serde_json::to_string(&a).expect("analysis serialises")
            }
            Err(e) => {
                eprintln!("loupe: {source}: {e} ({})", e.code());
                failed = true;
                if !archive {
                    return true;
                }
                serde_json::json!({"source": source, "error": {"code": e.code(), "message": e.to_string()}}).to_string()
            }
        };
        if writeln!(out, "{line}").is_err() {
            broken_pipe = true;
            return false;
        }
        true
    });
    if out.flush().is_err() || broken_pipe {
        return ExitCode::from(1);
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

#[derive(Serialize)]
struct CorpusOut<'a> {
    documents: Vec<DocOut<'a>>,
    #[serde(flatten)]
    corpus: corpus::Corpus,
}

#[derive(Serialize)]
struct DocOut<'a> {
    index: usize,
    id: &'a str,
    language: loupe::Lang,
    title: Option<&'a str>,
    topics: Vec<(&'a str, &'a str, f32)>,
}

fn corpus_cmd(opts: Options) -> ExitCode {
    let (analyzer, jobs) = match prepare(&opts) {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    let mut docs: Vec<(String, Analysis)> = Vec::new();
    let mut failed = false;
    run_ordered(&analyzer, opts.threads, jobs, |source, result| {
        match result {
            Ok(a) => docs.push((source, a)),
            Err(e) => {
                eprintln!("loupe: {source}: {e} ({})", e.code());
                failed = true;
            }
        }
        true
    });
    let mut config = CorpusConfig::default();
    if let Some(t) = opts.story_threshold {
        config.threshold = t;
    }
    let refs: Vec<(String, &Analysis)> = docs.iter().map(|(id, a)| (id.clone(), a)).collect();
    let out = CorpusOut {
        documents: docs
            .iter()
            .enumerate()
            .map(|(i, (id, a))| DocOut {
                index: i,
                id,
                language: a.language,
                title: a.title.as_deref(),
                topics: a.topics.iter().map(|t| (t.id.as_str(), t.label.as_str(), t.score)).collect(),
            })
            .collect(),
        corpus: corpus::build(&refs, &config),
    };
    let json = serde_json::to_string_pretty(&out).expect("corpus serialises");
    if writeln!(std::io::stdout().lock(), "{json}").is_err() {
        return ExitCode::from(1);
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
