// text_units.hpp — what a person sees as one character in UTF-8 text: a
// base code point with the marks that attach to it — an ideographic or
// standard variation selector (邉 + U+E0102: an IVS), a combining kana mark
// (か + U+3099), another combining mark, a half-width sound mark after
// half-width katakana (ｶﾞ) — and a non-BMP ideograph as one unit. The
// character checks (registries/moji) and the 縮退 work on these units. Also
// what cannot be a character: bytes that are not UTF-8, a UTF-16 surrogate
// written in UTF-8 (CESU-8), a selector or mark with nothing before it, a
// private-use code point (外字). And NFC where it is safe: combining
// sequences composed, CJK compatibility ideographs (U+F900–FAFF,
// U+2F800–2FA1F) kept, never NFKC.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gifkit::grammars {

// What is wrong with a unit, when something is.
enum class UnitIssue : std::uint8_t {
  none,
  invalid_utf8,       // a run of bytes that are not UTF-8 (base = U+FFFD)
  encoded_surrogate,  // ED A0–BF xx: a UTF-16 surrogate written in UTF-8; base = its
                      // value, or for a high and low pair (6 bytes) the character it
                      // stands for
  lone_selector,      // a variation selector with no character before it
  lone_mark,          // a combining mark with no character before it
  extra_selector,     // a second variation selector after the first
  private_use,        // a private-use code point (U+E000–F8FF, planes 15–16): 外字
};

// "invalid UTF-8", "a UTF-16 surrogate written in UTF-8", … for messages.
std::string_view unit_issue_text(UnitIssue issue);

struct TextUnit {
  std::size_t offset = 0;  // byte offset of the unit in the text
  std::size_t length = 0;  // its bytes
  std::size_t index = 0;   // 1-based: the unit's place among the text's units
  char32_t base = 0;       // its first code point
  char32_t selector = 0;   // the first variation selector after the base, or 0
  char32_t mark = 0;       // the first combining (or half-width sound) mark, or 0
  std::uint32_t code_points = 0;
  UnitIssue issue = UnitIssue::none;

  bool single() const { return code_points == 1 && issue == UnitIssue::none; }
};

// True for U+FE00–FE0F (standard variation selectors) and U+E0100–E01EF
// (ideographic variation selectors, the IVS of the IVD).
constexpr bool is_variation_selector(char32_t cp) {
  return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

// True for the CJK compatibility ideographs (U+F900–FAFF, U+2F800–2FA1F),
// which MJ keeps as characters of their own (﨑 is not 崎).
constexpr bool is_cjk_compatibility_ideograph(char32_t cp) {
  return (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

// True for the CJK ideographs: the unified blocks (U+3400–4DBF,
// U+4E00–9FFF, planes 2 and 3) and the compatibility ones.
constexpr bool is_ideograph(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0x20000 && cp <= 0x3FFFF) || is_cjk_compatibility_ideograph(cp);
}

// True for private-use code points (U+E000–F8FF, U+F0000–10FFFD).
constexpr bool is_private_use(char32_t cp) {
  return (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0x10FFFD);
}

// True for a code point that attaches to the one before: a variation
// selector, or a combining mark (general category Mn, Mc or Me, read from
// unicode_facts.hpp once into a table: U+3099, U+309A, U+0301 …).
bool is_combining_mark(char32_t cp);

// Reads the units of a text in order. The text must outlive the reader.
class TextUnitReader {
 public:
  explicit TextUnitReader(std::string_view text) : text_(text) {}
  // The next unit, or false at the end.
  bool next(TextUnit& unit);
  // Where the next unit starts.
  std::size_t position() const { return pos_; }

 private:
  // Decodes the code point at pos_ without moving; its byte length in
  // length, 0 for bytes that are not UTF-8 (an encoded surrogate: 3, with
  // surrogate set).
  char32_t peek(std::size_t& length, bool& surrogate) const;

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t index_ = 0;
};

// The code points of a unit's text as "U+9089 U+E0102".
std::string code_points_text(std::string_view utf8);

// NFC of valid UTF-8 text where it is safe: canonical compositions (か +
// U+3099 → が, e + U+0301 → é) and singletons outside the CJK compatibility
// ideographs (U+2126 Ω → Ω); the compatibility ideographs stay as they are.
// Never NFKC: width and compatibility forms are untouched. Invalid UTF-8 is
// returned unchanged.
std::string safe_nfc(std::string_view utf8);

// True when safe_nfc(utf8) == utf8 (a quick check first: most text is).
bool is_safe_nfc(std::string_view utf8);

}  // namespace gifkit::grammars
