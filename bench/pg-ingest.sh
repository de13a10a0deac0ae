#!/usr/bin/env bash
# PostgreSQL bulk-load and read benchmark: bench/pg-ingest.sh [N]   (default N = 1,000,000 participants, N/500
# clusters, seed 20261124). Generates a trial, initdb's a throwaway PostgreSQL server in the work folder (as the
# tests do; as the system user odtrialpg when run as root), and times, each with the server started just for the
# step under /usr/bin/time -v so that the server's CPU (postmaster and every backend it reaped) is measured too:
#   odtrial_ingest_pg   odtrial ingest DIR --db postgresql://...  (first load into an empty database)
#   peer_psql_copy      psql -1: bench/peer-schema-pg.sql, \copy of the same five CSV files, bench/peer-index.sql
# then the read an analysis makes (org.odtrial.ingest.bench.StoreRead, test scope: every record of the load in key
# order through TrialStore.read) from the PostgreSQL store and from a SQLite store of the same upload:
#   ingest_sqlite       odtrial ingest DIR --db trial.db (not timed against anything; makes the SQLite store)
#   read_sqlite, read_pg
#   analyse_sqlite, analyse_pg  (only with ANALYSE=1) odtrial analyse on each store; results.json compared
# Env: BENCH_DIR (work folder, kept; default a new temp folder, deleted unless KEEP=1), CLUSTERS, SEED,
#      REPEATS (ingest pairs, default 1), SKIP_READ=1, ANALYSE=1, ODTRIAL (launcher; default ./odtrial),
#      ODTRIAL_PG_BIN (default: newest /usr/lib/postgresql/*/bin). Server: PostgreSQL's defaults (fsync on,
#      shared_buffers 128MB) but autovacuum off, so that each step's server CPU is the step's own work.
# A benchmark, not a test: nothing in mvn verify runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
N="${1:-1000000}"
K="${CLUSTERS:-$(( N / 500 > 0 ? N / 500 : 1 ))}"
SEED="${SEED:-20261124}"
REPEATS="${REPEATS:-1}"
odtrial="${ODTRIAL:-$root/odtrial}"   # another launcher (a build of another commit) to compare with
if [ -n "${BENCH_DIR:-}" ]; then WORK="$BENCH_DIR"; mkdir -p "$WORK"; else WORK="$(mktemp -d /tmp/odtrial-pgbench.XXXXXX)"; fi
chmod 755 "$WORK"   # the server user must reach $WORK/pg
up="$WORK/upload"
PGBIN="${ODTRIAL_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$PGBIN/initdb" ] || { echo "no PostgreSQL binaries (install Debian's postgresql or set ODTRIAL_PG_BIN)" >&2; exit 2; }

# the server: as odtrialpg when root (PostgreSQL refuses to run as root)
as=()
pg="$WORK/pg"
if [ "$(id -u)" = 0 ]; then
  id -u odtrialpg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin odtrialpg
  as=(runuser -u odtrialpg --)
fi
SPID=""
cleanup() {
  if [ -n "$SPID" ]; then "${as[@]}" "$PGBIN/pg_ctl" -D "$pg/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  if [ -z "${BENCH_DIR:-}" ] && [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; else rm -rf "$pg"; fi
}
trap cleanup EXIT
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
rm -rf "$pg"; mkdir -p "$pg"; [ ${#as[@]} -eq 0 ] || chown odtrialpg "$pg"
"${as[@]}" "$PGBIN/initdb" -D "$pg/data" -U postgres --auth=trust -E UTF8 --locale=C >"$WORK/initdb.log"
server_up() {   # server_up LABEL: starts the server under /usr/bin/time -v
  /usr/bin/time -v -o "$WORK/$1.server.time" "${as[@]}" "$PGBIN/postgres" -D "$pg/data" -p "$PORT" -k "$pg" \
    -c listen_addresses=127.0.0.1 -c autovacuum=off >>"$WORK/server.log" 2>&1 &
  SPID=$!
  until "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; do sleep 0.2; done
}
server_down() {   # server_down LABEL: fast shutdown (a checkpoint), then the server's CPU and peak RSS
  "${as[@]}" "$PGBIN/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null
  wait "$SPID" || true
  SPID=""
  awk -v label="$1" '
    /User time \(seconds\)/ { user = $NF }
    /System time \(seconds\)/ { sys = $NF }
    /Maximum resident set size/ { rss = $NF / 1024 }
    END { printf "%s\t%.2f\t%.0f\n", label, user + sys, rss }' "$WORK/$1.server.time" >>"$WORK/server.tsv"
}
psqlc() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres "$@"; }
url() { echo "postgresql://postgres@127.0.0.1:$PORT/$1"; }

"$odtrial" --version >/dev/null   # build the jar now if stale, outside any timing
(cd "$root" && mvn -q -B -o -pl ingest -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
cp="$root/ingest/target/test-classes:$root/ingest/target/classes:$(cat "$WORK/cp.txt")"
machine | tee "$WORK/machine.txt"
echo "postgres: $("$PGBIN/postgres" --version)" | tee -a "$WORK/machine.txt"
echo "work folder: $WORK"

if [ "$(cat "$WORK/upload.stamp" 2>/dev/null)" != "$N $K $SEED" ]; then
  rm -rf "$up" "$WORK/trial.db"
  "$odtrial" generate --out "$up" --clusters "$K" --participants "$N" --seed "$SEED" >/dev/null
  echo "$N $K $SEED" >"$WORK/upload.stamp"
fi
rows=0
for f in clusters participants admissions outcomes network_meetings; do rows=$(( rows + $(wc -l <"$up/$f.csv") - 1 )); done
echo "N=$N participants, K=$K clusters: $rows rows, $(du -sLm "$up" | cut -f1) MiB of CSV" | tee "$WORK/rows.txt"

{
  echo "BEGIN;"
  grep -v '^--' "$root/bench/peer-schema-pg.sql"
  for f in clusters participants admissions outcomes network_meetings; do
    echo "\\copy $f FROM '$up/$f.csv' WITH (FORMAT csv, HEADER true)"
  done
  grep -v '^--' "$root/bench/peer-index.sql"
  echo "COMMIT;"
} >"$WORK/peer-pg.sql"

rm -f "$WORK/results.tsv" "$WORK/server.tsv"
for r in $(seq 1 "$REPEATS"); do
  server_up "setup$r"
  psqlc -d postgres -c "DROP DATABASE IF EXISTS odtrial" -c "DROP DATABASE IF EXISTS peer" \
    -c "CREATE DATABASE odtrial" -c "CREATE DATABASE peer"
  server_down "setup$r"
  server_up "odtrial_ingest_pg_$r"
  measure "odtrial_ingest_pg_$r" "$odtrial" ingest "$up" --db "$(url odtrial)"
  server_down "odtrial_ingest_pg_$r"
  server_up "peer_psql_copy_$r"
  measure "peer_psql_copy_$r" "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d peer \
    -f "$WORK/peer-pg.sql"
  server_down "peer_psql_copy_$r"
done
tail -n 3 "$WORK/odtrial_ingest_pg_$REPEATS.out"
server_up check
echo "odtrial rows: $(psqlc -d odtrial -At -c "SELECT (SELECT count(*) FROM main.clusters) + (SELECT count(*) FROM main.participants) + (SELECT count(*) FROM main.admissions) + (SELECT count(*) FROM main.outcomes) + (SELECT count(*) FROM main.network_meetings)")"
echo "peer rows:    $(psqlc -d peer -At -c "SELECT (SELECT count(*) FROM clusters) + (SELECT count(*) FROM participants) + (SELECT count(*) FROM admissions) + (SELECT count(*) FROM outcomes) + (SELECT count(*) FROM network_meetings)")"
echo "database sizes (MiB): $(psqlc -d postgres -At -F ' ' -c "SELECT datname, pg_database_size(datname) / 1048576 FROM pg_database WHERE datname IN ('odtrial', 'peer') ORDER BY 1" | tr '\n' ' ')"
server_down check

if [ "${SKIP_READ:-0}" != 1 ]; then
  [ -f "$WORK/trial.db" ] || measure ingest_sqlite "$odtrial" ingest "$up" --db "$WORK/trial.db"
  measure read_sqlite java -Xmx768m -cp "$cp" org.odtrial.ingest.bench.StoreRead "$WORK/trial.db" 2
  server_up read_pg
  measure read_pg java -Xmx768m -cp "$cp" org.odtrial.ingest.bench.StoreRead "$(url odtrial)" 2
  server_down read_pg
  cat "$WORK/read_sqlite.out" "$WORK/read_pg.out"
  if [ "$(grep -o 'sha256 .*' "$WORK/read_sqlite.out")" != "$(grep -o 'sha256 .*' "$WORK/read_pg.out")" ]; then
    echo "the two stores gave different records" >&2; exit 1
  fi
  if [ "${ANALYSE:-0}" = 1 ]; then
    measure analyse_sqlite "$odtrial" analyse --db "$WORK/trial.db" --out "$WORK/an_sqlite" --quiet
    server_up analyse_pg
    measure analyse_pg "$odtrial" analyse --db "$(url odtrial)" --out "$WORK/an_pg" --quiet
    server_down analyse_pg
    cmp "$WORK/an_sqlite/results.json" "$WORK/an_pg/results.json" && echo "results.json: identical"
  fi
fi

echo
echo "== results (N=$N, K=$K, rows=$rows; client = the measured command, server = postmaster and its backends) =="
awk -F'\t' 'NR == FNR { cpu[$1] = $2; rss[$1] = $3; next }
  { s = ($1 in cpu) ? cpu[$1] : "-"; m = ($1 in rss) ? rss[$1] : "-"
    printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", $1, $2, $3, $4, s, m, $6, $7 }' \
  "$WORK/server.tsv" "$WORK/results.tsv" >"$WORK/summary.tsv"
{ printf 'step\twall_s\tclient_cpu_s\tclient_rss_mib\tserver_cpu_s\tserver_rss_mib\tload_before\tload_after\n'
  cat "$WORK/summary.tsv"; } | column -t -s $'\t'
