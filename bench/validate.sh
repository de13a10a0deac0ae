#!/usr/bin/env bash
# Validate and first ingest, before and after a change, in the same minutes: bench/validate.sh [N]
# (default N = 100,000 participants, N/500 clusters, seed 20261124).
#   BEFORE_JAR  the shaded jar of the commit before the change (required), e.g. built from
#               `git archive main | tar -x -C /tmp/base && (cd /tmp/base && mvn -q -o package -DskipTests)`
#   JAR         the jar measured (default cli/target/odtrial.jar; build it first)
#   REPEAT      rounds (default 2); each round runs, alternating the two jars: validate --format json, and a
#               first ingest into a new SQLite file
#   BENCH_DIR   work folder (kept; else a temporary one, deleted unless KEEP=1)
# Both jars run as the launcher runs them (java -Xss4m -Xmx768m). Checks that both give the same validate JSON
# (cmp) and the same stored data (the five tables and their history, load files, findings, rule counts and
# queries, `loads` without its time column). Steps under /usr/bin/time -v; results.tsv as bench/lib.sh writes it.
# A benchmark, not a test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
N="${1:-100000}"
K="${CLUSTERS:-$(( N / 500 > 0 ? N / 500 : 1 ))}"
SEED="${SEED:-20261124}"
JAR="${JAR:-$root/cli/target/odtrial.jar}"
: "${BEFORE_JAR:?set BEFORE_JAR to the jar of the commit before the change}"
work_dir
machine | tee "$WORK/machine.txt"
echo "work folder: $WORK"
up="$WORK/upload"
if [ "$(cat "$WORK/upload.stamp" 2>/dev/null)" != "$N $K $SEED" ]; then
  rm -rf "$up"
  java -Xss4m -Xmx768m -jar "$JAR" generate --out "$up" --clusters "$K" --participants "$N" --seed "$SEED" >/dev/null
  echo "$N $K $SEED" >"$WORK/upload.stamp"
fi
echo "upload: $(du -sLm "$up" | cut -f1) MiB, $(cat "$up"/*.csv | wc -l) lines"

# the stored data, without what depends on the time of the load (loaded_at and the seals over it)
stored() {
  for t in clusters participants admissions outcomes network_meetings history load_files load_findings \
    load_rule_counts queries; do
    echo "== $t"
    sqlite3 "$1" "SELECT * FROM $t ORDER BY 1, 2, 3"
  done
  java -Xss4m -Xmx768m -jar "$2" loads --db "$1" | cut -c1-5,27-
}

printf 'step\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' >"$WORK/results.tsv"
for round in $(seq "${REPEAT:-2}"); do
  for side in before after; do
    jar="$JAR"; [ "$side" = before ] && jar="$BEFORE_JAR"
    measure "validate_${side}_$round" java -Xss4m -Xmx768m -jar "$jar" validate "$up" --format json
    rm -f "$WORK/$side.db"
    measure "ingest_${side}_$round" java -Xss4m -Xmx768m -jar "$jar" ingest "$up" --db "$WORK/$side.db"
    stored "$WORK/$side.db" "$jar" >"$WORK/stored_$side.txt"
  done
  cmp "$WORK/validate_before_$round.out" "$WORK/validate_after_$round.out" && echo "round $round: validate JSON identical"
  cmp "$WORK/stored_before.txt" "$WORK/stored_after.txt" && echo "round $round: stored data identical"
done
