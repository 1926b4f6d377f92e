#!/usr/bin/env bash
# run_abr_bench.sh — the ABR import benchmark (DESIGN target: ≥ 500,000 rows/s):
# times `gifkit registry build` pinned to one core (GNU time: seconds, peak RSS)
# (1) on all the real ABR files of ../shared/data/abr and (2) on a generated
# mt_parcel file of COPIES × 367,519 rows made from the real rows of 和歌山市
# (gen_abr_parcel.py, cached in $BENCH_WORK). Rows/s counts the rows imported.
# Usage: bench/run_abr_bench.sh [BUILD_DIR] [COPIES]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build-abr-release}"
copies="${2:-8}"
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
bench_paths
abr="$data/abr"
csv="$work/mt_parcel_city302015-x$copies.csv"
if [ ! -f "$csv" ]; then
  python3 "$here/gen_abr_parcel.py" "$copies" "$csv.part"
  mv "$csv.part" "$csv"
fi

run() {  # label, sources... (a 地番 table alone is an incomplete source set: accepted)
  local label="$1"; shift
  local db="$work/abr-bench.sqlite"
  rm -f "$db"
  /usr/bin/time -f '%e %M' -o "$work/time.txt" taskset -c 0 \
    "$gifkit" registry build --out "$db" --accept-incomplete "$@" 2>"$work/build.log"
  local rows seconds rss
  rows=$(grep -o '[0-9]* rows from' "$work/build.log" | cut -d' ' -f1)
  read -r seconds rss <"$work/time.txt"
  echo "$label: $rows rows in $seconds s = $(python3 -c "print(round($rows / $seconds))") rows/s, peak RSS $((rss / 1024)) MB"
}

run "real ABR files (national, wakayama, bunkyo, yakushima, ebino; zipped)" \
  "$abr/national" "$abr/wakayama" "$abr/bunkyo" "$abr/yakushima" "$abr/ebino"
run "generated mt_parcel ($copies x 和歌山市, plain CSV)" "$csv"
