// The workbench (issue 7.2): several files dropped at once (one in Windows-1252,
// one hostile HTML page), the whole-set view, exports, size limit, cancel.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test, launch, startServer, probedPage, assertOwnRequests, assertOnlyAssets, mainThreadTasks, shot, faultyGlue, PANIC_MARKER, SEEDS, ROOT } from "./helpers.mjs";

let browser, server;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// Windows-1252: é à « » are Latin-1 bytes, ’ is 0x92 and € is 0x80 (not Latin-1).
const cp1252 = Buffer.concat([
  Buffer.from("Le Japon et l", "latin1"), Buffer.from([0x92]),
  Buffer.from("OTAN renforcent leur coopération\n\nLe secrétaire général de l", "latin1"), Buffer.from([0x92]),
  Buffer.from("OTAN, Jens Stoltenberg, a rencontré à Tokyo le Premier ministre Fumio Kishida. « Nous sommes prêts », a-t-il déclaré. Le budget atteint 5 milliards ", "latin1"),
  Buffer.from([0x80]), Buffer.from(".\n", "latin1"),
]);
const HOSTILE = `<!doctype html><html><head><title>Piège</title><script>window.__pwned = 1; alert(1)</script>
<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=7"></head>
<body onload="window.__pwned = 8"><img src="x-image" onerror="window.__pwned = 2">
<article><h1>Le Japon se rapproche de l'OTAN</h1>
<p>Jens Stoltenberg <b onmouseover="window.__pwned = 3">a parlé</b> à Tokyo avec Fumio Kishida.<script>window.__pwned = 4</script></p>
<iframe src="javascript:parent.__pwned = 5"></iframe><svg><script>window.__pwned = 6</script></svg>
<p>Le code &lt;img src=x-escaped onerror=alert(9)&gt; reste du texte.</p></article></body></html>`;
const MARKDOWN = "# Bruxelles accueille les ministres de l'OTAN\n\nLes ministres de la Défense se réunissent à **Bruxelles** avec le Japon.\n\n- l'Australie\n- la Nouvelle-Zélande\n";

const files = [
  { name: "windows-1252.txt", mimeType: "text/plain", buffer: cp1252 },
  { name: "hostile.html", mimeType: "text/html", buffer: Buffer.from(HOSTILE) },
  { name: "brussels.md", mimeType: "text/markdown", buffer: Buffer.from(MARKDOWN) },
  { name: SEEDS[0], mimeType: "text/plain", buffer: readFileSync(`${ROOT}seeds/${SEEDS[0]}`) },
  { name: SEEDS[2], mimeType: "text/plain", buffer: readFileSync(`${ROOT}seeds/${SEEDS[2]}`) },
];

/** Drops files on the page the way a drag from the desktop does. */
async function drop(page, list) {
  const payload = list.map((f) => ({ name: f.name, type: f.mimeType, bytes: [...f.buffer] }));
  const dt = await page.evaluateHandle((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    return dt;
  }, payload);
  await page.dispatchEvent("body", "dragenter", { dataTransfer: dt });
  await page.dispatchEvent("body", "drop", { dataTransfer: dt });
}

test("a drop of several files: encodings, formats, a hostile page that never runs", async (t) => {
  const { context, page, errors, requests, close } = await probedPage(browser, { viewport: { width: 1280, height: 1000 }, serviceWorkers: "block", acceptDownloads: true });
  t.after(close);
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(`${server.url}/www/`);
  await page.waitForSelector("html[data-loupe-ready]");
  const logStart = server.log.length;
  await drop(page, files);
  await page.waitForFunction((n) => document.querySelectorAll(".doc-button.status-done").length === n, files.length);
  assert.equal(await page.$eval("#progress", (p) => p.value), files.length);
  // The drop's first file is the one shown, whichever worker finished first.
  assert.equal(await page.$eval('.doc-button[aria-current="true"]', (b) => b.closest("li").id), "doc-item-1");

  // Windows-1252 decoded: curly apostrophe and accents intact.
  await page.click("#doc-item-1 button");
  await page.waitForSelector("#doc-text");
  const t1 = await page.textContent("#doc-text");
  assert.match(t1, /l’OTAN, Jens Stoltenberg, a rencontré à Tokyo/);
  assert.match(t1, /5 milliards €/);
  assert.match(await page.textContent("#doc-item-1 .doc-meta"), /windows-1252/i);
  const marks1 = await page.$$eval("#doc-text mark.hl", (ms) => ms.map((m) => m.textContent));
  assert.ok(marks1.includes("OTAN") && marks1.includes("Jens Stoltenberg"), JSON.stringify(marks1));

  // Hostile HTML: its text is shown, none of its markup is live.
  await page.click("#doc-item-2 button");
  await page.waitForSelector("#doc-text");
  const t2 = await page.textContent("#doc-text");
  assert.match(t2, /Jens Stoltenberg a parlé à Tokyo/);
  assert.equal(await page.$$eval("#view script, #view img, #view iframe, #view svg, #view b, [onerror], [onmouseover]", (x) => x.length), 0);
  assert.match(t2, /<img src=x-escaped onerror=alert\(9\)>/, "escaped markup in the file is shown as text");
  await page.hover("#doc-text");
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "no script of the hostile file ran");
  assert.deepEqual(dialogs, []);

  // Markdown.
  await page.click("#doc-item-3 button");
  await page.waitForSelector("#doc-text");
  assert.equal(await page.textContent("#doc-title"), "Bruxelles accueille les ministres de l'OTAN");
  assert.ok(!(await page.textContent("#doc-text")).includes("**"), "markdown syntax is not shown as text");

  // Seed 0: outline with boilerplate dimmed and collapsible, quotes with speakers, topic evidence.
  await page.click("#doc-item-4 button");
  await page.waitForSelector("#doc-text");
  assert.ok((await page.$$(".block-boilerplate")).length >= 1, "boilerplate blocks are marked");
  assert.ok((await page.textContent(".quote-list")).includes("Stoltenberg"), "a quote attributed to Stoltenberg");
  await page.click(".boiler-toggle");
  assert.equal(await page.$eval(".block-boilerplate", (b) => getComputedStyle(b).display), "none");
  await page.click(".boiler-toggle");
  await page.click(".chip.topic");
  const evidence = await page.evaluate(() => [...(CSS.highlights.get("loupe-evidence") ?? [])].map((r) => r.toString()));
  assert.ok(evidence.length > 0 && evidence.every((w) => w.trim() === w && w.length > 2), JSON.stringify(evidence));
  await shot(page, "workbench-article");

  // The whole set.
  await page.click("#show-set");
  await page.waitForSelector(".set");
  assert.ok((await page.$$(".chart-row")).length >= 1, "a topic mix chart");
  const entityRows = await page.$$eval(".set .cols2 > section:nth-child(1) tbody tr", (rs) => rs.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.ok(entityRows.some(([name, kind, n]) => name === "OTAN" && kind === "Organisations" && Number(n) >= 4), JSON.stringify(entityRows.slice(0, 5)));
  // Seed 0 writes "Taïwan", seed 2 "Taiwan": one place (Q865) across the set, in two articles.
  const taiwan = entityRows.filter(([name]) => /^ta[iï]wan$/i.test(name));
  assert.deepEqual(taiwan.map(([, kind, n]) => [kind, n]), [["Places", "2"]], JSON.stringify(taiwan));
  const kpNames = await page.$$eval(".set .cols2 > section:nth-child(2) tbody tr td:first-child", (cs) => cs.map((c) => c.textContent));
  const folded = kpNames.map((x) => x.normalize("NFD").replace(/\p{M}/gu, "").replace(/’/g, "'").toLowerCase());
  assert.equal(new Set(folded).size, folded.length, `each key phrase once across the set: ${kpNames}`);
  const entFolded = entityRows.map(([name, kind]) => `${kind}:${name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()}`);
  assert.equal(new Set(entFolded).size, entFolded.length, `each entity once across the set: ${entFolded}`);
  const addLines = await page.$$eval(".adds li", (ls) => ls.map((l) => l.textContent.split(": ").slice(1).join(": ").split(", ")));
  for (const items of addLines) assert.equal(new Set(items.map((x) => x.toLowerCase())).size, items.length, `what an article adds, each once: ${items}`);
  await shot(page, "workbench-set", { fullPage: true });

  // Exports.
  const read = async (id) => {
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click(id)]);
    return readFileSync(await dl.path(), "utf8");
  };
  const json = JSON.parse(await read("#export-json"));
  assert.equal(json.articles.length, files.length);
  assert.equal(json.articles[0].source, "windows-1252.txt");
  // Spans as the CLI writes them (the analysis hands them over as typed-array columns).
  const a0 = json.articles.find((a) => a.topics.length && a.keywords.length && a.highlights.length);
  const h0 = a0.highlights[0], k0 = a0.keywords[0].mentions[0], e0 = a0.topics[0].evidence[0];
  assert.ok(typeof h0.start === "number" && h0.end > h0.start && typeof h0.kind === "string" && typeof h0.index === "number", JSON.stringify(h0));
  assert.equal(a0.text.slice(e0.start, e0.end), e0.text);
  assert.ok(a0.text.slice(k0.start, k0.end).length > 0);
  const csv = (await read("#export-csv")).trim().split("\r\n");
  assert.equal(csv[0], '"source","title","type","text","kind_or_id","score","mentions"');
  assert.ok(csv.some((l) => l.includes('"entity","OTAN","organisation"')));
  const ld = JSON.parse(await read("#export-jsonld"));
  assert.equal(ld.length, files.length);
  assert.equal(ld[3]["@type"], "NewsArticle");
  assert.ok(ld[3].mentions.some((m) => m["@type"] === "Organization" && m.name === "OTAN"));
  assert.ok(ld[3].keywords.length > 0 && ld[3].about.length > 0);

  // Nothing fetched while analysing: the files never left the page (and no hostile image was requested).
  const after = server.log.slice(logStart);
  assert.deepEqual(after.filter((l) => !l.startsWith("GET /www/")), [], after.join("\n"));
  assertOwnRequests(requests, [server.url]);
  assert.deepEqual(errors, []);
});

test("size limit, unsupported files and a cancelled job", async (t) => {
  const { page, errors, requests, close } = await probedPage(browser, { serviceWorkers: "block" });
  t.after(close);
  await page.goto(`${server.url}/www/`);
  await page.waitForSelector("html[data-loupe-ready]");
  await page.setInputFiles("#files", [
    { name: "huge.txt", mimeType: "text/plain", buffer: Buffer.alloc(6 * 1024 * 1024, 0x61) },
    { name: "photo.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
  ]);
  const msgs = await page.textContent("#messages");
  assert.match(msgs, /huge\.txt is too large \(6\.0 MB\); the limit is 5\.0 MB/);
  assert.match(msgs, /photo\.png: not a \.txt, \.md or \.html file/);

  // A file the core refuses: its error code is shown, the page carries on.
  await page.setInputFiles("#files", { name: "binary.txt", mimeType: "text/plain", buffer: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)) });
  await page.waitForSelector(".doc-button.status-error");
  assert.match(await page.textContent("#messages"), /binary\.txt: .*\((binary_input|empty_input)\)/);
  const seed = readFileSync(`${ROOT}seeds/${SEEDS[1]}`);
  // Enough files that the job is still running after the trace below (with 60, up to 59 were done
  // by the time of the cancel on this 2-core machine).
  const FILES = 300;
  const many = Array.from({ length: FILES }, (_, i) => ({ name: `copy-${i}.txt`, mimeType: "text/plain", buffer: seed }));
  await page.setInputFiles("#files", many);
  await page.waitForFunction(() => document.querySelector("#progress").value >= 2);
  await shot(page, "workbench-progress");
  // From here on (after playwright has built the File objects in the page) the main thread stays free.
  // Counted in CPU time from a trace, as in the widget's test: wall-clock long tasks stretch when
  // the shared machine is loaded (one was 53 ms wall) though the page's own work is unchanged.
  // (The mark tells the trace which renderer is the page's.)
  const tasks = await mainThreadTasks(browser, page, async () => {
    await page.evaluate(() => performance.mark("loupe-trace"));
    await page.waitForFunction(() => document.querySelector("#progress").value >= 6);
  });
  console.log(`# main-thread tasks over 20 ms wall while ${FILES} files are analysed (wall/cpu ms): ${JSON.stringify(tasks.map((x) => [x.wall, x.cpu]))}`);
  for (const x of tasks) assert.ok(x.cpu <= 50, `no main-thread task over 50 ms (CPU) during the job: ${JSON.stringify(x)}`);
  // The page stays responsive while the worker runs.
  const t0 = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  assert.ok(Date.now() - t0 < 500, "a frame is painted during the job");
  await page.click("#cancel");
  await page.waitForSelector("#job", { state: "hidden" });
  const done = await page.$$eval(".doc-button.status-done", (x) => x.length);
  console.log(`# cancelled with ${done} of ${FILES} done`);
  assert.ok(done >= 2 && done < FILES, `cancelled part-way (${done} done)`);
  assert.match(await page.textContent("#messages"), new RegExp(`Cancelled: \\d+ of ${FILES} analysed`));
  // A new job after a cancel starts a fresh worker.
  await page.click(`button[data-seed="${SEEDS[3]}"]`);
  await page.waitForFunction((n) => document.querySelectorAll(".doc-button.status-done").length === n, done + 1);
  assertOwnRequests(requests, [server.url]);
  assert.deepEqual(errors, []);
});

test("a panic in the core: that file fails with code panic, the worker restarts, the other files are analysed", async (t) => {
  const faulty = await startServer({ files: { "/pkg/loupe.js": faultyGlue() } });
  t.after(() => faulty.close());
  const { context, page, errors, requests, close } = await probedPage(browser, { serviceWorkers: "block" });
  t.after(close);
  await context.addInitScript(() => {
    window.__workersStarted = 0;
    window.Worker = class extends window.Worker {
      constructor(...args) { super(...args); window.__workersStarted++; }
    };
  });
  await page.goto(`${faulty.url}/www/`);
  await page.waitForSelector("html[data-loupe-ready]");
  const pool = await page.evaluate(() => window.__workersStarted); // one per core, up to four
  assert.ok(pool >= 1 && pool <= 4, `workers at start: ${pool}`);
  const seed = readFileSync(`${ROOT}seeds/${SEEDS[1]}`);
  await drop(page, [
    { name: "before.txt", mimeType: "text/plain", buffer: seed },
    { name: `${PANIC_MARKER}.txt`, mimeType: "text/plain", buffer: seed },
    { name: "after.md", mimeType: "text/markdown", buffer: Buffer.from(MARKDOWN) },
  ]);
  await page.waitForFunction(() => document.querySelectorAll(".doc-button.status-done, .doc-button.status-error").length === 3, null, { timeout: 60000 });
  assert.equal(await page.$$eval(".doc-button.status-done", (x) => x.length), 2, "the files before and after the panic are analysed");
  assert.match(await page.textContent(".doc-button.status-error"), /panic/);
  assert.match(await page.textContent("#messages"), new RegExp(`${PANIC_MARKER}\\.txt: the analysis stopped on an internal error and was restarted .*\\(panic\\)`));
  // The worker that trapped closed itself; its replacement starts with that lane's next file, which
  // may not come in this drop (another lane can take "after.md" first). A drop of the five seeds gives
  // every lane a file (each takes one before any awaits), so by its end exactly one fresh worker ran.
  assert.ok((await page.evaluate(() => window.__workersStarted)) <= pool + 1, "no worker restarted but the one that trapped");
  await page.click("#seed-all");
  await page.waitForFunction(() => document.querySelectorAll(".doc-button.status-done").length === 7, null, { timeout: 60000 });
  assert.equal(await page.evaluate(() => window.__workersStarted), pool + 1, "the worker that trapped closed itself; a fresh one replaced it");
  await shot(page, "workbench-after-panic");
  assertOwnRequests(requests, [faulty.url]);
  assert.deepEqual(errors, []);
});

test("the workbench runs under a strict Content-Security-Policy", async (t) => {
  const csp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'";
  const strict = await startServer({ headers: () => ({ "Content-Security-Policy": csp }) });
  t.after(() => strict.close());
  const { page, errors, requests, probe, close } = await probedPage(browser, { viewport: { width: 1280, height: 900 } });
  t.after(close);
  await page.goto(`${strict.url}/www/`);
  await page.click("#seed-all");
  await page.waitForFunction(() => document.querySelectorAll(".doc-button.status-done").length === 5);
  await page.click("#show-set");
  await page.waitForSelector(".chart-row .bar");
  assert.ok(await page.$eval(".chart-row .bar", (b) => b.getBoundingClientRect().width > 10), "chart bars sized through the CSSOM");
  assert.deepEqual((await probe()).csp, [], "no CSP violation");
  assertOwnRequests(requests, [strict.url]);
  assertOnlyAssets(strict.log);
  assert.deepEqual(errors, []);
});

test("360 px screen and 200% zoom: the workbench reflows, no horizontal scroll", async (t) => {
  for (const [name, opts] of [["workbench-360px", { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
    ["workbench-zoom-200", { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 }]]) {
    const { page, errors, requests, close } = await probedPage(browser, { ...opts, serviceWorkers: "block" });
    t.after(close);
    await page.goto(`${server.url}/www/`);
    await page.waitForSelector("html[data-loupe-ready]");
    await page.click(`button[data-seed="${SEEDS[0]}"]`);
    await page.waitForSelector("#doc-text mark.hl");
    const width = opts.viewport.width;
    const wide = await page.evaluate((w) => [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > w + 1 && getComputedStyle(e).position !== "fixed")
      .map((e) => `${e.tagName}.${e.className}`).slice(0, 5), width);
    assert.ok(await page.evaluate((w) => document.scrollingElement.scrollWidth <= w, width), `${name}: no horizontal scroll (${wide})`);
    await page.locator("#doc-text").scrollIntoViewIfNeeded();
    await shot(page, name);
    assertOwnRequests(requests, [server.url]);
    assert.deepEqual(errors, []);
    await close();
  }
});

test("the real worker reports its wasm memory, and a client past its memory limit starts a fresh worker", async (t) => {
  const { page, errors, close } = await probedPage(browser, { serviceWorkers: "block" });
  t.after(close);
  await page.goto(`${server.url}/www/`);
  const seen = await page.evaluate(async () => {
    const { LoupeClient } = await import("./client.js");
    const spawned = [];
    const spawn = () => {
      const w = new Worker("./worker.js", { type: "module" });
      w.addEventListener("message", ({ data }) => spawned.at(-1).memory.push(data.memoryBytes));
      spawned.push({ memory: [] });
      return w;
    };
    // A limit of one byte: every worker is over it after its first reply.
    const client = new LoupeClient({ spawn, memoryLimit: 1 });
    const first = await client.analyze("Le secrétaire général de l'OTAN, Jens Stoltenberg, était à Tokyo.");
    const second = await client.analyze("Fumio Kishida a rencontré Mark Rutte à Bruxelles.");
    return { spawned, names: [first, second].map((r) => r.entities.map((e) => e.text)) };
  });
  assert.equal(seen.spawned.length, 2, JSON.stringify(seen));
  for (const w of seen.spawned) assert.ok(w.memory.every((m) => m > 1_000_000), `memory reported with each reply: ${w.memory}`);
  assert.ok(seen.names[0].includes("Jens Stoltenberg") && seen.names[1].includes("Fumio Kishida"), JSON.stringify(seen.names));
  assert.deepEqual(errors, []);
});
