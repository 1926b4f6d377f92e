#!/usr/bin/env bash
# run_validate_bench.sh — the validate throughput benchmark: generates GIF 法人
# CSVs of growing size (gen_corporate_csv.py), validates each with the real
# binary pinned to one core, and prints rows/s and peak memory (GNU time).
# Usage: bench/run_validate_bench.sh [BUILD_DIR] [ROWS...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(250000 500000 1000000)
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
bench_paths
printf '%-10s %-8s %-10s %-12s %-10s %s\n' rows faults seconds rows/s peakMB problems
for rows in "${sizes[@]}"; do
  for mode in clean faulty; do
    csv="$work/corporate-$rows-$mode.csv"
    if [ ! -f "$csv" ]; then
      flag=""; [ "$mode" = clean ] && flag="--clean"
      python3 "$here/gen_corporate_csv.py" "$rows" "$csv" $flag
    fi
    out="$work/out.ndjson"
    set +e
    /usr/bin/time -f '%e %M' -o "$work/time.txt" taskset -c 0 \
      "$gifkit" validate --model gif:LegalEntity --format ndjson "$csv" > "$out"
    status=$?
    set -e
    if [ $status -gt 1 ]; then echo "gifkit failed with $status" >&2; exit 1; fi
    read -r seconds kb < <(tail -n 1 "$work/time.txt")
    problems=$(grep -c '"code"' "$out" || true)
    python3 - "$rows" "$mode" "$seconds" "$kb" "$problems" <<'PY'
import sys
rows, mode, seconds, kb, problems = sys.argv[1:]
rows = int(rows); seconds = float(seconds)
rate = rows / seconds if seconds > 0 else float("inf")
print(f"{rows:<10} {mode:<8} {seconds:<10.2f} {rate:<12,.0f} {int(kb)/1024:<10.1f} {problems}")
PY
  done
done
