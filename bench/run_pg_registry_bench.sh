#!/usr/bin/env bash
# run_pg_registry_bench.sh — the benchmark of issue #14: the registry on
# PostgreSQL beside the SQLite file it was pushed from, in one run. Targets:
# push ≤ 120 s; lookups by number through `gifkit serve` on PostgreSQL
# ≥ 10,000 a second with p99 < 10 ms; name search ≤ 20 ms.
#   1. ROWS 法人番号 records (gen_houjin_csv.py, cached in $BENCH_WORK) and the
#      four ABR areas of ../shared/data/abr (national, wakayama, bunkyo,
#      yakushima) → ONE registry file, `gifkit registry build` pinned to core 0:
#      wall, CPU, peak RSS, file size;
#   2. a throw-away PostgreSQL server (bench/pg_bench_server.py: pg_server.py's
#      PgServer with a deployment's settings, fsync $PG_FSYNC), stopped by a trap;
#   3. `gifkit registry push FILE DSN`: wall and the client's CPU, the schema size
#      it prints, pg_total_relation_size (tables, indexes) and pg_database_size;
#      the server's time per statement of the push from its log (COPY, keys,
#      indexes, ANALYZE, COMMIT);
#   4. lookups in process (bench_registry_lookups, client pinned to core 0) on the
#      file and on the server: run_registry_bench.sh part (b)'s queries (100,000
#      random numbers once each, 20 numbers × 1,000, 2- / ≥3- / 1-character names,
#      furigana), p50/p99/max over all runs of a kind, ROUNDS rounds interleaved;
#   5. `gifkit validate --registry` of a GIF 法人 CSV (gen_legal_entity_from_houjin.py,
#      VALIDATE_ROWS rows of registry numbers) with the file and with the DSN
#      (client pinned to core 0): rows/s by wall time, the client's CPU, problems;
#   6. `gifkit serve --registry FILE` and `… DSN` (--threads THREADS, port 0 on
#      127.0.0.1) under wrk -t2 -cCONNECTIONS -dSECONDSs: lookups by number
#      (serve_paths.py numbers) and name searches (names), requests/s, p50/p99,
#      non-2xx, CPU of the service, of the PostgreSQL processes and of wrk;
#      ROUNDS rounds, the backends' order alternating; the server's time per
#      statement (pg_stat_statements); in the first round, the first PROBE paths of
#      each kind asked one at a time (serve_probe.py): statuses, and whether the
#      two services answer byte for byte the same.
# Then one table: job, backend, numbers. Logs and raw timings in $BENCH_WORK/pg-bench-ROWS/.
# Usage: bench/run_pg_registry_bench.sh [BUILD_DIR] [ROWS]
# Environment: BENCH_WORK (/tmp/gifkit-bench), PG_FSYNC (on), REPS (20), ROUNDS (2),
#   VALIDATE_ROWS (ROWS/5, at most 1,000,000), SECONDS_WRK (10), CONNECTIONS (16), THREADS (4),
#   PATHS (20,000 request paths a kind), PROBE (1,000 paths asked of both services and compared), REBUILD (1: build the registry file again; 0: reuse).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-build-release}"
case "$build" in /*) ;; *) [ -d "$build" ] || build="$here/../$build" ;; esac
build="$(cd "$build" && pwd)"
rows="${2:-5000000}"
lookups="$build/bench/bench_registry_lookups"
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
bench_paths
data="$(cd "$data" && pwd)"
reps="${REPS:-20}"
rounds="${ROUNDS:-2}"
pg_fsync="${PG_FSYNC:-on}"
default_validate=$((rows / 5)); [ $default_validate -gt 1000000 ] && default_validate=1000000
validate_rows="${VALIDATE_ROWS:-$default_validate}"
seconds="${SECONDS_WRK:-10}"
connections="${CONNECTIONS:-16}"
threads="${THREADS:-4}"
npaths="${PATHS:-20000}"
nprobe="${PROBE:-1000}"
rebuild="${REBUILD:-1}"
for tool in "$gifkit" "$lookups"; do
  [ -x "$tool" ] || { echo "missing $tool (cmake --build $build --target gifkit bench_registry_lookups)" >&2; exit 2; }
done
command -v wrk > /dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 2; }
out="$work/pg-bench-$rows"
mkdir -p "$out"
results="$out/results.tsv"
: > "$results"
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$results"; }  # job, backend, numbers
load() { uptime | sed 's/.*load average: //'; }
now() { date +%s.%N; }
echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $rows rows, $(nproc) cores, load average $(load)"
record "machine at start" "-" "load average $(load)"

# -- 1. the registry file
[ -f "$work/houjin-$rows.csv" ] || echo "== generating $work/houjin-$rows.csv"
csv=$(houjin_csv "$rows")
db="$work/pg-bench-$rows.sqlite"
abr=("$data/abr/national" "$data/abr/wakayama" "$data/abr/bunkyo" "$data/abr/yakushima")
if [ "$rebuild" = 1 ] || [ ! -f "$db" ]; then
  echo "== registry build: $rows 法人番号 records ($(du -h "$csv" | cut -f1)) + ABR national, wakayama, bunkyo, yakushima (taskset -c 0)"
  rm -f "$db"
  /usr/bin/time -f '%e %U %S %M' -o "$out/build-time.txt" taskset -c 0 \
    "$gifkit" registry build --out "$db" "$csv" "${abr[@]}" > "$out/build.log" 2>&1
  read -r b_wall b_user b_sys b_kb < <(tail -n 1 "$out/build-time.txt")
  b_size=$(stat -c %s "$db")
  line="wall $b_wall s, CPU $(echo "$b_user + $b_sys" | bc) s, peak RSS $((b_kb / 1024)) MB, file $(numfmt --to=iec-i --suffix=B "$b_size") ($b_size bytes)"
  echo "   $line"
  record "registry build (1 core)" "SQLite file" "$line"
else
  echo "== reusing $db (REBUILD=0)"
  record "registry build" "SQLite file" "reused, file $(numfmt --to=iec-i --suffix=B "$(stat -c %s "$db")")"
fi
file_size=$(stat -c %s "$db")

# -- 2. the server
pg_json="$out/pg.json"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2> /dev/null || true; wait "$server_pid" 2> /dev/null || true; fi
  python3 "$here/pg_bench_server.py" stop --work "$out" > /dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
python3 "$here/pg_bench_server.py" start --work "$out" --fsync "$pg_fsync"
settings=$(python3 "$here/pg_bench_server.py" settings --work "$out")
echo "   $settings"
record "PostgreSQL server" "PostgreSQL" "$(echo "$settings" | sed 's/server_version=\([0-9.]*\).*shared_buffers/PostgreSQL \1, shared_buffers/')"
eval "$(python3 - "$pg_json" <<'PY'
import json, shlex, sys
p = json.load(open(sys.argv[1]))["primary"]
for k in ("port", "password", "socket_dir", "log", "pid"):
    print(f"pg_{k}={shlex.quote(str(p[k]))}")
PY
)"
dsn="postgresql://gifkit@127.0.0.1:$pg_port/gifkit"   # the password goes by PGPASSWORD, never on a command line
export PGPASSWORD="$pg_password" PGCONNECT_TIMEOUT=10 PGSSLMODE=disable
unset PGHOST PGPORT PGDATABASE PGUSER PGSERVICE PGSERVICEFILE PGOPTIONS
psql_user() { psql -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 -d "$dsn" -c "$1"; }
psql_admin() { PGPASSWORD="" psql -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 -h "$pg_socket_dir" -p "$pg_port" -U postgres -d gifkit -c "$1"; }
pg_cpu() {  # CPU ticks of the postmaster, its processes, and those that ended (the postmaster's cutime + cstime)
  local total t
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pg_pid/stat")
  for p in $(pgrep -P "$pg_pid" || true); do
    t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2> /dev/null || echo 0)
    total=$((total + t))
  done
  echo "$total"
}
pgss_reset() { psql_admin "SELECT pg_stat_statements_reset()" > /dev/null; }
pgss_dump() {  # the server's statements since pgss_reset: calls, plans, mean execution µs, mean planning µs, total ms (both), query
  psql_user "SELECT calls, plans, round(mean_exec_time::numeric * 1000, 1), round(mean_plan_time::numeric * 1000, 1),
                    round((total_exec_time + total_plan_time)::numeric),
                    left(regexp_replace(query, '\s+', ' ', 'g'), 110)
             FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'gifkit')
               AND query NOT LIKE '%pg_stat_statements%'
             ORDER BY total_exec_time + total_plan_time DESC LIMIT 8" > "$1"
}
proc_cpu() { awk '{print $14 + $15}' "/proc/$1/stat" 2> /dev/null || echo 0; }
hz=$(getconf CLK_TCK)

# -- 3. push
echo "== registry push (load average $(load))"
psql_admin "ALTER ROLE gifkit SET log_min_duration_statement = 0" > /dev/null
log_offset=$(stat -c %s "$pg_log")
pg_before=$(pg_cpu)
/usr/bin/time -f '%e %U %S %M' -o "$out/push-time.txt" \
  "$gifkit" registry push "$db" "$dsn" --schema "registry_bench_$rows" > "$out/push.log" 2>&1
pg_after=$(pg_cpu)
psql_admin "ALTER ROLE gifkit RESET log_min_duration_statement" > /dev/null
read -r p_wall p_user p_sys p_kb < <(tail -n 1 "$out/push-time.txt")
tail -n 1 "$out/push.log" | sed 's/^/   /'
printed=$(tail -n 1 "$out/push.log" | sed -n 's/.*pushed as schema [^ ]* (\([0-9]* MiB\)).*/\1/p')
read -r total_rel tables_only indexes_only < <(psql_user "
  SELECT SUM(pg_total_relation_size(c.oid)), SUM(pg_table_size(c.oid)), SUM(pg_indexes_size(c.oid))
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'registry_bench_$rows' AND c.relkind = 'r'" | tr '\t' ' ')
db_size=$(psql_user "SELECT pg_database_size('gifkit')")
record "registry push" "PostgreSQL" "wall $p_wall s; gifkit CPU $(echo "$p_user + $p_sys" | bc) s, peak RSS $((p_kb / 1024)) MB; postgres CPU $(echo "scale=1; ($pg_after - $pg_before) / $hz" | bc) s"
record "size" "SQLite file" "$(numfmt --to=iec-i --suffix=B "$file_size")"
record "size" "PostgreSQL" "push prints $printed; pg_total_relation_size $(numfmt --to=iec-i --suffix=B "$total_rel") (tables $(numfmt --to=iec-i --suffix=B "$tables_only") + indexes $(numfmt --to=iec-i --suffix=B "$indexes_only")); pg_database_size $(numfmt --to=iec-i --suffix=B "$db_size")"
psql_user "
  SELECT c.relname, pg_table_size(c.oid), pg_indexes_size(c.oid), c.reltuples::bigint
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'registry_bench_$rows' AND c.relkind = 'r'
  ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 8" > "$out/push-sizes.tsv"
# The server's time per statement of the push (log_min_duration_statement = 0 for its session).
tail -c +"$((log_offset + 1))" "$pg_log" > "$out/push-server.log"
python3 - "$out/push-server.log" "$out/push-sizes.tsv" "$p_wall" > "$out/push-phases.txt" <<'PY'
import re, sys
log, sizes, wall = sys.argv[1], sys.argv[2], float(sys.argv[3])
kinds, tables, stmts = {}, {}, []
pat = re.compile(r"duration: ([\d.]+) ms\s+(?:statement|execute [^:]*):\s*(.*)")
for line in open(log, encoding="utf-8", errors="replace"):
    m = pat.search(line)
    if not m:
        continue
    ms, sql = float(m.group(1)), m.group(2)
    u = sql.upper()
    if u.startswith("COPY"): kind = "COPY"
    elif "ADD PRIMARY KEY" in u: kind = "primary keys"
    elif u.startswith("CREATE UNIQUE INDEX") or u.startswith("CREATE INDEX"): kind = "indexes"
    elif u.startswith("ANALYZE"): kind = "ANALYZE"
    elif u.startswith("COMMIT"): kind = "COMMIT"
    elif u.startswith("DROP SCHEMA"): kind = "DROP SCHEMA"
    else: kind = "other"
    kinds[kind] = kinds.get(kind, 0) + ms
    t = re.search(r'(?:COPY|ALTER TABLE|ON|ANALYZE)\s+"?([a-z_0-9]+)"?', sql)
    if t and kind in ("COPY", "primary keys", "indexes", "ANALYZE"):
        tables.setdefault(t.group(1), {}).setdefault(kind, 0)
        tables[t.group(1)][kind] += ms
    stmts.append((ms, sql[:110]))
total = sum(kinds.values())
print(f"server time of the push's statements: {total / 1000:.1f} s of {wall:.1f} s wall")
for k, ms in sorted(kinds.items(), key=lambda kv: -kv[1]):
    print(f"  {k:<14} {ms / 1000:8.1f} s")
print("per table (s): COPY / primary key / indexes / ANALYZE, sizes (table + indexes)")
size = {}
for line in open(sizes):
    f = line.rstrip("\n").split("\t")
    if len(f) == 4: size[f[0]] = (int(f[1]), int(f[2]))
for t, ks in sorted(tables.items(), key=lambda kv: -sum(kv[1].values()))[:8]:
    s = size.get(t)
    ss = f"  {s[0] / 2**20:,.0f} + {s[1] / 2**20:,.0f} MiB" if s else ""
    print(f"  {t:<28} " + " / ".join(f"{ks.get(k, 0) / 1000:.1f}" for k in
          ("COPY", "primary keys", "indexes", "ANALYZE")) + ss)
print("slowest statements:")
for ms, sql in sorted(stmts, reverse=True)[:8]:
    print(f"  {ms / 1000:8.2f} s  {sql}")
PY
sed 's/^/   /' "$out/push-phases.txt"
record "push: server time" "PostgreSQL" "$(python3 - "$out/push-phases.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
parts = re.findall(r"^  (COPY|primary keys|indexes|ANALYZE|COMMIT)\s+([\d.]+) s", text, re.M)
print(", ".join(f"{k} {v} s" for k, v in parts))
PY
)"

# -- 4. lookups in process
reads_offset=$(stat -c %s "$pg_log")
echo "== lookups in process: bench_registry_lookups, client on core 0, $rounds rounds (load average $(load))"
queries="$out/queries.txt"
mapfile -t numbers < <(awk -F, -v step=$((rows / 20)) 'NR % step == 1 {print $2}' "$csv" | head -n 20)
awk -F, 'NR % 50 == 7 {print $2}' "$csv" | tr -d '"' | shuf --random-source=<(yes) > "$out/numbers-random.txt"
{ echo "numbers-file $out/numbers-random.txt"
  for n in "${numbers[@]}"; do echo "number ${n//\"/}"; done
  for n in 建設 工業 商事 産業 電気 日本 東京 運輸 食品 医療; do echo "name $n"; done
  for n in デジタル ホールディングス 不動産 建設工業 サービス 管理組合 エンジニアリング 技術研究 ソリューションズ 北海道; do echo "name $n"; done
  for n in ニホン トウキョウケンセツ デジタル; do echo "furigana $n"; done
  for n in 森 鑫 ア; do echo "name $n"; done; } > "$queries"
rm -f "$out"/lookups-raw-*.tsv
for round in $(seq "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then order=(file pg); else order=(pg file); fi
  for which in "${order[@]}"; do
    target="$db"; [ "$which" = pg ] && target="$dsn" && pgss_reset
    BENCH_LOOKUPS_RAW="$out/lookups-raw-$which.tsv" taskset -c 0 "$lookups" "$target" "$reps" \
      < "$queries" > "$out/lookups-$which-$round.txt"
    [ "$which" = pg ] && pgss_dump "$out/lookups-pg-statements-$round.tsv"
  done
done
echo "   the server's statements during the lookups, round $rounds (calls, plans, mean execution µs, mean planning µs, total ms, query):"
sed 's/^/     /' "$out/lookups-pg-statements-$rounds.tsv"
python3 - "$out" >> "$results" <<'PY'
import sys
out = sys.argv[1]
def kind_of(kind, text):
    if kind == "name":
        n = len(text)
        return "name, 1 character" if n == 1 else "name, 2 characters" if n == 2 else "name, ≥ 3 characters"
    return {"number-random": "by number, random numbers once each (one transaction)" ,
            "number": "by number, a statement of its own",
            "number-in-transaction": "by number, in one read transaction",
            "furigana": "furigana"}.get(kind, kind)
def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]
def fmt(us):
    return f"{us / 1000:.2f} ms" if us >= 1000 else f"{us:.1f} µs"
stats, slowest, failed = {}, {}, {}
for which, label in (("file", "SQLite file"), ("pg", "PostgreSQL")):
    by = {}
    for line in open(f"{out}/lookups-raw-{which}.tsv", encoding="utf-8"):
        kind, text, us = line.rstrip("\n").split("\t")
        if kind == "failed":
            failed.setdefault(label, set()).add(text)
            continue
        by.setdefault(kind_of(kind, text), []).append(float(us))
        if kind in ("name", "furigana"):
            q = slowest.setdefault((which, kind_of(kind, text)), {})
            q.setdefault(text, []).append(float(us))
    for k, xs in by.items():
        stats[(k, label)] = xs
order = ["by number, random numbers once each (one transaction)", "by number, a statement of its own",
         "by number, in one read transaction", "name, 2 characters", "name, ≥ 3 characters",
         "name, 1 character", "furigana"]
for k in order:
    for label in ("SQLite file", "PostgreSQL"):
        xs = stats.get((k, label))
        if not xs: continue
        which = "file" if label == "SQLite file" else "pg"
        worst = ""
        if (which, k) in slowest:
            q, v = max(slowest[(which, k)].items(), key=lambda kv: pct(kv[1], 0.5))
            worst = f"; slowest query {q} (p50 {fmt(pct(v, 0.5))})"
        print(f"lookup {k}\t{label}\tp50 {fmt(pct(xs, 0.5))}, p99 {fmt(pct(xs, 0.99))}, "
              f"max {fmt(max(xs))} ({len(xs):,} runs){worst}")
for label, texts in sorted(failed.items()):
    print(f"lookup FAILED\t{label}\t{len(texts)} queries failed (each round): {', '.join(sorted(texts))}"
          " — see lookups-*.txt")
PY
grep -P '^lookup ' "$results" | sed 's/^/   /'

# -- 4b. EXPLAIN ANALYZE of the statements the lookups run most, on the server
schema="registry_bench_$rows"
explain() {  # title, SQL → $out/explain.txt; prints the title and the execution time
  local plan
  plan=$(psql_user "SET search_path TO $schema; EXPLAIN (ANALYZE, BUFFERS) $2")
  { echo "== $1"; echo "$2"; echo "$plan"; echo; } >> "$out/explain.txt"
  echo "   $1: $(echo "$plan" | grep -o 'Execution Time: .*'), $(echo "$plan" | head -n 1 | sed 's/  (cost.*//')"
}
fetch_ms() {  # SQL → the wall time of psql fetching the whole result (ms)
  local start end
  start=$(now)
  psql_user "SET search_path TO $schema; $1" > /dev/null
  end=$(now)
  echo "$(echo "($end - $start) * 1000" | bc | cut -d. -f1)"
}
: > "$out/explain.txt"
echo "== EXPLAIN (ANALYZE, BUFFERS) on the server (plans in $out/explain.txt)"
number=$(head -n 1 "$out/numbers-random.txt")
explain "lookup by number" "SELECT * FROM corporation WHERE corporate_number = $number"
read -r gram chunks bytes < <(psql_user "SET search_path TO $schema;
  SELECT gram, count(*), sum(length(ids)) FROM corporation_search_posting GROUP BY gram ORDER BY 3 DESC LIMIT 1" | tr '\t' ' ')
explain "the longest posting list (gram $gram: $chunks chunks, $bytes bytes)" \
  "SELECT first_id, last_id, ids FROM corporation_search_posting WHERE gram = $gram ORDER BY first_id"
list_ms=$(fetch_ms "SELECT first_id, last_id, ids FROM corporation_search_posting WHERE gram = $gram ORDER BY first_id")
echo "   psql fetching that list whole (hex text): $list_ms ms (with connecting)"
record "the longest posting list" "PostgreSQL" "gram $gram: $chunks chunks, $bytes bytes; fetched whole by psql in $list_ms ms (with connecting)"
explain "name-index buckets" "SELECT segment, first_id, key_length, count FROM corporation_search_bucket WHERE field = 0 ORDER BY first_id"
explain "has_table (every search)" "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'corporation'"
explain "a name by number (every candidate)" "SELECT name FROM corporation WHERE corporate_number = $number"

# -- 5. validate --registry
echo "== validate --registry: $validate_rows rows, client on core 0 (load average $(load))"
dataset="$work/legal-entity-$rows-$validate_rows-clean.csv"
if [ ! -f "$dataset" ]; then
  python3 "$here/gen_legal_entity_from_houjin.py" "$csv" "$validate_rows" "$dataset.part"
  mv "$dataset.part" "$dataset"
fi
for which in file pg; do
  target="$db"; label="SQLite file"
  [ "$which" = pg ] && target="$dsn" && label="PostgreSQL"
  [ "$which" = pg ] && pgss_reset
  pg_before=$(pg_cpu)
  set +e
  /usr/bin/time -f '%e %U %S %M' -o "$out/validate-time-$which.txt" taskset -c 0 \
    "$gifkit" validate --model gif:LegalEntity --registry "$target" --format ndjson "$dataset" \
    > "$out/validate-$which.ndjson" 2> "$out/validate-$which.err"
  status=$?
  set -e
  pg_after=$(pg_cpu)
  [ "$which" = pg ] && pgss_dump "$out/validate-pg-statements.tsv"
  if [ $status -gt 1 ]; then echo "validate with $which failed ($status):" >&2; cat "$out/validate-$which.err" >&2; exit 1; fi
  read -r v_wall v_user v_sys v_kb < <(tail -n 1 "$out/validate-time-$which.txt")
  problems=$(grep -c '"code"' "$out/validate-$which.ndjson" || true)
  grep -o '"code":"[^"]*"' "$out/validate-$which.ndjson" | sort | uniq -c > "$out/validate-codes-$which.txt" || true
  extra=""; [ "$which" = pg ] && extra="; postgres CPU $(echo "scale=2; ($pg_after - $pg_before) / $hz" | bc) s"
  line="$(python3 -c "import sys; r, w, u, s = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]); print(f'{r / w:,.0f} rows/s (wall {w:.2f} s; gifkit CPU {u + s:.2f} s: {r / (u + s):,.0f} rows/CPU-s)')" "$validate_rows" "$v_wall" "$v_user" "$v_sys"), peak RSS $((v_kb / 1024)) MB, $problems problems$extra"
  echo "   $label: $line"
  record "validate --registry, $validate_rows rows" "$label" "$line"
done
echo "   the server's statements during validate (calls, plans, mean execution µs, mean planning µs, total ms, query):"
sed 's/^/     /' "$out/validate-pg-statements.tsv"
if cmp -s "$out/validate-codes-file.txt" "$out/validate-codes-pg.txt"; then
  echo "   the same problem codes and counts from both"
else
  echo "   the problem codes differ:"; diff "$out/validate-codes-file.txt" "$out/validate-codes-pg.txt" || true
  record "validate --registry" "both" "PROBLEM CODES DIFFER (see $out/validate-codes-*.txt)"
fi

# -- 6. serve under wrk
echo "== gifkit serve --threads $threads; wrk -t2 -c$connections -d${seconds}s; $rounds rounds (load average $(load))"
for kind in numbers names; do
  paths="$out/paths-$kind.txt"
  [ -s "$paths" ] || python3 "$here/serve_paths.py" "$kind" "$db" "$data" "$npaths" > "$paths"
done
start_serve() {  # registry → sets server_pid, port
  local log="$out/serve-$1.log"
  : > "$log"
  "$gifkit" serve --registry "$2" --port 0 --threads "$threads" 2> "$log" &
  server_pid=$!
  for _ in $(seq 1200); do grep -q "listening on" "$log" && break; kill -0 "$server_pid" 2> /dev/null || break; sleep 0.1; done
  port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
  [ -n "$port" ] || { echo "gifkit serve did not start:" >&2; cat "$log" >&2; exit 1; }
}
stop_serve() { kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""; }
for round in $(seq "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then order=(file pg); else order=(pg file); fi
  for which in "${order[@]}"; do
    target="$db"; label="SQLite file"
    [ "$which" = pg ] && target="$dsn" && label="PostgreSQL"
    started=$(now)
    start_serve "$which" "$target"
    ready=$(echo "$(now) - $started" | bc)
    for kind in numbers names; do
      status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$(head -1 "$out/paths-$kind.txt")")
      [ "$status" = 200 ] || echo "   warning: $kind's first path answered $status"
      [ "$which" = pg ] && pgss_reset
      s_before=$(proc_cpu "$server_pid"); pg_before=$(pg_cpu)
      PATHS="$out/paths-$kind.txt" /usr/bin/time -f '%U %S' -o "$out/wrk-time.txt" \
        wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/serve_paths.lua" \
        "http://127.0.0.1:$port/" > "$out/wrk-$which-$kind-$round.txt"
      s_after=$(proc_cpu "$server_pid"); pg_after=$(pg_cpu)
      read -r w_user w_sys < "$out/wrk-time.txt"
      [ "$which" = pg ] && pgss_dump "$out/serve-pg-statements-$kind-$round.tsv"
      r="$out/wrk-$which-$kind-$round.txt"
      rps=$(awk '/Requests\/sec/ {printf "%\047d", $2}' "$r")
      p50=$(awk '$1 == "50%" {print $2}' "$r")
      p99=$(awk '$1 == "99%" {print $2}' "$r")
      max=$(awk '$1 == "Latency" {print $4}' "$r")
      non2xx=$(awk '/Non-2xx/ {print $NF}' "$r"); errors=$(awk '/Socket errors/ {$1=$2=""; print}' "$r")
      cpu="service CPU $(echo "scale=1; ($s_after - $s_before) / $hz" | bc) s"
      [ "$which" = pg ] && cpu="$cpu, postgres CPU $(echo "scale=1; ($pg_after - $pg_before) / $hz" | bc) s"
      cpu="$cpu, wrk CPU $(echo "$w_user + $w_sys" | bc) s"
      what="serve: by number"; [ "$kind" = names ] && what="serve: name search (limit 20)"
      line="$rps requests/s, p50 $p50, p99 $p99, max $max; ${non2xx:-0} non-2xx${errors:+; socket errors$errors}; $cpu (round $round, ready in $(printf '%.1f' "$ready") s)"
      echo "   $label $kind: $line"
      record "$what" "$label" "$line"
    done
    if [ "$round" = 1 ]; then  # the same answers? the first $nprobe paths of each kind, one at a time
      for kind in numbers names; do
        statuses=$(python3 "$here/serve_probe.py" "$port" "$out/paths-$kind.txt" "$nprobe" "$out/probe-$which-$kind.tsv")
        echo "   $label $kind, the first $nprobe paths one at a time: $statuses"
      done
    fi
    stop_serve
  done
done
for kind in numbers names; do
  same=$(paste <(cut -f1,2 "$out/probe-file-$kind.tsv") <(cut -f1,2 "$out/probe-pg-$kind.tsv") \
    | awk -F'\t' '$1 == $3 && $2 == $4' | wc -l)
  line="file: $(cut -f1 "$out/probe-file-$kind.tsv" | sort | uniq -c | awk '{printf "%s%s × %s", sep, $1, $2; sep=", "}'); PostgreSQL: $(cut -f1 "$out/probe-pg-$kind.tsv" | sort | uniq -c | awk '{printf "%s%s × %s", sep, $1, $2; sep=", "}'); $same of $nprobe answers byte for byte the same"
  echo "   $kind: $line"
  record "serve: the same answers? ($kind)" "both" "$line"
  awk -F'\t' '$1 >= 500 && n++ < 3' "$out/probe-pg-$kind.tsv" | cut -f3- | sed 's/^/     PostgreSQL 5xx: /'
done
for kind in numbers names; do
  echo "   the server's statements during the PostgreSQL run of $kind, round $rounds (calls, plans, mean execution µs, mean planning µs, total ms, query):"
  sed 's/^/     /' "$out/serve-pg-statements-$kind-$rounds.tsv"
done
slow=$(tail -c +"$((reads_offset + 1))" "$pg_log" | grep -c 'duration:' || true)
echo "   statements of ≥ 100 ms in the server's log during the reads (4.–6.): $slow"
record "PostgreSQL log" "PostgreSQL" "$slow statements of ≥ 100 ms during the reads (lookups, validate, serve)"
record "machine at end" "-" "load average $(load)"

echo
echo "== results ($rows corporations + ABR national, wakayama, bunkyo, yakushima; PostgreSQL fsync $pg_fsync)"
python3 - "$results" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
w0 = max(len(r[0]) for r in rows); w1 = max(len(r[1]) for r in rows)
print(f"{'job':<{w0}}  {'backend':<{w1}}  numbers")
for job, backend, numbers in rows:
    print(f"{job:<{w0}}  {backend:<{w1}}  {numbers}")
PY
