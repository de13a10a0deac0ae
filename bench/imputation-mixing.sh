#!/usr/bin/env bash
# Mixing of the multiple-imputation sampler: bench/imputation-mixing.sh [REPS] [ITERATIONS] (default 4 4000).
# Runs MixingCheck (analysis test classes): for the first REPS trials of the simulation benchmark's design
# (24 clusters, 600 participants, seed 20261202) and each instrument of the default plan, one chain kept at
# every iteration; prints the autocorrelation of the ANCOVA arm effect in the completed data at lags 1-100
# after the burn-in, and the mean of the first 50 iterations beside the posterior mean. The evidence for the
# sampler's burn-in and thinning (docs/methods-counts-recovery.md). A check, not a test: deterministic.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
WORK="$(mktemp -d /tmp/odtrial-mixing.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
(cd "$root" && mvn -B -q -o -pl analysis -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null)
cp="$root/analysis/target/classes:$root/analysis/target/test-classes:$(cat "$WORK/classpath.txt")"
machine >&2
java -cp "$cp" org.odtrial.analysis.imputation.MixingCheck "${1:-4}" "${2:-4000}" | column -t -s $'\t'
