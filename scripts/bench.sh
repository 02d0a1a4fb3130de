#!/usr/bin/env bash
# The benchmark suite: sizes, native core throughput, YAKE, and in headless Chromium the wasm
# build beside its JS baselines. Prints a table and writes it to BENCHMARKS.md ("Performance
# and size"). Needs scripts/build.sh's output (built here when pkg/ is missing).
# BENCH_MS=ms sets the native time budget per measure (default 1500). Takes about 3–5 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f pkg/loupe_bg.wasm ] || scripts/build.sh
[ -d bench/node_modules/mark.js ] || (cd bench && npm ci --no-audit --no-fund)
node bench/make-corpus.mjs
node_modules/.bin/wasm-as --enable-simd bench/simd-scan.wat -o bench/out/simd-scan.wasm
cargo build --release --example bench_native 2>&1 | tail -1 >&2
echo "bench: native" >&2
target/release/examples/bench_native bench/out/article-4k.txt bench/out/news-100k.txt bench/out/news-1m.txt bench/out/news-10m.txt > bench/out/native.tsv
PY="${LOUPE_PYTHON:-/work/main/.venv/bin/python}"
if "$PY" -c "import yake" 2>/dev/null; then
  echo "bench: YAKE" >&2
  "$PY" bench/yake_bench.py bench/out/article-4k.txt bench/out/news-100k.txt > bench/out/yake.tsv  # 100 KB: YAKE is slow
else
  echo "bench: no Python with yake ($PY); YAKE rows skipped" >&2
  : > bench/out/yake.tsv
fi
echo "bench: Chromium" >&2
node bench/browser.mjs > bench/out/browser.json
node bench/report.mjs
