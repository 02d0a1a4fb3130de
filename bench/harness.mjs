// What the browser benchmarks share: a static server over the repository (bench/page.html
// and the wasm it loads) and headless Chromium (Debian's /usr/bin/chromium + playwright-core).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, dirname, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { chromium } = createRequire(join(root, "package.json"))("playwright-core");
const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".txt": "text/plain; charset=utf-8" };

// BENCH_LATENCY_MS=n answers each request n ms late: a network round trip (a CDN, a phone), which
// localhost does not have, so that chains of requests (module imports, worker, wasm) cost what they do.
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 0);

/** Serves the repository and launches Chromium: `url` is bench/page.html; `close()` stops both. */
export async function startBench() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    if (latencyMs > 0) await new Promise((ok) => setTimeout(ok, latencyMs));
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
    // BENCH_JS_FLAGS="--no-wasm-tier-up ...": V8 flags for the page (what a cold start costs without TurboFan, etc.).
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
      ...(process.env.BENCH_JS_FLAGS ? [`--js-flags=${process.env.BENCH_JS_FLAGS}`] : [])],
  });
  return { url, browser, close: async () => { await browser.close(); server.close(); } };
}

/** The middle value (the upper one of an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * Samples builds side by side: `runs` rounds, each build once per round in a fresh browser context,
 * the order flipped every round so that the builds share the machine's noise. `sample(page, pkg)`
 * returns one sample's figures; returns {pkg: [figures per round]}.
 */
export async function alternateBuilds(browser, runs, pkgs, sample) {
  const samples = Object.fromEntries(pkgs.map((p) => [p, []]));
  for (let i = 0; i < runs; i++) {
    for (const pkg of i % 2 ? [...pkgs].reverse() : pkgs) {
      const context = await browser.newContext();
      try {
        samples[pkg].push(await sample(await context.newPage(), pkg));
      } finally {
        await context.close();
      }
    }
  }
  return samples;
}

/**
 * Prints `alternateBuilds`' samples: each build's median of each of `keys` and, for two builds, the
 * median of the per-round differences (second − first), which the machine's noise affects least.
 */
export function printMedians(pkgs, samples, keys) {
  for (const p of pkgs) console.log(p.padEnd(24), keys.map((k) => `${k} ${median(samples[p].map((s) => s[k])).toFixed(1)}`).join("  "));
  if (pkgs.length === 2) {
    const [a, b] = pkgs.map((p) => samples[p]);
    console.log("per-run difference".padEnd(24), keys.map((k) => `${k} ${median(a.map((s, i) => b[i][k] - s[k])).toFixed(1)}`).join("  "));
  }
}
