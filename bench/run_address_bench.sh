#!/usr/bin/env bash
# run_address_bench.sh — the address normalize benchmark of issue #4 (target on
# one core: ≥ 100,000 addresses/s steady state, the whole 58,651-line schools
# file in < 1.5 s including start-up). Builds the registry once from
# ../shared/data/abr/{national,wakayama,bunkyo,yakushima} (cached in
# $BENCH_WORK; delete it to rebuild), then times `gifkit address normalize
# --format ndjson -i FILE` pinned to one core (taskset -c 0; GNU time: wall
# seconds and peak RSS) on (1) the whole schools file, (2) the covered subset
# (lines starting with 和歌山県, 東京都文京区 or 鹿児島県熊毛郡屋久島町, picked by
# bench/address_levels.py select) and (3) the whole file repeated COPIES times
# (steady state, start-up amortised). Prints addresses/s, then the match levels
# of the covered addresses (bench/address_levels.py count).
# Usage: bench/run_address_bench.sh [BUILD_DIR] [COPIES]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build-corpus-release}"
copies="${2:-10}"
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
bench_paths
schools="$data/addresses/schools-input.txt"
# shellcheck source=bench/address_registry.sh
source "$here/address_registry.sh"
db=$(address_bench_registry "$gifkit" "$data" "$work")
covered="$work/schools-covered.txt"
python3 "$here/address_levels.py" select "$schools" >"$covered"
repeated=$(repeat "$schools" "$copies")
covered_repeated=$(repeat "$covered" $((copies * 10)))

run() {  # label, input, output
  local label="$1" input="$2" output="$3" lines seconds rss
  /usr/bin/time -f '%e %M' -o "$work/time.txt" taskset -c 0 \
    "$gifkit" address normalize --registry "$db" --format ndjson -i "$input" \
    >"$output" 2>"$work/normalize.log" || [ $? -eq 1 ]
  lines=$(awk 'END { print NR }' "$input")
  # (GNU time writes "Command exited with non-zero status 1" first when some line is not OK)
  read -r seconds rss < <(tail -n 1 "$work/time.txt")
  echo "$label: $lines addresses in $seconds s = $(python3 -c "print(round($lines / max($seconds, 0.01)))") addresses/s, peak RSS $((rss / 1024)) MB ($(awk 'END { print NR }' "$output") results)"
}

echo "gifkit: $gifkit; registry: $db"
run "whole schools file" "$schools" "$work/schools.ndjson"
run "covered subset (和歌山県, 文京区, 屋久島町)" "$covered" "$work/covered.ndjson"
run "whole file x $copies" "$repeated" "$work/repeated.ndjson"
run "covered subset x $((copies * 10))" "$covered_repeated" "$work/covered-repeated.ndjson"

# validate --registry of the same addresses as a one-line 住所 column (gif:Address): each row
# normalized with the ABR and checked (not-in-registry, DS-442 form…); the report to a file.
as_csv() {  # lines file -> a CSV with the header 住所 (cached)
  local out="$work/$(basename "$1" .txt).csv"
  if [ ! -f "$out" ]; then
    { echo 住所; sed -e 's/"/""/g; s/.*/"&"/' "$1"; } >"$out.part"
    mv "$out.part" "$out"
  fi
  echo "$out"
}
run_validate() {  # label, input
  local label="$1" input="$2" rows seconds rss
  /usr/bin/time -f '%e %M' -o "$work/time.txt" taskset -c 0 \
    "$gifkit" validate --model gif:Address --registry "$db" --format json \
    --output "$work/validate.json" "$input" 2>"$work/validate.log" || [ $? -eq 1 ]
  rows=$(($(awk 'END { print NR }' "$input") - 1))
  read -r seconds rss < <(tail -n 1 "$work/time.txt")
  echo "$label: $rows rows in $seconds s = $(python3 -c "print(round($rows / max($seconds, 0.01)))") rows/s, peak RSS $((rss / 1024)) MB"
}
run_validate "validate --registry, whole schools file as 住所" "$(as_csv "$schools")"
run_validate "validate --registry, whole file x $copies as 住所" "$(as_csv "$repeated")"
run_validate "validate --registry, covered subset x $((copies * 10)) as 住所" "$(as_csv "$covered_repeated")"

echo
echo "match levels of the covered school addresses (from the whole-file run):"
python3 "$here/address_levels.py" count "$work/schools.ndjson"
