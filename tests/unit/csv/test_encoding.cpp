// test_encoding.cpp — encoding names, UTF-8/CP932 detection and CP932 to
// UTF-8 conversion (grammars/io/encoding.hpp).
// room: grammars
#include <catch2/catch.hpp>

#include <string>

#include "grammars/io/encoding.hpp"

using gifkit::grammars::cp932_complete_prefix_length;
using gifkit::grammars::cp932_to_utf8;
using gifkit::grammars::detect_encoding;
using gifkit::grammars::detect_encoding_tolerant;
using gifkit::grammars::Encoding;
using gifkit::grammars::encoding_name;
using gifkit::grammars::parse_encoding_name;

namespace {

constexpr auto npos = std::string_view::npos;

std::string convert(std::string_view cp932, std::size_t* first_invalid = nullptr) {
  std::string out;
  const std::size_t invalid = cp932_to_utf8(cp932, out);
  if (first_invalid != nullptr) *first_invalid = invalid;
  return out;
}

}  // namespace

TEST_CASE("enc-1.1 encoding names a user may type", "[encoding]") {
  CHECK(parse_encoding_name("auto") == Encoding::automatic);
  CHECK(parse_encoding_name("UTF-8") == Encoding::utf8);
  CHECK(parse_encoding_name("utf8") == Encoding::utf8);
  CHECK(parse_encoding_name("Shift_JIS") == Encoding::cp932);
  CHECK(parse_encoding_name("SJIS") == Encoding::cp932);
  CHECK(parse_encoding_name("cp932") == Encoding::cp932);
  CHECK(parse_encoding_name("Windows-31J") == Encoding::cp932);
  CHECK_FALSE(parse_encoding_name("latin1").has_value());
  CHECK_FALSE(parse_encoding_name("").has_value());
  CHECK(encoding_name(Encoding::automatic) == "auto");
  CHECK(encoding_name(Encoding::utf8) == "UTF-8");
  CHECK(encoding_name(Encoding::cp932) == "CP932");
}

TEST_CASE("enc-1.2 detection: UTF-8, CP932, and text that is neither", "[encoding]") {
  CHECK(detect_encoding("") == Encoding::utf8);
  CHECK(detect_encoding("plain,ascii\n") == Encoding::utf8);
  CHECK(detect_encoding("名称,カナ\n") == Encoding::utf8);
  CHECK(detect_encoding("\x96\xBC\x8F\xCC,\x83\x4A\x83\x69\n") == Encoding::cp932);
  CHECK(detect_encoding("\xB1\xB2\xB3") == Encoding::cp932);  // half-width ｱｲｳ
  // A sample cut inside a character: UTF-8 "あ" = E3 81 82 cut after E3 81,
  // CP932 "カ" = 83 4A cut after the lead byte.
  CHECK(detect_encoding("abc\xE3\x81") == Encoding::utf8);
  CHECK(detect_encoding("\x83\x4A\x83") == Encoding::cp932);
  // 0x80 and 0xFF are neither UTF-8 nor CP932.
  CHECK(detect_encoding("\x83\x4A\xFF") == Encoding::utf8);
  CHECK(detect_encoding("\x80") == Encoding::utf8);
}

TEST_CASE("enc-1.3 tolerant detection picks the encoding with fewer bad bytes", "[encoding]") {
  // CP932 text with one byte (0xFF) that is valid in neither encoding.
  CHECK(detect_encoding_tolerant("\x96\xBC\x8F\xCC\x83\x4A\x83\x69\xFF") == Encoding::cp932);
  // UTF-8 text with one stray continuation byte.
  CHECK(detect_encoding_tolerant("名称カナ住所\x80") == Encoding::utf8);
  CHECK(detect_encoding_tolerant("名称カナ") == Encoding::utf8);
  CHECK(detect_encoding_tolerant("\x83\x4A") == Encoding::cp932);
}

TEST_CASE("enc-1.4 CP932 conversion of JIS, NEC and IBM characters", "[encoding]") {
  std::size_t invalid = 0;
  CHECK(convert("abc,\"\n", &invalid) == "abc,\"\n");
  CHECK(invalid == npos);
  CHECK(convert("\x83\x4A\x83\x69", &invalid) == "カナ");
  CHECK(invalid == npos);
  CHECK(convert("\xB6\xC5\xDE\xA1\xDF") == "ｶﾅﾞ｡ﾟ");
  CHECK(convert("\x81\x40") == "\u3000");                  // ideographic space
  CHECK(convert("\\~") == "\\~");                          // 0x5C and 0x7E stay ASCII in CP932
  CHECK(convert("\x81\x5F\x81\x60\x81\x7C") == "＼～－");  // the Microsoft mappings
  CHECK(convert("\x87\x40\x87\x8A") == "①㈱");             // NEC special characters
  CHECK(convert("\xFA\x40\xED\x40") == "ⅰ纊");             // IBM extensions (both copies)
  CHECK(convert("\xF0\x40") == "\uE000");                  // user-defined area
}

TEST_CASE("enc-1.5 invalid CP932 bytes become U+FFFD and the first offset is returned",
          "[encoding]") {
  std::size_t invalid = 0;
  CHECK(convert("ab\x80"
                "c",
                &invalid) == "ab\uFFFDc");
  CHECK(invalid == 2);
  CHECK(convert("\xA0\xFD\xFE\xFF", &invalid) == "\uFFFD\uFFFD\uFFFD\uFFFD");
  CHECK(invalid == 0);
  // 85 40 is an unassigned pair: one replacement for the pair.
  CHECK(convert("\x83\x4A\x85\x40z", &invalid) == "カ\uFFFDz");
  CHECK(invalid == 2);
  // A lead byte before ASCII: the ASCII byte is kept (never eaten as a trail).
  CHECK(convert("\x83,x\x83\n", &invalid) == "\uFFFD,x\uFFFD\n");
  CHECK(invalid == 0);
  // A lead byte at the very end.
  CHECK(convert("a\x83", &invalid) == "a\uFFFD");
  CHECK(invalid == 1);
  // Appends to what is already there.
  std::string out = "keep:";
  CHECK(cp932_to_utf8("\x83\x4A", out) == npos);
  CHECK(out == "keep:カ");
}

TEST_CASE("enc-1.6 complete-prefix length never cuts a double-byte character", "[encoding]") {
  CHECK(cp932_complete_prefix_length("") == 0);
  CHECK(cp932_complete_prefix_length("abc") == 3);
  CHECK(cp932_complete_prefix_length("\x83\x4A") == 2);
  CHECK(cp932_complete_prefix_length("a\x83") == 1);
  CHECK(cp932_complete_prefix_length("\x83\x4A\x83") == 2);
  // 83 83 83: the first two are a pair (trail 0x83), the third is a lone lead.
  CHECK(cp932_complete_prefix_length("\x83\x83\x83") == 2);
  CHECK(cp932_complete_prefix_length("\x83\x83\x83\x83") == 4);
  // A half-width katakana at the end is complete; a lead after a comma is not.
  CHECK(cp932_complete_prefix_length("\x83\x4A\xB1") == 3);
  CHECK(cp932_complete_prefix_length("\x83\x4A,\x96") == 3);
  // Converting block by block at those cuts gives the same text as at once.
  const std::string input = "\x96\xBC\x8F\xCC,\x83\x4A\x83\x69\xB1\n\x8A\x94\x8E\xAE";
  const std::string whole = convert(input);
  for (std::size_t block = 1; block <= input.size(); ++block) {
    std::string pending;
    std::string streamed;
    for (std::size_t at = 0; at < input.size(); at += block) {
      pending += input.substr(at, block);
      const std::size_t complete = cp932_complete_prefix_length(pending);
      REQUIRE(cp932_to_utf8(std::string_view(pending).substr(0, complete), streamed) == npos);
      pending.erase(0, complete);
    }
    CHECK(pending.empty());
    CHECK(streamed == whole);
  }
}
