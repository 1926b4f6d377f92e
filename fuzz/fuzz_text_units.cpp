// fuzz_text_units.cpp — libFuzzer target for grammars/text/text_units.hpp, what a
// person sees as one character. Invariants: the units tile the text (each
// starts where the one before ended, none is empty, together they are the
// whole text) and are numbered 1, 2, …; a unit without an issue is valid
// UTF-8 that starts with its base and holds its selector and mark; only a
// unit with invalid_utf8 or encoded_surrogate holds bytes that are not
// UTF-8; safe_nfc gives valid UTF-8 for valid UTF-8, is idempotent, agrees
// with is_safe_nfc and keeps every CJK compatibility ideograph.
// room: grammars
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "grammars/text/text_units.hpp"
#include "grammars/text/utf8.hpp"

namespace {

using gifkit::fuzz::hex;
using gifkit::fuzz::is_valid_utf8;
namespace g = gifkit::grammars;

std::size_t compatibility_ideographs(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size();)
    if (g::is_cjk_compatibility_ideograph(g::decode_utf8(text, pos))) ++count;
  return count;
}

bool holds(std::string_view unit, char32_t cp) {
  for (std::size_t pos = 0; pos < unit.size();)
    if (g::decode_utf8(unit, pos) == cp) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = gifkit::fuzz::as_text(data, size);
  g::TextUnitReader reader(text);
  g::TextUnit unit;
  std::size_t expected_offset = 0;
  std::size_t expected_index = 1;
  while (reader.next(unit)) {
    FUZZ_CHECK(unit.offset == expected_offset, "units do not tile the text: " + hex(text));
    FUZZ_CHECK(unit.length > 0 && unit.offset + unit.length <= size, "an empty or too long unit");
    FUZZ_CHECK(unit.index == expected_index, "units are not numbered 1, 2, …");
    FUZZ_CHECK(reader.position() == unit.offset + unit.length, "position is not after the unit");
    const std::string_view bytes = text.substr(unit.offset, unit.length);
    const bool invalid =
        unit.issue == g::UnitIssue::invalid_utf8 || unit.issue == g::UnitIssue::encoded_surrogate;
    FUZZ_CHECK(invalid != is_valid_utf8(bytes) || unit.issue == g::UnitIssue::encoded_surrogate,
               "a unit's issue disagrees with its bytes " + hex(bytes));
    if (!invalid) {
      std::size_t pos = 0;
      FUZZ_CHECK(g::decode_utf8(bytes, pos) == unit.base, "the unit does not start with its base");
      if (unit.selector != 0) {
        FUZZ_CHECK(g::is_variation_selector(unit.selector) && holds(bytes, unit.selector),
                   "a selector the unit does not hold");
      }
      if (unit.mark != 0) FUZZ_CHECK(holds(bytes, unit.mark), "a mark the unit does not hold");
      FUZZ_CHECK(unit.code_points == g::count_code_points(bytes), "code_points miscounted");
    }
    expected_offset += unit.length;
    ++expected_index;
  }
  FUZZ_CHECK(expected_offset == size, "the units do not cover the text: " + hex(text));

  if (is_valid_utf8(text)) {
    const std::string once = g::safe_nfc(text);
    FUZZ_CHECK(is_valid_utf8(once), "safe_nfc made invalid UTF-8 of " + hex(text));
    FUZZ_CHECK(g::safe_nfc(once) == once, "safe_nfc is not idempotent on " + hex(text));
    FUZZ_CHECK(g::is_safe_nfc(text) == (once == text), "is_safe_nfc disagrees on " + hex(text));
    FUZZ_CHECK(g::is_safe_nfc(once), "safe_nfc's output is not safe NFC");
    FUZZ_CHECK(compatibility_ideographs(once) == compatibility_ideographs(text),
               "safe_nfc changed a CJK compatibility ideograph in " + hex(text));
  }
  return 0;
}
