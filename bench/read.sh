#!/usr/bin/env bash
# Read-path benchmark: bench/read.sh [N]   (default N = 1,000,000 participants, N/500 clusters, seed 20261124)
# On one stored load (made once per N, K and seed, as bench/analyse-scale.sh makes it), times with /usr/bin/time -v:
#   verify          `odtrial verify`: every record of every table read in key order, encoded, hashed, seals
#                   recomputed (the pass `analyse` and `report` make before deriving the load)
#   peer_verify     with PEER_JAR set (an odtrial.jar of another version), the same verify with that jar,
#                   alternating with the current jar ROUNDS times (default 2), so both see the same load
#   peer_sqlite3    the sqlite3 shell stepping through every record table in key order, as bench/verify.sh's peer
#                   (it reads the key index only: SQLite defers the seek into the table until a column is used)
#   peer_sqlite3_all_columns  the same, but using every column (count(c) of each), so each row is fetched from
#                   the table as verify fetches it: the floor of what verify asks of SQLite
# Both jars run with the launcher's verify settings (-Xmx768m, serial GC), started with java directly.
# Env: BENCH_DIR (work folder, reused), CLUSTERS, SEED, PEER_JAR, ROUNDS.
# A benchmark, not a test: nothing in mvn verify runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
N="${1:-1000000}"
K="${CLUSTERS:-$(( N / 500 > 0 ? N / 500 : 1 ))}"
SEED="${SEED:-20261124}"
ROUNDS="${ROUNDS:-2}"
work_dir
command -v sqlite3 >/dev/null || { echo "installing sqlite3" >&2; apt-get install -y sqlite3 >/dev/null; }
"$root/odtrial" --version >/dev/null   # build the jar now if stale, outside any timing
machine | tee "$WORK/machine-read.txt"
echo "work folder: $WORK"
printf 'step\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' >"$WORK/results.tsv"

stored_trial "$N" "$K" "$SEED"

jar="$root/cli/target/odtrial.jar"
cp "$jar" "$WORK/current.jar"   # a rebuild during the run must not change what is measured
{
  echo "SELECT count(*) FROM (SELECT * FROM clusters ORDER BY cluster_id, valid_from);"
  echo "SELECT count(*) FROM (SELECT * FROM participants ORDER BY participant_id, valid_from);"
  echo "SELECT count(*) FROM (SELECT * FROM admissions ORDER BY episode_id, valid_from);"
  echo "SELECT count(*) FROM (SELECT * FROM outcomes ORDER BY participant_id, instrument, timepoint, valid_from);"
  echo "SELECT count(*) FROM (SELECT * FROM network_meetings ORDER BY meeting_id, valid_from);"
} >"$WORK/peer-read.sql"
: >"$WORK/peer-read-all.sql"
for t in "clusters|cluster_id" "participants|participant_id" "admissions|episode_id" \
    "outcomes|participant_id, instrument, timepoint" "network_meetings|meeting_id"; do
  table="${t%%|*}"
  columns="$(sqlite3 "$WORK/fresh.db" "SELECT group_concat('count(' || name || ')', ', ') FROM pragma_table_info('$table')")"
  echo "SELECT $columns FROM (SELECT * FROM $table ORDER BY ${t#*|}, valid_from);" >>"$WORK/peer-read-all.sql"
done
for r in $(seq 1 "$ROUNDS"); do
  measure "verify_$r" java -Xss4m -Xmx768m -XX:+UseSerialGC -jar "$WORK/current.jar" verify --db "$WORK/fresh.db"
  if [ -n "${PEER_JAR:-}" ]; then
    measure "peer_verify_$r" java -Xss4m -Xmx768m -XX:+UseSerialGC -jar "$PEER_JAR" verify --db "$WORK/fresh.db"
  fi
  measure "peer_sqlite3_$r" sqlite3 "$WORK/fresh.db" ".read '$WORK/peer-read.sql'"
  measure "peer_sqlite3_all_columns_$r" sqlite3 "$WORK/fresh.db" ".read '$WORK/peer-read-all.sql'"
done
grep -q '^Intact' "$WORK/verify_1.out" && echo "verify: Intact" || { echo "verify did not say Intact:"; cat "$WORK/verify_1.out"; }

echo
echo "== results (N=$N, K=$K) =="
column -t -s $'\t' "$WORK/results.tsv"
