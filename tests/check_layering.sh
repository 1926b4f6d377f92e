#!/usr/bin/env bash
# check_layering.sh — fails when a lower layer includes a higher one
# (tools -> models -> registries -> grammars), when a room of registries/
# includes a room on its own level or above (docs/architecture.md "registries/"),
# and when a header of models/engine/lookups/ includes registries/.
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

# The engine's lookup interfaces are models' own: the headers of
# models/engine/lookups/ include nothing of registries/ (its implementation
# over a registry, models/session/session_lookup, converts registries' types).
if grep -rn --include='*.hpp' '#include "registries/' "$root/models/engine/lookups"; then
  echo "layering violation: a header of models/engine/lookups includes registries/" >&2
  status=1
fi

# The rooms of registries/ and their levels: a room includes only rooms of a
# lower level (audit/ above build/; build/ and diff/ above abr/ and houjin/, above moji/, above
# db/). A room not listed here is a violation too, so a new room gets a level.
declare -A registry_level=([db]=0 [moji]=1 [abr]=2 [houjin]=2 [build]=3 [diff]=3 [audit]=4)
while IFS= read -r hit; do  # file:line:#include "registries/ROOM/..."
  file="${hit%%:*}"
  from="${file#"$root"/registries/}"
  from="${from%%/*}"
  to="${hit#*#include \"registries/}"
  to="${to%%/*}"
  [ "$from" = "$to" ] && continue
  if [ -z "${registry_level[$from]+x}" ] || [ -z "${registry_level[$to]+x}" ]; then
    echo "$hit"
    echo "layering violation: registries/$from or registries/$to is not a room of the order" >&2
    status=1
  elif [ "${registry_level[$to]}" -ge "${registry_level[$from]}" ]; then
    echo "$hit"
    echo "layering violation: registries/$from (level ${registry_level[$from]}) includes" \
      "registries/$to (level ${registry_level[$to]})" >&2
    status=1
  fi
done < <(grep -rn --include='*.hpp' --include='*.cpp' '#include "registries/' "$root/registries")

[ $status = 0 ] && echo "layering: ok"
exit $status
