#!/usr/bin/env bash
# miller_transform.sh — the baseline of the transform benchmarks: Miller doing the
# simpler part of `gifkit transform -m gif:LegalEntity` on a gen_transform_csv.py file
# (the header renames and the slash dates written as ISO 8601), CSV to standard output.
# The one definition of that job, run by run_transform_bench.sh and guard.py.
# Usage: bench/miller_transform.sh INPUT.csv
set -euo pipefail
renames='法人番号（13桁）,法人番号,名称,商号または名称,フリガナ,商号または名称（カナ）,設立日,設立年月日'
renames+=',市区町村,市区町村（郡）,番地,番地以下,電話番号,連絡先電話番号,ホームページ,WebサイトURL'
slash_date='if ($設立年月日 =~ "^([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})$") {
  $設立年月日 = "\1-" . (strlen("\2") == 1 ? "0" : "") . "\2" . "-" . (strlen("\3") == 1 ? "0" : "") . "\3"
}'
exec mlr --icsv --ocsv rename "$renames" then put "$slash_date" "$1"
