#!/usr/bin/env bash
# run_report_bench.sh — `gifkit validate -f html` against `-f json` on the same file
# (issue #31: a 100,000-row file with 50,000 problems; targets: the page < 5 MB, written
# in < 2× the time of -f json), and how long headless Chromium takes to load and
# render the page.
#
# bench/gen_corporate_csv.py writes ROWS (default 100000) rows of a 法人 export shaped
# like the real NTA records with a fault on 54 % of the rows (--fault-every 1.85: bad
# check digit, 和暦 date, hyphenated postal code, half-width kana in turn; about 51,000
# problems in 100,000 rows). Then, RUNS times
# (default 3), json and html in turn, each timed by GNU time (wall s, user s, peak RSS):
#   gifkit validate FILE -f json -o OUT.json
#   gifkit validate FILE -f html -o OUT.html
# and the median wall times' ratio html/json. Chromium: `chromium --headless
# --dump-dom file://OUT.html` timed RUNS times, beside the same for an empty page
# (the browser's own start), the difference being the page's load and render.
# Usage: bench/run_report_bench.sh [BUILD_DIR]   (env: BENCH_WORK, GIFKIT_DATA, ROWS, RUNS)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
rows="${ROWS:-100000}"
runs="${RUNS:-3}"
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
bench_paths "$build/bench-report"
input="$work/131016_houjin_list_$rows.csv"
[ -s "$input" ] || python3 "$here/gen_corporate_csv.py" "$rows" "$input" --fault-every 1.85 --data "$data"

# timed CMD... — runs CMD under GNU time; prints "wall user peakMB".
timed() {
  /usr/bin/time -f '%e %U %M' -o "$work/time.txt" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" || true
  tail -n 1 "$work/time.txt" | awk '{ printf "%s %s %.1f\n", $1, $2, $3 / 1024 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: >"$work/json.txt"
: >"$work/html.txt"
printf '%-24s %3s %7s %7s %8s\n' job run wall_s user_s peakMB
for run in $(seq "$runs"); do
  read -r wall user mb < <(timed "$gifkit" validate "$input" -f json -o "$work/report.json")
  printf '%-24s %3d %7s %7s %8s\n' "validate -f json" "$run" "$wall" "$user" "$mb"
  echo "$wall" >>"$work/json.txt"
  read -r wall user mb < <(timed "$gifkit" validate "$input" -f html -o "$work/report.html")
  printf '%-24s %3d %7s %7s %8s\n' "validate -f html" "$run" "$wall" "$user" "$mb"
  echo "$wall" >>"$work/html.txt"
done
json_median=$(median <"$work/json.txt")
html_median=$(median <"$work/html.txt")
problems=$(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["tasks"][0]; print(t["stats"]["errors"]+t["stats"]["warnings"]+t["stats"]["infos"])' "$work/report.json")
echo "rows $rows, problems $problems"
echo "json: $(stat -c %s "$work/report.json") bytes, median ${json_median} s"
echo "html: $(stat -c %s "$work/report.html") bytes, median ${html_median} s"
awk -v h="$html_median" -v j="$json_median" 'BEGIN { printf "html/json wall: %.2f\n", h / j }'

chromium="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium" ]; then
  echo "no chromium: the render time is not measured"
  exit 0
fi
echo '<!DOCTYPE html><title>empty</title>' >"$work/empty.html"
: >"$work/chromium-page.txt"
: >"$work/chromium-empty.txt"
for run in $(seq "$runs"); do
  for page in empty report; do
    read -r wall user mb < <(timed "$chromium" --headless --no-sandbox --disable-gpu \
      --disable-background-networking --no-first-run --user-data-dir="$work/profile" \
      --dump-dom "file://$work/$page.html")
    printf '%-24s %3d %7s %7s %8s\n' "chromium --dump-dom $page" "$run" "$wall" "$user" "$mb"
    echo "$wall" >>"$work/chromium-$([ $page = empty ] && echo empty || echo page).txt"
  done
done
page_median=$(median <"$work/chromium-page.txt")
empty_median=$(median <"$work/chromium-empty.txt")
awk -v p="$page_median" -v e="$empty_median" \
  'BEGIN { printf "chromium: the page %.2f s, an empty page %.2f s: load and render %.2f s\n", p, e, p - e }'
