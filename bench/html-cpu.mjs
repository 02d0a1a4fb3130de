// HTML extraction in headless Chromium, timed by the renderer main thread's CPU time (CDP
// Performance.getMetrics "ThreadTime") as well as wall time: Loupe's bench wasm
// (benchExtractHtml) beside DOMParser + textContent, in the same run. On a shared, loaded
// machine wall time can be inflated several times; CPU time much less.
// Needs bench/out/pkg-bench (scripts/bench.sh builds it) and the corpus (node bench/make-corpus.mjs).
// `node bench/html-cpu.mjs [/bench/out/news-1m.html] [/bench/out/pkg-bench]` (paths on the bench server).
import { startBench } from "./harness.mjs";

const pagePath = process.argv[2] ?? "/bench/out/news-1m.html";
const pkg = process.argv[3] ?? "/bench/out/pkg-bench";
const { url, browser, close } = await startBench();
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url); // bench/page.html: its start-up only, the suite is not run
  await page.waitForSelector("body[data-ready]", { state: "attached", timeout: 60000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
  await page.evaluate(async ({ pagePath, pkg }) => {
    const m = await import(`${pkg}/loupe.js`);
    await m.default({ module_or_path: `${pkg}/loupe_bg.wasm` });
    window.benchPkg = m;
    window.benchPage = await (await fetch(pagePath)).text();
  }, { pagePath, pkg });
  const metrics = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((x) => [x.name, x.value]));
  const bytes = await page.evaluate(() => new TextEncoder().encode(window.benchPage).length);
  const measures = {
    loupe_extract_html: "benchPkg.benchExtractHtml(benchPage)",
    domparser_text: "new DOMParser().parseFromString(benchPage, 'text/html').body.textContent.length",
  };
  const reps = 5;
  const rows = [];
  for (const [what, code] of Object.entries(measures)) {
    await page.evaluate((code) => { const f = new Function(code); for (let i = 0; i < 5; i++) f(); }, code); // warm-up
    const runs = [];
    for (let k = 0; k < 12; k++) {
      const a = await metrics();
      const wall = await page.evaluate(({ code, reps }) => {
        const f = new Function(code);
        const t = performance.now();
        for (let i = 0; i < reps; i++) f();
        return (performance.now() - t) / reps;
      }, { code, reps });
      const b = await metrics();
      runs.push({ cpu: ((b.ThreadTime - a.ThreadTime) * 1e3) / reps, wall });
    }
    const sorted = (k) => runs.map((r) => r[k]).sort((x, y) => x - y);
    const mibs = (ms) => +(bytes / 1048576 / (ms / 1e3)).toFixed(1);
    const [cpu, wall] = [sorted("cpu"), sorted("wall")];
    rows.push({ what, file: pagePath, bytes, cpuBestMs: +cpu[0].toFixed(2), cpuMedianMs: +cpu[6].toFixed(2), cpuMiBs: mibs(cpu[0]), wallBestMs: +wall[0].toFixed(2), wallMedianMs: +wall[6].toFixed(2), wallMiBs: mibs(wall[0]) });
  }
  console.table(rows);
} finally {
  await close();
}
