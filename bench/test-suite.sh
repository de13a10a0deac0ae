#!/usr/bin/env bash
# Test-suite benchmark: bench/test-suite.sh [RUNS]   (default 1)
# Runs the README's test command, `mvn -o -B verify`, RUNS times from a fresh clone of the current commit
# (so that nothing is up to date and the worktree's target/ is untouched), each under /usr/bin/time -v,
# and prints per run: wall, CPU (user + sys of Maven and its test JVMs), the load average before and
# after; then the wall of each module (Maven's reactor summary) and the ten slowest test classes
# (surefire's reports, seconds of wall) of the last run.
# Env: CI=true as .ci/run sets it (the pandoc, LaTeX, Chromium and PostgreSQL tests then fail, never skip,
# when a program is missing); BENCH_DIR (work folder, kept; default a new temp folder, deleted unless KEEP=1).
# A benchmark, not a test: nothing in mvn verify runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
RUNS="${1:-1}"
if [ -n "${BENCH_DIR:-}" ]; then WORK="$BENCH_DIR"; mkdir -p "$WORK"; else WORK="$(mktemp -d /tmp/odtrial-bench.XXXXXX)"; fi
[ -n "${BENCH_DIR:-}" ] || [ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
machine | tee "$WORK/machine.txt"
echo "commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD || echo ' (plus uncommitted changes, not measured)')"
echo "work folder: $WORK"
rm -f "$WORK/results.tsv"
printf 'step\twall_s\tcpu_s\tpeak_rss_mib\texit\tload_before\tload_after\n' | tee "$WORK/results.tsv"
for run in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/clone"
  git clone -q "$root" "$WORK/clone"
  (cd "$WORK/clone" && measure "verify_$run" mvn -o -B verify) || true
done
echo
echo "modules (last run):"
grep -E '^\[INFO\] odtrial .*(SUCCESS|FAILURE)' "$WORK/verify_$RUNS.out" | sed 's/^\[INFO\] /  /'
echo "slowest test classes (last run, wall s):"
for f in "$WORK"/clone/*/target/surefire-reports/TEST-*.xml; do
  m="${f#"$WORK/clone/"}"
  sed -n 's/.*<testsuite [^>]*name="\([^"]*\)"[^>]*time="\([0-9.]*\)".*/\2 \1/p' "$f" \
    | head -1 | awk -v m="${m%%/*}" '{ n = split($2, p, "."); printf "%8.1f  %-9s %s\n", $1, m, p[n] }'
done | sort -rn | head -10
