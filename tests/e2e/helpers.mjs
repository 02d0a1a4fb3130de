// Shared e2e helpers: Debian's chromium through playwright-core, the repo's
// static server, a probed page (long tasks, layout shifts, CSP violations,
// errors, every request), screenshots kept under tests/e2e/screenshots/ for review.
import { chromium } from "playwright-core";
import { test as nodeTest } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startServer } from "../../scripts/serve.mjs";
import { glueExports } from "../../scripts/glue-exports.mjs";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
mkdirSync(SHOTS, { recursive: true });

export const SEEDS = ["000_f4f32ae1ca8a69d0.txt", "001_ffb8b093a4ec8e90.txt", "002_957b921f09bb17c1.txt", "003_9b0716382a39d7aa.txt", "004_116f1c2f58902dd8.txt"];

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
      "--no-first-run", "--disable-sync", "--disable-quic"],
  });
}

export { startServer };

/** node:test's test with a time limit: a stuck browser fails that test instead of hanging the suite. */
export const test = (name, fn) => nodeTest(name, { timeout: 180_000 }, fn);

/** Collects page errors and console errors so a test can assert there were none. */
export function watch(page) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  return errors;
}

// Runs in the page before its own scripts: long tasks, layout shifts and CSP violations from the first byte on.
function installProbes() {
  const probe = (window.__probe = { longTasks: [], shifts: 0, shiftSources: [], csp: [] });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) probe.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) {
      if (e.hadRecentInput) continue;
      probe.shifts += e.value;
      for (const s of e.sources ?? []) probe.shiftSources.push(s.node?.nodeName ?? "?");
    }
  }).observe({ type: "layout-shift", buffered: true });
  document.addEventListener("securitypolicyviolation", (e) => probe.csp.push(`${e.violatedDirective} ${e.blockedURI}`));
}

/**
 * A fresh context and page with the probes installed and every request recorded.
 * `close()` closes the context; `probe()` reads window.__probe (after the observers have delivered).
 * @param {import("playwright-core").Browser} browser
 * @param {object} contextOptions playwright newContext options (viewport, colorScheme, ...)
 */
export async function probedPage(browser, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  await context.addInitScript(installProbes);
  const page = await context.newPage();
  const errors = watch(page);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const probe = async () => {
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50))); // observers deliver asynchronously
    return page.evaluate(() => window.__probe);
  };
  return { context, page, errors, requests, probe, close: () => context.close().catch(() => {}) };
}

/**
 * The request log assertion every e2e keeps: the page asked for nothing beyond its own assets.
 * `allowed` are URL prefixes (origins); blob: and data: URLs are the page's own.
 */
export function assertOwnRequests(requests, allowed) {
  const outside = requests.filter((u) => !/^(blob|data):/.test(u) && !allowed.some((a) => u.startsWith(a)));
  assert.deepEqual(outside, [], `requests beyond the page's own assets: ${outside.join(", ")}`);
}

/** The server saw only requests for these top-level folders (www, pkg, seeds by default). */
export function assertOnlyAssets(serverLog, dirs = ["www", "pkg", "seeds"]) {
  const re = new RegExp(`^(GET|HEAD) /(${dirs.join("|")})/`);
  assert.deepEqual(serverLog.filter((l) => !re.test(l)), [], "the server saw only asset requests");
}

/** WCAG 2 contrast ratio of two CSS colours given as rgb()/rgba() or #rrggbb strings. */
export function contrast(a, b) {
  const rgb = (c) => (c.startsWith("#") ? [1, 3, 5].map((i) => parseInt(c.length === 4 ? c[(i + 1) / 2].repeat(2) : c.slice(i, i + 2), 16)) : c.match(/[\d.]+/g).slice(0, 3).map(Number));
  const lum = (c) => {
    const [r, g, bl] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

export const shot = (page, name, opts = {}) => page.screenshot({ path: `${SHOTS}${name}.png`, ...opts });

/**
 * Runs `fn` while Chromium traces, and returns the page's main-thread tasks that took over `minMs`
 * of wall time: [{wall, cpu, during}] in ms, `during` the names of the performance.measure()s the
 * task overlaps. CPU time (the trace's thread duration) is what a task costs; wall time also counts
 * the time this shared machine did not give the thread, so a long task is judged by its CPU time.
 */
export async function mainThreadTasks(browser, page, fn, minMs = 20) {
  await browser.startTracing(page, { categories: ["toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing"] });
  let buf;
  try {
    await fn();
  } finally {
    buf = await browser.stopTracing();
  }
  const parsed = JSON.parse(buf.toString());
  const events = parsed.traceEvents ?? parsed;
  // The page's own renderer: Chromium's trace also holds its other renderers (WebUI pages of its own).
  const origin = new URL(page.url()).origin;
  const pids = new Set(events.filter((e) => e.name === "FrameCommittedInBrowser" && e.args?.data?.url?.startsWith(origin)).map((e) => e.args.data.processId)
    .concat(events.filter((e) => e.cat === "blink.user_timing" && /^loupe-/.test(e.name)).map((e) => e.pid)));
  assert.ok(pids.size > 0, "the trace shows the page's renderer");
  const main = new Set(events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && pids.has(e.pid)).map((e) => `${e.pid}:${e.tid}`));
  const open = new Map();
  const measures = [];
  for (const e of events) {
    if (e.cat !== "blink.user_timing" || (e.ph !== "b" && e.ph !== "e")) continue;
    const key = `${e.pid}:${e.name}:${JSON.stringify(e.id2 ?? e.id)}`;
    if (e.ph === "b") open.set(key, e.ts);
    else if (open.has(key)) measures.push({ name: e.name, start: open.get(key), end: e.ts });
  }
  const onMain = events.filter((e) => e.ph === "X" && main.has(`${e.pid}:${e.tid}`));
  // What a costly task spent its time on: its biggest inner events (script, style, layout, GC...).
  const inside = (t) => onMain.filter((e) => e !== t && e.tid === t.tid && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && !/RunTask/.test(e.name))
    .sort((a, b) => (b.tdur ?? b.dur) - (a.tdur ?? a.dur)).slice(0, 4)
    .map((e) => `${e.name}${e.args?.data?.functionName ? `(${e.args.data.functionName})` : ""}${e.args?.data?.url ? `[${e.args.data.url.split("/").pop()}]` : ""} ${Math.round((e.tdur ?? e.dur) / 1000)}`);
  return onMain
    .filter((e) => e.name === "RunTask" && e.dur >= minMs * 1000)
    .map((e) => ({
      wall: Math.round(e.dur / 1000),
      cpu: Math.round((e.tdur ?? e.dur) / 1000),
      during: measures.filter((m) => m.start < e.ts + e.dur && m.end > e.ts).map((m) => m.name),
      ...((e.tdur ?? e.dur) > 50000 ? { spent: inside(e) } : {}),
    }));
}

/** Marker text for `faultyGlue`: an analysis of text (or a file name) containing it traps. */
export const PANIC_MARKER = "LOUPE_TEST_PANIC";

/**
 * pkg/loupe.js with a fault injected, to test what the page does when the core panics (no input
 * reaches a panic, so one is made): an Analyzer call whose text, or file name, holds PANIC_MARKER
 * runs a one-instruction wasm function, `unreachable`, and so ends in the same
 * WebAssembly.RuntimeError that a Rust panic compiled for wasm ends in. Serve it with
 * startServer({ files: { "/pkg/loupe.js": faultyGlue() } }).
 */
export function faultyGlue() {
  const glue = readFileSync(`${ROOT}pkg/loupe.js`, "utf8");
  // The minified glue binds the export to a short local name ("export{R as Analyzer,…}").
  const Analyzer = glueExports(glue).get("Analyzer");
  if (!Analyzer) throw new Error("faultyGlue: the glue no longer exports Analyzer");
  return glue + `
// ---- e2e fault injection (tests/e2e/helpers.mjs faultyGlue), never shipped
const trapModule = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 116, 0, 0, 10, 5, 1, 3, 0, 0, 11]));
for (const [method, arg] of [["analyze", 0], ["analyzeBytes", 1]]) {
  const real = ${Analyzer}.prototype[method];
  ${Analyzer}.prototype[method] = function (...args) {
    if (String(args[arg] ?? "").includes(${JSON.stringify(PANIC_MARKER)})) new WebAssembly.Instance(trapModule).exports.t();
    return real.apply(this, args);
  };
}
`;
}
