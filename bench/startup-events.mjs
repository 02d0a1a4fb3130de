// Which trace events fill a cold first analysis, for two or more builds side by side: bench/startup.html
// (?pkg=DIR&warm=0) traced (categories: TRACE_CATEGORIES, default V8's, wasm's, GC's and the
// renderer's task events) in a fresh browser context per sample, builds taking turns. Prints per build
// the median first analysis and, for each event name, its wall time on the page's thread between `new
// Analyzer` and the end of the first analysis, and its CPU on other threads (all per run, ms).
// Usage: node bench/startup-events.mjs RUNS PKG...
import { startBench, alternateBuilds, median } from "./harness.mjs";

const runs = Number(process.argv[2] ?? 5);
const pkgs = process.argv.slice(3);
if (pkgs.length === 0) throw new Error("usage: node bench/startup-events.mjs RUNS PKG...");
const categories = (process.env.TRACE_CATEGORIES ?? "v8,v8.wasm,disabled-by-default-v8.wasm.detailed,disabled-by-default-v8.gc,devtools.timeline,blink.user_timing,toplevel").split(",");
const { url, browser, close } = await startBench();
let samples;
try {
  samples = await alternateBuilds(browser, runs, pkgs, async (page, pkg) => {
    await browser.startTracing(page, { categories });
    await page.goto(url.replace("page.html", `startup.html?pkg=${encodeURIComponent(pkg)}&warm=0&marks=1`));
    await page.waitForSelector("body[data-ready]", { state: "attached", timeout: 60000 });
    const { firstAnalyzeMs } = await page.evaluate(() => window.startup);
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const marks = events.filter((e) => e.cat.includes("user_timing"));
    const at = (name) => marks.find((e) => e.name === name);
    const from = at("loupe-new"), to = at("loupe-first-done");
    const main = `${from.pid}:${from.tid}`;
    const times = new Map();
    for (const e of events) {
      if (e.ph !== "X" || e.ts + (e.dur ?? 0) < from.ts || e.ts > to.ts) continue;
      const onMain = `${e.pid}:${e.tid}` === main;
      const key = `${onMain ? "main " : "other"} ${e.name}`;
      const v = onMain ? (Math.min(e.ts + e.dur, to.ts) - Math.max(e.ts, from.ts)) / 1000 : (e.tdur ?? e.dur ?? 0) / 1000;
      const [n, s] = times.get(key) ?? [0, 0];
      times.set(key, [n + 1, s + v]);
    }
    return { firstAnalyzeMs, times };
  });
} finally {
  await close();
}
const names = new Set(Object.values(samples).flatMap((s) => s.flatMap((x) => [...x.times.keys()])));
console.log("first analysis".padEnd(60), pkgs.map((p) => median(samples[p].map((s) => s.firstAnalyzeMs)).toFixed(1).padStart(18)).join(""));
const rows = [...names].map((k) => [k, pkgs.map((p) => samples[p].reduce((a, s) => a + (s.times.get(k)?.[1] ?? 0), 0) / runs), pkgs.map((p) => samples[p].reduce((a, s) => a + (s.times.get(k)?.[0] ?? 0), 0) / runs)]);
rows.sort((a, b) => Math.max(...b[1]) - Math.max(...a[1]));
for (const [k, ms, n] of rows.slice(0, Number(process.env.TOP ?? 30))) console.log(k.slice(0, 60).padEnd(60), ms.map((v, i) => `${v.toFixed(1)} ms ×${n[i].toFixed(0)}`.padStart(18)).join(""));
console.log(`(means per run over ${runs} runs; main: wall time on the page's thread in the first analysis window, nested events counted each; other: CPU on other threads)`);
