#!/usr/bin/env bash
# Events per second and peak memory of `secstatus annotate` on a large Windows event log, beside the evtx crate's
# own `evtx_dump -o json` (cargo install evtx --locked).
#
#   benches/evtx.sh [COPIES]      (default 100: the chunks of the test fixtures system.evtx and
#                                  Security_short_selected.evtx, COPIES times over: 1800 chunks, 118 MB)
#
# Needs GNU time for the memory column (Debian: apt-get install -y time). Prints a Markdown table: the median of
# RUNS runs (default 3) of each command, the commands taking turns, page cache warm. BIN=PATH times another build
# (it is then not rebuilt).
set -euo pipefail
cd "$(dirname "$0")/.."

COPIES=${1:-100}
RUNS=${RUNS:-3}
DIR=target/bench
BIN=${BIN:-}
FIX=crates/secstatus-cli/tests/fixtures/evtx
if [ -z "$BIN" ]; then
  cargo build --release -q -p secstatus-cli
  BIN=target/release/secstatus
fi
command -v evtx_dump > /dev/null || { echo "evtx_dump missing: cargo install evtx --locked" >&2; exit 2; }
mkdir -p "$DIR"
file=$DIR/large-$COPIES.evtx
if [ ! -s "$file" ]; then
  echo "generating $file..." >&2
  # The file header of system.evtx, then every chunk of both files (each 64 KiB after the 4 KiB header).
  {
    head -c 4096 "$FIX/system.evtx"
    for _ in $(seq "$COPIES"); do
      tail -c +4097 "$FIX/system.evtx"
      tail -c +4097 "$FIX/Security_short_selected.evtx"
    done
  } > "$file"
fi
events=$("$BIN" --json annotate "$file" | wc -l)
mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN {printf "%.0f", b/1e6}')

source benches/common.sh

echo "$file: $mb MB, $events events; $RUNS rounds, $(nproc) cores" >&2
labels=(
  "secstatus annotate --summary FILE"
  "secstatus annotate --json FILE"
  "secstatus annotate FILE"
  "evtx_dump -o json FILE"
  "evtx_dump -t 1 -o json FILE"
)
cmds=(
  "$BIN annotate --summary $file"
  "$BIN --json annotate $file"
  "$BIN annotate $file"
  "evtx_dump -o json $file"
  "evtx_dump -t 1 -o json $file"
)
# The commands take turns, one run each a round, so that a machine whose speed drifts slows them alike.
declare -a times
for _ in $(seq "$RUNS"); do
  for k in "${!cmds[@]}"; do
    times[k]="${times[k]:-} $(RUNS=1 median "${cmds[k]}")"
  done
done
echo "| command | median s | events/s | peak MiB |" >&2
echo "|---|---|---|---|" >&2
for k in "${!cmds[@]}"; do
  secs=$(printf '%s\n' ${times[k]} | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}')
  rate=$(awk -v s="$secs" -v n="$events" 'BEGIN {printf "%.0f", n/s}')
  printf '| `%s` | %s | %s | %s |\n' "${labels[k]}" "$secs" "$rate" "$(peak "${cmds[k]}")" >&2
done
