#!/bin/sh
# Native throughput of the full analysis (structure, keyphrases, entities, topics, highlights)
# on the seed articles concatenated N times (default 20) into one text.
# Usage: eval/keywords/bench.sh [N]   (after cargo build --release; LOUPE_BIN overrides the binary)
set -e
cd "$(dirname "$0")/../.."
N=${1:-20}
BIN=${LOUPE_BIN:-target/release/loupe}
TMP=$(mktemp -d)
i=0
# Each copy's lines end with the copy number (repeated blocks would be dropped as boilerplate),
# and comment-section headers are left out (everything after one is boilerplate).
while [ $i -lt "$N" ]; do
  grep -v -i -E 'comment|réaction|cher lecteur' seeds/0*.txt | sed "s/\$/ ($i)/" >> "$TMP/big.txt"
  printf '\n\n' >> "$TMP/big.txt"; i=$((i + 1))
done
SIZE=$(wc -c < "$TMP/big.txt")
# CPU time (user + sys), not wall time: the machine is shared.
/usr/bin/time -f "%U %S" -o "$TMP/time" "$BIN" analyze --lang fr "$TMP/big.txt" > "$TMP/out.json"
echo "$SIZE $(cat "$TMP/time")" | awk '{ s = $2 + $3; printf "%d bytes in %.2f s CPU: %.2f MB/s (full analysis, native, incl. process start)\n", $1, s, $1 / s / 1e6 }'
python3 -c "import json,sys,collections; o=json.load(open(sys.argv[1])); print('content blocks:', sum(b['kind'] != 'boilerplate' for b in o['blocks']), 'of', len(o['blocks']))" "$TMP/out.json"
rm -r "$TMP"
