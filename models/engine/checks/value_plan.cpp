// value_plan.cpp — see value_plan.hpp. Each shape accepts a subset of what
// check_value passes without a finding: the common, plain form of its type.
// Anything else (spaces around, full-width characters, a second '#', a
// port, a set's sequence of code points) is left to check_value.
#include "models/engine/checks/value_plan.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>

#include "grammars/text/digit_dashes.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"
#include "grammars/values/date.hpp"
#include "grammars/values/identifiers.hpp"
#include "grammars/values/lost_characters.hpp"
#include "models/engine/checks/character_checks.hpp"
#include "models/engine/model/code_lists.hpp"

namespace gifkit::models {
namespace {

constexpr std::size_t kTableWords = 0x10000 / 64;  // a bit per BMP code point

bool is_digit(unsigned char c) {
  return static_cast<unsigned char>(c - '0') < 10;
}

// A code of up to 7 bytes as one number: its bytes, and its length in the
// top byte (so "1" and "1\0" differ).
std::uint64_t pack_code(std::string_view code) {
  assert(code.size() <= 7);
  std::uint64_t packed = static_cast<std::uint64_t>(code.size()) << 56;
  std::memcpy(&packed, code.data(), code.size());  // the low bytes, little-endian or not
  return packed;
}

// True when the 8 bytes of word are all ASCII digits: each is 0x30–0x39,
// that is its high half 3 both as it is and with 6 added to it (no carry
// leaves a byte: 0x3F + 6 < 0x100).
bool word_all_digits(std::uint64_t word) {
  constexpr std::uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ULL;
  constexpr std::uint64_t kThrees = 0x3030303030303030ULL;
  return (word & kHigh) == kThrees && ((word + 0x0606060606060606ULL) & kHigh) == kThrees;
}

// True when value is ASCII digits only: 8 bytes at a time (the last 8 again
// where the size is no multiple of 8).
bool all_digits(std::string_view value) {
  if (value.size() < 8) {
    unsigned bad = 0;
    for (const char c : value) bad |= !is_digit(static_cast<unsigned char>(c));
    return bad == 0;
  }
  std::uint64_t word;
  for (std::size_t at = 0; at + 8 <= value.size(); at += 8) {
    std::memcpy(&word, value.data() + at, 8);
    if (!word_all_digits(word)) return false;
  }
  std::memcpy(&word, value.data() + value.size() - 8, 8);
  return word_all_digits(word);
}

// What check_characters (value_checks.cpp) reports under codes of its own:
// control characters but the tab.
bool is_control_finding(char32_t cp) {
  return (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0);
}

bool is_ascii_alnum(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

// The code points of grammars::is_fullwidth_katakana_text: ァ..ヾ, ・, ー and both spaces.
bool is_katakana_text_cp(char32_t cp) {
  return (cp >= 0x30A1 && cp <= 0x30FE) || cp == U' ' || cp == 0x3000;
}

// The bytes of a URL check_url passes without a look back: in a host's
// labels (letters, digits, '-', '_': 1), and in the path, query and fragment
// (RFC 3986 pchar, '/' and '?': 2; not '%', '#' nor '@', which need more: '@'
// makes kind_of_value try an e-mail address).
struct UrlBytes {
  std::uint8_t kind[256] = {};
  constexpr UrlBytes() {
    for (int c = '0'; c <= '9'; ++c) kind[c] = 3;
    for (int c = 'a'; c <= 'z'; ++c) kind[c] = 3;
    for (int c = 'A'; c <= 'Z'; ++c) kind[c] = 3;
    kind[static_cast<unsigned char>('-')] = 3;
    kind[static_cast<unsigned char>('_')] = 1;
    for (const char c : std::string_view("._~!$&'()*+,;=:/?"))
      kind[static_cast<unsigned char>(c)] |= 2;
  }
  bool in_host_label(char c) const { return (kind[static_cast<unsigned char>(c)] & 1) != 0; }
  bool in_path(char c) const { return (kind[static_cast<unsigned char>(c)] & 2) != 0; }
};
constexpr UrlBytes kUrlBytes;

// An absolute http(s) URL check_url passes at once: the scheme in lower
// case, a host of labels host_name_problem passes (1 to 63 bytes each, no
// '-' at their ends, 253 bytes at most; no user info, no port), then plain
// path bytes and at most one '#'. One pass.
bool is_plain_url(std::string_view value) {
  std::size_t i;
  if (value.starts_with("https://")) {
    i = 8;
  } else if (value.starts_with("http://")) {
    i = 7;
  } else {
    return false;
  }
  const std::size_t host = i;
  std::size_t label = i;
  for (;; ++i) {
    const char c = i < value.size() ? value[i] : '/';  // the end closes the host as '/' does
    if (kUrlBytes.in_host_label(c)) continue;
    if (i == label || i - label > 63 || value[label] == '-' || value[i - 1] == '-') return false;
    if (c == '.') {
      label = i + 1;
      continue;
    }
    if (c != '/' && c != '?' && c != '#') return false;  // a port, user info, …
    break;
  }
  if (i - host > 253) return false;
  bool fragment = false;
  for (; i < value.size(); ++i) {
    const char c = value[i];
    if (kUrlBytes.in_path(c)) continue;
    if (c == '#' && !fragment) {
      fragment = true;
      continue;
    }
    return false;
  }
  return true;
}

// A domestic telephone number PhoneParser passes: digit groups joined by
// single '-' (two groups or more), 0 first, 10 or 11 digits in all.
bool is_plain_phone(std::string_view value) {
  if (value.size() < 11 || value.size() > 16 || value.front() != '0') return false;
  std::size_t digits = 0;
  bool after_dash = true;  // at the start, as after a dash: a digit must come
  std::size_t dashes = 0;
  for (const char c : value) {
    if (is_digit(static_cast<unsigned char>(c))) {
      ++digits;
      after_dash = false;
    } else if (c == '-' && !after_dash) {
      ++dashes;
      after_dash = true;
    } else {
      return false;
    }
  }
  return !after_dash && dashes > 0 && digits >= 10 && digits <= 11;
}

// The plain 番地以下 check_value passes at once: digits joined by single '-'.
bool is_plain_city_block(std::string_view value) {
  bool after_dash = true;
  for (const char c : value) {
    if (is_digit(static_cast<unsigned char>(c))) {
      after_dash = false;
    } else if (c == '-' && !after_dash) {
      after_dash = true;
    } else {
      return false;
    }
  }
  return !after_dash;
}

// value with its full-width digits and hyphens (０-９, －: EF BC 90-99, EF BC
// 8D) made ASCII into folded, as check_phone_number's width folding makes
// them; false when value holds anything but digits and hyphens of either
// width, or no full-width one.
bool fold_fullwidth_phone(std::string_view value, std::string& folded) {
  char out[64] = {};  // a telephone number is far shorter: a longer value is left to check_value
  std::size_t size = 0;
  bool wide = false;
  const auto* p = reinterpret_cast<const unsigned char*>(value.data());
  const auto* const end = p + value.size();
  while (p < end) {
    if (size == sizeof out) return false;
    if (is_digit(*p) || *p == '-') {
      out[size++] = static_cast<char>(*p++);
    } else if (end - p >= 3 && p[0] == 0xEF && p[1] == 0xBC &&
               ((p[2] >= 0x90 && p[2] <= 0x99) || p[2] == 0x8D)) {
      out[size++] = p[2] == 0x8D ? '-' : static_cast<char>('0' + (p[2] - 0x90));
      wide = true;
      p += 3;
    } else {
      return false;
    }
  }
  folded.assign(out, size);
  return wide;
}

// A space or a full-width space at an end of value: check_value trims it (trim-spaces).
bool has_blank_end(std::string_view value) {
  constexpr std::string_view kIdeographicSpace = "\u3000";
  return value.front() == ' ' || value.back() == ' ' || value.front() == '\t' ||
         value.back() == '\t' || value.substr(0, 3) == kIdeographicSpace ||
         (value.size() >= 3 && value.substr(value.size() - 3) == kIdeographicSpace);
}

}  // namespace

ValuePlan::ValuePlan(const FieldSpec& field, const CheckResources& resources)
    : field_(&field), resources_(&resources) {
  count_length_ = field.min_length > 0 || field.max_length > 0;
  switch (field.type) {
    case ValueType::text:
    case ValueType::katakana:
      shape_ = Shape::text;
      for (char32_t c = 0; c < 128; ++c) {
        if (grammars::lost_character_marks().kind_of(c)) continue;  // ?: check_value's to judge
        if (field.type == ValueType::katakana) {
          ascii_ok_[c] = c == U' ';  // the only ASCII of full-width katakana text
        } else {
          ascii_ok_[c] =
              !is_control_finding(c) && !(field.width == Width::fullwidth && is_ascii_alnum(c));
        }
      }
      break;
    case ValueType::corporate_number:
      shape_ = Shape::corporate_number;
      accepted_kind_ = ValueKind::corporate_number;
      break;
    case ValueType::postal_code:
      shape_ = Shape::postal_code;
      accepted_kind_ = ValueKind::postal_code;
      break;
    case ValueType::date:
      shape_ = Shape::date;
      accepted_kind_ = ValueKind::date;
      break;
    case ValueType::phone:
      shape_ = Shape::phone;
      accepted_kind_ = ValueKind::phone;
      break;
    case ValueType::url:
      shape_ = Shape::url;
      accepted_kind_ = ValueKind::url;
      break;
    case ValueType::city_block:
      shape_ = Shape::city_block;
      break;
    case ValueType::halfwidth_alnum:
      shape_ = Shape::halfwidth_alnum;
      break;
    case ValueType::code: {
      const auto* entries = resources.code_lists != nullptr && !field.codelist.empty()
                                ? resources.code_lists->find(field.codelist)
                                : nullptr;
      if (entries == nullptr) break;  // no list: check_value's own rules, rare
      shape_ = Shape::code;
      // A code with blanks at its ends is trimmed by check_value: not vouched for.
      for (const CodeEntry& entry : *entries) {
        if (entry.code.empty() || grammars::trim_blanks(entry.code).size() != entry.code.size())
          continue;
        if (entry.code.size() <= 7) {
          short_codes_.push_back(pack_code(entry.code));
        } else {
          long_codes_.insert(entry.code);
        }
      }
      std::sort(short_codes_.begin(), short_codes_.end());
      break;
    }
    default:
      break;  // the other types: check_value
  }
  // 13, 7 or 10–11 digits, YYYY-MM-DD, http(s)://: never 12 digits with a
  // digit first, nor '*' first.
  no_individual_number_ = accepted_kind_.has_value();
  assert(!accepted_kind_ || *accepted_kind_ == kind_of_field(field));
}

// The table of code points a value with non-ASCII characters may hold with
// no finding of check_characters, check_width or check_katakana.
void ValuePlan::build_table() const {
  assert(shape_ == Shape::text && field_ != nullptr && resources_ != nullptr);
  const FieldSpec& field = *field_;
  const CharacterChecker* checker = resources_->characters;
  const registries::moji::CharacterSet* set =
      checker != nullptr ? checker->set_for(field) : nullptr;
  const bool katakana = field.type == ValueType::katakana;
  const bool address_line = is_address_line(field);
  // Full-width katakana text passes check_value at once where the set holds it all.
  const bool katakana_held =
      katakana && (checker == nullptr || checker->holds_katakana_text(field));
  auto table = std::make_unique<std::uint64_t[]>(kTableWords);
  std::memset(table.get(), 0, kTableWords * sizeof(std::uint64_t));
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    bool ok;
    if (katakana) {
      ok = is_katakana_text_cp(cp) && (katakana_held || set == nullptr || set->contains(cp));
    } else {
      ok = !is_control_finding(cp) && !CharacterChecker::is_halfwidth_katakana(cp) &&
           (set == nullptr || !CharacterChecker::needs_report(*set, cp));
      if (field.width == Width::fullwidth && is_ascii_alnum(cp)) ok = false;
      if (field.width == Width::halfwidth && cp >= 0xFF01 && cp <= 0xFF5E) ok = false;
      // An address line's numbers are half-width: full-width digits and the
      // dashes (not ー, a long vowel after kana) go to check_value.
      if (address_line && ((cp >= U'０' && cp <= U'９') ||
                           (grammars::is_dash_like(cp) && cp != U'ー' && cp >= 0x80)))
        ok = false;
    }
    if (grammars::lost_character_marks().kind_of(cp)) ok = false;  // ？ U+FFFD 〓: check_value's
    if (ok) table[cp >> 6] |= std::uint64_t{1} << (cp & 63);
  }
  table_ = std::move(table);
}

// One pass over value: its code points all in the table (its ASCII bytes in
// ascii_ok_ when it is all ASCII); characters counts its code points.
bool ValuePlan::accepts_text(std::string_view value, std::size_t& characters) const {
  const auto* const begin = reinterpret_cast<const unsigned char*>(value.data());
  const auto* const end = begin + value.size();
  const auto* p = begin;
  std::uint64_t ascii_seen[2] = {0, 0};  // the ASCII bytes before the first other, a bit each
  for (; p < end && *p < 0x80; ++p) {
    if (!ascii_ok_[*p]) return false;
    ascii_seen[*p >> 6] |= std::uint64_t{1} << (*p & 63);
  }
  std::size_t count = static_cast<std::size_t>(p - begin);
  if (p == end) {
    characters = count;
    return true;
  }
  if (!table_) build_table();
  const std::uint64_t* const table = table_.get();
  // The ASCII characters of a value with other characters are asked of the set too
  // (the table holds no ASCII byte ascii_ok_ refuses).
  if (((ascii_seen[0] & ~table[0]) | (ascii_seen[1] & ~table[1])) != 0) return false;
  while (p < end) {
    // Kana, kanji and full-width forms (E1–EF and two continuation bytes) in
    // a tight loop: the place of the code point in the table is cp >> 6, its
    // bit cp & 63 (surrogates, ED A0–BF, are not held).
    while (end - p >= 3 && static_cast<unsigned>(*p - 0xE1) <= 0x0E) {
      const unsigned second = p[1], third = p[2];
      if ((((second ^ 0x80) | (third ^ 0x80)) & 0xC0) != 0) return false;
      if (((table[((*p & 0x0F) << 6) | (second & 0x3F)] >> (third & 0x3F)) & 1) == 0) return false;
      p += 3;
      ++count;
    }
    if (p == end) break;
    const unsigned byte = *p;
    unsigned word;  // as above: cp >> 6 and cp & 63
    unsigned bit;
    if (byte < 0x80) {
      word = byte >> 6;
      bit = byte & 63;
      ++p;
    } else if (byte >= 0xC2 && byte <= 0xDF && end - p >= 2) {
      if ((p[1] & 0xC0) != 0x80) return false;
      word = byte & 0x1F;
      bit = p[1] & 0x3F;
      p += 2;
    } else if (byte == 0xE0 && end - p >= 3 && p[1] >= 0xA0 && p[1] <= 0xBF &&
               (p[2] & 0xC0) == 0x80) {  // U+0800–U+0FFF (E0 80–9F would be overlong)
      word = p[1] & 0x3F;
      bit = p[2] & 0x3F;
      p += 3;
    } else {
      return false;  // four bytes (outside the BMP), E1–EF cut short, not UTF-8: check_value
    }
    if (((table[word] >> bit) & 1) == 0) return false;
    ++count;
  }
  characters = count;
  return true;
}

bool ValuePlan::accepts(std::string_view value) const {
  assert(!value.empty());
  std::size_t characters = value.size();  // ASCII shapes: a byte a character
  switch (shape_) {
    case Shape::none:
      return false;
    case Shape::text:
      if (has_blank_end(value) || !accepts_text(value, characters)) return false;
      break;
    case Shape::corporate_number:
      if (value.size() != 13 || !all_digits(value) ||
          value[0] - '0' != grammars::corporate_number_check_digit(value.substr(1)))
        return false;
      break;
    case Shape::postal_code:
      if (value.size() != 7 || !all_digits(value)) return false;
      break;
    case Shape::date:
      if (!grammars::parse_iso_date(value)) return false;
      break;
    case Shape::phone:
      if (!is_plain_phone(value)) return false;
      break;
    case Shape::url:
      if (!is_plain_url(value)) return false;
      break;
    case Shape::code:
      if (value.size() <= 7
              ? !std::binary_search(short_codes_.begin(), short_codes_.end(), pack_code(value))
              : long_codes_.count(value) == 0)
        return false;
      break;
    case Shape::city_block:
      if (!is_plain_city_block(value)) return false;
      break;
    case Shape::halfwidth_alnum:
      if (!grammars::is_halfwidth_alnum(value) || has_blank_end(value) ||
          value.find('?') != std::string_view::npos)
        return false;
      break;
  }
  const FieldSpec& field = *field_;
  if (!field.values.empty() &&
      std::find(field.values.begin(), field.values.end(), value) == field.values.end())
    return false;
  if (count_length_) {
    if (shape_ != Shape::text) characters = grammars::count_code_points(value);
    if (field.max_length > 0 && characters > static_cast<std::size_t>(field.max_length))
      return false;
    if (field.min_length > 0 && characters < static_cast<std::size_t>(field.min_length))
      return false;
  }
  return true;
}

bool ValuePlan::fixes(std::string_view value, std::string& to, std::string_view& rule) const {
  assert(!value.empty());
  switch (shape_) {
    case Shape::date: {
      // check_date: not YYYY-MM-DD, read as a real date → invalid_format,
      // the ISO form proposed (never only the width: the text holds '/',
      // '.', 年 or an era); add_verdict names the fix date-form. No blank
      // at either end (no trim-spaces first).
      const std::optional<grammars::CalendarDate> date = grammars::read_usual_date(value);
      if (!date) return false;
      to = grammars::format_iso_date(*date);
      rule = "date-form";
      return true;
    }
    case Shape::phone:
      // check_phone_number: the value (not ASCII) fails PhoneParser; folded,
      // it is digit groups joined by '-' that PhoneParser passes (as
      // is_plain_phone says), the repair is the folding alone →
      // wrong_width, which add_verdict names halfwidth-ascii.
      if (!fold_fullwidth_phone(value, to) || !is_plain_phone(to)) return false;
      rule = "halfwidth-ascii";
      return true;
    default:
      return false;
  }
}

std::vector<ValuePlan> compile_value_plans(const std::vector<const FieldSpec*>& fields,
                                           const CheckResources& resources) {
  std::vector<ValuePlan> plans;
  plans.reserve(fields.size());
  for (const FieldSpec* field : fields) {
    if (field == nullptr) {
      plans.emplace_back();
    } else {
      plans.emplace_back(*field, resources);
    }
  }
  return plans;
}

}  // namespace gifkit::models
