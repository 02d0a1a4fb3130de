// The Loupe workbench: files, pasted text or samples in; per-article and
// whole-set views out. Analysis runs in a worker (client.js); this thread only
// reads files and builds DOM. Every string from an analysed text is data: it
// reaches the page through textContent / text nodes, never innerHTML.
import { LoupeClient } from "./client.js";
import { buildCsv, buildJsonLd, buildJson, spanRows, highlightRows } from "./export.js";
import { t, translatePage, blockLabel } from "./i18n.js";

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MAX_FILES = 500;
const ACCEPTED = /\.(txt|text|md|markdown|html?|xhtml)$/i;
const SEED_FILES = ["000_f4f32ae1ca8a69d0.txt", "001_ffb8b093a4ec8e90.txt", "002_957b921f09bb17c1.txt", "003_9b0716382a39d7aa.txt", "004_116f1c2f58902dd8.txt"];
export const KINDS = ["person", "place", "organisation", "other", "keyphrase", "quote"].map((k) => [k, t(k)]);

// The full module: the widget's (pkg/loupe_bg.wasm, the glue's default) lacks story grouping and analyzeBytes.
const FULL_WASM = new URL("../pkg/loupe_full_bg.wasm", import.meta.url).href;
// Compiled once here and handed to every worker (a failed compile, e.g. a CSP without
// 'wasm-unsafe-eval' on this page, leaves each worker to fetch and compile it).
const compiled = () => WebAssembly.compileStreaming(fetch(FULL_WASM)).then((wasm) => ({ wasm }), () => ({ wasm: FULL_WASM }));
const clientOptions = globalThis.LOUPE_CLIENT_OPTIONS ?? { init: compiled() };
// A drop of many files is shared between workers, one per core up to four (each has its own wasm
// memory: ~3 MB idle). The first also serves single analyses and the whole-set view.
const POOL_SIZE = globalThis.LOUPE_POOL_SIZE ?? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
const pool = Array.from({ length: POOL_SIZE }, () => new LoupeClient(clientOptions));
const client = pool[0];
const state = { docs: [], selected: null, stories: null, hiddenKinds: new Set(), hideBoilerplate: false, job: null };
let nextDocId = 1;
const $ = (id) => document.getElementById(id);

/** Creates an element: attributes (event handlers as on*), then children (strings become text nodes). */
function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "class") e.className = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c != null && c !== false) e.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  return e;
}

function message(text, kind = "error") {
  const li = h("li", { class: kind }, text, " ", h("button", { type: "button", class: "link", "aria-label": t("dismiss"), onclick: () => li.remove() }, "×"));
  $("messages").append(li);
}

const fmtBytes = (n) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

// ---------- jobs ----------

/** items: [{name, load: () => Promise<{text}|{bytes}>, size}], taken in order by the pool's workers. */
async function runJob(items) {
  if (state.job) cancelJob();
  const job = (state.job = { total: items.length, done: 0, cancelled: false });
  const docs = items.map((it) => addDoc(it.name));
  showJob(job);
  // The drop's first file is shown once it and the files before it have settled, not whichever
  // worker finished first; a file the reader picks meanwhile stays shown.
  const autoShow = state.selected == null || items.length === 1;
  let shown = state.selected;
  const showFirst = (settled = false) => {
    if (!autoShow || state.selected !== shown) return;
    // (After a cancel the files still pending are gone: the first one done is shown.)
    const first = docs.find((d) => (settled ? d.status === "done" : d.status !== "error"));
    if (first?.status === "done" && first.id !== shown) select((shown = first.id));
  };
  let next = 0;
  const lane = async (worker) => {
    while (!job.cancelled && next < items.length) {
      const i = next++;
      const doc = docs[i];
      try {
        const input = await items[i].load();
        doc.result = input.text != null ? await worker.analyze(input.text) : await worker.analyzeBytes(input.bytes, items[i].name);
        doc.status = "done";
      } catch (e) {
        if (job.cancelled || e.code === "cancelled") return;
        doc.status = "error";
        doc.error = e;
        message(`${items[i].name}: ${e.message} (${e.code ?? "error"})`);
      }
      job.done++;
      showJob(job);
      renderDocItem(doc);
      showFirst();
    }
  };
  // A single file needs one worker: the others are not started for it.
  await Promise.all(pool.slice(0, Math.min(pool.length, items.length)).map(lane));
  if (job.cancelled) {
    for (const d of docs) if (d.status === "pending") removeDoc(d);
    showFirst(true);
    message(t("cancelled", job.done, job.total), "info");
  }
  if (state.job === job) state.job = null;
  showJob(null);
  await updateStories();
  afterChange();
}

function cancelJob() {
  if (!state.job) return;
  state.job.cancelled = true;
  for (const worker of pool) worker.cancel();
}

function showJob(job) {
  $("job").hidden = !job;
  if (!job) return;
  $("progress").max = job.total;
  $("progress").value = job.done;
  $("progress-text").textContent = t("done", job.done, job.total);
  document.body.classList.toggle("busy", job.done < job.total);
}

function addDoc(name) {
  const doc = { id: nextDocId++, name, status: "pending", result: null, error: null };
  state.docs.push(doc);
  const li = h("li", { id: `doc-item-${doc.id}` });
  $("doc-list").append(li);
  renderDocItem(doc);
  return doc;
}

function removeDoc(doc) {
  state.docs = state.docs.filter((d) => d !== doc);
  $(`doc-item-${doc.id}`)?.remove();
}

function renderDocItem(doc) {
  const li = $(`doc-item-${doc.id}`);
  if (!li) return;
  const r = doc.result;
  const label = r?.title || doc.name;
  li.replaceChildren(
    h("button", { type: "button", class: `doc-button status-${doc.status}`, "aria-current": state.selected === doc.id ? "true" : null,
      disabled: doc.status !== "done", onclick: () => select(doc.id) },
      h("span", { class: "doc-title" }, label),
      h("span", { class: "doc-meta" }, doc.status === "done" ? `${doc.name} · ${r.language} · ${r.encoding}` : doc.status === "error" ? `${doc.name} · ${doc.error.code}` : `${doc.name} · ${t("waiting")}`)),
  );
}

function afterChange() {
  const done = state.docs.filter((d) => d.status === "done");
  for (const id of ["export-json", "export-csv", "export-jsonld"]) $(id).disabled = done.length === 0;
  $("show-set").hidden = done.length < 2;
  $("show-set").setAttribute("aria-current", state.selected === "set" ? "true" : "false");
}

async function updateStories() {
  const done = state.docs.filter((d) => d.status === "done");
  state.stories = null;
  if (done.length < 2) return;
  try {
    state.stories = await client.stories(done.map((d) => d.result));
  } catch {
    state.stories = null;
  }
  if (state.selected === "set") renderSet();
}

function select(id) {
  state.selected = id;
  for (const d of state.docs) renderDocItem(d);
  afterChange();
  if (id === "set") renderSet();
  else renderDoc(state.docs.find((d) => d.id === id));
}

// ---------- inputs ----------

function fileItems(files) {
  const items = [];
  for (const f of [...files].slice(0, MAX_FILES)) {
    if (!ACCEPTED.test(f.name) && !/^text\//.test(f.type)) message(t("notText", f.name));
    else if (f.size > MAX_FILE_BYTES) message(t("tooLarge", f.name, fmtBytes(f.size), fmtBytes(MAX_FILE_BYTES)));
    else items.push({ name: f.name, size: f.size, load: async () => ({ bytes: await f.arrayBuffer() }) });
  }
  if (files.length > MAX_FILES) message(t("onlyFirst", MAX_FILES, files.length));
  return items;
}

async function seedText(name) {
  const inlined = globalThis.LOUPE_SEEDS?.[name];
  if (inlined != null) return inlined;
  const res = await fetch(new URL(`../seeds/${name}`, import.meta.url));
  if (!res.ok) throw Object.assign(new Error(`could not load ${name}`), { code: "seed_missing" });
  return res.text();
}

async function setupSeeds() {
  const box = $("seed-buttons");
  SEED_FILES.forEach((name, i) => {
    const b = h("button", { type: "button", class: "seed", "data-seed": name, onclick: () => runJob([{ name, load: async () => ({ text: await seedText(name) }) }]) }, t("sample", i + 1));
    box.append(b, " ");
    seedText(name).then((text) => b.setAttribute("title", text.trim().split("\n")[0]), () => {});
  });
  $("seed-all").addEventListener("click", () => runJob(SEED_FILES.map((name) => ({ name, load: async () => ({ text: await seedText(name) }) }))));
}

function setupInputs() {
  translatePage();
  $("hint").textContent = t("hint", fmtBytes(MAX_FILE_BYTES));
  $("files").addEventListener("change", (e) => {
    const items = fileItems(e.target.files);
    e.target.value = "";
    if (items.length) runJob(items);
  });
  $("paste-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("paste").value;
    if (!text.trim()) return message(t("pasteFirst"));
    const size = new Blob([text]).size;
    if (size > MAX_FILE_BYTES) return message(t("pasteTooLarge", fmtBytes(size), fmtBytes(MAX_FILE_BYTES)));
    runJob([{ name: t("pasted"), load: async () => ({ text }) }]);
  });
  $("cancel").addEventListener("click", cancelJob);
  $("show-set").addEventListener("click", () => select("set"));
  let depth = 0;
  document.addEventListener("dragenter", (e) => { if (e.dataTransfer?.types?.includes("Files")) { depth++; $("drop-overlay").hidden = false; } });
  document.addEventListener("dragleave", () => { if (--depth <= 0) { depth = 0; $("drop-overlay").hidden = true; } });
  document.addEventListener("dragover", (e) => e.preventDefault());
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    depth = 0;
    $("drop-overlay").hidden = true;
    const items = fileItems(e.dataTransfer?.files ?? []);
    if (items.length) runJob(items);
  });
  const download = (name, type, body) => {
    const url = URL.createObjectURL(new Blob([body], { type }));
    const a = h("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
  };
  const doneDocs = () => state.docs.filter((d) => d.status === "done").map((d) => ({ source: d.name, analysis: d.result }));
  $("export-json").addEventListener("click", () => download("loupe.json", "application/json", buildJson(doneDocs(), state.stories)));
  $("export-csv").addEventListener("click", () => download("loupe.csv", "text/csv", buildCsv(doneDocs())));
  $("export-jsonld").addEventListener("click", () => download("loupe.jsonld", "application/ld+json", buildJsonLd(doneDocs())));
}

// ---------- one article ----------

/** Text nodes of the rendered article with their UTF-16 start offsets, for offset → Range. */
let textIndex = [];

function rangeFor(start, end) {
  const find = (off, isEnd) => {
    for (const { node, start: s } of textIndex) {
      const len = node.data.length;
      if (off >= s && (isEnd ? off <= s + len : off < s + len)) return [node, off - s];
    }
    return null;
  };
  const a = find(start, false), b = find(end, true);
  if (!a || !b) return null;
  const r = document.createRange();
  r.setStart(...a);
  r.setEnd(...b);
  return r;
}

function focusRanges(name, ranges) {
  ranges = ranges.filter(Boolean);
  if (globalThis.CSS?.highlights && globalThis.Highlight) {
    if (ranges.length) CSS.highlights.set(name, new Highlight(...ranges));
    else CSS.highlights.delete(name);
  }
  const first = ranges[0];
  if (first) (first.startContainer.parentElement ?? first.startContainer).scrollIntoView({ block: "center", behavior: "instant" });
}

function renderDoc(doc) {
  if (!doc?.result) return;
  const r = doc.result;
  const txt = r.text;
  textIndex = [];
  CSS.highlights?.delete("loupe-focus");
  CSS.highlights?.delete("loupe-evidence");

  const textBox = h("div", { class: "text", id: "doc-text", lang: r.language === "unknown" ? null : r.language });
  applyTextClasses(textBox);
  const hl = highlightRows(r.highlights).sort((a, b) => a.start - b.start);
  const blocks = [...r.blocks].sort((a, b) => a.start - b.start);
  // Segments: the blocks, plus any non-blank text between them.
  const segments = [];
  let pos = 0;
  for (const b of blocks) {
    if (b.start > pos && txt.slice(pos, b.start).trim()) segments.push({ kind: "other", start: pos, end: b.start });
    if (b.end > b.start) segments.push(b);
    pos = Math.max(pos, b.end);
  }
  if (pos < txt.length && txt.slice(pos).trim()) segments.push({ kind: "other", start: pos, end: txt.length });

  let hi = 0;
  segments.forEach((seg, n) => {
    const tag = seg.kind === "title" ? "h3" : seg.kind === "quote" ? "blockquote" : "p";
    const p = h(tag, { class: `block block-${seg.kind}`, id: `block-${n}`, "data-kind": seg.kind, "data-label": blockLabel(seg.kind) });
    let at = seg.start;
    const text = (s, e) => {
      if (e <= s) return;
      const node = document.createTextNode(txt.slice(s, e));
      textIndex.push({ node, start: s });
      return node;
    };
    while (hi < hl.length && hl[hi].end <= seg.start) hi++;
    for (let j = hi; j < hl.length && hl[j].start < seg.end; j++) {
      const x = hl[j];
      const s = Math.max(x.start, seg.start, at), e = Math.min(x.end, seg.end);
      if (e <= s) continue;
      const before = text(at, s);
      if (before) p.append(before);
      const m = h("mark", { class: `hl k-${x.kind}`, "data-kind": x.kind, "data-index": x.index, title: hlTitle(r, x) });
      m.append(text(s, e));
      p.append(m);
      at = e;
    }
    const rest = text(at, seg.end);
    if (rest) p.append(rest);
    textBox.append(p);
  });

  const counts = {};
  for (const x of hl) counts[x.kind] = (counts[x.kind] ?? 0) + 1;
  const legend = h("div", { class: "legend", role: "group", "aria-label": t("kinds") },
    KINDS.filter(([k]) => counts[k]).map(([k, label]) =>
      h("button", { type: "button", class: `legend-item k-${k}`, "data-kind": k, "aria-pressed": String(!state.hiddenKinds.has(k)),
        onclick: (e) => {
          state.hiddenKinds.has(k) ? state.hiddenKinds.delete(k) : state.hiddenKinds.add(k);
          e.currentTarget.setAttribute("aria-pressed", String(!state.hiddenKinds.has(k)));
          applyTextClasses(textBox);
        } }, h("span", { class: "swatch", "aria-hidden": "true" }), `${label} (${counts[k]})`)),
    blocks.some((b) => b.kind === "boilerplate") &&
      h("button", { type: "button", class: "legend-item boiler-toggle", "aria-pressed": String(state.hideBoilerplate),
        onclick: (e) => {
          state.hideBoilerplate = !state.hideBoilerplate;
          e.currentTarget.setAttribute("aria-pressed", String(state.hideBoilerplate));
          applyTextClasses(textBox);
        } }, t("hideBoilerplate")));

  const meta = [r.date && `${t("date")}: ${r.date}`, r.byline && `${t("by")} ${r.byline}`, r.dateline && `${t("dateline")}: ${r.dateline}`,
    `${t("language")}: ${r.language}`, `${r.format}, ${r.encoding}`, doc.name].filter(Boolean);

  const topics = h("div", { class: "topics", role: "group", "aria-label": t("topics") },
    r.topics.length ? r.topics.map((tp) => h("button", { type: "button", class: "chip topic", "aria-pressed": "false", "data-topic": tp.id, title: `${tp.id} · score ${tp.score.toFixed(2)}`,
      onclick: (e) => {
        const on = e.currentTarget.getAttribute("aria-pressed") !== "true";
        for (const c of e.currentTarget.parentElement.querySelectorAll("button")) c.setAttribute("aria-pressed", "false");
        e.currentTarget.setAttribute("aria-pressed", String(on));
        const evidence = spanRows(tp.evidence);
        focusRanges("loupe-evidence", on ? evidence.map((ev) => rangeFor(ev.start, ev.end)) : []);
        $("evidence").textContent = on ? t("evidence", tp.label, [...new Set(evidence.map((ev) => txt.slice(ev.start, ev.end)))].join(", ")) : "";
      } }, tp.label, h("span", { class: "score" }, ` ${Math.round(tp.score * 100)}%`)))
      : h("span", { class: "muted" }, t("noTopic")));

  const view = $("view");
  view.replaceChildren(h("article", { class: "doc", "aria-labelledby": "doc-title" },
    h("header", { class: "doc-head" },
      r.kicker && h("p", { class: "kicker" }, r.kicker),
      h("h2", { id: "doc-title" }, r.title || doc.name),
      h("p", { class: "meta" }, meta.join(" · ")),
      topics,
      h("p", { id: "evidence", class: "evidence", "aria-live": "polite" })),
    h("div", { class: "cols" },
      h("div", { class: "text-col" }, legend, textBox),
      h("aside", { class: "side", "aria-label": t("analysis") },
        keyphrasePanel(r), entityPanel(r), outlinePanel(r, segments)))));
}

function hlTitle(r, x) {
  if (x.kind === "keyphrase") return `keyphrase: ${r.keywords[x.index]?.text ?? ""}`;
  if (x.kind === "quote") return `quote${r.quotes[x.index]?.speaker ? ` — ${r.quotes[x.index].speaker}` : ""}`;
  return `${x.kind}: ${r.entities[x.index]?.text ?? ""}`;
}

function applyTextClasses(box) {
  for (const [k] of KINDS) box.classList.toggle(`hide-${k}`, state.hiddenKinds.has(k));
  box.classList.toggle("hide-boilerplate", state.hideBoilerplate);
}

/** A button that steps through an item's mentions on each press. */
function mentionButton(label, count, mentions, cls) {
  let i = -1;
  const pos = h("span", { class: "pos" });
  const b = h("button", { type: "button", class: `mention ${cls}`, "aria-label": t("mentions", label, count),
    onclick: () => {
      if (!mentions.length) return;
      i = (i + 1) % mentions.length;
      pos.textContent = ` ${i + 1}/${mentions.length}`;
      focusRanges("loupe-focus", [rangeFor(mentions[i].start, mentions[i].end)]);
    } }, h("span", { class: "mention-text" }, label), h("span", { class: "count" }, String(count)), pos);
  return b;
}

function keyphrasePanel(r) {
  return h("section", { class: "panel keyphrases", "aria-labelledby": "kp-h" }, h("h3", { id: "kp-h" }, t("keyphrases")),
    r.keywords.length ? h("ol", {}, r.keywords.map((k) => h("li", {}, mentionButton(k.text, k.mentions.start.length, spanRows(k.mentions), "k-keyphrase")))) : h("p", { class: "muted" }, t("none")));
}

/** Where an entity is in the text: its mentions, or for a place known only by a nationality word ("européen"), those. */
const entitySpans = (e) => spanRows(e.mentions.start.length || !e.demonyms ? e.mentions : e.demonyms);

function entityPanel(r) {
  const sec = h("section", { class: "panel entities", "aria-labelledby": "ent-h" }, h("h3", { id: "ent-h" }, t("entities")));
  for (const [kind, label] of KINDS.slice(0, 4)) {
    const list = r.entities.filter((e) => e.kind === kind);
    if (!list.length) continue;
    sec.append(h("h4", {}, label), h("ul", { class: "entity-list", "data-kind": kind }, list.map((e) => h("li", {},
      mentionButton(e.text, entitySpans(e).length, entitySpans(e), `k-${kind}`),
      e.wikidata && h("span", { class: "qid", title: "Wikidata identifier" }, e.wikidata)))));
  }
  if (!r.entities.length) sec.append(h("p", { class: "muted" }, t("none")));
  return sec;
}

function outlinePanel(r, segments) {
  const excerpt = (s) => { const x = r.text.slice(s.start, s.end).replace(/\s+/g, " ").trim(); return x.length > 70 ? `${x.slice(0, 68)}…` : x; };
  const sec = h("section", { class: "panel outline", "aria-labelledby": "ol-h" }, h("h3", { id: "ol-h" }, t("outline")));
  sec.append(h("ol", { class: "outline-list" }, segments.map((s, n) => h("li", { class: `ol-${s.kind}` },
    h("button", { type: "button", class: "link", onclick: () => { const b = $(`block-${n}`); b?.scrollIntoView({ block: "center" }); focusRanges("loupe-focus", [rangeFor(s.start, s.end)]); } },
      h("span", { class: "badge" }, blockLabel(s.kind)), " ", excerpt(s))))));
  if (r.quotes.length) {
    sec.append(h("h4", {}, t("quotes")), h("ul", { class: "quote-list" }, r.quotes.map((q) => h("li", {},
      h("button", { type: "button", class: "link", onclick: () => focusRanges("loupe-focus", [rangeFor(q.start, q.end)]) },
        h("strong", {}, q.speaker ?? t("unattributed")), " — ", excerpt(q))))));
  }
  return sec;
}

// ---------- the whole set ----------

// One key per variant across articles, as the core groups them inside one: case, accents and
// apostrophes folded ("Taiwan" = "Taïwan", "l’OTAN" = "l'Otan"); an entity's Wikidata id wins.
const foldKey = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[’‘ʼ]/g, "'").toLowerCase();
const entityKey = (e) => e.wikidata ?? `${e.kind}\u0000${foldKey(e.text)}`;

function renderSet() {
  const docs = state.docs.filter((d) => d.status === "done");
  const n = docs.length;
  const topics = new Map(), entities = new Map(), keyphrases = new Map();
  const bump = (map, key, init, di, mentions) => {
    const v = map.get(key) ?? { ...init, docs: new Set(), mentions: 0 };
    v.docs.add(di);
    v.mentions += mentions;
    if (init.text !== undefined) { // variants written across the set, by mentions
      v.forms ??= new Map();
      v.forms.set(init.text, (v.forms.get(init.text) ?? 0) + mentions);
    }
    map.set(key, v);
  };
  docs.forEach((d, di) => {
    for (const tp of d.result.topics) {
      bump(topics, tp.id, { label: tp.label, score: 0 }, di, 1);
      topics.get(tp.id).score += tp.score;
    }
    for (const e of d.result.entities) bump(entities, entityKey(e), { text: e.text, kind: e.kind }, di, entitySpans(e).length);
    for (const k of d.result.keywords) bump(keyphrases, foldKey(k.text), { text: k.text }, di, k.mentions.start.length);
  });
  // The variant most mentioned across the set names the group (the first seen on a tie).
  for (const v of [...entities.values(), ...keyphrases.values()]) v.text = [...v.forms].reduce((best, f) => (f[1] > best[1] ? f : best))[0];
  const byDocs = (a, b) => b.docs.size - a.docs.size || b.mentions - a.mentions || (a.text ?? a.label).localeCompare(b.text ?? b.label);

  const topicRows = [...topics.entries()].map(([id, v]) => ({ id, ...v })).sort((a, b) => b.docs.size - a.docs.size || b.score - a.score || a.id.localeCompare(b.id));
  const chart = h("div", { class: "chart", role: "list", "aria-label": t("topicMixLabel") },
    topicRows.map((row) => {
      const bar = h("span", { class: "bar" });
      bar.style.width = `${(100 * row.docs.size) / n}%`; // CSSOM, allowed under a strict style-src
      return h("div", { class: "chart-row", role: "listitem" }, h("span", { class: "chart-label", title: row.id }, row.label),
        h("span", { class: "bar-track" }, bar), h("span", { class: "chart-value" }, `${row.docs.size}/${n}`));
    }));

  const table = (rows, cols) => h("table", {}, h("thead", {}, h("tr", {}, cols.map((c) => h("th", { scope: "col" }, c[0])))),
    h("tbody", {}, rows.map((r) => h("tr", {}, cols.map((c) => h("td", {}, c[1](r)))))));
  const entRows = [...entities.values()].sort(byDocs).slice(0, 40);
  const kpRows = [...keyphrases.values()].sort(byDocs).slice(0, 40);

  const storiesSec = h("section", { class: "panel stories", "aria-labelledby": "st-h" }, h("h3", { id: "st-h" }, t("stories")));
  if (Array.isArray(state.stories) && state.stories.length) {
    storiesSec.append(h("ol", {}, state.stories.map((s, i) => {
      const members = s.articles ?? s.members ?? s.docs ?? [];
      const about = [...(s.entities ?? []), ...(s.keyphrases ?? [])].slice(0, 5).join(", ");
      return h("li", {}, h("strong", {}, about || s.label || t("story", i + 1)), " — ",
        members.map((m) => docs[typeof m === "number" ? m : m.index]?.result.title ?? docs[m]?.name ?? String(m)).join(" · "));
    })));
  } else storiesSec.append(h("p", { class: "muted" }, t("noStories")));

  // A name that is also a key phrase ("Bruxelles"), or a phrase inside a longer one ("ministres"), is listed once.
  const distinct = (items) => items.filter((x, i) => {
    const lx = x.toLowerCase();
    return items.every((y, j) => {
      const ly = y.toLowerCase();
      return j === i || (ly === lx ? j > i : !new RegExp(`(^|[\\s'’-])${lx.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[\\s'’-])`).test(ly));
    });
  });
  const adds = h("ul", { class: "adds" }, docs.map((d, di) => {
    const own = distinct([...d.result.entities.filter((e) => entities.get(entityKey(e)).docs.size === 1).map((e) => e.text),
      ...d.result.keywords.filter((k) => keyphrases.get(foldKey(k.text)).docs.size === 1).slice(0, 3).map((k) => k.text)]).slice(0, 8);
    return h("li", {}, h("button", { type: "button", class: "link", onclick: () => select(d.id) }, d.result.title || d.name), ": ",
      own.length ? own.join(", ") : h("span", { class: "muted" }, t("nothingNew")));
  }));

  $("view").replaceChildren(h("article", { class: "set", "aria-labelledby": "set-title" },
    h("h2", { id: "set-title" }, t("setTitle", n)),
    storiesSec,
    h("section", { class: "panel" }, h("h3", {}, t("topicMix")), topicRows.length ? chart : h("p", { class: "muted" }, t("noTopics"))),
    h("div", { class: "cols2" },
      h("section", { class: "panel" }, h("h3", {}, t("entitiesAcross")),
        table(entRows, [[t("colEntity"), (r) => r.text], [t("colKind"), (r) => t(r.kind)], [t("colArticles"), (r) => String(r.docs.size)], [t("colMentions"), (r) => String(r.mentions)]])),
      h("section", { class: "panel" }, h("h3", {}, t("keyphrasesAcross")),
        table(kpRows, [[t("colKeyphrase"), (r) => r.text], [t("colArticles"), (r) => String(r.docs.size)], [t("colMentions"), (r) => String(r.mentions)]]))),
    h("section", { class: "panel" }, h("h3", {}, t("adds")), adds)));
}

// ---------- start ----------
setupInputs();
setupSeeds();
// Every worker is ready before the page says so: a drop then fetches nothing.
Promise.all(pool.map((c) => c.ready())).then(() => document.documentElement.setAttribute("data-loupe-ready", ""), (e) => message(`${t("cannotStart")}: ${e.message} (${e.code})`));
if ("serviceWorker" in navigator && location.protocol.startsWith("http") && !globalThis.LOUPE_NO_SW) {
  navigator.serviceWorker.register("sw.js").catch(() => {});
}
