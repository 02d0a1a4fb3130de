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

// Highlight colours in the host document; each one overridable with a custom property.
const DOC_CSS = `
::highlight(loupe-person) { background-color: var(--loupe-person, #ffd7e2); color: var(--loupe-highlight-fg, #111); }
::highlight(loupe-place) { background-color: var(--loupe-place, #cfe6ff); color: var(--loupe-highlight-fg, #111); }
::highlight(loupe-organisation) { background-color: var(--loupe-organisation, #d5f0c8); color: var(--loupe-highlight-fg, #111); }
::highlight(loupe-other) { background-color: var(--loupe-other, #eadcff); color: var(--loupe-highlight-fg, #111); }
::highlight(loupe-keyphrase) { background-color: var(--loupe-keyphrase, #fff0a8); color: var(--loupe-highlight-fg, #111); }
::highlight(loupe-quote) { background-color: var(--loupe-quote, #ececec); color: var(--loupe-highlight-fg, #111); }
::highlight(loupe-focus) { background-color: var(--loupe-focus, #ff9800); color: #000; text-decoration: underline 2px; }
`;

const SHADOW_CSS = `
:host { --_bg: var(--loupe-bg, #ffffff); --_fg: var(--loupe-fg, #1b1b1b); --_muted: var(--loupe-muted, #595959);
  --_line: var(--loupe-line, #d4d4d4); --_accent: var(--loupe-accent, #0b57d0); --_accent-fg: var(--loupe-accent-fg, #ffffff);
  --_person: var(--loupe-person, #ffd7e2); --_place: var(--loupe-place, #cfe6ff); --_organisation: var(--loupe-organisation, #d5f0c8);
  --_other: var(--loupe-other, #eadcff); --_keyphrase: var(--loupe-keyphrase, #fff0a8); --_quote: var(--loupe-quote, #ececec);
  font: 15px/1.45 var(--loupe-font, system-ui, sans-serif); color: var(--_fg); }
@media (prefers-color-scheme: dark) {
  :host { --_bg: var(--loupe-bg, #1f1f1f); --_fg: var(--loupe-fg, #ededed); --_muted: var(--loupe-muted, #b8b8b8); --_line: var(--loupe-line, #444);
    --_accent: var(--loupe-accent, #8ab4f8); --_accent-fg: var(--loupe-accent-fg, #0b0b0b); }
}
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
.chip[data-kind] { background: var(--_k); border-color: transparent; color: #111; }
.chip[data-kind]:focus-visible { outline-color: var(--_fg); }
[data-kind="person"] { --_k: var(--_person); } [data-kind="place"] { --_k: var(--_place); } [data-kind="organisation"] { --_k: var(--_organisation); }
[data-kind="other"] { --_k: var(--_other); } [data-kind="keyphrase"] { --_k: var(--_keyphrase); } [data-kind="quote"] { --_k: var(--_quote); }
.count { font-size: .75rem; font-weight: 700; margin-left: .3rem; }
.topic { border-color: var(--_accent); }
.status { padding: .5rem .8rem; color: var(--_muted); margin: 0; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem .7rem; font-size: .78rem; color: var(--_muted); margin-top: .6rem; }
.legend span::before { content: ""; display: inline-block; width: .75rem; height: .75rem; border-radius: 2px; margin-right: .25rem; vertical-align: -1px; background: var(--_k); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

let sharedClient = null;
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

const idle = (fn) => (globalThis.requestIdleCallback ? requestIdleCallback(fn, { timeout: 4000 }) : setTimeout(fn, 200));

export class LoupeArticleElement extends HTMLElement {
  static observedAttributes = ["for", "kinds", "max-keywords", "lang", "position"];

  /** Registers the element (default tag loupe-article); a second call is a no-op. */
  static define(tag = "loupe-article", registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** The worker URL; set before the first analysis to host worker.js elsewhere. From another origin
   * the worker starts from a blob: URL, which a CSP must allow in script-src; a same-origin one-line
   * shim (`import "https://cdn.example/loupe/www/worker.js";`) set here avoids that. */
  static workerURL = WORKER_URL;

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

  connectedCallback() {
    // Until the analysis is ready the element shows its own children (the site's fallback), as if undefined.
    if (!this.#shadow.firstChild) this.#shadow.append(document.createElement("slot"));
    if (!this.#started) this.#schedule();
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    this.clear();
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
    if (this.getAttribute("loading") !== "visible") idle(start);
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
    sharedClient ??= new LoupeClient({ spawn: () => startWorker(LoupeArticleElement.workerURL) });
    let result;
    try {
      result = await sharedClient.analyze(text, lang === "fr" || lang === "en" ? { language: lang } : undefined);
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

  /** A Range for UTF-16 offsets of the analysed string, or null if it falls in a separator. */
  #range(start, end) {
    const at = (off, isEnd) => {
      let lo = 0, hi = this.#nodes.length - 1, found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (this.#nodes[mid].start <= off - (isEnd ? 1 : 0)) { found = mid; lo = mid + 1; } else hi = mid - 1;
      }
      if (found < 0) return null;
      const { node, start: s } = this.#nodes[found];
      const k = off - s;
      return k >= 0 && k <= node.data.length ? [node, k] : null;
    };
    const a = at(start, false), b = at(end, true);
    if (!a || !b || !a[0].isConnected || !b[0].isConnected) return null;
    const r = new Range();
    r.setStart(...a);
    r.setEnd(...b);
    return r;
  }

  #highlight() {
    this.clear();
    if (!globalThis.CSS?.highlights || !globalThis.Highlight) return; // fallback: the panel still selects mentions
    if (!docSheetAdopted) {
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet(DOC_CSS)];
      docSheetAdopted = true;
    }
    const kinds = new Set(this.kinds);
    const max = this.maxKeywords;
    for (const h of this.#result.highlights) {
      if (!kinds.has(h.kind) || (h.kind === "keyphrase" && h.index >= max)) continue;
      const r = this.#range(h.start, h.end);
      if (!r) continue;
      const name = `loupe-${h.kind}`;
      if (!this.#ranges.has(name)) this.#ranges.set(name, []);
      this.#ranges.get(name).push(r);
    }
    for (const [name, ranges] of this.#ranges) {
      let hl = CSS.highlights.get(name);
      if (!hl) CSS.highlights.set(name, (hl = new Highlight()));
      for (const r of ranges) hl.add(r);
    }
  }

  /** Shows the next mention of an item: focus highlight (or the selection as a fallback) and scroll. */
  #show(key, mentions) {
    if (!mentions.length) return;
    const i = ((this.#focus.get(key) ?? -1) + 1) % mentions.length;
    this.#focus.set(key, i);
    const r = this.#range(mentions[i].start, mentions[i].end);
    if (!r) return;
    if (globalThis.CSS?.highlights && globalThis.Highlight) {
      const old = CSS.highlights.get("loupe-focus");
      CSS.highlights.set("loupe-focus", new Highlight(r));
      if (old) this.#ranges.delete("loupe-focus");
      this.#ranges.set("loupe-focus", [r]);
    } else {
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
    }
    r.startContainer.parentElement?.scrollIntoView({ block: "center", behavior: "smooth" });
    return i;
  }

  #render() {
    const r = this.#result;
    if (!r) return;
    this.#highlight();
    shadowSheet ??= sheet(SHADOW_CSS);
    this.#shadow.adoptedStyleSheets = [shadowSheet];
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
          const b = el("button", { type: "button", class: "chip topic", part: "topic", title: tp.id, "aria-label": `${tp.label}: ${t.next(tp.evidence.length)}` }, tp.label);
          b.addEventListener("click", () => this.#show(`t:${tp.id}`, tp.evidence));
          return el("li", {}, b);
        })));
    }
    if (kinds.has("keyphrase")) {
      const kws = r.keywords.slice(0, this.maxKeywords);
      if (kws.length) body.append(el("h3", { part: "heading", id: "h-kw" }, t.keyphrases),
        el("ul", { "aria-labelledby": "h-kw" }, kws.map((k) => chip(k.text, k.mentions.length, k.mentions, "keyphrase", `k:${k.text}`, "keyphrase"))));
    }
    for (const kind of ENTITY_KINDS) {
      if (!kinds.has(kind)) continue;
      const list = r.entities.filter((e) => e.kind === kind);
      if (!list.length) continue;
      body.append(el("h3", { part: "heading", id: `h-${kind}` }, t[kind]),
        el("ul", { "aria-labelledby": `h-${kind}` }, list.map((e) => chip(e.text, e.mentions.length, e.mentions, kind, `e:${kind}:${e.text}`, `entity ${kind}`))));
    }
    if (!body.childElementCount) body.append(el("p", { class: "status" }, t.none));
    if (globalThis.CSS?.highlights) {
      body.append(el("p", { class: "legend", part: "legend", "aria-label": t.legend },
        [...kinds].filter((k) => r.highlights.some((h) => h.kind === k)).map((k) => el("span", { "data-kind": k }, t[k]))));
    }

    const toggle = el("button", { type: "button", class: "toggle", part: "toggle", "aria-expanded": String(!this.#collapsed), "aria-controls": "body" }, this.#collapsed ? t.show : t.hide);
    const panel = el("section", { class: `panel${this.#collapsed ? " collapsed" : ""}`, part: "panel", role: "region", "aria-label": t.region, lang: t === UI.fr ? "fr" : "en" },
      el("div", { class: "head", part: "header" }, el("h2", { class: "title", part: "title" }, "Loupe"), toggle), body);
    toggle.addEventListener("click", () => {
      this.#collapsed = !this.#collapsed;
      panel.classList.toggle("collapsed", this.#collapsed);
      toggle.setAttribute("aria-expanded", String(!this.#collapsed));
      toggle.textContent = this.#collapsed ? t.show : t.hide;
    });
    this.#shadow.replaceChildren(panel);
  }
}
