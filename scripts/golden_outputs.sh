#!/usr/bin/env bash
# golden_outputs.sh — runs one gifkit binary over a fixed set of real inputs and writes every
# output, so that two binaries can be compared for a change that must not change behaviour (a
# structural move): validate (json, text, json with a registry) of every dataset of
# tests/e2e/data/ and ../shared/data/opendata-real/, transform of the municipal files (with and
# without a registry, with the log and the review list), diff, registry audit and chars check.
# Times, versions, the output folder and the checkout's folder are masked, so two runs of one
# binary write the same, and two checkouts (worktrees) of one project compare.
#
# Usage: scripts/golden_outputs.sh GIFKIT OUT_DIR [REGISTRY]
#   REGISTRY  a registry file for the runs that take one (default: build/demo/demo-registry.sqlite,
#             which the demo builds); give both runs the same file.
# Then: diff -r OUT_BEFORE OUT_AFTER   (no output: the same behaviour on these inputs)
set -u
[ $# -ge 2 ] || { echo "usage: $0 GIFKIT OUT_DIR [REGISTRY]" >&2; exit 2; }
root="$(cd "$(dirname "$0")/.." && pwd)"
bin=$(realpath "$1")
out=$(realpath -m "$2")
reg=$(realpath "${3:-$root/build/demo/demo-registry.sqlite}")
[ -x "$bin" ] || { echo "$0: $1 is not a program" >&2; exit 2; }
[ -f "$reg" ] || { echo "$0: no registry at $reg (run scripts/demo.sh, or give one)" >&2; exit 2; }
data="$root/../shared/data"
e2e="$root/tests/e2e/data"
rm -rf "$out"
mkdir -p "$out/work"
mask() {
  sed -E -e "s#$out#OUT#g" -e "s#$root/#ROOT/#g" \
    -e 's/"(elapsed|seconds|duration|time|generated|started|took|version|gifkit_version|timestamp)[a-z_]*": *("[^"]*"|[0-9.e+-]+)/"\1":X/g' \
    -e 's/[0-9]+(\.[0-9]+)? ?(ms|s)\b/T/g'
}
runs=0
run() {  # name, then gifkit's arguments: NAME.out, NAME.err, NAME.rc
  local name="$1" f
  shift
  runs=$((runs + 1))
  (cd "$out/work" && "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err"; echo "$?" >"$out/$name.rc")
  for f in "$out/$name.out" "$out/$name.err"; do mask <"$f" >"$f.m" && mv "$f.m" "$f"; done
}
for f in "$e2e"/*.csv "$e2e"/*.xml "$data"/opendata-real/*/*.csv "$e2e"/transform/*.csv \
  "$e2e"/diff/*.csv $(find "$data/opendata-real" -name '*.xlsx'); do
  [ -f "$f" ] || continue
  b=$(basename "$(dirname "$f")")-$(basename "$f")
  run "v-$b-json" validate -f json "$f"
  run "v-$b-text" validate "$f"
  run "v-$b-reg" validate -f json --registry "$reg" "$f"
done
for f in "$data"/opendata-real/municipal/*.csv; do
  b=$(basename "$f")
  run "t-$b" transform "$f" -o "$out/work/t-$b" --log "$out/work/t-$b.log" \
    --review "$out/work/t-$b.review.csv"
  run "tr-$b" transform "$f" --registry "$reg" -o "$out/work/tr-$b" --log "$out/work/tr-$b.log" \
    --review "$out/work/tr-$b.review.csv"
done
t="$e2e/transform"
run t-clinic transform "$t/clinic.csv" -m "$t/clinic.xml" --mapping "$t/clinic.mapping.json" \
  -o "$out/work/clinic.out.csv" --log "$out/work/clinic.log"
toilets="$e2e/diff/131059_public_toilet_2026"
run d-text diff "$toilets-10.csv" "$toilets-11.csv"
run d-json diff -f json "$toilets-10.csv" "$toilets-11.csv"
run d-csv diff -f csv "$data/opendata-real/municipal/yaizu-city_222127_aed.csv" \
  "$data/opendata-real/municipal/yaizu-city_222127_preschool.csv"
run a-text registry audit "$reg"
run a-json registry audit -f json "$reg"
run c-check chars check --charset jisx0208 "$data/opendata-real/municipal/ishikawa-pref_170003_tourism.csv"
for f in "$out"/work/*; do [ -f "$f" ] && mask <"$f" >"$f.m" && mv "$f.m" "$f"; done
echo "golden_outputs: $runs runs of $bin into $out"
