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
  fuzz_zip_archive
  fuzz_xlsx_reader
  fuzz_houjin_xml
  fuzz_serve_request
  fuzz_mapping
  fuzz_baseline
  fuzz_gate_config
  fuzz_validate_xml
  fuzz_houjin_csv
)
set(GIFKIT_FUZZ_SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}")

# Links executable `target` (built from fuzz target `name`) with what it tests
# and tells it where the models and the published data are.
function(gifkit_fuzz_configure target name)
  if(name STREQUAL "fuzz_model_xml" OR name STREQUAL "fuzz_validate_csv" OR
     name STREQUAL "fuzz_address_matcher")
    target_link_libraries(${target} PRIVATE gifkit_models)
  elseif(name STREQUAL "fuzz_validate_xml" OR name STREQUAL "fuzz_baseline")
    target_link_libraries(${target} PRIVATE gifkit_models)
  elseif(name STREQUAL "fuzz_gate_config")
    # The reader lives in the command's library (tools/gate_options.cpp, toml++); the
    # libFuzzer build compiles that one file, instrumented.
    if(target MATCHES "^replay_")
      target_link_libraries(${target} PRIVATE gifkit_tools)
    else()
      target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/tools/gate_options.cpp
        ${PROJECT_SOURCE_DIR}/tools/toml_text.cpp)
      target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR})
      target_link_libraries(${target} PRIVATE gifkit_models CLI11::CLI11)
    endif()
  elseif(name STREQUAL "fuzz_houjin_xml" OR name STREQUAL "fuzz_houjin_csv")
    target_link_libraries(${target} PRIVATE gifkit_registries)
  elseif(name STREQUAL "fuzz_chars_check" OR name STREQUAL "fuzz_mapping")
    target_link_libraries(${target} PRIVATE gifkit_models)
  elseif(name STREQUAL "fuzz_serve_request")
    # The replay test links the command's library; the libFuzzer build
    # compiles only the files it feeds (and what they call), instrumented,
    # rather than the whole command.
    if(target MATCHES "^replay_")
      target_link_libraries(${target} PRIVATE gifkit_tools)
    else()
      target_sources(${target} PRIVATE
        ${PROJECT_SOURCE_DIR}/tools/serve/request_body.cpp
        ${PROJECT_SOURCE_DIR}/tools/serve/http/request_framing.cpp
        ${PROJECT_SOURCE_DIR}/tools/serve/http/error_text.cpp
        ${PROJECT_SOURCE_DIR}/tools/serve/http/exchange.cpp
        ${PROJECT_SOURCE_DIR}/tools/serve/http_answers.cpp
        ${PROJECT_SOURCE_DIR}/tools/output/json_text.cpp)
      target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR})
      target_link_libraries(${target} PRIVATE gifkit_grammars nlohmann_json::nlohmann_json)
    endif()
  elseif(name STREQUAL "fuzz_xlsx_reader")
    # libzip writes the workbook's parts into a zip.
    target_link_libraries(${target} PRIVATE gifkit_grammars PkgConfig::LIBZIP)
  else()
    target_link_libraries(${target} PRIVATE gifkit_grammars)
  endif()
  target_compile_definitions(${target} PRIVATE
    GIFKIT_FUZZ_MODELS_DIR="${GIFKIT_MODELS_DIR}"
    GIFKIT_FUZZ_DATA_DIR="${GIFKIT_DATA_DIR}")
endfunction()
