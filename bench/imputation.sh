#!/usr/bin/env bash
# Multiple-imputation benchmark: bench/imputation.sh [REPS]   (default 300 reps of 24 clusters / 600 participants)
# Compares this tree's jar with PEER_JAR (an odtrial.jar of another version, required) in the same minutes:
#   simulate_new / simulate_peer   `simulate` of the default plan, --jobs 2, the launcher's JVM settings for simulate
#                                  (-Xss4m -Xmx768m), CPU a rep; the outputs must be byte-identical
#   mi_new / mi_peer               org.odtrial.analysis.estimate.ImputationBench (analysis test scope): the
#                                  `.mi` and `.tipping` rows alone (ImputationRows.of) on MI_REPS simulated trials,
#                                  ROUNDS rounds in one JVM (the last rounds are after warm-up), CPU a trial and a
#                                  digest of the rows (it must not change)
#   db_new_N / db_peer_N           the same on each stored load of SIZES (e.g. "10000 100000": generated with seed
#                                  20261124, N/500 clusters, ingested once into $WORK/sN/fresh.db)
# Env: PEER_JAR (required), CLUSTERS (24), PARTICIPANTS (600), SEED (20261202), JOBS (2), MI_REPS (20), ROUNDS (5),
#      SIZES (""), SKIP_SIMULATE=1, BENCH_DIR (work folder, kept). A benchmark, not a test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
REPS="${1:-300}"
: "${PEER_JAR:?set PEER_JAR to the odtrial.jar to compare with}"
CLUSTERS="${CLUSTERS:-24}"
PARTICIPANTS="${PARTICIPANTS:-600}"
SEED="${SEED:-20261202}"
JOBS="${JOBS:-2}"
MI_REPS="${MI_REPS:-20}"
ROUNDS="${ROUNDS:-5}"
SIZES="${SIZES:-}"
work_dir
"$root/odtrial" --version >/dev/null   # build the jar now if stale, outside any timing
(cd "$root" && mvn -q -B -o -pl analysis -am test-compile >/dev/null)
jar="$root/cli/target/odtrial.jar"
new_cp="$root/analysis/target/test-classes:$root/analysis/target/classes:$root/ingest/target/classes:$jar"
peer_cp="$PEER_JAR:$root/analysis/target/test-classes"   # the peer's classes first; only the bench main from here
machine | tee "$WORK/machine-imputation.txt"
echo "work folder: $WORK"
printf 'step\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' >"$WORK/results.tsv"

if [ "${SKIP_SIMULATE:-0}" != 1 ]; then
  args=(simulate --clusters "$CLUSTERS" --participants "$PARTICIPANTS" --reps "$REPS" --seed "$SEED" --jobs "$JOBS" --format json)
  echo "command: odtrial ${args[*]}"
  measure simulate_peer java -Xss4m -Xmx768m -jar "$PEER_JAR" "${args[@]}"
  measure simulate_new java -Xss4m -Xmx768m -jar "$jar" "${args[@]}"
  if cmp -s "$WORK/simulate_new.out" "$WORK/simulate_peer.out"; then echo "simulate: same bytes as the peer"; else echo "simulate: OUTPUT DIFFERS from the peer's"; fi
  for v in peer new; do
    awk -F'\t' -v v="simulate_$v" -v r="$REPS" '$1 == v { printf "%s: %.1f ms CPU a rep\n", v, 1000 * $3 / r }' "$WORK/results.tsv"
  done
fi

for v in peer new; do
  cp_var="${v}_cp"
  measure "mi_$v" java -Xss4m -Xmx768m -cp "${!cp_var}" org.odtrial.analysis.estimate.ImputationBench \
    sim "$CLUSTERS" "$PARTICIPANTS" "$MI_REPS" "$SEED" "$ROUNDS"
  cat "$WORK/mi_$v.out"
done

for n in $SIZES; do
  d="$WORK/s$n"
  mkdir -p "$d"
  if [ ! -f "$d/fresh.db" ]; then
    java -Xmx1g -jar "$jar" generate --out "$d/upload" --clusters "$(( n / 500 ))" --participants "$n" --seed 20261124 >/dev/null
    java -Xmx1g -jar "$jar" ingest "$d/upload" --db "$d/fresh.db" >/dev/null
  fi
  for v in peer new; do
    cp_var="${v}_cp"
    measure "db_${v}_$n" java -Xss4m -Xmx2g -cp "${!cp_var}" org.odtrial.analysis.estimate.ImputationBench db "$d/fresh.db" 2
    cat "$WORK/db_${v}_$n.out"
  done
done
echo
column -t -s $'\t' "$WORK/results.tsv"
