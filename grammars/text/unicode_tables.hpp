// unicode_tables.hpp — the Unicode facts gifkit needs, answered from the
// tables of unicode_tables_data.cpp (generated from ICU and committed) with
// no ICU at all: combining marks, the hiragana script, canonical combining
// classes, NFD and NFC (compositions, Hangul by the algorithm). The browser
// build answers unicode_facts.hpp from here; natively ICU does, and unit test
// unicode-tables-1.x proves the two agree on every code point and real text.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace gifkit::grammars::unicode_tables {

// General category Mn, Mc or Me.
bool is_mark(char32_t cp);
// Script=Hiragana.
bool is_hiragana(char32_t cp);
// The canonical combining class (0 for a starter).
std::uint8_t combining_class(char32_t cp);

// NFD: the full canonical decomposition, marks in canonical order.
std::u32string nfd(std::u32string_view text);
// NFC; with keep_compatibility_ideographs, the CJK compatibility ideographs
// (U+F900–FAFF, U+2F800–2FA1F) are left as they are and the text between
// them is normalized piece by piece (as ICU's FilteredNormalizer2 does).
std::u32string nfc(std::u32string_view text, bool keep_compatibility_ideographs = false);

// NFC keeping the compatibility ideographs, of valid UTF-8 (text_units.hpp's
// safe_nfc), and whether the text is so already.
std::string safe_nfc(std::string_view valid_utf8);
bool is_safe_nfc(std::string_view valid_utf8);

}  // namespace gifkit::grammars::unicode_tables
