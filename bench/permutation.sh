#!/usr/bin/env bash
# Permutation-test benchmark: bench/permutation.sh [REPEATS]   (default 5)
# Times odtrial's restricted permutation log-rank test (PermutationBenchmark: 600 participants,
# 5 sites x 5 clusters, 2 OD per site = 100,000 allocations, all enumerated) with /usr/bin/time -v,
# then R doing the same enumeration on the same data (bench/permutation.R): survdiff under every
# allocation ("naive", the reference computation), and a vectorised version with the per-cluster
# sums computed once ("matrix"). A benchmark, not a test: nothing in mvn verify runs it.
# Env: BENCH_DIR (work folder, kept), R_TIMEOUT (seconds per R run, default 1800).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
REPEATS="${1:-5}"
R_TIMEOUT="${R_TIMEOUT:-1800}"
if [ -n "${BENCH_DIR:-}" ]; then WORK="$BENCH_DIR"; mkdir -p "$WORK"; else WORK="$(mktemp -d /tmp/odtrial-perm.XXXXXX)"; fi
[ -n "${BENCH_DIR:-}" ] || [ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
(cd "$root" && mvn -B -q -o -pl analysis -am test-compile)   # outside any timing
cp="$root/analysis/target/classes:$root/analysis/target/test-classes"
cp="$cp:$HOME/.m2/repository/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
machine | tee "$WORK/machine-permutation.txt"
echo "work folder: $WORK"
printf 'step\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' >"$WORK/results.tsv"
measure java_permutation java -cp "$cp" org.odtrial.analysis.bench.PermutationBenchmark "$REPEATS" "$WORK/data"
cat "$WORK/java_permutation.out"
if command -v Rscript >/dev/null; then
  for mode in matrix naive; do
    measure "R_$mode" timeout "$R_TIMEOUT" Rscript "$root/bench/permutation.R" "$mode" "$WORK/data"
    cat "$WORK/R_$mode.out"
  done
else
  echo "Rscript not found: no R peer"
fi
echo
column -t -s $'\t' "$WORK/results.tsv"
