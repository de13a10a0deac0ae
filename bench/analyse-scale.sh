#!/usr/bin/env bash
# Analyse benchmark: bench/analyse-scale.sh [N]   (default N = 1,000,000 participants, N/500 clusters, seed 20261124)
# Times with /usr/bin/time -v (wall, CPU, peak RSS), on one stored load:
#   analyse        `odtrial analyse` with the default plan (every row, version 2 included), as a user runs it
#   phases         org.odtrial.analysis.estimate.AnalysePhases (analysis test scope): the same steps in one JVM,
#                  each timed on its own: verifying the store and deriving the load (one pass), the version-1
#                  rows, then each group of version-2 rows; it prints the version-1 path's total
#   peer_analyse   with PEER_JAR set (an odtrial.jar of another version), the same analyse with that jar
# and checks that both jars wrote the same results.json.
# Env: BENCH_DIR (work folder, reused: upload/ and fresh.db are made once per N, K and seed), CLUSTERS, SEED,
#      PEER_JAR, SKIP_ANALYSE=1 (phases only), PHASES_MI=0 (phases without the multiple-imputation rows).
# A benchmark, not a test: nothing in mvn verify runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
N="${1:-1000000}"
K="${CLUSTERS:-$(( N / 500 > 0 ? N / 500 : 1 ))}"
SEED="${SEED:-20261124}"
work_dir
"$root/odtrial" --version >/dev/null   # build the jar now if stale, outside any timing
machine | tee "$WORK/machine-analyse.txt"
echo "work folder: $WORK"
printf 'step\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' >"$WORK/results.tsv"

stored_trial "$N" "$K" "$SEED"

if [ "${SKIP_ANALYSE:-0}" != 1 ]; then
  rm -rf "$WORK/results"
  measure analyse "$root/odtrial" analyse --db "$WORK/fresh.db" --load 1 --out "$WORK/results" --quiet
  if [ -n "${PEER_JAR:-}" ]; then
    rm -rf "$WORK/peer-results"
    # the launcher's heap for analyse (-Xmx1g), for the peer too
    measure peer_analyse java -Xss4m -Xmx1g -jar "$PEER_JAR" analyse --db "$WORK/fresh.db" --load 1 --out "$WORK/peer-results" --quiet
    if cmp -s "$WORK/results/results.json" "$WORK/peer-results/results.json"; then
      echo "results.json: identical to the peer's"
    else
      echo "results.json: DIFFERS from the peer's"
    fi
  fi
fi

(cd "$root" && mvn -q -B -o -pl analysis -am test-compile >/dev/null)
cp="$root/analysis/target/test-classes:$root/analysis/target/classes:$root/ingest/target/classes:$root/cli/target/odtrial.jar"
ANALYSE_PHASES_MI="${PHASES_MI:-1}" measure phases java -Xss4m -Xmx1g -cp "$cp" \
  org.odtrial.analysis.estimate.AnalysePhases "$WORK/fresh.db" 1
cat "$WORK/phases.out"

echo
echo "== results (N=$N, K=$K) =="
column -t -s $'\t' "$WORK/results.tsv"
