// Builds dist/loupe.html: the workbench as one self-contained file (wasm,
// JS, CSS and the sample articles inlined) that works opened straight from
// disk with no network. The (classic) worker starts from a blob: URL holding the wasm
// glue, the worker code and the wasm bytes (base64). Run after scripts/build.sh.
// Also dist/loupe-widget.js: the widget as one ES module with the wasm inlined, for
// sites that want a single file (see www/README.md).
import { readFileSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { EXPORT_CLAUSES, exportBindings } from "./glue-exports.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const read = (p) => readFileSync(root + p, "utf8");
const SEEDS = ["000_f4f32ae1ca8a69d0.txt", "001_ffb8b093a4ec8e90.txt", "002_957b921f09bb17c1.txt", "003_9b0716382a39d7aa.txt", "004_116f1c2f58902dd8.txt"];

/** Removes the static import lines of our own modules (they are concatenated instead). */
const stripImports = (src) => src.replace(/^import\s[^;]*?from\s+"[^"]+";\s*$/gm, "");
/** A JS string literal safe inside an inline <script> (no "</script", no "<!--"). */
const jsString = (s) => JSON.stringify(s).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

// A classic worker: Chromium refuses module workers from blob: URLs in a file:// page.
// (The glue may be minified, scripts/minify-glue.mjs: statements need not start lines, and the
// exported names may be bound to other local names, "export{R as Analyzer,q as default}": those
// become "const Analyzer = R; const __wbg_init = q;", the names the code below uses.)
const unexport = (src) => src.replace(EXPORT_CLAUSES, (_, before, list) => before + [...exportBindings(list)]
  .map(([name, local]) => [name === "default" ? "__wbg_init" : name, local])
  .filter(([name, local]) => local !== name).map(([name, local]) => `const ${name} = ${local};`).join(""));
const glue = unexport(read("pkg/loupe.js"))
  .replace(/(^|[;}])\s*export (class|function|const) /gm, "$1$2 ")
  .replace(/import\.meta\.url/g, "self.location.href");
if (/(^|[;{}])\s*(export|import)\b(?!\()/m.test(glue)) throw new Error("build-single: the wasm glue has module syntax this script does not handle");
const worker = read("www/worker.js").replace('import init, * as loupe from "../pkg/loupe.js";', "const init = __wbg_init;\nconst loupe = { Analyzer };");
if (worker.includes("../pkg/loupe.js")) throw new Error("build-single: worker.js import line changed; update this script");
// The workbench needs the full module (story grouping, analyzeBytes); the widget, below, its own.
const fullWasm = readFileSync(root + "pkg/loupe_full_bg.wasm").toString("base64");
const wasm = readFileSync(root + "pkg/loupe_bg.wasm").toString("base64");
const workerSrc = `${glue}\nself.LOUPE_WASM = Uint8Array.from(atob(${JSON.stringify(fullWasm)}), (c) => c.charCodeAt(0));\n${worker}`;

const seeds = Object.fromEntries(SEEDS.map((s) => [s, read(`seeds/${s}`)]));
const app = ["www/i18n.js", "www/client.js", "www/export.js", "www/app.js"].map((p) => `// ---- ${p}\n${stripImports(read(p))}`).join("\n");
if (/^import\s/m.test(app)) throw new Error("build-single: an import is left in the page script");

const boot = `
globalThis.LOUPE_NO_SW = true;
globalThis.LOUPE_SEEDS = ${jsString(JSON.stringify(seeds))};
globalThis.LOUPE_SEEDS = JSON.parse(globalThis.LOUPE_SEEDS);
globalThis.LOUPE_CLIENT_OPTIONS = { spawn: () => {
  const url = URL.createObjectURL(new Blob([${jsString(workerSrc)}], { type: "text/javascript" }));
  return new Worker(url);
} };`;

let html = read("www/index.html");
html = html
  .replace('<link rel="stylesheet" href="style.css">', () => `<style>\n${read("www/style.css")}</style>`)
  .replace('<script type="module" src="app.js"></script>', () => `<script>${boot}</script>\n<script type="module">\n${app.replace(/<\/script/gi, "<\\/script")}\n</script>`);
if (/src="[^"d]|href="(?!data:|#)/.test(html.replace(/<script[\s\S]*?<\/script>/g, ""))) throw new Error("build-single: a reference to an outside file is left");

mkdirSync(root + "dist", { recursive: true });
writeFileSync(root + "dist/loupe.html", html);
console.error(`build-single: dist/loupe.html ${(statSync(root + "dist/loupe.html").size / 1024).toFixed(0)} KB`);

// ---- dist/loupe-widget.js: each source module in its own function scope, wired by name.
/** A module's body as an expression returning `names`; `replace` rewrites its imports first. */
function scoped(path, names, replace = []) {
  let src = read(path);
  for (const [from, to] of replace) {
    if (!src.includes(from)) throw new Error(`build-single: "${from}" is gone from ${path}; update this script`);
    src = src.replace(from, to);
  }
  src = stripImports(src).replace(/^export (class|function|const|let) /gm, "$1 ");
  if (/^\s*(export|import)\s/m.test(src)) throw new Error(`build-single: ${path} has module syntax this script does not handle`);
  return `(() => {\n${src}\nreturn { ${names.join(", ")} };\n})()`;
}
// The worker: the wasm glue and worker.js, no wasm (the page sends the bytes in its "init" request).
const widgetWorker = `${glue}\n${worker}`;
const widget = `// Loupe widget, one file (scripts/build-single.mjs): <script type="module" src="loupe-widget.js"></script>
// and <loupe-article for="#story">. The wasm is inlined (base64); the analysis runs in a worker started
// from a blob: URL, or on the main thread in short tasks where the page's CSP forbids that.
const { __wbg_init, Analyzer } = (() => {\n${glue.replace(/import\.meta\.url/g, "location.href")}\nreturn { __wbg_init, Analyzer };\n})();
const LOUPE_WASM_BASE64 = ${JSON.stringify(wasm)};
let wasmBytes = null;
/** Decoded on first use (when an article is analysed), not when the script loads. */
function loupeWasm() {
  if (!wasmBytes) {
    const bin = atob(LOUPE_WASM_BASE64);
    wasmBytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) wasmBytes[i] = bin.charCodeAt(i);
  }
  return wasmBytes;
}
const { startWorker, loupeError, LoupeClient } = ${scoped("www/client.js", ["startWorker", "loupeError", "LoupeClient"])};
const { MainThreadRunner } = ${scoped("www/main-thread.js", ["MainThreadRunner"], [['import init, * as loupe from "../pkg/loupe.js";', "const init = __wbg_init;\nconst loupe = { Analyzer };"]])};
const { LoupeArticleElement, COLOURS } = ${scoped("www/widget.js", ["LoupeArticleElement", "COLOURS"], [['import("./main-thread.js")', "Promise.resolve({ MainThreadRunner })"]])};
LoupeArticleElement.embedded = {
  wasm: loupeWasm,
  spawnWorker: () => {
    const url = URL.createObjectURL(new Blob([${jsString(widgetWorker)}], { type: "text/javascript" }));
    try { return new Worker(url); } finally { setTimeout(() => URL.revokeObjectURL(url), 10_000); }
  },
};
try {
  LoupeArticleElement.define();
} catch (e) {
  if (!(e instanceof DOMException && e.name === "NotSupportedError")) throw e;
}
export { LoupeArticleElement, COLOURS };
`;
writeFileSync(root + "dist/loupe-widget.js", widget);
console.error(`build-single: dist/loupe-widget.js ${(statSync(root + "dist/loupe-widget.js").size / 1024).toFixed(0)} KB`);
