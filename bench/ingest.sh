#!/usr/bin/env bash
# Ingest benchmark: bench/ingest.sh [N]   (default N = 1,000,000 participants, N/500 clusters, seed 20261124)
# Generates a trial, then times with /usr/bin/time -v (wall, CPU, peak RSS):
#   validate, first ingest, identical re-ingest (no-op), changed upload as load 2,
#   the parse/check/write split (org.odtrial.ingest.bench.IngestPhases, test scope),
#   and the peer: the sqlite3 shell importing the same five CSV files into a fresh database.
# Env: BENCH_DIR (work folder, kept; default a new temp folder, deleted unless KEEP=1), CLUSTERS, SEED,
#      PHASES_JAVA_OPTS (JVM options for IngestPhases; default -Xmx768m, as the launcher), SKIP_PHASES=1, SKIP_PEER=1,
#      FIRST_ONLY=1 (of the odtrial steps only the first load), ODTRIAL (launcher; default ./odtrial, e.g. a build of
#      another commit to compare with).
# A benchmark, not a test: nothing in mvn verify runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
N="${1:-1000000}"
odtrial="${ODTRIAL:-$root/odtrial}"
K="${CLUSTERS:-$(( N / 500 > 0 ? N / 500 : 1 ))}"
SEED="${SEED:-20261124}"
if [ -n "${BENCH_DIR:-}" ]; then WORK="$BENCH_DIR"; mkdir -p "$WORK"; else WORK="$(mktemp -d /tmp/odtrial-bench.XXXXXX)"; fi
[ -n "${BENCH_DIR:-}" ] || [ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
command -v sqlite3 >/dev/null || { echo "installing sqlite3" >&2; apt-get install -y sqlite3 >/dev/null; }
up="$WORK/upload"
rm -f "$WORK/results.tsv" "$WORK"/fresh.db "$WORK"/phases.db "$WORK"/peer.db "$WORK"/.fresh.db.new*

"$odtrial" --version >/dev/null   # build the jar now if stale, outside any timing
machine | tee "$WORK/machine.txt"
echo "work folder: $WORK"

# 0. the data (reused when BENCH_DIR already holds the same N/K/seed)
if [ "$(cat "$WORK/upload.stamp" 2>/dev/null)" != "$N $K $SEED" ]; then
  rm -rf "$up"
  measure generate "$odtrial" generate --out "$up" --clusters "$K" --participants "$N" --seed "$SEED"
  echo "$N $K $SEED" >"$WORK/upload.stamp"
  cat "$WORK/generate.out"
fi
rows=0
for f in clusters participants admissions outcomes network_meetings; do
  r=$(( $(wc -l <"$up/$f.csv") - 1 )); rows=$((rows + r))
  printf '%-18s %10d rows %6d MiB\n' "$f.csv" "$r" $(( $(stat -c %s "$up/$f.csv") / 1048576 ))
done | tee "$WORK/rows.txt"
rows=$(awk '{s += $2} END {print s}' "$WORK/rows.txt")
echo "total rows: $rows ($(du -sLm "$up" | cut -f1) MiB) for N=$N participants, K=$K clusters" | tee -a "$WORK/rows.txt"

printf 'step\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' | tee "$WORK/results.tsv"
# (a) validate
[ "${FIRST_ONLY:-0}" = 1 ] || measure validate "$odtrial" validate "$up" --format json
# (b) first load
measure ingest_first "$odtrial" ingest "$up" --db "$WORK/fresh.db"
if [ "${FIRST_ONLY:-0}" != 1 ]; then
# (c) identical upload: a no-op (hashes the files, compares with the latest load)
measure ingest_identical "$odtrial" ingest "$up" --db "$WORK/fresh.db"
# (d) changed upload: ages of 10 participants edited, the other files the same (hard links)
up2="$WORK/upload2"; rm -rf "$up2"; mkdir -p "$up2"
for f in clusters admissions outcomes network_meetings; do ln "$up/$f.csv" "$up2/$f.csv"; done
awk -F, -v OFS=, 'NR >= 2 && NR <= 11 { $4 = ($4 < 60) ? $4 + 1 : $4 - 1 } 1' "$up/participants.csv" >"$up2/participants.csv"
measure ingest_changed "$odtrial" ingest "$up2" --db "$WORK/fresh.db"
tail -n 2 "$WORK/ingest_changed.out"
echo "store size after 2 loads: $(( $(stat -c %s "$WORK/fresh.db") / 1048576 )) MiB"
fi

# the parse / check / write split, in one JVM
if [ "${SKIP_PHASES:-0}" != 1 ]; then
  (cd "$root" && mvn -q -B -o -pl ingest test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
  # shellcheck disable=SC2086
  measure phases java -Xss4m ${PHASES_JAVA_OPTS:--Xmx768m} \
    -cp "$root/ingest/target/test-classes:$root/ingest/target/classes:$(cat "$WORK/cp.txt")" \
    org.odtrial.ingest.bench.IngestPhases "$up" "$WORK/phases.db"
  cat "$WORK/phases.out"
fi

# peer: sqlite3 shell, same tables (typed columns, no bookkeeping), import + key indexes, one transaction
if [ "${SKIP_PEER:-0}" != 1 ]; then
  {
    echo "BEGIN;"
    grep -v '^--' "$root/bench/peer-schema.sql"
    for f in clusters participants admissions outcomes network_meetings; do
      echo ".import --csv --skip 1 '$up/$f.csv' $f"
    done
    grep -v '^--' "$root/bench/peer-index.sql"
    echo "COMMIT;"
  } >"$WORK/peer.sql"
  measure peer_sqlite3_import sqlite3 -bail "$WORK/peer.db" ".read '$WORK/peer.sql'"
  echo "peer rows: $(sqlite3 "$WORK/peer.db" "SELECT (SELECT count(*) FROM clusters) + (SELECT count(*) FROM participants) + (SELECT count(*) FROM admissions) + (SELECT count(*) FROM outcomes) + (SELECT count(*) FROM network_meetings)")"
fi

echo
echo "== results (N=$N, K=$K, rows=$rows) =="
column -t -s $'\t' "$WORK/results.tsv"
