#!/usr/bin/env bash
# check_layering.sh — fails when a lower layer includes a higher one
# (tools -> models -> registries -> grammars), when a room of a floor includes a
# room on its own level or above (the orders below: docs/architecture.md), and
# when a header of models/engine/lookups/ includes registries/.
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
# over a registry, models/session/session_lookup, converts registries' types)
# but two plain values with no reader attached, the registry's own types:
# the one corporation type (registries/houjin/lookup/corporation.hpp:
# RegisteredCorporation is it) and why an address match stopped
# (registries/abr/match_stop.hpp: AddressStop is it).
if grep -rn --include='*.hpp' '#include "registries/' "$root/models/engine/lookups" |
  grep -v -e '#include "registries/houjin/lookup/corporation.hpp"' \
    -e '#include "registries/abr/match_stop.hpp"'; then
  echo "layering violation: a header of models/engine/lookups includes registries/" >&2
  status=1
fi

# One door to each registry (registries/session/): tools/ and models/ read a
# registry through a session's readers, never through registries/db/ — but
# the registry-administration commands (build, update, push, rollback, info,
# verify: tools/commands/registry_*, and registry info's view), which write a
# registry or show its tables as they are.
if grep -rn --include='*.hpp' --include='*.cpp' '#include "registries/db/' \
  "$root/tools" "$root/models" |
  grep -v -e "^$root/tools/commands/registry_" -e "^$root/tools/output/registry_info_view\."; then
  echo "layering violation: registries/db/ included outside the registry commands" \
    "(read a registry through registries/session/)" >&2
  status=1
fi

# The rooms of a floor (or of a room's folders) and their levels: a room
# includes only rooms of a lower level, never one beside it or above
# (docs/architecture.md "The rooms of each floor"). A room not listed is a
# violation too, so a new room gets a level. check_rooms DIR ROOM=LEVEL…:
# the rooms are DIR's folders; a file directly in DIR is the room "top".
check_rooms() {
  local dir="$1"; shift
  local -A level=()
  local pair hit file from to
  for pair in "$@"; do level[${pair%%=*}]=${pair#*=}; done
  while IFS= read -r hit; do  # file:line:#include "DIR/ROOM/..."
    file="${hit%%:*}"
    from="${file#"$root"/"$dir"/}"
    case "$from" in */*) from="${from%%/*}" ;; *) from=top ;; esac
    to="${hit#*#include \"$dir/}"
    case "$to" in */*) to="${to%%/*}" ;; *) to=top ;; esac
    [ "$from" = "$to" ] && continue
    if [ -z "${level[$from]+x}" ] || [ -z "${level[$to]+x}" ]; then
      echo "$hit"
      echo "layering violation: $dir/$from or $dir/$to is not a room of the order" >&2
      status=1
    elif [ "${level[$to]}" -ge "${level[$from]}" ]; then
      echo "$hit"
      echo "layering violation: $dir/$from (level ${level[$from]}) includes" \
        "$dir/$to (level ${level[$to]})" >&2
      status=1
    fi
  done < <(grep -rn --include='*.hpp' --include='*.cpp' "#include \"$dir/" "$root/$dir")
}

# grammars/: UTF-8 and the folds of text; the lexical dictionaries and the small
# tables they are read from (over text's folds); the values people write (dates
# and eras, identifiers, contacts, addresses' folds and numbers: over the
# dictionaries); the readers and writers of files (CSV, xlsx, zip, encodings,
# the atomic file: an .xlsx date cell is read with values' dates).
check_rooms grammars text=0 dictionaries=1 values=2 io=3
# registries/: session/ (the one door: a session, its readers, which version
# is current) and audit/ above builder/; builder/ and diff/ above abr/ and
# houjin/, above moji/, above db/.
check_rooms registries db=0 moji=1 abr=2 houjin=2 builder=3 diff=3 audit=4 session=4
# registries/houjin/'s folders: the NTA's columns under the lookup by number,
# under the name index (which answers with corporations) and the change feed,
# under the importers (which build the name index), under registry update.
check_rooms registries/houjin columns=0 lookup=1 names=2 changes=2 import=3 update=4
# models/: the adapter of a registry session to the engine's lookups over the engine.
check_rooms models engine=0 session=1
# models/engine/: the report model; the models and the lookup interfaces; reading
# a dataset and binding its header; the checks; the tools as library functions.
check_rooms models/engine report=0 model=1 lookups=1 dataset=2 checks=3 \
  validate=4 transform=4 diff=4 link=4 export=4 chars=4
# tools/: result formats; the report writers; the command framework and its
# option groups (tools/*.cpp: "top"); the service; the commands; the Python
# module, which runs the commands in its process.
check_rooms tools output=0 report=1 top=2 serve=3 commands=4 python=5 browser=5
# tools/serve/: the HTTP room (the connection engine, the request framing,
# gifkit's request and answer, the route table and the one adapter to the HTTP
# library) under the service (tools/serve/*.cpp: "top"; its routes, bodies and
# answers).
check_rooms tools/serve http=0 top=1

# The HTTP library (cpp-httplib) is tools/serve/http/'s alone: nothing else
# includes httplib.h; the routes read and write gifkit's own request and
# answer (tools/serve/http/exchange.hpp), which the adapter converts.
for dir in grammars registries models tools tests fuzz bench; do
  [ -d "$root/$dir" ] || continue
  if grep -rnE --include='*.hpp' --include='*.cpp' --include='*.h' \
      '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]httplib\.h[>"]' "$root/$dir" |
      grep -v "^$root/tools/serve/http/"; then
    echo "layering violation: only tools/serve/http/ includes httplib.h" >&2
    status=1
  fi
done

[ $status = 0 ] && echo "layering: ok"
exit $status
