#!/usr/bin/env bash
# run_nja_bench.sh — gifkit address normalize beside normalize-japanese-addresses
# 3.1.3, offline, in the same run (issue #32, part 4: the whole schools file,
# one core, start-up included, ≥ 20× faster than that peer).
#   The peer: npm @geolonia/normalize-japanese-addresses@3.1.3 installed in
# bench/nja (`npm ci` there when node_modules is missing: the npm registry is
# the only network this needs), reading the japanese-addresses-v2 API tree that
# bench/nja/write_api_tree.py writes from ../shared/data/abr (national tables +
# the four areas wakayama, bunkyo, yakushima, ebino; cached in $BENCH_WORK,
# rewritten when the script changes) through config.japaneseAddressesApi =
# file://… (3.1.3 reads file:// URLs in Node: no server); bench/nja/normalize.mjs
# normalizes the lines one at a time in order, as the README's API does.
#   gifkit: `address normalize --registry DB -f ndjson -i FILE` with a registry
# built once from the same ABR folders and ../shared/data/moji.
#   Both over the whole schools file, pinned to one core (taskset -c 0), ROUNDS
# rounds (default 3) alternating which goes first, after one untimed run of each;
# GNU time's wall and CPU (user + sys) and peak RSS per run; then the medians
# and the ratio peer / gifkit (wall and CPU), and what each resolves to the 町字
# and 番地 level (bench/nja/compare_levels.py; the covered subset of
# bench/address_levels.py and the whole file).
# Usage: bench/run_nja_bench.sh [BUILD_DIR]   (env: BENCH_WORK, ROUNDS, GIFKIT_DATA)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
rounds="${ROUNDS:-3}"
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
bench_paths
schools="$data/addresses/schools-input.txt"
nja="$here/nja"
[ -x "$gifkit" ] || { echo "run_nja_bench.sh: no $gifkit (build the gifkit target)" >&2; exit 2; }

if [ ! -d "$nja/node_modules/@geolonia/normalize-japanese-addresses" ]; then
  command -v npm >/dev/null || { echo "run_nja_bench.sh: npm is needed for the peer" >&2; exit 2; }
  (cd "$nja" && npm ci --no-audit --no-fund >&2)
fi

abr=("$data/abr/national" "$data/abr/wakayama" "$data/abr/bunkyo" "$data/abr/yakushima" "$data/abr/ebino")
db="$work/nja-registry.sqlite"
if [ ! -f "$db" ]; then
  "$gifkit" registry build --out "$db.part" "${abr[@]}" "$data/moji" 2>"$work/nja-registry.log" >&2
  mv "$db.part" "$db"
fi
api="$work/nja-api"
if [ ! -f "$api/ja.json" ] || [ "$nja/write_api_tree.py" -nt "$api/ja.json" ]; then
  rm -rf "$api.part"
  python3 "$nja/write_api_tree.py" --abr "$data/abr" --out "$api.part" \
    --areas wakayama,bunkyo,yakushima,ebino
  rm -rf "$api"
  mv "$api.part" "$api"
fi

peer_cmd=(node "$nja/normalize.mjs" "$api" "$schools" "$work/nja-peer.ndjson")
gifkit_cmd=("$gifkit" address normalize --registry "$db" -f ndjson -i "$schools")
times="$work/nja-times.txt"
: >"$times"
run() {  # label, round, command... -> appends "label round wall cpu rss_kb" to $times
  local label="$1" round="$2" status
  shift 2
  # stdout to a file (gifkit's ndjson; the peer writes its own); gifkit exits 1 when some
  # line is not OK
  /usr/bin/time -f '%e %U %S %M' -o "$work/nja-time.txt" taskset -c 0 "$@" \
    >"$work/nja-$label.out" 2>"$work/nja-$label.log" ||
    { status=$?; [ "$label" = gifkit ] && [ $status -eq 1 ]; } ||
    { echo "run_nja_bench.sh: $label failed (exit $status); $work/nja-$label.log:" >&2
      tail -n 5 "$work/nja-$label.log" >&2; exit 2; }
  local wall user sys rss
  read -r wall user sys rss < <(tail -n 1 "$work/nja-time.txt")
  [ "$round" = warm-up ] && return 0
  echo "$label $round $wall $(python3 -c "print(round($user + $sys, 2))") $rss" | tee -a "$times"
}

echo "gifkit: $gifkit; registry: $db"
echo "peer: normalize-japanese-addresses $(node -p "require('$nja/node_modules/@geolonia/normalize-japanese-addresses/package.json').version") on node $(node --version), API tree: $api"
echo "input: $schools ($(awk 'END { print NR }' "$schools") lines), pinned to CPU 0; columns: who round wall_s cpu_s peak_rss_kb"
run peer warm-up "${peer_cmd[@]}"
run gifkit warm-up "${gifkit_cmd[@]}"
for round in $(seq "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then
    run peer "$round" "${peer_cmd[@]}"
    run gifkit "$round" "${gifkit_cmd[@]}"
  else
    run gifkit "$round" "${gifkit_cmd[@]}"
    run peer "$round" "${peer_cmd[@]}"
  fi
done

python3 - "$times" <<'EOF'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    who, rnd, wall, cpu, rss = line.split()
    runs.setdefault(who, {})[rnd] = (float(wall), float(cpu), int(rss))
p, g = runs["peer"], runs["gifkit"]
def med(side, i):
    return statistics.median(v[i] for v in side.values())
print()
print("| | wall s (median; min–max) | CPU s (median; min–max) | peak RSS MB (max) |")
print("|---|---:|---:|---:|")
for name, side in (("normalize-japanese-addresses 3.1.3", p), ("gifkit address normalize", g)):
    w = [v[0] for v in side.values()]; c = [v[1] for v in side.values()]
    print(f"| {name} | {med(side, 0):.2f} ({min(w):.2f}–{max(w):.2f}) | {med(side, 1):.2f} "
          f"({min(c):.2f}–{max(c):.2f}) | {max(v[2] for v in side.values()) / 1024:.0f} |")
ratios_w = [p[r][0] / max(g[r][0], 0.01) for r in p]
ratios_c = [p[r][1] / max(g[r][1], 0.01) for r in p]
print(f"\nratio peer / gifkit, per round: wall {', '.join(f'{x:.1f}' for x in ratios_w)}; "
      f"CPU {', '.join(f'{x:.1f}' for x in ratios_c)}")
print(f"ratio of the medians: wall {med(p, 0) / med(g, 0):.1f}×, CPU {med(p, 1) / med(g, 1):.1f}× "
      f"(target ≥ 20×)")
EOF

echo
echo "what each resolves (the last round's outputs):"
python3 "$nja/compare_levels.py" "$work/nja-gifkit.out" "$work/nja-peer.ndjson"
