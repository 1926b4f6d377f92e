# rooms.cmake — the room each test covers, as its ctest label room:NAME (the list of rooms:
# tests/rooms.txt; docs/architecture.md, "tests/ — the suites"). Included from
# tests/CMakeLists.txt, before any test is added:
#   GIFKIT_ROOMS                       the names of tests/rooms.txt, in its order
#   gifkit_source_room(FILE VAR)       VAR = the room of a unit test or fuzz target source,
#                                      its one line `// room: NAME`
#   gifkit_check_test_rooms()          every test of the current directory has exactly one
#                                      label room:NAME of a listed room (the last line of
#                                      each CMakeLists.txt that adds tests)
# Each fails the configure naming the file or the test.
set(GIFKIT_ROOMS_FILE ${CMAKE_CURRENT_LIST_DIR}/rooms.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${GIFKIT_ROOMS_FILE})
file(STRINGS ${GIFKIT_ROOMS_FILE} _gifkit_room_lines ENCODING UTF-8 REGEX "^[^# \t]")
set(GIFKIT_ROOMS)
foreach(_line IN LISTS _gifkit_room_lines)
  string(REGEX MATCH "^[^ \t]+" _room "${_line}")
  if(NOT _room MATCHES "^[a-z][a-z0-9-]*$" OR _room MATCHES "quick|full|pg|browser")
    message(FATAL_ERROR "tests/rooms.txt: bad room name '${_room}' (lower case, digits and "
      "dashes, never quick, full, pg or browser)")
  endif()
  foreach(_other IN LISTS GIFKIT_ROOMS)
    string(FIND "${_room}" "${_other}" _at_room)
    string(FIND "${_other}" "${_room}" _at_other)
    if(_at_room EQUAL 0 OR _at_other EQUAL 0)
      message(FATAL_ERROR "tests/rooms.txt: '${_room}' and '${_other}': a room name may not "
        "begin another (ctest -L room:${_other} would select both)")
    endif()
  endforeach()
  list(APPEND GIFKIT_ROOMS ${_room})
endforeach()

function(gifkit_source_room file var)
  file(STRINGS ${file} _lines ENCODING UTF-8 REGEX "^// room: ")
  list(LENGTH _lines _count)
  file(RELATIVE_PATH _where ${PROJECT_SOURCE_DIR} ${file})
  if(NOT _count EQUAL 1)
    message(FATAL_ERROR "${_where}: ${_count} lines '// room: NAME', expected one at the top "
      "of the file (a room of tests/rooms.txt)")
  endif()
  string(REGEX REPLACE "^// room: *([^ ]*) *$" "\\1" _room "${_lines}")
  if(NOT _room IN_LIST GIFKIT_ROOMS)
    message(FATAL_ERROR "${_where}: room '${_room}' is not in tests/rooms.txt")
  endif()
  set(${var} ${_room} PARENT_SCOPE)
endfunction()

function(gifkit_check_test_rooms)
  get_property(_tests DIRECTORY PROPERTY TESTS)
  foreach(_test IN LISTS _tests)
    get_test_property(${_test} LABELS _labels)
    set(_rooms)
    foreach(_label IN LISTS _labels)
      if(_label MATCHES "^room:(.*)$")
        list(APPEND _rooms ${CMAKE_MATCH_1})
        if(NOT CMAKE_MATCH_1 IN_LIST GIFKIT_ROOMS)
          message(FATAL_ERROR "test ${_test}: room '${CMAKE_MATCH_1}' is not in tests/rooms.txt")
        endif()
      endif()
    endforeach()
    list(LENGTH _rooms _count)
    if(NOT _count EQUAL 1)
      message(FATAL_ERROR "test ${_test}: ${_count} room labels (${_rooms}), expected exactly "
        "one: the room it covers (tests/rooms.txt)")
    endif()
  endforeach()
endfunction()
