// The worker client's bookkeeping (www/client.js), with a scripted worker: requests and replies
// pair by id, a panic fails what is in flight, and a worker whose wasm memory grew past the
// limit is replaced once idle (wasm memory never shrinks). Run: `node --test tests/client.test.mjs`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LoupeClient } from "../www/client.js";

/** A fake worker: replies to each request on a later tick with what `reply(request)` returns. */
function scriptedWorkers(reply) {
  const workers = [];
  const spawn = () => {
    const w = {
      terminated: false,
      requests: [],
      postMessage(msg) {
        this.requests.push(msg);
        setTimeout(() => !this.terminated && this.onmessage?.({ data: { id: msg.id, ...reply(msg) } }), 1);
      },
      terminate() { this.terminated = true; },
    };
    workers.push(w);
    return w;
  };
  return { workers, spawn };
}

const MB = 1024 * 1024;

test("a worker whose memory passed the limit is replaced once idle, and only then", async () => {
  const { workers, spawn } = scriptedWorkers((msg) => ({
    ok: true,
    result: msg.type,
    memoryBytes: msg.payload?.text === "big" ? 100 * MB : 3 * MB,
  }));
  const client = new LoupeClient({ spawn, memoryLimit: 64 * MB });
  assert.equal(await client.analyze("small"), "analyze");
  assert.equal(workers.length, 1);
  assert.equal(workers[0].terminated, false, "a small worker is kept");

  // Two in flight: the big one's reply comes first, but the worker ends only after the second.
  const [a, b] = await Promise.all([client.analyze("big"), client.analyze("small")]);
  assert.deepEqual([a, b], ["analyze", "analyze"]);
  assert.equal(workers[0].terminated, true, "the oversized worker is ended once idle");

  assert.equal(await client.analyze("small"), "analyze");
  assert.equal(workers.length, 2, "the next request starts a fresh worker");
  assert.equal(workers[1].requests[0].type, "init", "which is initialised first");
  assert.equal(workers[1].terminated, false);
});

test("a panic fails every request in flight with code panic; the next request gets a fresh worker", async () => {
  let panics = 1;
  const { workers, spawn } = scriptedWorkers((msg) =>
    msg.type === "analyze" && panics-- > 0 ? { ok: false, error: { code: "panic", message: "trap" } } : { ok: true, result: "fine" });
  const client = new LoupeClient({ spawn });
  const results = await Promise.allSettled([client.analyze("one"), client.analyze("two")]);
  assert.deepEqual(results.map((r) => r.reason?.code ?? r.value), ["panic", "panic"]);
  assert.equal(workers[0].terminated, true);
  assert.equal(await client.analyze("three"), "fine");
  assert.equal(workers.length, 2);
});
