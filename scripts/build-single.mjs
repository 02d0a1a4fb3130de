// Builds dist/loupe.html: the workbench as one self-contained file (wasm,
// JS, CSS and the sample articles inlined) that works opened straight from
// disk with no network. The (classic) worker starts from a blob: URL holding the wasm
// glue, the worker code and the wasm bytes (base64). Run after scripts/build.sh.
import { readFileSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const read = (p) => readFileSync(root + p, "utf8");
const SEEDS = ["000_f4f32ae1ca8a69d0.txt", "001_ffb8b093a4ec8e90.txt", "002_957b921f09bb17c1.txt", "003_9b0716382a39d7aa.txt", "004_116f1c2f58902dd8.txt"];

/** Removes the static import lines of our own modules (they are concatenated instead). */
const stripImports = (src) => src.replace(/^import\s[^;]*?from\s+"[^"]+";\s*$/gm, "");
/** A JS string literal safe inside an inline <script> (no "</script", no "<!--"). */
const jsString = (s) => JSON.stringify(s).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

// A classic worker: Chromium refuses module workers from blob: URLs in a file:// page.
const glue = read("pkg/loupe.js")
  .replace(/^export \{[^}]*\};?\s*$/m, "")
  .replace(/^export (class|function|const) /gm, "$1 ")
  .replace(/import\.meta\.url/g, "self.location.href");
if (/^\s*(export|import)\s/m.test(glue)) throw new Error("build-single: the wasm glue has module syntax this script does not handle");
const worker = read("www/worker.js").replace('import init, * as loupe from "../pkg/loupe.js";', "const init = __wbg_init;\nconst loupe = { Analyzer };");
if (worker.includes("../pkg/loupe.js")) throw new Error("build-single: worker.js import line changed; update this script");
const wasm = readFileSync(root + "pkg/loupe_bg.wasm").toString("base64");
const workerSrc = `${glue}\nself.LOUPE_WASM = Uint8Array.from(atob(${JSON.stringify(wasm)}), (c) => c.charCodeAt(0));\n${worker}`;

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
