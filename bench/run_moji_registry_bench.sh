#!/usr/bin/env bash
# run_moji_registry_bench.sh — what the character data (../shared/data/moji:
# MJ and its IVS table, JIS X 0213, the IMI sets, the NTA JIS縮退マップ) costs
# a registry build, and what the name fold (name index format 3) costs name
# searches. Times `gifkit registry build` pinned to one core (taskset -c 0;
# GNU time: wall, user and system seconds, peak RSS; the anonymous part of
# the RSS sampled from /proc as in run_registry_bench.sh), ROUNDS times
# (default 2), interleaved, the order of each with/without pair swapped every
# round:
#   (a) the character data alone;
#   (b) the four ABR areas (abr/{national,bunkyo,wakayama,yakushima}) without
#       and with the character data;
#   (c) ROWS 法人番号 records (default 5,000,000; gen_houjin_csv.py, cached in
#       $BENCH_WORK as run_registry_bench.sh caches it) without and with it.
# Then the name searches on the two ROWS registries of the last round
# (bench_registry_lookups DB REPS, in process, the queries of
# run_registry_bench.sh part (b) plus 髙橋, 﨑 and 川崎), LOOKUP_ROUNDS times
# (default 3), interleaved; per query the median and p95 of each round.
# Usage: bench/run_moji_registry_bench.sh [BUILD_DIR] [ROWS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build-release}"
rows="${2:-5000000}"
rounds="${ROUNDS:-2}"
lookup_rounds="${LOOKUP_ROUNDS:-3}"
reps="${REPS:-20}"
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
bench_paths
moji="$data/moji"
abr=("$data/abr/national" "$data/abr/bunkyo" "$data/abr/wakayama" "$data/abr/yakushima")
csv=$(houjin_csv "$rows")
plain_db="$work/houjin-$rows-plain.sqlite"
moji_db="$work/houjin-$rows-moji.sqlite"
times="$work/moji-registry-times.txt"
: >"$times"

build_run() {  # label, round, db, sources...
  local label="$1" round="$2" db="$3"; shift 3
  rm -f "$db"
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" taskset -c 0 \
    "$gifkit" registry build --out "$db" "$@" >"$work/moji-build.log" 2>&1 &
  local pid_time=$! anon_peak
  anon_peak=$(anon_rss_peak "$pid_time" "registry build --out $db" 0.1)
  local status=0
  wait "$pid_time" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "$label: registry build exited with $status" >&2; tail -n 20 "$work/moji-build.log" >&2; exit 2
  fi
  local seconds user sys kb summary
  read -r seconds user sys kb < <(tail -n 1 "$work/time.txt")
  summary=$(tail -n 1 "$work/moji-build.log")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$round" "$seconds" "$user" "$sys" "$kb" \
    "$anon_peak" "$(stat -c %s "$db")" "$(cut -d' ' -f1 /proc/loadavg)" >>"$times"
  echo "  round $round  $label: $seconds s wall ($user user + $sys sys), peak RSS $((kb / 1024)) MB" \
    "(anonymous $((anon_peak / 1024)) MB), $(stat -c %s "$db") bytes; ${summary##*: }"
}

echo "gifkit: $gifkit; $rows records in $csv ($(stat -c %s "$csv") bytes)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  build_run "moji alone" "$round" "$work/moji-only.sqlite" "$moji"
  if [ $((round % 2)) -eq 1 ]; then
    build_run "ABR x4" "$round" "$work/abr4-plain.sqlite" "${abr[@]}"
    build_run "ABR x4 + moji" "$round" "$work/abr4-moji.sqlite" "${abr[@]}" "$moji"
    build_run "houjin $rows" "$round" "$plain_db" "$csv"
    build_run "houjin $rows + moji" "$round" "$moji_db" "$csv" "$moji"
  else
    build_run "ABR x4 + moji" "$round" "$work/abr4-moji.sqlite" "${abr[@]}" "$moji"
    build_run "ABR x4" "$round" "$work/abr4-plain.sqlite" "${abr[@]}"
    build_run "houjin $rows + moji" "$round" "$moji_db" "$csv" "$moji"
    build_run "houjin $rows" "$round" "$plain_db" "$csv"
  fi
done
python3 - "$times" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    label, rnd, wall, user, system, kb, anon, size, load = line.rstrip("\n").split("\t")
    rows.setdefault(label, []).append((float(wall), float(user) + float(system), int(kb), int(anon), int(size), load))
print(f"{'build':<24} {'wall s (each round)':<22} {'CPU s (each round)':<22} {'peak RSS MB':>12} {'anon MB':>8} {'size MB':>9}  load")
for label, rs in rows.items():
    print(f"{label:<24} {' / '.join(f'{r[0]:.2f}' for r in rs):<22} {' / '.join(f'{r[1]:.2f}' for r in rs):<22}"
          f" {max(r[2] for r in rs) / 1024:>12.0f} {max(r[3] for r in rs) / 1024:>8.0f} {rs[-1][4] / 1e6:>9.1f}  {' / '.join(r[5] for r in rs)}")
PY

echo
echo "== name searches, in process (bench_registry_lookups DB $reps), $lookup_rounds rounds, interleaved"
mapfile -t numbers < <(awk -F, -v step=$((rows / 20)) 'NR % step == 1 {print $2}' "$csv" | head -n 20)
awk -F, 'NR % 50 == 7 {print $2}' "$csv" | shuf --random-source=<(yes) >"$work/numbers-random.txt"
queries="$work/moji-queries.txt"
{ echo "numbers-file $work/numbers-random.txt"
  for n in "${numbers[@]}"; do echo "number $n"; done
  for n in 建設 工業 商事 産業 電気 日本 東京 運輸 食品 医療 \
           デジタル ホールディングス 不動産 建設工業 サービス 管理組合 エンジニアリング 技術研究 ソリューションズ 北海道; do
    echo "name $n"; done
  for n in ニホン トウキョウケンセツ デジタル; do echo "furigana $n"; done
  for n in 森 鑫 ア 髙橋 﨑 川崎; do echo "name $n"; done; } >"$queries"
for round in $(seq "$lookup_rounds"); do
  if [ $((round % 2)) -eq 1 ]; then order=(plain moji); else order=(moji plain); fi
  for which in "${order[@]}"; do
    db=$plain_db; [ "$which" = moji ] && db=$moji_db
    taskset -c 0 "$build/bench/bench_registry_lookups" "$db" "$reps" <"$queries" \
      >"$work/moji-lookups-$which-$round.txt"
  done
done
python3 - "$work" "$lookup_rounds" <<'PY'
import re, sys
work, rounds = sys.argv[1], int(sys.argv[2])
line_re = re.compile(r"^\s+([\d.]+) us median\s+([\d.]+) us p95\s+(\d+) results\s+(\S+) (.+)$")
def read(which):
    out = {}
    for r in range(1, rounds + 1):
        for line in open(f"{work}/moji-lookups-{which}-{r}.txt"):
            m = line_re.match(line)
            if m:
                med, p95, n, kind, text = m.groups()
                out.setdefault((kind, text), []).append((float(med), float(p95), int(n)))
            elif "distinct numbers" in line:
                out.setdefault(("numbers-file", "random"), []).append(
                    (float(re.search(r": ([\d.]+) us a lookup", line).group(1)), 0.0, 0))
    return out
plain, moji = read("plain"), read("moji")
def span(values):
    return f"{min(values):.2f}-{max(values):.2f}" if len(values) > 1 else f"{values[0]:.2f}"
print(f"{'query':<34} {'without moji: median':<22} {'p95':<22} {'n':>3}   {'with moji: median':<22} {'p95':<22} {'n':>3}")
# by number: the medians of the 20 numbers, min-max over numbers and rounds
for kind in ("numbers-file", "number-in-transaction", "number"):
    cells = []
    for side in (plain, moji):
        rs = [r for (k, _), v in side.items() if k == kind for r in v]
        cells.append(f"{span([r[0] for r in rs]):<22} {(span([r[1] for r in rs]) if kind != 'numbers-file' else '-'):<22} {'':>3}")
    label = {"numbers-file": "random numbers, once each (us)",
             "number-in-transaction": "number, in one transaction (us)",
             "number": "number, own statement (us)"}[kind]
    print(f"{label:<34} {cells[0]}   {cells[1]}")
# names: min-max of the rounds' medians and p95s, in ms
for key, rs in plain.items():
    kind, text = key
    if kind.startswith("number"):
        continue
    cells = []
    for v in (rs, moji.get(key, [])):
        if not v:
            cells.append(f"{'-':<22} {'-':<22} {'':>3}"); continue
        cells.append(f"{span([r[0] / 1000 for r in v]):<22} {span([r[1] / 1000 for r in v]):<22} {v[0][2]:>3}")
    print(f"{kind + ' ' + text + ' (ms)':<34} {cells[0]}   {cells[1]}")
PY
