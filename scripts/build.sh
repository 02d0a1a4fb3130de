#!/usr/bin/env bash
# Builds the wasm module and its JS glue into pkg/ (web) and pkg-node/ (node),
# and the native CLI into target/release/loupe. Needs what scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/wasm-env.sh
echo "build: wasm route = $WASM_ROUTE" >&2
# Profile wasm is opt-level "z", whose inliner (threshold 5) leaves small hot helpers as calls.
# A threshold of 85 for the loupe crate's LTO (all code, std included) buys back part of
# "s"'s speed: threshold 100 measured 1.30-1.35x analyze in Chromium for +15.7 KB gzip ("s": 1.5x,
# +39 KB; threshold 50: 1.15x, +6.8 KB); 85 is 1.8 KB gzip smaller than 100 at the same speed
# (bench/ab.mjs, session 5: news-1m 1.04x, Wikinews dev 0.99x, 4 KB 0.99x). WASM_INLINE_FLAGS= (empty) builds without it.
RUSTFLAGS="$WASM_SHIP_RUSTFLAGS" wasm_cargo rustc --profile wasm --lib -- $WASM_INLINE_FLAGS
WASM=target/wasm32-unknown-unknown/wasm/loupe.wasm
wasm-bindgen --target web --out-dir pkg "$WASM"
wasm-bindgen --target nodejs --out-dir pkg-node "$WASM"
node scripts/inline-snippets.mjs pkg  # the result decoder (src/wasm.rs) into the glue: one file
# npm's binaryen (Debian's 108 breaks wasm-bindgen output, see ../shared/TOOLCHAIN.md).
# --low-memory-unused: Rust never touches the first 1 KB of memory; lets wasm-opt fold address offsets (-2 KB gzip).
# The producers and target-features sections only describe the build (-0.25 KB gzip).
# -ocimfs 20 (WASM_OPT_INLINE in wasm-env.sh): binaryen inlines a function with one caller only when it is
# tiny (default: whatever its size). Inlining every pass into Analyzer::analyze_decoded made one
# 95 KB function, the cold first analysis's largest cost: V8 compiles wasm lazily, on the page's
# thread, at each function's first call, and Liftoff spent 13 of its ~20 ms CPU on that one, HTML
# extraction and site taxonomies included, which plain text never runs; TurboFan then optimised
# all of it in the background (~180 ms CPU competing with the page). Split (bench/startup-trace.mjs):
# Liftoff 15 -> 10 ms CPU, TurboFan 180 -> 48; and the module 4.9 KB gzip smaller, 1.03-1.14x faster
# once optimised (bench/ab.mjs). The workbench module too (-11.7 KB gzip).
wasm_opt() { node_modules/.bin/wasm-opt $WASM_OPT_LEVEL $WASM_OPT_INLINE --low-memory-unused --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals "$@"; }
# Two modules, one glue (pkg/loupe.js). pkg/loupe_full_bg.wasm, everything: the workbench
# (www/app.js asks for it) and node (pkg-node/). pkg/loupe_bg.wasm, the widget's (what every
# reader downloads, and the glue's default): without the workbench-only exports
# (scripts/widget-wasm.mjs).
wasm_opt pkg/loupe_bg.wasm -o pkg/loupe_full_bg.wasm
node scripts/widget-wasm.mjs pkg/loupe_bg.wasm target/loupe_widget.wasm
wasm_opt target/loupe_widget.wasm -o pkg/loupe_bg.wasm
node scripts/widget-wasm.mjs --check pkg/loupe.js pkg/loupe_bg.wasm
cp pkg/loupe_full_bg.wasm pkg-node/loupe_bg.wasm
cargo build --release --bin loupe
ls -l pkg/loupe_bg.wasm pkg/loupe_full_bg.wasm >&2
node scripts/build-single.mjs
node scripts/minify-glue.mjs pkg/loupe.js  # after build-single, which reads the glue line by line
