#!/usr/bin/env bash
# Instructions executed by annotate and by the event log reader, counted by valgrind (cachegrind, no cache
# simulation): the same for the same binary and input whatever else the machine does, so two builds compare even
# on a noisy machine where wall times do not.
#
#   benches/instructions.sh            (BIN=PATH counts another build; it is then not rebuilt)
#
# Rows: annotate and --summary of each log; --summary and --json of the .evtx.
# Inputs: 16 MiB synthetic logs (sparse and dense, from the gen_log example) and an .evtx of the test fixtures'
# chunks 5 times over (5.9 MB), generated once under target/bench/. Needs valgrind (Debian: apt-get install -y
# valgrind). Prints a Markdown table of millions of instructions.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind > /dev/null || { echo "valgrind missing: apt-get install -y valgrind" >&2; exit 2; }
DIR=target/bench
BIN=${BIN:-}
FIX=crates/secstatus-cli/tests/fixtures/evtx
cargo build --release -q -p secstatus-cli --example gen_log
if [ -z "$BIN" ]; then
  cargo build --release -q -p secstatus-cli
  BIN=target/release/secstatus
fi
mkdir -p "$DIR"
for density in sparse dense; do
  file=$DIR/synthetic-$density-16.log
  [ -s "$file" ] || target/release/examples/gen_log 16 1 "$density" > "$file"
done
evtx=$DIR/fixtures-5.evtx
if [ ! -s "$evtx" ]; then
  {
    head -c 4096 "$FIX/system.evtx"
    for _ in 1 2 3 4 5; do
      tail -c +4097 "$FIX/system.evtx"
      tail -c +4097 "$FIX/Security_short_selected.evtx"
    done
  } > "$evtx"
fi

count() { # the command's instructions, in millions
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" 2>&1 > /dev/null |
    awk '/I *refs:/ {gsub(",", "", $NF); printf "%.1f", $NF / 1e6}'
}

echo "| command (BIN=$BIN) | million instructions |"
echo "|---|---|"
for density in sparse dense; do
  file=$DIR/synthetic-$density-16.log
  echo "| \`annotate --summary\` $density 16 MiB | $(count "$BIN" annotate --summary "$file") |"
  echo "| \`annotate\` $density 16 MiB | $(count "$BIN" annotate "$file") |"
done
echo "| \`annotate --summary\` of the 5.9 MB .evtx | $(count "$BIN" annotate --summary "$evtx") |"
echo "| \`annotate --json\` of the 5.9 MB .evtx | $(count "$BIN" --json annotate "$evtx") |"
