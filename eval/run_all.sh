#!/usr/bin/env bash
# Run every evaluation harness that can run here and print the side-by-side tables.
#   eval/run_all.sh                  setup + baselines + Loupe (if target/release/loupe exists)
#   eval/run_all.sh --loupe-only     Loupe only; baseline rows come from earlier runs in eval/out
#   eval/run_all.sh --baselines-only
#   eval/run_all.sh [...] keywords ner extraction   restrict to some tasks
# Loupe is not built here: run `cargo build --release` first (or set LOUPE_BIN).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BASELINES=1 LOUPE=1 TASKS=()
for a in "$@"; do
  case "$a" in
    --loupe-only) BASELINES=0 ;;
    --baselines-only) LOUPE=0 ;;
    keywords|ner|extraction) TASKS+=("$a") ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown argument: $a" >&2; exit 2 ;;
  esac
done
[ ${#TASKS[@]} -eq 0 ] && TASKS=(keywords ner extraction)

bash eval/setup.sh >/dev/null || { echo "eval/setup.sh failed" >&2; exit 1; }
PY="$ROOT/.venv/bin/python"
export PYTHON="$PY"
LOG="${EVAL_OUT:-$ROOT/eval/out}/logs"; mkdir -p "$LOG"
STATUS=0 TIMES=()

run() {  # run NAME CMD... : quiet run, output in $LOG/NAME.log, wall time recorded
  local name="$1"; shift; local log="$LOG/${name//\//_}.log"
  local t0=$SECONDS rc
  "$@" >"$log" 2>&1; rc=$?
  local dt=$((SECONDS - t0))
  case $rc in
    0) TIMES+=("$(printf '%-26s %4ds  ok' "$name" "$dt")") ;;
    3) TIMES+=("$(printf '%-26s %4s   skipped (%s)' "$name" "-" "$(tail -1 "$log")")") ;;
    *) TIMES+=("$(printf '%-26s %4ds  FAILED rc=%s, see %s' "$name" "$dt" "$rc" "$log")"); STATUS=1 ;;
  esac
}

for t in "${TASKS[@]}"; do
  case $t in
    keywords)
      [ $BASELINES = 1 ] && run keywords/yake "$PY" eval/keywords/run_yake.py
      [ $LOUPE = 1 ] && run keywords/loupe "$PY" eval/keywords/run_loupe.py ;;
    ner)
      [ $BASELINES = 1 ] && run ner/spacy "$PY" eval/ner/run_spacy.py
      [ $LOUPE = 1 ] && run ner/loupe "$PY" eval/ner/run_loupe.py ;;
    extraction)
      if [ $BASELINES = 1 ]; then
        run extraction/all-text "$PY" eval/extraction/run_alltext.py
        run extraction/trafilatura "$PY" eval/extraction/run_trafilatura.py
        run extraction/readability node eval/extraction/run_readability.mjs
      fi
      [ $LOUPE = 1 ] && run extraction/loupe "$PY" eval/extraction/run_loupe.py ;;
  esac
done

for t in "${TASKS[@]}"; do
  case $t in
    keywords) "$PY" eval/keywords/kwlib.py ;;
    ner) "$PY" eval/ner/nerlib.py ;;
    extraction) "$PY" eval/extraction/extlib.py report ;;
  esac
done
echo
echo "Harness wall times (logs in $LOG):"
printf '  %s\n' "${TIMES[@]}"
exit $STATUS
