#!/usr/bin/env bash
# Analysis benchmark: bench/analyse.sh [N]   (default N = 1,000,000 participants, N/500 clusters = 2,000, seed 20261124)
# Times `odtrial analyse` (the whole default plan, reading the load from the store included) with /usr/bin/time -v,
# then, when Rscript exists, R doing the same fits on the same data (bench/analyse.R, one process per fit, each
# capped at R_TIMEOUT seconds, default 600).
# Env: BENCH_DIR (work folder; reuses upload/ and fresh.db left there by bench/ingest.sh with the same N, K and
#      seed, analysing load 1), CLUSTERS, SEED, R_TIMEOUT, R_FITS (space-separated subset of analyse.R's fits),
#      SKIP_ANALYSE=1 (R only, on the derived.csv of an earlier run in BENCH_DIR).
# A benchmark, not a test: nothing in mvn verify runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
N="${1:-1000000}"
K="${CLUSTERS:-$(( N / 500 > 0 ? N / 500 : 1 ))}"
SEED="${SEED:-20261124}"
R_TIMEOUT="${R_TIMEOUT:-600}"
R_FITS="${R_FITS:-km_logrank cox nb_admissions nb_bed_days lm_m12 lm_m24 lmer_m12 lmer_m24}"
if [ -n "${BENCH_DIR:-}" ]; then WORK="$BENCH_DIR"; mkdir -p "$WORK"; else WORK="$(mktemp -d /tmp/odtrial-bench.XXXXXX)"; fi
[ -n "${BENCH_DIR:-}" ] || [ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
up="$WORK/upload"
"$root/odtrial" --version >/dev/null   # build the jar now if stale, outside any timing
machine | tee "$WORK/machine-analyse.txt"
echo "work folder: $WORK"
saved="$WORK/results.tsv"; [ "${SKIP_ANALYSE:-0}" = 1 ] || [ ! -f "$saved" ] || cp "$saved" "$WORK/results-ingest.tsv"
[ "${SKIP_ANALYSE:-0}" = 1 ] || printf 'step\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' >"$WORK/results.tsv"

if [ "$(cat "$WORK/upload.stamp" 2>/dev/null)" != "$N $K $SEED" ] || [ ! -f "$WORK/fresh.db" ]; then
  rm -rf "$up" "$WORK/fresh.db"
  measure generate "$root/odtrial" generate --out "$up" --clusters "$K" --participants "$N" --seed "$SEED"
  echo "$N $K $SEED" >"$WORK/upload.stamp"
  measure ingest_first "$root/odtrial" ingest "$up" --db "$WORK/fresh.db"
fi

if [ "${SKIP_ANALYSE:-0}" != 1 ] || [ ! -f "$WORK/results/derived.csv" ]; then
rm -rf "$WORK/results"
measure analyse "$root/odtrial" analyse --db "$WORK/fresh.db" --load 1 --out "$WORK/results" --quiet
cat "$WORK/results/results.md" >"$WORK/analyse-results.md" 2>/dev/null || true
fi

if command -v Rscript >/dev/null; then
  echo "R fits, each capped at ${R_TIMEOUT} s:"
  for fit in $R_FITS; do
    measure "R_$fit" timeout "$R_TIMEOUT" Rscript "$root/bench/analyse.R" "$fit" "$WORK/results/derived.csv" "$up/outcomes.csv"
    if [ "$(tail -n1 "$WORK/results.tsv" | cut -f5)" = 124 ]; then
      echo "  R $fit: did not finish in ${R_TIMEOUT} s" | tee -a "$WORK/r-fits.txt"
    else
      sed "s/^/  R $fit: /" "$WORK/R_$fit.out" | tee -a "$WORK/r-fits.txt"
    fi
  done
else
  echo "Rscript not found: no R peer" | tee "$WORK/r-fits.txt"
fi

echo
echo "== results (N=$N, K=$K) =="
column -t -s $'\t' "$WORK/results.tsv"
