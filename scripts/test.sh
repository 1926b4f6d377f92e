#!/usr/bin/env bash
# test.sh — builds gifkit and runs its tests with ctest: every test, once (unit,
# fuzz replays, end-to-end). --sanitize builds in build-asan with ASan+UBSan instead
# and runs the `quick` suite there (the unit tests, the fuzz replays and the quick
# end-to-end set: tests/e2e/CMakeLists.txt, "Labels"); `--sanitize full` runs every
# test under the sanitizers. --build-only builds and stops. Other labels: ctest -L
# full|pg|browser.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build
flags=()
selection=()
build_only=no
for arg in "$@"; do
  case "$arg" in
    --sanitize)
      build=build-asan
      flags=(-DGIFKIT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
      selection=(-L quick) ;;
    full) selection=() ;;
    --build-only) build_only=yes ;;
    *) echo "test.sh: unknown argument $arg (expected --sanitize [full], --build-only)" >&2
       exit 2 ;;
  esac
done
jobs=$(nproc 2>/dev/null || echo 2)
started=$SECONDS
cmake -S . -B "$build" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$build" -j"$jobs"
built=$SECONDS
if [ "$build_only" = yes ]; then
  echo "test.sh $*: build $((built - started)) s"
  exit 0
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build" --output-on-failure -j"$jobs" "${selection[@]}"
echo "test.sh $*: build $((built - started)) s, ctest $((SECONDS - built)) s"
