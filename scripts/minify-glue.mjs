// Minifies the wasm glue (pkg/loupe.js) in place with esbuild: every page downloads it
// (17.0 -> 7.3 KB raw, -1.6 KB gzip). Exported names stay; local ones are shortened, so code that
// patches the glue (tests/e2e/helpers.mjs faultyGlue, scripts/build-single.mjs) reads the
// local names from its export clause.
// Usage: node scripts/minify-glue.mjs pkg/loupe.js
import { readFileSync, writeFileSync } from "node:fs";
import { transformSync } from "esbuild";
import { glueExports } from "./glue-exports.mjs";

const path = process.argv[2] ?? "pkg/loupe.js";
const src = readFileSync(path, "utf8");
const { code } = transformSync(src, { format: "esm", minify: true, target: "es2022", legalComments: "none" });
// The names the pages import must still be exported.
const exported = glueExports(code);
for (const name of ["Analyzer", "default"]) {
  if (!exported.has(name)) throw new Error(`minify-glue: ${name} is no longer exported`);
}
writeFileSync(path, code);
console.error(`minify-glue: ${path} ${src.length} -> ${code.length} B`);
