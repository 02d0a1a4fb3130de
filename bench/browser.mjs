// Runs bench/page.html in headless Chromium (Debian's /usr/bin/chromium + playwright-core):
// cold and warm start-up, then the in-page suite. Prints one JSON object on stdout.
// Alone, for iterating: `BENCH_QUICK=1 node bench/browser.mjs > bench/out/browser.json`.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, dirname, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { chromium } = createRequire(join(root, "package.json"))("playwright-core");
const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".txt": "text/plain; charset=utf-8" };

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream", "cache-control": "max-age=3600" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const url = `http://127.0.0.1:${server.address().port}/bench/page.html`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps"],
});
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
  // BENCH_QUICK=1: the 1 MiB text only, shorter budgets, no mark.js. BENCH_VARIANTS="label=url,...":
  // other builds of the module to time analyze with (scripts/bench.sh adds opt-level "s").
  const variants = (process.env.BENCH_VARIANTS ?? "").split(",").filter(Boolean).map((v) => {
    const [label, url] = v.split("=");
    return { label, url };
  });
  const suite = await page.evaluate((o) => window.runBench(o), { quick: !!process.env.BENCH_QUICK, variants });
  const chromiumVersion = browser.version();
  console.log(JSON.stringify({ chromium: chromiumVersion, cold, warm, ...suite }));
} finally {
  await browser.close();
  server.close();
}
