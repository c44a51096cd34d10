#!/usr/bin/env bash
# Runs every fuzz target for SECONDS_PER_TARGET seconds (default 20), starting from the checked-in corpus
# fuzz/corpus/<target> (minimised, so a short run begins where earlier campaigns got to), the seeds in
# fuzz/seeds/<target> and the saved reproducers in fuzz/regressions/<target>, which must no longer crash.
# Prints, per target, the executions and the result; exits non-zero if any target crashed, timed out or ran out of
# memory. Needs only the stable toolchain: cargo-fuzz is installed if missing, and RUSTC_BOOTSTRAP=1 stands in for
# nightly.
#
#   bash fuzz/run.sh [SECONDS_PER_TARGET]               a bounded run (CI: 25 s per target)
#   bash fuzz/run.sh --campaign [SECONDS_PER_TARGET]    a long run (default 600 s per target), then the corpus is
#                                                       minimised in place (cargo fuzz cmin) and the run is logged
#                                                       in fuzz/campaigns.tsv; commit both
#
# Environment: FUZZ_SANITIZER (default `none`: panics are what we hunt, and it runs ~5x faster than `address`),
# FUZZ_TARGETS (default: every target), FUZZ_ARGS (more libFuzzer flags), FUZZ_BUILD (more cargo-fuzz build flags, as
# `--no-trace-compares`: no comparison tracing, for a campaign that runs about twice as fast from a corpus that has
# the magic values already; the log's sanitizer column names them too).
set -euo pipefail
cd "$(dirname "$0")"

campaign=0
if [ "${1:-}" = --campaign ]; then
  campaign=1
  shift
fi
seconds=${1:-$([ "$campaign" -eq 1 ] && echo 600 || echo 20)}
case $seconds in '' | *[!0-9]*) echo "usage: $0 [--campaign] [SECONDS_PER_TARGET]" >&2; exit 2 ;; esac
sanitizer=${FUZZ_SANITIZER:-none}
# shellcheck disable=SC2206 # FUZZ_BUILD is a list of flags
build=(-s "$sanitizer" ${FUZZ_BUILD:-})
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

targets=${FUZZ_TARGETS:-$(cargo fuzz list)}
mkdir -p artifacts/logs
echo "==> building the targets (sanitizer: $sanitizer${FUZZ_BUILD:+; $FUZZ_BUILD})"
if ! cargo fuzz build "${build[@]}" >artifacts/logs/build.log 2>&1; then
  cat artifacts/logs/build.log >&2
  exit 2
fi

# files and KiB (of content, not of disk blocks) of a folder
size() {
  printf '%s %s' "$(find "$1" -type f | wc -l)" \
    "$(find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d", (s + 1023) / 1024 }')"
}

failed=0
printf '\n%-10s %12s %8s %10s  %s\n' target executions seconds exec/s result
for t in $targets; do
  mkdir -p "corpus/$t"
  dirs=("corpus/$t")
  [ -d "seeds/$t" ] && dirs+=("seeds/$t")
  [ -d "regressions/$t" ] && dirs+=("regressions/$t")
  log="artifacts/logs/$t.log"
  started=$SECONDS
  set +e
  # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
  cargo fuzz run "${build[@]}" "$t" "${dirs[@]}" -- \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 ${FUZZ_ARGS:-} >"$log" 2>&1
  rc=$?
  set -e
  elapsed=$((SECONDS - started))
  # A clean run ends with "#N DONE cov: ... exec/s: R ..." and "Done N runs in S second(s)".
  done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n 1 || true)
  if [ -n "$done_line" ]; then
    runs=$(sed -E 's/^Done ([0-9]+) runs in ([0-9]+) second.*/\1/' <<<"$done_line")
    secs=$(sed -E 's/^Done ([0-9]+) runs in ([0-9]+) second.*/\2/' <<<"$done_line")
  else
    # Ended early: the last status line ("#N ...") has the count so far.
    runs=$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#' || true)
    secs=$elapsed
  fi
  rate=$(grep -E '^#[0-9]+' "$log" | grep -oE 'exec/s: [0-9]+' | tail -n 1 | grep -oE '[0-9]+' || true)
  if [ "$rc" -eq 0 ] && [ -n "$done_line" ]; then
    result=ok
    if [ "$campaign" -eq 1 ]; then
      # Keep only the inputs that add coverage, so the corpus stays small enough to check in.
      cargo fuzz cmin "${build[@]}" "$t" "corpus/$t" >"artifacts/logs/$t.cmin.log" 2>&1
      read -r files kib <<<"$(size "corpus/$t")"
      result="ok, corpus minimised to $files files, $kib KiB"
      [ -s campaigns.tsv ] || printf 'date\ttarget\tsanitizer\texecutions\tseconds\tcorpus_files\tcorpus_kib\n' >campaigns.tsv
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$t" "${build[*]:1}" "$runs" "$secs" "$files" "$kib" >>campaigns.tsv
    fi
  else
    failed=1
    kind=$(grep -oE "panicked at [^ ]+|ERROR: libFuzzer: [a-z-]+|ERROR: AddressSanitizer: [a-z-]+" "$log" | head -n 1 || true)
    unit=$(grep -oE 'Test unit written to [^ ]+' "$log" | tail -n 1 | sed 's/^Test unit written to //' || true)
    result="CRASH (${kind:-exit status $rc})${unit:+ input: $unit}; log: fuzz/$log"
  fi
  printf '%-10s %12s %8s %10s  %s\n' "$t" "${runs:-?}" "${secs:-?}" "${rate:-?}" "$result"
done

if [ "$failed" -ne 0 ]; then
  echo
  echo "FAILED: minimise a crash with: RUSTC_BOOTSTRAP=1 cargo fuzz tmin -s $sanitizer TARGET INPUT" >&2
  exit 1
fi
echo
echo "all targets ran without a crash"
if [ "$campaign" -eq 1 ]; then
  echo "campaign totals per target (fuzz/campaigns.tsv):"
  awk -F'\t' 'NR > 1 { runs[$2] += $4; secs[$2] += $5 } END { for (t in runs) printf "  %-10s %12d executions in %.1f h\n", t, runs[t], secs[t] / 3600 }' campaigns.tsv | sort
fi
