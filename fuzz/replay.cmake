# replay.cmake — the fuzz targets as ordinary tests, for any compiler (no
# libFuzzer): replay_<target> is the target's source with fuzz/replay_main.cpp,
# and the test fuzz-replay.<target> runs it over fuzz/corpus/<target>/, so the
# seeds and every crash input ever added there keep passing. Included from
# tests/CMakeLists.txt:  include(${PROJECT_SOURCE_DIR}/fuzz/replay.cmake)
# A target that needs the shared data (fuzz_address_matcher: the ABR files)
# exits 77 without it, and the test is reported as skipped.
# replay_main.cpp is compiled once (an object library) and linked into each.
include(${CMAKE_CURRENT_LIST_DIR}/targets.cmake)

add_library(gifkit_replay_main OBJECT ${GIFKIT_FUZZ_SOURCE_DIR}/replay_main.cpp)
foreach(_gifkit_fuzz_target IN LISTS GIFKIT_FUZZ_TARGETS)
  add_executable(replay_${_gifkit_fuzz_target}
    ${GIFKIT_FUZZ_SOURCE_DIR}/${_gifkit_fuzz_target}.cpp
    $<TARGET_OBJECTS:gifkit_replay_main>)
  gifkit_fuzz_configure(replay_${_gifkit_fuzz_target} ${_gifkit_fuzz_target})
  add_dependencies(test-programs replay_${_gifkit_fuzz_target})
  add_test(NAME fuzz-replay.${_gifkit_fuzz_target}
    COMMAND replay_${_gifkit_fuzz_target} ${GIFKIT_FUZZ_SOURCE_DIR}/corpus/${_gifkit_fuzz_target})
  # Its room: the line `// room: NAME` of the target's source (tests/rooms.txt).
  gifkit_source_room(${GIFKIT_FUZZ_SOURCE_DIR}/${_gifkit_fuzz_target}.cpp _gifkit_fuzz_room)
  set_tests_properties(fuzz-replay.${_gifkit_fuzz_target} PROPERTIES SKIP_RETURN_CODE 77
    LABELS "quick;room:${_gifkit_fuzz_room}")
endforeach()
