#!/usr/bin/env bash
# run_diff_bench.sh — the `gifkit diff` benchmark of issue #13 (target on one core:
# two 1,000,000-row files with 1 % of the rows changed, added or removed compared in
# ≤ 3 s and ≤ 200 MB), with daff (npm daff 1.4.2, as scripts/setup.sh installs it in
# tests/e2e/node_modules) on the same files in the same round. Everything is pinned
# to one core (taskset -c 0) and timed with GNU time (wall s, user s, sys s, peak RSS).
#
# For each ROWS (default 100000 1000000), bench/gen_diff_csv.py writes OLD (a 法人
# export of real NTA names and addresses, 12 columns, 234 bytes a row) and NEW (1 % of
# the rows removed, 1 % changed, 1 % added), NEW once in OLD's order and once shuffled.
# Compared with
#   gifkit diff OLD NEW -f csv -o OUT.csv      (the Tabular Diff Format daff writes too)
#   gifkit diff OLD NEW -f json -o OUT.json
#   daff diff --id 法人番号（13桁） --output OUT.csv OLD NEW
# daff is stopped after DAFF_TIMEOUT seconds (default 600) and runs with node's own
# heap limit; a run that dies or is stopped is reported as such.
# Each measurement runs RUNS times (default 2), the tools interleaved in each round.
# Usage: bench/run_diff_bench.sh [BUILD_DIR] [ROWS...]
#        (env: BENCH_WORK, GIFKIT_DATA, RUNS=2, DAFF_TIMEOUT=600)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(100000 1000000)
runs="${RUNS:-2}"
daff_timeout="${DAFF_TIMEOUT:-600}"
daff="$here/../tests/e2e/node_modules/.bin/daff"
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
bench_paths
[ -x "$daff" ] || { echo "daff is missing: bash scripts/setup.sh" >&2; exit 2; }

# measure OK_STATUSES CMD... — runs CMD on core 0 under GNU time; sets status, wall,
# user, sys, mb ("-" for all when it failed outside OK_STATUSES).
measure() {
  local ok="$1"
  shift
  set +e
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" taskset -c 0 "$@" 2>"$work/stderr.txt"
  status=$?
  set -e
  read -r wall user sys kb < <(tail -n 1 "$work/time.txt")
  mb=$(awk -v kb="$kb" 'BEGIN { printf "%.1f", kb / 1024 }')
  case " $ok " in *" $status "*) note="" ;; *) note="exit $status: $(tail -c 200 "$work/stderr.txt" | tr '\n' ' ')" ;; esac
}
row() {
  printf '%-28s %9d %3s %7s %7s %6s %8s  %s\n' "$1" "$2" "$3" "$wall" "$user" "$sys" "$mb" "$note"
}

printf '%-28s %9s %3s %7s %7s %6s %8s  %s\n' job rows run wall_s user_s sys_s peakMB note
for rows in "${sizes[@]}"; do
  old="$work/diff-old-$rows.csv"
  for order in sorted shuffled; do
    new="$work/diff-new-$rows-$order.csv"
    if [ ! -s "$new" ]; then
      python3 "$here/gen_diff_csv.py" "$rows" "$old" "$new" --data "$data" \
        $([ "$order" = shuffled ] && echo --shuffle) >&2
    fi
    for run in $(seq "$runs"); do
      measure "1" "$gifkit" diff "$old" "$new" -f csv -o "$work/diff-gifkit.csv"
      row "gifkit diff -f csv ($order)" "$rows" "$run"
      measure "1" "$gifkit" diff "$old" "$new" -f json -o "$work/diff-gifkit.json"
      row "gifkit diff -f json ($order)" "$rows" "$run"
      measure "0 1" timeout "$daff_timeout" "$daff" diff --id '法人番号（13桁）' \
        --output "$work/diff-daff.csv" "$old" "$new"
      [ "$status" = 124 ] && note="stopped after ${daff_timeout} s"
      row "daff diff ($order)" "$rows" "$run"
    done
    # What each found: gifkit's summary, and daff's rows by action.
    { "$gifkit" diff "$old" "$new" -f ndjson 2>/dev/null | tail -n 1 | cut -c1-200 >&2; } || true
    if [ -s "$work/diff-daff.csv" ]; then
      { echo "daff's rows by action:"; cut -d, -f1 "$work/diff-daff.csv" | sort | uniq -c |
          sort -rn | head -5; } >&2 || true
      rm -f "$work/diff-daff.csv"
    fi
  done
done
