// The worker protocol (see worker.js) run on the page's own thread, for pages
// where no worker can start: widget assets on another origin (a CDN) under a
// Content-Security-Policy that allows neither a same-origin worker nor blob:.
// Loaded only then. A wasm call cannot be interrupted, so the start-up is cut
// into separate tasks (import, streaming compile, Analyzer, warm-up steps)
// with a yield to the page between each: input and painting get in between.
import init, * as loupe from "../pkg/loupe.js";

const WASM_URL = new URL("../pkg/loupe_bg.wasm", import.meta.url);
// Lets the page's own tasks run between ours (scheduler.yield where the browser has it).
const yieldToPage = () => (globalThis.scheduler?.yield ? scheduler.yield() : new Promise((r) => setTimeout(r, 0)));
// Tiny texts that make the core build what it builds lazily on first use (tables, gazetteer,
// topic triggers), one language per task, so no single task carries all of it.
/** Runs fn as one named step, left as a performance measure ("loupe-main:<name>") so its cost is visible. */
function step(name, fn) {
  const mark = performance.mark(`loupe-main:${name}`);
  try { return fn(); } finally { performance.measure(`loupe-main:${name}`, mark.name); }
}

export class MainThreadRunner {
  onmessage = null;
  onerror = null;
  onmessageerror = null;
  #analyzers = new Map(); // JSON options -> Analyzer
  #ready = null;
  #queue = Promise.resolve();
  #ended = false;

  /** Same shape as Worker.postMessage: answers {id, ok, result|error} through onmessage, one request at a time. */
  postMessage(data) {
    this.#queue = this.#queue.then(() => this.#handle(data ?? {}));
  }

  terminate() {
    this.#ended = true;
  }

  async #handle({ id, type, payload = {} }) {
    let reply;
    try {
      await yieldToPage();
      if (type === "init") reply = await this.#start(payload);
      else if (type === "analyze") {
        await this.#start();
        const analyzer = await this.#analyzer(payload.options ?? null);
        await yieldToPage();
        reply = step("analyze", () => analyzer.analyze(payload.text));
      } else throw Object.assign(new Error(`request type "${type}" is not run on the main thread`), { code: "bad_request" });
      reply = { id, ok: true, result: reply };
    } catch (e) {
      // A trap is a panic in the core (see worker.js). The module stays loaded (the glue cannot
      // load a second instance), but the client drops this runner and its Analyzers.
      const panicked = e instanceof WebAssembly.RuntimeError;
      reply = { id, ok: false, error: panicked
        ? { code: "panic", name: "LoupeError", message: `the analysis stopped on an internal error and was restarted (${e.message})` }
        : { code: e?.code ?? "internal", name: e?.name ?? "Error", message: e?.message ?? String(e) } };
    }
    if (!this.#ended) this.onmessage?.({ data: reply });
  }

  /** payload.wasm: the module's bytes (the single-file build), else it is fetched from WASM_URL. */
  #start(payload = {}) {
    this.#ready ??= (async () => {
      try {
        await init({ module_or_path: payload.wasm ?? WASM_URL }); // compiled off the main thread (async API)
      } catch (e) {
        const blocked = /Content Security Policy|wasm-eval|wasm-unsafe-eval/i.test(String(e?.message));
        throw Object.assign(new Error(e?.message ?? String(e)), { code: blocked ? "wasm_blocked" : "wasm_load_failed" });
      }
      return { version: loupe.Analyzer.version(), mainThread: true };
    })();
    return this.#ready;
  }

  /** An Analyzer per options, built and warmed up in steps, each its own task. */
  async #analyzer(options) {
    const key = JSON.stringify(options);
    if (this.#analyzers.has(key)) return this.#analyzers.get(key);
    await yieldToPage();
    const analyzer = step("analyzer", () => new loupe.Analyzer(options ?? { language: "auto" }));
    // The core's first-use set-up in bounded steps, each its own task: warm() is true while work is left.
    do await yieldToPage(); while (step("warm", () => analyzer.warm()));
    this.#analyzers.set(key, analyzer);
    return analyzer;
  }
}
