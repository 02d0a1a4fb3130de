// Cold start-up of two (or more) builds side by side, in headless Chromium: bench/startup.html
// (?pkg=DIR, see bench/startup-page.mjs) in a fresh browser context per sample, the builds taking
// turns and their order flipped every run, so that they share the machine's noise. Prints each
// build's medians and, for two builds, the median of the per-run differences (second − first).
// Usage: node bench/startup-ab.mjs RUNS PKG_A PKG_B   (e.g. /bench/out/base/pkg /pkg; a build's
// pkg/ copied under the repository root, such as main's from `git worktree`)
// STARTUP_QUERY=warm=0 (default): no warm-up, the first analysis pays for every table;
// STARTUP_QUERY=warm=1: each Analyzer.warm() step timed alone (warm0 gazetteer, warm1 given names,
// then per language, French first: word tables and stop words, topic triggers, a short analysis).
import { startBench, alternateBuilds, printMedians } from "./harness.mjs";

const runs = Number(process.argv[2] ?? 11);
const pkgs = process.argv.slice(3);
if (pkgs.length === 0) throw new Error("usage: node bench/startup-ab.mjs RUNS PKG...");
const query = process.env.STARTUP_QUERY ?? "warm=0";
const { url, browser, close } = await startBench();
let samples;
try {
  samples = await alternateBuilds(browser, runs, pkgs, async (page, pkg) => {
    page.on("pageerror", (e) => console.error("page error:", e.message));
    await page.goto(url.replace("page.html", `startup.html?pkg=${encodeURIComponent(pkg)}&${query}`));
    await page.waitForSelector("body[data-ready]", { state: "attached", timeout: 60000 });
    return page.evaluate(() => window.startup);
  });
} finally {
  await close();
}
printMedians(pkgs, samples, Object.keys(samples[pkgs[0]][0]).filter((k) => k !== "highlights"));
console.log(`(${query}; medians of ${runs} runs, ms)`);
