// Runs bench/page.html in headless Chromium (Debian's /usr/bin/chromium + playwright-core):
// cold and warm start-up (and bench/startup.html: after a warm-up), then the in-page suite. Prints one JSON object on stdout.
// Alone, for iterating: `BENCH_QUICK=1 node bench/browser.mjs > bench/out/browser.json`.
import { startBench } from "./harness.mjs";

const { url, browser, close } = await startBench();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await page.goto(url);
  await page.waitForSelector("body[data-ready]", { state: "attached", timeout: 60000 });
  const cold = await page.evaluate(() => window.startup);
  await page.reload();
  await page.waitForSelector("body[data-ready]", { state: "attached", timeout: 60000 });
  const warm = await page.evaluate(() => window.startup);
  // First highlights once warmed up (bench/startup.html: warm() steps, then the article), in a fresh context.
  const warmedContext = await browser.newContext();
  const warmedPage = await warmedContext.newPage();
  await warmedPage.goto(url.replace("page.html", "startup.html"));
  await warmedPage.waitForSelector("body[data-ready]", { state: "attached", timeout: 60000 });
  const warmedUp = await warmedPage.evaluate(() => window.startup);
  await warmedContext.close();
  // BENCH_QUICK=1: the 1 MiB text only, shorter budgets, no mark.js. BENCH_VARIANTS="label=url,...":
  // other builds of the module to time analyze with (scripts/bench.sh adds opt-level "s").
  const variants = (process.env.BENCH_VARIANTS ?? "").split(",").filter(Boolean).map((v) => {
    const [label, url] = v.split("=");
    return { label, url };
  });
  // BENCH_ONLY=js_tokenize_stem,loupe_tokenize_stem: only these rows (names as in the output).
  const only = (process.env.BENCH_ONLY ?? "").split(",").filter(Boolean);
  const suite = await page.evaluate((o) => window.runBench(o), { quick: !!process.env.BENCH_QUICK, variants, only });
  const chromiumVersion = browser.version();
  console.log(JSON.stringify({ chromium: chromiumVersion, cold, warm, warmedUp, ...suite }));
} finally {
  await close();
}
