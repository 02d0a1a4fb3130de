#!/usr/bin/env node
// Baseline: Mozilla Readability.js (pinned in eval/node/package.json) on every source.html,
// parsed with jsdom at the URL the fixtures were made with. Writes
// out/extraction/readability.pred.jsonl ({name, html, title, byline, date}) and scores it
// with extlib.py (the article HTML goes through the same html_to_text as the ground truth).
import { createRequire } from "node:module";
import { readFileSync, readdirSync, existsSync, writeFileSync, mkdirSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";

const here = dirname(fileURLToPath(import.meta.url));
const evalDir = resolve(here, "..");
const repo = resolve(evalDir, "..");
const require = createRequire(join(evalDir, "node", "package.json"));
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");
const readabilityVersion = require("@mozilla/readability/package.json").version;

function evalDev() {
  if (process.env.EVAL_DEV) return process.env.EVAL_DEV;
  for (const c of ["/work/shared/eval-dev", resolve(repo, "..", "shared", "eval-dev")]) if (existsSync(c)) return c;
  throw new Error("eval-dev not found: set EVAL_DEV");
}
const pagesDir = join(evalDev(), "extraction", "readability-test-pages", "test", "test-pages");
const outDir = join(process.env.EVAL_OUT || join(evalDir, "out"), "extraction");
mkdirSync(outDir, { recursive: true });

const names = readdirSync(pagesDir).filter((n) => existsSync(join(pagesDir, n, "source.html"))).sort();
const quiet = new VirtualConsole(); // swallow page-script and CSS parse noise
const lines = [];
const t0 = performance.now();
for (const name of names) {
  const html = readFileSync(join(pagesDir, name, "source.html"), "utf-8");
  let rec = { name, html: "" };
  try {
    const dom = new JSDOM(html, { url: "http://fakehost/test/page.html", virtualConsole: quiet });
    const art = new Readability(dom.window.document).parse();
    if (art) rec = { name, html: art.content || "", title: art.title, byline: art.byline, date: art.publishedTime };
    dom.window.close();
  } catch (e) {
    process.stderr.write(`readability failed on ${name}: ${e.message}\n`);
  }
  lines.push(JSON.stringify(rec));
}
const secs = (performance.now() - t0) / 1000;
const pred = join(outDir, "readability.pred.jsonl");
writeFileSync(pred, lines.join("\n") + "\n");
const python = process.env.PYTHON || (existsSync(join(repo, ".venv", "bin", "python")) ? join(repo, ".venv", "bin", "python") : "python3");
execFileSync(python, [join(here, "extlib.py"), "score", "--system", `readability.js-${readabilityVersion}`,
  "--pred", pred, "--seconds", secs.toFixed(2)], { stdio: "inherit" });
