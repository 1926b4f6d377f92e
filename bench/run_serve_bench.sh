#!/usr/bin/env bash
# run_serve_bench.sh — the `gifkit serve` benchmark of issue #11 (targets:
# ≥ 20,000 lookups by number a second with p99 < 5 ms; normalize ≥ 10,000
# requests a second; a 1,000,000-line POSTed batch in constant memory), on
# loopback only, client (wrk) and server sharing this machine. Builds the
# registry from ../shared/data (法人番号 samples, four ABR areas, characters)
# once into $BENCH_WORK, starts `gifkit serve --threads THREADS` on a free
# port, and for each kind of request (lookup by number, name search, GET
# normalize, reverse) runs wrk with CONNECTIONS connections for SECONDS
# seconds, printing requests/s, p50/p99 and the server's peak RSS. Then the
# schools file (58,651 lines) POSTed as one batch three times, and the file
# repeated to 1,000,000+ lines: wall time and peak RSS before and after. The
# baseline, in the same run: the CLI's process per query (`gifkit lookup
# corporation NUMBER`, `gifkit address normalize ADDRESS`) over 200 queries.
# Usage: bench/run_serve_bench.sh [BUILD_DIR] [SECONDS] [CONNECTIONS] [THREADS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build-release}"
seconds="${2:-10}"
connections="${3:-16}"
threads="${4:-4}"
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
bench_paths
db="$work/serve-bench.sqlite"
PYTHONPATH="$here/../tests/e2e" python3 -c "
import serve_support, sys
serve_support.build_registry('$gifkit', '$data', '$db')"
for kind in numbers names normalize reverse; do
  [ -s "$work/paths-$kind.txt" ] || python3 "$here/serve_paths.py" "$kind" "$db" "$data" 20000 >"$work/paths-$kind.txt"
done

log="$work/serve.log"
"$gifkit" serve --registry "$db" --port 0 --threads "$threads" 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "listening on" "$log" && break; sleep 0.05; done
port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
base="http://127.0.0.1:$port/"
peak() { awk '/VmHWM/ {print $2 " kB"}' "/proc/$server/status"; }

echo "gifkit serve --threads $threads; wrk -t2 -c$connections -d${seconds}s; $(nproc) cores"
for kind in numbers names normalize reverse; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$(head -1 "$work/paths-$kind.txt")")
  if [ "$status" != 200 ]; then echo "$kind: skipped (status $status)"; continue; fi
  result=$(PATHS="$work/paths-$kind.txt" wrk -t2 -c"$connections" -d"${seconds}s" --latency \
    -s "$here/serve_paths.lua" "$base")
  rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$result" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$result" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$result" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
  echo "$kind: $rps requests/s, p50 $p50, p99 $p99, server peak RSS $(peak) $errors"
done

schools="$data/addresses/schools-input.txt"
for run in 1 2 3; do
  start=$(date +%s.%N)
  lines=$(curl -s --data-binary @"$schools" -H 'Content-Type: text/plain' "${base}v1/addresses/normalize" | wc -l)
  end=$(date +%s.%N)
  echo "batch of the schools file (run $run): $lines lines in $(echo "$end - $start" | bc) s, peak RSS $(peak)"
done
big="$work/batch-1m.txt"
if [ ! -s "$big" ]; then
  for _ in $(seq 18); do cat "$schools"; echo; done >"$big"
fi
before=$(peak)
start=$(date +%s.%N)
lines=$(curl -s --data-binary @"$big" -H 'Content-Type: text/plain' "${base}v1/addresses/normalize" | wc -l)
end=$(date +%s.%N)
echo "batch of $lines lines ($(du -m "$big" | cut -f1) MB): $(echo "$end - $start" | bc) s; server peak RSS $before before, $(peak) after"

echo "baseline: a process per query (gifkit lookup corporation / address normalize), 200 queries each"
numbers=$(head -200 "$work/paths-numbers.txt" | sed 's|.*/||')
start=$(date +%s.%N)
for n in $numbers; do "$gifkit" lookup corporation --registry "$db" "$n" >/dev/null 2>&1 || true; done
end=$(date +%s.%N)
echo "lookup corporation: $(echo "200 / ($end - $start)" | bc -l | cut -c1-7) queries/s"
mapfile -t addresses < <(grep -v '^//' "$schools" | head -200)
start=$(date +%s.%N)
for a in "${addresses[@]}"; do "$gifkit" address normalize --registry "$db" "$a" >/dev/null 2>&1 || true; done
end=$(date +%s.%N)
echo "address normalize: $(echo "200 / ($end - $start)" | bc -l | cut -c1-7) queries/s"
kill -TERM $server
wait $server || true
trap - EXIT
