#!/usr/bin/env bash
# Installs what is missing on a fresh Debian 12 machine (or a normal developer
# machine), from Debian's packages, crates.io and npm only. Idempotent and quick
# when everything is already there. Needs root (or sudo) for apt on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

need_apt=()
. scripts/wasm-env.sh
if [ "$WASM_ROUTE" = debian ]; then
  [ -x /usr/bin/rustc ] && /usr/bin/rustc --version 2>/dev/null | grep -q . && [ -d /usr/lib/rustlib/src/rust/library ] || need_apt+=(rustc-web cargo-web rust-web-src)
  command -v wasm-ld-22 >/dev/null || need_apt+=(lld-22)
fi
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v brotli >/dev/null || need_apt+=(brotli)
command -v node >/dev/null || need_apt+=(nodejs npm)
command -v cargo >/dev/null || need_apt+=(cargo)
command -v c++ >/dev/null || need_apt+=(g++)   # libFuzzer (scripts/fuzz.sh) is C++
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: apt-get install ${need_apt[*]}" >&2
  $SUDO apt-get update -q
  # No recommends: keeps rust-web-llvm out. Never Debian's binaryen (it breaks wasm-bindgen output).
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need_apt[@]}"
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate version in Cargo.lock.
WB=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB"; then
  echo "setup: cargo install wasm-bindgen-cli $WB" >&2
  # --locked fails today (the registry lacks a crate version its lockfile pins), so fall back.
  cargo install wasm-bindgen-cli --version "=$WB" --locked || cargo install wasm-bindgen-cli --version "=$WB"
fi

# npm devDependencies: binaryen 132 (wasm-opt), esbuild (minifies the glue), playwright-core (drives Debian's chromium).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/esbuild ] || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
echo "setup: ok (wasm route: $WASM_ROUTE)" >&2
