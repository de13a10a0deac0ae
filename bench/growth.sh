#!/usr/bin/env bash
# Growth benchmark: bench/growth.sh [N ...]   (default: 10000 100000 1000000 participants, N/500 clusters, seed 20261124)
# For each N: generates the trial, then times with /usr/bin/time -v (wall, CPU = user + sys, peak RSS) the four
# commands a user runs, each through the launcher with its default heap:
#   validate DIR --format json, ingest DIR --db fresh.db (first load), analyse (default plan), report.
# Prints one table: per command and N, wall s / CPU s / peak RSS MiB, and the load average before each step.
# Env: BENCH_DIR (work folder, kept; a folder per N inside, reused when the same N, K and seed are there).
# A benchmark, not a test: nothing in mvn verify runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
SEED="${SEED:-20261124}"
[ $# -gt 0 ] || set -- 10000 100000 1000000
if [ -n "${BENCH_DIR:-}" ]; then TOP="$BENCH_DIR"; mkdir -p "$TOP"; else TOP="$(mktemp -d /tmp/odtrial-bench.XXXXXX)"; fi
[ -n "${BENCH_DIR:-}" ] || [ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$TOP"' EXIT
"$root/odtrial" --version >/dev/null   # build the jar now if stale, outside any timing
WORK="$TOP"
machine | tee "$TOP/machine-growth.txt"
printf 'n\tstep\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' >"$TOP/growth.tsv"
for N in "$@"; do
  K=$(( N / 500 > 0 ? N / 500 : 1 ))
  WORK="$TOP/n$N"; mkdir -p "$WORK"
  printf 'step\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' >"$WORK/results.tsv"
  if [ "$(cat "$WORK/upload.stamp" 2>/dev/null)" != "$N $K $SEED" ]; then
    rm -rf "$WORK/upload"
    "$root/odtrial" generate --out "$WORK/upload" --clusters "$K" --participants "$N" --seed "$SEED" >/dev/null
    echo "$N $K $SEED" >"$WORK/upload.stamp"
  fi
  rm -rf "$WORK/fresh.db" "$WORK/results" "$WORK/report"
  measure validate "$root/odtrial" validate "$WORK/upload" --format json
  measure ingest "$root/odtrial" ingest "$WORK/upload" --db "$WORK/fresh.db"
  measure analyse "$root/odtrial" analyse --db "$WORK/fresh.db" --out "$WORK/results" --quiet
  measure report "$root/odtrial" report --db "$WORK/fresh.db" --out "$WORK/report"
  mib=$(( $(du -sLk "$WORK/upload" | cut -f1) / 1024 ))
  echo "N=$N: $mib MiB of CSV"
  sed 1d "$WORK/results.tsv" | sed "s/^/$N\t/" >>"$TOP/growth.tsv"
done
echo
echo "== growth (wall s, CPU s, peak RSS MiB) =="
column -t -s $'\t' "$TOP/growth.tsv"
