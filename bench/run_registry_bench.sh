#!/usr/bin/env bash
# run_registry_bench.sh — the 法人番号 registry benchmark (issue #3): generates
# an NTA bulk CSV of ROWS records once (gen_houjin_csv.py, cached in
# $BENCH_WORK), times `gifkit registry build` pinned to one core (GNU time:
# seconds, peak RSS), then times lookups two ways, labelled:
#   (a) the whole `gifkit lookup corporation` command (process start-up
#       included) for 20 numbers and 20 names, with hyperfine or a shell loop;
#   (b) the library calls in one process (bench/tools/bench_registry_lookups):
#       CorporationFinder::find by number, search_corporations by name
#       (1, 2 and 3+ characters) and furigana; mean and slowest of REPS runs.
# Usage: bench/run_registry_bench.sh [BUILD_DIR] [ROWS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
rows="${2:-5000000}"
reps="${REPS:-20}"
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
bench_paths
csv=$(houjin_csv "$rows")
db="$work/houjin-$rows.sqlite"
now() { date +%s.%N; }

echo "== registry build ($rows rows, $(du -h "$csv" | cut -f1) CSV, taskset -c 0)"
rm -f "$db"
/usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" taskset -c 0 \
  "$gifkit" registry build --out "$db" "$csv" > "$work/build.log" 2>&1 &
anon_peak=$(anon_rss_peak $! "registry build --out $db" 0.2)
wait $! || true
read -r seconds user sys kb < <(tail -n 1 "$work/time.txt")
python3 - "$rows" "$seconds" "$user" "$sys" "$kb" "$anon_peak" "$(stat -c %s "$csv")" "$(stat -c %s "$db")" <<'PY'
import sys
rows, seconds, user, system, kb, anon, csv_bytes, db_bytes = sys.argv[1:]
rows = int(rows); seconds = float(seconds)
print(f"build seconds {seconds:.2f} (CPU {float(user) + float(system):.2f})  rows/s {rows / seconds:,.0f}"
      f"  peak RSS {int(kb) / 1024:.0f} MB (anonymous {int(anon) / 1024:.0f} MB)"
      f"  CSV {int(csv_bytes) / 1e9:.2f} GB  registry {int(db_bytes) / 1e9:.2f} GB")
PY

# 20 corporate numbers spread over the file; 10 two-character and 10 longer
# names (kanji/katakana, so name_key(text) == text).
mapfile -t numbers < <(awk -F, -v step=$((rows / 20)) 'NR % step == 1 {print $2}' "$csv" | head -n 20)
names2=(建設 工業 商事 産業 電気 日本 東京 運輸 食品 医療)
names3=(デジタル ホールディングス 不動産 建設工業 サービス 管理組合 エンジニアリング 技術研究 ソリューションズ 北海道)
names1=(森 鑫 ア)
furigana=(ニホン トウキョウケンセツ デジタル)

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

echo "== (b) in-process: bench_registry_lookups (the library calls, no process start-up)"
awk -F, 'NR % 50 == 7 {print $2}' "$csv" | shuf --random-source=<(yes) > "$work/numbers-random.txt"
{ echo "numbers-file $work/numbers-random.txt"
  for n in "${numbers[@]}"; do echo "number $n"; done
  for n in "${names2[@]}" "${names3[@]}"; do echo "name $n"; done
  for n in "${furigana[@]}"; do echo "furigana $n"; done
  for n in "${names1[@]}"; do echo "name $n"; done; } \
  | taskset -c 0 "$build/bench/bench_registry_lookups" "$db" "$reps"
rm -f "$work/hf.json"
