// No leak: the wasm memory after analysing 10,000 articles with one Analyzer is no larger
// than after the first 100. Run: `node --test tests/memory.test.mjs` (after scripts/build.sh).
// Wasm memory never shrinks, so its size is also the peak; the test prints both figures.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

// pkg/loupe.js is an ES module in a .js file under a package without "type": "module":
// import a copy named .mjs, and hand it the wasm bytes (initSync returns the wasm exports).
async function loadLoupe() {
  const dir = mkdtempSync(join(tmpdir(), "loupe-mem-"));
  writeFileSync(join(dir, "loupe.mjs"), readFileSync(join(root, "pkg", "loupe.js")));
  const mod = await import(join(dir, "loupe.mjs"));
  const wasm = mod.initSync({ module: readFileSync(join(root, "pkg", "loupe_bg.wasm")) });
  return { Analyzer: mod.Analyzer, memory: wasm.memory };
}

const seeds = readdirSync(join(root, "seeds")).filter((f) => f.endsWith(".txt")).sort()
  .map((f) => readFileSync(join(root, "seeds", f), "utf8").split(/\n+/).filter((p) => p.trim()));

/** Article `i`: one seed with its paragraphs rotated and a numbered line, so texts differ. */
function article(i) {
  const paras = seeds[i % seeds.length];
  const k = Math.floor(i / seeds.length) % paras.length;
  return [`Dépêche numéro ${i}`, ...paras.slice(k), ...paras.slice(0, k)].join("\n\n");
}

test("memory after 10,000 articles is no higher than after the first 100", async () => {
  const { Analyzer, memory } = await loadLoupe();
  const analyzer = new Analyzer();
  analyzer.analyze(article(0));
  const afterOne = memory.buffer.byteLength;
  for (let i = 1; i < 100; i++) analyzer.analyze(article(i));
  const after100 = memory.buffer.byteLength;
  let highlights = 0;
  for (let i = 100; i < 10_000; i++) highlights += analyzer.analyze(article(i)).highlights.start.length;
  const after10k = memory.buffer.byteLength;
  console.log(`wasm memory: after 1 article ${afterOne} B, after 100 ${after100} B, after 10,000 ${after10k} B`);
  assert.ok(highlights > 0, "the articles were really analysed");
  assert.ok(after10k <= after100, `wasm memory grew from ${after100} to ${after10k} bytes: a leak`);
  analyzer.free();
});

test("a failing analysis (error thrown into JS) leaks nothing either", async () => {
  const { Analyzer, memory } = await loadLoupe();
  const analyzer = new Analyzer({ maxInputBytes: 3000 });
  const tooBig = article(1) + article(2);
  const run = () => { try { analyzer.analyze(tooBig); } catch (e) { assert.equal(e.code, "input_too_large"); } try { analyzer.analyze("  "); } catch (e) { assert.equal(e.code, "empty_input"); } };
  for (let i = 0; i < 100; i++) run();
  const after100 = memory.buffer.byteLength;
  for (let i = 0; i < 10_000; i++) run();
  assert.ok(memory.buffer.byteLength <= after100, "memory grew on errors");
  analyzer.free();
});
