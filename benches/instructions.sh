#!/usr/bin/env bash
# Instructions executed by annotate and by the event log reader, counted by valgrind (cachegrind, no cache
# simulation): the same for the same binary and input whatever else the machine does, so two builds compare even
# on a noisy machine where wall times do not.
#
#   benches/instructions.sh            (BIN=PATH counts another build; it is then not rebuilt)
#
# Rows: annotate and --summary of each log; --summary and --json of the .evtx; evtx_dump (if installed) on one copy
# of the chunks and on five.
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
once=$DIR/fixtures-1.evtx
for copies in 1 5; do
  file=$DIR/fixtures-$copies.evtx
  [ -s "$file" ] && continue
  {
    head -c 4096 "$FIX/system.evtx"
    for _ in $(seq "$copies"); do
      tail -c +4097 "$FIX/system.evtx"
      tail -c +4097 "$FIX/Security_short_selected.evtx"
    done
  } > "$file"
done

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
# The evtx crate's own tool on one copy of the chunks and on five: how much it gains from chunks that repeat.
if command -v evtx_dump > /dev/null; then
  echo "| \`evtx_dump -t 1 -o json\` of one copy (1.2 MB) | $(count evtx_dump -t 1 -o json "$once") |"
  echo "| \`evtx_dump -t 1 -o json\` of the 5.9 MB .evtx | $(count evtx_dump -t 1 -o json "$evtx") |"
  echo "| \`annotate --summary\` of one copy (1.2 MB) | $(count "$BIN" annotate --summary "$once") |"
fi
