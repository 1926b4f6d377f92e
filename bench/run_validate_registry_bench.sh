#!/usr/bin/env bash
# run_validate_registry_bench.sh — the `validate --registry` benchmark: builds a
# registry of REGISTRY_ROWS generated NTA records once (gen_houjin_csv.py and
# `gifkit registry build`, cached in $BENCH_WORK), writes GIF 法人 CSVs of
# DATASET_ROWS whose numbers come from it (gen_legal_entity_from_houjin.py;
# clean, and with 3 % faults), and validates each with the real binary pinned
# to one core, with and without --registry: rows/s and peak memory (GNU time),
# and the CPU seconds (user + sys) beside the wall-clock ones, since the
# machine is shared.
# Usage: bench/run_validate_registry_bench.sh [BUILD_DIR] [REGISTRY_ROWS] [DATASET_ROWS...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
registry_rows="${2:-1000000}"
shift 2 || shift $# || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(250000 1000000)
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
bench_paths
source_csv=$(houjin_csv "$registry_rows")
db="$work/houjin-$registry_rows.sqlite"
if [ ! -f "$db" ]; then
  "$gifkit" registry build --out "$db" "$source_csv" > /dev/null 2>&1
fi
echo "registry: $registry_rows records, $(du -h "$db" | cut -f1)"
printf '%-10s %-8s %-9s %-8s %-12s %-8s %-14s %-8s %s\n' rows data registry wall_s rows/s cpu_s rows/cpu_s peakMB problems
for rows in "${sizes[@]}"; do
  for mode in clean faulty; do
    csv="$work/legal-entity-$registry_rows-$rows-$mode.csv"
    if [ ! -f "$csv" ]; then
      flag=""; [ "$mode" = faulty ] && flag="--faults"
      python3 "$here/gen_legal_entity_from_houjin.py" "$source_csv" "$rows" "$csv" $flag
    fi
    for with in no yes; do
      registry_args=(); [ "$with" = yes ] && registry_args=(--registry "$db")
      out="$work/out.ndjson"
      set +e
      /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" taskset -c 0 \
        "$gifkit" validate --model gif:LegalEntity "${registry_args[@]}" --format ndjson "$csv" > "$out"
      status=$?
      set -e
      if [ $status -gt 1 ]; then echo "gifkit failed with $status" >&2; exit 1; fi
      read -r seconds user sys kb < <(tail -n 1 "$work/time.txt")
      problems=$(grep -c '"code"' "$out" || true)
      python3 - "$rows" "$mode" "$with" "$seconds" "$user" "$sys" "$kb" "$problems" <<'PY'
import sys
rows, mode, with_registry, seconds, user, system, kb, problems = sys.argv[1:]
rows = int(rows); seconds = float(seconds); cpu = float(user) + float(system)
rate = rows / seconds if seconds > 0 else float("inf")
cpu_rate = rows / cpu if cpu > 0 else float("inf")
print(f"{rows:<10} {mode:<8} {with_registry:<9} {seconds:<8.2f} {rate:<12,.0f} {cpu:<8.2f} "
      f"{cpu_rate:<14,.0f} {int(kb)/1024:<8.1f} {problems}")
PY
    done
  done
done
