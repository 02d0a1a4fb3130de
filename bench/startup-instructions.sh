#!/usr/bin/env bash
# Native start-up set-up work in instructions (callgrind: steady whatever the machine's load), per
# Analyzer::warm_step (by difference: WARM_STEPS=k runs the first k), then the first analysis of the
# 4 KB article in a fresh process (every table built inside it) and a steady analysis.
# Usage: bench/startup-instructions.sh [BINARY]  (default: target/release/examples/startup_native;
# build it with `cargo build --release --example startup_native`; needs valgrind and bench/out from
# `node bench/make-corpus.mjs`).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/examples/startup_native}
count() { env "$@" valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" bench/out/article-4k.txt 2>&1 | sed -n 's/.*I *refs: *//p' | tr -d ,; }
names=(gazetteer given-names fr-words+stop fr-triggers fr-short-analysis en-words+stop en-triggers en-short-analysis)
prev=$(count WARM=1 WARM_STEPS=0 N=0)
out=""
for k in 1 2 3 4 5 6 7 8; do
  c=$(count WARM=1 WARM_STEPS=$k N=0)
  out+="${names[k-1]} $(( (c - prev) / 1000 ))k  "
  prev=$c
done
a0=$(count N=0); a1=$(count N=1); a2=$(count N=2)
echo "${out}| first analysis $(( (a1 - a0) / 1000 ))k, steady $(( (a2 - a1) / 1000 ))k (instructions)"
