// text_fold.cpp — width and kana folding (全角/半角 ASCII, 半角カナ, ひらがな),
// dash normalisation and whole-value character classes. All functions take
// UTF-8; invalid bytes are passed through unchanged by the folding functions
// and make the "is_*" class tests false.
#include "grammars/text/text_fold.hpp"

#include <optional>

#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {

namespace {

constexpr char32_t kFullwidthFirst = 0xFF01;  // ！
constexpr char32_t kFullwidthLast = 0xFF5E;   // ～
constexpr char32_t kFullwidthOffset = 0xFF01 - 0x21;
constexpr char32_t kIdeographicSpace = 0x3000;

bool is_fullwidth_ascii(char32_t cp) {
  return cp >= kFullwidthFirst && cp <= kFullwidthLast;
}
bool is_halfwidth_kana(char32_t cp) {
  return cp >= 0xFF61 && cp <= 0xFF9F;
}

// Full-width forms of U+FF61..U+FF9F, in order.
constexpr char16_t kHalfwidthKanaToFullwidth[] = {
    u'。', u'「', u'」', u'、', u'・', u'ヲ', u'ァ', u'ィ', u'ゥ', u'ェ', u'ォ', u'ャ', u'ュ',
    u'ョ', u'ッ', u'ー', u'ア', u'イ', u'ウ', u'エ', u'オ', u'カ', u'キ', u'ク', u'ケ', u'コ',
    u'サ', u'シ', u'ス', u'セ', u'ソ', u'タ', u'チ', u'ツ', u'テ', u'ト', u'ナ', u'ニ', u'ヌ',
    u'ネ', u'ノ', u'ハ', u'ヒ', u'フ', u'ヘ', u'ホ', u'マ', u'ミ', u'ム', u'メ', u'モ', u'ヤ',
    u'ユ', u'ヨ', u'ラ', u'リ', u'ル', u'レ', u'ロ', u'ワ', u'ン', u'゛', u'゜'};
static_assert(sizeof(kHalfwidthKanaToFullwidth) / sizeof(char16_t) == 0xFF9F - 0xFF61 + 1);

constexpr char32_t kHalfwidthVoicedMark = 0xFF9E;      // ﾞ
constexpr char32_t kHalfwidthSemiVoicedMark = 0xFF9F;  // ﾟ

// The voiced letter for a full-width katakana (カ → ガ, ウ → ヴ), or 0.
char32_t voiced_katakana(char32_t cp) {
  switch (cp) {
    case U'ウ':
      return U'ヴ';
    case U'ワ':
      return U'ヷ';
    case U'ヲ':
      return U'ヺ';
    case U'ツ':
      return U'ヅ';
    default:
      break;
  }
  // カキクケコ サシスセソ タチ: every other code point from カ to チ.
  if (cp >= U'カ' && cp <= U'チ' && (cp - U'カ') % 2 == 0) return cp + 1;
  if (cp == U'テ' || cp == U'ト') return cp + 1;
  // ハヒフヘホ: every third code point (ハ バ パ ヒ ビ ピ ...).
  if (cp >= U'ハ' && cp <= U'ホ' && (cp - U'ハ') % 3 == 0) return cp + 1;
  return 0;
}

// The semi-voiced letter for ハヒフヘホ (ハ → パ), or 0.
char32_t semi_voiced_katakana(char32_t cp) {
  if (cp >= U'ハ' && cp <= U'ホ' && (cp - U'ハ') % 3 == 0) return cp + 2;
  return 0;
}

// The code point of utf8 at pos, pos moved past it; or none for a byte that
// starts no valid sequence, which is copied to out as it is (pos past it).
std::optional<char32_t> valid_code_point_or_copy(std::string_view utf8, std::size_t& pos,
                                                 std::string& out) {
  const std::size_t start = pos;
  const char32_t cp = decode_utf8(utf8, pos);
  if (cp == kReplacementChar && pos == start + 1) {
    out.push_back(utf8[start]);
    return std::nullopt;
  }
  return cp;
}

// Applies map_code_point to every valid code point of utf8; invalid bytes are
// copied as they are.
template <typename MapCodePoint>
std::string map_code_points(std::string_view utf8, MapCodePoint map_code_point) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const std::optional<char32_t> cp = valid_code_point_or_copy(utf8, pos, out);
    if (cp) append_utf8(out, map_code_point(*cp));
  }
  return out;
}

// True when every code point of utf8 satisfies accept (false on invalid UTF-8).
template <typename Predicate>
bool all_code_points(std::string_view utf8, Predicate accept) {
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(utf8, pos);
    if (cp == kReplacementChar && pos == start + 1) return false;
    if (!accept(cp)) return false;
  }
  return true;
}

// True when some valid code point of utf8 satisfies wanted.
template <typename Predicate>
bool any_code_point(std::string_view utf8, Predicate wanted) {
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    if (static_cast<unsigned char>(utf8[pos]) < 0x80) {
      if (wanted(static_cast<char32_t>(utf8[pos]))) return true;
      ++pos;
      continue;
    }
    if (wanted(decode_utf8(utf8, pos))) return true;
  }
  return false;
}

char32_t fold_ascii_width_cp(char32_t cp) {
  if (is_fullwidth_ascii(cp)) return cp - kFullwidthOffset;
  if (cp == kIdeographicSpace) return U' ';
  return cp;
}

bool is_space_for_labels(char32_t cp) {
  return cp == U' ' || cp == U'\t' || cp == kIdeographicSpace || cp == 0x00A0;
}

}  // namespace

bool is_dash(char32_t cp) {
  switch (cp) {
    case 0x002D:  // - hyphen-minus
    case 0x02D7:  // ˗ modifier letter minus sign
    case 0x2010:  // ‐ hyphen
    case 0x2011:  // ‑ non-breaking hyphen
    case 0x2012:  // ‒ figure dash
    case 0x2013:  // – en dash
    case 0x2014:  // — em dash
    case 0x2015:  // ― horizontal bar
    case 0x2043:  // ⁃ hyphen bullet
    case 0x2212:  // − minus sign
    case 0x2500:  // ─ box drawings light horizontal
    case 0x2501:  // ━ box drawings heavy horizontal
    case 0x2796:  // ➖ heavy minus sign
    case 0x2E3A:  // ⸺ two-em dash
    case 0x2E3B:  // ⸻ three-em dash
    case 0xFE58:  // ﹘ small em dash
    case 0xFE63:  // ﹣ small hyphen-minus
    case 0xFF0D:  // － full-width hyphen-minus
      return true;
    default:
      return false;
  }
}

namespace {

// text without ' ' (and '\t' when tabs) and U+3000 at its ends.
std::string_view trim_ends(std::string_view text, bool tabs) {
  constexpr std::string_view kIdeographicSpace = "\u3000";
  auto blank = [tabs](char c) { return c == ' ' || (tabs && c == '\t'); };
  while (true) {
    if (!text.empty() && blank(text.front())) {
      text.remove_prefix(1);
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
    } else if (!text.empty() && blank(text.back())) {
      text.remove_suffix(1);
    } else if (text.ends_with(kIdeographicSpace)) {
      text.remove_suffix(kIdeographicSpace.size());
    } else {
      return text;
    }
  }
}

}  // namespace

std::string_view trim_spaces(std::string_view text) {
  return trim_ends(text, false);
}

std::string_view trim_blanks(std::string_view text) {
  return trim_ends(text, true);
}

std::string fold_ascii_width(std::string_view utf8) {
  return map_code_points(utf8, fold_ascii_width_cp);
}

std::string halfwidth_to_fullwidth_kana(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const std::optional<char32_t> cp = valid_code_point_or_copy(utf8, pos, out);
    if (!cp) continue;
    if (!is_halfwidth_kana(*cp)) {
      append_utf8(out, *cp);
      continue;
    }
    const char32_t wide = kHalfwidthKanaToFullwidth[*cp - 0xFF61];
    // Join a following ﾞ / ﾟ when the letter has a combined form.
    if (pos < utf8.size()) {
      std::size_t next_pos = pos;
      const char32_t next = decode_utf8(utf8, next_pos);
      char32_t joined = 0;
      if (next == kHalfwidthVoicedMark) joined = voiced_katakana(wide);
      if (next == kHalfwidthSemiVoicedMark) joined = semi_voiced_katakana(wide);
      if (joined != 0) {
        append_utf8(out, joined);
        pos = next_pos;
        continue;
      }
    }
    append_utf8(out, wide);
  }
  return out;
}

std::string hiragana_to_katakana(std::string_view utf8) {
  return map_code_points(utf8, [](char32_t cp) -> char32_t {
    const bool is_hiragana = (cp >= 0x3041 && cp <= 0x3096) || cp == U'ゝ' || cp == U'ゞ';
    return is_hiragana ? cp + 0x60 : cp;
  });
}

std::string to_fullwidth_ascii(std::string_view utf8) {
  return map_code_points(utf8, [](char32_t cp) -> char32_t {
    if (cp == U' ') return kIdeographicSpace;
    if (cp >= 0x21 && cp <= 0x7E) return cp + kFullwidthOffset;
    return cp;
  });
}

std::string normalize_dashes(std::string_view utf8) {
  return map_code_points(utf8, [](char32_t cp) -> char32_t { return is_dash(cp) ? U'-' : cp; });
}

std::string fold_width_and_dashes(std::string_view utf8) {
  // Half-width kana (U+FF61–FF9F) and full-width ASCII (U+FF01–FF5E) are
  // disjoint and neither maps to a dash but '－', so the order of the three
  // folds does not matter: widen the kana first when there is any.
  if (has_halfwidth_kana(utf8)) return fold_width_and_dashes(halfwidth_to_fullwidth_kana(utf8));
  return map_code_points(utf8, [](char32_t cp) -> char32_t {
    cp = fold_ascii_width_cp(cp);
    return is_dash(cp) ? U'-' : cp;
  });
}

std::string fold_label(std::string_view utf8) {
  const std::string widened = halfwidth_to_fullwidth_kana(utf8);
  std::string out;
  out.reserve(widened.size());
  std::size_t pos = 0;
  while (pos < widened.size()) {
    const std::optional<char32_t> valid = valid_code_point_or_copy(widened, pos, out);
    if (!valid || is_space_for_labels(*valid)) continue;
    char32_t cp = fold_ascii_width_cp(*valid);  // （）［］ become ( ) [ ] here too
    if (cp >= U'A' && cp <= U'Z') cp += U'a' - U'A';
    append_utf8(out, cp);
  }
  return out;
}

bool is_ascii_digits(std::string_view text) {
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool is_halfwidth_alnum(std::string_view text) {
  for (const char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

bool has_fullwidth_ascii(std::string_view utf8) {
  return any_code_point(utf8, is_fullwidth_ascii);
}

bool has_halfwidth_kana(std::string_view utf8) {
  return any_code_point(utf8, is_halfwidth_kana);
}

bool is_fullwidth_katakana_text(std::string_view utf8) {
  return all_code_points(utf8, [](char32_t cp) {
    // ァ..ヺ, ・, ー, ヽ, ヾ and both spaces.
    return (cp >= 0x30A1 && cp <= 0x30FE) || cp == U' ' || cp == kIdeographicSpace;
  });
}

bool has_control_characters(std::string_view utf8) {
  return any_code_point(
      utf8, [](char32_t cp) { return (cp < 0x20 && cp != U'\t') || (cp >= 0x7F && cp <= 0x9F); });
}

}  // namespace gifkit::grammars
