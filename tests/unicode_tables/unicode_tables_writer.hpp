// unicode_tables_writer.hpp — writes grammars/text/unicode_tables_data.cpp,
// the Unicode facts of the build without ICU, from the ICU this machine has
// (generate_unicode_tables.cpp runs it; unit test unicode-tables-1.x checks
// the committed file is what it writes now).
#pragma once
#include <string>

namespace gifkit::tests {

// The text of grammars/text/unicode_tables_data.cpp, read from ICU.
std::string unicode_tables_source();

// How to write it anew: the command, for messages.
inline constexpr const char* kRegenerateCommand = "cmake --build build --target unicode-tables";

}  // namespace gifkit::tests
