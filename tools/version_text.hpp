// version_text.hpp — what `gifkit --version` prints: the version and the build
// (build_info.hpp: commit, build type, compiler, sanitizers), then the optional
// parts as this run finds them — the PostgreSQL client library (loaded only when a
// registry on a server is opened), the NAIST-jdic name dictionary (validate's
// name-reading-mismatch), and the models and published-data folders a command
// run without --models/--data would read (runtime_dirs.hpp). A bug report pastes it.
#pragma once
#include <iosfwd>

namespace gifkit::tools {

// Writes the version text: the first line is "gifkit X.Y.Z", each next one a
// "part  what was found" line.
void write_version(std::ostream& out);

}  // namespace gifkit::tools
