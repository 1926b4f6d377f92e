#!/usr/bin/env bash
# setup.sh — installs every Debian package gifkit needs to build, test and benchmark.
# Run as root (or with sudo) on Debian 12. Safe to run again.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
PACKAGES=(
  build-essential cmake ninja-build pkg-config clang-format
  libboost-dev libxml2-dev libxml2-utils libsqlite3-dev sqlite3
  libcli11-dev catch2 nlohmann-json3-dev libicu-dev libzip-dev libssl-dev
  libcpp-httplib-dev libxlsxwriter-dev libbenchmark-dev time python3 python3-jsonschema
  python3-openpyxl chromium chromium-driver fonts-ipafont-gothic
  dpkg-dev  # dpkg-shlibdeps: the .deb's Depends (cpack, docs/install.md)
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
