// Turns the raw results in bench/out/ into one Markdown table, prints it and writes the
// "Performance and size" section of BENCHMARKS.md (other sections of that file are kept).
import { readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { execSync } from "node:child_process";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "bench", "out");
const tsv = (f) => existsSync(join(out, f)) ? readFileSync(join(out, f), "utf8").trim().split("\n").filter(Boolean).map((l) => l.split("\t")) : [];
const mb = (bytes, ms) => (bytes / 1048576 / (ms / 1000)).toFixed(1);
const f1 = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const kb = (n) => (n / 1024).toFixed(1);
const lines = [];
const p = (s = "") => lines.push(s);

// Size of what each kind of page downloads: per file, then per page the files it fetched in
// Chromium (bench/page-files.mjs → bench/out/page-files.json), each compressed on its own as HTTP does.
const sizeOf = (f) => {
  const b = readFileSync(join(root, f));
  return [b.length, gzipSync(b, { level: 9 }).length, brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
};
const files = ["pkg/loupe_bg.wasm", "pkg/loupe_full_bg.wasm", "pkg/loupe.js"];
if (existsSync(join(root, "www"))) for (const f of readdirSync(join(root, "www")).sort()) if (/\.(m?js|css|html)$/.test(f)) files.push(`www/${f}`);
const sizes = new Map(files.map((f) => [f, sizeOf(f)]));
const sum = (list) => list.reduce((t, f) => t.map((x, i) => x + (sizes.get(f) ?? (sizes.set(f, sizeOf(f)), sizes.get(f)))[i]), [0, 0, 0]);
p("### Size (what each kind of page downloads)");
p();
p("| file | raw KB | gzip -9 KB | brotli -q 11 KB |");
p("|---|---:|---:|---:|");
for (const f of files) p(`| ${f} | ${sizes.get(f).map(kb).join(" | ")} |`);
const all = sum(files);
p(`| all of the above (no page loads them all) | ${kb(all[0])} | ${kb(all[1])} | ${kb(all[2])} |`);
p();
const pagesFile = join(out, "page-files.json");
const pages = existsSync(pagesFile) ? JSON.parse(readFileSync(pagesFile, "utf8")) : null;
const single = "dist/loupe-widget.js";
p("Per page: the files Chromium fetched (`node bench/page-files.mjs`: the mock news page until its highlights, the workbench until its first sample is analysed; the host site's own files and the sample articles are not counted). Budget: < 250 KB compressed.");
p();
p("| page | files | raw KB | gzip -9 KB | brotli -q 11 KB |");
p("|---|---|---:|---:|---:|");
if (pages) for (const { what, files: fs } of Object.values(pages)) {
  const t = sum(fs);
  p(`| ${what} | ${fs.map((f) => f.replace(/^(www|pkg)\//, "")).join(", ")} | ${kb(t[0])} | **${kb(t[1])}** | **${kb(t[2])}** |`);
}
else p("| (run `node bench/page-files.mjs > bench/out/page-files.json`) | | | | |");
if (existsSync(join(root, single))) {
  const t = sizeOf(single);
  p(`| one-file widget (wasm inlined as base64) | ${single} | ${kb(t[0])} | **${kb(t[1])}** | **${kb(t[2])}** |`);
}
p();
p("Wasm sections (`node bench/wasm-sections.mjs pkg/loupe_bg.wasm`):");
p("```");
p(execSync(`node ${join(root, "bench/wasm-sections.mjs")} ${join(root, "pkg/loupe_bg.wasm")}`).toString().trim());
p("```");
p();

// BENCH_SIZE_ONLY=1: print the size section alone and leave BENCHMARKS.md as it is (while shrinking).
if (process.env.BENCH_SIZE_ONLY) {
  console.log(lines.join("\n"));
  process.exit(0);
}

// Throughput, native and in the browser, each beside its baseline.
const native = tsv("native.tsv"), yake = tsv("yake.tsv");
const browser = existsSync(join(out, "browser.json")) ? JSON.parse(readFileSync(join(out, "browser.json"), "utf8")) : null;
p("### Throughput (best of runs; MB/s = MiB per second; ms = best run, median in brackets)");
p();
p("| where | measure | text | ms | MB/s |");
p("|---|---|---|---:|---:|");
const row = (where, what, file, bytes, best, median) =>
  p(`| ${where} | ${what} | ${file.replace(/\.txt$/, "")} | ${f1(best)} (${f1(median)}) | ${best > 0 ? mb(bytes, best) : "–"} |`);
for (const [what, file, bytes, best, median] of native) if (what !== "analyzer_new") row("native (CPU ms)", what, file, +bytes, +best, +median);
for (const [what, file, bytes, best, median] of yake) row("native (Python, wall)", "YAKE baseline", file, +bytes, +best, +median);
if (browser) for (const r of browser.rows) row(`Chromium ${browser.chromium.split(".")[0]}`, r.what + (r.marks ? ` (${r.marks} marks)` : ""), r.file, r.bytes, r.best, r.median);
p();
const cli = tsv("cli.tsv");
if (cli.length) {
  p("### The CLI on a JSON Lines archive (`bench/cli-archive.sh`: ~7 KB articles, output counted; wall and CPU time, best of runs)");
  p();
  p("| archive | threads | wall ms (median) | MB/s wall | CPU ms | max RSS MB |");
  p("|---|---:|---:|---:|---:|---:|");
  for (const [file, threads, bytes, best, median, cpu, rss] of cli)
    p(`| ${file} (${(+bytes / 2 ** 20).toFixed(1)} MiB) | ${threads} | ${best} (${median}) | ${mb(+bytes, +best)} | ${cpu} | ${(+rss / 1024).toFixed(1)} |`);
  p();
}
if (browser) {
  const get = (what, file) => browser.rows.find((r) => r.what === what && r.file === file);
  const ratio = (a, b) => (a && b ? (b.best / a.best).toFixed(1) + "×" : "–");
  p("### Goals (ratios of best runs in this run)");
  p();
  p("| goal | measured |");
  p("|---|---|");
  const nat = (what, file) => native.find((r) => r[0] === what && r[1] === file);
  const natMb = (what, file) => (nat(what, file) ? mb(+nat(what, file)[2], +nat(what, file)[3]) : "–");
  const wasmMb = (what, file) => (get(what, file) ? mb(get(what, file).bytes, get(what, file).best) : "–");
  const natTok = nat("tokenize_stem", "news-1m.txt"), js = get("js_tokenize_stem", "news-1m"), wasmTok = get("loupe_tokenize_stem", "news-1m");
  const realVocab = get("js_tokenize_stem", "wikinews-dev")
    ? `; on real news (Wikinews dev, 90 KB, a real vocabulary) wasm ${ratio(get("loupe_tokenize_stem", "wikinews-dev"), get("js_tokenize_stem", "wikinews-dev"))}` : "";
  p(`| tokenise + stem ≥ 10× the JS pipeline (1 MB) | wasm ${ratio(wasmTok, js)} (${wasmMb("loupe_tokenize_stem", "news-1m")} MB/s); native ${natTok && js ? (js.best / +natTok[3]).toFixed(1) + "×" : "–"} (${natMb("tokenize_stem", "news-1m.txt")} MB/s); JS ${wasmMb("js_tokenize_stem", "news-1m")} MB/s${realVocab} |`);
  const tf = get("js_tfidf_keywords", "news-1m");
  // The issue's goal is a ratio (3x the JS pipeline doing only its part) that it turned into
  // 30 MB/s with its own figure for the JS pipeline (~10 MB/s): both are shown.
  const full = get("loupe_analyze", "news-1m");
  p(`| full analysis ≥ 3× the JS TF-IDF pipeline, so ≥ 30 MB/s (1 MB) | wasm ${ratio(full, tf)} the JS pipeline, ${wasmMb("loupe_analyze", "news-1m")} MB/s${get("loupe_analyze", "wikinews-dev") ? ` (real news, Wikinews dev: ${ratio(get("loupe_analyze", "wikinews-dev"), get("js_tfidf_keywords", "wikinews-dev"))} the JS pipeline, ${wasmMb("loupe_analyze", "wikinews-dev")} MB/s)` : ""} (inside wasm alone, without building the JS result: ${wasmMb("loupe_analyze_core", "news-1m")} MB/s); native ${natMb("analyze", "news-1m.txt")} MB/s; JS TF-IDF pipeline ${tf ? mb(tf.bytes, tf.best) : "–"} MB/s |`);
  for (const r of browser.rows.filter((r) => r.what.startsWith("loupe_analyze ("))) {
    const label = r.what.slice("loupe_analyze (".length, -1);
    const wasmFile = join(out, `pkg-${label.replace(/\W+/g, "-")}`, "loupe_bg.wasm");
    const gz = (f) => kb(gzipSync(readFileSync(f), { level: 9 }).length);
    const size = existsSync(wasmFile) ? `; wasm ${gz(wasmFile)} KB gzip against ${gz(join(root, "pkg/loupe_bg.wasm"))} KB shipped` : "";
    p(`| same analysis, build "${label}" | wasm ${mb(r.bytes, r.best)} MB/s (shipped build ${wasmMb("loupe_analyze", "news-1m")} MB/s${size}) |`);
  }
  p(`| HTML extraction ≥ 50 MB/s (1 MB page) | wasm ${wasmMb("loupe_extract_html", "news-1m.html")} MB/s; native ${natMb("html_extract", "news-1m.html")} MB/s; browser DOMParser + textContent ${wasmMb("domparser_text", "news-1m.html")} MB/s |`);
  const mk = get("markjs_30_keywords", "news-1m");
  p(`| highlight 30 keyphrases in 1 MB ≥ 30× mark.js | <mark> elements: analysis + one DOM pass ${ratio(get("loupe_analyze_and_marks", "news-1m"), mk)}, DOM pass alone ${ratio(get("loupe_marks_only", "news-1m"), mk)} (${get("loupe_marks_only", "news-1m") ? f1(get("loupe_marks_only", "news-1m").best) : "–"} ms); CSS Highlight API ranges (the widget's way): analysis + pass ${ratio(get("loupe_analyze_and_ranges", "news-1m"), mk)}, pass alone ${ratio(get("loupe_ranges_only", "news-1m"), mk)} (${get("loupe_ranges_only", "news-1m") ? f1(get("loupe_ranges_only", "news-1m").best) : "–"} ms) |`);
  const s = (x) => `${f1(x.firstResultMs)} ms (wasm init ${f1(x.wasmInitMs)}, new Analyzer ${f1(x.analyzerNewMs)}, first analyze ${f1(x.firstAnalyzeMs)})`;
  p(`| first highlights ≤ 100 ms (4 KB article), from the page's module script | cold ${s(browser.cold)}; warm (reload) ${s(browser.warm)}; cold from navigation start (page, glue and wasm downloads included) ${f1(browser.cold.sinceNavigationMs)} ms |`);
  const w = browser.warmedUp;
  if (w) p(`| first highlights once warmed up (the widget warms up at idle while the page loads: the figure once the reader reaches the article) | ${f1(w.firstAnalyzeMs)} ms, after a warm-up of ${f1(w.warmMs)} ms in ${Object.keys(w).filter((k) => k.startsWith("warm") && /\d$/.test(k)).length} steps (longest ${f1(Math.max(...Object.entries(w).filter(([k]) => /^warm\d+$/.test(k)).map(([, v]) => v)))} ms), cold context |`);
  p(`| peak wasm memory | one article ${kb(browser.cold.memoryAfterOneArticle / 1024)} MB; after 10 MB ${browser.memoryAfter10MB ? kb(browser.memoryAfter10MB / 1024) + " MB" : "–"} |`);
  const an = native.find((r) => r[0] === "analyzer_new");
  if (an) p(`| native start-up (Analyzer::new: IPTC taxonomy + trigger stems) | ${f1(+an[3])} ms |`);
}
const section = lines.join("\n");
console.log(section);

const md = join(root, "BENCHMARKS.md");
const start = "<!-- perf:start (written by scripts/bench.sh) -->", end = "<!-- perf:end -->";
const header = `## Performance and size\n\n${start}\nRun: \`scripts/bench.sh\` (${new Date().toISOString().slice(0, 16)} UTC, \`nproc\` = ${execSync("nproc").toString().trim()}, load average ${execSync("cut -d' ' -f1-3 /proc/loadavg").toString().trim()}). Texts: \`bench/make-corpus.mjs\` (seeds only). Noisy shared machine: compare rows of the same run.\n\n${section}\n${end}`;
let doc = existsSync(md) ? readFileSync(md, "utf8") : "# Benchmarks\n\nEach section is written by its own script; rerun it rather than editing figures by hand.\n\n";
const re = /## Performance and size\n\n<!-- perf:start[^\n]*-->[\s\S]*?<!-- perf:end -->/;
doc = re.test(doc) ? doc.replace(re, header) : doc.trimEnd() + "\n\n" + header + "\n";
writeFileSync(md, doc);
