#!/usr/bin/env bash
# Which functions V8 sends to TurboFan during a page's first analysis, predicted statically: V8's
# baseline code (Liftoff) charges each turn of a loop by the code between the loop's start and the
# branch back, and optimises a function in the background once its budget is spent, which no call
# already running benefits from (no on-stack replacement), on a core the page needs. A loop over the
# tokens whose branch back is thousands of instructions from its start (LLVM sometimes lays all of a
# function's later code inside its first loop) spends the budget within a few dozen tokens.
# Prints, for the largest functions of the widget's module, the furthest branch back of any loop
# (lines of wasm-dis text, about one instruction each) and the function's length.
# Usage: bench/loop-spans.sh [TOP=15]   (after scripts/build.sh: reads target/'s rustc output,
# rebuilt with names as scripts/build.sh builds pkg/loupe_bg.wasm; writes bench/out/named/).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/wasm-env.sh
out=bench/out/named
mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" target/wasm32-unknown-unknown/wasm/loupe.wasm
node scripts/inline-snippets.mjs "$out"
F="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue"
node -e 'const fs = require("fs"); const skip = ["analyzer_stories", "analyzer_analyzeBytes"];  // as scripts/widget-wasm.mjs
  const names = WebAssembly.Module.exports(new WebAssembly.Module(fs.readFileSync(process.argv[1]))).map((e) => e.name).filter((e) => !skip.includes(e));
  fs.writeFileSync(process.argv[2], JSON.stringify(names.map((e, i) => ({ name: `export${i}`, export: e, root: true }))));' "$out/loupe_bg.wasm" "$out/graph.json"
node_modules/.bin/wasm-metadce $F -g -f "$out/graph.json" "$out/loupe_bg.wasm" -o "$out/widget.wasm" > /dev/null
node_modules/.bin/wasm-opt $WASM_OPT_LEVEL $WASM_OPT_INLINE --low-memory-unused --strip-producers --strip-target-features $F -g "$out/widget.wasm" -o "$out/widget.wasm"
node_modules/.bin/wasm-dis $F "$out/widget.wasm" -o "$out/widget.wat"
node -e 'const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
  const rows = []; let name = null, start = 0, open = new Map(), far = 0;
  const done = (end) => { if (name && end - start > 300) rows.push([far, end - start, name]); };
  lines.forEach((l, i) => {
    if (l.startsWith(" (func ")) { done(i); name = (l.match(/\$"([^"]+)"|\$(\S+)/) ?? []).slice(1).find(Boolean)?.replace(/\[[0-9a-f]{16}\]/g, ""); start = i; open = new Map(); far = 0; return; }
    const loop = l.match(/^\s*\(loop (\$\S+)/); if (loop) open.set(loop[1], i);
    for (const m of l.matchAll(/\(br(?:_if)? (\$label\d*)/g)) if (open.has(m[1])) far = Math.max(far, i - open.get(m[1]));
  });
  done(lines.length);
  rows.sort((a, b) => b[0] - a[0]);
  console.log("furthest branch back  function length  function (lines of wasm-dis text)");
  for (const [f, n, name] of rows.slice(0, Number(process.argv[2]))) console.log(String(f).padStart(21), String(n).padStart(16), " ", name.slice(0, 110));' "$out/widget.wat" "${1:-15}"
