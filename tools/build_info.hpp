// build_info.hpp — what this binary is: its version and the build it came from,
// written into build_info.cpp by cmake/build_info.cmake at every build (the commit
// changes without a new configure). `gifkit --version` prints it with the optional
// parts found at run time (version_text.hpp); reports and the service name the version.
#pragma once
#include <string_view>

namespace gifkit::tools {

struct BuildInfo {
  std::string_view version;     // project(gifkit VERSION …): "0.5.0"
  std::string_view commit;      // "41825f0abcde", "…-dirty", or "unknown (…)"
  std::string_view build_type;  // CMAKE_BUILD_TYPE: Release, RelWithDebInfo, Debug
  std::string_view compiler;    // "GNU 12.2.0", "Clang 14.0.6"
  std::string_view sanitizers;  // "address, undefined" or "none"
};

const BuildInfo& build_info();

}  // namespace gifkit::tools
