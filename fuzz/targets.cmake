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

# The fuzz targets whose code is in the models' library, the registries'.
set(GIFKIT_FUZZ_MODELS_TARGETS fuzz_model_xml fuzz_validate_csv fuzz_address_matcher
  fuzz_validate_xml fuzz_baseline fuzz_chars_check fuzz_mapping)
set(GIFKIT_FUZZ_REGISTRIES_TARGETS fuzz_houjin_xml fuzz_houjin_csv)

# A target whose code is in the command's library (tools/): the replay test links
# that library; the libFuzzer build compiles only SOURCES (paths under tools/) and
# what they call, instrumented, with LIBRARIES, rather than the whole command.
function(gifkit_fuzz_tools_sources target)
  cmake_parse_arguments(PARSE_ARGV 1 _f "" "" "SOURCES;LIBRARIES")
  if(target MATCHES "^replay_")
    target_link_libraries(${target} PRIVATE gifkit_tools)
    return()
  endif()
  list(TRANSFORM _f_SOURCES PREPEND "${PROJECT_SOURCE_DIR}/tools/")
  target_sources(${target} PRIVATE ${_f_SOURCES})
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${target} PRIVATE ${_f_LIBRARIES})
endfunction()

# Links executable `target` (built from fuzz target `name`) with what it tests
# and tells it where the models and the published data are.
function(gifkit_fuzz_configure target name)
  if(name IN_LIST GIFKIT_FUZZ_MODELS_TARGETS)
    target_link_libraries(${target} PRIVATE gifkit_models)
  elseif(name IN_LIST GIFKIT_FUZZ_REGISTRIES_TARGETS)
    target_link_libraries(${target} PRIVATE gifkit_registries)
  elseif(name STREQUAL "fuzz_gate_config")
    # The reader: tools/gate_options.cpp (toml++), its text: tools/toml_text.cpp.
    gifkit_fuzz_tools_sources(${target} SOURCES gate_options.cpp toml_text.cpp
      LIBRARIES gifkit_models CLI11::CLI11)
  elseif(name STREQUAL "fuzz_serve_request")
    gifkit_fuzz_tools_sources(${target}
      SOURCES serve/request_body.cpp serve/http/request_framing.cpp serve/http/error_text.cpp
              serve/http/exchange.cpp serve/http_answers.cpp output/json_text.cpp
      LIBRARIES gifkit_grammars nlohmann_json::nlohmann_json)
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
