# browser.cmake — what the browser build (GIFKIT_BROWSER: configured with emscripten's
# toolchain, docs/browser.md) links in place of Debian's libraries, under the same target
# names the floors link natively, so their CMakeLists.txt change only where a library has
# no browser build at all:
# - header-only libraries (Boost's Spirit X3, CLI11, nlohmann/json, toml++) and libpq's
#   headers (its library is opened with dlopen, which fails in the browser: "no PostgreSQL
#   client") are Debian's own headers, seen through a folder of links so that no other
#   host header is on the path;
# - SQLite (the registry file a person opens) and libxml2 (the models, .xlsx parts, XML
#   Schema patterns) are compiled from their sources, which scripts/browser_sources.sh
#   takes from the npm registry at pinned versions, checksummed;
# - ICU, libzip, zlib and OpenSSL are replaced by gifkit's own code in grammars/;
#   cpp-httplib and libxlsxwriter are not in it (no `serve`, no .xlsx output).
set(GIFKIT_BROWSER_SOURCES "${CMAKE_BINARY_DIR}/browser_sources" CACHE PATH
    "Where scripts/browser_sources.sh put (or puts) SQLite's and libxml2's sources")
if(NOT EXISTS "${GIFKIT_BROWSER_SOURCES}/complete")
  message(STATUS "Fetching SQLite's and libxml2's sources: scripts/browser_sources.sh")
  execute_process(COMMAND bash "${PROJECT_SOURCE_DIR}/scripts/browser_sources.sh"
                          "${GIFKIT_BROWSER_SOURCES}" RESULT_VARIABLE _sources_result)
  if(NOT _sources_result EQUAL 0)
    message(FATAL_ERROR "The browser build needs SQLite's and libxml2's sources: "
                        "bash scripts/browser_sources.sh DIR, then -DGIFKIT_BROWSER_SOURCES=DIR")
  endif()
endif()

# Debian's header-only libraries, linked one by one into a folder of the build tree.
set(_host_headers "${CMAKE_BINARY_DIR}/host_headers")
file(MAKE_DIRECTORY "${_host_headers}")
foreach(_entry boost CLI nlohmann toml++ postgresql/libpq-fe.h postgresql/postgres_ext.h
               postgresql/pg_config_ext.h)
  get_filename_component(_name "${_entry}" NAME)
  if(NOT EXISTS "/usr/include/${_entry}")
    message(FATAL_ERROR "/usr/include/${_entry} not found: bash scripts/setup.sh installs "
                        "libboost-dev libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libpq-dev")
  endif()
  file(CREATE_LINK "/usr/include/${_entry}" "${_host_headers}/${_name}" SYMBOLIC)
endforeach()
foreach(_target Boost::boost CLI11::CLI11 nlohmann_json::nlohmann_json)
  add_library(${_target} INTERFACE IMPORTED)
  set_target_properties(${_target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_host_headers}")
endforeach()
set(LIBPQ_INCLUDE_DIRS "${_host_headers}")

# C++ exceptions are caught (emscripten's default is to abort on a throw): by emscripten's
# JavaScript emulation (js), or by WebAssembly's own exception handling (wasm: faster, for
# browsers since 2021 — Chrome 95, Firefox 100, Safari 15.2).
set(GIFKIT_BROWSER_EXCEPTIONS js CACHE STRING "C++ exceptions in the browser build: js or wasm")
set_property(CACHE GIFKIT_BROWSER_EXCEPTIONS PROPERTY STRINGS js wasm)
if(GIFKIT_BROWSER_EXCEPTIONS STREQUAL "wasm")
  add_compile_options(-fwasm-exceptions)
  add_link_options(-fwasm-exceptions)
else()
  add_compile_options(-fexceptions)
  add_link_options(-fexceptions)
endif()
# The module's own file system: the models and the published data the checks read are
# embedded there (tools/browser/CMakeLists.txt), from GIFKIT_PUBLISHED_DATA at build time.
set(GIFKIT_PUBLISHED_DATA "${GIFKIT_DATA_DIR}" CACHE PATH
    "The published data (laid out like ../shared/data) whose files the page embeds")
set(GIFKIT_MODELS_DIR "/gifkit/models")
set(GIFKIT_DATA_DIR "/gifkit/data")

# Third-party C: compiled without gifkit's warnings (they are not ours to fix).
enable_language(C)
set(_third_party_options -w -O2)

add_library(gifkit_browser_sqlite STATIC "${GIFKIT_BROWSER_SOURCES}/sqlite3/sqlite3.c")
target_include_directories(gifkit_browser_sqlite SYSTEM PUBLIC "${GIFKIT_BROWSER_SOURCES}/sqlite3")
target_compile_options(gifkit_browser_sqlite PRIVATE ${_third_party_options})
# One thread, no extensions loaded from files; R*Tree for the reverse geocoder's index.
target_compile_definitions(gifkit_browser_sqlite PRIVATE SQLITE_THREADSAFE=0
  SQLITE_OMIT_LOAD_EXTENSION SQLITE_ENABLE_RTREE SQLITE_DEFAULT_MEMSTATUS=0 SQLITE_DQS=0)
set_target_properties(gifkit_browser_sqlite PROPERTIES UNITY_BUILD OFF)
add_library(SQLite::SQLite3 ALIAS gifkit_browser_sqlite)

# libxml2: its features as gifkit uses them (tree, reader, regexps, XML Schemas), the
# rest off; xmlversion.h written from its own template, config.h from cmake/browser/.
set(_libxml2 "${GIFKIT_BROWSER_SOURCES}/libxml2")
set(_libxml2_generated "${CMAKE_BINARY_DIR}/browser_libxml2")
set(VERSION 2.9.12)
set(LIBXML_VERSION_NUMBER 20912)
set(LIBXML_VERSION_EXTRA "")
foreach(_feature TREE OUTPUT PUSH READER PATTERN WRITER SAX1 VALID XPATH XPTR XINCLUDE
                 REGEXPS SCHEMAS ISO8859X)
  set(WITH_${_feature} 1)
endforeach()
foreach(_feature TRIO THREADS THREAD_ALLOC FTP HTTP HTML LEGACY C14N CATALOG DOCB ICONV ICU
                 DEBUG MEM_DEBUG RUN_DEBUG SCHEMATRON MODULES ZLIB LZMA)
  set(WITH_${_feature} 0)
endforeach()
set(MODULE_EXTENSION ".so")
configure_file("${_libxml2}/include/libxml/xmlversion.h.in"
               "${_libxml2_generated}/libxml/xmlversion.h" @ONLY)
configure_file("${PROJECT_SOURCE_DIR}/cmake/browser/libxml2_config.h"
               "${_libxml2_generated}/config.h" COPYONLY)
set(_libxml2_sources)
foreach(_name buf c14n catalog chvalid debugXML dict encoding entities error globals hash
              HTMLparser HTMLtree legacy list nanoftp nanohttp parser parserInternals pattern
              relaxng SAX SAX2 schematron threads tree uri valid xinclude xlink xmlIO
              xmlmemory xmlmodule xmlreader xmlregexp xmlsave xmlschemas xmlschemastypes
              xmlstring xmlunicode xmlwriter xpath xpointer)
  list(APPEND _libxml2_sources "${_libxml2}/${_name}.c")
endforeach()
add_library(gifkit_browser_libxml2 STATIC ${_libxml2_sources})
target_include_directories(gifkit_browser_libxml2 SYSTEM PUBLIC "${_libxml2_generated}"
                           "${_libxml2}/include")
target_include_directories(gifkit_browser_libxml2 PRIVATE "${_libxml2}")
target_compile_definitions(gifkit_browser_libxml2 PUBLIC LIBXML_STATIC)
target_compile_options(gifkit_browser_libxml2 PRIVATE ${_third_party_options})
set_target_properties(gifkit_browser_libxml2 PROPERTIES UNITY_BUILD OFF)
add_library(LibXml2::LibXml2 ALIAS gifkit_browser_libxml2)
