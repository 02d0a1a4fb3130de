// The main-thread side of the worker protocol (see worker.js): promises keyed
// by request id, errors re-thrown as Error{name: "LoupeError", code}, and
// cancellation by ending the worker (wasm calls cannot be interrupted).

/** Starts a module worker; from a blob: URL when the script lives on another origin (a CDN). */
export function startWorker(url) {
  const abs = new URL(url, import.meta.url);
  if (abs.origin === location.origin) return new Worker(abs, { type: "module" });
  const src = `import ${JSON.stringify(abs.href)};`;
  const blobURL = URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
  try {
    return new Worker(blobURL, { type: "module" });
  } finally {
    setTimeout(() => URL.revokeObjectURL(blobURL), 10_000);
  }
}

export function loupeError(code, message) {
  const e = new Error(message);
  e.name = "LoupeError";
  e.code = code;
  return e;
}

/** Wasm memory never shrinks: past this size (a drop of several MB), the worker is replaced once idle. */
export const MEMORY_LIMIT_BYTES = 64 * 1024 * 1024;

export class LoupeClient {
  #spawn;
  #memoryLimit;
  #oversized = false; // the worker's memory passed the limit: end it when nothing is in flight
  #worker = null;
  #pending = new Map();
  #nextId = 1;
  #init;
  #initPayload = null; // this.#init once settled: every request is posted after it, in order

  /**
   * @param {{spawn?: () => Worker, init?: object | Promise<object>}} opts spawn makes a worker (default:
   *   ./worker.js); init is the payload of the first "init" request ({options, wasm}: wasm may be a compiled
   *   WebAssembly.Module). A promise lets the worker start while the payload is still coming; requests
   *   wait for it, and a rejected one counts as {}. memoryLimit: see MEMORY_LIMIT_BYTES.
   */
  constructor({ spawn = () => startWorker("./worker.js"), init = {}, memoryLimit = MEMORY_LIMIT_BYTES } = {}) {
    this.#spawn = spawn;
    this.#init = init;
    this.#memoryLimit = memoryLimit;
  }

  #ensure() {
    if (this.#worker) return;
    const w = (this.#worker = this.#spawn());
    w.onmessage = ({ data }) => {
      const p = this.#pending.get(data.id);
      if (!p) return;
      this.#pending.delete(data.id);
      if (data.ok) p.resolve(data.result);
      else p.reject(loupeError(data.error.code, data.error.message));
      // After a panic the worker has closed itself: fail the rest, the next request starts a fresh one.
      if (!data.ok && data.error.code === "panic") this.#failAll(loupeError("panic", data.error.message));
      // A big drop grew the worker's memory for good: give it back to the reader's device once the
      // worker is idle; the next request starts a fresh worker (with the compiled module: no download).
      if (data.memoryBytes > this.#memoryLimit) this.#oversized = true;
      if (this.#oversized && this.#pending.size === 0 && this.#worker === w) this.#end();
    };
    w.onerror = (ev) => {
      ev.preventDefault?.();
      this.#failAll(loupeError("worker_failed", ev.message || "the analysis worker could not start"));
    };
    w.onmessageerror = () => this.#failAll(loupeError("worker_failed", "a message could not be read"));
    this.#initPayload = Promise.resolve(this.#init).catch(() => ({}));
    this.#send("init").catch(() => {}); // its failure also fails the next request
  }

  /** Posts a request once the init payload has settled (an "init" request carries that payload). */
  #send(type, payload, transfer = []) {
    const id = this.#nextId++;
    const worker = this.#worker;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#initPayload.then((init) => {
        // Ended meanwhile (cancelled, failed): the request was already rejected.
        if (this.#worker === worker) worker.postMessage({ id, type, payload: type === "init" ? init : payload }, transfer);
      });
    });
  }

  #failAll(err) {
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
    this.#end();
  }

  #end() {
    this.#worker?.terminate();
    this.#worker = null;
    this.#oversized = false;
  }

  /** Resolves once the wasm module is loaded and the Analyzer built. */
  ready() {
    this.#ensure();
    return this.#send("init");
  }

  /** options: per-request Analyzer options (e.g. {language: "en"}); default: the worker's own. */
  analyze(text, options) {
    this.#ensure();
    return this.#send("analyze", { text, options });
  }

  /** Decodes and analyses a file's bytes (any encoding; .txt, .md, .html). The buffer is transferred. */
  analyzeBytes(bytes, name) {
    this.#ensure();
    const buf = bytes instanceof ArrayBuffer ? bytes : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return this.#send("analyzeBytes", { bytes: buf, name }, [buf]);
  }

  stories(analyses) {
    this.#ensure();
    return this.#send("stories", { analyses });
  }

  /** Stops every pending request (they reject with code "cancelled"); the next request starts a fresh worker. */
  cancel() {
    this.#failAll(loupeError("cancelled", "cancelled"));
  }

  terminate() {
    this.cancel();
  }
}
