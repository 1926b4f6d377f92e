#!/usr/bin/env bash
# package_check.sh — the installed tool works (CI's last phase, .ci/run): makes the Debian
# package of the plain tree (build/, which scripts/demo.sh built) with CPack, installs it
# on this machine with apt-get (so its Depends must resolve), and runs the installed
# /usr/bin/gifkit from an empty folder, with GIFKIT_MODELS and GIFKIT_DATA unset and the
# published data given with --data: --version, model check, a validate, a registry build
# and an address normalize. The package is removed afterwards. Needs root (apt-get, dpkg);
# it replaces an installed gifkit package, so it is for CI's fresh machine, not a desk.
# Exit 0 when every check passed, 1 when one failed, 2 when it could not run.
set -uo pipefail
cd "$(dirname "$0")/.."
tree=build
data="$(realpath -m "${GIFKIT_DATA:-../shared/data}")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "package_check: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "package_check: needs root (apt-get install, dpkg -r)" >&2; exit 2; }
[ -x "$tree/tools/gifkit" ] || { echo "package_check: no $tree/tools/gifkit: run scripts/demo.sh first" >&2; exit 2; }
[ -d "$data/gif" ] || { echo "package_check: no published data at $data" >&2; exit 2; }

version=$(sed -n 's/^project(gifkit VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
cpack --config "$tree/CPackConfig.cmake" -G DEB -B "$work/deb" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack -G DEB"; }
deb=$(ls "$work"/deb/gifkit_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || fail "cpack made no gifkit_*.deb in $work/deb"
echo "package_check: $(basename "$deb"): $(dpkg-deb -f "$deb" Depends)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log" >&2; fail "apt-get install $(basename "$deb")"; }
trap 'dpkg -r gifkit >/dev/null 2>&1; rm -rf "$work"' EXIT
[ "$(dpkg-query -W -f='${Version}' gifkit)" = "$version" ] || fail "the installed package is not version $version"

# The installed binary, as a user runs it: another folder, no GIFKIT_* variables.
mkdir -p "$work/run"
cd "$work/run" || exit 2
unset GIFKIT_MODELS GIFKIT_DATA
gifkit=/usr/bin/gifkit
step() {  # expected-exit, then the arguments; its output in $work/out, $work/err
  local expected=$1
  shift
  echo "\$ gifkit $*"
  "$gifkit" "$@" >"$work/out" 2>"$work/err"
  local code=$?
  head -n 12 "$work/out"
  if [ "$code" != "$expected" ]; then
    cat "$work/err" >&2
    fail "gifkit $*: exit $code, expected $expected"
  fi
}
expect() {  # what, file, text it must hold
  grep -qF -- "$3" "$2" || { cat "$2" >&2; fail "$1: no '$3'"; }
}
step 0 --version
expect "--version" "$work/out" "gifkit $version"
expect "--version: the installed models" "$work/out" "/usr/share/gifkit/models"
step 0 model check --data "$data"
expect "model check" "$work/out" "0 mismatches"
step 0 validate --data "$data" --model nta:houjin-csv \
  "$data/houjin/samples/code4fukui_gBizINFO_diff_20210714_utf8.csv"
if grep -q "skipped" "$work/err"; then cat "$work/err" >&2; fail "validate --data: a check was skipped"; fi
step 0 registry build --data "$data" --out "$work/registry.sqlite" "$data/abr/national" "$data/abr/bunkyo"
step 0 address normalize --data "$data" --registry "$work/registry.sqlite" --format ndjson \
  "東京都文京区本郷七丁目3-1"
expect "address normalize" "$work/out" '"lg_code":"131059"'
# The installed Python package (docs/python.md), by Debian's python3, from the same folder.
if [ -f /usr/lib/python3/dist-packages/gifkit/__init__.py ]; then
  echo "\$ python3 -c 'import gifkit; …'"
  # -s: the installed package, not one a user's site-packages names (the demo's .pth).
  /usr/bin/python3 -s - "$data" "$work/registry.sqlite" >"$work/out" 2>"$work/err" <<'PY' ||
import sys, gifkit
report = gifkit.validate(sys.argv[1] + "/houjin/samples/code4fukui_gBizINFO_diff_20210714_utf8.csv",
                         model="nta:houjin-csv", data=sys.argv[1])
print("valid", report.valid, gifkit.__file__)
print(gifkit.normalize(["東京都文京区本郷七丁目3-1"], sys.argv[2], data=sys.argv[1])[0]["lg_code"])
PY
    { cat "$work/err" >&2; fail "import gifkit (the installed package)"; }
  cat "$work/out"
  expect "gifkit.validate (installed)" "$work/out" "valid True /usr/lib/python3/dist-packages/gifkit/__init__.py"
  expect "gifkit.normalize (installed)" "$work/out" "131059"
else
  fail "the package has no Python module (/usr/lib/python3/dist-packages/gifkit)"
fi
echo "package_check: the installed gifkit $version ran every step"
