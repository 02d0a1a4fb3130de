// Loupe's analysis worker: one Analyzer per worker, built on the first request
// and reused. Protocol (see client.js):
//   request  {id, type: "init" | "analyze" | "analyzeBytes" | "stories", payload}
//   reply    {id, ok: true, result, memoryBytes} | {id, ok: false, error: {code, message}}
// The wasm module is found next to the glue (../pkg/loupe_bg.wasm, the widget's) unless the
// "init" payload names another (the workbench: loupe_full_bg.wasm) or holds its bytes (the
// self-contained build).
import init, * as loupe from "../pkg/loupe.js";

let analyzer = null;
let ready = null;
let memory = null; // the module's linear memory: its size goes back with each reply (see client.js)
// Analyzers for per-request options (e.g. a widget's lang="en"), built once each.
const analyzers = new Map();
function analyzerFor(options) {
  if (!options) return analyzer;
  const key = JSON.stringify(options);
  if (!analyzers.has(key)) analyzers.set(key, new loupe.Analyzer(options));
  return analyzers.get(key);
}

function start(payload = {}) {
  ready ??= (async () => {
    try {
      // The self-contained build (scripts/build-single.mjs) defines LOUPE_WASM: the module's bytes.
      const wasm = payload.wasm ?? self.LOUPE_WASM;
      memory = (await init(wasm ? { module_or_path: wasm } : undefined)).memory;
    } catch (e) {
      // A Content-Security-Policy without 'wasm-unsafe-eval' lands here.
      throw coded(e, /Content Security Policy|wasm-eval|wasm-unsafe-eval/i.test(String(e?.message)) ? "wasm_blocked" : "wasm_load_failed");
    }
    analyzer = new loupe.Analyzer(payload.options ?? { language: "auto" });
    // Warm-up while the page is idle: the core's first-use set-up (gazetteer, word tables,
    // topic triggers) and a short analysis per language, which also compiles the code it
    // runs. One bounded step per task, queued after the init reply, so a request that
    // arrives meanwhile (the reader's article) runs between two steps instead of after all.
    const warmStep = () => {
      try {
        if (analyzer.warm()) setTimeout(warmStep, 0);
      } catch { /* a warm-up failure only loses the head start */ }
    };
    setTimeout(warmStep, 0);
    return { version: loupe.Analyzer.version() };
  })();
  return ready;
}

function coded(e, code) {
  const err = new Error(e?.message ?? String(e));
  err.code = code;
  return err;
}

const handlers = {
  init: (payload) => start(payload),
  async analyze(payload) {
    await start();
    return analyzerFor(payload.options).analyze(payload.text);
  },
  async analyzeBytes(payload) {
    await start();
    return analyzerFor(payload.options).analyzeBytes(new Uint8Array(payload.bytes), payload.name ?? null);
  },
  // Story grouping across the loaded articles (the core's corpus module).
  async stories(payload) {
    await start();
    return analyzer.stories(payload.analyses, {}).stories;
  },
};

self.onmessage = async ({ data }) => {
  const { id, type, payload } = data ?? {};
  try {
    const handler = handlers[type];
    if (!handler) throw coded(new Error(`unknown request type "${type}"`), "bad_request");
    const result = await handler(payload ?? {});
    self.postMessage({ id, ok: true, result, memoryBytes: memory?.buffer.byteLength });
  } catch (e) {
    // A trap is a panic in the core (a bug; none is reachable from any input as far as fuzzing
    // shows). Rust's state in this instance can no longer be trusted: say so, and close. The
    // client fails what else was in flight with the same code and starts a fresh worker.
    const panicked = e instanceof WebAssembly.RuntimeError;
    const error = panicked
      ? { code: "panic", name: "LoupeError", message: `the analysis stopped on an internal error and was restarted (${e.message})` }
      : { code: e?.code ?? "internal", name: e?.name ?? "Error", message: e?.message ?? String(e) };
    self.postMessage({ id, ok: false, error });
    if (panicked) self.close();
  }
};
