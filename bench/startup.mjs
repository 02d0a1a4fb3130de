// Start-up only (the first rows of scripts/bench.sh, repeated): loads bench/page.html in headless
// Chromium, cold (fresh browser context, nothing cached) then warm (reload), RUNS times each, and
// prints the median of each measure. Usage: node bench/startup.mjs [RUNS=5]  (after scripts/build.sh).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, dirname, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { chromium } = createRequire(join(root, "package.json"))("playwright-core");
const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".txt": "text/plain; charset=utf-8" };
const runs = Number(process.argv[2] ?? 5);

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
  await browser.close();
  server.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const kind of ["cold", "warm"]) {
  console.log(kind.padEnd(5), keys.map((k) => `${k} ${median(samples[kind].map((s) => s[k])).toFixed(1)}`).join("  "), ` (median of ${runs})`);
}
