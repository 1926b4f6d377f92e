// fuzz_address_fold.cpp — libFuzzer target for grammars/values/address_fold.hpp and
// address_numbers.hpp: the display fold, the key fold with the real table
// (models/dictionaries/address_fold.tsv), kanji numerals and the numbers of
// a 番地以下 on arbitrary bytes. Invariants: nothing crashes; the folded text
// and the key are valid UTF-8 (invalid bytes become U+FFFD); the key's
// offsets are one per key byte plus one, never decrease and stay within the
// text; numbers are at most kMax, each in 0..99999, their ends increasing
// and within the text.
// room: grammars
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "grammars/values/address_fold.hpp"
#include "grammars/values/address_numbers.hpp"

namespace {

using gifkit::fuzz::hex;
using gifkit::fuzz::is_valid_utf8;
namespace g = gifkit::grammars;

const g::AddressFoldTables& tables() {
  static const g::AddressFoldTables loaded = [] {
    std::ifstream in(std::string(GIFKIT_FUZZ_MODELS_DIR) + "/dictionaries/address_fold.tsv");
    std::stringstream text;
    text << in.rdbuf();
    std::vector<std::string> errors;
    auto parsed = g::parse_address_fold_tables(text.str(), errors);
    FUZZ_CHECK(errors.empty() && !parsed.variants.empty(),
               "address_fold.tsv did not load: " + (errors.empty() ? "no variants" : errors[0]));
    return parsed;
  }();
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = gifkit::fuzz::as_text(data, size);
  g::FoldedAddress folded;
  g::fold_address_text(input, folded);
  FUZZ_CHECK(is_valid_utf8(folded.text), "display fold made invalid UTF-8 from " + hex(input));
  FUZZ_CHECK(is_valid_utf8(folded.bracketed), "bracketed text is invalid UTF-8: " + hex(input));

  g::AddressKey key;
  g::make_address_key(folded.text, tables(), key);
  FUZZ_CHECK(is_valid_utf8(key.key), "key fold made invalid UTF-8 from " + hex(input));
  FUZZ_CHECK(key.offsets.size() == key.key.size() + 1, "offsets do not match the key");
  for (std::size_t i = 0; i < key.offsets.size(); ++i) {
    FUZZ_CHECK(key.offsets[i] <= folded.text.size(), "an offset beyond the text: " + hex(input));
    if (i > 0) FUZZ_CHECK(key.offsets[i - 1] <= key.offsets[i], "offsets decrease: " + hex(input));
  }

  (void)g::parse_number_text(input);
  auto numbers = g::parse_address_numbers(folded.text);
  FUZZ_CHECK(numbers.count >= 0 && numbers.count <= g::AddressNumbers::kMax, "number count");
  std::size_t previous_end = 0;
  for (int i = 0; i < numbers.count; ++i) {
    const auto& number = numbers.numbers[i];
    FUZZ_CHECK(number.value >= 0 && number.value <= 99999, "number value out of range");
    FUZZ_CHECK(number.end > previous_end || i == 0, "number ends do not increase: " + hex(input));
    FUZZ_CHECK(number.end <= folded.text.size(), "number end beyond the text: " + hex(input));
    previous_end = number.end;
  }
  return 0;
}
