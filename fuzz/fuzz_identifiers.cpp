// fuzz_identifiers.cpp — libFuzzer target for grammars/values/identifiers.hpp:
// check_corporate_number (法人番号), check_local_government_code (全国地方公共団体
// コード), check_postal_code (郵便番号) and the 個人番号 functions on arbitrary
// text. Invariants: a suggestion passes its own check (or is empty); an ok
// value is the exact number of ASCII digits; an ok verdict has no suggestion
// and a problem has a reason; the check-digit functions give a digit and
// agree with the checks; individual_number_digits gives 12 ASCII digits;
// masking the numbers in a text is idempotent, masks a whole individual
// number whole, and masks a number with its own check digit inside a text.
// room: grammars
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/values/identifiers.hpp"

namespace {

using gifkit::fuzz::hex;
namespace g = gifkit::grammars;

void check_verdict(const char* name, g::ValueVerdict (*check)(std::string_view),
                   std::string_view text, std::size_t digits) {
  const g::ValueVerdict verdict = check(text);
  if (verdict.ok()) {
    FUZZ_CHECK(verdict.suggestion.empty(), std::string(name) + ": ok with a suggestion");
    FUZZ_CHECK(text.size() == digits && g::is_ascii_digits(text),
               std::string(name) + " accepts " + hex(text));
    return;
  }
  FUZZ_CHECK(!verdict.reason.empty(), std::string(name) + ": a problem without a reason");
  if (verdict.suggestion.empty()) return;
  const g::ValueVerdict again = check(verdict.suggestion);
  FUZZ_CHECK(again.ok(), std::string(name) + " suggests " + hex(verdict.suggestion) + " for " +
                             hex(text) + ", which it rejects: " + again.reason);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = gifkit::fuzz::as_text(data, size);
  check_verdict("check_corporate_number", g::check_corporate_number, text, 13);
  check_verdict("check_local_government_code", g::check_local_government_code, text, 6);
  check_verdict("check_postal_code", g::check_postal_code, text, 7);
  if (text.size() == 7 && g::is_ascii_digits(text)) {
    FUZZ_CHECK(g::check_postal_code(text).ok(), "7 ASCII digits rejected as a postal code");
  }
  if (text.size() == 13 && g::is_ascii_digits(text) &&
      text[0] - '0' == g::corporate_number_check_digit(text.substr(1))) {
    FUZZ_CHECK(g::check_corporate_number(text).ok(),
               "a corporate number with its check digit "
               "rejected: " +
                   std::string(text));
  }

  // 個人番号: the digits, the masks.
  if (const auto twelve = g::individual_number_digits(text)) {
    FUZZ_CHECK(twelve->size() == 12 && g::is_ascii_digits(*twelve),
               "individual_number_digits gives " + hex(*twelve) + " for " + hex(text));
  }
  const std::string masked = g::mask_individual_numbers_in(text);
  FUZZ_CHECK(g::mask_individual_numbers_in(masked) == masked,
             "masking " + hex(text) + " twice masks more: " + hex(masked));
  if (g::is_individual_number(text)) {
    FUZZ_CHECK(masked == g::mask_individual_number(text),
               "an individual number not masked whole: " + hex(text) + " → " + hex(masked));
  }

  // The check digits, on the ASCII digits of the input.
  std::string digits;
  for (const char c : text) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  if (digits.size() >= 12) {
    const std::string base = digits.substr(0, 12);
    const int check = g::corporate_number_check_digit(base);
    FUZZ_CHECK(check >= 1 && check <= 9, "corporate check digit " + std::to_string(check));
    const std::string number = std::to_string(check) + base;
    FUZZ_CHECK(g::check_corporate_number(number).ok(), "own check digit rejected: " + number);
  }
  if (digits.size() >= 11) {
    const std::string base = digits.substr(0, 11);
    const int check = g::individual_number_check_digit(base);
    FUZZ_CHECK(check >= 0 && check <= 9, "individual check digit " + std::to_string(check));
    const std::string number = base + std::to_string(check);
    FUZZ_CHECK(g::is_individual_number(number), "own check digit rejected: " + number);
    FUZZ_CHECK(g::mask_individual_numbers_in("no. " + number + ".") == "no. ************.",
               "not masked inside a text: " + number);
  }
  if (digits.size() >= 5) {
    const std::string base = digits.substr(0, 5);
    const int check = g::local_government_code_check_digit(base);
    FUZZ_CHECK(check >= 0 && check <= 9, "local government check digit " + std::to_string(check));
    const std::string code = base + std::to_string(check);
    const g::ValueVerdict verdict = g::check_local_government_code(code);
    FUZZ_CHECK(verdict.status != g::ValueStatus::invalid_check_digit,
               "own check digit rejected: " + code);
  }
  return 0;
}
