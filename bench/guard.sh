#!/usr/bin/env bash
# guard.sh — the regression guard: builds the previous release of gifkit in a
# worktree, then runs the headline benchmarks for it and for HEAD alternately on
# the same inputs, each beside its baseline (mawk, Miller, iconv, daff, nginx),
# and prints one table of ratios (bench/guard.py). A figure more than 10 % worse
# than the previous release is printed as a REGRESSION and the exit status is 1.
#
# Usage: bench/guard.sh [PREVIOUS [BUILD_DIR]]
#   PREVIOUS   a git revision (default: the newest release tag v* that is not
#              HEAD; in a clone without tags, the commit that added the newest
#              "## vX.Y.Z" heading to CHANGELOG.md)
#   BUILD_DIR  HEAD's build tree (default build/; its gifkit target is built)
# Env: GUARD_WORK (default BUILD_DIR/guard: the worktree, its build, the inputs),
#      GUARD_ROUNDS (5), GUARD_ROWS (1000000: validate and transform),
#      GUARD_DIFF_ROWS (20000: daff is slow), GUARD_CHARS_COPIES (12),
#      GUARD_SERVE_SECONDS (5), GUARD_NATION_ROUNDS (2: a build of the nation is
#      minutes), GUARD_NATION_SCALE (0.05), GUARD_ONLY (a comma list of benchmark
#      names: validate, transform, chars, normalize, diff, serve, nation-build).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="$(realpath -m "${2:-$root/build}")"
work="$(realpath -m "${GUARD_WORK:-$build/guard}")"
mkdir -p "$work"

# The previous release: a tag, or the CHANGELOG heading's commit.
previous_release() {
  local tag
  tag=$(git -C "$root" tag --list 'v*' --sort=-version:refname --no-contains HEAD | head -n 1)
  if [ -z "$tag" ]; then
    tag=$(git -C "$root" tag --list 'v*' --sort=-version:refname | head -n 1)
    [ -n "$tag" ] && [ "$(git -C "$root" rev-parse "$tag^{commit}")" = "$(git -C "$root" rev-parse HEAD)" ] &&
      tag=$(git -C "$root" tag --list 'v*' --sort=-version:refname | sed -n 2p)
  fi
  if [ -n "$tag" ]; then echo "$tag"; return; fi
  local heading commit
  heading=$(grep -m 1 -o '^## v[0-9][0-9.]*' "$root/CHANGELOG.md" | cut -c4-) || true
  [ -n "$heading" ] || { echo "guard.sh: no release tag and no '## vX.Y.Z' in CHANGELOG.md" >&2; exit 2; }
  commit=$(git -C "$root" log --format=%H -S"## $heading " -- CHANGELOG.md | tail -n 1)
  [ -n "$commit" ] || { echo "guard.sh: no commit adds '## $heading' to CHANGELOG.md" >&2; exit 2; }
  echo "$commit"
}
previous="${1:-$(previous_release)}"
sha=$(git -C "$root" rev-parse --verify "$previous^{commit}" 2>/dev/null) ||
  { echo "guard.sh: $previous is no revision of this repository" >&2; exit 2; }
name=$(git -C "$root" describe --tags --exact-match "$sha" 2>/dev/null || echo "${sha:0:7}")

# HEAD's tree as it is configured (scripts/test.sh and scripts/demo.sh make build/ a Release
# build), or a new one of that type; the previous release is built the same way.
[ -f "$build/CMakeCache.txt" ] ||
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGIFKIT_WERROR=OFF >/dev/null
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")

# The previous release's binary: a detached worktree and its own build, kept for next time.
# Without -Werror: a release's code meets the warnings of the compiler it was made with, and
# GCC 12 at -O3 fails v0.5.0 on a false -Wfree-nonheap-object.
tree="$work/previous-${sha:0:12}"
if [ ! -x "$tree/build/tools/gifkit" ]; then
  git -C "$root" worktree prune
  [ -d "$tree" ] || git -C "$root" worktree add --detach "$tree" "$sha" >/dev/null
  echo "guard.sh: building $name (${sha:0:7}, ${build_type:-default}) in $tree/build" >&2
  cmake -S "$tree" -B "$tree/build" -G Ninja "-DCMAKE_BUILD_TYPE=${build_type}" -DGIFKIT_WERROR=OFF >/dev/null
  cmake --build "$tree/build" --target gifkit >"$work/previous-build.log" 2>&1 ||
    { tail -n 30 "$work/previous-build.log" >&2; echo "guard.sh: the build of $name failed" >&2; exit 2; }
fi
echo "guard.sh: building HEAD in $build" >&2
cmake --build "$build" --target gifkit >"$work/head-build.log" 2>&1 ||
  { tail -n 30 "$work/head-build.log" >&2; echo "guard.sh: the build of HEAD failed" >&2; exit 2; }

head_name="HEAD $(git -C "$root" rev-parse --short HEAD)"
[ -z "$(git -C "$root" status --porcelain --untracked-files=no)" ] || head_name+="+changes"
exec python3 "$here/guard.py" --previous "$tree/build/tools/gifkit" --previous-name "$name" \
  --head "$build/tools/gifkit" --head-name "$head_name" --work "$work" \
  --data "${GIFKIT_DATA:-$root/../shared/data}"
