#!/usr/bin/env bash
# Wall time of a whole `secstatus lookup` process (start-up included), beside `cat` of a small file.
#
#   benches/lookup.sh
#
# Uses hyperfine when installed (Debian: apt-get install -y hyperfine); otherwise times RUNS runs (default 200) of
# each command in a loop and prints the mean. Then a table of what start-up costs (relocations, page faults, size).
# BIN=PATH measures another build (it is then not rebuilt).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-}
if [ -z "$BIN" ]; then
  cargo build --release -q -p secstatus-cli
  BIN=target/release/secstatus
fi
SMALL=examples/sample.log
RUNS=${RUNS:-200}

commands=(
  "cat $SMALL"
  "$BIN lookup 0x8009030C"
  "$BIN lookup 0x80070005"
  "$BIN lookup E_ACCESSDENIED error_logon_failure"
  "$BIN lookup -2146893044 SEC_E_WRONG_PRINCIPAL 80090308"
  "$BIN explain SEC_E_TIME_SKEW --lang ru"
  "$BIN search clocks do not match"
  "$BIN list --json"
)

if command -v hyperfine > /dev/null; then
  table=$(mktemp)
  hyperfine -N --warmup 20 --runs "$RUNS" --export-markdown "$table" "${commands[@]}" > /dev/null 2>&1
  cat "$table"
  rm -f "$table"
else
  echo "| command | mean ms |"
  echo "|---|---|"
  for cmd in "${commands[@]}"; do
    start=$(date +%s%N)
    for _ in $(seq "$RUNS"); do $cmd > /dev/null; done
    end=$(date +%s%N)
    awk -v c="$cmd" -v t="$(( end - start ))" -v n="$RUNS" 'BEGIN {printf "| `%s` | %.2f |\n", c, t / n / 1e6}'
  done
fi

# What start-up costs beside the code: the load-time relocations the loader applies (readelf, binutils), the page
# faults of one lookup beside cat's (GNU time), and the binary's size.
echo
echo "| start-up | secstatus | cat |"
echo "|---|---|---|"
if command -v readelf > /dev/null; then
  echo "| load-time relocations | $(readelf -rW "$BIN" | grep -c '^[0-9a-f]') | |"
fi
if [ -x /usr/bin/time ]; then
  faults() { /usr/bin/time -f %R "$@" 2>&1 > /dev/null | tail -n 1; }
  echo "| page faults of one run | $(faults "$BIN" lookup 0x80070005) | $(faults cat "$SMALL") |"
fi
echo "| binary bytes | $(stat -c %s "$BIN") | |"
