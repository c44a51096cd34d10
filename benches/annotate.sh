#!/usr/bin/env bash
# Throughput and memory of `secstatus annotate`, side by side with cat and ripgrep, in one run on one file.
#
#   benches/annotate.sh [MIB]      (default 1024: a 1 GiB synthetic log, generated once under target/bench/)
#
# Needs ripgrep and GNU time (Debian: apt-get install -y ripgrep time); rows whose tool is missing are skipped.
# Prints a Markdown table: the median of RUNS runs (default 5) of each command, page cache warm.
set -euo pipefail
cd "$(dirname "$0")/.."

MIB=${1:-1024}
RUNS=${RUNS:-5}
DIR=target/bench
FILE=$DIR/synthetic-$MIB.log
BIN=target/release/secstatus
# The forms annotate recognises, as one regex: names, 0x hex, 8 bare hex digits, 10-digit decimals.
REGEX='SEC_[EI]_[A-Z0-9_]+|\b0[xX][0-9a-fA-F]{1,8}\b|\b[0-9a-fA-F]{8}\b|-?\b[0-9]{10}\b'

cargo build --release -q -p secstatus-cli --example gen_log
mkdir -p "$DIR"
if [ ! -s "$FILE" ]; then
  echo "generating $FILE ($MIB MiB)..." >&2
  target/release/examples/gen_log "$MIB" 1 > "$FILE"
fi
cat "$FILE" > /dev/null # warm the page cache

# median wall seconds of a shell command over $RUNS runs
median() {
  local cmd=$1 times=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s%N)
    bash -c "$cmd" > /dev/null
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]/1e6}'
}

# peak resident memory (MiB) of a command, its output discarded
peak() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M bash -c "$1 > /dev/null" 2>&1 >/dev/null | tail -n 1 | awk '{printf "%.1f", $1/1024}'
  else
    echo "n/a"
  fi
}

row() { # label, command, baseline seconds
  local secs rate ratio
  secs=$(median "$2")
  rate=$(awk -v s="$secs" -v m="$MIB" 'BEGIN {printf "%.2f", m/1024/s}')
  ratio=$(awk -v s="$secs" -v b="${3:-$secs}" 'BEGIN {printf "%.2f", s/b}')
  printf '| %s | %s | %s | %s |\n' "$1" "$secs" "$rate" "$ratio" >&2
  echo "$secs"
}

echo "file: $FILE ($MIB MiB, $(wc -l < "$FILE") lines), $RUNS runs each, $(nproc) cores" >&2
echo "| command | median s | GiB/s | ratio to its baseline |" >&2
echo "|---|---|---|---|" >&2
cat_s=$(row "\`cat FILE \| wc -c\`" "cat $FILE | wc -c")
row "\`secstatus annotate FILE \| wc -c\`" "$BIN annotate $FILE | wc -c" "$cat_s" > /dev/null
if command -v rg > /dev/null; then
  rg_s=$(row "\`rg -c REGEX FILE\`" "rg -c '$REGEX' $FILE")
  row "\`secstatus annotate --summary FILE\`" "$BIN annotate --summary $FILE" "$rg_s" > /dev/null
else
  echo "(rg not installed: the summary comparison is skipped)" >&2
  row "\`secstatus annotate --summary FILE\`" "$BIN annotate --summary $FILE" > /dev/null
fi

echo >&2
echo "| peak memory | MiB |" >&2
echo "|---|---|" >&2
printf '| annotate FILE | %s |\n' "$(peak "$BIN annotate $FILE")" >&2
printf '| annotate --summary FILE | %s |\n' "$(peak "$BIN annotate --summary $FILE")" >&2
printf '| annotate of one %s MiB line (no newline) | %s |\n' "$MIB" \
  "$(peak "head -c ${MIB}M /dev/zero | tr '\\000' a | $BIN annotate")" >&2
