#!/usr/bin/env bash
# README command 2: the whole test suite. Installs what is missing, builds,
# then runs, cheapest first: native tests (unit, golden, property), wasm tests
# in node (wasm-bindgen-test-runner), the memory-leak test, end-to-end tests in
# headless Chromium, then a short fuzzing run (25 s per target, scripts/fuzz.sh --short;
# the long pre-release run is `scripts/fuzz.sh 600`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
. scripts/wasm-env.sh

echo "== native: cargo test" >&2
cargo test --release 2>&1
echo "== wasm (node): wasm-bindgen-test-runner" >&2
wasm_cargo test --release --test wasm 2>&1
echo "== memory: no leak over 10,000 articles (wasm in node); the worker client's bookkeeping" >&2
node --test tests/memory.test.mjs tests/client.test.mjs 2>&1
echo "== end to end (Chromium + playwright-core)" >&2
node --test --test-concurrency=1 tests/e2e/ 2>&1
echo "== fuzz: every entry point that takes outside bytes, 25 s each (libFuzzer + ASan)" >&2
scripts/fuzz.sh --short
