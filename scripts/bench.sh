#!/usr/bin/env bash
# The benchmark suite: sizes, native core throughput, YAKE, and in headless Chromium the wasm
# build beside its JS baselines. Prints a table and writes it to BENCHMARKS.md ("Performance
# and size"). Needs scripts/build.sh's output (built here when pkg/ is missing).
# BENCH_MS=ms sets the native time budget per measure (default 1500). Takes about 5–10 minutes.
# While iterating: `BENCH_MS=300 BENCH_ONLY=analyze target/release/examples/bench_native FILE`
# (see bench/native.rs) and `BENCH_QUICK=1 node bench/browser.mjs` (see bench/browser.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f pkg/loupe_bg.wasm ] || scripts/build.sh
[ -d bench/node_modules/mark.js ] || (cd bench && npm ci --no-audit --no-fund)
node bench/make-corpus.mjs
# Bench-only wasm exports (tokenise + stem, HTML extraction timed alone), same profile as pkg/.
# BENCH_OPT_S=1 also builds the shipped code at opt-level "s" (profile wasm is "z") to time the
# speed/size trade-off. Both rebuild only the loupe crate; scripts/build.sh rebuilds pkg/ after.
. scripts/wasm-env.sh
wasm_variant() {  # out-dir wasm-opt-level cargo-args...
  local dir=$1 level=$2; shift 2
  RUSTFLAGS="$WASM_SHIP_RUSTFLAGS" wasm_cargo rustc --profile wasm --lib "$@" -- $WASM_INLINE_FLAGS 2>&1 | tail -1 >&2  # as scripts/build.sh
  wasm-bindgen --target web --out-dir "$dir" target/wasm32-unknown-unknown/wasm/loupe.wasm
  node scripts/inline-snippets.mjs "$dir"
  node_modules/.bin/wasm-opt "$level" $WASM_OPT_INLINE --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "$dir/loupe_bg.wasm" -o "$dir/loupe_bg.wasm"
}
echo "bench: wasm with bench exports" >&2
wasm_variant bench/out/pkg-bench $WASM_OPT_LEVEL --features bench
VARIANTS=""
if [ -n "${BENCH_OPT_S:-}" ]; then
  echo "bench: wasm at opt-level s" >&2
  WASM_INLINE_FLAGS= CARGO_PROFILE_WASM_OPT_LEVEL=s wasm_variant bench/out/pkg-opt-s -Os  # s's own inliner
  VARIANTS="opt-s=/bench/out/pkg-opt-s/loupe.js"
fi
node_modules/.bin/wasm-as --enable-simd bench/simd-scan.wat -o bench/out/simd-scan.wasm
cargo build --release --example bench_native 2>&1 | tail -1 >&2
echo "bench: native" >&2
target/release/examples/bench_native bench/out/article-4k.txt bench/out/news-100k.txt bench/out/news-1m.txt bench/out/news-10m.txt bench/out/news-1m.html \
  $(ls bench/out/wikinews-dev.txt 2>/dev/null) > bench/out/native.tsv
echo "bench: CLI on a JSON Lines archive" >&2
cargo build --release --bin loupe 2>&1 | tail -1 >&2
bench/cli-archive.sh 2
PY="${LOUPE_PYTHON:-/work/main/.venv/bin/python}"
if "$PY" -c "import yake" 2>/dev/null; then
  echo "bench: YAKE" >&2
  "$PY" bench/yake_bench.py bench/out/article-4k.txt bench/out/news-100k.txt > bench/out/yake.tsv  # 100 KB: YAKE is slow
else
  echo "bench: no Python with yake ($PY); YAKE rows skipped" >&2
  : > bench/out/yake.tsv
fi
echo "bench: Chromium" >&2
BENCH_VARIANTS="$VARIANTS" node bench/browser.mjs > bench/out/browser.json
echo "bench: files each page fetches" >&2
node bench/page-files.mjs > bench/out/page-files.json
node bench/report.mjs
