// text_fold.hpp — width and kana folding: the primitives that make 全角/半角
// variants, half-width katakana and the many dash characters comparable, and
// the character-class tests that validation rules are built from.
#pragma once
#include <string>
#include <string_view>

namespace gifkit::grammars {

// True for the characters people type as a dash or hyphen in numbers and
// codes: - ‐ ‑ ‒ – — ― − ﹣ － ⁃ ˗ ➖ ─ ━ and similar. The katakana prolonged
// marks ー and ｰ are not dashes here: deciding that ー between digits means a
// hyphen is the caller's business.
bool is_dash(char32_t cp);

// text without the spaces (ASCII ' ' and U+3000) at its ends.
std::string_view trim_spaces(std::string_view text);
// text without the spaces, tabs and U+3000 at its ends (a value's surrounding blanks).
std::string_view trim_blanks(std::string_view text);

// Full-width ASCII (U+FF01–U+FF5E) to ASCII and U+3000 to U+0020; everything
// else unchanged. Used to compare values regardless of width.
std::string fold_ascii_width(std::string_view utf8);

// Half-width katakana (U+FF61–U+FF9F) to full-width, joining a following
// ﾞ/ﾟ into the voiced/semi-voiced letter (ｶﾞ → ガ, ﾊﾟ → パ, ｳﾞ → ヴ).
std::string halfwidth_to_fullwidth_kana(std::string_view utf8);

// Hiragana (U+3041–U+3096, ゝゞ) to katakana; everything else unchanged.
std::string hiragana_to_katakana(std::string_view utf8);

// ASCII letters, digits and symbols to full-width (U+FF01–U+FF5E) and space to
// U+3000. Used to suggest the 全角 form of a value.
std::string to_fullwidth_ascii(std::string_view utf8);

// Replaces every dash character (is_dash) with '-'.
std::string normalize_dashes(std::string_view utf8);

// normalize_dashes(halfwidth_to_fullwidth_kana(fold_ascii_width(utf8))) in
// one pass (two when there is half-width kana): for callers that fold every
// row of a file.
std::string fold_width_and_dashes(std::string_view utf8);

// The key used to compare item labels (header names): ASCII width folded,
// half-width kana widened, full-width brackets （）［］ to ( ) [ ], all spaces
// removed, ASCII letters lower-cased. 建物名等(方書) and 建物名等（方書） fold equal.
std::string fold_label(std::string_view utf8);

// Character classes of a whole value (empty text is true for all of them).
bool is_ascii_digits(std::string_view text);             // 0-9 only
bool is_halfwidth_alnum(std::string_view text);          // printable ASCII only
bool has_fullwidth_ascii(std::string_view utf8);         // any U+FF01–U+FF5E
bool has_halfwidth_kana(std::string_view utf8);          // any U+FF61–U+FF9F
bool is_fullwidth_katakana_text(std::string_view utf8);  // katakana, ー, ・, spaces
bool has_control_characters(std::string_view utf8);      // C0/C1 controls except TAB

}  // namespace gifkit::grammars
