#!/usr/bin/env bash
# run_nation_bench.sh — the national-scale benchmark of issue #32 part 1: the whole nation's ABR
# (bench/gen_nation_abr.py: every city of mt_city_all, 地番 / 住居表示 / 町字 in the published
# layout, sizes × SCALE; 196 M 地番 rows at SCALE 1), SCALE × 5 M corporations
# (bench/gen_houjin_csv.py) and the real MJ tables (../shared/data/moji), then each stage timed
# (wall seconds, CPU seconds, peak RSS, bytes), one JSON line a stage on stdout (also appended to
# $BENCH_WORK/scale-SCALE/results.ndjson):
#   generate   the inputs (reused when present for the same SCALE: manifest.json / houjin.csv)
#   build      gifkit registry build of everything into one SQLite file
#   push       gifkit registry push to a throw-away PostgreSQL server this script starts
#              (bench/pg_bench_server.py: 127.0.0.1, unprivileged user) and stops (trap);
#              --packed unless PUSH_PACKED=0 (the plain tables of the nation take ~90 GB),
#              --jobs PUSH_JOBS (2; 1: one transaction, no --jobs given, as before it existed)
#   normalize  gifkit address normalize of addresses.txt (a national mix of written forms),
#              with the match levels reached
#   serve      gifkit serve: start-up (until /health answers; its CPU seconds), RSS after start and after the
#              load, wrk -t2 -cCONNECTIONS -dSECONDS_WRKs on 127.0.0.1 for lookups by number
#              (rps, p50_ms, p99_ms) and for address normalize (addr_rps, addr_p50_ms, addr_p99_ms)
#   size       the registry file and the generated inputs
# Every stage runs under a time limit (STAGE_TIMEOUT s; serve start-up SERVE_START_TIMEOUT s): a
# stage that ran out prints its line with "timeout": true, and the script goes on.
# Usage: bench/run_nation_bench.sh SCALE [BUILD_DIR]
# Environment: BENCH_WORK (BUILD_DIR/nation-bench), STAGE_TIMEOUT (3600), SERVE_START_TIMEOUT
#   (1200), SECONDS_WRK (20), CONNECTIONS (32; wrk always has 2 threads), THREADS (4: serve's worker
#   threads), SERVE_THREADS (THREADS), LINES (100000), PG_FSYNC (on), PUSH_PACKED (1), PUSH_JOBS (2),
#   JOBS (2: generator processes), REBUILD (1; 0: keep the registry file of an earlier run), SKIP (stages to leave out, e.g. "push serve"), MAX_RSS_MB (12000:
#   a stage's process past it is killed and its line says "killed_rss": true), REGISTRY (a registry file to
#   measure instead of SCALE's own: the build stage is skipped), COLD_CACHE (0; 1: the kernel's page cache
#   is dropped before the serve stage — root only — so every page of the registry comes from the disk).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scale="${1:?usage: bench/run_nation_bench.sh SCALE [BUILD_DIR]}"
build="${2:-$here/../build}"
build="$(cd "$build" && pwd)"
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
bench_paths "$build/nation-bench"
data="$(cd "$data" && pwd)"
stage_timeout="${STAGE_TIMEOUT:-3600}"
start_timeout="${SERVE_START_TIMEOUT:-1200}"
seconds_wrk="${SECONDS_WRK:-20}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-4}"
serve_threads="${SERVE_THREADS:-$threads}"
push_jobs="${PUSH_JOBS:-2}"
lines="${LINES:-100000}"
max_rss_mb="${MAX_RSS_MB:-12000}"
skip=" ${SKIP:-} "
[ -x "$gifkit" ] || { echo "missing $gifkit (cmake --build $build --target gifkit)" >&2; exit 2; }
command -v wrk > /dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 2; }
dir="$work/scale-$scale"
mkdir -p "$dir"
results="$dir/results.ndjson"
houjin_rows=$(python3 -c "print(round(float('$scale') * 5_000_000))")

# emit KEY=VALUE... — one JSON line (values that parse as JSON stay numbers/booleans).
emit() {
  python3 - "stage=$1" "scale=$scale" "${@:2}" "loadavg=\"$(cut -d' ' -f1-3 /proc/loadavg)\"" <<'PY' | tee -a "$results"
import json, sys
line = {}
for arg in sys.argv[1:]:
    key, value = arg.split("=", 1)
    try:
        line[key] = json.loads(value)
    except ValueError:
        line[key] = value
print(json.dumps(line, ensure_ascii=False), flush=True)
PY
}

# rss_mb PID — the resident memory of a process now, MB (0 when it is gone).
rss_mb() {
  local mb
  mb=$(awk '$1 == "VmRSS:" {print int($2 / 1024)}' "/proc/$1/status" 2> /dev/null)
  echo "${mb:-0}"
}

# timed NAME OUTPUT COMMAND... — runs COMMAND (stdout to OUTPUT, stderr to OUTPUT.err) under
# /usr/bin/time and the stage time limit, killed if its RSS passes MAX_RSS_MB (the machine is
# shared); sets t_sec, t_cpu (user + system seconds), t_rss_mb, t_rc, t_timeout, t_killed.
timed() {
  local name="$1" output="$2" pid child
  shift 2
  rm -f "$dir/$name.killed"
  /usr/bin/time -f '%e %M %U %S' -o "$dir/$name.time" timeout "$stage_timeout" "$@" > "$output" 2> "$output.err" &
  pid=$!
  while kill -0 "$pid" 2> /dev/null; do
    for child in $(pgrep -P "$(pgrep -P "$pid" | head -n 1)" 2> /dev/null); do
      if [ "$(rss_mb "$child")" -gt "$max_rss_mb" ]; then
        kill -KILL "$child" 2> /dev/null && touch "$dir/$name.killed"
      fi
    done
    sleep 0.5
  done
  wait "$pid"
  t_rc=$?
  read -r t_sec t_kb t_user t_sys < <(tail -n 1 "$dir/$name.time")
  t_rss_mb=$(( ${t_kb:-0} / 1024 ))
  t_cpu=$(python3 -c "print(round(${t_user:-0} + ${t_sys:-0}, 2))")
  t_timeout=false t_killed=false
  [ "$t_rc" = 124 ] && t_timeout=true
  [ -f "$dir/$name.killed" ] && t_killed=true
}
elapsed() { python3 -c "print(round($2 - $1, 3))"; }
bytes_of() { du -sb "$@" 2> /dev/null | awk '{s += $1} END {printf "%.0f\n", s}'; }

server=""
cleanup() {
  if [ -n "$server" ]; then kill -TERM "$server" 2> /dev/null; wait "$server" 2> /dev/null; fi
  [ -f "$dir/pg/pg.json" ] && python3 "$here/pg_bench_server.py" stop --work "$dir/pg" > /dev/null 2>&1
}
trap cleanup EXIT
trap 'exit 130' INT TERM
echo "== run_nation_bench.sh $scale: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $dir" >&2

# -- generate (reused when present for this SCALE)
reused=true
start=$(date +%s.%N)
if [ ! -s "$dir/manifest.json" ]; then
  reused=false
  timeout "$stage_timeout" python3 "$here/gen_nation_abr.py" "$scale" "$dir" --lines "$lines" \
    --jobs "${JOBS:-2}" --data "$data" > /dev/null 2> "$dir/generate.log" || { tail -n 5 "$dir/generate.log" >&2; exit 1; }
fi
if [ ! -s "$dir/houjin.csv" ]; then
  reused=false
  python3 "$here/gen_houjin_csv.py" "$houjin_rows" "$dir/houjin.csv.part" --data "$data" && mv "$dir/houjin.csv.part" "$dir/houjin.csv"
fi
end=$(date +%s.%N)
manifest=$(cat "$dir/manifest.json")
emit generate seconds="$(elapsed "$start" "$end")" reused="$reused" bytes="$(bytes_of "$dir/abr" "$dir/houjin.csv")" \
  corporations="$houjin_rows" abr="$manifest"

# -- build
db="${REGISTRY:-$dir/registry.sqlite}"
sources=("$dir/houjin.csv" "$data/abr/national" "$dir/abr" "$data/moji")
if [ -n "${REGISTRY:-}" ]; then
  emit build reused=true registry="\"$db\"" bytes="$(bytes_of "$db")"
elif [ "${REBUILD:-1}" = 0 ] && [ -s "$db" ]; then
  emit build reused=true bytes="$(bytes_of "$db")"
else
  rm -f "$db" "$db-wal" "$db-shm"
  timed build "$dir/build.log" "$gifkit" registry build --out "$db" "${sources[@]}"
  emit build seconds="$t_sec" cpu_s="$t_cpu" rss_mb="$t_rss_mb" bytes="$(bytes_of "$db")" exit="$t_rc" timeout="$t_timeout" killed_rss="$t_killed"
fi
[ -s "$db" ] || { echo "registry build failed: $(tail -n 3 "$dir/build.log.err")" >&2; exit 1; }

# -- push
if [[ "$skip" != *" push "* ]]; then
  rm -rf "$dir/pg"
  if python3 "$here/pg_bench_server.py" start --work "$dir/pg" --fsync "${PG_FSYNC:-on}" > "$dir/pg-start.log" 2>&1; then
    eval "$(python3 - "$dir/pg/pg.json" <<'PY'
import json, shlex, sys
p = json.load(open(sys.argv[1]))["primary"]
for k in ("port", "password"):
    print(f"pg_{k}={shlex.quote(str(p[k]))}")
PY
)"
    dsn="postgresql://gifkit@127.0.0.1:$pg_port/gifkit"  # the password goes by PGPASSWORD
    export PGPASSWORD="$pg_password" PGCONNECT_TIMEOUT=10 PGSSLMODE=disable
    push_flags=()
    [ "${PUSH_PACKED:-1}" = 1 ] && push_flags=(--packed)
    [ "$push_jobs" != 1 ] && push_flags+=(--jobs "$push_jobs")
    timed push "$dir/push.log" "$gifkit" registry push "$db" "$dsn" --schema nation "${push_flags[@]}"
    pg_bytes=$(psql -X -q -A -t -d "$dsn" -c "SELECT pg_database_size('gifkit')" 2> /dev/null || echo 0)
    emit push seconds="$t_sec" cpu_s="$t_cpu" rss_mb="$t_rss_mb" bytes="${pg_bytes:-0}" exit="$t_rc" timeout="$t_timeout" killed_rss="$t_killed" \
      fsync="\"${PG_FSYNC:-on}\"" packed="$([ "${PUSH_PACKED:-1}" = 1 ] && echo true || echo false)" jobs="$push_jobs"
    python3 "$here/pg_bench_server.py" stop --work "$dir/pg" > /dev/null 2>&1
    unset PGPASSWORD
  else
    emit push seconds=0 exit=1 error="\"the PostgreSQL server did not start: $(tail -n 1 "$dir/pg-start.log" | tr -d '"\\')\""
  fi
fi

# -- normalize
if [[ "$skip" != *" normalize "* ]]; then
  timed normalize "$dir/normalize.ndjson" "$gifkit" address normalize --registry "$db" --format ndjson \
    -i "$dir/addresses.txt"
  levels=$(python3 - "$dir/normalize.ndjson" <<'PY'
import collections, json, sys
levels = collections.Counter()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    try:
        levels[json.loads(line).get("match_level") or "(none)"] += 1
    except ValueError:
        pass
print(json.dumps(dict(levels.most_common()), ensure_ascii=False))
PY
)
  done_lines=$(wc -l < "$dir/normalize.ndjson")
  emit normalize seconds="$t_sec" cpu_s="$t_cpu" rss_mb="$t_rss_mb" bytes="$(bytes_of "$dir/addresses.txt")" exit="$t_rc" \
    timeout="$t_timeout" killed_rss="$t_killed" lines="$done_lines" \
    lines_per_s="$(python3 -c "print(round($done_lines / max(float('${t_sec:-0}'), 1e-9)))")" levels="$levels"
fi

# -- serve
if [[ "$skip" != *" serve "* ]]; then
  [ -s "$dir/paths-numbers.txt" ] || awk -F, '{print "/v1/corporations/" $2}' "$dir/houjin.csv" \
    | shuf -n 20000 --random-source=<(yes) > "$dir/paths-numbers.txt"
  [ -s "$dir/paths-addresses.txt" ] || python3 -c "
import sys, urllib.parse
for line in open(sys.argv[1], encoding='utf-8'):
    print('/v1/addresses/normalize?q=' + urllib.parse.quote(line.strip(), safe=''))" "$dir/addresses.txt" \
    | shuf -n 20000 --random-source=<(yes) > "$dir/paths-addresses.txt"
  log="$dir/serve.log"
  cold=false
  if [ "${COLD_CACHE:-0}" = 1 ]; then
    sync && echo 1 > /proc/sys/vm/drop_caches && cold=true
    [ "$cold" = true ] || echo "COLD_CACHE=1: could not drop the page cache (root only); measuring as it is" >&2
  fi
  start=$(date +%s.%N)
  "$gifkit" serve --registry "$db" --port 0 --threads "$serve_threads" > /dev/null 2> "$log" &
  server=$!
  port="" started=false
  deadline=$(( $(date +%s) + start_timeout ))
  killed=false
  while [ "$(date +%s)" -lt "$deadline" ] && kill -0 "$server" 2> /dev/null; do
    if [ "$(rss_mb "$server")" -gt "$max_rss_mb" ]; then
      kill -KILL "$server" 2> /dev/null
      killed=true
      break
    fi
    [ -z "$port" ] && port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log" | head -n 1)
    if [ -n "$port" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = 200 ]; then
      started=true
      break
    fi
    sleep 0.1
  done
  end=$(date +%s.%N)
  start_seconds=$(elapsed "$start" "$end")
  start_cpu=$(awk '{print ($14 + $15) / 100}' "/proc/$server/stat" 2> /dev/null || echo 0)
  rss() {
    local mb
    mb=$(awk -v k="$1:" '$1 == k {print int($2 / 1024)}' "/proc/$server/status" 2> /dev/null)
    echo "${mb:-0}"
  }
  if [ "$started" = true ]; then
    rss_start=$(rss VmRSS)
    # wrk_run KIND — requests/s, p50 ms, p99 ms, non-2xx or socket errors.
    wrk_run() {
      local result
      result=$(PATHS="$dir/paths-$1.txt" timeout $((seconds_wrk + 60)) wrk -t2 -c"$connections" -d"${seconds_wrk}s" \
        --latency -s "$here/serve_paths.lua" "http://127.0.0.1:$port/")
      echo "$result" > "$dir/wrk-$1.txt"
      python3 - "$dir/wrk-$1.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not m:
        return -1
    return round(float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)], 3)
rps = re.search(r"Requests/sec:\s*([\d.]+)", text)
bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
bad += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
print(round(float(rps.group(1)) if rps else 0), ms("50%"), ms("99%"), bad)
PY
    }
    read -r rps p50 p99 errors < <(wrk_run numbers)
    read -r a_rps a_p50 a_p99 a_errors < <(wrk_run addresses)
    emit serve seconds="$start_seconds" start_seconds="$start_seconds" start_cpu_s="$start_cpu" rss_mb="$(rss VmRSS)" rss_start_mb="$rss_start" \
      peak_rss_mb="$(rss VmHWM)" bytes="$(bytes_of "$db")" rps="$rps" p50_ms="$p50" p99_ms="$p99" errors="$errors" \
      addr_rps="$a_rps" addr_p50_ms="$a_p50" addr_p99_ms="$a_p99" addr_errors="$a_errors" \
      threads="$threads" serve_threads="$serve_threads" connections="$connections" wrk_seconds="$seconds_wrk" cold_cache="$cold"
  else
    alive=false
    kill -0 "$server" 2> /dev/null && alive=true
    timed_out=false
    [ "$alive" = true ] && timed_out=true
    emit serve seconds="$start_seconds" start_seconds="$start_seconds" rss_mb="$(rss VmRSS)" \
      peak_rss_mb="$(rss VmHWM)" timeout="$timed_out" killed_rss="$killed" \
      error="\"$(tail -n 1 "$log" | tr -d '"\\' | cut -c1-200)\""
  fi
  kill -TERM "$server" 2> /dev/null
  wait "$server" 2> /dev/null
  server=""
fi

# -- size
emit size bytes="$(bytes_of "$db")" registry_bytes="$(bytes_of "$db")" abr_zip_bytes="$(bytes_of "$dir/abr")" \
  houjin_csv_bytes="$(bytes_of "$dir/houjin.csv")" moji_bytes="$(bytes_of "$data/moji")"
