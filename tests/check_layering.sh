#!/usr/bin/env bash
# check_layering.sh — fails when a lower layer includes a higher one
# (tools -> models -> registries -> grammars).
set -u
root="$1"
status=0
check() {  # layer, forbidden include prefixes...
  local layer="$1"; shift
  for higher in "$@"; do
    if grep -rn --include='*.hpp' --include='*.cpp' "#include \"$higher/" "$root/$layer"; then
      echo "layering violation: $layer includes $higher" >&2
      status=1
    fi
  done
}
check grammars registries models tools
check registries models tools
check models tools
[ $status = 0 ] && echo "layering: ok"
exit $status
