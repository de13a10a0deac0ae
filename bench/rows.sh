#!/usr/bin/env bash
# Row groups benchmark: bench/rows.sh [N]   (default N = 200,000 participants, N/500 clusters, seed 20261124)
# 1. RowCosts (analysis test scope, a main): a trial of N participants generated in memory (no store), the CPU
#    time of each row group of the default plan on one thread, ROUNDS times (default 3; the first includes the
#    JIT's warm-up), the multiple-imputation rows left out (ROW_COSTS_MI=1 times them too); with PEER_JAR (an
#    odtrial.jar of another version) the same with that jar's statistics, interleaved, REPEAT times (default 1).
# 2. `analyse` of the sample trial (sample-data, ingested once), REPEAT times interleaved: --threads 1, the default
#    (one per processor), and PEER_JAR's analyse, with the launcher's settings for a small input; every
#    results.json, results.csv, results.md and derived.csv must be the same bytes.
# Env: BENCH_DIR (work folder, kept), CLUSTERS, SEED, ROUNDS, REPEAT, PEER_JAR, SKIP_SCALE=1, SKIP_TRIAL=1.
# A benchmark, not a test: nothing in mvn verify runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
N="${1:-200000}"
K="${CLUSTERS:-$(( N / 500 > 0 ? N / 500 : 1 ))}"
SEED="${SEED:-20261124}"
ROUNDS="${ROUNDS:-3}"
REPEAT="${REPEAT:-1}"
work_dir
"$root/odtrial" --version >/dev/null   # build the jar now if stale, outside any timing
(cd "$root" && mvn -q -B -o -pl analysis -am test-compile >/dev/null)
jar="$root/cli/target/odtrial.jar"
machine | tee "$WORK/machine-rows.txt"
echo "work folder: $WORK"
printf 'step\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' >"$WORK/results.tsv"
tests="$root/analysis/target/test-classes"

if [ "${SKIP_SCALE:-0}" != 1 ]; then
  for r in $(seq 1 "$REPEAT"); do
    ROW_COSTS_WHOLE=0 measure "rows_$r" java -Xss4m -Xmx3g -cp "$tests:$root/analysis/target/classes:$jar" \
      org.odtrial.analysis.estimate.RowCosts "$N" "$K" "$ROUNDS" "$SEED"
    if [ -n "${PEER_JAR:-}" ]; then
      # the peer's classes first: RowCosts times the peer's row groups
      ROW_COSTS_WHOLE=0 measure "peer_rows_$r" java -Xss4m -Xmx3g -cp "$PEER_JAR:$tests" \
        org.odtrial.analysis.estimate.RowCosts "$N" "$K" "$ROUNDS" "$SEED"
    fi
  done
  for f in "$WORK"/rows_*.out "$WORK"/peer_rows_*.out; do
    [ -f "$f" ] || continue
    echo "== $(basename "$f" .out): CPU s of each row group, last round"
    awk -v rounds="$ROUNDS" '/^-- round/ { r++ } r == rounds && / cpu / { print }' "$f"
  done
fi

if [ "${SKIP_TRIAL:-0}" != 1 ]; then
  [ -f "$WORK/sample.db" ] || "$root/odtrial" ingest "$root/sample-data" --db "$WORK/sample.db" >/dev/null
  small="-Xss4m -Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"   # the launcher's settings for a small input
  for r in $(seq 1 "$REPEAT"); do
    for t in 1 default; do
      opt=(); [ "$t" = default ] || opt=(--threads "$t")
      rm -rf "$WORK/res_$t"
      measure "analyse_threads_${t}_$r" java $small -jar "$jar" analyse --db "$WORK/sample.db" \
        --out "$WORK/res_$t" --quiet "${opt[@]}"
    done
    if [ -n "${PEER_JAR:-}" ]; then
      rm -rf "$WORK/res_peer"
      measure "peer_analyse_$r" java $small -jar "$PEER_JAR" analyse --db "$WORK/sample.db" --out "$WORK/res_peer" --quiet
    fi
    for d in res_default res_peer; do
      [ -d "$WORK/$d" ] || continue
      for f in results.json results.csv results.md derived.csv; do
        cmp -s "$WORK/res_1/$f" "$WORK/$d/$f" || { echo "$d/$f differs from --threads 1" >&2; exit 1; }
      done
    done
    echo "run $r: results.json, .csv, .md and derived.csv identical (--threads 1, default${PEER_JAR:+, peer})"
  done
fi
echo
column -t -s $'\t' "$WORK/results.tsv"
