// cp932_table_writer.hpp — writes grammars/io/cp932_table_data.cpp, the CP932
// double-byte pairs of the build without a CP932 iconv, from this machine's
// glibc iconv (generate_cp932_table.cpp runs it; unit test cp932-table-1.x
// checks the committed file is what it writes now).
#pragma once
#include <string>

namespace gifkit::tests {

// The text of grammars/io/cp932_table_data.cpp, read from glibc iconv.
std::string cp932_table_source();

// How to write it anew: the command, for messages.
inline constexpr const char* kRegenerateCp932Command = "cmake --build build --target cp932-table";

}  // namespace gifkit::tests
