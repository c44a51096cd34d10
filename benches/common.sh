# Shared by the benchmarks, sourced from the repository root: `source benches/common.sh`. Needs RUNS set.

# median wall seconds of a shell command over $RUNS runs, with DECIMALS decimals (default 3); its output is
# discarded, and a failing run still counts
median() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s%N)
    bash -c "$1" > /dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n |
    awk -v d="${2:-3}" '{a[NR]=$1} END {printf "%.*f", d, a[int((NR+1)/2)]/1e6}'
}

# peak resident memory (MiB) of a command, its output discarded (GNU time; "n/a" without it)
peak() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M bash -c "$1 > /dev/null 2>&1" 2>&1 >/dev/null | tail -n 1 | awk '{printf "%.1f", $1/1024}'
  else
    echo "n/a"
  fi
}
