# packaging.cmake — `cmake --install` rules (GNUInstallDirs) and the CPack
# Debian package (docs/install.md). The layout the binary expects at run time:
#   bin/gifkit, share/gifkit/models/**, share/doc/gifkit/ (the docs)
# The published data (../shared/data) is never installed nor packaged.

install(TARGETS gifkit RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The models as data: model.xsd, gif/, sources/, opendata/, dictionaries/ —
# everything in models/ but the engine's sources and the build file.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/models/
  DESTINATION ${CMAKE_INSTALL_DATADIR}/gifkit/models
  PATTERN engine EXCLUDE
  PATTERN CMakeLists.txt EXCLUDE)
# The user guide, with the report schema and the example models it links to.
file(GLOB _gifkit_docs ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${_gifkit_docs}
  ${PROJECT_SOURCE_DIR}/docs/report.schema.json
  DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/examples DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gifkit)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "gifkit")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "validate and transform Japanese public data against the GIF data models")
set(CPACK_PACKAGE_INSTALL_DIRECTORY gifkit)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "gifkit maintainers <gifkit@example.org>")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Depends computed from the binary's shared libraries (dpkg-shlibdeps, in
# dpkg-dev): libsqlite3-0, libxml2, libicu72, libzip4, libstdc++6, ...
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
