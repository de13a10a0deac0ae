#!/usr/bin/env bash
# Simulation benchmark: bench/simulate.sh [REPS]   (default 1,000 reps of a 24-cluster, 600-participant trial)
# 1. `odtrial simulate` under /usr/bin/time -v, RUNS times (default 2), --jobs 2, the full default plan; the
#    outputs of the runs must be identical (same arguments, same bytes).
# 2. One more run with Java Flight Recorder, and SimulationProfile: the CPU time a rep of each analysis of the
#    plan (rows class.method) and of each statistics entry point.
# 3. The R peer: the same fits in a loop (bench/simulate.R) on the first R_REPS reps (default 10) of the same
#    study, written by SimulationPeerData; CPU and elapsed time a rep per fit.
# Env: CLUSTERS (24), PARTICIPANTS (600), SEED (20261202), JOBS (2), RUNS (2), R_REPS (10), R_TIMEOUT (3600),
#      BENCH_DIR (work folder, kept), SKIP_R=1, SKIP_PROFILE=1 (no JFR run), PEER_JAR (an odtrial.jar of another
#      version: the same simulation with it after each run, `java -Xss4m -Xmx768m -jar`, must give the same bytes). A benchmark, not a test: nothing in mvn verify runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
REPS="${1:-1000}"
CLUSTERS="${CLUSTERS:-24}"
PARTICIPANTS="${PARTICIPANTS:-600}"
SEED="${SEED:-20261202}"
JOBS="${JOBS:-2}"
RUNS="${RUNS:-2}"
R_REPS="${R_REPS:-10}"
R_TIMEOUT="${R_TIMEOUT:-3600}"
if [ -n "${BENCH_DIR:-}" ]; then WORK="$BENCH_DIR"; mkdir -p "$WORK"; else WORK="$(mktemp -d /tmp/odtrial-sim.XXXXXX)"; fi
[ -n "${BENCH_DIR:-}" ] || [ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT

"$root/odtrial" --version >/dev/null   # build the jar now if stale, outside any timing
(cd "$root" && mvn -B -q -o -pl analysis -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null)
cp="$root/analysis/target/test-classes:$root/analysis/target/classes:$(cat "$WORK/classpath.txt")"
machine | tee "$WORK/machine-simulate.txt"
echo "work folder: $WORK"
printf 'step\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' >"$WORK/results.tsv"
args=(simulate --clusters "$CLUSTERS" --participants "$PARTICIPANTS" --reps "$REPS" --seed "$SEED" --jobs "$JOBS")
echo "command: odtrial ${args[*]}"

for i in $(seq 1 "$RUNS"); do
  measure "simulate_$i" "$root/odtrial" "${args[@]}" --format json
  sha256sum <"$WORK/simulate_$i.out" | cut -c1-16 | sed "s/^/  output sha256 /"
  if [ -n "${PEER_JAR:-}" ]; then
    measure "peer_simulate_$i" java -Xss4m -Xmx768m -jar "$PEER_JAR" "${args[@]}" --format json
    cmp -s "$WORK/simulate_$i.out" "$WORK/peer_simulate_$i.out" || { echo "the peer gave other bytes" >&2; exit 1; }
  fi
done
for i in $(seq 2 "$RUNS"); do
  cmp -s "$WORK/simulate_1.out" "$WORK/simulate_$i.out" || { echo "run $i gave other bytes" >&2; exit 1; }
done

if [ "${SKIP_PROFILE:-0}" != 1 ]; then
  jfr="-Xlog:jfr+startup=error -XX:FlightRecorderOptions:stackdepth=512 -XX:StartFlightRecording=filename=$WORK/simulate.jfr,settings=profile"
  measure simulate_profiled env ODTRIAL_JAVA_OPTS="-Xmx768m -XX:+UseSerialGC $jfr" "$root/odtrial" "${args[@]}" --format json
  cmp -s "$WORK/simulate_1.out" "$WORK/simulate_profiled.out" || { echo "the profiled run gave other bytes" >&2; exit 1; }
  cpu_s="$(tail -n1 "$WORK/results.tsv" | cut -f3)"
  java -cp "$cp" org.odtrial.analysis.simulate.SimulationProfile "$WORK/simulate.jfr" "$cpu_s" "$REPS" \
    | tee "$WORK/profile.txt"
fi

if [ "${SKIP_R:-0}" != 1 ] && command -v Rscript >/dev/null; then
  java -cp "$cp" org.odtrial.analysis.simulate.SimulationPeerData "$CLUSTERS" "$PARTICIPANTS" "$R_REPS" "$SEED" "$WORK/peer"
  measure R_fits timeout "$R_TIMEOUT" Rscript "$root/bench/simulate.R" "$WORK/peer"
  cat "$WORK/R_fits.out"
else
  echo "no R peer (SKIP_R=1 or Rscript not found)"
fi
echo
column -t -s $'\t' "$WORK/results.tsv"
