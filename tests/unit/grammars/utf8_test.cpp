// utf8_test.cpp — decode_utf8, append_utf8, find_invalid_utf8,
// count_code_points and byte_offset_to_column, valid and invalid input.
// room: grammars
#include <catch2/catch.hpp>
#include <string>

#include "grammars/text/utf8.hpp"

using namespace gifkit::grammars;
using namespace std::string_view_literals;

namespace {

// Decodes the whole text, returning the code points.
std::u32string decode_all(std::string_view text) {
  std::u32string out;
  std::size_t pos = 0;
  while (pos < text.size()) out.push_back(decode_utf8(text, pos));
  return out;
}

}  // namespace

TEST_CASE("utf8-1.1 decodes 1- to 4-byte sequences") {
  CHECK(decode_all("A") == U"A");
  CHECK(decode_all("\xC3\xA9") == U"é");
  CHECK(decode_all("日本") == U"日本");
  CHECK(decode_all("\xF0\xA3\x98\xBA") == U"\U0002363A");  // 𣘺, seen in NTA data
  CHECK(decode_all("a\xEF\xBF\xBD"
                   "b") == U"a\uFFFDb");  // a real U+FFFD
}

TEST_CASE("utf8-1.2 decode_utf8 advances pos past the sequence") {
  const std::string_view text = "a日";
  std::size_t pos = 1;
  CHECK(decode_utf8(text, pos) == U'日');
  CHECK(pos == 4);
}

TEST_CASE("utf8-1.3 invalid bytes decode to U+FFFD one byte at a time") {
  // continuation byte alone, truncated 3-byte sequence, bad lead byte
  CHECK(decode_all("\x80") == U"\uFFFD");
  CHECK(decode_all("\xE6\x97") == U"\uFFFD\uFFFD");
  CHECK(decode_all("\xFF"
                   "a") == U"\uFFFDa");
  // a lead byte followed by ASCII instead of a continuation byte
  CHECK(decode_all("\xE6"
                   "ab") == U"\uFFFDab");
}

TEST_CASE("utf8-1.4 overlongs, surrogates and code points above U+10FFFF are rejected") {
  CHECK(decode_all("\xC0\xAF") == U"\uFFFD\uFFFD");            // overlong '/'
  CHECK(decode_all("\xE0\x80\xAF") == U"\uFFFD\uFFFD\uFFFD");  // overlong '/'
  CHECK(decode_all("\xF0\x80\x80\xAF").size() == 4);           // overlong '/'
  CHECK(decode_all("\xED\xA0\x80") == U"\uFFFD\uFFFD\uFFFD");  // U+D800
  CHECK(decode_all("\xF4\x90\x80\x80").size() == 4);           // U+110000
  CHECK(decode_all("\xF4\x8F\xBF\xBF") == U"\U0010FFFF");      // the last one is fine
}

TEST_CASE("utf8-2.1 append_utf8 round-trips with decode_utf8") {
  for (const char32_t cp : {U'\0', U'A', U'\u00E9', U'\u07FF', U'\u0800', U'日', U'\uFFFF',
                            U'\U00010000', U'\U0002363A', U'\U0010FFFF'}) {
    std::string encoded;
    append_utf8(encoded, cp);
    std::size_t pos = 0;
    CHECK(decode_utf8(encoded, pos) == cp);
    CHECK(pos == encoded.size());
  }
}

TEST_CASE("utf8-2.2 append_utf8 writes U+FFFD for values above U+10FFFF") {
  std::string encoded;
  append_utf8(encoded, static_cast<char32_t>(0x110000));
  CHECK(encoded == "\xEF\xBF\xBD");
}

TEST_CASE("utf8-3.1 find_invalid_utf8 accepts valid text") {
  CHECK(find_invalid_utf8("") == std::string_view::npos);
  CHECK(find_invalid_utf8("plain ascii") == std::string_view::npos);
  CHECK(find_invalid_utf8("東京都千代田区 \xF0\xA3\x98\xBA") == std::string_view::npos);
  CHECK(find_invalid_utf8("\xEF\xBF\xBD") == std::string_view::npos);  // a real U+FFFD
}

TEST_CASE("utf8-3.2 find_invalid_utf8 returns the offset of the first bad byte") {
  CHECK(find_invalid_utf8("ab\x80") == 2);
  CHECK(find_invalid_utf8("日本\xE8\xAA") == 6);       // truncated at the end
  CHECK(find_invalid_utf8("a\xC0\xAF") == 1);          // overlong
  CHECK(find_invalid_utf8("\xED\xB0\x80") == 0);       // lone low surrogate
  CHECK(find_invalid_utf8("x\xF5\x80\x80\x80") == 1);  // lead byte above F4
  CHECK(find_invalid_utf8("\x82\xA0"sv) == 0);         // Shift_JIS あ
}

TEST_CASE("utf8-4.1 count_code_points") {
  CHECK(count_code_points("") == 0);
  CHECK(count_code_points("abc") == 3);
  CHECK(count_code_points("千代田区") == 4);
  CHECK(count_code_points("a\xF0\xA3\x98\xBA") == 2);
  CHECK(count_code_points("a\x80\x80") == 3);  // each invalid byte counts one
}

TEST_CASE("utf8-4.2 byte_offset_to_column") {
  const std::string_view line = "a,東京,b";  // a , 東(2..4) 京(5..7) , b
  CHECK(byte_offset_to_column(line, 0) == 1);
  CHECK(byte_offset_to_column(line, 2) == 3);
  CHECK(byte_offset_to_column(line, 5) == 4);
  CHECK(byte_offset_to_column(line, 3) == 3);  // inside 東: still 東's column
  CHECK(byte_offset_to_column(line, 9) == 6);
  CHECK(byte_offset_to_column(line, line.size()) == 7);
  CHECK(byte_offset_to_column(line, 1000) == 7);  // clamped to the end
  CHECK(byte_offset_to_column("", 0) == 1);
}

TEST_CASE("utf8-3.3 with_invalid_utf8_replaced: one U+FFFD a bad byte, valid text unchanged") {
  CHECK(with_invalid_utf8_replaced("白山1-2") == "白山1-2");
  CHECK(with_invalid_utf8_replaced("a\xff"
                                   "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(with_invalid_utf8_replaced("\xe6\x9d") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // cut 東
  CHECK(with_invalid_utf8_replaced("\xc0\xaf"
                                   "x") == "\xEF\xBF\xBD\xEF\xBF\xBDx");  // overlong
  CHECK(find_invalid_utf8(with_invalid_utf8_replaced("\x82\xa0\x93\x8c")) ==
        std::string_view::npos);
}
