// <loupe-article for="#story">: analyses an article of the host page in a
// worker and highlights it in place with the CSS Custom Highlight API, so the
// host's DOM, styles and event handlers are never touched. The panel lives in
// a shadow root. Everything is styled with constructed stylesheets, so it runs
// under a strict CSP (no 'unsafe-inline'). Register with LoupeArticleElement.define()
// or import widget-define.js.
import { LoupeClient, startWorker, loupeError } from "./client.js";

const WORKER_URL = new URL("./worker.js", import.meta.url).href;
const ENTITY_KINDS = ["person", "place", "organisation", "other"];
const ALL_KINDS = [...ENTITY_KINDS, "keyphrase", "quote"];
const DEFAULT_KINDS = [...ENTITY_KINDS, "keyphrase"];
const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "SELECT", "BUTTON", "SVG", "MATH", "IFRAME", "LOUPE-ARTICLE"]);
const BLOCK = /^(P|H[1-6]|LI|DT|DD|BLOCKQUOTE|PRE|DIV|SECTION|ARTICLE|HEADER|FOOTER|ASIDE|FIGURE|FIGCAPTION|TABLE|TR|TD|TH|UL|OL|DL|ADDRESS|MAIN|NAV|TIME)$/;

const UI = {
  en: { region: "Loupe: article analysis", analysing: "Analysing the article…", topics: "Topics", keyphrases: "Key phrases", entities: "Names",
    person: "People", place: "Places", organisation: "Organisations", other: "Other names", keyphrase: "Key phrases", quote: "Quotes",
    hide: "Hide the analysis", show: "Show the analysis", next: (n) => `${n} mention${n === 1 ? "" : "s"}; press for the next one`,
    none: "Nothing found.", failed: "The analysis is unavailable.", legend: "Highlighted in the article" },
  fr: { region: "Loupe : analyse de l’article", analysing: "Analyse de l’article…", topics: "Thèmes", keyphrases: "Expressions clés", entities: "Noms",
    person: "Personnes", place: "Lieux", organisation: "Organisations", other: "Autres noms", keyphrase: "Expressions clés", quote: "Citations",
    hide: "Masquer l’analyse", show: "Afficher l’analyse", next: (n) => `${n} mention${n === 1 ? "" : "s"} ; appuyez pour la suivante`,
    none: "Rien de trouvé.", failed: "L’analyse n’est pas disponible.", legend: "Surligné dans l’article" },
};

// Default colours, each overridable with a custom property (--loupe-<name>). Kinds paint the
// highlights in the article and the chips in the panel, always under the dark highlightFg text.
export const COLOURS = {
  kinds: { person: "#ffd7e2", place: "#cfe6ff", organisation: "#d5f0c8", other: "#eadcff", keyphrase: "#fff0a8", quote: "#ececec", focus: "#ff9800" },
  highlightFg: "#111111",
  light: { bg: "#ffffff", fg: "#1b1b1b", muted: "#595959", line: "#8c8c8c", accent: "#0b57d0", "accent-fg": "#ffffff" },
  dark: { bg: "#1f1f1f", fg: "#ededed", muted: "#b8b8b8", line: "#7a7a7a", accent: "#8ab4f8", "accent-fg": "#0b0b0b" },
};
const kindVar = (k) => `var(--loupe-${k}, ${COLOURS.kinds[k]})`;
const HIGHLIGHT_FG = `var(--loupe-highlight-fg, ${COLOURS.highlightFg})`;

// Highlights in the host document (CSS Custom Highlight API).
const DOC_CSS = ALL_KINDS.map((k) => `::highlight(loupe-${k}) { background-color: ${kindVar(k)}; color: ${HIGHLIGHT_FG}; }`).join("\n") +
  `\n::highlight(loupe-focus) { background-color: ${kindVar("focus")}; color: #000; text-decoration: underline 2px; }`;
const schemeVars = (c) => Object.entries(c).map(([k, v]) => `--_${k}: var(--loupe-${k}, ${v});`).join(" ");

const SHADOW_CSS = `
:host { ${schemeVars(COLOURS.light)} ${ALL_KINDS.concat("focus").map((k) => `--_${k}: ${kindVar(k)};`).join(" ")}
  --_hfg: ${HIGHLIGHT_FG}; font: 15px/1.45 var(--loupe-font, system-ui, sans-serif); color: var(--_fg); }
@media (prefers-color-scheme: dark) { :host { ${schemeVars(COLOURS.dark)} } }
:host { display: contents; }
:host([position="inline"]) { display: block; min-height: var(--loupe-inline-min-height, auto); }
:host([hidden]) { display: none; }
.panel { background: var(--_bg); color: var(--_fg); border: 1px solid var(--_line); border-radius: 10px; box-shadow: 0 2px 12px rgb(0 0 0 / .12); }
:host([position="inline"]) .panel { box-shadow: none; }
:host(:not([position="inline"])) .panel { position: fixed; bottom: 12px; z-index: 2147483000; width: min(22rem, calc(100vw - 24px)); max-height: min(70vh, 34rem); display: flex; flex-direction: column; }
:host([position="start"]) .panel { left: 12px; }
:host(:not([position="inline"]):not([position="start"])) .panel { right: 12px; }
.head { display: flex; align-items: center; justify-content: space-between; gap: .5rem; padding: .35rem .45rem .35rem .8rem; }
.title { font-weight: 700; font-size: .95rem; margin: 0; }
.body { overflow: auto; padding: 0 .8rem .7rem; border-top: 1px solid var(--_line); }
.collapsed .body { display: none; }
h3 { font-size: .78rem; text-transform: uppercase; letter-spacing: .03em; color: var(--_muted); margin: .7rem 0 .3rem; }
ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem; }
button { font: inherit; font-size: .85rem; color: var(--_fg); background: var(--_bg); border: 1px solid var(--_line); border-radius: 999px; padding: .2rem .6rem; cursor: pointer; min-height: 28px; text-align: left; }
button:hover { border-color: var(--_accent); }
button:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
.toggle { border-radius: 6px; }
.chip[data-kind] { background: var(--_k); border-color: transparent; color: var(--_hfg); }
.chip[data-kind]:focus-visible { outline-color: var(--_fg); }
[data-kind="person"] { --_k: var(--_person); } [data-kind="place"] { --_k: var(--_place); } [data-kind="organisation"] { --_k: var(--_organisation); }
[data-kind="other"] { --_k: var(--_other); } [data-kind="keyphrase"] { --_k: var(--_keyphrase); } [data-kind="quote"] { --_k: var(--_quote); } [data-kind="focus"] { --_k: var(--_focus); }
.count { font-size: .75rem; font-weight: 700; margin-left: .3rem; }
.topic { border-color: var(--_accent); }
.status { padding: .5rem .8rem; color: var(--_muted); margin: 0; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem .7rem; font-size: .78rem; color: var(--_muted); margin-top: .6rem; }
.legend [data-kind]::before { content: ""; display: inline-block; width: .75rem; height: .75rem; border-radius: 2px; margin-right: .25rem; vertical-align: -1px; background: var(--_k); }
/* Without the Highlight API: boxes over the article's words, blended so the text shows through. */
.marks { position: absolute; left: 0; top: 0; width: 0; height: 0; pointer-events: none; }
.mark { position: absolute; background: var(--_k); mix-blend-mode: multiply; border-radius: 2px; pointer-events: none; }
.mark[data-kind="focus"] { box-shadow: inset 0 -2px 0 #000; }
.fallback { visibility: hidden; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

let sharedClient = null;
let mainThreadClient = null;
let workerFailed = false; // no worker could start here: analyse on the main thread

/** A client of the analysis worker. The wasm module starts downloading and compiling on this thread
 * at once, in parallel with the worker's own start and scripts, and is handed to the worker compiled. */
function workerClient(url) {
  const embedded = LoupeArticleElement.embedded;
  if (embedded) return new LoupeClient({ spawn: embedded.spawnWorker, init: { wasm: embedded.wasm() } });
  return new LoupeClient({ spawn: () => startWorker(url), init: compileWasm() });
}

/** {wasm: WebAssembly.Module} from LoupeArticleElement.wasmURL; {} when that fails (a server without the
 * application/wasm type, no CORS from a CDN), and the worker then fetches the module itself. */
function compileWasm() {
  const url = LoupeArticleElement.wasmURL;
  if (!url || typeof WebAssembly.compileStreaming !== "function") return {};
  return WebAssembly.compileStreaming(fetch(url)).then((wasm) => ({ wasm }), () => ({}));
}

/** Analyses in a worker; where none can start (CSP, cross-origin assets), on the main thread in short tasks. */
async function analyzeText(text, options) {
  const url = LoupeArticleElement.workerURL;
  if (!sharedClient && (workerFailed || !url || typeof Worker !== "function")) sharedClient = await onMainThread();
  sharedClient ??= workerClient(url);
  const client = sharedClient;
  try {
    return await client.analyze(text, options);
  } catch (e) {
    // new Worker() throws SecurityError, or the worker fails to load: its script is not allowed here.
    if (e.code !== "worker_failed" && e.name !== "SecurityError") throw e;
    workerFailed = true;
    if (sharedClient === client || !sharedClient) sharedClient = await onMainThread();
    return sharedClient.analyze(text, options);
  }
}

/**
 * Starts the worker ahead of the first analysis: its download, compilation, Analyzer and warm-up
 * then overlap with the page's own loading instead of starting when the article comes into view.
 * Where no worker can start, it says so before the first analysis, which then runs on the main
 * thread without trying a second worker.
 */
function prepareWorker() {
  const url = LoupeArticleElement.workerURL;
  // The one-file build decodes its inlined wasm on the main thread: left to the first analysis, as before.
  if (sharedClient || workerFailed || LoupeArticleElement.embedded || !url || typeof Worker !== "function" || !wasmAllowed()) return;
  try {
    const client = workerClient(url);
    client.ready().catch((e) => {
      if (e.code !== "worker_failed" || sharedClient !== client) return;
      workerFailed = true;
      sharedClient = null;
    });
    sharedClient = client;
  } catch {
    workerFailed = true; // new Worker() threw (SecurityError)
  }
}

function onMainThread() {
  const embedded = LoupeArticleElement.embedded;
  const init = embedded ? { wasm: embedded.wasm() } : {};
  mainThreadClient ??= import("./main-thread.js").then(({ MainThreadRunner }) => new LoupeClient({ spawn: () => new MainThreadRunner(), init }));
  return mainThreadClient;
}

let docSheetAdopted = false;
const sheet = (css) => { const s = new CSSStyleSheet(); s.replaceSync(css); return s; };
let shadowSheet = null;

/** Can this page compile WebAssembly? A Content-Security-Policy without 'wasm-unsafe-eval' says no. */
function wasmAllowed() {
  try {
    new WebAssembly.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    return true;
  } catch {
    return false;
  }
}

const hasHighlightAPI = () => Boolean(globalThis.CSS?.highlights && globalThis.Highlight);

/**
 * The fallback for browsers without the CSS Custom Highlight API: one absolutely positioned box per
 * line box of each range (Range.getClientRects), in a layer inside the widget's shadow root, blended
 * over the text, deaf to the pointer. The layer scrolls with the page, so only layout changes (resize,
 * reflow of the article, a scrolled inner container) move the boxes, redrawn once per frame.
 */
class MarkLayer {
  layer = document.createElement("div");
  #groups = new Map(); // highlight name -> Range[]
  #frame = 0;
  #resize;

  constructor(target) {
    this.layer.className = "marks";
    this.layer.setAttribute("part", "marks");
    this.layer.setAttribute("aria-hidden", "true");
    this.schedule = this.schedule.bind(this);
    this.#resize = new ResizeObserver(this.schedule);
    if (target) this.#resize.observe(target);
    addEventListener("resize", this.schedule, { passive: true });
    document.addEventListener("scroll", this.#onScroll, { passive: true, capture: true });
  }

  // The page's own scroll moves the layer with the text; an inner scroller does not.
  #onScroll = (e) => { if (e.target !== document) this.schedule(); };

  set(name, ranges) { this.#groups.set(name, ranges); this.schedule(); }
  clear() { this.#groups.clear(); this.schedule(); }
  stop() {
    this.#resize.disconnect();
    removeEventListener("resize", this.schedule);
    document.removeEventListener("scroll", this.#onScroll, { capture: true });
    cancelAnimationFrame(this.#frame);
  }

  schedule() {
    if (!this.#frame) this.#frame = requestAnimationFrame(() => { this.#frame = 0; this.#place(); });
  }

  #place() {
    if (!this.layer.isConnected) return;
    const origin = this.layer.getBoundingClientRect();
    const boxes = [];
    for (const [name, ranges] of this.#groups) {
      const kind = name.replace(/^loupe-/, "");
      for (const r of ranges) {
        // A range around a whole inline element (<em>, <a>) lists the element's box and its text's: keep one.
        const rects = [...r.getClientRects()].filter((q) => q.width >= 0.5 && q.height >= 0.5);
        const within = (q, o) => o.left <= q.left + 1 && o.right >= q.right - 1 && o.top <= q.top + 1 && o.bottom >= q.bottom - 1;
        // Drop a rect inside another one (of two alike, the later).
        const kept = rects.filter((q, k) => !rects.some((o, m) => m !== k && within(q, o) && (m < k || !within(o, q))));
        for (const rect of kept) {
          const box = document.createElement("span");
          box.className = "mark";
          box.dataset.kind = kind;
          Object.assign(box.style, { left: `${rect.left - origin.left}px`, top: `${rect.top - origin.top}px`, width: `${rect.width}px`, height: `${rect.height}px` });
          boxes.push(box);
        }
      }
    }
    this.layer.replaceChildren(...boxes);
  }
}

const idle = (fn) => (globalThis.requestIdleCallback ? requestIdleCallback(fn, { timeout: 4000 }) : setTimeout(fn, 200));

export class LoupeArticleElement extends HTMLElement {
  static observedAttributes = ["for", "kinds", "max-keywords", "lang", "position"];

  /** Registers the element (default tag loupe-article); a second call is a no-op. */
  static define(tag = "loupe-article", registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** The worker URL; set before the first analysis to host worker.js elsewhere. From another origin
   * the worker starts from a blob: URL; where the page's CSP forbids that, the analysis runs on the
   * main thread in short tasks. A same-origin one-line shim (`import "https://cdn.example/loupe/www/worker.js";`)
   * set here keeps it in a worker; null runs on the main thread without trying a worker. */
  static workerURL = WORKER_URL;

  /** The wasm module, fetched and compiled on the page's thread while the worker starts, then handed to
   * it; null lets the worker fetch it (next to its glue, ../pkg/). */
  static wasmURL = new URL("../pkg/loupe_bg.wasm", import.meta.url).href;

  /** Set by the single-file build (dist/loupe-widget.js): {spawnWorker(): Worker, wasm(): Uint8Array}. */
  static embedded = null;

  #shadow = this.attachShadow({ mode: "open" });
  #observer = null;
  #started = false;
  #result = null;
  #target = null;
  #nodes = []; // [{node, start}] text nodes of the target and their offsets in the analysed string
  #ranges = new Map(); // highlight name -> Range[] this element registered
  #focus = new Map(); // item key -> index of the mention shown last
  #collapsed = globalThis.matchMedia?.("(max-width: 40rem)").matches ?? false; // small screens: start folded
  #pending = null;
  #marks = null; // MarkLayer, without the Highlight API
  #panel = null;
  #fitting = null; // resize listener

  connectedCallback() {
    // Until the analysis is ready the element shows its own children (the site's fallback), as if undefined.
    if (!this.#shadow.firstChild) this.#shadow.append(document.createElement("slot"));
    // Styled from the start, so an inline panel's reserved room (--loupe-inline-min-height) holds before the analysis.
    shadowSheet ??= sheet(SHADOW_CSS);
    this.#shadow.adoptedStyleSheets = [shadowSheet];
    if (!this.#started) this.#schedule();
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    this.clear();
    this.#marks?.stop();
    this.#marks = null;
    if (this.#fitting) removeEventListener("resize", this.#fitting);
    this.#fitting = null;
  }

  /** A floating panel narrows (down to 16rem) to fit in the margin beside the article rather than cover its text. */
  #fit() {
    const panel = this.#panel;
    if (!panel || !this.#target || this.position === "inline") return panel?.style.removeProperty("width");
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const t = this.#target.getBoundingClientRect();
    const margin = (this.position === "start" ? t.left : document.documentElement.clientWidth - t.right) - 24;
    if (margin >= 16 * rem && margin < 22 * rem) panel.style.width = `${Math.floor(margin)}px`;
    else panel.style.removeProperty("width");
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.#result) return;
    if (name === "for") {
      this.clear();
      this.#result = null;
      this.#started = false;
      this.analyze();
    } else queueMicrotask(() => this.#render());
  }

  // ----- JS API -----
  /** The last analysis (the Analyzer's result object), or null. */
  get result() { return this.#result; }
  get kinds() { const k = (this.getAttribute("kinds") ?? "").split(/[\s,]+/).filter((x) => ALL_KINDS.includes(x)); return k.length ? k : DEFAULT_KINDS; }
  set kinds(v) { this.setAttribute("kinds", Array.isArray(v) ? v.join(" ") : String(v)); }
  get maxKeywords() { const n = parseInt(this.getAttribute("max-keywords") ?? "8", 10); return Number.isFinite(n) && n >= 0 ? n : 8; }
  set maxKeywords(n) { this.setAttribute("max-keywords", String(n)); }
  get position() { return this.getAttribute("position") ?? "end"; }
  set position(v) { this.setAttribute("position", v); }

  /** Analyses the article now (instead of waiting for it to come near the viewport). Resolves with the result. */
  analyze() {
    this.#started = true;
    this.#observer?.disconnect();
    this.#pending ??= this.#run().finally(() => { this.#pending = null; });
    return this.#pending;
  }

  /** Removes the highlights from the article (the panel stays). */
  clear() {
    for (const [name, ranges] of this.#ranges) {
      const h = globalThis.CSS?.highlights?.get(name);
      if (!h) continue;
      for (const r of ranges) h.delete(r);
      if (h.size === 0) CSS.highlights.delete(name);
    }
    this.#ranges.clear();
    this.#marks?.clear();
  }

  // ----- internals -----
  #schedule() {
    const target = this.#findTarget();
    // Failures are reported by the loupe-error event; nothing else to do with them here.
    const start = () => { if (!this.#started) this.analyze().catch(() => {}); };
    if (!target) return idle(() => this.#findTarget() && start());
    this.#observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) start();
    }, { rootMargin: "300px" });
    this.#observer.observe(target);
    if (this.getAttribute("loading") !== "visible") {
      prepareWorker();
      idle(start);
    }
  }

  #findTarget() {
    const sel = this.getAttribute("for");
    if (!sel) return this.parentElement?.closest("article") ?? null;
    return /^[\w-]+$/.test(sel) ? document.getElementById(sel) : document.querySelector(sel);
  }

  #ui() {
    const own = this.getAttribute("lang");
    const lang = ((own && own !== "auto" ? own : null) || this.parentElement?.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang || "en").toLowerCase();
    return lang.startsWith("fr") ? UI.fr : UI.en;
  }

  #fail(code, message) {
    const error = loupeError(code, message);
    this.dispatchEvent(new CustomEvent("loupe-error", { bubbles: true, composed: true, detail: { code, message, error } }));
    return error;
  }

  async #run() {
    performance.mark("loupe-article:start");
    const target = (this.#target = this.#findTarget());
    if (!target) throw this.#fail("target_missing", `no element matches for="${this.getAttribute("for") ?? ""}"`);
    if (!wasmAllowed()) throw this.#fail("wasm_blocked", "this page's Content-Security-Policy does not allow WebAssembly ('wasm-unsafe-eval')");
    performance.mark("loupe-article:collect");
    const text = this.#collect(target);
    performance.measure("loupe-article:collect", "loupe-article:collect");
    if (!text.trim()) throw this.#fail("empty_input", "the article has no text");
    const lang = (this.getAttribute("lang") ?? "").toLowerCase().slice(0, 2);
    let result;
    try {
      result = await analyzeText(text, lang === "fr" || lang === "en" ? { language: lang } : undefined);
    } catch (e) {
      throw this.#fail(e.code ?? "internal", e.message);
    }
    this.#result = result;
    performance.mark("loupe-article:render");
    this.#render();
    performance.measure("loupe-article:render", "loupe-article:render");
    performance.mark("loupe-article:done");
    this.dispatchEvent(new CustomEvent("loupe-analyzed", { bubbles: true, composed: true, detail: { result } }));
    return result;
  }

  /** The target's visible text as one string (blocks separated by blank lines) plus node → offset. */
  #collect(root) {
    const parts = [];
    this.#nodes = [];
    let offset = 0;
    let lastBlock = null;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
      acceptNode: (n) => (n.nodeType === 1 ? (SKIP.has(n.tagName.toUpperCase()) || n.hidden || n.getAttribute("aria-hidden") === "true" ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP) : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data) continue;
      let block = n.parentElement;
      while (block && block !== root && !BLOCK.test(block.tagName.toUpperCase())) block = block.parentElement;
      if (lastBlock && block !== lastBlock && offset > 0) {
        parts.push("\n\n");
        offset += 2;
      }
      lastBlock = block;
      this.#nodes.push({ node: n, start: offset });
      parts.push(n.data);
      offset += n.data.length;
    }
    return parts.join("");
  }

  /**
   * Ranges for spans ({start, end} columns of UTF-16 offsets into the analysed string, as in the
   * result), in one pass over the text nodes in document order: spans sorted by start, a cursor that
   * only moves forward. A span that starts or ends in a block separator gets null. Returns them in
   * the order of the spans.
   */
  #rangesFor(spans) {
    const nodes = this.#nodes;
    const starts = spans.start, ends = spans.end;
    const order = Array.from(starts, (_, k) => k).sort((a, b) => starts[a] - starts[b]);
    const out = new Array(starts.length).fill(null);
    let i = 0;
    for (const k of order) {
      const start = starts[k], end = ends[k];
      while (i + 1 < nodes.length && nodes[i + 1].start <= start) i++;
      const a = nodes[i];
      if (!a || start < a.start || start >= a.start + a.node.data.length || end <= start) continue;
      let j = i;
      while (j + 1 < nodes.length && nodes[j + 1].start < end) j++;
      const b = nodes[j];
      if (end > b.start + b.node.data.length || !a.node.isConnected || !b.node.isConnected) continue;
      const r = new Range();
      r.setStart(a.node, start - a.start);
      r.setEnd(b.node, end - b.start);
      out[k] = r;
    }
    return out;
  }

  #highlight() {
    this.clear();
    const kinds = new Set(this.kinds);
    const max = this.maxKeywords;
    const hl = this.#result.highlights;
    const shown = []; // indices of the highlights drawn
    for (let i = 0; i < hl.start.length; i++) {
      const kind = hl.kinds[hl.kind[i]];
      if (kinds.has(kind) && !(kind === "keyphrase" && hl.index[i] >= max)) shown.push(i);
    }
    this.#rangesFor({ start: shown.map((i) => hl.start[i]), end: shown.map((i) => hl.end[i]) }).forEach((r, k) => {
      if (!r) return;
      const name = `loupe-${hl.kinds[hl.kind[shown[k]]]}`;
      if (!this.#ranges.has(name)) this.#ranges.set(name, []);
      this.#ranges.get(name).push(r);
    });
    if (!hasHighlightAPI()) {
      // Fallback: boxes drawn in this element's shadow root; the article's DOM is still untouched.
      this.#marks ??= new MarkLayer(this.#target);
      for (const [name, ranges] of this.#ranges) this.#marks.set(name, ranges);
      return;
    }
    if (!docSheetAdopted) {
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet(DOC_CSS)];
      docSheetAdopted = true;
    }
    for (const [name, ranges] of this.#ranges) {
      let hl = CSS.highlights.get(name);
      if (!hl) CSS.highlights.set(name, (hl = new Highlight()));
      for (const r of ranges) hl.add(r);
    }
  }

  /** Shows the next mention of an item (mentions: the result's {start, end} columns): the focus highlight, scrolled into view. */
  #show(key, mentions) {
    const count = mentions.start.length;
    if (!count) return;
    const i = ((this.#focus.get(key) ?? -1) + 1) % count;
    this.#focus.set(key, i);
    const [r] = this.#rangesFor({ start: [mentions.start[i]], end: [mentions.end[i]] });
    if (!r) return;
    this.#ranges.set("loupe-focus", [r]);
    if (hasHighlightAPI()) CSS.highlights.set("loupe-focus", new Highlight(r));
    else this.#marks?.set("loupe-focus", [r]);
    r.startContainer.parentElement?.scrollIntoView({ block: "center", behavior: "smooth" });
    return i;
  }

  #render() {
    const r = this.#result;
    if (!r) return;
    this.#highlight();
    const t = this.#ui();
    const el = (tag, attrs = {}, ...kids) => {
      const e = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) if (v != null) k.startsWith("on") ? e.addEventListener(k.slice(2), v) : e.setAttribute(k, v);
      e.append(...kids.flat().filter((x) => x != null));
      return e;
    };
    const kinds = new Set(this.kinds);
    const body = el("div", { class: "body", id: "body", part: "body" });
    const chip = (label, count, mentions, kind, key, part) => {
      const b = el("button", { type: "button", class: "chip", part, "data-kind": kind, "aria-label": `${label}: ${t.next(count)}` },
        label, el("span", { class: "count", "aria-hidden": "true" }, String(count)));
      b.addEventListener("click", () => this.#show(key, mentions));
      return el("li", {}, b);
    };

    if (r.topics.length) {
      body.append(el("h3", { part: "heading", id: "h-topics" }, t.topics),
        el("ul", { "aria-labelledby": "h-topics" }, r.topics.map((tp) => {
          const b = el("button", { type: "button", class: "chip topic", part: "topic", title: tp.id, "aria-label": `${tp.label}: ${t.next(tp.evidence.start.length)}` }, tp.label);
          b.addEventListener("click", () => this.#show(`t:${tp.id}`, tp.evidence));
          return el("li", {}, b);
        })));
    }
    if (kinds.has("keyphrase")) {
      const kws = r.keywords.slice(0, this.maxKeywords);
      if (kws.length) body.append(el("h3", { part: "heading", id: "h-kw" }, t.keyphrases),
        el("ul", { "aria-labelledby": "h-kw" }, kws.map((k) => chip(k.text, k.mentions.start.length, k.mentions, "keyphrase", `k:${k.text}`, "keyphrase"))));
    }
    for (const kind of ENTITY_KINDS) {
      if (!kinds.has(kind)) continue;
      const list = r.entities.filter((e) => e.kind === kind);
      if (!list.length) continue;
      body.append(el("h3", { part: "heading", id: `h-${kind}` }, t[kind]),
        el("ul", { "aria-labelledby": `h-${kind}` }, list.map((e) => {
          // A place known only by a nationality word ("japonais") points there.
          const spans = e.mentions.start.length || !e.demonyms ? e.mentions : e.demonyms;
          return chip(e.text, spans.start.length, spans, kind, `e:${kind}:${e.text}`, `entity ${kind}`);
        })));
    }
    if (!body.childElementCount) body.append(el("p", { class: "status" }, t.none));
    body.append(el("p", { class: "legend", part: "legend" }, el("span", { class: "visually-hidden" }, `${t.legend}${t === UI.fr ? " : " : ": "}`),
      [...kinds].filter((k) => r.highlights.kind.includes(r.highlights.kinds.indexOf(k))).map((k) => el("span", { "data-kind": k }, t[k]))));

    const toggle = el("button", { type: "button", class: "toggle", part: "toggle", "aria-expanded": String(!this.#collapsed), "aria-controls": "body" }, this.#collapsed ? t.show : t.hide);
    const panel = el("section", { class: `panel${this.#collapsed ? " collapsed" : ""}`, part: "panel", role: "region", "aria-label": t.region, lang: t === UI.fr ? "fr" : "en" },
      el("div", { class: "head", part: "header" }, el("h2", { class: "title", part: "title" }, "Loupe"), toggle), body);
    toggle.addEventListener("click", () => {
      this.#collapsed = !this.#collapsed;
      panel.classList.toggle("collapsed", this.#collapsed);
      toggle.setAttribute("aria-expanded", String(!this.#collapsed));
      toggle.textContent = this.#collapsed ? t.show : t.hide;
    });
    // A floating panel leaves the site's fallback children their room, hidden, so nothing below moves.
    const keep = this.position === "inline" ? [] : [el("div", { class: "fallback", "aria-hidden": "true" }, el("slot"))];
    this.#shadow.replaceChildren(...(this.#marks ? [this.#marks.layer] : []), ...keep, panel);
    this.#panel = panel;
    this.#fit();
    if (!this.#fitting) addEventListener("resize", (this.#fitting = () => this.#fit()), { passive: true });
  }
}
