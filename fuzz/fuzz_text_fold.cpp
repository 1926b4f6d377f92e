// fuzz_text_fold.cpp — libFuzzer target for grammars/text/text_fold.hpp: the width
// and kana folding functions and the character-class tests on arbitrary
// bytes. Invariants for valid UTF-8 input: every output is valid UTF-8;
// fold_label, fold_ascii_width, hiragana_to_katakana, normalize_dashes and
// halfwidth_to_fullwidth_kana are idempotent; what a fold removes is gone
// (no full-width ASCII after fold_ascii_width, no half-width kana after
// halfwidth_to_fullwidth_kana, no dash but '-' after normalize_dashes, no
// space or upper-case ASCII letter after fold_label); fold_ascii_width undoes
// to_fullwidth_ascii. For any input the functions must not crash, and
// invalid bytes pass through the per-code-point maps unchanged.
// room: grammars
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"

namespace {

using gifkit::fuzz::hex;
using gifkit::fuzz::is_valid_utf8;
namespace g = gifkit::grammars;

// True when some code point of valid UTF-8 text satisfies wanted.
template <typename Predicate>
bool any_of_code_points(std::string_view text, Predicate wanted) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (wanted(g::decode_utf8(text, pos))) return true;
  }
  return false;
}

void check_idempotent(const char* name, std::string (*fold)(std::string_view),
                      const std::string& once, std::string_view input) {
  const std::string twice = fold(once);
  FUZZ_CHECK(twice == once, std::string(name) + " is not idempotent on " + hex(input) +
                                "\n  once:  " + hex(once) + "\n  twice: " + hex(twice));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = gifkit::fuzz::as_text(data, size);

  const std::string label = g::fold_label(input);
  const std::string ascii = g::fold_ascii_width(input);
  const std::string kana = g::halfwidth_to_fullwidth_kana(input);
  const std::string katakana = g::hiragana_to_katakana(input);
  const std::string dashes = g::normalize_dashes(input);
  const std::string fullwidth = g::to_fullwidth_ascii(input);

  // The class tests: must not crash; a few implications that hold for any bytes.
  const bool digits = g::is_ascii_digits(input);
  const bool alnum = g::is_halfwidth_alnum(input);
  (void)g::has_fullwidth_ascii(input);
  (void)g::has_halfwidth_kana(input);
  (void)g::is_fullwidth_katakana_text(input);
  (void)g::has_control_characters(input);
  if (digits) FUZZ_CHECK(alnum, "ASCII digits are not half-width alphanumerics");
  if (alnum) {
    FUZZ_CHECK(ascii == input && kana == input && katakana == input && dashes == input,
               "a fold changed printable ASCII text " + hex(input));
  }

  if (!is_valid_utf8(input)) return 0;

  for (const auto& [name, output] : {std::pair{"fold_label", &label},
                                     {"fold_ascii_width", &ascii},
                                     {"halfwidth_to_fullwidth_kana", &kana},
                                     {"hiragana_to_katakana", &katakana},
                                     {"normalize_dashes", &dashes},
                                     {"to_fullwidth_ascii", &fullwidth}}) {
    FUZZ_CHECK(is_valid_utf8(*output),
               std::string(name) + " made invalid UTF-8 from " + hex(input) + ": " + hex(*output));
  }

  check_idempotent("fold_label", g::fold_label, label, input);
  check_idempotent("fold_ascii_width", g::fold_ascii_width, ascii, input);
  check_idempotent("halfwidth_to_fullwidth_kana", g::halfwidth_to_fullwidth_kana, kana, input);
  check_idempotent("hiragana_to_katakana", g::hiragana_to_katakana, katakana, input);
  check_idempotent("normalize_dashes", g::normalize_dashes, dashes, input);

  FUZZ_CHECK(!g::has_fullwidth_ascii(ascii), "full-width ASCII left after fold_ascii_width");
  FUZZ_CHECK(!g::has_halfwidth_kana(kana), "half-width kana left after the widening");
  FUZZ_CHECK(!any_of_code_points(dashes, [](char32_t cp) { return g::is_dash(cp) && cp != U'-'; }),
             "a dash other than '-' left after normalize_dashes");
  FUZZ_CHECK(
      !any_of_code_points(katakana, [](char32_t cp) { return cp >= 0x3041 && cp <= 0x3096; }),
      "hiragana left after hiragana_to_katakana");
  FUZZ_CHECK(!any_of_code_points(label,
                                 [](char32_t cp) {
                                   return cp == U' ' || cp == U'\t' || cp == 0x3000 ||
                                          cp == 0x00A0 || (cp >= U'A' && cp <= U'Z') ||
                                          (cp >= 0xFF01 && cp <= 0xFF5E) ||
                                          (cp >= 0xFF61 && cp <= 0xFF9F);
                                 }),
             "fold_label left a space, an upper-case letter, full-width ASCII or half-width "
             "kana: " +
                 hex(label));
  FUZZ_CHECK(g::fold_ascii_width(fullwidth) == ascii,
             "fold_ascii_width does not undo to_fullwidth_ascii on " + hex(input));
  FUZZ_CHECK(g::fold_label(ascii) == label, "fold_label differs after fold_ascii_width");
  FUZZ_CHECK(g::fold_label(kana) == label, "fold_label differs after widening the kana");
  return 0;
}
