#!/usr/bin/env bash
# run_chars_bench.sh — the `gifkit chars check` benchmark (target on one core:
# ≥ 300 MB/s against jisx0208, memory flat in the file size). Builds a registry
# of the character data once ($BENCH_WORK/moji.sqlite from ../shared/data/moji;
# delete it to rebuild), makes UTF-8 text from the real schools file
# (../shared/data/addresses/schools-input.txt, each copy newline-terminated)
# repeated COPIES times (36 ≈ 101 MB) and 2 × COPIES times, and a CSV of the
# 1× file (header `id,住所`, one row per line). Then, pinned to one core
# (taskset -c 0; GNU time: wall, user, system seconds, peak RSS):
#   (1) RUNS rounds, interleaved, on the 1× file: `gifkit chars check
#       --summary-only --registry DB FILE` and the usual baseline `iconv -c -f
#       UTF-8 -t EUC-JP FILE > /dev/null`; MB/s (file bytes / wall seconds,
#       MB = 10^6 bytes) best and median, user CPU, peak RSS, and the ratio of
#       the medians;
#   (2) EXTRA_RUNS (default 3) rounds of: the 2× file (and iconv on it), the
#       CSV, the 1× file with the character data read from the published
#       files (`gifkit chars check --data DIR`, no --registry), the 1× file
#       with `--format ndjson` to /dev/null, and two one-line files: one with
#       nothing outside the set (start-up, the set's membership) and one with
#       髙 (plus loading the MJ and NTA details for the character found);
#   (3) the summary of one run (the distinct characters found).
# Exit status 1 of gifkit (characters found: the real addresses hold a few
# outside JIS X 0208) and of iconv -c (characters omitted) is expected.
# Usage: bench/run_chars_bench.sh [BUILD_DIR] [COPIES] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build-release}"
copies="${2:-36}"
runs="${3:-5}"
extra_runs="${EXTRA_RUNS:-3}"
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
bench_paths
schools="$data/addresses/schools-input.txt"

db="$work/moji.sqlite"
if [ ! -f "$db" ]; then
  "$gifkit" registry build --out "$db.part" "$data/moji" 2>"$work/moji-build.log"
  mv "$db.part" "$db"
fi
text1=$(repeat "$schools" "$copies")
text2=$(repeat "$schools" $((copies * 2)))
csv1="$work/schools-x$copies-id.csv"
if [ ! -f "$csv1" ]; then
  # id,住所 — one row per line; a value with a comma or a quote is quoted
  awk 'BEGIN { print "id,住所" }
       { v = $0; if (v ~ /[",]/) { gsub(/"/, "\"\"", v); v = "\"" v "\"" }; print NR "," v }' \
    "$text1" >"$csv1.part"
  mv "$csv1.part" "$csv1"
fi
one_line="$work/schools-one-line.txt"
head -n 2 "$schools" | tail -n 1 >"$one_line"
one_line_outside="$work/schools-one-line-outside.txt"
grep -m 1 '髙' "$schools" >"$one_line_outside"

# time_run LABEL CMD... : one run under GNU time; appends "LABEL bytes wall user sys kb"
# to $work/chars-times.txt. Exit status 0 and 1 are fine (1: characters found / omitted).
time_run() {
  local label="$1" bytes="$2"; shift 2
  local status=0
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" taskset -c 0 "$@" \
    >"$work/chars-out.txt" 2>"$work/chars-err.txt" || status=$?
  if [ "$status" -gt 1 ]; then
    echo "$label: exit status $status" >&2; cat "$work/chars-err.txt" >&2; exit 2
  fi
  echo "$label $bytes $(tail -n 1 "$work/time.txt") $status" >>"$work/chars-times.txt"
}
bytes() { stat -c %s "$1"; }
: >"$work/chars-times.txt"

echo "gifkit: $gifkit; registry: $db ($(bytes "$db") bytes)"
echo "files: $text1 ($(bytes "$text1") bytes), $text2 ($(bytes "$text2") bytes), $csv1 ($(bytes "$csv1") bytes)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# warm the page cache and the binaries (not counted)
cat "$text1" "$text2" "$csv1" >/dev/null
taskset -c 0 "$gifkit" chars check --summary-only --registry "$db" "$text1" >/dev/null 2>&1 || true
taskset -c 0 iconv -c -f UTF-8 -t EUC-JP "$text1" >/dev/null 2>&1 || true

for _ in $(seq "$runs"); do
  time_run "gifkit-text" "$(bytes "$text1")" "$gifkit" chars check --summary-only --registry "$db" "$text1"
  time_run "iconv-text" "$(bytes "$text1")" iconv -c -f UTF-8 -t EUC-JP "$text1"
done
for _ in $(seq "$extra_runs"); do
  time_run "gifkit-text-2x" "$(bytes "$text2")" "$gifkit" chars check --summary-only --registry "$db" "$text2"
  time_run "gifkit-csv" "$(bytes "$csv1")" "$gifkit" chars check --summary-only --registry "$db" "$csv1"
  time_run "gifkit-text-files" "$(bytes "$text1")" "$gifkit" chars check --data "$data" --summary-only "$text1"
  time_run "gifkit-text-ndjson" "$(bytes "$text1")" "$gifkit" chars check --format ndjson --registry "$db" "$text1"
  time_run "gifkit-one-line" "$(bytes "$one_line")" "$gifkit" chars check --summary-only --registry "$db" "$one_line"
  time_run "gifkit-one-line-髙" "$(bytes "$one_line_outside")" "$gifkit" chars check --summary-only --registry "$db" "$one_line_outside"
  time_run "iconv-text-2x" "$(bytes "$text2")" iconv -c -f UTF-8 -t EUC-JP "$text2"
done
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work/chars-times.txt" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    label, size, wall, user, system, kb, status = line.split()
    runs.setdefault(label, []).append((int(size), float(wall), float(user), float(system), int(kb), int(status)))
def mbs(size, wall):
    return size / max(wall, 0.005) / 1e6
print(f"{'what':<20} {'runs':>4} {'MB':>7} {'wall s (min-max)':>18} {'MB/s best':>10} {'MB/s median':>12}"
      f" {'user s median':>14} {'sys s median':>13} {'peak RSS':>9} exit")
medians = {}
for label, rs in runs.items():
    size = rs[0][0]
    speeds = [mbs(size, r[1]) for r in rs]
    medians[label] = statistics.median(speeds)
    print(f"{label:<20} {len(rs):>4} {size / 1e6:>7.1f} {min(r[1] for r in rs):>8.2f}-{max(r[1] for r in rs):<9.2f}"
          f" {max(speeds):>10.0f} {medians[label]:>12.0f} {statistics.median(r[2] for r in rs):>14.2f}"
          f" {statistics.median(r[3] for r in rs):>13.2f} {max(r[4] for r in rs) / 1024:>6.1f} MB"
          f" {','.join(sorted({str(r[5]) for r in rs}))}")
if "gifkit-text" in medians and "iconv-text" in medians:
    print(f"gifkit / iconv (median MB/s, 1x file): {medians['gifkit-text'] / medians['iconv-text']:.1f}x")
PY

echo
echo "what the check found (one run, text summary):"
"$gifkit" chars check --summary-only --registry "$db" "$text1" || [ $? -eq 1 ]
