// Which files each kind of page actually fetches, measured in headless Chromium from the
// server's request log: the size table (bench/report.mjs) sums exactly these per page.
// Prints JSON {pageKind: {what, files: [repo paths]}} (scripts/bench.sh writes it to
// bench/out/page-files.json). Usage: node bench/page-files.mjs > bench/out/page-files.json
import { startServer } from "../scripts/serve.mjs";
import { launch } from "../tests/e2e/helpers.mjs";

// Not Loupe's download: the mock news site's own page, styles and script; the reader's sample articles.
const HOST_OWN = new Set(["/www/widget-demo.html", "/www/demo-site.css", "/www/demo-site.js"]);
const isLoupeAsset = (path) => !HOST_OWN.has(path) && !path.startsWith("/seeds/");

/** Loads `path`, runs `until` (the page's first result), returns the repo files the server sent. */
async function filesFetched(browser, path, until, contextOptions = {}, initScript = null) {
  const log = [];
  const server = await startServer({ log });
  const context = await browser.newContext(contextOptions);
  try {
    const page = await context.newPage();
    if (initScript) await page.addInitScript(initScript);
    await page.goto(server.url + path);
    await until(page);
    await page.waitForTimeout(500); // late requests (service worker, lazy modules)
  } finally {
    await context.close();
    await server.close();
  }
  const paths = log.filter((l) => l.startsWith("GET ")).map((l) => l.slice(4).replace(/\/$/, "/index.html"));
  return [...new Set(paths)].filter(isLoupeAsset).map((p) => p.slice(1)).sort();
}

const browser = await launch();
const out = {};
try {
  // A news page with the widget: its module script, the worker, the glue and the wasm; until the highlights.
  const analysed = (page) => page.waitForFunction(() => document.querySelector("loupe-article")?.result, null, { timeout: 60_000 });
  out.widget = { what: "news page with the widget (www/widget-define.js, analysis in the worker)", files: await filesFetched(browser, "/www/widget-demo.html", analysed) };
  // The same page where no worker may start (CDN assets under a strict CSP): the widget falls
  // back to main-thread.js instead of worker.js. Simulated by a Worker constructor that refuses.
  out.widgetMainThread = {
    what: "news page with the widget, no worker allowed (main-thread.js instead of worker.js)",
    files: await filesFetched(browser, "/www/widget-demo.html", async (page) => analysed(page), {}, () => {
      globalThis.Worker = function Worker() { throw new DOMException("no worker here", "SecurityError"); };
    }),
  };
  // The workbench: page, styles, app, worker, wasm, service worker; until the first sample is analysed.
  out.workbench = {
    what: "workbench (www/index.html), one sample analysed",
    files: await filesFetched(browser, "/www/", async (page) => {
      await page.locator("#seed-buttons button").first().click();
      await page.waitForSelector("#doc-text mark.hl", { timeout: 60_000 });
    }),
  };
} finally {
  await browser.close();
}
console.log(JSON.stringify(out, null, 2));
