# bench_lib.sh — what the run_*_bench.sh scripts share, sourced once they have
# set here (bench/) and build (the build folder): their paths, the generated
# inputs they cache in the work folder, and the sampling of a build's memory.
# shellcheck shell=bash

# bench_paths [WORK] — sets gifkit (the build's binary), data ($GIFKIT_DATA or
# ../shared/data) and work ($BENCH_WORK, else WORK, else /tmp/gifkit-bench),
# and makes the work folder.
# shellcheck disable=SC2034,SC2120,SC2154  # sets and reads the caller's variables
bench_paths() {
  gifkit="$build/tools/gifkit"
  data="${GIFKIT_DATA:-$here/../../shared/data}"
  work="${BENCH_WORK:-${1:-/tmp/gifkit-bench}}"
  mkdir -p "$work"
}

# repeat FILE TIMES — the path of FILE's text repeated TIMES times (each copy
# newline-terminated), written once to the work folder.
# shellcheck disable=SC1003  # sed's $a\ appends a newline where the last line lacks one
repeat() {
  local out
  out="$work/$(basename "$1" .txt)-x$2.txt"
  if [ ! -f "$out" ]; then
    for _ in $(seq "$2"); do sed -e '$a\' "$1"; done >"$out.part"
    mv "$out.part" "$out"
  fi
  echo "$out"
}

# houjin_csv ROWS — the path of an NTA bulk CSV of ROWS generated records
# (gen_houjin_csv.py), written once to the work folder.
houjin_csv() {
  local csv="$work/houjin-$1.csv"
  if [ ! -f "$csv" ]; then
    python3 "$here/gen_houjin_csv.py" "$1" "$csv.part" || return
    mv "$csv.part" "$csv"
  fi
  echo "$csv"
}

# anon_rss_peak PID PATTERN SECONDS — while PID runs, the largest RssAnon (kB)
# of the newest process whose command line matches PATTERN, sampled every
# SECONDS. A registry build reads the registry through a memory map, whose file
# pages count in its RSS: the anonymous part is the process's own memory.
anon_rss_peak() {
  local peak=0 pid anon
  while kill -0 "$1" 2>/dev/null; do
    pid=$(pgrep -n -f "$2" || true)
    if [ -n "$pid" ]; then
      anon=$(awk '/^RssAnon:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ "${anon:-0}" -gt "$peak" ] && peak=$anon
    fi
    sleep "$3"
  done
  echo "$peak"
}
