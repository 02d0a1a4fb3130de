#!/usr/bin/env bash
# README command 2: the whole test suite. Installs what is missing, builds,
# then runs, cheapest first: native tests (unit, golden, property), wasm tests
# in node (wasm-bindgen-test-runner), end-to-end tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
. scripts/wasm-env.sh

echo "== native: cargo test" >&2
cargo test --release 2>&1
echo "== wasm (node): wasm-bindgen-test-runner" >&2
wasm_cargo test --release --test wasm 2>&1
echo "== end to end (Chromium + playwright-core)" >&2
node --test --test-concurrency=1 tests/e2e/ 2>&1
