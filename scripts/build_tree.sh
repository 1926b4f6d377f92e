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

# The plain tree: the demo's build, and the tests' plain tree (the `full` suite).
plain_tree=build
plain_tree_flags=(-DCMAKE_BUILD_TYPE=Release)

configure_tree() {
  local dir=$1
  shift
  local generator=()
  if [ ! -f "$dir/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then
    generator=(-G Ninja)
  fi
  cmake -S . -B "$dir" "${generator[@]}" -DGIFKIT_WERROR="${GIFKIT_WERROR:-OFF}" "$@"
}
