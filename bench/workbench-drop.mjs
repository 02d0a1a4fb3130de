// A drop of many files in the workbench, in headless Chromium: time from the drop to the last
// file analysed, with a pool of 1 worker (as before session 5) and with the default pool (one per
// core, up to four), alternating in each run so both share the machine's noise.
// Files: the five seed articles repeated to N files (default 100, ~4 KB each).
// Prints medians. Usage: node bench/workbench-drop.mjs [RUNS=3] [FILES=100]  (after scripts/build.sh).
import { readFileSync } from "node:fs";
import { startBench, median } from "./harness.mjs";

const runs = Number(process.argv[2] ?? 3);
const nFiles = Number(process.argv[3] ?? 100);
const seeds = readFileSync(new URL("../www/app.js", import.meta.url), "utf8").match(/SEED_FILES = \[([^\]]*)\]/)[1].match(/"[^"]+"/g).map((s) => JSON.parse(s));
const texts = seeds.map((s) => readFileSync(new URL(`../seeds/${s}`, import.meta.url)));
const files = Array.from({ length: nFiles }, (_, i) => ({ name: `article-${i}.txt`, mimeType: "text/plain", buffer: texts[i % texts.length] }));
const bytes = files.reduce((n, f) => n + f.buffer.length, 0);

const { url, browser, close } = await startBench();
const workbench = url.replace("/bench/page.html", "/www/index.html");
const samples = { "1 worker": [], "default pool": [] };
let poolSize = 0;

async function once(label, pool) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (pool != null) await page.addInitScript((n) => { globalThis.LOUPE_POOL_SIZE = n; }, pool);
  page.on("pageerror", (e) => console.error("page error:", e.message));
  try {
    await page.goto(workbench);
    await page.waitForSelector("html[data-loupe-ready]", { timeout: 60000 });
    if (pool == null) poolSize = await page.evaluate(() => Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)));
    const t0 = Date.now();
    await page.setInputFiles("#files", files);
    await page.waitForFunction((n) => document.querySelectorAll(".doc-button.status-done").length === n, nFiles, { timeout: 600000, polling: 20 });
    samples[label].push(Date.now() - t0);
  } finally {
    await context.close();
  }
}

for (let r = 0; r < runs; r++) {
  await once("1 worker", 1);
  await once("default pool", null);
}
await close();
console.log(`workbench drop of ${nFiles} files (${(bytes / 1024).toFixed(0)} KB), ${runs} runs, median ms from the drop to the last file analysed:`);
for (const [label, xs] of Object.entries(samples)) {
  const ms = median(xs);
  console.log(`  ${label}${label === "default pool" ? ` (${poolSize} workers)` : ""}: ${ms} ms, ${(nFiles / (ms / 1000)).toFixed(0)} files/s [${xs.join(", ")}]`);
}
