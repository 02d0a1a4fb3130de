#!/usr/bin/env bash
# The native CLI on a JSON Lines archive (issue #8, "Scale"): wall time on one thread and on all
# cores, and peak memory (max RSS) for two archive sizes, to show that memory stays flat when the
# archive grows fourfold. Writes bench/out/cli.tsv: file, threads, bytes, best and median wall ms,
# best CPU ms (user + system), max RSS KB. Usage: bench/cli-archive.sh [RUNS=3]
# (after `node bench/make-corpus.mjs` and `cargo build --release`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
out=bench/out
loupe=target/release/loupe
[ -x "$loupe" ] || cargo build --release --bin loupe 2>&1 | tail -1 >&2

# One article per line, cut from the 10 MiB news text at its article breaks; the 40 MiB archive
# is the same articles four times with other ids (the CLI does not deduplicate).
node -e '
const fs = require("fs");
const arts = fs.readFileSync(process.argv[1], "utf8").split("\n\n\n").filter((a) => a.trim());
for (const [file, copies] of [[process.argv[2], 1], [process.argv[3], 4]]) {
  const fd = fs.openSync(file, "w");
  for (let c = 0; c < copies; c++) arts.forEach((text, i) => fs.writeSync(fd, JSON.stringify({ id: `${c}-${i}`, text }) + "\n"));
  fs.closeSync(fd);
}' "$out/news-10m.txt" "$out/archive-10m.jsonl" "$out/archive-40m.jsonl"

cores=$(nproc)
: > "$out/cli.tsv"
for spec in "archive-10m 1" "archive-10m $cores" "archive-40m $cores"; do
  set -- $spec
  file="$out/$1.jsonl" threads=$2
  bytes=$(stat -c %s "$file")
  times=() rss=0 cpu=
  for _ in $(seq "$runs"); do
    # %e wall seconds, %M max resident set in KB; the JSON Lines output is counted, not kept.
    /usr/bin/time -o "$out/cli-time.txt" -f "%e %M %U %S" "$loupe" analyze --threads "$threads" --jsonl "$file" | wc -l > "$out/cli-lines.txt"
    read -r secs kb user sys < "$out/cli-time.txt"
    times+=("$(awk -v s="$secs" 'BEGIN { printf "%.0f", s * 1000 }')")
    ms=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.0f", (u + s) * 1000 }')
    if [ -z "$cpu" ] || [ "$ms" -lt "$cpu" ]; then cpu=$ms; fi
    if [ "$kb" -gt "$rss" ]; then rss=$kb; fi
  done
  lines=$(wc -l < "$file")
  [ "$(cat "$out/cli-lines.txt")" -eq "$lines" ] || { echo "cli: $lines articles in, $(cat "$out/cli-lines.txt") results out" >&2; exit 1; }
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  best=$(echo "$sorted" | head -1) median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  printf '%s.jsonl\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$threads" "$bytes" "$best" "$median" "$cpu" "$rss" >> "$out/cli.tsv"
  echo "cli: $1 threads=$threads best ${best} ms wall, ${cpu} ms CPU, max RSS ${rss} KB, $(cat "$out/cli-lines.txt") results" >&2
done
