// Minifies the wasm glue (pkg/loupe.js) in place with esbuild: white space, comments and
// syntax only. Every page downloads the glue (-1.1 KB gzip); names are kept, so the e2e fault
// injection (tests/e2e/helpers.mjs faultyGlue) can still patch `Analyzer`. Run last in
// scripts/build.sh: scripts/build-single.mjs reads the glue line by line before this.
// Usage: node scripts/minify-glue.mjs pkg/loupe.js
import { readFileSync, writeFileSync } from "node:fs";
import { transformSync } from "esbuild";

const path = process.argv[2] ?? "pkg/loupe.js";
const src = readFileSync(path, "utf8");
const { code } = transformSync(src, { format: "esm", minifyWhitespace: true, minifySyntax: true, target: "es2022", legalComments: "none" });
// The names the pages import must still be exported.
for (const name of ["Analyzer", "default"]) {
  if (!new RegExp(`export\\s*\\{[^}]*\\b${name === "default" ? "as default" : name}\\b`).test(code) && !code.includes(`class ${name}`)) {
    throw new Error(`minify-glue: ${name} is no longer exported`);
  }
}
writeFileSync(path, code);
console.error(`minify-glue: ${path} ${src.length} -> ${code.length} B`);
