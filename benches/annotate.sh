#!/usr/bin/env bash
# Throughput and memory of `secstatus annotate`, side by side with cat and ripgrep, in one run, on a sparse log
# (0.5% of lines carry codes) and a dense one (a code on every line, as in exported Security logs).
#
#   benches/annotate.sh [MIB]      (default 1024: synthetic logs of MIB MiB each, generated once under target/bench/)
#
# Needs ripgrep and GNU time (Debian: apt-get install -y ripgrep time); rows whose tool is missing are skipped.
# Prints Markdown tables: the median of RUNS runs (default 5) of each command, page cache warm.
set -euo pipefail
cd "$(dirname "$0")/.."

MIB=${1:-1024}
RUNS=${RUNS:-5}
DIR=target/bench
# BIN=PATH compares another build (it is then not rebuilt).
BIN=${BIN:-}
# The forms annotate recognises, as one regex: names, 0x hex, 8 bare hex digits, 10-digit decimals.
REGEX='SEC_[EI]_[A-Z0-9_]+|\b0[xX][0-9a-fA-F]{1,8}\b|\b[0-9a-fA-F]{8}\b|-?\b[0-9]{10}\b'
# The literal patterns of the scanner's first test (`is_trigger` in crates/secstatus/src/scan/mod.rs; its
# capital-underscore-capital pattern has no literal form): how long ripgrep's vector search of many literals takes
# to find only these, beside the summary's whole work.
LITERALS='-e 0x -e 0X -e 009 -e c00 -e C00 -e 214 -e 107 -e 322 -e 176 -e 252 -e ec_ -e Ec_ -e eC_ -e EC_ -e lert -e ajo -e KRB -e DSI -e nEr'

cargo build --release -q -p secstatus-cli --example gen_log
if [ -z "$BIN" ]; then
  cargo build --release -q -p secstatus-cli
  BIN=target/release/secstatus
fi
mkdir -p "$DIR"
for density in sparse dense; do
  file=$DIR/synthetic-$density-$MIB.log
  if [ ! -s "$file" ]; then
    echo "generating $file ($MIB MiB)..." >&2
    target/release/examples/gen_log "$MIB" 1 "$density" > "$file"
  fi
done

source benches/common.sh

row() { # label, command, megabytes moved, baseline seconds
  local secs rate ratio
  secs=$(median "$2")
  rate=$(awk -v s="$secs" -v m="$3" 'BEGIN {printf "%.2f", m/1024/s}')
  ratio=$(awk -v s="$secs" -v b="${4:-$secs}" 'BEGIN {printf "%.2f", s/b}')
  printf '| %s | %s | %s | %s |\n' "$1" "$secs" "$rate" "$ratio" >&2
  echo "$secs"
}

echo "$RUNS runs each, $(nproc) cores; GiB/s counts the bytes each command reads" >&2
for density in sparse dense; do
  file=$DIR/synthetic-$density-$MIB.log
  out=$DIR/annotated-$density-$MIB.log
  "$BIN" annotate "$file" > "$out" || true
  out_mib=$(( $(stat -c %s "$out") / 1048576 ))
  echo >&2
  echo "$density: $file ($MIB MiB, $(wc -l < "$file") lines); annotate writes $out_mib MiB" >&2
  echo "| command | median s | GiB/s | ratio to its baseline |" >&2
  echo "|---|---|---|---|" >&2
  cat_s=$(row "\`cat FILE \| wc -c\`" "cat $file | wc -c" "$MIB")
  row "\`secstatus annotate FILE \| wc -c\`" "$BIN annotate $file | wc -c" "$MIB" "$cat_s" > /dev/null
  if [ "$density" = dense ]; then
    # Writing the explanations moves more bytes than the input: the limit is cat of what annotate wrote.
    cat_out_s=$(row "\`cat OUTPUT \| wc -c\` (OUTPUT: what annotate wrote)" "cat $out | wc -c" "$out_mib")
    row "\`secstatus annotate FILE \| wc -c\`" "$BIN annotate $file | wc -c" "$MIB" "$cat_out_s" > /dev/null
  fi
  if command -v rg > /dev/null; then
    rg_s=$(row "\`rg -c REGEX FILE\`" "rg -c '$REGEX' $file" "$MIB")
    row "\`rg -c -F LITERALS FILE\` (the scanner's literal patterns only)" "rg -c -F $LITERALS $file" "$MIB" "$rg_s" \
      > /dev/null
    row "\`secstatus annotate --summary FILE\`" "$BIN annotate --summary $file" "$MIB" "$rg_s" > /dev/null
  else
    echo "(rg not installed: the summary comparison is skipped)" >&2
    row "\`secstatus annotate --summary FILE\`" "$BIN annotate --summary $file" "$MIB" > /dev/null
  fi
done

echo >&2
echo "| peak memory | MiB |" >&2
echo "|---|---|" >&2
for density in sparse dense; do
  file=$DIR/synthetic-$density-$MIB.log
  printf '| annotate FILE (%s) | %s |\n' "$density" "$(peak "$BIN annotate $file")" >&2
  printf '| annotate --summary FILE (%s) | %s |\n' "$density" "$(peak "$BIN annotate --summary $file")" >&2
done
printf '| annotate of one %s MiB line (no newline) | %s |\n' "$MIB" \
  "$(peak "head -c ${MIB}M /dev/zero | tr '\\000' a | $BIN annotate")" >&2
