// The demo page (issue 3): each seed analysed in the worker, highlights on the right words.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { test, launch, startServer, probedPage, assertOwnRequests, assertOnlyAssets, shot, SEEDS } from "./helpers.mjs";

let browser, server;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("each seed is analysed and highlighted in the page", async (t) => {
  const { context, page, errors, requests, close } = await probedPage(browser, { viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  t.after(close);
  await page.goto(`${server.url}/www/`);
  await page.waitForSelector("html[data-loupe-ready]");
  for (const [i, seed] of SEEDS.entries()) {
    await page.click(`button[data-seed="${seed}"]`);
    await page.waitForFunction((n) => document.querySelectorAll(".doc-button.status-done").length === n, i + 1);
    await page.click(`#doc-item-${i + 1} button`);
    await page.waitForSelector("#doc-text mark.hl");
    const marks = await page.$$eval("#doc-text mark.hl", (ms) => ms.map((m) => [m.dataset.kind, m.textContent]));
    const keyphrases = await page.$$eval(".keyphrases .mention-text", (ks) => ks.map((k) => k.textContent));
    assert.ok(keyphrases.length >= 3, `${seed}: keyphrases listed`);
    // Every seed is about NATO: an organisation highlight covering exactly "OTAN".
    assert.ok(marks.some(([k, t]) => k === "organisation" && t === "OTAN"), `${seed}: a highlight is exactly "OTAN"; got ${JSON.stringify(marks.slice(0, 20))}`);
    assert.ok(marks.some(([k, t]) => k === "place" && /^(Japon|Tokyo)$/.test(t)), `${seed}: a place highlight on Japon/Tokyo`);
    // Name and keyphrase highlights never cover spaces at their edges (quotes are cut by the names inside them).
    for (const [k, t] of marks) if (k !== "quote") assert.equal(t, t.trim(), `${seed}: ${k} highlight "${t}" has no edge spaces`);
    // Every listed name points somewhere in the text (a place met only as "japonais" points there).
    const counts = await page.$$eval(".entity-list .mention", (bs) => bs.map((b) => [b.querySelector(".mention-text").textContent, Number(b.querySelector(".count").textContent)]));
    assert.deepEqual(counts.filter(([, n]) => n < 1), [], `${seed}: no entity listed with 0 mentions`);
    if (i === 0) {
      assert.ok(marks.some(([k, t]) => k === "person" && t === "Jens Stoltenberg"), "seed 0: person Jens Stoltenberg");
      assert.ok(marks.some(([k, t]) => k === "person" && t === "Fumio Kishida"), "seed 0: person Fumio Kishida");
      const people = await page.$$eval('.entity-list[data-kind="person"] .mention-text', (xs) => xs.map((x) => x.textContent));
      assert.ok(people.includes("Jens Stoltenberg"), "entities grouped by kind: persons");
      const topics = await page.$$eval(".chip.topic", (xs) => xs.map((x) => x.textContent));
      assert.ok(topics.length >= 1, "a topic chip");
      await shot(page, "page-seed-0");
    }
  }
  assertOwnRequests(requests, [server.url]);
  assert.deepEqual(errors, []);
});

test("keyword click steps through mentions; legend toggles a kind", async (t) => {
  const { context, page, errors, requests, close } = await probedPage(browser, { viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  t.after(close);
  await page.goto(`${server.url}/www/`);
  await page.click(`button[data-seed="${SEEDS[0]}"]`);
  await page.waitForSelector("#doc-text mark.hl");
  const ent = page.locator('.entity-list[data-kind="organisation"] button', { hasText: "OTAN" }).first();
  await ent.click();
  await ent.click();
  assert.match(await ent.locator(".pos").textContent(), /2\/\d+/);
  const focused = await page.evaluate(() => { const h = CSS.highlights.get("loupe-focus"); return h ? [...h].map((r) => r.toString()) : []; });
  assert.deepEqual(focused, ["OTAN"]);
  await page.click('.legend-item[data-kind="person"]');
  assert.equal(await page.getAttribute('.legend-item[data-kind="person"]', "aria-pressed"), "false");
  assert.ok(await page.$eval("#doc-text", (e) => e.classList.contains("hide-person")));
  const bg = await page.$eval("#doc-text mark.k-person", (m) => getComputedStyle(m).backgroundColor);
  assert.equal(bg, "rgba(0, 0, 0, 0)");
  assertOwnRequests(requests, [server.url]);
  assert.deepEqual(errors, []);
});

test("pasted text is analysed; an error carries its code", async (t) => {
  const { context, page, errors, requests, close } = await probedPage(browser, { serviceWorkers: "block" });
  t.after(close);
  await page.goto(`${server.url}/www/`);
  await page.fill("#paste", "Emmanuel Macron a rencontré Olaf Scholz à Berlin pour parler de l'Union européenne et de l'OTAN.");
  await page.click("#paste-form button[type=submit]");
  await page.waitForSelector("#doc-text mark.hl");
  const marks = await page.$$eval("#doc-text mark.hl", (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.includes("Berlin"), JSON.stringify(marks));
  const code = await page.evaluate(async () => {
    const { LoupeClient } = await import("./client.js");
    const c = new LoupeClient();
    try { await c.analyze(""); return "no error"; } catch (e) { return `${e.name}:${e.code}`; } finally { c.terminate(); }
  });
  assert.equal(code, "LoupeError:empty_input");
  assertOwnRequests(requests, [server.url]);
  assert.deepEqual(errors, []);
});

test("keyboard only: pick a sample, step through a keyphrase, toggle a kind and the boilerplate, whole set, export", async (t) => {
  const log = [];
  const own = await startServer({ log });
  t.after(() => own.close());
  const { context, page, errors, requests, close } = await probedPage(browser, { viewport: { width: 1280, height: 900 }, serviceWorkers: "block", acceptDownloads: true });
  t.after(close);
  await page.goto(`${own.url}/www/`);
  await page.waitForSelector("html[data-loupe-ready]");
  const tabTo = async (pred, arg, max = 80) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(pred, arg)) return;
    }
    assert.fail(`not reachable with Tab: ${pred}`);
  };
  await tabTo((s) => document.activeElement?.dataset.seed === s, SEEDS[0]);
  await page.keyboard.press("Enter");
  await page.waitForSelector("#doc-text mark.hl");
  await tabTo(() => document.activeElement?.matches(".keyphrases .mention"));
  const label = await page.evaluate(() => document.activeElement.querySelector(".mention-text").textContent);
  await page.keyboard.press("Enter");
  const focused = await page.evaluate(() => [...(CSS.highlights.get("loupe-focus") ?? [])].map((r) => r.toString()));
  assert.equal(focused.length, 1);
  assert.equal(focused[0].toLowerCase(), label.toLowerCase(), "the focused mention is the keyphrase's words");
  await page.keyboard.press("Shift+Tab");
  await tabTo(() => document.activeElement?.matches('.legend-item[data-kind="place"]'));
  await page.keyboard.press("Space");
  assert.equal(await page.getAttribute('.legend-item[data-kind="place"]', "aria-pressed"), "false");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "the focused control shows a focus ring");
  await shot(page, "page-keyboard");
  // On: the boilerplate toggle, then back up to "All samples", the whole set, an export.
  await tabTo(() => document.activeElement?.matches(".boiler-toggle"));
  await page.keyboard.press("Enter");
  assert.equal(await page.getAttribute(".boiler-toggle", "aria-pressed"), "true");
  await page.focus("body");
  await tabTo(() => document.activeElement?.id === "seed-all");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll(".doc-button.status-done").length === 6);
  // The list re-renders as each article lands, which can drop focus to <body> (slow machines):
  // go on from the button the reader pressed.
  await page.waitForSelector("#show-set:not([hidden])");
  await page.focus("#seed-all");
  await tabTo(() => document.activeElement?.id === "show-set");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".set .chart-row");
  assert.equal(await page.getAttribute("#show-set", "aria-current"), "true");
  await page.focus("body");
  await tabTo(() => document.activeElement?.id === "export-csv");
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  assertOwnRequests(requests, [own.url]);
  assertOnlyAssets(log);
  assert.deepEqual(errors, []);
});

test("dark colour scheme", async (t) => {
  const { context, page, errors, requests, close } = await probedPage(browser, { viewport: { width: 1280, height: 900 }, colorScheme: "dark", serviceWorkers: "block" });
  t.after(close);
  await page.goto(`${server.url}/www/`);
  await page.click(`button[data-seed="${SEEDS[2]}"]`);
  await page.waitForSelector("#doc-text mark.hl");
  const [fg, bg] = await page.$eval("#doc-text mark.k-place", (m) => [getComputedStyle(m).color, getComputedStyle(m).backgroundColor]);
  assert.notEqual(fg, bg);
  await shot(page, "page-dark");
  assertOwnRequests(requests, [server.url]);
  assert.deepEqual(errors, []);
});

test("French interface for a French-speaking reader", async (t) => {
  const { context, page, errors, requests, close } = await probedPage(browser, { viewport: { width: 1280, height: 900 }, locale: "fr-FR", serviceWorkers: "block" });
  t.after(close);
  await page.goto(`${server.url}/www/`);
  assert.equal(await page.getAttribute("html", "lang"), "fr");
  assert.equal(await page.textContent('label[for="files"]'), "Ouvrir des fichiers…");
  await page.click(`button[data-seed="${SEEDS[0]}"]`);
  await page.waitForSelector("#doc-text mark.hl");
  assert.match(await page.textContent('.legend-item[data-kind="person"]'), /^Personnes \(\d+\)$/);
  assert.equal(await page.textContent("#kp-h"), "Expressions clés");
  await shot(page, "page-fr");
  assertOwnRequests(requests, [server.url]);
  assert.deepEqual(errors, []);
});
