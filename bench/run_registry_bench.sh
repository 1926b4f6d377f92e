#!/usr/bin/env bash
# run_registry_bench.sh — the 法人番号 registry benchmark (issue #3): generates
# an NTA bulk CSV of ROWS records once (gen_houjin_csv.py, cached in
# $BENCH_WORK), times `gifkit registry build` pinned to one core (GNU time:
# seconds, peak RSS), then times lookups two ways, labelled:
#   (a) the whole `gifkit lookup corporation` command (process start-up
#       included) for 20 numbers and 20 names, with hyperfine or a shell loop;
#   (b) the SQL the code runs (houjin_lookup.cpp, houjin_search.cpp), in one
#       sqlite3 CLI process: by number as a correlated subquery repeated by a
#       recursive CTE (index probe + row read, no prepare); by name as the
#       exact statement repeated REPS times, minus the time of an empty run.
# Usage: bench/run_registry_bench.sh [BUILD_DIR] [ROWS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
rows="${2:-5000000}"
gifkit="$build/tools/gifkit"
work="${BENCH_WORK:-/tmp/gifkit-bench}"
reps="${REPS:-20}"
mkdir -p "$work"
csv="$work/houjin-$rows.csv"
db="$work/houjin-$rows.sqlite"
if [ ! -f "$csv" ]; then
  python3 "$here/gen_houjin_csv.py" "$rows" "$csv.part"
  mv "$csv.part" "$csv"
fi
now() { date +%s.%N; }

echo "== registry build ($rows rows, $(du -h "$csv" | cut -f1) CSV, taskset -c 0)"
rm -f "$db"
/usr/bin/time -f '%e %M' -o "$work/time.txt" taskset -c 0 \
  "$gifkit" registry build --out "$db" "$csv" > "$work/build.log" 2>&1
read -r seconds kb < <(tail -n 1 "$work/time.txt")
python3 - "$rows" "$seconds" "$kb" "$(stat -c %s "$csv")" "$(stat -c %s "$db")" <<'PY'
import sys
rows, seconds, kb, csv_bytes, db_bytes = sys.argv[1:]
rows = int(rows); seconds = float(seconds)
print(f"build seconds {seconds:.2f}  rows/s {rows / seconds:,.0f}  peak RSS {int(kb) / 1024:.0f} MB"
      f"  CSV {int(csv_bytes) / 1e9:.2f} GB  registry {int(db_bytes) / 1e9:.2f} GB")
PY

# 20 corporate numbers spread over the file; 10 two-character and 10 longer
# names (kanji/katakana, so name_key(text) == text and the SQL below matches).
mapfile -t numbers < <(awk -F, -v step=$((rows / 20)) 'NR % step == 1 {print $2}' "$csv" | head -n 20)
names2=(建設 工業 商事 産業 電気 日本 東京 運輸 食品 医療)
names3=(デジタル ホールディングス 不動産 建設工業 サービス 管理組合 エンジニアリング 技術研究 ソリューションズ 北海道)

echo "== (a) whole command: gifkit lookup corporation (process start-up included)"
cmds_num=(); for n in "${numbers[@]}"; do cmds_num+=("taskset -c 0 $gifkit lookup corporation --registry $db $n"); done
cmds_2=(); for n in "${names2[@]}"; do cmds_2+=("taskset -c 0 $gifkit lookup corporation --registry $db --name $n"); done
cmds_3=(); for n in "${names3[@]}"; do cmds_3+=("taskset -c 0 $gifkit lookup corporation --registry $db --name $n"); done
run_group() {  # label, commands...
  local label="$1"; shift
  if command -v hyperfine > /dev/null; then
    hyperfine -N --warmup 2 --runs "$reps" --export-json "$work/hf.json" "$@" > /dev/null 2>&1
    python3 - "$label" "$work/hf.json" <<'PY'
import json, sys
label, path = sys.argv[1:]
res = json.load(open(path))["results"]
means = [r["mean"] * 1000 for r in res]
print(f"{label:<24} mean {sum(means) / len(means):8.2f} ms  min {min(means):8.2f}  max {max(means):8.2f}"
      f"  (hyperfine, {len(res)} commands)")
for r in res:
    print(f"    {r['mean'] * 1000:8.2f} ms  {r['command'].split()[-1]}")
PY
  else
    local total=0 start end
    for c in "$@"; do
      start=$(now); for _ in $(seq "$reps"); do $c > /dev/null; done; end=$(now)
      echo "    $(echo "($end - $start) * 1000 / $reps" | bc -l | xargs printf '%8.2f') ms  ${c##* }"
    done
  fi
}
run_group "by number" "${cmds_num[@]}"
run_group "name, 2 characters" "${cmds_2[@]}"
run_group "name, >= 3 characters" "${cmds_3[@]}"

echo "== (b) SQL in one sqlite3 process (no process start-up)"
cols="sequence_number, corporate_number, process, correct, update_date, change_date, name, name_image_id, kind, prefecture_name, city_name, street_number, address_image_id, prefecture_code, city_code, post_code, address_outside, address_outside_image_id, close_date, close_cause, successor_corporate_number, change_cause, assignment_date, latest, en_name, en_prefecture_name, en_city_name, en_address_outside, furigana, hihyoji"
ccols=$(echo "$cols" | sed 's/\([a-z_][a-z_]*\)/c.\1/g')
iters=200000
values=$(printf "('%s')," "${numbers[@]}"); values=${values%,}
sqlite3 "$db" <<SQL > "$work/sql_number.txt"
CREATE TEMP TABLE q(id INTEGER PRIMARY KEY, n TEXT);
INSERT INTO q(n) VALUES $values;
.timer on
WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < $iters - 1)
SELECT count(*) FROM r JOIN q ON q.id = r.i % 20 + 1;
WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < $iters - 1)
SELECT sum((SELECT $(echo "$cols" | sed "s/, / + /g; s/\([a-z_][a-z_]*\)/length(ifnull(\1, ''))/g") FROM corporation
            WHERE corporate_number = q.n)) FROM r JOIN q ON q.id = r.i % 20 + 1;
SQL
python3 - "$iters" "$work/sql_number.txt" <<'PY'
import re, sys
iters, path = int(sys.argv[1]), sys.argv[2]
times = [float(m) for m in re.findall(r"Run Time: real ([0-9.]+)", open(path).read())]
base, full = times[0], times[1]
print(f"by number (index probe + 30 columns, {iters:,} probes): {(full - base) / iters * 1e6:.2f} us each"
      f"  (loop alone {base:.3f} s, with lookups {full:.3f} s)")
PY
# The number lookup as the code runs it: prepare + bind + step, repeated.
stmt_file="$work/sql_stmts.sql"
: > "$stmt_file"; echo ".output /dev/null" >> "$stmt_file"
for _ in $(seq 500); do for n in "${numbers[@]}"; do
  echo "SELECT $cols FROM corporation WHERE corporate_number = '$n';" >> "$stmt_file"; done; done
empty="$work/sql_empty.sql"; echo ".output /dev/null" > "$empty"; echo "SELECT 1;" >> "$empty"
t0=$(now); sqlite3 "$db" < "$empty"; t1=$(now); sqlite3 "$db" < "$stmt_file"; t2=$(now)
echo "by number (prepare + step, 10,000 statements): $(echo "(($t2 - $t1) - ($t1 - $t0)) * 1000000 / 10000" | bc -l | xargs printf '%.1f') us each"

search_sql() {  # text, candidate subquery, extra bind for ?2
  local key="$1" cand="$2"
  local len; len=$(python3 -c 'import sys; print(len(sys.argv[1]))' "$key")
  echo "SELECT $ccols, m.match_kind FROM (
  SELECT k.corporate_number AS number,
    CASE WHEN k.name_key = '$key' THEN 0
         WHEN substr(k.name_key, 1, length('$key')) = '$key' THEN 1 ELSE 2 END AS match_kind,
    length(k.name_key) AS key_length
  FROM corporation_search_key k
  WHERE k.id IN ($cand) AND instr(k.name_key, '$key') > 0
) m JOIN corporation c ON c.corporate_number = m.number
WHERE ('' = '' OR c.prefecture_name = '') AND ('' = '' OR c.city_name = '')
  AND ('' = '' OR c.kind = '')
  AND (0 = 0 OR c.close_date IS NULL OR c.close_date = '')
ORDER BY m.match_kind, m.key_length, c.corporate_number LIMIT 20;"
}
name_reps=${NAME_REPS:-10}
time_name() {  # label, key, candidates: mean of the per-statement .timer figures
  local label="$1" key="$2" cand="$3" file="$work/sql_name.sql"
  { echo ".output /dev/null"; search_sql "$key" "$cand"; echo ".timer on"
    for _ in $(seq "$name_reps"); do search_sql "$key" "$cand"; done; } > "$file"
  local hits
  hits=$(sqlite3 "$db" "SELECT count(*) FROM corporation_search_key k WHERE k.id IN ($cand) AND instr(k.name_key, '$key') > 0;")
  sqlite3 "$db" < "$file" | python3 -c '
import re, sys
label, key, hits = sys.argv[1:]
t = [tuple(map(float, m)) for m in re.findall(r"real ([0-9.]+) user ([0-9.]+) sys ([0-9.]+)", sys.stdin.read())]
real = sum(x[0] for x in t) / len(t) * 1000
cpu = sum(x[1] + x[2] for x in t) / len(t) * 1000
print(f"    {real:8.2f} ms real {cpu:8.2f} ms cpu  {key:<10} {label}  ({hits} candidates matching)")
' "$label" "$key" "$hits"
}
echo "name search, exact SQL of search_corporations (--name, limit 20), after one warm-up, mean of $name_reps (sqlite3 .timer; real has 1 ms resolution, cpu = user+sys):"
for n in "${names2[@]}"; do time_name "2 chars, gram table" "$n" \
  "SELECT id FROM corporation_search_gram WHERE gram = '$n' AND field = 0"; done
for n in "${names3[@]}"; do time_name ">=3 chars, FTS5 trigram" "$n" \
  "SELECT rowid FROM corporation_search_fts WHERE corporation_search_fts MATCH '{name_key} : \"$n\"'"; done
rm -f "$work/sql_stmts.sql" "$work/sql_name.sql" "$work/sql_empty.sql" "$work/hf.json"
