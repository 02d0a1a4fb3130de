#!/usr/bin/env bash
# Fuzzes every entry point that takes outside bytes (fuzz/fuzz_targets/*.rs) with cargo-fuzz
# (libFuzzer + AddressSanitizer), starting from and adding to fuzz/corpus/.
#   scripts/fuzz.sh --short      CI: 25 s per target (about 2 minutes once built)
#   scripts/fuzz.sh [SECONDS]    before a release: SECONDS per target (default 600)
# cargo-fuzz wants nightly flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them.
# A crash leaves its input in fuzz/artifacts/TARGET/ and fails the script: turn it into a
# regression test in tests/bad_input.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=600 max_len=65536
[ "${1:-}" = "--short" ] && secs=25 max_len=8192
[[ "${1:-}" =~ ^[0-9]+$ ]] && secs=$1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
# FUZZ_TARGETS="analyze_text options_json" picks some of the targets.
read -r -a targets <<< "${FUZZ_TARGETS:-decode_bytes analyze_text taxonomy_json options_json}"
(cd fuzz && cargo fuzz build -O 2>&1 | tail -1)
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  echo "fuzz: $t for ${secs}s" >&2
  # -timeout: one input may take at most 10 s (a hang is a bug too).
  (cd fuzz && cargo fuzz run -O "$t" "corpus/$t" -- -max_total_time="$secs" -max_len=$max_len -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 2>&1) |
    grep -E "^(stat::number_of_executed_units|stat::new_units_added|==[0-9]+==|SUMMARY|Done|.*(panicked|Crash|crash-|timeout-|oom-))" >&2
done
