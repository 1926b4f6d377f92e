# targets.cmake — the list of fuzz targets and how each is configured, shared
# by fuzz/CMakeLists.txt (libFuzzer builds, clang) and fuzz/replay.cmake (the
# replay smoke tests, any compiler). Each target is fuzz/<name>.cpp defining
# LLVMFuzzerTestOneInput; its seed corpus is fuzz/corpus/<name>/.
set(GIFKIT_FUZZ_TARGETS
  fuzz_utf8
  fuzz_text_units
  fuzz_encoding
  fuzz_text_fold
  fuzz_address_fold
  fuzz_address_matcher
  fuzz_csv_reader
  fuzz_date
  fuzz_identifiers
  fuzz_contact
  fuzz_model_xml
  fuzz_validate_csv
  fuzz_chars_check
)
set(GIFKIT_FUZZ_SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}")

# Links executable `target` (built from fuzz target `name`) with what it tests
# and tells it where the models and the published data are.
function(gifkit_fuzz_configure target name)
  if(name STREQUAL "fuzz_model_xml" OR name STREQUAL "fuzz_validate_csv" OR
     name STREQUAL "fuzz_address_matcher")
    target_link_libraries(${target} PRIVATE gifkit_models)
  elseif(name STREQUAL "fuzz_chars_check")
    target_link_libraries(${target} PRIVATE gifkit_registries)
  else()
    target_link_libraries(${target} PRIVATE gifkit_grammars)
  endif()
  target_compile_definitions(${target} PRIVATE
    GIFKIT_FUZZ_MODELS_DIR="${GIFKIT_MODELS_DIR}"
    GIFKIT_FUZZ_DATA_DIR="${GIFKIT_DATA_DIR}")
endfunction()
