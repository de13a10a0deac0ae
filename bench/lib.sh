# Shared helpers for the bench/ scripts (sourced, not run).
# measure LABEL CMD...: runs CMD under /usr/bin/time -v (stdout to $WORK/LABEL.out), appends
# "label<TAB>wall s<TAB>user+sys CPU s<TAB>peak RSS MiB<TAB>exit<TAB>loadavg before<TAB>loadavg after" to $WORK/results.tsv.
measure() {
  local label="$1"; shift
  local before after rc=0
  # Earlier steps' files (a 1-2 GB store, a deleted one) are still being written back: flush them first, so the
  # disk's work lands on the step that caused it, not on the next one measured.
  sync
  before="$(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -v -o "$WORK/$label.time" "$@" >"$WORK/$label.out" 2>"$WORK/$label.err" || rc=$?
  after="$(cut -d' ' -f1-3 /proc/loadavg)"
  awk -v label="$label" -v rc="$rc" -v before="$before" -v after="$after" '
    /Elapsed \(wall clock\)/ { n = split($NF, p, ":"); wall = (n == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
    /User time \(seconds\)/ { user = $NF }
    /System time \(seconds\)/ { sys = $NF }
    /Maximum resident set size/ { rss = $NF / 1024 }
    END { printf "%s\t%.2f\t%.2f\t%.0f\t%s\t%s\t%s\n", label, wall, user + sys, rss, rc, before, after }' \
    "$WORK/$label.time" | tee -a "$WORK/results.tsv"
}

machine() {
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  free -h | sed 's/^/free: /'
  echo "java: $(java -version 2>&1 | head -1)"
  if command -v Rscript >/dev/null; then echo "R: $(Rscript --version 2>&1 | head -1)"; fi
  echo "sqlite3: $(sqlite3 --version 2>/dev/null | cut -d' ' -f1)"
  echo "loadavg: $(cat /proc/loadavg)"
  # a fixed amount of JVM work: the VM's speed for the JVM varies from hour to hour, so figures of different runs
  # are compared through it (docs/performance.md, "Machine")
  echo "calibration: $( { /usr/bin/time -f '%e s wall, %U+%S s CPU with compiling' java \
    "$(dirname "${BASH_SOURCE[0]}")/Calibrate.java"; } 2>&1 | tr '\n' ' ')"
}

# work_dir: WORK = $BENCH_DIR (created, kept) or a new temp folder (deleted at exit unless KEEP=1).
work_dir() {
  if [ -n "${BENCH_DIR:-}" ]; then WORK="$BENCH_DIR"; mkdir -p "$WORK"; else WORK="$(mktemp -d /tmp/odtrial-bench.XXXXXX)"; fi
  if [ -z "${BENCH_DIR:-}" ] && [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; fi
}

# stored_trial N K SEED: $WORK/upload (generated) and $WORK/fresh.db (its first load), made once per N, K and seed.
stored_trial() {
  if [ "$(cat "$WORK/upload.stamp" 2>/dev/null)" != "$1 $2 $3" ] || [ ! -f "$WORK/fresh.db" ]; then
    rm -rf "$WORK/upload" "$WORK/fresh.db"
    measure generate "$root/odtrial" generate --out "$WORK/upload" --clusters "$2" --participants "$1" --seed "$3"
    echo "$1 $2 $3" >"$WORK/upload.stamp"
    measure ingest_first "$root/odtrial" ingest "$WORK/upload" --db "$WORK/fresh.db"
  fi
}
