#!/usr/bin/env bash
# test.sh — builds gifkit and runs every test once, with ctest (the README's test
# command, and CI's). Two build trees share the tests, each running the suite it is
# built for (the labels: tests/e2e/CMakeLists.txt, "Labels"):
#   build-asan/  ASan+UBSan, Debug, the programs the tests run (target test-programs:
#                gifkit, the unit tests, the fuzz replays; not the benchmarks): the
#                `quick` suite — the unit tests, the fuzz replays, the layering check
#                and the quick end-to-end set — so those run under the sanitizers;
#   build/       the plain build (Release, GCC), only what the rest needs (the gifkit
#                binary): the `full` suite — the other end-to-end cases, their
#                PostgreSQL twins, the browser, the install tree. It is the demo's
#                tree too (scripts/build_tree.sh, the same flags): the demo after
#                this script, as CI runs it, builds nothing here again.
#   build-browser/  the browser build (emscripten, Release; docs/browser.md): the page,
#                built by the plain part before its tree, opened in Chromium by e2e 71.x.
# `quick` and `full` split the tests in two, so every test runs once. The two trees
# are built and tested at the same time; the sanitizer tree is compiled at the lowest
# CPU priority, so it takes what the plain tree leaves (its tests wait on servers and
# disks much of the time) and does not slow the plain tree down.
#
#   test.sh                    both trees, every test once (above)
#   test.sh --plain            the plain tree only: every target, every test
#   test.sh --sanitize [full]  the sanitizer tree only: the quick suite (full: every test)
#   test.sh ... --build-only   build the tree(s) of the mode and stop
# Warnings are errors when GIFKIT_WERROR=ON is set (CI, developers: docs/development.md).
# Exit 0 when every build and test passed, 1 when one failed, 2 on a bad argument.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/build_tree.sh
source scripts/build_tree.sh
mode=both
sanitize_full=no
build_only=no
for arg in "$@"; do
  case "$arg" in
    --plain) mode=plain ;;
    --sanitize) mode=sanitize ;;
    full) sanitize_full=yes ;;
    --build-only) build_only=yes ;;
    --part=plain | --part=sanitize) mode=${arg#--part=} part=yes ;;
    *) echo "test.sh: unknown argument $arg (expected --plain, --sanitize [full], --build-only)" >&2
       exit 2 ;;
  esac
done
jobs=$(nproc 2>/dev/null || echo 2)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# One tree: configure, build (the targets given, or all), then ctest with the selection.
# build_and_test DIR "CMAKE FLAGS" "TARGETS" "CTEST SELECTION" [nice]
build_and_test() {
  local dir=$1 flags=$2 targets=$3 selection=$4 priority=${5:-0} started=$SECONDS
  local target_args=()
  for target in $targets; do target_args+=(--target "$target"); done
  # shellcheck disable=SC2086 # flags and selection are lists of words
  configure_tree "$dir" $flags >/dev/null
  nice -n "$priority" cmake --build "$dir" -j"$jobs" "${target_args[@]}"
  local built=$SECONDS
  if [ "$build_only" = yes ]; then
    echo "test.sh: $dir: build $((built - started)) s"
    return 0
  fi
  # shellcheck disable=SC2086
  ctest --test-dir "$dir" --output-on-failure -j"$jobs" $selection
  echo "test.sh: $dir: build $((built - started)) s, ctest $((SECONDS - built)) s"
}

sanitize_flags="-DGIFKIT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug"
# The sanitizer tree is compiled with clang and linked with lld when they are installed
# (scripts/setup.sh installs them): a third less compile time than GCC for this Debug
# build, and its many test programs link in seconds (docs/performance.md, "CI time").
# A tree configured before with another compiler is configured again from scratch.
if command -v clang++ >/dev/null 2>&1 && command -v ld.lld >/dev/null 2>&1; then
  sanitize_flags+=" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DGIFKIT_LINKER=lld"
  if [ -f build-asan/CMakeCache.txt ] &&
     ! grep -q '^CMAKE_CXX_COMPILER:[A-Z]*=.*clang++' build-asan/CMakeCache.txt; then
    rm -rf build-asan/CMakeCache.txt build-asan/CMakeFiles
  fi
fi
case "$mode" in
  plain)
    # The page first (the browser tree): the plain tree's e2e 71.x open it in Chromium,
    # and fail, saying so, when it could not be built.
    build_browser_tree "$browser_tree" ||
      echo "test.sh: the browser tree $browser_tree FAILED to build: e2e 71.x will fail" >&2
    if [ "${part:-no}" = yes ]; then
      build_and_test "$plain_tree" "${plain_tree_flags[*]}" "gifkit python-module" "-L full"
    else
      build_and_test "$plain_tree" "${plain_tree_flags[*]}" "" ""
    fi ;;
  sanitize)
    if [ "${part:-no}" = yes ]; then
      build_and_test build-asan "$sanitize_flags" test-programs "-L quick" 19
    elif [ "$sanitize_full" = yes ]; then
      build_and_test build-asan "$sanitize_flags" "" ""
    else
      build_and_test build-asan "$sanitize_flags" test-programs "-L quick"
    fi ;;
  both)
    # Each part in a process group of its own (stopped with its compilers and tests
    # when this script ends early), its lines prefixed with its tree, its exit status
    # kept in a file (a background pipeline's status is sed's). The groups come from
    # job control (set -m), not setsid: a new session is a new scheduling autogroup
    # on Linux (sched(7)), and between autogroups CPU is shared evenly whatever the
    # nice value, so the sanitizer tree's nice 19 took half the CPU from the plain
    # tree (docs/performance.md, "CI time", round 7). In one session, nice 19 means
    # it takes what the plain tree leaves.
    set -m
    results=$(mktemp -d)
    trap 'for f in "$results"/*.group; do kill -- -"$(cat "$f")" 2>/dev/null || true; done
          rm -rf "$results"' EXIT
    extra=$([ "$build_only" = yes ] && echo --build-only || true)
    for part in plain sanitize; do
      # shellcheck disable=SC2016 # expanded by the inner bash
      bash -c 'echo $$ > "$4/$2.group"; bash "$1" --part="$2" $3; echo $? > "$4/$2"' \
        _ "$PWD/scripts/test.sh" "$part" "$extra" "$results" 2>&1 | sed -u "s/^/[$part] /" &
    done
    wait
    failed=0
    for part in plain sanitize; do
      status=$(cat "$results/$part" 2>/dev/null || echo 1)
      if [ "$status" != 0 ]; then
        echo "test.sh: the $part tree FAILED (exit $status)" >&2
        failed=1
      fi
    done
    exit "$failed" ;;
esac
