// detail/phone_number.hpp — the DS-445 telephone-number grammar behind
// check_phone_number: PhoneParser, the strict allocation-free validator, and
// the repair that rebuilds a loosely written value (other separators, missing
// hyphens, misplaced parentheses, 内線 variants) into the DS-445 form.
// Private to contact.cpp.
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/text/utf8.hpp"
#include "grammars/values/detail/ascii_text.hpp"

namespace gifkit::grammars::detail::contact {

inline constexpr std::string_view kExtensionJa = " 内線";
inline constexpr std::string_view kExtensionEn = " Ext.";

// The strict DS-445 grammar over a whole value. parse() returns nullptr when
// the value is valid, else a short description of the first problem.
class PhoneParser {
 public:
  explicit PhoneParser(std::string_view text) : text_(text) {}

  const char* parse() {
    if (text_.empty()) return "empty; expected a telephone number such as 03-5253-5111";
    while (true) {
      if (const char* problem = parse_number()) return problem;
      if (at(kExtensionJa) || at(kExtensionEn)) {
        if (const char* problem = parse_extension()) return problem;
      }
      if (pos_ == text_.size()) return nullptr;
      if (at(" / ")) {
        pos_ += 3;
        continue;
      }
      if (at("内線") || at("Ext") || at("(内線") || at(" (内線")) {
        return "an extension is written after one space as 内線999 or Ext.999";
      }
      const char c = text_[pos_];
      const std::string_view rest = text_.substr(pos_ + 1);
      const bool number_follows =
          !rest.empty() && (is_digit(rest[0]) || rest[0] == '+' ||
                            (rest.size() > 1 && rest[0] == '(' && is_digit(rest[1])));
      if (c == '/' || c == ',' || (c == ' ' && number_follows)) {
        return "several numbers are joined by ' / '";
      }
      return "unexpected text after the number (notes such as (代表) belong in another column)";
    }
  }

 private:
  bool at(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }

  std::size_t read_digits() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    return pos_ - start;
  }

  const char* parse_number() {
    if (at("+")) {
      ++pos_;
      const std::size_t country_start = pos_;
      const std::size_t country_digits = read_digits();
      if (country_digits == 0 || country_digits > 3 || text_[country_start] == '0') {
        return "expected a country code of 1-3 digits after '+'";
      }
      const std::string_view country = text_.substr(country_start, country_digits);
      if (at("-")) return "one space, not '-', follows the country code";
      if (at(" ")) ++pos_;
      return parse_national(country);
    }
    if (at("#")) {  // #7119 and other 4-digit short dial numbers
      ++pos_;
      return read_digits() == 4 ? nullptr : "expected 4 digits after '#'";
    }
    return parse_national({});
  }

  // The national number; `country` is empty for the domestic form.
  const char* parse_national(std::string_view country) {
    const std::size_t start = pos_;
    std::size_t digits = 0;
    std::size_t groups = 0;
    const bool parenthesised = at("(");
    if (parenthesised) {
      ++pos_;
      const std::size_t area = read_digits();
      if (area == 0 || !at(")")) return "parentheses must hold the area code digits only";
      ++pos_;
      digits += area;
      ++groups;
    }
    std::size_t group = read_digits();
    if (group == 0) return "expected the digits of a telephone number";
    digits += group;
    ++groups;
    while (at("-")) {
      ++pos_;
      if ((group = read_digits()) == 0) return "empty group between '-' separators";
      digits += group;
      ++groups;
    }
    if ((at("(") && !at("(内線")) || at(")")) {
      return "parentheses only go around the area code at the start";
    }

    // The first three digits, skipping '(' and ')'.
    char prefix[3] = {0, 0, 0};
    for (std::size_t i = start, n = 0; i < pos_ && n < 3; ++i) {
      if (is_digit(text_[i])) prefix[n++] = text_[i];
    }
    if (country.empty()) {
      if (groups == 1 && digits == 3 && prefix[0] == '1') return nullptr;  // 110, 119, 189
      if (groups == 1) return "digits without '-' separators";
      if (prefix[0] != '0') return "a domestic number starts with 0";
      if (digits < 10 || digits > 11) return "a domestic number has 10 or 11 digits";
      const bool mobile =
          (prefix[1] == '7' || prefix[1] == '8' || prefix[1] == '9') && prefix[2] == '0';
      if (parenthesised && mobile) return "mobile numbers are written without parentheses";
      return nullptr;
    }
    if (groups == 1) return "digits without '-' separators";
    if (country == "81") {
      if (prefix[0] == '0') return "the international form drops the leading 0 (+81 3-5253-5111)";
      if (digits < 9 || digits > 10) return "a Japanese number has 9 or 10 digits after +81";
      return nullptr;
    }
    if (digits < 4 || digits + country.size() > 15) return "wrong number of digits for E.164";
    return nullptr;
  }

  // " 内線999" or " Ext.999", then optionally " / 998 / 997".
  const char* parse_extension() {
    pos_ += at(kExtensionJa) ? kExtensionJa.size() : kExtensionEn.size();
    if (read_digits() == 0) return "the extension number follows 内線 / Ext. without a space";
    while (at(" / ")) {
      const std::size_t saved = pos_;
      pos_ += 3;
      if (read_digits() > 0 && (pos_ == text_.size() || at(" / "))) continue;
      pos_ = saved;  // not an extension: the next number
      break;
    }
    return nullptr;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

// Splits digits written without separators where the grouping is certain:
// mobile / IP (0X0-XXXX-XXXX), 0120-XXXXXX, 0800-XXX-XXXX, 03/06-XXXX-XXXX.
inline std::vector<std::string> split_known_prefix(const std::string& d) {
  const auto cut = [&d](std::initializer_list<std::size_t> sizes) {
    std::vector<std::string> groups;
    std::size_t pos = 0;
    for (const std::size_t size : sizes) {
      groups.push_back(d.substr(pos, size));
      pos += size;
    }
    return groups;
  };
  if (d.size() == 10 && d.starts_with("0120")) return cut({4, 6});
  if (d.size() == 11 && d.starts_with("0800")) return cut({4, 3, 4});  // before 080
  if (d.size() == 11 && d[0] == '0' && d[2] == '0' && d[1] >= '5' && d[1] <= '9' && d[1] != '6') {
    return cut({3, 4, 4});
  }
  if (d.size() == 10 && (d.starts_with("03") || d.starts_with("06"))) return cut({2, 4, 4});
  return {};
}

// 070, 080, 090: mobile numbers, which DS-445 writes without parentheses.
inline bool is_mobile_prefix(std::string_view domestic_digits) {
  return domestic_digits.size() >= 3 && domestic_digits[0] == '0' && domestic_digits[2] == '0' &&
         (domestic_digits[1] == '7' || domestic_digits[1] == '8' || domestic_digits[1] == '9');
}

// Reads the country code after '+' from the front of text ("81" is assumed
// when the digits run on, as in +81312345678). False when it is unclear.
inline bool read_country_code(std::string_view& text, std::string& country) {
  if (text.starts_with("81")) {
    country = "81";
  } else {
    while (country.size() < text.size() && is_digit(text[country.size()])) {
      country.push_back(text[country.size()]);
    }
    if (country.empty() || country.size() > 3) return false;
  }
  text = trim_spaces(text.substr(country.size()));
  if (text.starts_with("(0)")) text.remove_prefix(3);  // +81(0)3-...
  return true;
}

// Rebuilds one number from its digit groups (separators '-', ' ', '.', '(',
// ')' in any mix), or returns "" when it cannot.
inline std::string repair_number(std::string_view text) {
  text = trim_spaces(text);
  std::string country;
  if (text.starts_with("+")) {
    text.remove_prefix(1);
    if (!read_country_code(text, country)) return {};
    text = trim_spaces(text);
  }
  const bool parenthesised = text.starts_with("(");
  std::vector<std::string> groups;
  groups.reserve(4);  // 03-5253-5111: one allocation
  groups.emplace_back();
  for (const char c : text) {
    if (is_digit(c)) {
      groups.back().push_back(c);
    } else if (c == '-' || c == ' ' || c == '.' || c == '(' || c == ')') {
      if (!groups.back().empty()) groups.emplace_back();
    } else {
      return {};
    }
  }
  if (groups.back().empty()) groups.pop_back();
  if (groups.empty()) return {};
  const bool japanese = country.empty() || country == "81";
  if (country == "81" && groups[0][0] != '0') groups[0].insert(0, "0");  // domestic form
  if (groups.size() == 1) {
    if (!japanese) return {};
    groups = split_known_prefix(groups[0]);
    if (groups.empty()) return {};
  }
  const bool keep_parentheses = parenthesised && !is_mobile_prefix(groups[0] + groups[1]);
  std::string out;
  if (!country.empty()) out = "+" + country + " ";
  if (country == "81") groups[0].erase(0, 1);  // the international form drops the 0
  if (groups[0].empty()) groups.erase(groups.begin());
  if (groups.size() < 2) return {};
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (i == 0 && keep_parentheses) {
      out += "(" + groups[0] + ")";
    } else {
      if (i > 0 && !(i == 1 && keep_parentheses)) out += "-";
      out += groups[i];
    }
  }
  return out;
}

// Repairs a whole value, given with its width already folded and every dash
// made '-': numbers separated by '/', ',', '、' or ';', each with an optional
// extension (内線, 内, ext, Ext., (内線12)). Returns "" when it cannot.
inline std::string repair_phone_value(std::string_view folded) {
  std::vector<std::string_view> entries;  // views of folded
  std::size_t entry_start = 0;
  for (std::size_t pos = 0; pos < folded.size();) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(folded, pos);
    if (cp == U'/' || cp == U',' || cp == U'、' || cp == U';') {
      entries.push_back(folded.substr(entry_start, start - entry_start));
      entry_start = pos;
    }
  }
  entries.push_back(folded.substr(entry_start));

  std::string out;
  bool after_extension = false;
  for (const std::string_view raw : entries) {
    std::string_view entry = trim_spaces(raw);
    if (after_extension && !entry.empty() && is_ascii(entry) &&
        entry.find_first_not_of("0123456789") == std::string_view::npos) {
      out += " / " + std::string(entry);  // "内線12 / 13": another extension
      continue;
    }
    std::string extension;
    for (const std::string_view marker : {"内線", "内", "Ext", "ext", "EXT"}) {
      const std::size_t at = entry.find(marker);
      if (at == std::string_view::npos) continue;
      std::string_view rest = entry.substr(at + marker.size());
      extension = marker.front() == 'E' || marker.front() == 'e' ? " Ext." : " 内線";
      std::string ext_digits;
      for (const char c : rest) {
        if (is_digit(c)) {
          ext_digits.push_back(c);
        } else if (c != '.' && c != ' ' && c != ':' && c != ')') {
          return {};
        }
      }
      if (ext_digits.empty()) return {};
      extension += ext_digits;
      entry = trim_spaces(entry.substr(0, at));
      if (entry.ends_with("(")) entry = trim_spaces(entry.substr(0, entry.size() - 1));
      break;
    }
    std::string number = repair_number(entry);
    if (number.empty()) return {};
    if (!out.empty()) out += " / ";
    out += number + extension;
    after_extension = !extension.empty();
  }
  return PhoneParser(out).parse() == nullptr ? out : std::string();
}

}  // namespace gifkit::grammars::detail::contact
