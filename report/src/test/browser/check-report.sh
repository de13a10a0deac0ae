#!/bin/sh
# Renders report.html in headless Chromium, offline, and checks that every table and figure is in the rendered
# page. Usage: check-report.sh REPORT_HTML [SCREENSHOT_PNG]
# Exit 0 when the page rendered with the expected tables and inline SVG figures: EXPECTED_TABLES (default 9)
# and EXPECTED_FIGURES (default 5), the numbers of a report with version-2 results and subgroups.
set -eu
html=${1:?usage: check-report.sh REPORT_HTML [SCREENSHOT_PNG]}
shot=${2:-}
chromium=${CHROMIUM:-/usr/bin/chromium}
expected_tables=${EXPECTED_TABLES:-9}
expected_figures=${EXPECTED_FIGURES:-5}

[ -r "$html" ] || { echo "check-report: cannot read $html" >&2; exit 2; }
profile=$(mktemp -d)
dom=$(mktemp)
trap 'rm -rf "$profile" "$dom"' EXIT
url="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
flags="--headless --no-sandbox --disable-gpu --disable-quic --disable-background-networking --disable-component-update --no-first-run --disable-sync --user-data-dir=$profile"

# shellcheck disable=SC2086
"$chromium" $flags --dump-dom "$url" >"$dom" 2>/dev/null
tables=$(grep -o '<table' "$dom" | wc -l)
figures=$(grep -o '<svg' "$dom" | wc -l)
echo "check-report: $tables tables, $figures svg figures in the rendered DOM"
if [ -n "$shot" ]; then
  # shellcheck disable=SC2086
  "$chromium" $flags --hide-scrollbars --window-size=1280,6000 --screenshot="$shot" "$url" >/dev/null 2>&1
  [ -s "$shot" ] || { echo "check-report: no screenshot written" >&2; exit 1; }
  echo "check-report: screenshot $shot"
fi
[ "$tables" -eq "$expected_tables" ] || { echo "check-report: expected $expected_tables tables" >&2; exit 1; }
[ "$figures" -eq "$expected_figures" ] || { echo "check-report: expected $expected_figures figures" >&2; exit 1; }
