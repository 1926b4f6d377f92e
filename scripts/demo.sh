#!/usr/bin/env bash
# demo.sh — the main job on real data: builds gifkit (Release) and runs it on
# the published data in ../shared/data (or $GIFKIT_DATA): the models against
# the official GIF XSD, real 法人番号 records of the National Tax Agency (UTF-8
# and Shift_JIS) validated, imported into a registry with the Address Base
# Registry of 文京区 (one file) and looked up, the character data (MJ, JIS X
# 0213, the NTA JIS縮退マップ) looked up, checked and shrunk, a municipal open
# dataset (CSV and .xlsx), the Digital Agency's example datasets ① ② ③ and a
# medical-style export transformed with a code table, and two months of a
# 公衆トイレ一覧 compared; the registry on a throw-away PostgreSQL server (push, update
# in place, reads, rollback) and gifkit serve asked over HTTP; the browser page built
# (build-browser/page) and its program run by Node.js on a real file.
#
# The build is the plain tree of scripts/build_tree.sh (build/, Release), which the
# tests share; what the demo writes goes to build/demo/. A step that fails says so:
# a configure or build that fails prints CMake's or the compiler's own last lines and
# what to do (exit 2); a run whose exit code is not the expected one is named, and the
# demo ends with "demo: FAILED" (exit 1). Warnings are errors only with GIFKIT_WERROR=ON.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/build_tree.sh
source scripts/build_tree.sh
data="${GIFKIT_DATA:-$(cd .. && pwd)/shared/data}"
if [ ! -d "$data/gif" ]; then
  echo "demo: published data not found at $data (set GIFKIT_DATA; see README.md)" >&2
  exit 2
fi
out="$plain_tree/demo"
mkdir -p "$out" 2>/dev/null || { echo "demo: cannot make the folder $out" >&2; exit 2; }
# A step of the build that failed: the first error and the lines after it (else the
# log's last lines), where the whole log is, and what to do; exit 2.
build_failed() {  # what failed, its log, what to do
  echo "demo: $1 failed. Its output, from the first error (all of it: $2):" >&2
  local first
  first=$(grep -n -m 1 -E '^FAILED:|[Ee]rror' "$2" | cut -d: -f1)
  if [ -n "$first" ]; then
    sed -n "$((first > 3 ? first - 3 : 1)),$((first + 40))p" "$2" >&2
  else
    tail -n 40 "$2" >&2
  fi
  echo "demo: $3" >&2
  exit 2
}
echo "demo: building gifkit ($plain_tree/, ${plain_tree_flags[*]}; the first build takes a few minutes)"
configure_tree "$plain_tree" "${plain_tree_flags[@]}" >"$out/configure.log" 2>&1 ||
  build_failed "configuring the build (cmake)" "$out/configure.log" \
    "a library or tool may be missing: run 'bash scripts/setup.sh' (as root, on Debian 12), then this demo again"
cmake --build "$plain_tree" --target gifkit python-module -j"$(nproc)" >"$out/build.log" 2>&1 ||
  build_failed "building gifkit" "$out/build.log" \
    "if the compiler turned a warning into an error (-Werror), build without it: GIFKIT_WERROR=OFF bash scripts/demo.sh; otherwise please report the lines above with the output of 'c++ --version'"
gifkit=$plain_tree/tools/gifkit
echo "\$ gifkit --version"
"$gifkit" --version || { echo "demo: the gifkit just built does not run" >&2; exit 2; }
export GIFKIT_DATA="$data"
status=0
run() {  # expected-exit, then the gifkit arguments
  local expected="$1"; shift
  echo
  echo "\$ gifkit $*"
  "$gifkit" "$@"
  local code=$?
  echo "(exit $code)"
  if [ "$code" != "$expected" ]; then
    echo "demo: expected exit $expected" >&2
    status=1
  fi
}
run 0 model list
run 0 model check
# GIF's releases (issue #34): a 2022 class against the 2025 one, a model in another ecosystem's
# form, the release and required pattern a file's header follows, a pattern it does not satisfy
run 0 model diff gif2022:Person gif:Person
run 0 model export gif:LegalEntity_MP02 -f json-schema -o $out/demo-legal-entity.schema.json
run 0 validate tests/e2e/data/persons_mp03.csv
run 1 validate --model gif:Person_MP01 tests/e2e/data/persons_mp03.csv
samples="$data/houjin/samples"
run 0 validate --model nta:houjin-csv --format github \
  "$samples/code4fukui_gBizINFO_diff_20210714_utf8.csv" \
  "$samples/code4fukui_gBizINFO_diff_20250311_sjis.csv" \
  "$samples/new-village_cnparser_31_tottori_test_20240329.csv"
registry=$out/demo-registry.sqlite
run 0 registry build --out "$registry" \
  "$samples/code4fukui_gBizINFO_diff_20210714_utf8.csv" \
  "$samples/code4fukui_gBizINFO_diff_20250311_sjis.csv" \
  "$data/abr/national" "$data/abr/bunkyo" "$data/abr/wakayama" "$data/abr/yakushima" \
  "$data/moji"
run 0 registry verify "$registry"
# The ABR's own consistency: 5 cities of 和歌山県 marked 住居表示 without 住居表示 rows, a 町字
# written twice, 町字 without a point, one 住居表示 point given twice (docs/registry.md)
run 1 registry audit "$registry" --max-errors 2
run 0 lookup corporation --registry "$registry" 1010001072706
run 0 lookup corporation --registry "$registry" --history --format ndjson 4010401114096
run 0 lookup corporation --registry "$registry" --name 建設 --open-only --limit 5
run 0 lookup corporation --registry "$registry" --furigana とうきょうますだ
run 0 lookup address --registry "$registry" --lg-code 131059 --machiaza-id 0001001
# Is a カナ a reading of the name? (the three name dictionaries scripts/setup.sh installs)
run 0 lookup reading "佐藤 花子" "サトウ ハナコ" "ＢＩＬＬＹ　ＪＯＥＬ" "ビリー　ジョエル"
run 1 lookup reading 田中 ワタナベ
run 0 lookup address --registry "$registry" --city 文京区 --town 本郷
run 0 address normalize --registry "$registry" --format text \
  "〒112-0001 東京都文京区白山一丁目２番３号" "文京区湯島２－６－２ 湯島ビル" "東京都文京区本郷七丁目"
# Every command that writes a result takes -o FILE, written atomically (docs/cli.md).
run 0 address normalize --registry "$registry" -o $out/demo-normalized.ndjson \
  "文京区湯島２－６－２ 湯島ビル" "東京都文京区本郷七丁目"
echo "\$ cat $out/demo-normalized.ndjson"
cat $out/demo-normalized.ndjson
run 1 validate --model gif:Address --registry "$registry" tests/e2e/data/address_registry.csv
run 1 validate --model gif:Address --registry "$registry" tests/e2e/data/address_one_line.csv
# The municipal standard datasets: a 公衆トイレ一覧 of 文京区 (its model chosen by header and
# file name) checked with the registry, then the same file as an Excel workbook.
run 1 validate --registry "$registry" tests/e2e/data/opendata/131059_public_toilet.csv
workbook=$out/131059_public_toilet.xlsx
/usr/bin/python3 - "$workbook" <<'PY'
import csv, sys, openpyxl
book = openpyxl.Workbook()
with open("tests/e2e/data/opendata/131059_public_toilet.csv", encoding="utf-8", newline="") as f:
    for row in csv.reader(f):
        book.active.append(row)
book.save(sys.argv[1])
PY
[ $? = 0 ] || { echo "demo: the workbook $workbook could not be written (python3-openpyxl: scripts/setup.sh)" >&2; status=1; }
run 1 validate --format ndjson --pick invalid-format,invalid-value "$workbook"
# Characters: the MJ / JIS / NTA data in the registry, looked up, checked, shrunk, and the
# name and address folds that use it.
run 0 lookup char --registry "$registry" 髙 "U+9089 U+E010F" MJ030196 1-94-20
run 0 lookup corporation --registry "$registry" --name 髙橋電化
run 0 lookup corporation --registry "$registry" --name 川崎いすゞ
run 0 address normalize --registry "$registry" --format text 和歌山県西牟娄郡白浜町
run 1 chars check --registry "$registry" tests/e2e/data/names_chars.csv
shrunk=$out/demo-names-shrunk.csv
run 1 chars shrink --registry "$registry" tests/e2e/data/names_chars.csv -o "$shrunk"
echo "\$ cat $shrunk $shrunk.review.csv"
cat "$shrunk" "$shrunk.review.csv"
run 1 validate --model gif:Person --registry "$registry" tests/e2e/data/persons_chars.csv
examples=tests/e2e/data
run 0 validate --model docs/examples/registration-model.xml "$examples/service1_split.csv"
run 0 validate --model docs/examples/registration-model.xml --format github "$examples/service2_combined.csv"
run 1 validate --model docs/examples/registration-model.xml --format github "$examples/service3_nonstandard.csv"
run 1 validate --model gif:LegalEntity --format github "$examples/corporations.csv"
run 0 validate "$examples/address_mp02_valid.xml"
# The report a steward reads and the gate a CI engineer tunes (docs/validate.md, "The gate"):
# findings grouped by code and column with the row's 法人番号, an html page, a GitLab Code Quality
# report; a share of rows tolerated, a baseline accepted and compared with.
run 1 validate --model gif:LegalEntity "$examples/corporations.csv"
run 1 validate --model gif:LegalEntity -f html -o $out/demo-report.html "$examples/corporations.csv"
ls -l $out/demo-report.html
run 1 validate --model gif:LegalEntity -f gitlab "$examples/corporations.csv"
run 0 validate --model gif:LegalEntity --max-error-rate all=50 --severity non-standard-item-name=warning \
  "$examples/corporations.csv"
run 1 validate --model gif:LegalEntity -f json -o $out/demo-accepted.json "$examples/corporations.csv"
run 0 validate --model gif:LegalEntity --baseline $out/demo-accepted.json "$examples/corporations.csv"
# Transform: service ③ (its own item names) into GIF form ①, then into the combined form ②,
# each change logged; the output validates.
transformed=$out/demo-service1.csv
run 0 transform "$examples/service3_nonstandard.csv" -m docs/examples/registration-model.xml \
  -o "$transformed" --log "$transformed.log.ndjson" --review "$transformed.review.csv"
echo "\$ cat $transformed $transformed.log.ndjson"
cat "$transformed" "$transformed.log.ndjson"
run 0 validate --model docs/examples/registration-model.xml "$transformed"
run 0 transform "$transformed" -m docs/examples/registration-model.xml --to combined -o -
# The medical-style example: dates written four ways, and a clinic's own test codes given the
# standard code beside them from its code table (named in a confirmed mapping file).
run 0 transform "$examples/transform/clinic.csv" -m "$examples/transform/clinic.xml" \
  --mapping "$examples/transform/clinic.mapping.json" -o -
# What changed between two months of a 公衆トイレ一覧: a toilet removed, one added, one
# changed, one changed only in width (fold-only with --fold width), columns renamed.
run 1 diff "$examples/diff/131059_public_toilet_2026-10.csv" \
  "$examples/diff/131059_public_toilet_2026-11.csv" --fold width
# The same people in two lists written two ways (髙/高, ﾀｶﾊｼ, 昭和45年, 2丁目1番地2号 = 2-1-2): each
# link with its explanation and rule; a family member and a namesake not linked; the 1:N for review.
run 0 link docs/examples/link/residents.csv docs/examples/link/applicants.csv -f text \
  --review $out/demo-link-review.csv
# What changed in the registry's 法人番号 data since 2025-03-01 (the change feed), and two
# registry builds compared: the 2021 diff alone, then the demo registry (2021 + 2025 + ABR +
# characters); the corporations part only, as CSV (a row a changed field), the first rows shown.
run 0 registry changes "$registry" --since 2025-03-01 --kind merged --pref 東京都
houjin_2021=$out/demo-houjin-2021.sqlite
rm -f "$houjin_2021"
run 0 registry build --out "$houjin_2021" "$samples/code4fukui_gBizINFO_diff_20210714_utf8.csv"
run 1 diff --registries "$houjin_2021" "$registry" --registry-part corporations -f csv \
  -o $out/demo-registry-diff.csv
head -4 $out/demo-registry-diff.csv
# A 法人 export with a stale address and a missing 法人番号: the registered address written in
# (--update-from-registry) with its codes from the ABR, the number found by name and address;
# exit 1: the addresses whose 町字 the demo registry lacks are listed for review.
run 1 transform "$examples/corporations_stale.csv" -m gif:LegalEntity --registry "$registry" \
  --update-from-registry -o - --review $out/demo-corporations.review.csv
cat $out/demo-corporations.review.csv
# The Python package (docs/python.md): the page's example, run as a notebook runs it, by
# Debian's python3 (the module's interpreter) with the build tree's package on its path.
echo
if [ -d "$plain_tree/python/gifkit" ]; then
  echo "\$ PYTHONPATH=$plain_tree/python python3 tests/python/run_doc_example.py docs/python.md"
  PYTHONPATH="$plain_tree/python" /usr/bin/python3 tests/python/run_doc_example.py docs/python.md ||
    { echo "demo: FAILED: the Python example of docs/python.md" >&2; status=1; }
  # `import gifkit` in python3 for this user, as `pip install --user -e .` would make it
  # (Debian's python3 refuses pip --user, PEP 668): a .pth file in the user's
  # site-packages naming the build tree's package, when python3 can load the module
  # (its extension suffix is the module's). Delete the file to undo (docs/python.md).
  module=$(ls "$plain_tree"/python/gifkit/_gifkit*.so 2>/dev/null | head -n 1)
  suffix=$(python3 -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))' 2>/dev/null)
  site=$(python3 -m site --user-site 2>/dev/null)
  if [ -n "$module" ] && [ -n "$suffix" ] && [ "${module%"$suffix"}" != "$module" ] && [ -n "$site" ]; then
    mkdir -p "$site" && echo "$PWD/$plain_tree/python" > "$site/gifkit-build.pth"
    echo "demo: python3 imports gifkit from $plain_tree/python for this user ($site/gifkit-build.pth; delete it to undo)"
    toilets=../shared/data/opendata-real/municipal/yaizu-city_222127_public_toilet.csv
    echo "\$ python3 -c \"import gifkit; print(gifkit.validate('$toilets').valid)\""
    python3 -c "import gifkit; print(gifkit.validate('$toilets').valid)" ||
      { echo "demo: FAILED: import gifkit in python3" >&2; status=1; }
  else
    echo "demo: python3 ($(python3 --version 2>&1)) cannot load $module: PYTHONPATH=$plain_tree/python /usr/bin/python3"
  fi
else
  echo "demo: the Python package was not built: $(grep -m 1 "Python module is not built" "$out/configure.log" "$out/build.log" | cut -d: -f2-)"
fi
# The shared deployment (docs/postgresql.md): a throw-away PostgreSQL server on 127.0.0.1
# (tests/e2e/pg_server.py, as the unprivileged gifkit-pg when run as root), the 2021 build
# pushed to it, the 2025 diff applied there in place, the demo registry pushed over it, read
# back, pushed again --packed --jobs 2 (its 地番 and 住居表示 tables unpacked by the server; two
# tables copied at once) and read back, a rollback; the server stopped and removed afterwards. The password is in PGPASSWORD.
pgwork=$out/demo-pg
python3 tests/e2e/pg_server.py --stage start --work "$pgwork" >"$out/demo-pg.log" 2>&1
pg_started=$?
if [ $pg_started = 0 ]; then
  trap 'python3 tests/e2e/pg_server.py --stage stop --work "$pgwork" >/dev/null' EXIT
  read -r pgserver PGPASSWORD < <(python3 -c 'import json, sys
p = json.load(open(sys.argv[1]))["primary"]
print("postgresql://%s@%s:%s/%s" % (p["user"], p["host"], p["port"], p["dbname"]), p["password"])' \
    "$pgwork/pg.json")
  export PGPASSWORD
  run 0 registry push "$houjin_2021" "$pgserver" --schema registry_2021
  run 0 registry update "$pgserver" "$samples/code4fukui_gBizINFO_diff_20250311_sjis.csv"
  run 0 lookup corporation --registry "$pgserver" --history 1010401096288
  run 0 registry push "$registry" "$pgserver" --schema registry_demo
  run 0 lookup corporation --registry "$pgserver" --name 建設 --open-only --limit 5
  run 0 address normalize --registry "$pgserver" --format text "文京区湯島２－６－２ 湯島ビル"
  run 0 diff --registries "$registry" "$pgserver"
  run 0 registry push "$registry" "$pgserver" --schema registry_packed --packed --jobs 2
  run 0 address reverse --registry "$pgserver" 35.7101 139.7576 --limit 3
  run 0 registry rollback "$pgserver"
  run 0 registry info "$pgserver"
  python3 tests/e2e/pg_server.py --stage stop --work "$pgwork" >/dev/null
  trap - EXIT
  unset PGPASSWORD
elif [ $pg_started = 77 ]; then
  echo
  echo "demo: the shared deployment's steps are left out: $(tail -n 1 "$out/demo-pg.log")"
  echo "demo: (scripts/setup.sh installs PostgreSQL's server programs)"
else
  echo
  echo "demo: the throw-away PostgreSQL server did not start (exit $pg_started):" >&2
  tail -n 20 "$out/demo-pg.log" >&2
  status=1
fi
# The service: gifkit serve on a free loopback port, asked over HTTP, stopped with SIGTERM.
echo
echo "\$ gifkit serve --registry $registry --port 0 &"
"$gifkit" serve --registry "$registry" --port 0 2>$out/demo-serve.log &
server=$!
for _ in $(seq 200); do grep -q "listening on" $out/demo-serve.log && break; sleep 0.05; done
head -1 $out/demo-serve.log
base=$(sed -n 's|.*listening on \(http://127.0.0.1:[0-9]*\)/.*|\1|p' $out/demo-serve.log)
ask() {  # expected-status, then curl's arguments after the URL's path
  local expected="$1" path="$2"; shift 2
  echo "\$ curl $* '$base$path'"
  local code
  code=$(curl -s -o $out/demo-answer.json -w '%{http_code}' "$@" "$base$path")
  head -c 600 $out/demo-answer.json; echo " (status $code)"
  if [ "$code" != "$expected" ]; then echo "demo: expected status $expected" >&2; status=1; fi
}
if [ -n "$base" ]; then
  ask 200 /v1/corporations/1010001072706
  ask 200 "/v1/corporations?numbers=1010001072706,4000012090001"
  ask 200 /health
  ask 200 "/v1/corporations?name=%E9%AB%99%E6%A9%8B%E9%9B%BB%E5%8C%96&limit=3"
  ask 400 /v1/corporations/1010001072707
  ask 200 "/v1/addresses/normalize?q=%E6%96%87%E4%BA%AC%E5%8C%BA%E7%99%BD%E5%B1%B1%E4%B8%80%E4%B8%81%E7%9B%AE1-1"
  ask 200 /v1/addresses/normalize --data-binary @"$data/addresses/schools-input.txt" -H 'Content-Type: text/plain'
  ask 200 /v1/characters/%E9%AB%99
  ask 200 "/v1/validate?filename=corporations.csv" --data-binary @"$examples/corporations.csv"
  ask 422 "/v1/validate?filename=unknown.csv" --data-binary $'名称,緯度,経度\nA,35.7,139.7\n'
  ask 200 "/v1/changes?since=2025-03-01&kind=merged&limit=3"
  ask 200 /v1/registry
else
  echo "demo: gifkit serve did not start" >&2; status=1
fi
kill -TERM "$server" 2>/dev/null; wait "$server"; echo "(gifkit serve exit $?)"
# The page (docs/browser.md): gifkit compiled to WebAssembly in build-browser/page, which
# a steward opens from the disk and drops a file on. Here its program is run by Node.js on
# a real file and must give the command's verdict; the tests run the page in Chromium.
echo
echo "\$ build the page: build-browser/page (emscripten)"
if build_browser_tree "$browser_tree" >"$out/browser-build.log" 2>&1; then
  tail -n 1 "$out/browser-build.log"
  toilets=../shared/data/opendata-real/municipal/yaizu-city_222127_public_toilet.csv
  echo "\$ node tools/browser/node_run.js $browser_tree/page/gifkit.js validate $toilets"
  node tools/browser/node_run.js "$browser_tree/page/gifkit.js" \
    validate "$toilets" >"$out/browser-validate.txt" 2>&1
  page_code=$?
  tail -n 4 "$out/browser-validate.txt"
  "$gifkit" validate "$toilets" >/dev/null 2>&1
  cli_code=$?
  echo "(the page's program: exit $page_code; the command: exit $cli_code)"
  [ "$page_code" = "$cli_code" ] || { echo "demo: FAILED: the page's verdict is not the command's" >&2; status=1; }
  echo "demo: open file://$PWD/$browser_tree/page/index.html and drop a file on it (docs/browser.md)"
else
  tail -n 20 "$out/browser-build.log"
  echo "demo: FAILED: the page (build-browser) could not be built: $out/browser-build.log" >&2; status=1
fi
echo
if [ $status = 0 ]; then echo "demo: every run ended as expected"; else echo "demo: FAILED"; fi
exit $status
