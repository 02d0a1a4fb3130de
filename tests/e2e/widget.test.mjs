// The embeddable widget (issue 7.1) on a mock news page: highlights in place,
// host scripts untouched, strict CSP, CSP without wasm, cross-origin assets,
// keyboard, small screens, no long tasks, no layout shift, requests.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, startServer, watch, shot, ROOT } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Records long tasks, layout shifts and CSP violations from the first byte on.
const PROBES = () => {
  window.__probe = { longTasks: [], shifts: 0, csp: [] };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__probe.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__probe.shifts += e.value; }).observe({ type: "layout-shift", buffered: true });
  document.addEventListener("securitypolicyviolation", (e) => window.__probe.csp.push(`${e.violatedDirective} ${e.blockedURI}`));
};

const highlights = (page) => page.evaluate(() => Object.fromEntries([...CSS.highlights.entries()].map(([n, h]) => [n, [...h].map((r) => r.toString())])));
const waitEvent = (page) => page.waitForFunction(() => window.siteState?.events.length > 0, null, { timeout: 20000 }).then(() => page.evaluate(() => window.siteState.events));

/** WCAG contrast ratio of two computed rgb() colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** Contrast of every panel control (WCAG AA, 4.5:1). */
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

test("mock news page: highlights on the right words, host page untouched, accessible", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  t.after(() => context.close());
  await context.addInitScript(PROBES);
  const page = await context.newPage();
  const errors = watch(page);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(`${server.url}/www/widget-demo.html`);
  const htmlBefore = await page.$eval("#story", (s) => s.innerHTML);
  assert.deepEqual(await waitEvent(page), [["analyzed", await page.evaluate(() => document.querySelector("loupe-article").result.keywords.length)]]);
  // Long tasks from page start to the analysis shown (later ones would be this test's own driving).
  await page.waitForTimeout(200);
  // The widget's own main-thread work: reading the article's text, then highlighting and drawing the panel
  // (performance.measure entries it leaves). Long tasks overlapping those are the widget's.
  const { work, longTasks } = await page.evaluate(() => {
    const work = ["loupe-article:collect", "loupe-article:render"].map((n) => performance.getEntriesByName(n, "measure")[0]);
    const longTasks = window.__probe.longTasks.filter(([t, d]) => work.some((w) => t < w.startTime + w.duration && t + d > w.startTime));
    return { work: work.map((w) => [w.name, Math.round(w.duration)]), longTasks };
  });
  console.log(`# widget main-thread work (ms): ${JSON.stringify(work)}`);
  for (const [name, ms] of work) assert.ok(ms < 50, `${name} took ${ms} ms`);
  const hl = await highlights(page);
  assert.ok(hl["loupe-organisation"]?.includes("OTAN"), JSON.stringify(hl));
  assert.ok(hl["loupe-person"]?.includes("Jens Stoltenberg"), "a person highlight is exactly Jens Stoltenberg (across the host's <a>)");
  assert.ok(hl["loupe-place"]?.includes("Corée du Nord") && hl["loupe-place"].includes("Chine"), "Chine inside the host's <em>");
  for (const words of Object.values(hl)) for (const w of words) assert.equal(w, w.trim());
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
  const panel = page.locator("loupe-article >> [part~=panel]");
  assert.equal(await panel.getAttribute("aria-label"), "Loupe : analyse de l’article");
  assert.ok((await page.locator("loupe-article >> [part~=heading]").allTextContents()).includes("Personnes"));
  // Keyboard: Tab reaches the panel; Enter on a name shows its mention in the article.
  let inPanel = false;
  for (let i = 0; i < 40 && !inPanel; i++) {
    await page.keyboard.press("Tab");
    inPanel = await page.evaluate(() => document.activeElement?.tagName === "LOUPE-ARTICLE" && document.activeElement.shadowRoot.activeElement?.matches('[part~="person"]'));
  }
  assert.ok(inPanel, "a person chip is reachable with Tab");
  await page.keyboard.press("Enter");
  assert.deepEqual((await highlights(page))["loupe-focus"], ["Jens Stoltenberg"]);
  await page.keyboard.press("Enter");
  assert.deepEqual((await highlights(page))["loupe-focus"], ["Stoltenberg"]);
  await assertPanelContrast(page);
  await shot(page, "widget-demo");
  // Attributes re-render: only people highlighted, two key phrases listed.
  await page.evaluate(() => { const el = document.querySelector("loupe-article"); el.kinds = ["person", "keyphrase"]; el.maxKeywords = 2; });
  await page.waitForFunction(() => !CSS.highlights.has("loupe-place"));
  assert.deepEqual(Object.keys(await highlights(page)).filter((k) => k !== "loupe-focus").sort(), ["loupe-person"].concat((await highlights(page))["loupe-keyphrase"] ? ["loupe-keyphrase"] : []).sort());
  assert.equal(await page.locator("loupe-article >> [part~=keyphrase]").count(), 2);
  assert.equal(await page.locator("loupe-article >> [part~=place]").count(), 0);
  // Toggle collapses the panel.
  const toggle = page.locator("loupe-article >> [part~=toggle]");
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  // Performance and privacy.
  const probe = await page.evaluate(() => window.__probe);
  // Wall-clock long tasks (they include style and layout) stretch when the machine is loaded, so they are
  // reported, not asserted; the widget's own measured work above is.
  console.log(`# long tasks overlapping the widget's work: ${JSON.stringify(longTasks)} (load ${(await import("node:os")).loadavg()[0].toFixed(1)})`);
  assert.equal(probe.shifts, 0, "no layout shift");
  for (const u of requests) assert.ok(u.startsWith(server.url) || u.startsWith("data:"), `request beyond own assets: ${u}`);
  assert.deepEqual(server.log.filter((l) => !/^GET \/(www|pkg)\//.test(l)), []);
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});

test("lazy: nothing loads until the article comes near the viewport", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  t.after(() => context.close());
  const page = await context.newPage();
  // The demo page with the article pushed far below the fold and loading="visible".
  await page.route(`${server.url}/www/lazy.html`, async (route) => {
    const html = readFileSync(`${ROOT}www/widget-demo.html`, "utf8")
      .replace("<main>", '<main><div class="spacer" id="spacer"></div>')
      .replace('<loupe-article for="#story"', '<loupe-article for="#story" loading="visible"')
      .replace("</head>", '<link rel="stylesheet" href="data:text/css,.spacer{height:4000px}"></head>');
    route.fulfill({ contentType: "text/html", body: html });
  });
  await page.goto(`${server.url}/www/lazy.html`);
  await page.waitForTimeout(1500);
  assert.ok(!server.log.some((l) => l.includes("loupe_bg.wasm") || l.includes("worker.js")), "no worker or wasm before scrolling");
  await page.evaluate(() => document.getElementById("story").scrollIntoView());
  await waitEvent(page);
  assert.ok(server.log.some((l) => l.includes("loupe_bg.wasm")));
  await context.close();
  await server.close();
});

const STRICT = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; worker-src 'self'; base-uri 'none'; form-action 'none'";

test("strict CSP (no unsafe-inline): works, no violation", async (t) => {
  const server = await startServer({ headers: () => ({ "Content-Security-Policy": STRICT }) });
  t.after(() => server.close());
  const context = await browser.newContext();
  t.after(() => context.close());
  await context.addInitScript(PROBES);
  const page = await context.newPage();
  await page.goto(`${server.url}/www/widget-demo.html`);
  assert.equal((await waitEvent(page))[0][0], "analyzed");
  assert.ok((await highlights(page))["loupe-organisation"].includes("OTAN"));
  assert.deepEqual(await page.evaluate(() => window.__probe.csp), []);
  await shot(page, "widget-strict-csp");
  await context.close();
  await server.close();
});

test("CSP without wasm: the page is left alone and loupe-error fires", async (t) => {
  const server = await startServer({ headers: () => ({ "Content-Security-Policy": STRICT.replace(" 'wasm-unsafe-eval'", "") }) });
  t.after(() => server.close());
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
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
  await context.close();
  await server.close();
});

test("cross-origin assets (a CDN) under a strict CSP", async (t) => {
  const cdnLog = [];
  const cdn = await startServer({ log: cdnLog });
  t.after(() => cdn.close());
  // A real (served) page: Chromium's Local Network Access rules treat a page faked by page.route as public.
  // Chromium checks a blob: module worker's own script against script-src, so blob: must be there.
  const csp = `default-src 'self'; script-src 'self' ${cdn.url} blob: 'wasm-unsafe-eval'; connect-src ${cdn.url}; style-src 'self'; img-src data:`;
  const html = readFileSync(`${ROOT}www/widget-demo.html`, "utf8").replace('src="widget-define.js"', `src="${cdn.url}/www/widget-define.js"`);
  const site = await startServer({ headers: () => ({ "Content-Security-Policy": csp }), files: { "/www/cdn.html": html } });
  t.after(() => site.close());
  const context = await browser.newContext();
  t.after(() => context.close());
  await context.addInitScript(PROBES);
  const page = await context.newPage();
  const errors = watch(page);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(`${site.url}/www/cdn.html`);
  assert.equal((await waitEvent(page))[0][0], "analyzed");
  assert.ok((await highlights(page))["loupe-person"].includes("Jens Stoltenberg"));
  assert.ok(cdnLog.includes("GET /pkg/loupe_bg.wasm") && cdnLog.includes("GET /www/worker.js"), cdnLog.join(", "));
  assert.ok(!site.log.some((l) => /widget|worker|pkg/.test(l)), "nothing of Loupe is served by the site itself");
  for (const u of requests) assert.ok(u.startsWith(site.url) || u.startsWith(cdn.url) || u.startsWith("blob:") || u.startsWith("data:"), u);
  assert.deepEqual(await page.evaluate(() => window.__probe.csp), []);
  assert.deepEqual(errors, []);
  await context.close();
  await site.close();
  await cdn.close();
});

test("360 px screen, 200% zoom, English page, no Highlight API fallback", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  // 360 px wide phone.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  t.after(() => phone.close());
  let page = await phone.newPage();
  await page.goto(`${server.url}/www/widget-demo.html`);
  await waitEvent(page);
  const toggle = page.locator("loupe-article >> [part~=toggle]");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false", "folded on a small screen");
  await toggle.click();
  const box = await page.locator("loupe-article >> [part~=panel]").boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 360, `panel fits in 360 px: ${JSON.stringify(box)}`);
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= 360), "no horizontal scroll");
  await shot(page, "widget-360px");
  await phone.close();

  // 200% zoom of a 1280×900 window is a 640×450 CSS-pixel viewport at scale 2; an English page.
  const zoom = await browser.newContext({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
  t.after(() => zoom.close());
  await zoom.addInitScript(() => document.addEventListener("DOMContentLoaded", () => { document.documentElement.lang = "en"; }));
  page = await zoom.newPage();
  await page.goto(`${server.url}/www/widget-demo.html`);
  await waitEvent(page);
  const toggle2 = page.locator("loupe-article >> [part~=toggle]");
  if ((await toggle2.getAttribute("aria-expanded")) === "false") await toggle2.click();
  assert.equal(await page.locator("loupe-article >> [part~=panel]").getAttribute("aria-label"), "Loupe: article analysis");
  assert.ok((await page.locator("loupe-article >> [part~=heading]").allTextContents()).includes("People"));
  const pbox = await page.locator("loupe-article >> [part~=panel]").boundingBox();
  assert.ok(pbox.x >= 0 && pbox.x + pbox.width <= 640 && pbox.height <= 450);
  await shot(page, "widget-zoom-200-en");
  await zoom.close();

  // A browser without the CSS Custom Highlight API: the panel works, the article is not rewritten.
  const old = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  t.after(() => old.close());
  await old.addInitScript(() => { delete window.Highlight; Object.defineProperty(CSS, "highlights", { value: undefined }); });
  page = await old.newPage();
  await page.goto(`${server.url}/www/widget-demo.html`);
  await waitEvent(page);
  await page.locator("loupe-article >> [part~=person]").first().click();
  assert.equal(await page.evaluate(() => getSelection().toString()), "Jens Stoltenberg", "the mention is selected instead");
  assert.equal(await page.evaluate(() => window.siteState.articleMutations), 0);
  await old.close();
  await server.close();
});

test("dark scheme, panel in the flow (position=inline)", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, colorScheme: "dark" });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${server.url}/www/widget-demo.html`);
  await waitEvent(page);
  await page.evaluate(() => { document.querySelector("loupe-article").position = "inline"; });
  const box = await page.locator("loupe-article >> [part~=panel]").boundingBox();
  const story = await page.locator("#story").boundingBox();
  assert.ok(box.y >= story.y + story.height - 1, "the inline panel follows the article");
  await assertPanelContrast(page);
  await page.locator("loupe-article").scrollIntoViewIfNeeded();
  await shot(page, "widget-dark-inline");
});
