// fuzz_encoding.cpp — libFuzzer target for grammars/io/encoding.hpp: encoding
// detection and CP932 to UTF-8 conversion on arbitrary bytes. Invariants: the
// output is valid UTF-8, at most three bytes per input byte, U+FFFD appears
// exactly when an invalid byte is reported; the buffer and string converters
// agree; converting block by block at cp932_complete_prefix_length (as the CSV
// reader does) gives the same text as converting at once; a sample detected
// as CP932 converts without invalid bytes; valid UTF-8 is detected as UTF-8.
// room: grammars
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "grammars/io/encoding.hpp"

namespace {

using gifkit::fuzz::hex;
using gifkit::fuzz::is_valid_utf8;
namespace g = gifkit::grammars;

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = gifkit::fuzz::as_text(data, size);

  // Detection.
  const g::Encoding detected = g::detect_encoding(input);
  const g::Encoding tolerant = g::detect_encoding_tolerant(input);
  FUZZ_CHECK(detected == g::Encoding::utf8 || detected == g::Encoding::cp932,
             "detect_encoding returned auto for " + hex(input));
  FUZZ_CHECK(tolerant == g::Encoding::utf8 || tolerant == g::Encoding::cp932,
             "detect_encoding_tolerant returned auto for " + hex(input));
  if (is_valid_utf8(input)) {
    FUZZ_CHECK(detected == g::Encoding::utf8, "valid UTF-8 detected as CP932: " + hex(input));
    FUZZ_CHECK(tolerant == g::Encoding::utf8, "valid UTF-8 detected as CP932: " + hex(input));
  }
  if (detected == g::Encoding::cp932) {
    FUZZ_CHECK(tolerant == g::Encoding::cp932,
               "strict detection says CP932, tolerant detection UTF-8: " + hex(input));
  }

  // Conversion at once.
  std::string converted = "prefix";
  const std::size_t first_invalid = g::cp932_to_utf8(input, converted);
  FUZZ_CHECK(converted.starts_with("prefix"), "cp932_to_utf8 did not append");
  converted.erase(0, 6);
  FUZZ_CHECK(is_valid_utf8(converted), "cp932_to_utf8 made invalid UTF-8 from " + hex(input));
  FUZZ_CHECK(converted.size() <= 3 * input.size(), "more than 3 bytes per input byte");
  FUZZ_CHECK(first_invalid == std::string_view::npos || first_invalid < input.size(),
             "first_invalid past the input");
  FUZZ_CHECK((first_invalid == std::string_view::npos) ==
                 (converted.find(kReplacement) == std::string::npos),
             "U+FFFD in the output does not match the reported invalid bytes: " + hex(input));

  // The buffer converter agrees with the string converter.
  std::vector<char> buffer(3 * size + 1);
  std::size_t first_invalid_into = 0;
  const std::size_t written = g::cp932_to_utf8_into(input, buffer.data(), first_invalid_into);
  FUZZ_CHECK(std::string_view(buffer.data(), written) == converted,
             "cp932_to_utf8_into disagrees with cp932_to_utf8 on " + hex(input));
  FUZZ_CHECK(first_invalid_into == first_invalid, "first_invalid differs between converters");

  // A lead byte at the very end waits for its trail byte.
  const std::size_t complete = g::cp932_complete_prefix_length(input);
  FUZZ_CHECK(complete == size || (size > 0 && complete == size - 1),
             "cp932_complete_prefix_length cut more than one byte of " + hex(input));

  // Block-wise conversion, cutting at every block of the first input byte's size.
  if (size > 0) {
    const std::size_t block = 1 + data[0] % 7;
    std::string pending;
    std::string blockwise;
    for (std::size_t at = 0; at < size; at += block) {
      pending.append(input.substr(at, block));
      const bool last = at + block >= size;
      const std::size_t cut = last ? pending.size() : g::cp932_complete_prefix_length(pending);
      g::cp932_to_utf8(std::string_view(pending).substr(0, cut), blockwise);
      pending.erase(0, cut);
    }
    FUZZ_CHECK(blockwise == converted, "block-wise conversion (blocks of " + std::to_string(block) +
                                           ") differs for " + hex(input));
  }

  // A CP932 verdict means the sample (but a cut last character) converts cleanly.
  if (detected == g::Encoding::cp932) {
    std::string clean;
    FUZZ_CHECK(g::cp932_to_utf8(input.substr(0, complete), clean) == std::string_view::npos,
               "detected as CP932 but has invalid CP932 bytes: " + hex(input));
  }

  // Encoding names.
  if (const auto named = g::parse_encoding_name(input)) {
    FUZZ_CHECK(g::parse_encoding_name(g::encoding_name(*named)) == named,
               "encoding_name does not parse back");
  }
  return 0;
}
