#!/usr/bin/env bash
# Trial-scale benchmark: bench/trial-scale.sh   (the sample trial, sample-data: 600 participants, 30 clusters)
# Times, through the launcher as a user runs them, REPEAT times (default 3), interleaved:
#   help       ./odtrial --help
#   validate   ./odtrial validate sample-data
#   ingest     ./odtrial ingest sample-data --db fresh.db
#   analyse    ./odtrial analyse --db fresh.db --out results --quiet
#   report     ./odtrial report --db fresh.db --out report
#   run        ./odtrial run sample-data --db run.db --out run --quiet   (all of the above in one JVM)
#   R_all      Rscript bench/analyse.R all results/derived.csv sample-data/outcomes.csv (R's eight version-1 fits in
#              one process, start-up and package loading included): the peer
# and, for comparison, help and run with the JVM's own defaults (no class-data archive, G1, C2: the launcher before
# issue 14) as help_jvm_defaults and run_jvm_defaults. Prints every measurement (CPU = user + sys of the whole
# process tree, wall, peak RSS, load average before and after), then per step the spread over the repeats.
# Env: REPEAT, BENCH_DIR (work folder, kept), KEEP=1 (keep the temporary one), BEFORE=DIR (another checkout,
# e.g. a clone of the commit before a change: its launcher's help, validate and run are timed in the same loop,
# interleaved, as help_before, validate_before and run_before, so that before and after share the minutes and
# the load; its run must write the same results.json, derived.csv and report files).
# RT=1 runs every timed command under `chrt -r 1` (round-robin real-time priority; needs root or CAP_SYS_NICE): on
# a machine shared with other work its processes then run before everyone else's, so that its wall times approach
# an idle machine's (memory and cache are still shared; CPU times are unaffected either way).
# A benchmark, not a test: nothing in mvn verify runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
REPEAT="${REPEAT:-3}"
if [ -n "${BENCH_DIR:-}" ]; then WORK="$BENCH_DIR"; mkdir -p "$WORK"; else WORK="$(mktemp -d /tmp/odtrial-bench.XXXXXX)"; fi
[ -n "${BENCH_DIR:-}" ] || [ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
data="$root/sample-data"
odtrial="$root/odtrial"
rt=()
if [ "${RT:-0}" = 1 ]; then rt=(chrt -r 1); fi
"$odtrial" --version >/dev/null   # build the jar and its class-data archive now if stale, outside any timing
if [ -n "${BEFORE:-}" ]; then "$BEFORE/odtrial" --version >/dev/null; fi
machine | tee "$WORK/machine-trial-scale.txt"
echo "real-time priority (RT): ${RT:-0}" | tee -a "$WORK/machine-trial-scale.txt"
echo "work folder: $WORK"
printf 'step\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' >"$WORK/results.tsv"

for i in $(seq 1 "$REPEAT"); do
  rm -rf "$WORK/fresh.db" "$WORK/results" "$WORK/report" "$WORK/run.db" "$WORK/run" "$WORK/run-defaults.db" \
    "$WORK/run-defaults"
  measure help "${rt[@]}" "$odtrial" --help
  measure validate "${rt[@]}" "$odtrial" validate "$data"
  measure ingest "${rt[@]}" "$odtrial" ingest "$data" --db "$WORK/fresh.db"
  measure analyse "${rt[@]}" "$odtrial" analyse --db "$WORK/fresh.db" --out "$WORK/results" --quiet
  measure report "${rt[@]}" "$odtrial" report --db "$WORK/fresh.db" --out "$WORK/report"
  measure run "${rt[@]}" "$odtrial" run "$data" --db "$WORK/run.db" --out "$WORK/run" --quiet
  if command -v Rscript >/dev/null; then
    measure R_all "${rt[@]}" Rscript "$root/bench/analyse.R" all "$WORK/results/derived.csv" "$data/outcomes.csv"
  fi
  if [ -n "${BEFORE:-}" ]; then
    rm -rf "$WORK/run-before.db" "$WORK/run-before"
    measure help_before "${rt[@]}" "$BEFORE/odtrial" --help
    measure validate_before "${rt[@]}" "$BEFORE/odtrial" validate "$data"
    measure run_before "${rt[@]}" "$BEFORE/odtrial" run "$data" --db "$WORK/run-before.db" --out "$WORK/run-before" --quiet
  fi
  measure help_jvm_defaults "${rt[@]}" env ODTRIAL_CDS=0 ODTRIAL_JAVA_OPTS=-Xmx768m "$odtrial" --help
  measure run_jvm_defaults "${rt[@]}" env ODTRIAL_CDS=0 ODTRIAL_JAVA_OPTS=-Xmx1g \
    "$odtrial" run "$data" --db "$WORK/run-defaults.db" --out "$WORK/run-defaults" --quiet
done
# the pipeline's outputs are those of the separate commands
for f in results/results.json report/report.html report/report.docx; do
  cmp -s "$WORK/$f" "$WORK/run/$f" || { echo "run and the separate commands differ in $f" >&2; exit 1; }
done
if [ -n "${BEFORE:-}" ]; then
  for f in $(cd "$WORK/run" && find . -type f | sort); do
    cmp -s "$WORK/run/$f" "$WORK/run-before/$f" || { echo "run and the run of $BEFORE differ in $f" >&2; exit 1; }
  done
fi

echo
echo "== every run =="
column -t -s $'\t' "$WORK/results.tsv"
echo
echo "== per step over $REPEAT repeats: CPU s (user+sys) min-max, wall s min-max, peak RSS MiB max =="
awk -F'\t' 'NR > 1 {
    s = $1; n[s]++; if (!(s in order)) { order[s] = ++k; name[k] = s }
    if (n[s] == 1 || $3 < cmin[s]) cmin[s] = $3; if (n[s] == 1 || $3 > cmax[s]) cmax[s] = $3
    if (n[s] == 1 || $2 < wmin[s]) wmin[s] = $2; if (n[s] == 1 || $2 > wmax[s]) wmax[s] = $2
    if ($4 > rss[s]) rss[s] = $4
    if (s == "ingest" || s == "analyse" || s == "report") { pc[n[s]] += $3; pw[n[s]] += $2 }
  }
  END {
    printf "%-20s %-13s %-13s %s\n", "step", "cpu_s", "wall_s", "rss_mib"
    for (j = 1; j <= k; j++) { s = name[j]
      printf "%-20s %-13s %-13s %d\n", s, sprintf("%.2f-%.2f", cmin[s], cmax[s]), sprintf("%.2f-%.2f", wmin[s], wmax[s]), rss[s] }
    lo = hi = pc[1]; wl = wh = pw[1]
    for (r in pc) { if (pc[r] < lo) lo = pc[r]; if (pc[r] > hi) hi = pc[r]; if (pw[r] < wl) wl = pw[r]; if (pw[r] > wh) wh = pw[r] }
    printf "%-20s %-13s %-13s\n", "ingest+analyse+report", sprintf("%.2f-%.2f", lo, hi), sprintf("%.2f-%.2f", wl, wh)
  }' "$WORK/results.tsv"
