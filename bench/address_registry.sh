# address_registry.sh — sourced by the address benchmarks (run_address_bench.sh,
# run_transform_bench.sh): the one registry they share, built once from
# ../shared/data/abr/{national,wakayama,bunkyo,yakushima} and cached in the
# work folder (delete it to rebuild).
# Usage: db=$(address_bench_registry GIFKIT DATA WORK)
address_bench_registry() {
  local gifkit="$1" data="$2" work="$3"
  local db="$work/address-bench.sqlite"
  if [ ! -f "$db" ]; then
    "$gifkit" registry build --out "$db" "$data/abr/national" "$data/abr/wakayama" \
      "$data/abr/bunkyo" "$data/abr/yakushima" 2>"$work/address-build.log" >&2
  fi
  echo "$db"
}
