#!/usr/bin/env bash
# run_latin_kana_bench.sh — measures grammars::judge_latin_name (Latin-letter
# names against their カナ) on ENAMDICT's own pairs: converts the installed
# dictionary (EUC-JP) to UTF-8 in a temporary file and runs bench_latin_kana on
# one core. Usage: bench/run_latin_kana_bench.sh [BUILD_DIR] [SHOW] [SETS]
set -euo pipefail
build=${1:-build}
show=${2:-0}
sets=${3:-abcde}
enamdict=${ENAMDICT:-/usr/share/edict/enamdict}
[ -r "$enamdict" ] || { echo "no ENAMDICT at $enamdict (apt-get install enamdict)" >&2; exit 2; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
iconv -f EUC-JP -t UTF-8 "$enamdict" > "$tmp"
taskset -c 0 "$build/bench/bench_latin_kana" "$tmp" "$show" "$sets"
