// unicode_tables_writer.cpp — see unicode_tables_writer.hpp. Every code point
// U+0000–U+10FFFF is asked of ICU: its general category (marks), its script
// (hiragana), its canonical combining class and its one-level canonical
// decomposition, and whether NFC composes that back.
#include "tests/unicode_tables/unicode_tables_writer.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <cstdio>
#include <functional>
#include <stdexcept>

namespace gifkit::tests {
namespace {

constexpr UChar32 kLastCodePoint = 0x10FFFF;

std::string hex(UChar32 cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "0x%04X", static_cast<unsigned>(cp));
  return buffer;
}

// "{0x0300, 0x036F},\n" for each run of code points that pass.
std::string ranges(const std::function<bool(UChar32)>& pass) {
  std::string text;
  for (UChar32 cp = 0; cp <= kLastCodePoint; ++cp) {
    if (!pass(cp)) continue;
    UChar32 last = cp;
    while (last < kLastCodePoint && pass(last + 1)) ++last;
    text += "    {" + hex(cp) + ", " + hex(last) + "},\n";
    cp = last;
  }
  return text;
}

std::string combining_classes() {
  std::string text;
  for (UChar32 cp = 0; cp <= kLastCodePoint; ++cp) {
    const std::uint8_t ccc = u_getCombiningClass(cp);
    if (ccc == 0) continue;
    UChar32 last = cp;
    while (last < kLastCodePoint && u_getCombiningClass(last + 1) == ccc) ++last;
    text += "    {" + hex(cp) + ", " + hex(last) + ", " + std::to_string(ccc) + "},\n";
    cp = last;
  }
  return text;
}

std::string decompositions(const icu::Normalizer2& nfc) {
  std::string text;
  for (UChar32 cp = 0; cp <= kLastCodePoint; ++cp) {
    if (cp >= 0xAC00 && cp <= 0xD7A3) continue;  // Hangul: by the algorithm
    icu::UnicodeString mapping;
    if (!nfc.getRawDecomposition(cp, mapping)) continue;
    const UChar32 first = mapping.char32At(0);
    const std::int32_t after = mapping.moveIndex32(0, 1);
    UChar32 second = 0;
    if (after < mapping.length()) {
      second = mapping.char32At(after);
      if (mapping.moveIndex32(after, 1) != mapping.length())
        throw std::runtime_error("a canonical decomposition of more than two code points: " +
                                 hex(cp));
    }
    const bool composes = second != 0 && nfc.composePair(first, second) == cp;
    text += "    {" + hex(cp) + ", " + hex(first) + ", " + hex(second) + ", " +
            (composes ? "true" : "false") + "},\n";
  }
  return text;
}

}  // namespace

std::string unicode_tables_source() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || nfc == nullptr) throw std::runtime_error("ICU's NFC data is missing");
  UVersionInfo version;
  u_getUnicodeVersion(version);
  const std::string unicode = std::to_string(static_cast<int>(version[0])) + "." +
                              std::to_string(static_cast<int>(version[1]));
  auto is_mark = [](UChar32 cp) {
    const std::int8_t type = u_charType(cp);
    return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
           type == U_ENCLOSING_MARK;
  };
  auto is_hiragana = [](UChar32 cp) {
    UErrorCode error = U_ZERO_ERROR;
    return uscript_getScript(cp, &error) == USCRIPT_HIRAGANA && U_SUCCESS(error);
  };
  std::string text;
  text +=
      "// unicode_tables_data.cpp — GENERATED from ICU (Unicode " + unicode +
      ") by\n"
      "// tests/unicode_tables/; do not edit. Regenerate: " +
      std::string(kRegenerateCommand) +
      ".\n"
      "// The Unicode facts of the build without ICU (the browser's): combining marks, the\n"
      "// hiragana script, canonical combining classes and decompositions (unicode_tables.hpp\n"
      "// reads them). A C++ source rather than a .tsv of models/dictionaries/: grammars/text/\n"
      "// is the lowest room and reads nothing of dictionaries/ (its reader and its embedded\n"
      "// files), and constant arrays need no parsing at start-up in the browser. One entry a\n"
      "// line, so a diff after an ICU upgrade names the code points that changed.\n"
      "#include \"grammars/text/unicode_tables_data.hpp\"\n\n"
      "namespace gifkit::grammars::unicode_tables {\n"
      "namespace {\n\n"
      "// clang-format off\n";
  text += "const CodePointRange kGeneratedMarks[] = {\n" + ranges(is_mark) + "};\n\n";
  text += "const CodePointRange kGeneratedHiragana[] = {\n" + ranges(is_hiragana) + "};\n\n";
  text += "const CombiningClassRange kGeneratedClasses[] = {\n" + combining_classes() + "};\n\n";
  text += "const Decomposition kGeneratedDecompositions[] = {\n" + decompositions(*nfc) + "};\n";
  text +=
      "// clang-format on\n\n"
      "}  // namespace\n\n"
      "const char* const kUnicodeVersion = \"" +
      unicode +
      "\";\n"
      "const std::span<const CodePointRange> kMarkRanges{kGeneratedMarks};\n"
      "const std::span<const CodePointRange> kHiraganaRanges{kGeneratedHiragana};\n"
      "const std::span<const CombiningClassRange> kCombiningClasses{kGeneratedClasses};\n"
      "const std::span<const Decomposition> kDecompositions{kGeneratedDecompositions};\n\n"
      "}  // namespace gifkit::grammars::unicode_tables\n";
  return text;
}

}  // namespace gifkit::tests
