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
  sinceNavigationMs: tFirst, highlights: first.highlights.length,
  memoryAfterOneArticle: wasm.memory.buffer.byteLength,
};
document.body.dataset.ready = "1";

const enc = new TextEncoder();
/** Best and median ms of `f` over a time budget (at least `min` runs). */
function time(f, budgetMs = 1500, min = 3, max = 100) {
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

window.runBench = async function () {
  const texts = {};
  for (const name of ["article-4k", "news-1m", "news-10m"]) texts[name] = await (await fetch(`/bench/out/${name}.txt`)).text();
  const out = { startup: window.startup, rows: [] };
  const row = (what, file, bytes, t, extra = {}) => out.rows.push({ what, file, bytes, ...t, ...extra });

  // Physical limits.
  const simd = (await WebAssembly.instantiate(await (await fetch("/bench/out/simd-scan.wasm")).arrayBuffer())).instance.exports;
  for (const name of ["news-1m", "news-10m"]) {
    const text = texts[name];
    const bytes = enc.encode(text);
    row("js_byte_loop", name, bytes.length, time(() => {
      let spaces = 0;
      for (let i = 0; i < bytes.length; i++) if (bytes[i] === 32) spaces++;
      return spaces;
    }));
    row("encode_into_wasm", name, bytes.length, time(() => {
      const cap = text.length * 3;
      const ptr = wasm.__wbindgen_malloc(cap, 1);
      enc.encodeInto(text, new Uint8Array(wasm.memory.buffer, ptr, cap));
      wasm.__wbindgen_free(ptr, cap, 1);
    }));
    new Uint8Array(simd.memory.buffer).set(bytes);
    row("wasm_simd_scan", name, bytes.length, time(() => simd.count_spaces(0, bytes.length)));
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

  for (const name of ["article-4k", "news-1m", "news-10m"]) {
    const text = texts[name];
    const bytes = enc.encode(text).length;
    // 10 MB: one run each, to keep the suite short.
    const [budget, min] = name === "news-10m" ? [1, 1] : [1500, 3];
    row("js_tokenize_stem", name, bytes, time(() => tokenizeStem(text), budget, min));
    row("js_tfidf_keywords", name, bytes, time(() => tfidfKeywords(text), budget, min));
    row("franc_min", name, bytes, time(() => franc(text), budget, min));
    row("loupe_analyze", name, bytes, time(() => analyzer.analyze(text), budget, min));
    if (name === "news-10m") out.memoryAfter10MB = wasm.memory.buffer.byteLength;
  }

  // Highlighting 30 keyphrases in 1 MB of DOM text: mark.js vs Loupe's offsets applied in one pass.
  const text = texts["news-1m"];
  const paras = text.split("\n\n");
  const doc = document.getElementById("doc");
  const fill = () => {
    doc.textContent = "";
    for (const p of paras) doc.appendChild(document.createElement("p")).textContent = p;
  };
  const a30 = new Analyzer({ maxKeywords: 30, highlightKeywords: 30 });
  const keywords = a30.analyze(text).keywords.map((k) => k.text);
  fill();
  let t = performance.now();
  let marked = 0;
  new Mark(doc).mark(keywords, { separateWordSearch: false, each: () => marked++ });
  row("markjs_30_keywords", "news-1m", text.length, { best: performance.now() - t, median: performance.now() - t, runs: 1 }, { marks: marked });

  // Loupe: analysis (keyphrases + entities + quotes) then one pass over the paragraphs.
  function applyHighlights(highlights) {
    let h = 0, offset = 0, count = 0;
    const ps = doc.children;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i], s = paras[i], end = offset + s.length;
      if (h < highlights.length && highlights[h].start < end) {
        const frag = document.createDocumentFragment();
        let at = offset;
        for (; h < highlights.length && highlights[h].start < end; h++) {
          const { start, kind } = highlights[h];
          const e = Math.min(highlights[h].end, end);
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
      }
      offset = end + 2;
    }
    return count;
  }
  fill();
  t = performance.now();
  const result = a30.analyze(text);
  const t1 = performance.now();
  const count = applyHighlights(result.highlights);
  const t2 = performance.now();
  row("loupe_analyze_and_highlight", "news-1m", text.length, { best: t2 - t, median: t2 - t, runs: 1 }, { marks: count });
  row("loupe_apply_highlights_only", "news-1m", text.length, { best: t2 - t1, median: t2 - t1, runs: 1 }, { marks: count });
  a30.free();
  return out;
};
