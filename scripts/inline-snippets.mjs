// Folds wasm-bindgen's `inline_js` snippets (pkg/snippets/*/inline*.js, imported by the glue)
// into the glue itself, so the web build stays one glue file: one request fewer, and the
// copies of the glue made elsewhere (scripts/build-single.mjs, tests/memory.test.mjs) work
// unchanged. Usage: node scripts/inline-snippets.mjs pkg
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "pkg";
const gluePath = join(dir, "loupe.js");
let glue = readFileSync(gluePath, "utf8");
glue = glue.replace(/^import \{([^}]*)\} from '\.\/(snippets\/[^']+\.js)';\n/gm, (line, names, path) => {
  const src = readFileSync(join(dir, path), "utf8").replace(/^export (function|const|class) /gm, "$1 ");
  // Each imported name must be defined by the snippet under the same name.
  for (const name of names.split(",").map((n) => n.trim()).filter(Boolean)) {
    if (!new RegExp(`^(function|const|class) ${name}\\b`, "m").test(src)) throw new Error(`inline-snippets: ${name} not found in ${path}`);
  }
  return `// ---- ${path} (inlined by scripts/inline-snippets.mjs)\n${src.trim()}\n`;
});
if (/from '\.\/snippets\//.test(glue)) throw new Error("inline-snippets: a snippet import is left in the glue");
writeFileSync(gluePath, glue);
rmSync(join(dir, "snippets"), { recursive: true, force: true });
