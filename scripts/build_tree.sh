# build_tree.sh — sourced by scripts/demo.sh and scripts/test.sh: how a build tree of
# gifkit is configured, in one place, so that the demo and the tests share the plain
# tree (build/, Release) and CI builds it once (.ci/run runs the tests, then the demo).
#
#   configure_tree DIR [CMAKE FLAGS…]   configures DIR (the source is this checkout)
#
# Warnings are errors only when GIFKIT_WERROR=ON is in the environment: CI sets it
# (.ci/run), and so do developers (docs/development.md); a user's build never fails
# on a warning that another compiler version adds. A tree configured before keeps its
# generator (a `cmake -B build` by hand makes Makefiles); a new one is made for Ninja.

# The plain tree: the demo's build, and the tests' plain tree (the `full` suite), whose
# browser tests (e2e 71.x) open the browser tree's page.
plain_tree=build
browser_tree=build-browser
plain_tree_flags=(-DCMAKE_BUILD_TYPE=Release "-DGIFKIT_BROWSER_PAGE=$PWD/$browser_tree/page")

configure_tree() {
  local dir=$1
  shift
  local generator=()
  if [ ! -f "$dir/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then
    generator=(-G Ninja)
  fi
  cmake -S . -B "$dir" "${generator[@]}" -DGIFKIT_WERROR="${GIFKIT_WERROR:-OFF}" "$@"
}

# The browser tree (docs/browser.md): the same sources configured with emscripten's
# toolchain (Debian's emscripten ships its C and C++ libraries built, in its cache), built
# into DIR/page.
#   build_browser_tree DIR [nice]
build_browser_tree() {
  local dir=$1 priority=${2:-0} started=$SECONDS
  if ! command -v emcmake >/dev/null 2>&1; then
    echo "the browser build needs emscripten: bash scripts/setup.sh" >&2
    return 2
  fi
  local generator=()
  if [ ! -f "$dir/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then
    generator=(-G Ninja)
  fi
  emcmake cmake -S . -B "$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DGIFKIT_WERROR="${GIFKIT_WERROR:-OFF}" >/dev/null &&
    nice -n "$priority" cmake --build "$dir" -j"$(nproc 2>/dev/null || echo 2)" --target gifkit_browser &&
    echo "browser tree $dir: built in $((SECONDS - started)) s: $dir/page/index.html"
}
