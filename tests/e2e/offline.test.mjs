// Offline use (issue 7.3): the service worker after one visit, and the
// self-contained dist/loupe.html opened from disk; no request beyond own assets.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { test, launch, startServer, probedPage, assertOwnRequests, assertOnlyAssets, shot, SEEDS, ROOT } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("after one visit the page works with the network off (service worker)", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const { context, page, errors, requests, close } = await probedPage(browser, { viewport: { width: 1280, height: 900 } });
  t.after(close);
  await page.goto(`${server.url}/www/`);
  await page.waitForSelector("html[data-loupe-ready]");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
  });
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector("html[data-loupe-ready]");
  await page.click(`button[data-seed="${SEEDS[1]}"]`);
  await page.waitForSelector("#doc-text mark.hl");
  const marks = await page.$$eval("#doc-text mark.hl", (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.includes("OTAN"), JSON.stringify(marks));
  await shot(page, "offline-service-worker");
  assertOwnRequests(requests, [server.url]);
  assertOnlyAssets(server.log);
  assert.deepEqual(errors, []);
});

test("dist/loupe.html works from disk with no network at all", async (t) => {
  execFileSync("node", [`${ROOT}scripts/build-single.mjs`]); // from the current sources (and pkg/)
  const { context, page, errors, requests, close } = await probedPage(browser, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  t.after(close);
  await context.setOffline(true);
  await page.goto(pathToFileURL(`${ROOT}dist/loupe.html`).href);
  await page.waitForSelector("html[data-loupe-ready]");
  await page.click("#seed-all");
  await page.waitForFunction(() => document.querySelectorAll(".doc-button.status-done").length === 5);
  await page.click("#doc-item-1 button");
  const marks = await page.$$eval("#doc-text mark.hl", (ms) => ms.map((m) => [m.dataset.kind, m.textContent]));
  assert.ok(marks.some(([k, t]) => k === "person" && t === "Jens Stoltenberg"), JSON.stringify(marks.slice(0, 10)));
  // A dropped file (bytes → the worker) too.
  await page.setInputFiles("#files", { name: "note.txt", mimeType: "text/plain", buffer: Buffer.from("Le Japon et l'OTAN signent un accord à Bruxelles.") });
  await page.waitForFunction(() => document.querySelectorAll(".doc-button.status-done").length === 6);
  await shot(page, "offline-single-file");
  assertOwnRequests(requests, ["file:"]);
  assert.deepEqual(requests.filter((u) => u.startsWith("file:")), [pathToFileURL(`${ROOT}dist/loupe.html`).href], "one file: nothing else is read from disk");
  assert.deepEqual(errors, []);
});
