// unicode_facts_tables.cpp — unicode_facts.hpp for the browser build (no
// ICU): the answers of unicode_tables.hpp, from tables generated from ICU.
#include "grammars/text/unicode_facts.hpp"

#include "grammars/text/unicode_tables.hpp"

namespace gifkit::grammars::unicode_facts {

bool is_mark(char32_t cp) {
  return unicode_tables::is_mark(cp);
}

bool is_hiragana(char32_t cp) {
  return unicode_tables::is_hiragana(cp);
}

std::u32string decomposition(char32_t cp) {
  std::u32string decomposed = unicode_tables::nfd(std::u32string_view(&cp, 1));
  if (decomposed.size() == 1 && decomposed[0] == cp) decomposed.clear();
  return decomposed;
}

std::string safe_nfc(std::string_view valid_utf8) {
  return unicode_tables::safe_nfc(valid_utf8);
}

bool is_safe_nfc(std::string_view valid_utf8) {
  return unicode_tables::is_safe_nfc(valid_utf8);
}

}  // namespace gifkit::grammars::unicode_facts
