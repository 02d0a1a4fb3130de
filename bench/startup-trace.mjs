// Where a cold first analysis goes inside V8, for two or more builds side by side: bench/startup.html
// (?pkg=DIR&warm=0: import, init, new Analyzer, first analysis of the 4 KB article) traced in a fresh
// browser context per sample, the builds taking turns (order flipped every run). Prints medians of
// the first analysis (ms), the page thread's CPU in lazy compilation (wasm.CompileLazy: V8 compiles
// each wasm function on its first call) and in Liftoff alone (wasm.CompileBaseline), the number of
// functions compiled lazily, and the CPU of background optimisation (wasm.TopTierCompilation,
// TurboFan: it competes with the page for the device's cores).
// Usage: node bench/startup-trace.mjs RUNS PKG...   (e.g. /bench/out/base/pkg /pkg, as bench/startup-ab.mjs)
import { startBench, alternateBuilds, median } from "./harness.mjs";

const runs = Number(process.argv[2] ?? 5);
const pkgs = process.argv.slice(3);
if (pkgs.length === 0) throw new Error("usage: node bench/startup-trace.mjs RUNS PKG...");
const { url, browser, close } = await startBench();
let samples;
try {
  samples = await alternateBuilds(browser, runs, pkgs, async (page, pkg) => {
    await browser.startTracing(page, { categories: ["v8.wasm", "disabled-by-default-v8.wasm.detailed"] });
    await page.goto(url.replace("page.html", `startup.html?pkg=${encodeURIComponent(pkg)}&warm=0`));
    await page.waitForSelector("body[data-ready]", { state: "attached", timeout: 60000 });
    const { firstAnalyzeMs } = await page.evaluate(() => window.startup);
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents.filter((e) => e.ph === "X");
    const cpu = (name) => events.filter((e) => e.name === name).reduce((sum, e) => sum + (e.tdur ?? 0) / 1000, 0);
    return {
      firstAnalyzeMs, lazyCompileCpuMs: cpu("wasm.CompileLazy"), liftoffCpuMs: cpu("wasm.CompileBaseline"),
      lazyFunctions: events.filter((e) => e.name === "wasm.CompileLazy").length, topTierCpuMs: cpu("wasm.TopTierCompilation"),
    };
  });
} finally {
  await close();
}
for (const [p, s] of Object.entries(samples)) {
  console.log(p.padEnd(24), Object.keys(s[0]).map((k) => `${k} ${median(s.map((x) => x[k])).toFixed(1)}`).join("  "));
}
console.log(`(traced, so slower than untraced; medians of ${runs} runs)`);
