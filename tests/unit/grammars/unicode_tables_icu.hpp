// unicode_tables_icu.hpp — ICU's answers, for the tests that prove the tables
// of grammars/text/unicode_tables.hpp equal them: NFD, NFC and the NFC that
// keeps the CJK compatibility ideographs (as unicode_facts_icu.cpp makes it),
// over UTF-32.
#pragma once
#include <unicode/normalizer2.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>
#include <string_view>

#include "grammars/text/utf8.hpp"

namespace gifkit::tests {

inline std::u32string icu_u32(const icu::UnicodeString& text) {
  std::u32string out;
  for (std::int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1))
    out += static_cast<char32_t>(text.char32At(i));
  return out;
}

inline icu::UnicodeString icu_text(std::u32string_view text) {
  return icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(text.data()),
                                       static_cast<std::int32_t>(text.size()));
}

// Valid UTF-8 as code points.
inline std::u32string utf32_of(std::string_view utf8) {
  std::u32string text;
  for (std::size_t pos = 0; pos < utf8.size();) text += gifkit::grammars::decode_utf8(utf8, pos);
  return text;
}

enum class IcuForm { nfd, nfc, safe_nfc };

inline const icu::Normalizer2& icu_normalizer(IcuForm form) {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  static const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  static icu::UnicodeSet outside(
      icu::UnicodeString::fromUTF8("[^\\uF900-\\uFAFF\\U0002F800-\\U0002FA1F]"), status);
  static const icu::FilteredNormalizer2 safe(*nfc, *outside.freeze());
  return form == IcuForm::nfd ? *nfd : form == IcuForm::nfc ? *nfc : safe;
}

inline std::u32string icu_normalized(IcuForm form, std::u32string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  return icu_u32(icu_normalizer(form).normalize(icu_text(text), status));
}

}  // namespace gifkit::tests
