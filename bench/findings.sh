#!/usr/bin/env bash
# Findings and queries benchmark: bench/findings.sh [N]   (default N = 1,000,000 participants, N/500 clusters)
# Every finding of a dirty upload exported within the launcher's heap (-Xmx768m), and the query cycle on the
# clean trial's warnings:
#   dirty upload (dirty rate DIRTY, default 0.01): validate as text (a few examples per rule: the baseline),
#     then every finding as CSV, as JSON, as the HTML data-quality report, and one query list per site;
#   clean upload: first ingest (warnings become queries), every warning as CSV, the query lists by site,
#     a changed second load (queries tracked: kept, resolved, new), the query list after it, and diff.
#   peer: the same steps with odtrial as on the main branch before this work (built from `git archive main` into
#   the work folder, with the launcher's -Xmx768m), which kept at most 1,000 findings per rule and file.
# Each step runs under /usr/bin/time -v (wall, CPU, peak RSS). Env: BENCH_DIR (work folder, kept), CLUSTERS,
# SEED, DIRTY, PEER_REF (default main; SKIP_PEER=1 to leave it out). A benchmark, not a test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
N="${1:-1000000}"
K="${CLUSTERS:-$(( N / 500 > 0 ? N / 500 : 1 ))}"
SEED="${SEED:-20261124}"
DIRTY="${DIRTY:-0.01}"
if [ -n "${BENCH_DIR:-}" ]; then WORK="$BENCH_DIR"; mkdir -p "$WORK"; else WORK="$(mktemp -d /tmp/odtrial-findings.XXXXXX)"; fi
[ -n "${BENCH_DIR:-}" ] || [ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
"$root/odtrial" --version >/dev/null   # build the jar now if stale, outside any timing
machine | tee "$WORK/machine.txt"
echo "work folder: $WORK"

clean="$WORK/clean"; dirty="$WORK/dirty"
if [ "$(cat "$WORK/upload.stamp" 2>/dev/null)" != "$N $K $SEED $DIRTY" ]; then
  rm -rf "$clean" "$dirty"
  "$root/odtrial" generate --out "$clean" --clusters "$K" --participants "$N" --seed "$SEED" >/dev/null
  "$root/odtrial" generate --out "$dirty" --clusters "$K" --participants "$N" --seed "$SEED" --dirty "$DIRTY" >/dev/null
  echo "$N $K $SEED $DIRTY" >"$WORK/upload.stamp"
fi
rm -rf "$WORK/out" "$WORK/trial.db" "$WORK/.trial.db.new"* "$WORK/peer.db"; mkdir -p "$WORK/out"
peer=""
if [ "${SKIP_PEER:-0}" != 1 ]; then
  ref="${PEER_REF:-main}"
  if [ "$(cat "$WORK/peer.stamp" 2>/dev/null)" != "$(git -C "$root" rev-parse "$ref")" ]; then
    rm -rf "$WORK/peer-src"; mkdir -p "$WORK/peer-src"
    git -C "$root" archive "$ref" | tar -x -C "$WORK/peer-src"
    (cd "$WORK/peer-src" && mvn -q -B -o -Dmaven.test.skip=true package >/dev/null)
    git -C "$root" rev-parse "$ref" >"$WORK/peer.stamp"
  fi
  peer="java -Xss4m -Xmx768m -jar $WORK/peer-src/cli/target/odtrial.jar"
fi

printf 'step\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' | tee "$WORK/results.tsv"
measure dirty_text "$root/odtrial" validate "$dirty"
measure dirty_csv "$root/odtrial" validate "$dirty" --format csv -o "$WORK/out/findings.csv"
measure dirty_json "$root/odtrial" validate "$dirty" --format json -o "$WORK/out/findings.json"
measure dirty_html "$root/odtrial" validate "$dirty" --format html -o "$WORK/out/quality.html"
measure dirty_split "$root/odtrial" validate "$dirty" --split-by-site "$WORK/out/dirty-sites"
if [ -n "$peer" ]; then
  # shellcheck disable=SC2086
  measure peer_dirty_csv $peer validate "$dirty" --format csv -o "$WORK/out/peer-findings.csv"
  echo "peer: findings in its CSV: $(( $(wc -l <"$WORK/out/peer-findings.csv") - 1 ))"
fi
tail -n 1 "$WORK/dirty_text.out"
echo "findings in the CSV: $(( $(wc -l <"$WORK/out/findings.csv") - 1 )) (every one; text view: $(grep -c '' "$WORK/dirty_text.out") lines)"
echo "site lists: $(ls "$WORK/out/dirty-sites" | grep -c csv) sites, $(cat "$WORK/out/dirty-sites"/*.csv | grep -vc '^query_id,') rows"

measure ingest_clean "$root/odtrial" ingest "$clean" --db "$WORK/trial.db"
if [ -n "$peer" ]; then
  # shellcheck disable=SC2086
  measure peer_ingest_clean $peer ingest "$clean" --db "$WORK/peer.db"
  # shellcheck disable=SC2086
  measure peer_warnings_csv $peer warnings --db "$WORK/peer.db" --format csv
  echo "peer: warnings in its CSV: $(( $(wc -l <"$WORK/peer_warnings_csv.out") - 1 ))"
fi
measure warnings_csv "$root/odtrial" warnings --db "$WORK/trial.db" --format csv -o "$WORK/out/warnings.csv"
measure queries_split "$root/odtrial" queries --db "$WORK/trial.db" --split-by-site "$WORK/out/week1"
# the next upload: 1% of the OD meetings with one practitioner corrected, 100 meetings made new problems
next="$WORK/next"; rm -rf "$next"; mkdir -p "$next"
for f in clusters participants admissions outcomes; do ln "$clean/$f.csv" "$next/$f.csv"; done
awk -F, -v OFS=, 'NR > 1 && $5 == 1 && (++fixed % 100) == 0 { $5 = 2 } NR > 1 && $5 == 3 && made < 100 { $5 = 1; made++ } 1' \
  "$clean/network_meetings.csv" >"$next/network_meetings.csv"
measure ingest_next "$root/odtrial" ingest "$next" --db "$WORK/trial.db"
tail -n 1 "$WORK/ingest_next.out"
measure queries_text "$root/odtrial" queries --db "$WORK/trial.db"
measure diff_csv "$root/odtrial" diff --db "$WORK/trial.db" --format csv -o "$WORK/out/diff.csv"
echo "warnings stored: $(( $(wc -l <"$WORK/out/warnings.csv") - 1 )); changed records: $(( $(wc -l <"$WORK/out/diff.csv") - 1 ))"
echo "store: $(( $(stat -c %s "$WORK/trial.db") / 1048576 )) MiB"
