// The embeddable widget (issue 7.1) on a mock news page: highlights in place,
// host scripts untouched, strict CSP, CSP without wasm, cross-origin assets
// (worker from blob:, or the main thread when the CSP forbids blob:), no
// Highlight API (overlay), keyboard, contrast, small screens, no long tasks,
// no layout shift, and a request log in every test.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { test, launch, startServer, probedPage, assertOwnRequests, assertOnlyAssets, mainThreadTasks, contrast, shot, faultyGlue, PANIC_MARKER, ROOT } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const DEMO = readFileSync(`${ROOT}www/widget-demo.html`, "utf8");
// A core that can warm up in bounded steps (Analyzer.warm) lets the main-thread fallback stay under 50 ms a task.
const LONG_TASK_MS = 50;

const highlights = (page) => page.evaluate(() => Object.fromEntries([...CSS.highlights.entries()].map(([n, h]) => [n, [...h].map((r) => r.toString())])));
const waitEvent = (page) => page.waitForFunction(() => window.siteState?.events.length > 0, null, { timeout: 30000 }).then(() => page.evaluate(() => window.siteState.events));
const inShadow = (page, sel) => page.locator(`loupe-article >> ${sel}`);

/** Asserts no main-thread task cost over 50 ms of CPU. */
function assertNoLongTasks(tasks, label) {
  console.log(`# ${label}: main-thread tasks over 20 ms wall (wall/cpu ms, during): ${JSON.stringify(tasks.map((x) => [x.wall, x.cpu, x.during.join(" ")]))}`);
  for (const x of tasks) {
    assert.ok(x.cpu <= LONG_TASK_MS, `${label}: a ${x.cpu} ms (CPU) main-thread task during [${x.during}], spent on ${x.spent}`);
  }
}

/** Contrast of every panel control as drawn (WCAG AA: 4.5:1 for text). */
async function assertPanelContrast(page) {
  const pairs = await page.evaluate(() => {
    const root = document.querySelector("loupe-article").shadowRoot;
    const panelBg = getComputedStyle(root.querySelector(".panel")).backgroundColor;
    return [...root.querySelectorAll("button, h3, .legend")].map((b) => {
      const s = getComputedStyle(b);
      return [b.textContent, s.color, s.backgroundColor === "rgba(0, 0, 0, 0)" ? panelBg : s.backgroundColor];
    });
  });
  assert.ok(pairs.length > 5);
  for (const [label, fg, bg] of pairs) assert.ok(contrast(fg, bg) >= 4.5, `contrast of "${label}": ${fg} on ${bg} = ${contrast(fg, bg).toFixed(2)}`);
}

/**
 * Contrast of the colours the custom properties resolve to (the defaults here): highlight and chip
 * colours under their text, panel text, and the non-text parts (control borders, focus ring: 3:1).
 */
async function assertColourContrast(page, scheme) {
  const v = await page.evaluate(() => {
    const s = getComputedStyle(document.querySelector("loupe-article"));
    return Object.fromEntries(["bg", "fg", "muted", "line", "accent", "accent-fg", "hfg", "person", "place", "organisation", "other", "keyphrase", "quote", "focus"]
      .map((k) => [k, s.getPropertyValue(`--_${k}`).trim()]));
  });
  const pairs = [["fg", "bg", 4.5], ["muted", "bg", 4.5], ["accent-fg", "accent", 4.5], ["accent", "bg", 3], ["line", "bg", 3],
    ...["person", "place", "organisation", "other", "keyphrase", "quote"].map((k) => ["hfg", k, 4.5])];
  for (const [fg, bg, min] of pairs) {
    assert.ok(v[fg] && v[bg], `${scheme}: --_${fg} and --_${bg} resolve (${JSON.stringify(v)})`);
    const c = contrast(v[fg], v[bg]);
    assert.ok(c >= min, `${scheme}: ${fg} ${v[fg]} on ${bg} ${v[bg]} = ${c.toFixed(2)} < ${min}`);
  }
  assert.ok(contrast("#000000", v.focus) >= 4.5, `${scheme}: the focused mention's text on ${v.focus}`);
  return v;
}

test("mock news page: highlights on the right words, host page untouched, no long task, no layout shift", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const { page, errors, requests, probe, close } = await probedPage(browser);
  t.after(close);
  let htmlBefore;
  const tasks = await mainThreadTasks(browser, page, async () => {
    await page.goto(`${server.url}/www/widget-demo.html`);
    htmlBefore = await page.$eval("#story", (s) => s.innerHTML);
    assert.deepEqual(await waitEvent(page), [["analyzed", await page.evaluate(() => document.querySelector("loupe-article").result.keywords.length)]]);
    await page.waitForTimeout(100); // the frame that paints the highlights
  });
  // Page load to highlights painted, the whole embed: no task over 50 ms (CPU), no layout shift.
  assertNoLongTasks(tasks, "same-origin worker");
  const p = await probe();
  console.log(`# wall-clock long tasks (PerformanceObserver, on a loaded machine): ${JSON.stringify(p.longTasks)}`);
  assert.equal(p.shifts, 0, `no layout shift (${p.shiftSources})`);
  const work = await page.evaluate(() => ["loupe-article:collect", "loupe-article:render"].map((n) => [n, Math.round(performance.getEntriesByName(n, "measure")[0].duration)]));
  console.log(`# widget main-thread work (ms wall): ${JSON.stringify(work)}`);
  assert.ok(server.log.includes("GET /www/worker.js"), "same origin: the analysis runs in the module worker");
  assert.ok(!server.log.includes("GET /www/main-thread.js"));

  const hl = await highlights(page);
  assert.ok(hl["loupe-organisation"]?.includes("OTAN"), JSON.stringify(hl));
  assert.ok(hl["loupe-person"]?.includes("Jens Stoltenberg"), "a person highlight is exactly Jens Stoltenberg (across the host's <a>)");
  assert.ok(hl["loupe-place"]?.includes("Corée du Nord") && hl["loupe-place"].includes("Chine"), "Chine inside the host's <em>");
  for (const words of Object.values(hl)) for (const w of words) assert.equal(w, w.trim());
  await assertRangesExact(page);
  // The host's DOM, handlers and scripts are untouched.
  assert.equal(await page.$eval("#story", (s) => s.innerHTML), htmlBefore);
  assert.equal(await page.evaluate(() => window.siteState.articleMutations), 0, "no mutation inside the article");
  await page.click("#like");
  await page.click("#story p:nth-of-type(4)");
  const site = await page.evaluate(() => window.siteState);
  assert.equal(site.likes, 1);
  assert.equal(site.paragraphClicks, 2, "the like button sits in a paragraph too");
  assert.equal(await page.textContent("#like"), "J’aime (1)");
  // French UI on a French page; the panel's parts are styleable.
  assert.equal(await inShadow(page, "[part~=panel]").getAttribute("aria-label"), "Loupe : analyse de l’article");
  assert.ok((await inShadow(page, "[part~=heading]").allTextContents()).includes("Personnes"));
  // The floating panel fits in the margin beside the article instead of covering its text.
  const [panelBox, storyBox] = [await inShadow(page, "[part~=panel]").boundingBox(), await page.locator("#story").boundingBox()];
  assert.ok(panelBox.x >= storyBox.x + storyBox.width, `panel ${JSON.stringify(panelBox)} beside the article ${JSON.stringify(storyBox)}`);
  await assertPanelContrast(page);
  await assertColourContrast(page, "light");
  await shot(page, "widget-demo");
  // Attributes re-render: only people highlighted, two key phrases listed.
  await page.evaluate(() => { const el = document.querySelector("loupe-article"); el.kinds = ["person", "keyphrase"]; el.maxKeywords = 2; });
  await page.waitForFunction(() => !CSS.highlights.has("loupe-place"));
  const after = await highlights(page);
  assert.deepEqual(Object.keys(after).sort(), ["loupe-keyphrase", "loupe-person"].filter((k) => after[k]));
  assert.equal(await inShadow(page, "[part~=keyphrase]").count(), 2);
  assert.equal(await inShadow(page, "[part~=place]").count(), 0);
  assertOwnRequests(requests, [server.url]);
  assertOnlyAssets(server.log, ["www", "pkg"]);
  assert.deepEqual(errors, []);
});

/** Overlay boxes (no Highlight API) of one kind that overlap each other: a word painted twice. */
const overlappingBoxes = (page) => page.evaluate(() => {
  const boxes = [...document.querySelector("loupe-article").shadowRoot.querySelectorAll(".mark")].map((m) => [m.dataset.kind, m.getBoundingClientRect()]);
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  return boxes.flatMap(([k, a], i) => boxes.slice(i + 1).filter(([l, b]) => l === k && overlap(a, b)).map(() => k));
});

/** Every highlight's Range covers exactly result.text.slice(start, end), kind by kind (the one-pass Range building). */
async function assertRangesExact(page) {
  const { got, want } = await page.evaluate(() => {
    const el = document.querySelector("loupe-article");
    const kinds = new Set(el.kinds);
    const want = {};
    const hl = el.result.highlights; // columns: start, end, kind (into kinds), index
    for (let i = 0; i < hl.start.length; i++) {
      const kind = hl.kinds[hl.kind[i]];
      if (!kinds.has(kind) || (kind === "keyphrase" && hl.index[i] >= el.maxKeywords)) continue;
      (want[`loupe-${kind}`] ??= []).push(el.result.text.slice(hl.start[i], hl.end[i]));
    }
    const got = Object.fromEntries([...CSS.highlights.entries()].filter(([n]) => n !== "loupe-focus").map(([n, h]) => [n, [...h].map((r) => r.toString())]));
    for (const l of [...Object.values(want), ...Object.values(got)]) l.sort();
    return { got, want };
  });
  assert.ok(Object.keys(want).length >= 3);
  assert.deepEqual(got, want);
}

test("a tricky article: words split across elements, hidden and script text, emoji before names", async (t) => {
  const article = `<article id="story" lang="fr">
    <h1>🇫🇷 Emmanuel Macron reçoit Jens <b>Stol</b><i>ten</i>berg à l’Élysée</h1>
    <p>Le président <span>Emmanuel</span> <span>Macron</span> a reçu 🤝 le secrétaire général de l’<abbr title="Organisation du traité de l’Atlantique nord">OTAN</abbr>,
    Jens Stoltenberg, jeudi à Paris.<br>La rencontre a porté sur l’Ukraine et la Russie.<script>var x = "Vladimir Poutine";</script>
    <span hidden>Texte caché Angela Merkel</span><span aria-hidden="true">Olaf Scholz</span></p>
    <!-- un commentaire : Boris Johnson -->
    <p>Selon l’<a href="#">Élysée</a>, Emmanuel Macron 👍🏽 a insisté sur le soutien de la France à l’Ukraine et à l’OTAN.</p>
    <p><button id="like" class="like" type="button">J’aime (0)</button></p>
  </article>`;
  const html = DEMO.replace(/<article id="story">[\s\S]*?<\/article>/, article);
  const server = await startServer({ files: { "/www/tricky.html": html } });
  t.after(() => server.close());
  const { page, errors, requests, close } = await probedPage(browser);
  t.after(close);
  await page.goto(`${server.url}/www/tricky.html`);
  assert.equal((await waitEvent(page))[0][0], "analyzed");
  await assertRangesExact(page);
  const hl = await highlights(page);
  assert.ok(hl["loupe-person"]?.includes("Emmanuel Macron"), JSON.stringify(hl));
  assert.ok(hl["loupe-person"].includes("Jens Stoltenberg"), "a name split over <b> and <i> is one highlight");
  const all = Object.values(hl).flat().join(" | ");
  for (const hidden of ["Poutine", "Merkel", "Scholz", "Johnson"]) assert.ok(!all.includes(hidden), `${hidden} (script, hidden, aria-hidden, comment) is not read`);
  assert.ok(!(await page.evaluate(() => document.querySelector("loupe-article").result.text)).includes("Poutine"));
  assertOwnRequests(requests, [server.url]);
  assert.deepEqual(errors, []);

  // The same without the Highlight API: a range around whole elements (<b>, <i>) is painted once.
  const old = await probedPage(browser);
  t.after(old.close);
  await old.page.addInitScript(() => { delete window.Highlight; Object.defineProperty(CSS, "highlights", { value: undefined }); });
  await old.page.goto(`${server.url}/www/tricky.html`);
  await waitEvent(old.page);
  await old.page.waitForFunction(() => document.querySelector("loupe-article").shadowRoot.querySelectorAll(".mark").length > 5);
  const h1Boxes = await old.page.evaluate(() => {
    const h1 = document.querySelector("#story h1").getBoundingClientRect();
    return [...document.querySelector("loupe-article").shadowRoot.querySelectorAll('.mark[data-kind="person"]')]
      .map((m) => m.getBoundingClientRect()).filter((r) => r.top >= h1.top - 1 && r.bottom <= h1.bottom + 1).length;
  });
  assert.ok(h1Boxes >= 2, `person boxes in the title: ${h1Boxes}`);
  assert.deepEqual(await overlappingBoxes(old.page), [], "no word painted twice");
  assert.deepEqual(old.errors, []);
});

test("keyboard only: the widget's panel", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const { page, errors, requests, close } = await probedPage(browser);
  t.after(close);
  await page.goto(`${server.url}/www/widget-demo.html`);
  await waitEvent(page);
  const active = () => page.evaluate(() => {
    const el = document.activeElement?.tagName === "LOUPE-ARTICLE" ? document.activeElement.shadowRoot.activeElement : null;
    return el && { part: el.getAttribute("part"), text: el.textContent, expanded: el.getAttribute("aria-expanded"), outline: getComputedStyle(el).outlineStyle };
  });
  const tabUntil = async (pred, max = 40, key = "Tab") => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(key);
      const a = await active();
      if (a && pred(a)) return a;
    }
    assert.fail(`not reachable with ${key}`);
  };
  // Tab from the page reaches the panel's toggle first; Enter folds and unfolds it.
  const toggle = await tabUntil((a) => a.part === "toggle");
  assert.equal(toggle.expanded, "true");
  assert.notEqual(toggle.outline, "none", "a visible focus ring");
  await page.keyboard.press("Enter");
  assert.equal((await active()).expanded, "false");
  assert.equal(await inShadow(page, "[part~=body]").isVisible(), false);
  await page.keyboard.press("Space");
  assert.equal((await active()).expanded, "true");
  // On through the topics and key phrases to the first person; Enter steps through the mentions.
  const person = await tabUntil((a) => /\bperson\b/.test(a.part ?? ""));
  assert.match(person.text, /^Jens Stoltenberg/);
  assert.notEqual(person.outline, "none");
  assert.match(await page.evaluate(() => document.activeElement.shadowRoot.activeElement.getAttribute("aria-label")), /^Jens Stoltenberg: 2 mentions ; appuyez/);
  await page.keyboard.press("Enter");
  assert.deepEqual((await highlights(page))["loupe-focus"], ["Jens Stoltenberg"]);
  await page.keyboard.press("Enter");
  assert.deepEqual((await highlights(page))["loupe-focus"], ["Stoltenberg"]);
  await page.keyboard.press("Space");
  assert.deepEqual((await highlights(page))["loupe-focus"], ["Jens Stoltenberg"], "back to the first mention");
  await page.keyboard.press("Tab");
  assert.match((await active()).text, /^Fumio Kishida/);
  await page.keyboard.press("Shift+Tab");
  assert.match((await active()).text, /^Jens Stoltenberg/, "Shift+Tab goes back");
  // Landmark and names for assistive technology.
  const a11y = await page.evaluate(() => {
    const root = document.querySelector("loupe-article").shadowRoot;
    const region = root.querySelector('[role="region"]');
    return { region: region?.getAttribute("aria-label"), lists: [...root.querySelectorAll("ul")].map((u) => root.getElementById(u.getAttribute("aria-labelledby"))?.textContent),
      unnamed: [...root.querySelectorAll("button")].filter((b) => !(b.getAttribute("aria-label") || b.textContent.trim())).length };
  });
  assert.equal(a11y.region, "Loupe : analyse de l’article");
  assert.ok(a11y.lists.length >= 3 && a11y.lists.every(Boolean), `each list is named by its heading: ${a11y.lists}`);
  assert.equal(a11y.unnamed, 0);
  await shot(page, "widget-keyboard");
  assertOwnRequests(requests, [server.url]);
  assertOnlyAssets(server.log, ["www", "pkg"]);
  assert.deepEqual(errors, []);
});

test("lazy: nothing loads until the article comes near the viewport", async (t) => {
  const html = DEMO.replace("<main>", '<main><div class="spacer" id="spacer"></div>')
    .replace('<loupe-article for="#story"', '<loupe-article for="#story" loading="visible"')
    .replace("</head>", '<link rel="stylesheet" href="data:text/css,.spacer{height:4000px}"></head>');
  const server = await startServer({ files: { "/www/lazy.html": html } });
  t.after(() => server.close());
  const { page, errors, requests, probe, close } = await probedPage(browser, { viewport: { width: 1000, height: 700 } });
  t.after(close);
  await page.goto(`${server.url}/www/lazy.html`);
  await page.waitForTimeout(1500);
  assert.ok(!server.log.some((l) => l.includes("loupe_bg.wasm") || l.includes("worker.js")), "no worker or wasm before scrolling");
  await page.evaluate(() => document.getElementById("story").scrollIntoView());
  await waitEvent(page);
  assert.ok(server.log.some((l) => l.includes("loupe_bg.wasm")));
  assert.equal((await probe()).shifts, 0);
  assertOwnRequests(requests, [server.url]);
  assertOnlyAssets(server.log, ["www", "pkg"]);
  assert.deepEqual(errors, []);
});

test("no layout shift while the reader looks at what follows the article", async (t) => {
  // The wasm is held back so the reader is already looking at the site's fallback text and the section below.
  const server = await startServer({ delay: (path) => (path.endsWith(".wasm") ? 1500 : 0) });
  t.after(() => server.close());
  for (const position of ["end", "inline"]) {
    const html = DEMO.replace('<loupe-article for="#story"', `<loupe-article for="#story" position="${position}" style="--loupe-inline-min-height: 40rem"`);
    const { page, errors, requests, probe, close } = await probedPage(browser, { viewport: { width: 1000, height: 700 } });
    t.after(close);
    await page.route(`${server.url}/www/shift.html`, (r) => r.fulfill({ contentType: "text/html", body: html }));
    await page.goto(`${server.url}/www/shift.html`);
    await page.evaluate(() => document.querySelector(".filler").scrollIntoView({ block: "end" }));
    const before = await page.$eval(".filler", (f) => f.getBoundingClientRect().top);
    assert.ok(before > 0 && before < 700, "the section after the article is in view");
    await waitEvent(page);
    await page.waitForTimeout(200);
    const p = await probe();
    assert.equal(p.shifts, 0, `${position}: no layout shift (${p.shiftSources})`);
    if (position === "end") assert.equal(await page.$eval(".filler", (f) => f.getBoundingClientRect().top), before, "the section did not move");
    assertOwnRequests(requests, [server.url]);
    assert.deepEqual(errors, []);
    await close();
  }
});

const STRICT = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; worker-src 'self'; base-uri 'none'; form-action 'none'";

test("strict CSP (no unsafe-inline): works, no violation", async (t) => {
  const server = await startServer({ headers: () => ({ "Content-Security-Policy": STRICT }) });
  t.after(() => server.close());
  const { page, errors, requests, probe, close } = await probedPage(browser);
  t.after(close);
  await page.goto(`${server.url}/www/widget-demo.html`);
  assert.equal((await waitEvent(page))[0][0], "analyzed");
  assert.ok((await highlights(page))["loupe-organisation"].includes("OTAN"));
  assert.deepEqual((await probe()).csp, []);
  assert.ok(server.log.includes("GET /www/worker.js"), "in a worker");
  await shot(page, "widget-strict-csp");
  assertOwnRequests(requests, [server.url]);
  assertOnlyAssets(server.log, ["www", "pkg"]);
  assert.deepEqual(errors, []);
});

test("CSP without wasm: the page is left alone and loupe-error fires", async (t) => {
  const server = await startServer({ headers: () => ({ "Content-Security-Policy": STRICT.replace(" 'wasm-unsafe-eval'", "") }) });
  t.after(() => server.close());
  const { page, requests, close } = await probedPage(browser);
  t.after(close);
  await page.goto(`${server.url}/www/widget-demo.html`);
  const htmlBefore = await page.$eval("body", (b) => b.innerHTML);
  assert.deepEqual(await waitEvent(page), [["error", "wasm_blocked"]]);
  await page.waitForTimeout(300);
  assert.deepEqual(await highlights(page), {});
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0);
  assert.equal(await page.$eval("body", (b) => b.innerHTML), htmlBefore);
  assert.equal(await page.evaluate(() => window.siteState.articleMutations), 0);
  assert.ok(await page.isVisible(".site-note"), "the site's fallback text stays");
  assert.ok(!server.log.some((l) => l.includes("loupe_bg.wasm")), "the wasm is not even fetched");
  assertOwnRequests(requests, [server.url]);
  assertOnlyAssets(server.log, ["www", "pkg"]);
});

/** The demo page served by a "site" origin, the widget by a "CDN" origin; `csp(cdnURL)` is the site's policy. */
async function cdnSetup(t, csp) {
  const cdn = await startServer();
  t.after(() => cdn.close());
  // A real (served) page: Chromium's Local Network Access rules treat a page faked by page.route as public.
  const html = DEMO.replace('src="widget-define.js"', `src="${cdn.url}/www/widget-define.js"`);
  const site = await startServer({ headers: () => ({ "Content-Security-Policy": csp(cdn.url) }), files: { "/www/cdn.html": html } });
  t.after(() => site.close());
  return { cdn, site };
}

test("cross-origin assets (a CDN), a CSP that allows blob: workers: the analysis runs in a worker", async (t) => {
  // Chromium checks a blob: module worker's own script against script-src, so blob: must be there.
  const { cdn, site } = await cdnSetup(t, (c) => `default-src 'self'; script-src 'self' ${c} blob: 'wasm-unsafe-eval'; connect-src ${c}; style-src 'self'; img-src data:`);
  const { page, errors, requests, probe, close } = await probedPage(browser);
  t.after(close);
  const tasks = await mainThreadTasks(browser, page, async () => {
    await page.goto(`${site.url}/www/cdn.html`);
    assert.equal((await waitEvent(page))[0][0], "analyzed");
  });
  assertNoLongTasks(tasks, "cross-origin, blob: worker");
  assert.ok((await highlights(page))["loupe-person"].includes("Jens Stoltenberg"));
  assert.ok(cdn.log.includes("GET /pkg/loupe_bg.wasm") && cdn.log.includes("GET /www/worker.js"), cdn.log.join(", "));
  assert.ok(!cdn.log.includes("GET /www/main-thread.js"));
  assert.ok(!site.log.some((l) => /widget|worker|pkg/.test(l)), "nothing of Loupe is served by the site itself");
  assertOwnRequests(requests, [site.url, cdn.url]);
  assertOnlyAssets(cdn.log, ["www", "pkg"]);
  assert.deepEqual((await probe()).csp, []);
  assert.deepEqual(errors, []);
});

test("cross-origin assets under a strict CSP without blob:: the main thread, in short tasks, same words", async (t) => {
  // The policy: script-src with the asset origin and 'wasm-unsafe-eval', nothing else. No worker can
  // start (a worker must be same-origin, blob: is not allowed), so the widget runs the wasm on the main thread.
  const { cdn, site } = await cdnSetup(t, (c) => `default-src 'self'; script-src 'self' ${c} 'wasm-unsafe-eval'; connect-src ${c}; style-src 'self'; img-src data:`);
  const { page, errors, requests, probe, close } = await probedPage(browser);
  t.after(close);
  const tasks = await mainThreadTasks(browser, page, async () => {
    await page.goto(`${site.url}/www/cdn.html`);
    assert.equal((await waitEvent(page))[0][0], "analyzed");
    await page.waitForTimeout(100);
  });
  assert.ok(cdn.log.includes("GET /www/main-thread.js") && cdn.log.includes("GET /pkg/loupe_bg.wasm"), cdn.log.join(", "));
  assert.ok(!cdn.log.includes("GET /www/worker.js"), "no worker script is fetched");
  const hl = await highlights(page);
  assert.ok(hl["loupe-person"]?.includes("Jens Stoltenberg") && hl["loupe-person"].includes("Fumio Kishida"), JSON.stringify(hl));
  assert.ok(hl["loupe-organisation"]?.includes("OTAN") && hl["loupe-place"]?.includes("Chine") && hl["loupe-place"].includes("Corée du Nord"), JSON.stringify(hl));
  for (const words of Object.values(hl)) for (const w of words) assert.equal(w, w.trim());
  assert.equal(await page.evaluate(() => window.siteState.articleMutations), 0);
  // Every step is its own task, the core's first-use set-up too (Analyzer.warm, one bounded step per call).
  const warm = (await page.evaluate(() => performance.getEntriesByType("measure").filter((m) => m.name.startsWith("loupe-main:")).map((m) => [m.name, Math.round(m.duration)])));
  console.log(`# main-thread steps (ms wall): ${JSON.stringify(warm)}`);
  assertNoLongTasks(tasks, "cross-origin, main thread");
  const p = await probe();
  console.log(`# wall-clock long tasks (PerformanceObserver, on a loaded machine): ${JSON.stringify(p.longTasks)}`);
  assert.equal(p.shifts, 0);
  // The one violation is the blob: worker the widget tried first; the console says so too.
  assert.deepEqual(p.csp, ["worker-src blob"]);
  assert.deepEqual(errors.filter((e) => !/Creating a worker from 'blob:/.test(e)), []);
  await shot(page, "widget-cdn-main-thread");
  assertOwnRequests(requests, [site.url, cdn.url]);
  assertOnlyAssets(cdn.log, ["www", "pkg"]);
  assert.ok(!site.log.some((l) => /widget|worker|pkg/.test(l)));
});

// A panic in the core (made by faultyGlue: the article holds PANIC_MARKER): the widget reports it,
// the host page keeps working, and once the article changes a new analysis succeeds on a fresh core.
async function panicThenRecover(page, site) {
  assert.deepEqual(await waitEvent(page), [["error", "panic"]]);
  assert.deepEqual(await highlights(page), {});
  await page.click("#like");
  assert.equal(await page.textContent("#like"), "J’aime (1)", "the host page's own script still works");
  await page.evaluate(() => document.getElementById("fault").remove());
  const keywords = await page.evaluate(() => document.querySelector("loupe-article").analyze().then((r) => r.keywords.length));
  assert.deepEqual(await page.evaluate(() => window.siteState.events), [["error", "panic"], ["analyzed", keywords]]);
  const hl = await highlights(page);
  assert.ok(hl["loupe-person"]?.includes("Jens Stoltenberg") && hl["loupe-place"]?.includes("Corée du Nord"), JSON.stringify(hl));
}
const FAULTY_DEMO = DEMO.replace('<article id="story">', `<article id="story"><p id="fault">${PANIC_MARKER}</p>`);

test("a panic in the core: loupe-error with code panic, the page goes on, the next analysis works (worker and main thread)", async (t) => {
  // Same origin: the worker traps, closes itself, and the client starts a fresh one.
  const server = await startServer({ files: { "/pkg/loupe.js": faultyGlue(), "/www/widget-demo.html": FAULTY_DEMO } });
  t.after(() => server.close());
  const { page, errors, requests, close } = await probedPage(browser);
  t.after(close);
  await page.goto(`${server.url}/www/widget-demo.html`);
  await panicThenRecover(page);
  assert.ok(server.log.includes("GET /www/worker.js") && !server.log.includes("GET /www/main-thread.js"));
  assert.deepEqual(errors, []);
  assertOwnRequests(requests, [server.url]);

  // Assets from a CDN under a strict CSP without blob:: the main-thread runner is dropped and replaced.
  const cdn = await startServer({ files: { "/pkg/loupe.js": faultyGlue() } });
  t.after(() => cdn.close());
  const html = FAULTY_DEMO.replace('src="widget-define.js"', `src="${cdn.url}/www/widget-define.js"`);
  const csp = `default-src 'self'; script-src 'self' ${cdn.url} 'wasm-unsafe-eval'; connect-src ${cdn.url}; style-src 'self'; img-src data:`;
  const site = await startServer({ headers: () => ({ "Content-Security-Policy": csp }), files: { "/www/cdn.html": html } });
  t.after(() => site.close());
  const main = await probedPage(browser);
  t.after(main.close);
  await main.page.goto(`${site.url}/www/cdn.html`);
  await panicThenRecover(main.page);
  assert.ok(cdn.log.includes("GET /www/main-thread.js"), cdn.log.join(", "));
  assert.deepEqual(main.errors.filter((e) => !/Creating a worker from 'blob:/.test(e)), []);
  assertOwnRequests(main.requests, [site.url, cdn.url]);
});

test("the one-file widget (dist/loupe-widget.js, wasm inlined) from a CDN: a blob: worker, or the main thread under a strict CSP", async (t) => {
  execFileSync("node", [`${ROOT}scripts/build-single.mjs`]); // from the current sources (and pkg/)
  for (const [csp, mode] of [[(c) => `default-src 'self'; script-src 'self' ${c} blob: 'wasm-unsafe-eval'; style-src 'self'; img-src data:`, "worker"],
    [(c) => `default-src 'self'; script-src 'self' ${c} 'wasm-unsafe-eval'; style-src 'self'; img-src data:`, "main thread"]]) {
    const cdn = await startServer();
    t.after(() => cdn.close());
    const html = DEMO.replace('src="widget-define.js"', `src="${cdn.url}/dist/loupe-widget.js"`);
    const site = await startServer({ headers: () => ({ "Content-Security-Policy": csp(cdn.url) }), files: { "/www/one.html": html } });
    t.after(() => site.close());
    const { page, errors, requests, probe, close } = await probedPage(browser);
    t.after(close);
    const tasks = await mainThreadTasks(browser, page, async () => {
      await page.goto(`${site.url}/www/one.html`);
      assert.equal((await waitEvent(page))[0][0], "analyzed", mode);
    });
    assertNoLongTasks(tasks, `one file, ${mode}`);
    const hl = await highlights(page);
    assert.ok(hl["loupe-person"]?.includes("Jens Stoltenberg") && hl["loupe-organisation"]?.includes("OTAN"), `${mode}: ${JSON.stringify(hl)}`);
    await assertRangesExact(page);
    assert.deepEqual(cdn.log, ["GET /dist/loupe-widget.js"], `${mode}: one file, nothing else fetched (no wasm, no worker script)`);
    const onMain = await page.evaluate(() => performance.getEntriesByName("loupe-main:analyze").length > 0);
    assert.equal(onMain, mode === "main thread");
    assert.deepEqual((await probe()).csp, mode === "worker" ? [] : ["worker-src blob"]);
    assert.deepEqual(errors.filter((e) => !/Creating a worker from 'blob:/.test(e)), []);
    assertOwnRequests(requests, [site.url, cdn.url]);
    await close();
  }
});

test("without the CSS Custom Highlight API: boxes over the right words, in the shadow root", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const { page, errors, requests, probe, close } = await probedPage(browser, { viewport: { width: 1100, height: 900 } });
  t.after(close);
  await page.addInitScript(() => { delete window.Highlight; Object.defineProperty(CSS, "highlights", { value: undefined }); });
  await page.goto(`${server.url}/www/widget-demo.html`);
  const htmlBefore = await page.$eval("#story", (s) => s.innerHTML);
  await waitEvent(page);
  // Each box against the host element around its words: <a>Jens Stoltenberg</a>, <em>Chine</em>.
  const compare = () => page.evaluate(() => {
    const root = document.querySelector("loupe-article").shadowRoot;
    const boxes = [...root.querySelectorAll(".mark")].map((m) => ({ kind: m.dataset.kind, r: m.getBoundingClientRect(), pe: getComputedStyle(m).pointerEvents }));
    const near = (kind, el) => {
      const e = el.getBoundingClientRect();
      return boxes.filter((b) => b.kind === kind && Math.abs(b.r.left - e.left) < 1.5 && Math.abs(b.r.right - e.right) < 1.5 && Math.abs(b.r.top - e.top) < 3).length;
    };
    return { count: boxes.length, kinds: [...new Set(boxes.map((b) => b.kind))].sort(), pointer: [...new Set(boxes.map((b) => b.pe))],
      jens: near("person", document.querySelector('a[href="#stoltenberg"]')), chine: near("place", document.querySelector("#story em")) };
  });
  await page.waitForFunction(() => document.querySelector("loupe-article").shadowRoot.querySelectorAll(".mark").length > 10);
  let c = await compare();
  assert.deepEqual(c.kinds, ["keyphrase", "organisation", "person", "place"], JSON.stringify(c));
  assert.equal(c.jens, 1, "one person box exactly over Jens Stoltenberg");
  assert.equal(c.chine, 1, "one place box exactly over Chine");
  assert.deepEqual(c.pointer, ["none"]);
  assert.deepEqual(await overlappingBoxes(page), [], "no word painted twice");
  // The article under the boxes still gets the pointer: a click on the link is the link's.
  const link = await page.locator('a[href="#stoltenberg"]').boundingBox();
  assert.equal(await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.getAttribute("href"), [link.x + link.width / 2, link.y + link.height / 2]), "#stoltenberg");
  await page.mouse.click(link.x + link.width / 2, link.y + link.height / 2);
  assert.equal(await page.evaluate(() => location.hash), "#stoltenberg");
  // A narrower window reflows the article: the boxes follow.
  await page.setViewportSize({ width: 700, height: 900 });
  await page.waitForTimeout(300);
  c = await compare();
  assert.equal(c.jens, 1, "after a resize, still over Jens Stoltenberg");
  assert.equal(c.chine, 1);
  // A chip shows its mention with a focus box.
  await inShadow(page, "[part~=person]").first().click();
  await page.waitForTimeout(100);
  const focus = await page.evaluate(() => {
    const m = document.querySelector("loupe-article").shadowRoot.querySelector('.mark[data-kind="focus"]')?.getBoundingClientRect();
    const a = document.querySelector('a[href="#stoltenberg"]').getBoundingClientRect();
    return m && Math.abs(m.left - a.left) < 1.5 && Math.abs(m.width - a.width) < 2;
  });
  assert.ok(focus, "a focus box over the mention");
  assert.equal(await page.evaluate(() => getSelection().toString()), "", "the reader's selection is left alone");
  // The legend is there too, and the host page is untouched.
  assert.ok(await inShadow(page, "[part~=legend]").isVisible());
  assert.equal(await page.$eval("#story", (s) => s.innerHTML), htmlBefore);
  assert.equal(await page.evaluate(() => window.siteState.articleMutations), 0);
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0);
  await page.evaluate(() => document.querySelector("a[href='#stoltenberg']").scrollIntoView({ block: "center" }));
  await page.waitForTimeout(200);
  await shot(page, "widget-no-highlight-api");
  assert.equal((await probe()).shifts, 0);
  assertOwnRequests(requests, [server.url]);
  assertOnlyAssets(server.log, ["www", "pkg"]);
  assert.deepEqual(errors, []);
});

test("360 px screen, 200% zoom, English page", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  // 360 px wide phone.
  const phone = await probedPage(browser, { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  t.after(phone.close);
  let page = phone.page;
  await page.goto(`${server.url}/www/widget-demo.html`);
  await waitEvent(page);
  const toggle = inShadow(page, "[part~=toggle]");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false", "folded on a small screen");
  await shot(page, "widget-360px-folded");
  await toggle.click();
  const box = await inShadow(page, "[part~=panel]").boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 360, `panel fits in 360 px: ${JSON.stringify(box)}`);
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= 360), "no horizontal scroll");
  await shot(page, "widget-360px");
  assert.equal((await phone.probe()).shifts, 0);
  assertOwnRequests(phone.requests, [server.url]);
  assert.deepEqual(phone.errors, []);
  await phone.close();

  // 200% zoom of a 1280×900 window is a 640×450 CSS-pixel viewport at scale 2; an English page.
  const zoom = await probedPage(browser, { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
  t.after(zoom.close);
  await zoom.context.addInitScript(() => document.addEventListener("DOMContentLoaded", () => { document.documentElement.lang = "en"; }));
  page = zoom.page;
  await page.goto(`${server.url}/www/widget-demo.html`);
  await waitEvent(page);
  const toggle2 = inShadow(page, "[part~=toggle]");
  if ((await toggle2.getAttribute("aria-expanded")) === "false") await toggle2.click();
  assert.equal(await inShadow(page, "[part~=panel]").getAttribute("aria-label"), "Loupe: article analysis");
  assert.ok((await inShadow(page, "[part~=heading]").allTextContents()).includes("People"));
  const pbox = await inShadow(page, "[part~=panel]").boundingBox();
  assert.ok(pbox.x >= 0 && pbox.x + pbox.width <= 640 && pbox.height <= 450);
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= 640), "no horizontal scroll");
  await shot(page, "widget-zoom-200-en");
  assertOwnRequests(zoom.requests, [server.url]);
  assertOnlyAssets(server.log, ["www", "pkg"]);
  assert.deepEqual(zoom.errors, []);
});

test("dark scheme, panel in the flow (position=inline): contrast", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const { page, errors, requests, close } = await probedPage(browser, { viewport: { width: 1000, height: 900 }, colorScheme: "dark" });
  t.after(close);
  await page.goto(`${server.url}/www/widget-demo.html`);
  await waitEvent(page);
  await page.evaluate(() => { document.querySelector("loupe-article").position = "inline"; });
  const box = await inShadow(page, "[part~=panel]").boundingBox();
  const story = await page.locator("#story").boundingBox();
  assert.ok(box.y >= story.y + story.height - 1, "the inline panel follows the article");
  await assertPanelContrast(page);
  const dark = await assertColourContrast(page, "dark");
  assert.equal(dark.bg, "#1f1f1f", "the dark defaults are the ones checked");
  await page.locator("loupe-article").scrollIntoViewIfNeeded();
  await shot(page, "widget-dark-inline");
  assertOwnRequests(requests, [server.url]);
  assertOnlyAssets(server.log, ["www", "pkg"]);
  assert.deepEqual(errors, []);
});
