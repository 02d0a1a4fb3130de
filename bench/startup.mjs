// Start-up only, with its attribution (the first rows of scripts/bench.sh, repeated), in headless
// Chromium: each run opens a fresh browser context (cold: nothing cached), then reloads (warm).
//  1. bench/page.html, as scripts/bench.sh measures it: module script → first highlights.
//  2. bench/startup.html per build (PKG: /pkg, or another build's directory under the repo root
//     served alike, e.g. a copy of main's pkg/ in bench/out/pkg-base), alternating builds in
//     each run so that they share the machine's noise:
//     - "from import": import the glue, init (streaming compile), new Analyzer, first analysis;
//     - "warmed up": the same with every Analyzer.warm() step timed alone (warm0…) before the
//       first analysis: where the first-use set-up goes, and the figure once warmed up.
//  3. www/widget-demo.html, the widget as a site embeds it (worker, default loading="idle", the
//     article in view at load): navigation start → the widget's loupe-analyzed event (highlights set).
//     STARTUP_WIDGET_ROOTS="/bench/out/main" also times that copy of another build's www/ and pkg/
//     (e.g. `git worktree`'s or main's, copied under bench/out/main/), alternating with this one.
// BENCH_LATENCY_MS=50 (bench/harness.mjs) answers each request 50 ms late, as a network would: the
// widget's chain of requests (widget-define → widget → client, worker → glue → wasm) then costs its round trips.
// Prints medians. Usage: node bench/startup.mjs [RUNS=5] [PKG...]  (after scripts/build.sh).
import { startBench, median } from "./harness.mjs";

const runs = Number(process.argv[2] ?? 5);
const pkgs = process.argv.length > 3 ? process.argv.slice(3) : ["/pkg"];
const { url, browser, close } = await startBench();
const startupUrl = url.replace("page.html", "startup.html");
const samples = new Map(); // label → [window.startup]
const widgetRoots = ["", ...(process.env.STARTUP_WIDGET_ROOTS ?? "").split(/\s+/).filter(Boolean)];

async function load(label, target) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (target.includes("widget-demo")) {
    await page.addInitScript(() => document.addEventListener("loupe-analyzed", () => {
      window.startup = { navigationToHighlightsMs: performance.now() };
      document.body.dataset.ready = "1";
    }));
  }
  page.on("pageerror", (e) => console.error("page error:", e.message));
  try {
    for (const kind of ["cold", "warm"]) {
      if (kind === "cold") await page.goto(target);
      else {
        // V8 writes a module's compiled code to Chrome's cache once enough of it is optimised or after
        // a delay: STARTUP_RELOAD_DELAY_MS=3000 reloads after that (default: at once).
        await page.waitForTimeout(Number(process.env.STARTUP_RELOAD_DELAY_MS ?? 0));
        await page.reload();
      }
      await page.waitForSelector("body[data-ready]", { state: "attached", timeout: 60000 });
      const key = `${label} ${kind}`;
      if (!samples.has(key)) samples.set(key, []);
      samples.get(key).push(await page.evaluate(() => window.startup));
    }
  } finally {
    await context.close();
  }
}

try {
  for (let i = 0; i < runs; i++) {
    await load("page.html", url);
    for (const root of widgetRoots) {
      await load(`${root || "."}/www/widget-demo.html`, url.replace("/bench/page.html", `${root}/www/widget-demo.html`));
    }
    for (const pkg of pkgs) {
      await load(`${pkg} from import`, `${startupUrl}?pkg=${encodeURIComponent(pkg)}&warm=0`);
      await load(`${pkg} warmed up`, `${startupUrl}?pkg=${encodeURIComponent(pkg)}`);
    }
  }
} finally {
  await close();
}
const skip = new Set(["memoryAfterOneArticle", "highlights"]);
for (const [label, s] of samples) {
  const keys = Object.keys(s[0]).filter((k) => !skip.has(k));
  console.log(label.padEnd(28), keys.map((k) => `${k} ${median(s.map((x) => x[k])).toFixed(1)}`).join("  "));
}
console.log(`(medians of ${runs} runs, ms)`);
