# Source me. Picks how to build for wasm32-unknown-unknown (see ../shared/TOOLCHAIN.md):
#  - rustup: the active toolchain already has the wasm32 std;
#  - debian: Debian's rustc-web rebuilds std from rust-web-src (-Z build-std) and lld-22 links.
# Never runs `rustup target add`: that server is not one of our registries.
if [ -z "${WASM_ROUTE:-}" ]; then
  if [ -d "$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null)" ]; then WASM_ROUTE=rustup; else WASM_ROUTE=debian; fi
fi
export WASM_ROUTE CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# RUSTFLAGS for the shipped module (profile wasm; scripts/build.sh and bench.sh). On the Debian
# route std is rebuilt, so a panic can trap at once: no panic formatting or source locations
# are compiled in. A panic still reaches JS as an exception ("unreachable"). Stable rustup: none.
if [ "$WASM_ROUTE" = debian ]; then WASM_SHIP_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"; else WASM_SHIP_RUSTFLAGS=""; fi
# Extra rustc flags for the shipped module's crate (scripts/build.sh, scripts/bench.sh): see build.sh.
WASM_INLINE_FLAGS="${WASM_INLINE_FLAGS--C llvm-args=-inline-threshold=85}"
# And for wasm-opt on every shipped and bench module: binaryen's inlining of one-caller functions
# up to this size only (see scripts/build.sh).
WASM_OPT_INLINE="${WASM_OPT_INLINE--ocimfs 20}"
# wasm-opt's level on the rustc output (itself opt-level "z"): -O3 measured 1.05-1.07x analyze in
# node over -Oz (bench/ab.mjs: news-1m, 4 KB, Wikinews dev) and 0.3 KB gzip smaller (0.5 KB
# brotli larger, 6.9 KB raw larger): binaryen's size passes gain little on LLVM's -Oz code, its
# speed passes do. -O2 and -O4 were slower than -O3. Start-up: within the noise (startup-ab.mjs).
WASM_OPT_LEVEL="${WASM_OPT_LEVEL--O3}"
if [ "$WASM_ROUTE" = rustup ]; then
  wasm_cargo() { local sub=$1; shift; cargo "$sub" --target wasm32-unknown-unknown "$@"; }
else
  wasm_cargo() { local sub=$1; shift
    RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 \
      /usr/bin/cargo "$sub" --target wasm32-unknown-unknown -Z build-std=std,panic_abort "$@"; }
fi
