#!/usr/bin/env bash
# run_transform_bench.sh — the `gifkit transform` benchmark of issue #12 (targets on
# one core: ≥ 300,000 rows/s without address splitting, faster than Miller's simpler
# job; ≥ 50,000 rows/s with it; memory flat). Everything is pinned to one core
# (taskset -c 0) and timed with GNU time (wall s, user s, peak RSS).
#
# Part 1, no address splitting: for each ROWS (default 250000 500000 1000000) a
# non-compliant 法人 export (bench/gen_transform_csv.py: alias headers, half-width
# kana, 組織種別 labels, 和暦 and slash dates, 〒 postal codes, full-width 番地 and
# phones) is transformed with
#   gifkit transform FILE -m gif:LegalEntity -o OUT.csv [--log LOG.ndjson]
# and, in the same round, given to Miller doing a simpler job: the 8 header renames
# and the slash dates (YYYY/M/D, half of the rows) rewritten as YYYY-MM-DD — nothing
# else (no 和暦, kana, codes, postal codes, 番地, phones, column order, no log):
#   mlr --icsv --ocsv rename OLD,NEW,… then put 'if ($設立年月日 =~ "^(\d{4})/…$") {…}'
# Part 2, address splitting: the 58,651 school addresses
# (../shared/data/addresses/schools-input.txt) as a CSV `番号,住所` (番号 is the
# line number, a column gif:Address lacks and keeps at the end), transformed with
#   gifkit transform FILE -m gif:Address --to split --registry DB -o OUT.csv --review R.csv
# on the whole file, the whole file repeated COPIES times, the covered subset
# (和歌山県, 文京区, 屋久島町: bench/address_levels.py select) and that repeated COPIES×10
# times; the steady rate (start-up taken out) is the difference of a pair;
# DB is built as run_address_bench.sh builds it (../shared/data/abr/{national,
# wakayama,bunkyo,yakushima}, cached as $BENCH_WORK/address-bench.sqlite; delete it
# to rebuild). Rows whose address the ABR cannot split (most of the country: the
# registry has 町字 only for the three areas) go to the review list; the script
# counts split and review rows. Miller renames the header (住所 → 連結表記).
#
# Each measurement runs RUNS times (default 2), the tools interleaved in each round.
# Printed: rows/s by wall time and by user CPU, peak RSS, and gifkit's rows/s divided
# by Miller's in the same round (wall). Generated files stay in $BENCH_WORK.
# Usage: bench/run_transform_bench.sh [BUILD_DIR] [ROWS...]
#        (env: BENCH_WORK, GIFKIT_DATA, RUNS=2, COPIES=10)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(250000 500000 1000000)
runs="${RUNS:-2}"
copies="${COPIES:-10}"
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
bench_paths
command -v mlr >/dev/null || { echo "Miller (mlr) is missing: apt-get install miller" >&2; exit 2; }

# measure OK_STATUSES CMD... — runs CMD on core 0 under GNU time; sets wall, user, mb.
# (GNU time writes "Command exited with non-zero status 1" first when gifkit lists reviews.)
measure() {
  local ok="$1" status
  shift
  set +e
  /usr/bin/time -f '%e %U %M' -o "$work/time.txt" taskset -c 0 "$@"
  status=$?
  set -e
  case " $ok " in *" $status "*) ;; *) echo "failed with $status: $*" >&2; exit 1 ;; esac
  read -r wall user kb < <(tail -n 1 "$work/time.txt")
  mb=$(awk -v kb="$kb" 'BEGIN { printf "%.1f", kb / 1024 }')
}
# row LABEL ROWS RUN [RATIO_BASE_WALL] [NOTE] — one line of the table from wall, user, mb.
row() {
  awk -v label="$1" -v rows="$2" -v run="$3" -v base="${4:-}" -v note="${5:-}" \
    -v wall="$wall" -v user="$user" -v mb="$mb" 'BEGIN {
      ratio = base == "" ? "" : sprintf("%.2f", base / (wall > 0 ? wall : 0.01))
      printf "%-34s %9d %3s %7.2f %7.2f %11.0f %11.0f %8s %6s  %s\n", label, rows, run, wall,
             user, rows / (wall > 0 ? wall : 0.01), rows / (user > 0 ? user : 0.01), mb, ratio, note
    }'
}
header() {
  printf '%-34s %9s %3s %7s %7s %11s %11s %8s %6s  %s\n' job rows run wall_s user_s \
    rows/s rows/s_cpu peakMB xMlr note
}
# summary LOG — gifkit's stderr summary: "N changes, K for review"
summary() { grep -o '[0-9]* changes, [0-9]* for review' "$1" | tail -n 1 || true; }


echo "gifkit: $gifkit; Miller: $(mlr --version); runs: $runs; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "== transform without address splitting (gif:LegalEntity; xMlr = gifkit rows/s / Miller's) =="
header
for rows in "${sizes[@]}"; do
  csv="$work/transform-$rows.csv"
  if [ ! -f "$csv" ]; then
    /usr/bin/python3 "$here/gen_transform_csv.py" "$rows" "$csv.part"
    mv "$csv.part" "$csv"
  fi
  for run in $(seq "$runs"); do
    measure 0 "$here/miller_transform.sh" "$csv" >"$work/transform-mlr.csv"
    mlr_wall=$wall
    row "mlr rename + slash dates" "$rows" "$run"
    measure "0 1" "$gifkit" transform "$csv" -m gif:LegalEntity -o "$work/transform-out.csv" \
      2>"$work/transform.err"
    row "gifkit transform" "$rows" "$run" "$mlr_wall" "$(summary "$work/transform.err")"
    measure "0 1" "$gifkit" transform "$csv" -m gif:LegalEntity -o "$work/transform-out.csv" \
      --log "$work/transform-log.ndjson" 2>"$work/transform.err"
    row "gifkit transform --log" "$rows" "$run" "$mlr_wall" \
      "log $(awk 'END { print NR }' "$work/transform-log.ndjson") lines"
  done
done

echo
echo "== transform --to split --registry (gif:Address, the school addresses as 番号,住所) =="
schools="$data/addresses/schools-input.txt"
# shellcheck source=bench/address_registry.sh
source "$here/address_registry.sh"
db=$(address_bench_registry "$gifkit" "$data" "$work")
covered="$work/schools-covered.txt"
/usr/bin/python3 "$here/address_levels.py" select "$schools" >"$covered"
as_csv() {  # lines file, copies -> a CSV 番号,住所 of the lines repeated (cached)
  local out
  out="$work/transform-$(basename "$1" .txt)-x$2.csv"
  if [ ! -f "$out" ]; then
    for _ in $(seq "$2"); do sed -e '$a\' "$1"; done |
      awk 'BEGIN { print "番号,住所" } { gsub(/"/, "\"\""); printf "%d,\"%s\"\n", NR, $0 }' >"$out.part"
    mv "$out.part" "$out"
  fi
  echo "$out"
}
# split_counts REVIEW.csv ROWS — "S split, R to review" (review rows counted once each)
split_counts() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    rows = {r["row"] for r in csv.DictReader(f) if r["code"] == "address-split"}
print(f"{int(sys.argv[2]) - len(rows)} split, {len(rows)} to review")
PY
}
# steady LABEL ROWS1 WALL1 USER1 ROWS2 WALL2 USER2 — the rate with start-up taken out:
# (ROWS2 - ROWS1) / (time2 - time1), by wall and by user CPU (means over the runs).
steady() {
  awk -v label="$1" -v r1="$2" -v w1="$3" -v u1="$4" -v r2="$5" -v w2="$6" -v u2="$7" 'BEGIN {
    dw = w2 - w1; du = u2 - u1
    printf "%-34s %9d %3s %7.2f %7.2f %11.0f %11.0f\n", label, r2 - r1, "-", dw, du,
           (r2 - r1) / (dw > 0 ? dw : 0.01), (r2 - r1) / (du > 0 ? du : 0.01)
  }'
}
header
declare -A mean_wall mean_user mean_rows
for input in "whole schools file:$schools:1" "whole file x $copies:$schools:$copies" \
             "covered subset:$covered:1" "covered subset x $((copies * 10)):$covered:$((copies * 10))"; do
  IFS=: read -r label lines times <<<"$input"
  csv=$(as_csv "$lines" "$times")
  rows=$(($(awk 'END { print NR }' "$csv") - 1))
  walls=0; users=0
  for run in $(seq "$runs"); do
    measure 0 mlr --icsv --ocsv rename 住所,連結表記 "$csv" >"$work/transform-mlr.csv"
    mlr_wall=$wall
    row "mlr rename: $label" "$rows" "$run"
    measure "0 1" "$gifkit" transform "$csv" -m gif:Address --to split --registry "$db" \
      -o "$work/transform-split.csv" --review "$work/transform-split-review.csv" \
      2>"$work/transform.err"
    row "split: $label" "$rows" "$run" "$mlr_wall" \
      "$(split_counts "$work/transform-split-review.csv" "$rows")"
    walls=$(awk -v a="$walls" -v b="$wall" 'BEGIN { print a + b }')
    users=$(awk -v a="$users" -v b="$user" 'BEGIN { print a + b }')
  done
  mean_rows[$times:$lines]=$rows
  mean_wall[$times:$lines]=$(awk -v a="$walls" -v n="$runs" 'BEGIN { print a / n }')
  mean_user[$times:$lines]=$(awk -v a="$users" -v n="$runs" 'BEGIN { print a / n }')
done
echo
echo "steady state (start-up taken out: the repeated file minus the single one, mean of the runs)"
for pair in "$schools:$copies:whole file" "$covered:$((copies * 10)):covered subset"; do
  IFS=: read -r lines times label <<<"$pair"
  steady "split: $label x $times - x 1" "${mean_rows[1:$lines]}" "${mean_wall[1:$lines]}" \
    "${mean_user[1:$lines]}" "${mean_rows[$times:$lines]}" "${mean_wall[$times:$lines]}" \
    "${mean_user[$times:$lines]}"
done
