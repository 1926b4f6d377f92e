// unicode_facts_icu.cpp — unicode_facts.hpp natively: ICU's general category,
// script, NFD and an NFC filtered to leave the CJK compatibility ideographs.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "grammars/text/unicode_facts.hpp"

namespace gifkit::grammars::unicode_facts {
namespace {

// NFC restricted to everything but the CJK compatibility ideographs.
const icu::Normalizer2& safe_nfc_normalizer() {
  static const std::unique_ptr<icu::FilteredNormalizer2> normalizer = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    static icu::UnicodeSet outside_compatibility(
        icu::UnicodeString::fromUTF8("[^\\uF900-\\uFAFF\\U0002F800-\\U0002FA1F]"), status);
    outside_compatibility.freeze();
    if (U_FAILURE(status) || nfc == nullptr) {
      std::fprintf(stderr, "gifkit: ICU's NFC data is not available\n");
      std::abort();
    }
    return std::make_unique<icu::FilteredNormalizer2>(*nfc, outside_compatibility);
  }();
  return *normalizer;
}

icu::UnicodeString unicode_string(std::string_view utf8) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())));
}

}  // namespace

bool is_mark(char32_t cp) {
  const std::int8_t type = u_charType(static_cast<UChar32>(cp));
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

bool is_hiragana(char32_t cp) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(cp), &status) == USCRIPT_HIRAGANA &&
         U_SUCCESS(status);
}

std::u32string decomposition(char32_t cp) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposed;
  if (U_FAILURE(status) || !nfd->getDecomposition(static_cast<UChar32>(cp), decomposed)) return {};
  std::u32string out;
  for (std::int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1))
    out += static_cast<char32_t>(decomposed.char32At(i));
  return out;
}

bool is_safe_nfc(std::string_view valid_utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const bool normalized = safe_nfc_normalizer().isNormalized(unicode_string(valid_utf8), status);
  return U_FAILURE(status) || normalized;
}

std::string safe_nfc(std::string_view valid_utf8) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString normalized =
      safe_nfc_normalizer().normalize(unicode_string(valid_utf8), status);
  if (U_FAILURE(status)) return std::string(valid_utf8);
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

}  // namespace gifkit::grammars::unicode_facts
