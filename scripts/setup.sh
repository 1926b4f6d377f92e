#!/usr/bin/env bash
# setup.sh — installs every Debian package gifkit needs to build, test and benchmark.
# Run as root (or with sudo) on Debian 12. Safe to run again.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
PACKAGES=(
  build-essential cmake ninja-build pkg-config clang-format
  clang lld  # the sanitizer tree of scripts/test.sh: compiled with clang, linked with lld
  libboost-dev libxml2-dev libxml2-utils libsqlite3-dev sqlite3
  libcli11-dev catch2 nlohmann-json3-dev libicu-dev libzip-dev libssl-dev
  libtomlplusplus-dev  # gifkit.toml, the gate settings of validate (tools/gate_options.cpp)
  libcpp-httplib-dev libxlsxwriter-dev libbenchmark-dev time mawk python3 python3-jsonschema
  python3-openpyxl chromium chromium-driver fonts-ipafont-gothic
  dpkg-dev  # dpkg-shlibdeps: the .deb's Depends (cpack, docs/install.md)
  postgresql libpq-dev  # the registry on PostgreSQL (issue #14) and its test servers
  pre-commit git python3-yaml  # the pre-commit hook and the GitHub Action's test (ci_e2e.py)
  naist-jdic-utf8  # persons' names with their readings: validate's name-reading-mismatch
  enamdict  # ENAMDICT (EDRDG, CC BY-SA 4.0): family, given, full and foreign names, the same check
  unidic-mecab  # UniDic's lex.csv (BSD/GPL/LGPL): its 人名 姓/名, the same check
  python3-rdflib  # e2e 46.x: the JSON-LD context of gifkit model export, read by rdflib
  pybind11-dev python3-dev  # the Python package gifkit (tools/python/, docs/python.md)
  python3-pytest python3-pandas  # its tests, and its findings as a DataFrame
  python3-venv python3-pip python3-setuptools  # `pip install .` of the package (its test)
  emscripten  # the browser build (tools/browser/, docs/browser.md): the page's WebAssembly
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
new_postgresql=no
if [[ " ${missing[*]} " == *" postgresql "* ]]; then new_postgresql=yes; fi
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Test-only npm tools (tests/e2e/package.json: daff, whose `daff patch` the diff
# tests apply gifkit's Tabular Diff Format output with, and the diff benchmark's
# baseline; tableschema, rdf-validate-shacl and n3, which read gifkit model
# export's Table Schema and SHACL in e2e 46.x), into tests/e2e/node_modules, as
# the lock file pins them.
e2e="$(cd "$(dirname "$0")/../tests/e2e" && pwd)"
if ! command -v npm >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
if [ ! -x "$e2e/node_modules/.bin/daff" ] || [ ! -d "$e2e/node_modules/rdf-validate-shacl" ] ||
  [ "$e2e/package-lock.json" -nt "$e2e/node_modules" ]; then
  (cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi
# PostgreSQL: the tests start their own throw-away servers (tests/e2e/pg_server.py),
# on loopback, from a temporary folder. The Debian package's own cluster is never used:
# it is not started at boot (start.conf "manual"), and the one a first install here has
# just started (where services start) is stopped. initdb and postgres refuse to run as
# root, so the tests run them as the unprivileged gifkit-pg.
for conf in /etc/postgresql/*/*/start.conf; do
  if [ -f "$conf" ] && grep -qx auto "$conf"; then
    $SUDO sed -i 's/^auto$/manual/' "$conf"
  fi
done
if [ "$new_postgresql" = yes ] && command -v pg_lsclusters >/dev/null; then
  pg_lsclusters -h | while read -r version name _ status _; do
    if [[ "$status" == online* ]]; then $SUDO pg_ctlcluster "$version" "$name" stop; fi
  done
fi
if [ "$(id -u)" = 0 ] && ! getent passwd gifkit-pg >/dev/null; then
  useradd --system --no-create-home --shell /usr/sbin/nologin gifkit-pg
fi
