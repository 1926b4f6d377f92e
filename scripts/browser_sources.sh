#!/usr/bin/env bash
# browser_sources.sh — the C sources the browser build compiles that Debian does not ship:
# SQLite's amalgamation and libxml2, taken from the npm registry (the one place besides
# Debian this project downloads from), each from a pinned package version whose tarball's
# SHA-256 is checked before anything is unpacked. Native builds use Debian's libsqlite3
# and libxml2 and never run this. Usage: browser_sources.sh DIR (cmake/browser.cmake runs
# it when DIR has no sources yet; run it by hand to fill DIR once for offline builds).
#   DIR/sqlite3/{sqlite3.c,sqlite3.h}   SQLite 3.53.2, from better-sqlite3 12.11.1 (deps/)
#   DIR/libxml2/                        libxml2 2.9.12, from libxmljs 1.0.11 (vendor/)
set -euo pipefail
dir="${1:?usage: browser_sources.sh DIR}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
if [ -f "$dir/complete" ]; then exit 0; fi
command -v npm >/dev/null 2>&1 || {
  echo "browser_sources.sh: npm not found (apt-get install npm, or bash scripts/setup.sh)" >&2
  exit 2
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# package@version  sha256 of its tarball
packages=(
  "better-sqlite3@12.11.1 ebf0ed75a7a59dbcb3b24bbd014ef49d9f15bc328e4adcbf516f2a8fadfa2835"
  "libxmljs@1.0.11 7edf4ed3ff528688352fdd7dc9d9a596f0cba206c369a302375cbb6f0e93ab14"
)
for entry in "${packages[@]}"; do
  spec="${entry%% *}"
  want="${entry##* }"
  tarball="$(cd "$work" && npm pack --silent --ignore-scripts "$spec" 2>/dev/null | tail -n 1)"
  if [ -z "$tarball" ] || [ ! -f "$work/$tarball" ]; then
    echo "browser_sources.sh: npm pack $spec failed (is the npm registry reachable?)" >&2
    exit 2
  fi
  got="$(sha256sum "$work/$tarball" | cut -d' ' -f1)"
  if [ "$got" != "$want" ]; then
    echo "browser_sources.sh: $spec: SHA-256 $got, expected $want: not unpacked" >&2
    exit 2
  fi
  mkdir -p "$work/${spec%%@*}"
  tar -xzf "$work/$tarball" -C "$work/${spec%%@*}"
done
rm -rf "$dir/sqlite3" "$dir/libxml2"
mkdir -p "$dir/sqlite3"
cp "$work/better-sqlite3/package/deps/sqlite3/sqlite3.c" \
  "$work/better-sqlite3/package/deps/sqlite3/sqlite3.h" "$dir/sqlite3/"
cp -r "$work/libxmljs/package/vendor/libxml2" "$dir/libxml2"
echo "better-sqlite3@12.11.1 libxmljs@1.0.11" > "$dir/complete"
echo "browser_sources.sh: SQLite and libxml2 sources in $dir"
