#!/usr/bin/env bash
# run_link_bench.sh — the record-linkage benchmark with known truth (issue #33 item 5).
# Targets (issue #33): on the hard setting F1 ≥ 0.99, the exact join's F1 beside it;
# 1,000,000 records deduplicated in ≤ 60 s on one core and ≤ 2 GB; LEFT and RIGHT of
# 1,000,000 each linked in ≤ 60 s.
#
# 1. Quality: bench/link_population.py writes the easy and the hard setting, link and
#    dedupe, QUALITY_N records each (default 20,000; seed SEED, default 33) into
#    $BENCH_WORK/q-SETTING-MODE. 2. Time and memory: the hard setting with TIME_N records
#    (default 1,000,000) into $BENCH_WORK/t-hard-MODE (the generator's own seconds are in
#    each manifest.json). Generated directories are kept and reused when their manifest
#    has the same records and seed (REGEN=1 writes them again); the table's "gen CPU s"
#    is the generator's CPU seconds from its manifest.
# 3. `gifkit link` on each, pinned to one core and timed by GNU time:
#      taskset -c 0 /usr/bin/time -v GIFKIT link DIR/left.csv DIR/right.csv -f csv -o OUT.csv
#      taskset -c 0 /usr/bin/time -v GIFKIT link DIR/records.csv -f csv -o OUT.csv
#    (CPU s = user + system; peak RSS = "Maximum resident set size"). EXTRA_ARGS is added
#    to both (e.g. a registry: EXTRA_ARGS="--registry r.sqlite").
# 4. bench/link_score.py scores each output against the truth beside the exact join on
#    the raw 氏名, 生年月日, 性別, 住所 (computed by the scorer on the same files); for the
#    quality runs also recall by error kind and EXAMPLES (10) false negatives and false
#    positives, and the audit (`GIFKIT link --audit --id 宛名番号 FILES -f csv`, untimed)
#    scored against the truth, written to $BENCH_WORK/q-SETTING-MODE/score.txt.
# One table at the end. When the binary has no `link` command yet, the exact join is
# still measured and the table says that link is missing.
# Usage: bench/run_link_bench.sh [GIFKIT]
#        (env: GIFKIT (default build/tools/gifkit), BENCH_WORK (/tmp/gifkit-link-bench),
#         QUALITY_N, TIME_N, SEED, EXAMPLES, EXTRA_ARGS, REGEN, SKIP_TIME=1 (no 1M runs))
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
gifkit="${1:-${GIFKIT:-$here/../build/tools/gifkit}}"
work="${BENCH_WORK:-/tmp/gifkit-link-bench}"
quality_n="${QUALITY_N:-20000}"
time_n="${TIME_N:-1000000}"
seed="${SEED:-33}"
examples="${EXAMPLES:-10}"
extra="${EXTRA_ARGS:-}"
mkdir -p "$work"
results="$work/results.ndjson"
: >"$results"

have_link=0
usage=""
[ -x "$gifkit" ] && usage="$("$gifkit" --help 2>&1 || true)" # whole, then grep: no SIGPIPE
if grep -qE '^[[:space:]]+link([[:space:]]|$)' <<<"$usage"; then
  have_link=1
else
  echo "gifkit link is missing ($gifkit has no link command): measuring the exact join only" >&2
fi

# generate SETTING MODE N DIR — runs link_population.py unless DIR already holds that run.
generate() {
  local setting="$1" mode="$2" n="$3" dir="$4"
  if [ "${REGEN:-0}" != 1 ] && [ -f "$dir/manifest.json" ] &&
    python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); sys.exit(0 if (m["records"],m["seed"],m["setting"],m["mode"])==(int(sys.argv[2]),int(sys.argv[3]),sys.argv[4],sys.argv[5]) else 1)' \
      "$dir/manifest.json" "$n" "$seed" "$setting" "$mode"; then
    return
  fi
  rm -rf "$dir"
  python3 "$here/link_population.py" --setting "$setting" --mode "$mode" --records "$n" \
    --seed "$seed" --out "$dir" >/dev/null
}

# run_link MODE DIR — gifkit link on core 0 under GNU time; sets cpu, mb, status.
run_link() {
  local mode="$1" dir="$2" inputs
  if [ "$mode" = link ]; then inputs=("$dir/left.csv" "$dir/right.csv"); else inputs=("$dir/records.csv"); fi
  set +e
  # shellcheck disable=SC2086
  taskset -c 0 /usr/bin/time -v -o "$dir/time.txt" "$gifkit" link "${inputs[@]}" $extra \
    -f csv -o "$dir/out.csv" 2>"$dir/stderr.txt" >/dev/null
  status=$?
  set -e
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$dir/time.txt")
  mb=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$dir/time.txt")
}

# measure KIND SETTING MODE DIR — the linker (when there is one) and the scores, one
# JSON line per method into $results.
measure() {
  local kind="$1" setting="$2" mode="$3" dir="$4" cpu="" mb="" status="" opts=() inputs
  if [ "$mode" = link ]; then inputs=("$dir/left.csv" "$dir/right.csv"); else inputs=("$dir/records.csv"); fi
  if [ "$have_link" = 1 ]; then
    run_link "$mode" "$dir"
    if [ "$status" -gt 1 ] || [ ! -f "$dir/out.csv" ]; then
      echo "gifkit link failed with $status on $dir (see $dir/stderr.txt)" >&2
      sed -n 1,5p "$dir/stderr.txt" >&2
    else
      opts=(--link "$dir/out.csv")
    fi
  fi
  python3 "$here/link_score.py" "$dir" "${opts[@]}" --json >"$dir/score.json"
  if [ "$kind" = quality ] && [ ${#opts[@]} -gt 0 ]; then
    local audit=()
    set +e
    # shellcheck disable=SC2086
    "$gifkit" link --audit --id 宛名番号 "${inputs[@]}" $extra -f csv -o "$dir/audit.csv" 2>"$dir/audit-stderr.txt"
    [ $? -le 1 ] && [ -f "$dir/audit.csv" ] && audit=(--audit "$dir/audit.csv")
    set -e
    python3 "$here/link_score.py" "$dir" "${opts[@]}" "${audit[@]}" --by-error --examples "$examples" >"$dir/score.txt"
  fi
  python3 - "$dir/score.json" "$kind" "$cpu" "$mb" "$status" "$dir" >>"$results" <<'EOF'
import json, sys
path, kind, cpu, mb, status, d = sys.argv[1:]
report = json.load(open(path))
gen = json.load(open(d + "/manifest.json"))
rows = report.get("rows") or f"{report['left_rows']}×{report['right_rows']}"
for r in report["results"]:
    linker = r["method"] != "exact join"
    print(json.dumps({"kind": kind, "setting": report["setting"], "mode": report["mode"], "rows": rows,
                      "method": r["method"], "precision": r["precision"], "recall": r["recall"],
                      "f1": r["f1"], "cpu_s": float(cpu) if linker and cpu else None,
                      "peak_rss_mb": int(mb) if linker and mb else None,
                      "exit": int(status) if linker and status else None,
                      "generator_cpu_s": gen.get("cpu_seconds")}, ensure_ascii=False))
EOF
}

for setting in easy hard; do
  for mode in link dedupe; do
    dir="$work/q-$setting-$mode"
    generate "$setting" "$mode" "$quality_n" "$dir"
    measure quality "$setting" "$mode" "$dir"
  done
done
if [ "${SKIP_TIME:-0}" != 1 ]; then
  for mode in dedupe link; do
    dir="$work/t-hard-$mode"
    generate hard "$mode" "$time_n" "$dir"
    measure time hard "$mode" "$dir"
  done
fi

python3 - "$results" "$have_link" "$gifkit" <<'EOF'
import json, sys
path, have_link, gifkit = sys.argv[1:]
rows = [json.loads(line) for line in open(path)]
print(f"{'kind':<8} {'setting':<7} {'mode':<7} {'rows':>17} {'method':<12} {'P':>7} {'R':>7} {'F1':>7} "
      f"{'CPU s':>8} {'RSS MB':>7} {'gen CPU s':>9}")
def f(x, fmt):
    width = int("".join(c for c in fmt.split(".")[0] if c.isdigit()))
    return format(x, fmt) if x is not None else "-".rjust(width)
for r in rows:
    print(f"{r['kind']:<8} {r['setting']:<7} {r['mode']:<7} {r['rows']:>17} {r['method']:<12} "
          f"{r['precision']:>7.4f} {r['recall']:>7.4f} {r['f1']:>7.4f} {f(r['cpu_s'], '>8.2f')} "
          f"{f(r['peak_rss_mb'], '>7')} {f(r['generator_cpu_s'], '>9.1f')}")
if have_link != "1":
    print(f"gifkit link: missing ({gifkit} has no link command) — only the exact join was measured")
EOF
