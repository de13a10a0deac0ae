#!/usr/bin/env bash
# Seal and verify benchmark: bench/verify.sh [N]   (default N = 1,000,000 participants, N/500 clusters, seed 20261124)
# Times with /usr/bin/time -v (wall, CPU, peak RSS): a first ingest (validates, stores and seals), verify,
# analyse (which verifies first), a changed upload as load 2 (sealed), verify of the two loads; and as peers
# on the same store the sqlite3 shell reading every table in key order (the floor of an ordered read), and,
# when PEER_JAR names an odtrial jar from before the seal, its ingest and analyse of the same upload.
# Env: BENCH_DIR (work folder, kept; default a new temp folder, deleted unless KEEP=1), CLUSTERS, SEED, PEER_JAR.
# A benchmark, not a test: nothing in mvn verify runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
N="${1:-1000000}"
K="${CLUSTERS:-$(( N / 500 > 0 ? N / 500 : 1 ))}"
SEED="${SEED:-20261124}"
if [ -n "${BENCH_DIR:-}" ]; then WORK="$BENCH_DIR"; mkdir -p "$WORK"; else WORK="$(mktemp -d /tmp/odtrial-bench.XXXXXX)"; fi
[ -n "${BENCH_DIR:-}" ] || [ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
command -v sqlite3 >/dev/null || { echo "installing sqlite3" >&2; apt-get install -y sqlite3 >/dev/null; }
up="$WORK/upload"
rm -f "$WORK/results.tsv" "$WORK"/sealed.db "$WORK"/unsealed.db "$WORK"/.sealed.db.* "$WORK"/.unsealed.db.*

"$root/odtrial" --version >/dev/null   # build the jar now if stale, outside any timing
machine | tee "$WORK/machine.txt"
echo "work folder: $WORK"
if [ "$(cat "$WORK/upload.stamp" 2>/dev/null)" != "$N $K $SEED" ]; then
  rm -rf "$up"
  measure generate "$root/odtrial" generate --out "$up" --clusters "$K" --participants "$N" --seed "$SEED"
  echo "$N $K $SEED" >"$WORK/upload.stamp"
fi
printf 'step\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' | tee "$WORK/results.tsv"
measure ingest_sealed "$root/odtrial" ingest "$up" --db "$WORK/sealed.db"
measure verify_1_load "$root/odtrial" verify --db "$WORK/sealed.db"
cat "$WORK/verify_1_load.out"
# peer: the sqlite3 shell reading every record table in key order, as verify does (no hashing)
{
  echo "SELECT count(*) FROM (SELECT * FROM clusters ORDER BY cluster_id, valid_from);"
  echo "SELECT count(*) FROM (SELECT * FROM participants ORDER BY participant_id, valid_from);"
  echo "SELECT count(*) FROM (SELECT * FROM admissions ORDER BY episode_id, valid_from);"
  echo "SELECT count(*) FROM (SELECT * FROM outcomes ORDER BY participant_id, instrument, timepoint, valid_from);"
  echo "SELECT count(*) FROM (SELECT * FROM network_meetings ORDER BY meeting_id, valid_from);"
} >"$WORK/peer-read.sql"
measure peer_sqlite3_ordered_read sqlite3 "$WORK/sealed.db" ".read '$WORK/peer-read.sql'"
measure analyse_verified "$root/odtrial" analyse --db "$WORK/sealed.db" --out "$WORK/results" --quiet
up2="$WORK/upload2"; rm -rf "$up2"; mkdir -p "$up2"
for f in clusters admissions outcomes network_meetings; do ln "$up/$f.csv" "$up2/$f.csv"; done
awk -F, -v OFS=, 'NR >= 2 && NR <= 11 { $4 = ($4 < 60) ? $4 + 1 : $4 - 1 } 1' "$up/participants.csv" >"$up2/participants.csv"
measure ingest_changed_sealed "$root/odtrial" ingest "$up2" --db "$WORK/sealed.db"
measure verify_2_loads "$root/odtrial" verify --db "$WORK/sealed.db"
if [ -n "${PEER_JAR:-}" ]; then
  measure peer_ingest_unsealed java -Xss4m -Xmx768m -jar "$PEER_JAR" ingest "$up" --db "$WORK/unsealed.db"
  measure peer_analyse_unsealed java -Xss4m -Xmx1g -jar "$PEER_JAR" analyse --db "$WORK/unsealed.db" --out "$WORK/results-peer" --quiet
fi
echo "store size after 2 loads: $(( $(stat -c %s "$WORK/sealed.db") / 1048576 )) MiB"
echo
column -t -s $'\t' "$WORK/results.tsv"
