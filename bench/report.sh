#!/usr/bin/env bash
# Report benchmark: bench/report.sh [N]   (default N = 200,000 participants, N/500 clusters = 400, seed 20261124)
# Times `odtrial report` (reading the load, the whole default plan, every table, figure and format) with
# /usr/bin/time -v, REPEAT times (default 3), unblinded and blinded, and `odtrial analyse` once for the analysis
# share of it; and, interleaved with those, `odtrial report --results` of that analysis's results.json (the report
# of an analysis already run: reading the load, no model), unblinded and blinded, checking that its files are
# those of `report`. With PEER_JAR set (an odtrial.jar of another version, e.g. main before a change), the same
# report runs with that jar in the same session, interleaved, as the peer.
# Env: BENCH_DIR (work folder, reused: upload/ and fresh.db are made once per N, K and seed), CLUSTERS, SEED,
#      REPEAT, PEER_JAR.
# A benchmark, not a test: nothing in mvn verify runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
N="${1:-200000}"
K="${CLUSTERS:-$(( N / 500 > 0 ? N / 500 : 1 ))}"
SEED="${SEED:-20261124}"
REPEAT="${REPEAT:-3}"
work_dir
"$root/odtrial" --version >/dev/null   # build the jar now if stale, outside any timing
machine | tee "$WORK/machine-report.txt"
echo "work folder: $WORK"
printf 'step\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' >"$WORK/results.tsv"

stored_trial "$N" "$K" "$SEED"

measure analyse "$root/odtrial" analyse --db "$WORK/fresh.db" --load 1 --out "$WORK/results" --quiet
for i in $(seq 1 "$REPEAT"); do
  rm -rf "$WORK/report" "$WORK/blinded" "$WORK/report-results" "$WORK/blinded-results"
  measure "report_$i" "$root/odtrial" report --db "$WORK/fresh.db" --load 1 --out "$WORK/report"
  measure "report_results_$i" "$root/odtrial" report --db "$WORK/fresh.db" --load 1 --out "$WORK/report-results" \
    --results "$WORK/results/results.json"
  measure "report_blinded_$i" "$root/odtrial" report --db "$WORK/fresh.db" --load 1 --out "$WORK/blinded" --blinded
  measure "report_results_blinded_$i" "$root/odtrial" report --db "$WORK/fresh.db" --load 1 \
    --out "$WORK/blinded-results" --blinded --results "$WORK/results/results.json"
  # the report of the analysis is the report that analyses again, byte for byte
  diff -r "$WORK/report" "$WORK/report-results" >/dev/null || echo "report --results ($i): files differ from report" >&2
  diff -r "$WORK/blinded" "$WORK/blinded-results" >/dev/null || echo "report --results --blinded ($i): files differ" >&2
  if [ -n "${PEER_JAR:-}" ]; then
    rm -rf "$WORK/peer-report"
    # the launcher's heap for report (-Xmx1g), for the peer too
    measure "peer_report_$i" java -Xss4m -Xmx1g -jar "$PEER_JAR" report --db "$WORK/fresh.db" --load 1 --out "$WORK/peer-report"
  fi
done
ls -la "$WORK/report" >"$WORK/report-files.txt"

echo
echo "== results (N=$N, K=$K) =="
column -t -s $'\t' "$WORK/results.tsv"
