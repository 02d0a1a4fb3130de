// Start-up only (the first rows of scripts/bench.sh, repeated): loads bench/page.html in headless
// Chromium, cold (fresh browser context, nothing cached) then warm (reload), RUNS times each, and
// prints the median of each measure. Usage: node bench/startup.mjs [RUNS=5]  (after scripts/build.sh).
import { startBench } from "./harness.mjs";

const runs = Number(process.argv[2] ?? 5);
const { url, browser, close } = await startBench();
const keys = ["firstResultMs", "wasmInitMs", "analyzerNewMs", "firstAnalyzeMs"];
const samples = { cold: [], warm: [] };
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    for (const kind of ["cold", "warm"]) {
      if (kind === "cold") await page.goto(url); else await page.reload();
      await page.waitForSelector("body[data-ready]", { state: "attached", timeout: 60000 });
      samples[kind].push(await page.evaluate(() => window.startup));
    }
    await context.close();
  }
} finally {
  await close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const kind of ["cold", "warm"]) {
  console.log(kind.padEnd(5), keys.map((k) => `${k} ${median(samples[kind].map((s) => s[k])).toFixed(1)}`).join("  "), ` (median of ${runs})`);
}
