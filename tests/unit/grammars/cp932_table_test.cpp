// cp932_table_test.cpp — the browser build's CP932 table (the committed pairs
// of grammars/io/cp932_table_data.cpp) against glibc iconv's, which the
// native build uses: every byte and byte pair, and the committed file against
// what its generator writes from this machine's glibc.
// room: grammars
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "grammars/io/cp932_table.hpp"
#include "grammars/io/cp932_table_data.hpp"
#include "tests/cp932_table/cp932_table_writer.hpp"

using namespace gifkit::grammars;

TEST_CASE("cp932-table-1.1 the committed pairs are what the generator writes from iconv now") {
  std::ifstream in(GIFKIT_CP932_TABLE_DATA, std::ios::binary);
  REQUIRE(in);
  std::stringstream committed;
  committed << in.rdbuf();
  const bool same = committed.str() == gifkit::tests::cp932_table_source();
  INFO(
      "grammars/io/cp932_table_data.cpp differs from what this machine's glibc iconv gives "
      "(a glibc upgrade?): regenerate it with `"
      << gifkit::tests::kRegenerateCp932Command << "`, review the diff and commit it");
  CHECK(same);
}

TEST_CASE("cp932-table-1.2 the table from the data is iconv's for every byte and byte pair") {
  const Cp932Table from_data = cp932_table_from_data();
  const Cp932Table from_iconv = cp932_table_from_iconv();
  std::size_t differences = 0;
  std::string first;
  auto note = [&](unsigned bytes, char16_t data, char16_t iconv) {
    if (++differences > 10) return;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "0x%04X: data U+%04X, iconv U+%04X; ", bytes,
                  static_cast<unsigned>(data), static_cast<unsigned>(iconv));
    first += buffer;
  };
  for (unsigned byte = 0; byte <= 0xFF; ++byte) {
    if (from_data.single_byte[byte] != from_iconv.single_byte[byte])
      note(byte, from_data.single_byte[byte], from_iconv.single_byte[byte]);
  }
  for (unsigned lead = 0x80; lead <= 0xFF; ++lead) {
    for (unsigned trail = 0; trail <= 0xFF; ++trail) {
      const char16_t data = from_data.lookup_double(static_cast<unsigned char>(lead),
                                                    static_cast<unsigned char>(trail));
      const char16_t iconv = from_iconv.lookup_double(static_cast<unsigned char>(lead),
                                                      static_cast<unsigned char>(trail));
      if (data != iconv) note(lead << 8 | trail, data, iconv);
    }
  }
  INFO(differences << " differences; first: " << first);
  CHECK(differences == 0);
}

TEST_CASE("cp932-table-1.3 the pairs are in byte order, each a lead and a trail byte") {
  unsigned previous = 0;
  for (const cp932_data::Cp932Pair& pair : cp932_data::kCp932Pairs) {
    INFO("pair 0x" << std::hex << pair.bytes);
    CHECK(pair.bytes > previous);
    CHECK(is_cp932_lead_byte(static_cast<unsigned char>(pair.bytes >> 8)));
    CHECK(is_cp932_trail_byte(static_cast<unsigned char>(pair.bytes & 0xFF)));
    CHECK(pair.code_point != 0);
    previous = pair.bytes;
  }
  // The CP932 characters every Japanese file has: ideographic space, あ, 漢, ①, 髙 (IBM).
  const Cp932Table table = cp932_table_from_data();
  CHECK(table.lookup_double(0x81, 0x40) == u'\u3000');
  CHECK(table.lookup_double(0x82, 0xA0) == u'\u3042');
  CHECK(table.lookup_double(0x8A, 0xBF) == u'\u6F22');
  CHECK(table.lookup_double(0x87, 0x40) == u'\u2460');
  CHECK(table.lookup_double(0xFB, 0xFC) == u'\u9AD9');
}
