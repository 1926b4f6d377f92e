// unicode_facts.hpp — the one door to the Unicode facts gifkit takes from
// outside: which code points are combining marks, which are hiragana, a code
// point's canonical decomposition, and NFC that keeps the CJK compatibility
// ideographs. Natively ICU answers (unicode_facts_icu.cpp); the browser build,
// which has no ICU, answers from tables generated from ICU
// (unicode_facts_tables.cpp over unicode_tables.hpp). grammars/CMakeLists.txt
// compiles one of the two, by GIFKIT_BROWSER; nothing else includes ICU.
#pragma once
#include <string>
#include <string_view>

namespace gifkit::grammars::unicode_facts {

// General category Mn, Mc or Me (U+0301, U+3099, U+20DD …).
bool is_mark(char32_t cp);

// Script=Hiragana (ぁ–ゖ, ゝゞゟ, the hentaigana …; not ゛゜ー, which are Common).
bool is_hiragana(char32_t cp);

// The full canonical decomposition of one code point (ễ → e U+0302 U+0303),
// empty when it has none.
std::u32string decomposition(char32_t cp);

// text_units.hpp's safe_nfc and is_safe_nfc, for valid UTF-8 that is not all ASCII.
std::string safe_nfc(std::string_view valid_utf8);
bool is_safe_nfc(std::string_view valid_utf8);

}  // namespace gifkit::grammars::unicode_facts
