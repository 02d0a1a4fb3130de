// The headline start-up row of scripts/bench.sh (bench/page.html, cold: the page's module script to
// the first highlights of the 4 KB article, glue and wasm preloaded) for two or more builds side by
// side: a copy of page.html and page.mjs per build, under bench/out/page-ab/, that loads that build's
// pkg/ instead of /pkg; one cold load per build per run in a fresh browser context, builds taking
// turns (order flipped every run). Prints each build's medians and, for two builds, the median of
// the per-run differences (second − first). page.html's in-page suite is not run.
// Usage: node bench/page-ab.mjs RUNS PKG...   (PKG as served: /pkg, /bench/out/base/pkg)
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startBench, alternateBuilds, printMedians } from "./harness.mjs";

const runs = Number(process.argv[2] ?? 11);
const pkgs = process.argv.slice(3);
if (pkgs.length === 0) throw new Error("usage: node bench/page-ab.mjs RUNS PKG...");
const here = dirname(fileURLToPath(import.meta.url));
const pageOf = new Map();
pkgs.forEach((pkg, i) => {
  const dir = join(here, "out", "page-ab", String(i));
  mkdirSync(dir, { recursive: true });
  const html = readFileSync(join(here, "page.html"), "utf8").replaceAll('"/pkg/', `"${pkg}/`).replace("/bench/page.mjs", `/bench/out/page-ab/${i}/page.mjs`);
  const mjs = readFileSync(join(here, "page.mjs"), "utf8").replace('from "/pkg/loupe.js"', `from "${pkg}/loupe.js"`);
  if (!html.includes(`${pkg}/loupe_bg.wasm`) || !mjs.includes(`${pkg}/loupe.js`)) throw new Error("page-ab: bench/page.html or page.mjs no longer name /pkg/ as expected");
  writeFileSync(join(dir, "page.html"), html);
  writeFileSync(join(dir, "page.mjs"), mjs);
  pageOf.set(pkg, `/bench/out/page-ab/${i}/page.html`);
});
const { url, browser, close } = await startBench();
let samples;
try {
  samples = await alternateBuilds(browser, runs, pkgs, async (page, pkg) => {
    page.on("pageerror", (e) => console.error("page error:", e.message));
    await page.goto(url.replace("/bench/page.html", pageOf.get(pkg)));
    await page.waitForSelector("body[data-ready]", { state: "attached", timeout: 60000 });
    return page.evaluate(() => window.startup);
  });
} finally {
  await close();
}
printMedians(pkgs, samples, ["firstResultMs", "wasmInitMs", "analyzerNewMs", "firstAnalyzeMs"]);
const over = (p) => samples[p].filter((s) => s.firstResultMs > 100).length;
console.log(`(cold, medians of ${runs} runs, ms; samples over 100 ms: ${pkgs.map((p) => `${p} ${over(p)}`).join(", ")})`);
