// fuzz_utf8.cpp — libFuzzer target for grammars/text/utf8.hpp, the decoder every
// other grammar steps through text with. Invariants: find_invalid_utf8 agrees
// with an independent validator (fuzz_support.hpp); decoding always advances
// (by the length of a valid sequence, or one byte with U+FFFD) and the inline
// fast path agrees with decode_utf8_general; re-encoding the decoded code
// points of valid text gives the text back; count_code_points counts decode
// steps; byte_offset_to_column never decreases with the offset.
// room: grammars
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "grammars/text/utf8.hpp"

namespace {

using gifkit::fuzz::hex;
using gifkit::fuzz::is_valid_utf8;
namespace g = gifkit::grammars;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = gifkit::fuzz::as_text(data, size);

  const bool valid = is_valid_utf8(text);
  const std::size_t invalid_at = g::find_invalid_utf8(text);
  FUZZ_CHECK(valid == (invalid_at == std::string_view::npos),
             "find_invalid_utf8 disagrees with the reference validator on " + hex(text));
  if (!valid) {
    FUZZ_CHECK(invalid_at < size, "invalid offset past the end");
    FUZZ_CHECK(is_valid_utf8(text.substr(0, invalid_at)),
               "the text before the first invalid byte is not valid: " + hex(text));
  }

  std::string reencoded;
  std::size_t steps = 0;
  std::size_t pos = 0;
  while (pos < size) {
    const std::size_t start = pos;
    std::size_t general_pos = pos;
    const char32_t cp = g::decode_utf8(text, pos);
    const char32_t general = g::decode_utf8_general(text, general_pos);
    FUZZ_CHECK(cp == general && pos == general_pos,
               "decode_utf8 fast path disagrees with decode_utf8_general at " +
                   std::to_string(start) + " in " + hex(text));
    FUZZ_CHECK(pos > start && pos <= start + 4 && pos <= size, "decode_utf8 step out of range");
    const std::string_view sequence = text.substr(start, pos - start);
    if (pos - start > 1 || static_cast<unsigned char>(text[start]) < 0x80) {
      FUZZ_CHECK(is_valid_utf8(sequence), "decoded an invalid sequence " + hex(sequence));
      std::string one;
      g::append_utf8(one, cp);
      FUZZ_CHECK(one == sequence, "append_utf8 does not give back " + hex(sequence));
    } else {
      FUZZ_CHECK(cp == g::kReplacementChar, "an invalid byte did not decode as U+FFFD");
      for (std::size_t length = 2; length <= 4; ++length) {
        FUZZ_CHECK(!is_valid_utf8(text.substr(start, length)),
                   "a valid sequence decoded as an invalid byte at " + std::to_string(start) +
                       " in " + hex(text));
      }
    }
    g::append_utf8(reencoded, cp);
    ++steps;
  }
  if (valid) FUZZ_CHECK(reencoded == text, "decode + append_utf8 is not the identity");
  FUZZ_CHECK(is_valid_utf8(reencoded), "append_utf8 made invalid UTF-8");
  FUZZ_CHECK(g::count_code_points(text) == steps, "count_code_points differs from decode steps");

  std::size_t previous_column = 0;
  for (std::size_t offset = 0; offset <= size + 1 && offset < 256; ++offset) {
    const std::size_t column = g::byte_offset_to_column(text, offset);
    FUZZ_CHECK(column >= 1 && column >= previous_column && column <= size + 1,
               "byte_offset_to_column out of order at offset " + std::to_string(offset));
    previous_column = column;
  }
  return 0;
}
