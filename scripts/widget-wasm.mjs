// The widget's module: the full module (wasm-bindgen's output, before wasm-opt) minus the
// exports that no reader's page calls: story grouping (Analyzer.stories) and file decoding
// (Analyzer.analyzeBytes), used by the workbench only. wasm-metadce drops them and all the code
// only they reach (measured: 25 KB gzip). The same glue (pkg/loupe.js) loads either module:
// the widget's imports are a subset of the full module's, and the glue calls an export only
// when its method is called. Run by scripts/build.sh.
// Usage: node scripts/widget-wasm.mjs IN.wasm OUT.wasm (OUT still needs wasm-opt);
//        node scripts/widget-wasm.mjs --check GLUE.js WIDGET.wasm (the glue loads it and analyses).
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const WORKBENCH_ONLY = ["analyzer_stories", "analyzer_analyzeBytes"];

const [input, output] = process.argv.slice(2);
if (input === "--check") {
  await check(output, process.argv[4]);
  process.exit(0);
}
const exports = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(input))).map((e) => e.name);
for (const name of WORKBENCH_ONLY) if (!exports.includes(name)) throw new Error(`widget-wasm: no export ${name} in ${input}; update WORKBENCH_ONLY`);
// Every other export is a root of the reachability graph.
const graph = exports.filter((e) => !WORKBENCH_ONLY.includes(e)).map((e, i) => ({ name: `export${i}`, export: e, root: true }));
const dir = mkdtempSync(join(tmpdir(), "loupe-widget-"));
try {
  writeFileSync(join(dir, "graph.json"), JSON.stringify(graph));
  const metadce = fileURLToPath(new URL("../node_modules/.bin/wasm-metadce", import.meta.url));
  // Its report (the unused imports and exports) is not needed: the check below covers the glue.
  const features = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"];
  execFileSync(metadce, [...features, "-f", join(dir, "graph.json"), input, "-o", output], { stdio: ["ignore", "ignore", "inherit"] });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** The glue instantiates the widget's module (a LinkError if it lacks an import) and analyses. */
async function check(glue, wasm) {
  const dir = mkdtempSync(join(tmpdir(), "loupe-widget-"));
  try {
    // The web glue is an ES module in a .js file: copied as .mjs for node.
    writeFileSync(join(dir, "loupe.mjs"), readFileSync(glue));
    const loupe = await import(join(dir, "loupe.mjs"));
    const instance = loupe.initSync({ module: readFileSync(wasm) });
    const a = new loupe.Analyzer({ language: "fr" });
    const r = a.analyze("Emmanuel Macron a rencontré Olaf Scholz à Berlin pour parler d'énergie.");
    if (!r.entities?.length || !r.keywords?.length) throw new Error("widget-wasm: the widget's module gave no entities or keyphrases");
    const left = WORKBENCH_ONLY.filter((e) => e in instance);
    if (left.length) throw new Error(`widget-wasm: ${wasm} still exports ${left}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
