// cp932_table_data.hpp — the shape of the CP932 double-byte pairs kept as
// data for the build without a CP932 iconv (the browser's):
// cp932_table_data.cpp, generated from glibc iconv by tests/cp932_table/ and
// committed, holds them; cp932_table.cpp's cp932_table_from_data reads them.
#pragma once
#include <cstdint>
#include <span>

namespace gifkit::grammars::cp932_data {

// The double-byte character lead << 8 | trail and its code point.
struct Cp932Pair {
  std::uint16_t bytes;
  char16_t code_point;
};

// Every pair glibc iconv maps, in byte order.
extern const std::span<const Cp932Pair> kCp932Pairs;

}  // namespace gifkit::grammars::cp932_data
