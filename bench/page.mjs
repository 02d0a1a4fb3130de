// Start-up is measured as soon as this module runs; the rest waits for window.runBench().
import init, { Analyzer } from "/pkg/loupe.js";

const article = await (await fetch("/bench/out/article-4k.txt")).text();
const t0 = performance.now();
const wasm = await init();
const tInit = performance.now();
const analyzer = new Analyzer();
const tReady = performance.now();
const first = analyzer.analyze(article);
const tFirst = performance.now();
window.startup = {
  // From the page's first script to the first analysis of the 4 KB article (article fetch excluded).
  firstResultMs: tFirst - t0, wasmInitMs: tInit - t0, analyzerNewMs: tReady - tInit, firstAnalyzeMs: tFirst - tReady,
  sinceNavigationMs: tFirst, highlights: first.highlights.start.length,
  memoryAfterOneArticle: wasm.memory.buffer.byteLength,
};
document.body.dataset.ready = "1";

const enc = new TextEncoder();
/** Best and median ms of `f` over a time budget (at least `min` runs), after one untimed
 * call (V8 compiles wasm and JS in tiers: the first calls run unoptimised code). */
function time(f, budgetMs = 1500, min = 3, max = 100) {
  f();
  const runs = [];
  const start = performance.now();
  while (runs.length < min || (performance.now() - start < budgetMs && runs.length < max)) {
    const t = performance.now();
    f();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  return { best: runs[0], median: runs[runs.length >> 1], runs: runs.length };
}

async function loadCjs(url) {
  const module = { exports: {} };
  new Function("module", "exports", await (await fetch(url)).text())(module, module.exports);
  return module.exports;
}

/** Loads another build of the module (the bench-only exports, or the same code at another
 * opt-level) beside the shipped one; null when it was not built. */
async function loadVariant(url) {
  try {
    const m = await import(url);
    await m.default();
    return m;
  } catch (e) {
    console.error(`bench: no ${url} (${e.message})`);
    return null;
  }
}

/** `quick`: the 1 MiB text only, shorter budgets, no mark.js (for iterating). `variants`:
 * other builds of the module whose analyze is timed on 1 MiB too ({ label, url }). `only`:
 * the names of the rows to time (all when empty), e.g. ["js_tokenize_stem", "loupe_tokenize_stem"]. */
window.runBench = async function ({ quick = false, variants = [], only = [] } = {}) {
  const names = quick ? ["news-1m"] : ["article-4k", "news-1m", "news-10m"];
  const texts = {};
  for (const name of new Set([...names, "news-1m"])) texts[name] = await (await fetch(`/bench/out/${name}.txt`)).text();
  // Real news with its real vocabulary (bench/make-corpus.mjs; only where ../shared is present).
  const wikinews = quick ? null : await fetch("/bench/out/wikinews-dev.txt");
  if (wikinews?.ok) {
    names.push("wikinews-dev");
    texts["wikinews-dev"] = await wikinews.text();
  }
  const out = { startup: window.startup, rows: [], quick };
  const row = (what, file, bytes, t, extra = {}) => out.rows.push({ what, file, bytes, ...t, ...extra });
  const want = (what) => only.length === 0 || only.includes(what);
  const budgetMs = quick ? 500 : 1500;

  // Physical limits.
  const simd = (await WebAssembly.instantiate(await (await fetch("/bench/out/simd-scan.wasm")).arrayBuffer())).instance.exports;
  for (const name of names.filter((n) => n !== "article-4k")) {
    const text = texts[name];
    const bytes = enc.encode(text);
    if (want("js_byte_loop")) row("js_byte_loop", name, bytes.length, time(() => {
      let spaces = 0;
      for (let i = 0; i < bytes.length; i++) if (bytes[i] === 32) spaces++;
      return spaces;
    }));
    if (want("encode_into_wasm")) row("encode_into_wasm", name, bytes.length, time(() => {
      const cap = text.length * 3;
      const ptr = wasm.__wbindgen_malloc(cap, 1);
      enc.encodeInto(text, new Uint8Array(wasm.memory.buffer, ptr, cap));
      wasm.__wbindgen_free(ptr, cap, 1);
    }));
    new Uint8Array(simd.memory.buffer).set(bytes);
    if (want("wasm_simd_scan")) row("wasm_simd_scan", name, bytes.length, time(() => simd.count_spaces(0, bytes.length)));
  }

  // The JS French pipeline: tokenise, stop words, Snowball stem (memoised), TF-IDF over paragraphs.
  const stopFr = new Set(await (await fetch("/bench/node_modules/stopwords-fr/stopwords-fr.json")).json());
  const snowball = await loadCjs("/bench/node_modules/snowball-stemmers/snowball-stemmers.js");
  const stemmer = snowball.newStemmer("french");
  const word = /[\p{L}\p{N}]+/gu;
  function tokenizeStem(text) {
    const cache = new Map();
    const docs = [];
    for (const para of text.split(/\n+/)) {
      const stems = [];
      for (const m of para.toLowerCase().matchAll(word)) {
        const w = m[0];
        if (stopFr.has(w)) continue;
        let s = cache.get(w);
        if (s === undefined) cache.set(w, (s = stemmer.stem(w)));
        stems.push(s);
      }
      docs.push(stems);
    }
    return docs;
  }
  function tfidfKeywords(text, n = 15) {
    const docs = tokenizeStem(text);
    const df = new Map(), tf = new Map();
    for (const d of docs) {
      for (const s of new Set(d)) df.set(s, (df.get(s) ?? 0) + 1);
      for (const s of d) tf.set(s, (tf.get(s) ?? 0) + 1);
    }
    const scored = [...tf].map(([s, f]) => [s, f * Math.log(docs.length / df.get(s))]);
    return scored.sort((a, b) => b[1] - a[1]).slice(0, n);
  }
  const { franc } = await import("franc-min");

  // Bench-only exports (scripts/bench.sh builds them with `--features bench`): parts timed alone.
  const benchPkg = await loadVariant("/bench/out/pkg-bench/loupe.js");
  for (const name of names) {
    const text = texts[name];
    const bytes = enc.encode(text).length;
    // 10 MB: one run each, to keep the suite short.
    const [budget, min] = name === "news-10m" ? [1, 1] : [budgetMs, 3];
    if (want("js_tokenize_stem")) row("js_tokenize_stem", name, bytes, time(() => tokenizeStem(text), budget, min));
    if (want("loupe_tokenize_stem") && benchPkg) row("loupe_tokenize_stem", name, bytes, time(() => benchPkg.benchTokenizeStem(text), budget, min));
    if (want("js_tfidf_keywords")) row("js_tfidf_keywords", name, bytes, time(() => tfidfKeywords(text), budget, min));
    if (want("franc_min")) row("franc_min", name, bytes, time(() => franc(text), budget, min));
    if (want("loupe_analyze")) row("loupe_analyze", name, bytes, time(() => analyzer.analyze(text), budget, min));
    if (benchPkg) {
      // The same analysis inside wasm only: the difference is the way out (offsets, JS objects).
      const a = new benchPkg.Analyzer();
      if (want("loupe_analyze_core")) row("loupe_analyze_core", name, bytes, time(() => benchPkg.benchAnalyzeCore(a, text), budget, min));
      a.free();
    }
    if (name === "news-10m") out.memoryAfter10MB = wasm.memory.buffer.byteLength;
  }
  for (const { label, url } of variants) {
    const m = await loadVariant(url);
    if (!m) continue;
    const a = new m.Analyzer();
    const text = texts["news-1m"];
    row(`loupe_analyze (${label})`, "news-1m", enc.encode(text).length, time(() => a.analyze(text), budgetMs, 3));
    a.free();
  }

  // HTML extraction: Loupe's (article text and metadata) beside the browser's own parser
  // producing the page's text (DOMParser + textContent: no article detection at all).
  const page = await (await fetch("/bench/out/news-1m.html")).text();
  const pageBytes = enc.encode(page).length;
  if (want("domparser_text")) row("domparser_text", "news-1m.html", pageBytes, time(() => new DOMParser().parseFromString(page, "text/html").body.textContent.length, budgetMs, 3));
  if (want("loupe_extract_html") && benchPkg) row("loupe_extract_html", "news-1m.html", pageBytes, time(() => benchPkg.benchExtractHtml(page), budgetMs, 3));

  const highlightRows = ["markjs_30_keywords", "loupe_analyze_and_marks", "loupe_marks_only", "loupe_analyze_and_ranges", "loupe_ranges_only"];
  if (!highlightRows.some(want)) return out;

  // Highlighting 30 keyphrases in 1 MB of DOM text: mark.js (it searches the text itself)
  // against Loupe's offsets applied in one pass over the paragraphs, two ways: wrapping
  // each highlight in a <mark> element, and the CSS Custom Highlight API (what the widget
  // does: StaticRanges over the existing text nodes, the DOM left untouched). DOM work only
  // for all three (no forced layout).
  const text = texts["news-1m"];
  const paras = text.split("\n\n");
  const doc = document.getElementById("doc");
  const fill = () => {
    CSS.highlights?.clear();
    doc.textContent = "";
    for (const p of paras) doc.appendChild(document.createElement("p")).textContent = p;
  };
  const a30 = new Analyzer({ maxKeywords: 30, highlightKeywords: 30 });
  const keywords = a30.analyze(text).keywords.map((k) => k.text);
  if (!quick && want("markjs_30_keywords")) {
    fill();
    const t = performance.now();
    let marked = 0;
    new Mark(doc).mark(keywords, { separateWordSearch: false, each: () => marked++ });
    const ms = performance.now() - t;
    row("markjs_30_keywords", "news-1m", text.length, { best: ms, median: ms, runs: 1 }, { marks: marked });
  }

  /** Calls `f(paragraph element, its start offset, highlights [h, hEnd) that start in it)`
   * for the paragraphs with highlights (the result's columns). Offsets are UTF-16 units into `text`. */
  function eachParagraph(highlights, f) {
    let h = 0, offset = 0;
    const ps = doc.children, starts = highlights.start;
    for (let i = 0; i < ps.length && h < starts.length; i++) {
      const end = offset + paras[i].length;
      const first = h;
      while (h < starts.length && starts[h] < end) h++;
      if (h > first) f(ps[i], offset, end, first, h);
      offset = end + 2;
    }
  }
  function applyMarks(highlights) {
    let count = 0;
    eachParagraph(highlights, (p, offset, end, first, last) => {
      const frag = document.createDocumentFragment();
      let at = offset;
      for (let h = first; h < last; h++) {
        const start = highlights.start[h], kind = highlights.kinds[highlights.kind[h]];
        const e = Math.min(highlights.end[h], end);
        if (start > at) frag.append(text.slice(at, start));
        const m = document.createElement("mark");
        m.className = kind;
        m.textContent = text.slice(start, e);
        frag.append(m);
        at = e;
        count++;
      }
      if (at < end) frag.append(text.slice(at, end));
      p.replaceChildren(frag);
    });
    return count;
  }
  function applyRanges(highlights) {
    const byKind = new Map();
    let count = 0;
    eachParagraph(highlights, (p, offset, end, first, last) => {
      const node = p.firstChild;
      for (let h = first; h < last; h++) {
        const start = highlights.start[h], kind = highlights.kinds[highlights.kind[h]];
        let set = byKind.get(kind);
        if (!set) byKind.set(kind, (set = new Highlight()));
        set.add(new StaticRange({ startContainer: node, startOffset: start - offset, endContainer: node, endOffset: Math.min(highlights.end[h], end) - offset }));
        count++;
      }
    });
    for (const [kind, set] of byKind) CSS.highlights.set(`loupe-${kind}`, set);
    return count;
  }
  // One analysis, then each DOM pass on a fresh copy of the text (best of 3).
  fill();
  let t = performance.now();
  const result = a30.analyze(text);
  const analysisMs = performance.now() - t;
  const best = { marks: Infinity, ranges: Infinity };
  let counts = {};
  for (let run = 0; run < 3; run++) {
    fill();
    t = performance.now();
    counts.marks = applyMarks(result.highlights);
    best.marks = Math.min(best.marks, performance.now() - t);
    if (globalThis.Highlight && CSS.highlights) {
      fill();
      t = performance.now();
      counts.ranges = applyRanges(result.highlights);
      best.ranges = Math.min(best.ranges, performance.now() - t);
    }
  }
  const one = (ms) => ({ best: ms, median: ms, runs: 1 });
  if (want("loupe_analyze_and_marks")) row("loupe_analyze_and_marks", "news-1m", text.length, one(analysisMs + best.marks), { marks: counts.marks });
  if (want("loupe_marks_only")) row("loupe_marks_only", "news-1m", text.length, { best: best.marks, median: best.marks, runs: 3 }, { marks: counts.marks });
  if (counts.ranges) {
    if (want("loupe_analyze_and_ranges")) row("loupe_analyze_and_ranges", "news-1m", text.length, one(analysisMs + best.ranges), { marks: counts.ranges });
    if (want("loupe_ranges_only")) row("loupe_ranges_only", "news-1m", text.length, { best: best.ranges, median: best.ranges, runs: 3 }, { marks: counts.ranges });
  }
  a30.free();
  return out;
};
