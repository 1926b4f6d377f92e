// unicode_tables_data.hpp — the shape of the Unicode facts gifkit keeps as
// data for the build without ICU (the browser's): unicode_tables_data.cpp,
// generated from ICU by tests/unicode_tables/ and committed, holds them;
// unicode_tables.hpp answers from them.
#pragma once
#include <cstdint>
#include <span>

namespace gifkit::grammars::unicode_tables {

// The code points first…last, both included.
struct CodePointRange {
  char32_t first;
  char32_t last;
};

// The code points first…last share one canonical combining class (not 0).
struct CombiningClassRange {
  char32_t first;
  char32_t last;
  std::uint8_t combining_class;
};

// The canonical decomposition of code_point one level deep (Unicode's
// mapping: one code point, or two): second is 0 for a singleton. composes
// says NFC composes the two back into code_point (a primary composite: not a
// singleton, not a composition exclusion, not a non-starter decomposition).
// Hangul syllables are not listed: they decompose by the algorithm.
struct Decomposition {
  char32_t code_point;
  char32_t first;
  char32_t second;
  bool composes;
};

// The Unicode version of the data, as ICU wrote it ("15.0").
extern const char* const kUnicodeVersion;
// General category Mn, Mc or Me, in order.
extern const std::span<const CodePointRange> kMarkRanges;
// Script=Hiragana, in order.
extern const std::span<const CodePointRange> kHiraganaRanges;
// Every code point whose canonical combining class is not 0, in order.
extern const std::span<const CombiningClassRange> kCombiningClasses;
// Every canonical decomposition but the Hangul syllables', in code point order.
extern const std::span<const Decomposition> kDecompositions;

}  // namespace gifkit::grammars::unicode_tables
