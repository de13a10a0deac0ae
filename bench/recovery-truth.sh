#!/usr/bin/env bash
# Known-truth check of the recovery rows (issue 11): bench/recovery-truth.sh [REPLICATES] [CLUSTERS] [PARTICIPANTS]
# (default 50 40 2000). Runs RecoveryTruthCheck (analysis test classes): for seeds 1..REPLICATES it
# generates a trial with the missing-at-random dropout scenario (generate --missing-at-random) and
# one with partial compliance (generate --non-compliance 0.3), runs the plan {"recovery": {"QPR":
# [12, 24]}} on each, and prints the markdown table of docs/methods-counts-recovery.md (mean estimate
# over the replicates against the generator's true effect, Monte Carlo se, 95% interval coverage).
# A check, not a timed benchmark and not a test: nothing in mvn verify runs it. Deterministic: the
# same arguments print the same table. Env: BENCH_DIR (work folder for the generated trials, kept).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
REPLICATES="${1:-50}"
CLUSTERS="${2:-40}"
PARTICIPANTS="${3:-2000}"
if [ -n "${BENCH_DIR:-}" ]; then WORK="$BENCH_DIR"; mkdir -p "$WORK"; else WORK="$(mktemp -d /tmp/odtrial-truth.XXXXXX)"; fi
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$WORK"' EXIT
# compile, and the classpath of the analysis tests (ingest's classes and the dependency jars)
(cd "$root" && mvn -B -q -o -pl analysis -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null)
cp="$root/analysis/target/classes:$root/analysis/target/test-classes:$(cat "$WORK/classpath.txt")"
machine >&2
java -cp "$cp" org.odtrial.analysis.estimate.RecoveryTruthCheck \
  "$REPLICATES" "$CLUSTERS" "$PARTICIPANTS" "$WORK/trials"
