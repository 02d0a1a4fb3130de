// Where the page's thread spends a cold start-up, by wasm/JS function, for two or more builds side by side:
// bench/startup.html (?pkg=DIR&warm=0 unless STARTUP_QUERY says otherwise) traced with V8's sampling
// profiler (`disabled-by-default-v8.cpu_profiler`) in a fresh browser context per sample, the builds
// taking turns. Prints, per build, the median first analysis and the functions with the most samples
// (self time summed over runs / runs, ms) between `new Analyzer` and the end of the first analysis.
// Needs a module with its name section to show names (else "wasm-function[i]").
// Usage: node bench/startup-profile.mjs RUNS PKG...   (e.g. /bench/out/a/pkg /bench/out/b/pkg)
import { startBench, alternateBuilds, median } from "./harness.mjs";

const runs = Number(process.argv[2] ?? 5);
const pkgs = process.argv.slice(3);
if (pkgs.length === 0) throw new Error("usage: node bench/startup-profile.mjs RUNS PKG...");
const query = process.env.STARTUP_QUERY ?? "warm=0";
const top = Number(process.env.PROFILE_TOP ?? 25);
const { url, browser, close } = await startBench();
let samples;
try {
  samples = await alternateBuilds(browser, runs, pkgs, async (page, pkg) => {
    await browser.startTracing(page, { categories: ["disabled-by-default-v8.cpu_profiler", "blink.user_timing"] });
    await page.goto(url.replace("page.html", `startup.html?pkg=${encodeURIComponent(pkg)}&${query}&marks=1`));
    await page.waitForSelector("body[data-ready]", { state: "attached", timeout: 60000 });
    const { firstAnalyzeMs } = await page.evaluate(() => window.startup);
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const mark = (name) => events.find((e) => e.name === name && e.cat.includes("user_timing"))?.ts;
    const [from, to] = [mark("loupe-new"), mark("loupe-first-done")];
    // Samples: ProfileChunk events of the profile whose nodes are wasm/JS frames.
    const nodes = new Map(), self = new Map();
    const byProfile = new Map();
    for (const e of events.filter((e) => e.name === "Profile" || e.name === "ProfileChunk")) {
      const id = `${e.pid}:${e.id}`;
      if (!byProfile.has(id)) byProfile.set(id, { start: 0, chunks: [] });
      if (e.name === "Profile") byProfile.get(id).start = e.args.data.startTime;
      else byProfile.get(id).chunks.push(e.args.data);
    }
    for (const { start, chunks } of byProfile.values()) {
      let t = start;
      for (const c of chunks) {
        for (const n of c.cpuProfile?.nodes ?? []) nodes.set(n.id, n.callFrame);
        const s = c.cpuProfile?.samples ?? [], d = c.timeDeltas ?? [];
        for (let i = 0; i < s.length; i++) {
          t += d[i];
          const dt = (d[i + 1] ?? 0) / 1000;
          if (t < from || t > to) continue;
          const f = nodes.get(s[i]);
          const name = f ? `${f.functionName || "(anonymous)"}` : "?";
          self.set(name, (self.get(name) ?? 0) + dt);
        }
      }
    }
    return { firstAnalyzeMs, self };
  });
} finally {
  await close();
}
for (const [p, s] of Object.entries(samples)) {
  const total = new Map();
  for (const { self } of s) for (const [k, v] of self) total.set(k, (total.get(k) ?? 0) + v / s.length);
  const sum = [...total.values()].reduce((a, b) => a + b, 0);
  console.log(`${p}: first analysis median ${median(s.map((x) => x.firstAnalyzeMs)).toFixed(1)} ms; sampled ${sum.toFixed(1)} ms per run`);
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${v.toFixed(2).padStart(7)}  ${k.replace(/\[[0-9a-f]{16}\]/g, "").slice(0, 140)}`);
}
