// The export clauses of the wasm glue, minified or not ("export{R as Analyzer,q as default}",
// "export { Analyzer, __wbg_init as default }"): each exported name with the local binding it
// stands for. Shared by the code that checks, inlines or patches the glue (scripts/minify-glue.mjs,
// scripts/build-single.mjs, tests/e2e/helpers.mjs faultyGlue).
export const EXPORT_CLAUSES = /(^|[;}])\s*export\s*\{([^}]*)\};?/gm;

/** "R as Analyzer, q as default" → Map { "Analyzer" → "R", "default" → "q" }. */
export function exportBindings(list) {
  return new Map(list.split(",").map((s) => s.trim()).filter(Boolean).map((s) => s.split(/\s+as\s+/))
    .map(([local, name = local]) => [name, local]));
}

/** Declarations exported where they stand ("export class Analyzer"): bound to their own name. */
const EXPORTED_DECLARATIONS = /(^|[;}])\s*export\s+(?:class|function|const|let)\s+([\w$]+)/gm;

/** Every exported name of `src` with its local binding. */
export function glueExports(src) {
  return new Map([
    ...[...src.matchAll(EXPORTED_DECLARATIONS)].map((m) => [m[2], m[2]]),
    ...[...src.matchAll(EXPORT_CLAUSES)].flatMap((m) => [...exportBindings(m[2])]),
  ]);
}
