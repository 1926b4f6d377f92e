// value_checks.cpp — the per-cell checks of the validator (see value_checks.hpp).
// Each value type maps to one grammar; width, character-set, length and
// code-list constraints apply on top.
#include "models/engine/checks/value_checks.hpp"

#include <libxml/xmlregexp.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "grammars/dictionaries/number_marks.hpp"
#include "grammars/text/digit_dashes.hpp"
#include "grammars/text/listing.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"
#include "grammars/values/address_fold.hpp"
#include "grammars/values/contact.hpp"
#include "grammars/values/date.hpp"
#include "grammars/values/identifiers.hpp"
#include "grammars/values/lost_characters.hpp"
#include "grammars/values/period.hpp"
#include "models/engine/checks/character_checks.hpp"
#include "models/engine/checks/code_information.hpp"
#include "models/engine/model/code_lists.hpp"

namespace gifkit::models {
namespace {

using grammars::is_ascii;
using grammars::ValueStatus;
using grammars::ValueVerdict;

// Turns a grammar's verdict on value into a finding with the matching
// problem code; its suggestion is a fix by rule (by halfwidth-ascii when only
// the width is wrong).
void add_verdict(ValueVerdict verdict, std::string_view value, std::string_view rule,
                 std::string_view default_reason, std::vector<Finding>& findings) {
  if (verdict.ok()) return;
  Finding& finding = findings.emplace_back();
  switch (verdict.status) {
    case ValueStatus::wrong_width:
      finding.code = "wrong-width";
      finding.severity = Severity::warning;
      break;
    case ValueStatus::invalid_check_digit:
      finding.code = "invalid-check-digit";
      break;
    case ValueStatus::invalid_value:
      finding.code = "invalid-value";
      break;
    default:
      finding.code = "invalid-format";
      break;
  }
  finding.reason = verdict.reason.empty() ? std::string(default_reason) : std::move(verdict.reason);
  if (!verdict.suggestion.empty()) {
    finding.set_fix(verdict.status == ValueStatus::wrong_width ? "halfwidth-ascii" : rule, value,
                    std::move(verdict.suggestion));
  }
}

void add_finding(std::vector<Finding>& findings, std::string_view code, Severity severity,
                 std::string reason) {
  Finding& finding = findings.emplace_back();
  finding.code = code;
  finding.severity = severity;
  finding.reason = std::move(reason);
}

// A finding whose fix turns value into fixed by rule.
void add_fix(std::vector<Finding>& findings, std::string_view code, Severity severity,
             std::string reason, std::string_view rule, std::string_view value, std::string fixed,
             FixCertainty certainty = FixCertainty::certain) {
  Finding& finding = findings.emplace_back();
  finding.code = code;
  finding.severity = severity;
  finding.reason = std::move(reason);
  finding.set_fix(rule, value, std::move(fixed), certainty);
}

// What of value is full-width ASCII, as a message names it: "full-width
// letters and digits", "a full-width space", "full-width digits and a
// full-width space"; letters only when there are letters.
std::string fullwidth_parts(std::string_view value) {
  bool letters = false, digits = false, symbols = false;
  int spaces = 0;
  for (std::size_t pos = 0; pos < value.size();) {
    const char32_t cp = grammars::decode_utf8(value, pos);
    if (cp >= 0xFF10 && cp <= 0xFF19) {
      digits = true;
    } else if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A)) {
      letters = true;
    } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
      symbols = true;
    } else if (cp == 0x3000) {
      ++spaces;
    }
  }
  std::vector<std::string> kinds;
  if (letters) kinds.emplace_back("letters");
  if (digits) kinds.emplace_back("digits");
  if (symbols) kinds.emplace_back("symbols");
  std::string text = kinds.empty() ? std::string() : "full-width " + grammars::listed(kinds);
  if (spaces > 0) {
    if (!text.empty()) text += " and ";
    text += spaces == 1 ? "a full-width space" : "full-width spaces";
  }
  return text.empty() ? std::string("full-width characters") : text;
}

// Control characters, half-width katakana and the field's character set
// (character_checks.hpp) in one pass over the code points.
void check_characters(const FieldSpec& field, std::string_view value,
                      const CheckResources& resources, std::vector<Finding>& findings) {
  if (is_ascii(value)) {
    if (grammars::has_control_characters(value)) {
      add_finding(findings, "character-not-allowed", Severity::error,
                  "contains a control character");
    }
    return;
  }
  const registries::moji::CharacterSet* set =
      resources.characters != nullptr ? resources.characters->set_for(field) : nullptr;
  bool control = false;
  bool halfwidth_kana = false;
  bool outside_set = false;
  std::size_t pos = 0;
  while (pos < value.size()) {
    // Kana and kanji (U+1000–CFFF: a lead byte E1–EC and two continuation
    // bytes) are neither control characters nor half-width katakana: only the
    // set is asked about them.
    const auto lead = static_cast<unsigned char>(value[pos]);
    if (lead >= 0xE1 && lead <= 0xEC && value.size() - pos >= 3 &&
        (static_cast<unsigned char>(value[pos + 1]) & 0xC0) == 0x80 &&
        (static_cast<unsigned char>(value[pos + 2]) & 0xC0) == 0x80) {
      if (set != nullptr && !outside_set) {
        const char32_t cp = (static_cast<char32_t>(lead & 0x0F) << 12) |
                            (static_cast<char32_t>(value[pos + 1] & 0x3F) << 6) |
                            static_cast<char32_t>(value[pos + 2] & 0x3F);
        outside_set = !set->contains(cp);
      }
      pos += 3;
      continue;
    }
    char32_t cp = grammars::decode_utf8(value, pos);
    if ((cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0)) control = true;
    if (cp >= 0xFF61 && cp <= 0xFF9F) halfwidth_kana = true;
    if (set != nullptr && !outside_set && CharacterChecker::needs_report(*set, cp))
      outside_set = true;
  }
  if (control) {
    add_finding(findings, "character-not-allowed", Severity::error, "contains a control character");
  }
  if (halfwidth_kana && field.type != ValueType::katakana) {
    // ｰ between numbers is a dash typed in half-width kana (松山市築山町5ｰ11):
    // '-', not the long vowel ー its widening would make.
    std::string dashed = grammars::dashes_between_digits(value, true);
    if (!grammars::has_halfwidth_kana(dashed)) {
      // (A 番地以下 whose DS-442 form can be derived gets it from its own form
      // check, which reads the dash so: one finding, not two.)
      if (field.type != ValueType::city_block || suggest_city_block(value).empty())
        add_fix(findings, "wrong-width", Severity::warning,
                "uses ｰ (a half-width long vowel mark) between numbers for a dash",
                "dash-between-digits", value, std::move(dashed));
    } else {
      add_fix(findings, "wrong-width", Severity::warning, "uses half-width katakana",
              "fullwidth-kana", value, grammars::halfwidth_to_fullwidth_kana(dashed));
    }
  }
  if (outside_set) resources.characters->report_outside(*set, value, findings);
}

// Per byte of word, 0x80 where the byte b is low < b < high (0 ≤ low, high ≤
// 128); bytes with the high bit set never count. Bit tricks of "Bit Twiddling
// Hacks" (hasbetween), eight bytes at a time.
constexpr std::uint64_t bytes_between(std::uint64_t word, unsigned low, unsigned high) {
  constexpr std::uint64_t kOnes = ~std::uint64_t{0} / 255;
  const std::uint64_t low7 = word & kOnes * 127;
  return (kOnes * (127 + high) - low7) & ~word & (low7 + kOnes * (127 - low)) & kOnes * 128;
}

// True when value has a half-width letter or digit (A-Z, a-z, 0-9): the
// name columns' scan (mostly kana and kanji), eight bytes at a time.
bool has_halfwidth_alnum(std::string_view value) {
  auto any_in = [](std::uint64_t word) {
    // word | 0x20 a byte folds A-Z onto a-z (and moves no other byte into a-z).
    return (bytes_between(word, '0' - 1, '9' + 1) |
            bytes_between(word | (~std::uint64_t{0} / 255 * 0x20), 'a' - 1, 'z' + 1)) != 0;
  };
  std::size_t i = 0;
  for (; i + 8 <= value.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, value.data() + i, 8);
    if (any_in(word)) return true;
  }
  std::uint64_t tail = 0;  // zero bytes are no letter
  std::memcpy(&tail, value.data() + i, value.size() - i);
  return any_in(tail);
}

void check_width(const FieldSpec& field, std::string_view value, std::vector<Finding>& findings) {
  if (field.width == Width::fullwidth) {
    if (has_halfwidth_alnum(value)) {
      add_fix(findings, "wrong-width", Severity::warning,
              "has half-width letters or digits where GIF asks for full-width", "fullwidth-ascii",
              value, grammars::to_fullwidth_ascii(value));
    }
  } else if (field.width == Width::halfwidth && !is_ascii(value) &&
             grammars::has_fullwidth_ascii(value)) {
    add_fix(findings, "wrong-width", Severity::warning,
            "has " + fullwidth_parts(value) + " where GIF asks for half-width", "halfwidth-ascii",
            value, grammars::fold_ascii_width(value));
  }
}

// The numbers of an address line in half-width (is_address_line): one
// wrong-width finding for the cell — the half-width katakana finding of
// check_characters, if there is one, gets the digits folded in its fix too.
void check_address_numbers(std::string_view value, std::vector<Finding>& findings) {
  std::string folded = address_numbers_halfwidth(value);
  if (folded == value) return;
  constexpr std::string_view kReason =
      "full-width digits or dashes in its numbers; DS-442 (and the old 推奨データセット's "
      "共通ルール, 英数字は半角) writes them half-width";
  for (Finding& finding : findings) {
    if (finding.code != "wrong-width" || finding.fix.to.empty()) continue;
    finding.reason += ", and has " + std::string(kReason);
    finding.set_fix(finding.fix.rule, value, address_numbers_halfwidth(finding.fix.to));
    return;
  }
  add_fix(findings, "wrong-width", Severity::warning, "has " + std::string(kReason),
          "halfwidth-ascii", value, std::move(folded));
}

void check_length(const FieldSpec& field, std::string_view value, std::vector<Finding>& findings) {
  if (field.min_length == 0 && field.max_length == 0) return;
  std::size_t length = grammars::count_code_points(value);
  if (field.max_length > 0 && length > static_cast<std::size_t>(field.max_length)) {
    add_finding(findings, "too-long", Severity::error,
                std::to_string(length) + " characters, at most " +
                    std::to_string(field.max_length) + " allowed");
  }
  if (field.min_length > 0 && length < static_cast<std::size_t>(field.min_length)) {
    add_finding(findings, "too-short", Severity::error,
                std::to_string(length) + " characters, at least " +
                    std::to_string(field.min_length) + " required");
  }
}

void check_katakana(std::string_view value, std::vector<Finding>& findings) {
  if (grammars::is_fullwidth_katakana_text(value)) return;
  std::string widened = grammars::halfwidth_to_fullwidth_kana(value);
  if (grammars::is_fullwidth_katakana_text(widened)) {
    add_fix(findings, "wrong-width", Severity::warning,
            "uses half-width katakana; GIF asks for full-width katakana", "fullwidth-kana", value,
            std::move(widened));
    return;
  }
  std::string katakana = grammars::hiragana_to_katakana(widened);
  if (grammars::is_fullwidth_katakana_text(katakana)) {
    add_fix(findings, "character-not-allowed", Severity::error,
            "is written in hiragana; the item is full-width katakana", "hiragana-to-katakana",
            value, std::move(katakana));
    return;
  }
  add_finding(findings, "character-not-allowed", Severity::error,
              "has characters other than full-width katakana");
}

// DS-442's reading of an address (町字以下（カナ） カスミガセキニチョウメ1-2): the
// text without its half-width digits and hyphens is full-width katakana.
bool is_address_kana(std::string_view value) {
  std::string letters;
  letters.reserve(value.size());
  for (char c : value)
    if (!((c >= '0' && c <= '9') || c == '-')) letters += c;
  return grammars::is_fullwidth_katakana_text(letters);
}

void check_address_kana(std::string_view value, std::vector<Finding>& findings) {
  if (is_address_kana(value)) return;
  std::string widened = grammars::halfwidth_to_fullwidth_kana(grammars::fold_ascii_width(value));
  if (is_address_kana(widened)) {
    add_fix(findings, "wrong-width", Severity::warning,
            "has half-width katakana or full-width digits; DS-442 writes a reading in full-width "
            "katakana with half-width digits and hyphens",
            "fullwidth-kana", value, std::move(widened));
    return;
  }
  std::string katakana = grammars::hiragana_to_katakana(widened);
  if (is_address_kana(katakana)) {
    add_fix(findings, "character-not-allowed", Severity::error,
            "is written in hiragana; the item is full-width katakana (DS-442)",
            "hiragana-to-katakana", value, std::move(katakana));
    return;
  }
  add_finding(findings, "character-not-allowed", Severity::error,
              "has characters other than full-width katakana and the half-width digits and "
              "hyphens of an address's numbers (DS-442)");
}

void check_halfwidth_alnum(std::string_view value, std::vector<Finding>& findings) {
  if (grammars::is_halfwidth_alnum(value)) return;
  std::string folded = grammars::fold_ascii_width(value);
  if (grammars::is_halfwidth_alnum(folded)) {
    add_fix(findings, "wrong-width", Severity::warning,
            "has " + fullwidth_parts(value) + "; the item is half-width alphanumeric",
            "halfwidth-ascii", value, std::move(folded));
  } else {
    add_finding(findings, "character-not-allowed", Severity::error,
                "has characters other than half-width letters, digits and symbols");
  }
}

// Whole numbers (integer) or decimals, optionally signed.
bool is_number(std::string_view text, bool allow_fraction) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  std::size_t digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  if (allow_fraction && i < text.size() && text[i] == '.') {
    ++i;
    std::size_t fraction = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++fraction;
    if (fraction == 0) return false;
  }
  return digits > 0 && i == text.size();
}

// A number written with thousands separators: digits in groups of three
// joined by commas (50,700, 1,234.5), optionally signed; never 1,5 nor 50,70,
// whose comma may be a decimal mark or a typo. The number without them, or "".
std::string without_thousands_separators(std::string_view text, bool allow_fraction) {
  std::size_t i = 0;
  std::string plain;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) plain += text[i++];
  std::size_t group = 0;  // digits of the group being read
  bool comma = false;
  for (; i < text.size() && text[i] != '.'; ++i) {
    if (text[i] >= '0' && text[i] <= '9') {
      plain += text[i];
      ++group;
      if (!comma && group > 3) return {};  // the first group: 1 to 3 digits
    } else if (text[i] == ',') {
      if (group == 0 || (comma && group != 3)) return {};
      comma = true;
      group = 0;
    } else {
      return {};
    }
  }
  if (!comma || group != 3) return {};
  if (i < text.size()) {
    plain.append(text.substr(i));
    if (!is_number(plain, allow_fraction)) return {};
  }
  return plain;
}

// A number, or a number with spaces around it, in full-width digits, or with
// thousands separators (50,700␠ → 50700): one finding, its fix all of it.
void check_number(std::string_view value, bool allow_fraction, std::vector<Finding>& findings) {
  if (is_number(value, allow_fraction)) return;
  const std::string_view trimmed = grammars::trim_blanks(value);
  const bool spaces = !trimmed.empty() && trimmed.size() != value.size();
  std::string folded = grammars::fold_ascii_width(trimmed);
  const std::string around = spaces ? " and spaces around it" : "";
  if (is_number(folded, allow_fraction)) {
    if (folded == trimmed) {
      // A certain fix that keeps the meaning, as a width fix is (and as spaces
      // around a 統制語彙 value are, vocabulary-form): a warning, whatever the item.
      add_fix(findings, "invalid-format", Severity::warning, "has spaces around it", "trim-spaces",
              value, std::move(folded));
    } else {
      add_fix(findings, "wrong-width", Severity::warning,
              "has " + fullwidth_parts(trimmed) + around + "; numbers are half-width",
              "halfwidth-ascii", value, std::move(folded));
    }
    return;
  }
  std::string reason = allow_fraction ? "is not a number" : "is not a whole number";
  std::string plain = without_thousands_separators(folded, allow_fraction);
  if (!plain.empty()) {
    add_fix(findings, "invalid-format", Severity::error,
            std::move(reason) + ": it has thousands separators" + around, "number-separators",
            value, std::move(plain));
  } else {
    if (folded.find(',') != std::string::npos)
      reason += " (a comma that does not separate thousands: what it means is unclear)";
    add_finding(findings, "invalid-format", Severity::error, std::move(reason));
  }
}

// A time item's value: hh:mm or hh:mm:ss, and 24:00 as the end of a day
// (DS-441's 時間帯 23:00/24:00; a time item is a start or an end, and 24:00
// can only be an end: a closing time of midnight).
bool is_time(std::string_view value) {
  return grammars::is_time_of_day(value, true);
}

void check_time(std::string_view value, std::vector<Finding>& findings) {
  if (is_time(value)) return;
  // Only the width wrong (０９：３０) is a warning with the fix; a time that is
  // wrong in any other way (２５：００) is invalid whatever its width.
  std::string folded = grammars::fold_ascii_width(value);
  if (folded != value && is_time(folded)) {
    add_fix(findings, "wrong-width", Severity::warning,
            "uses full-width digits or colons; times are half-width", "halfwidth-ascii", value,
            std::move(folded));
    return;
  }
  // A one-digit hour (9:00, ９:００): the same time with its leading zero.
  if (folded.size() >= 4 && folded[0] >= '0' && folded[0] <= '9' && folded[1] == ':') {
    std::string padded = "0" + folded;
    if (is_time(padded)) {
      add_fix(findings, "invalid-format", Severity::error,
              "has a one-digit hour; times are hh:mm or hh:mm:ss", "time-form", value,
              std::move(padded));
      return;
    }
  }
  add_finding(findings, "invalid-format", Severity::error,
              "is not a time in the form hh:mm or hh:mm:ss");
}

// The types whose values are numbers, codes, dates or times: a space, a
// tab or a full-width space around one says nothing, and is trimmed.
bool trims_spaces(ValueType type) {
  switch (type) {
    case ValueType::latitude:
    case ValueType::longitude:
    case ValueType::date:
    case ValueType::date_time:
    case ValueType::time:
    case ValueType::period:
    case ValueType::duration:
    case ValueType::code:
    case ValueType::corporate_number:
    case ValueType::local_government_code:
    case ValueType::street_address_id:
    case ValueType::postal_code:
    // Text: a space or a full-width space at an end of a name or a word is
    // nothing a reader sees (山田　, 焼津市立大富幼稚園　): trimmed too.
    case ValueType::text:
    case ValueType::katakana:
    case ValueType::address_kana:
    case ValueType::halfwidth_alnum:
    case ValueType::city_block:
      return true;
    default:
      return false;
  }
}

// Whether a character lost in a value of field makes it wrong (an error): in
// an item of a form (a time, a telephone number, a code, an identifier), an
// address's item, a name (its label ends with 名, 名称 or 氏); in free text (備考,
// 説明, 設置位置) the text is still read: a warning.
Severity lost_character_severity(const FieldSpec& field) {
  if (field.type != ValueType::text || !field.part.empty()) return Severity::error;
  const std::string_view label = field.label;
  auto ends_with = [&label](std::string_view end) {
    return label.size() >= end.size() && label.substr(label.size() - end.size()) == end;
  };
  for (std::string_view word : {"住所", "所在地", "方書", "名称", "氏名"})
    if (label.find(word) != std::string_view::npos) return Severity::error;
  return ends_with("名") || ends_with("氏") ? Severity::error : Severity::warning;
}

// A character lost in an encoding round trip (grammars::find_lost_character):
// no fix, for only a person knows what it was.
void add_lost_character(const FieldSpec& field, std::string_view value,
                        const grammars::LostCharacter& lost, std::vector<Finding>& findings) {
  add_finding(
      findings, "character-lost", lost_character_severity(field),
      "has " + grammars::describe_lost_character(value, lost) + ": restore it from the source");
}

// A date item holding a 5-digit number: a date cell exported as its Excel
// serial (45016 is 2023-03-31). 10000–60000 (1927-05-18 to 2064-04-08) is
// rewritten as the date; a later one (to 99999, 2173) is for a person to
// confirm. Fewer digits are a year (DS-441 writes 2015) or nothing.
bool check_serial_date(std::string_view value, std::vector<Finding>& findings) {
  if (value.size() != 5 || !grammars::is_ascii_digits(value) || value[0] == '0') return false;
  const std::int64_t serial = std::stoll(std::string(value));
  const std::optional<grammars::CalendarDate> date = grammars::excel_serial_date(serial);
  if (!date) return false;
  const std::string iso = grammars::format_iso_date(*date);
  const bool plausible = serial <= 60000;
  add_fix(findings, "invalid-format", Severity::error,
          "is an Excel serial date (a date cell exported as its number): " + iso +
              (plausible ? "" : ", a date far ahead: confirm it"),
          "excel-serial-date", value, iso,
          plausible ? FixCertainty::certain : FixCertainty::review);
  return true;
}

// Whether a 番地以下's numbers read otherwise once written as digits and
// hyphens: a 丁目 (1丁目 is the 町字's, not 1番地) or 番 and 号 in another
// order than 番 → 号 (8号4番1). Their city-block-form fix is then for a
// person (or the ABR) to confirm.
bool city_block_changes_meaning(std::string_view folded) {
  std::size_t go = std::string_view::npos;  // the first 号
  bool ban_after_go = false;
  for (std::size_t pos = 0; pos < folded.size();) {
    const grammars::NumberMarkSpelling* mark =
        grammars::number_marks().at_start(folded.substr(pos));
    if (mark == nullptr) {
      grammars::decode_utf8(folded, pos);
      continue;
    }
    if (mark->mark == grammars::NumberMark::chome) return true;
    if (mark->mark == grammars::NumberMark::go && go == std::string_view::npos) go = pos;
    if ((mark->mark == grammars::NumberMark::ban || mark->mark == grammars::NumberMark::banchi) &&
        go != std::string_view::npos)
      ban_after_go = true;
    pos += mark->text.size();
  }
  return ban_after_go;
}

void check_street_address_id(std::string_view value, std::vector<Finding>& findings) {
  if (value.size() == 7 && grammars::is_ascii_digits(value)) return;
  std::string folded = grammars::fold_ascii_width(value);
  if (folded.size() == 7 && grammars::is_ascii_digits(folded)) {
    add_fix(findings, "wrong-width", Severity::warning, "has " + fullwidth_parts(value),
            "halfwidth-ascii", value, std::move(folded));
  } else {
    add_finding(findings, "invalid-format", Severity::error,
                "is not a 町字ID (7 half-width digits)");
  }
}

// 緯度 / 経度 in decimal degrees inside Japan (latitude 20–46, longitude
// 122–154: the extent of the country's territory with some margin). A
// latitude that lies in the longitudes' range (or the reverse) is named as
// swapped.
void check_coordinate(std::string_view value, bool latitude, std::vector<Finding>& findings) {
  const std::size_t before = findings.size();
  check_number(value, true, findings);
  if (findings.size() != before) return;
  const double degrees = std::strtod(std::string(value).c_str(), nullptr);
  const bool in_latitudes = degrees >= 20 && degrees <= 46;
  const bool in_longitudes = degrees >= 122 && degrees <= 154;
  if (latitude ? in_latitudes : in_longitudes) return;
  if (latitude && in_longitudes) {
    add_finding(findings, "invalid-value", Severity::error,
                "is a longitude of Japan, not a latitude: 緯度 and 経度 look swapped");
  } else if (!latitude && in_latitudes) {
    add_finding(findings, "invalid-value", Severity::error,
                "is a latitude of Japan, not a longitude: 緯度 and 経度 look swapped");
  } else {
    add_finding(findings, "invalid-value", Severity::error,
                latitude ? "is not a latitude in Japan (decimal degrees, 20 to 46)"
                         : "is not a longitude in Japan (decimal degrees, 122 to 154)");
  }
}

// A controlled vocabulary (統制語彙): the value as one of the listed ones; a
// value that differs only in width or surrounding spaces is wrong-width.
// True when field is a 1-or-blank item (values="1" blank="…": 「対応あり：1、
// 対応なし：空文字」) and value a mark people write for yes: ○ 〇 ◯ ● 有.
bool marks_one(const FieldSpec& field, std::string_view value) {
  if (!field.blank_allowed || field.values.size() != 1 || field.values.front() != "1") return false;
  for (std::string_view mark : {"○", "〇", "◯", "●", "有"})
    if (grammars::trim_blanks(value) == mark) return true;
  return false;
}

void check_vocabulary(const FieldSpec& field, std::string_view value,
                      std::vector<Finding>& findings) {
  if (std::find(field.values.begin(), field.values.end(), value) != field.values.end()) return;
  std::string list;
  for (const auto& allowed : field.values) list += (list.empty() ? "" : ", ") + allowed;
  const std::string folded = grammars::fold_label(value);
  for (const auto& allowed : field.values) {
    if (grammars::fold_label(allowed) == folded) {
      add_fix(findings, "wrong-width", Severity::warning,
              "is written differently from the vocabulary's " + allowed, "vocabulary-form", value,
              allowed);
      return;
    }
  }
  Finding finding;
  finding.code = "not-in-code-list";
  finding.severity = Severity::error;
  finding.codelist = "統制語彙 (" + list + ")";
  finding.reason = "is not one of " + list;
  if (marks_one(field, value)) {
    // A 1-or-blank item (対応あり：1、対応なし：空文字) with a mark for 1: one
    // finding for the column (per_column), its fix "write 1".
    finding.reason = "is a mark for 1: the sheet writes 1";
    if (!field.blank_meaning.empty())
      finding.codelist = "統制語彙 (1, or blank: " + field.blank_meaning + ")";
    finding.set_fix("write-1", value, "1");
    finding.per_column = true;
  }
  findings.push_back(std::move(finding));
}

// 全国地方公共団体コード; 5 digits (the code without its check digit, as
// older files write it) is named as such, with the full code.
void check_local_government_code(std::string_view value, std::vector<Finding>& findings) {
  if (value.size() == 5 &&
      std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const int digit = grammars::local_government_code_check_digit(value);
    add_fix(findings, "invalid-format", Severity::error,
            "has 5 digits: the check digit is missing (the 全国地方公共団体コード has 6)",
            "local-government-code-check-digit", value,
            std::string(value) + static_cast<char>('0' + digit));
    return;
  }
  add_verdict(grammars::check_local_government_code(value), value, "local-government-code-form",
              "is not a 全国地方公共団体コード (6 half-width digits)", findings);
}

// A code checked against its list's entries: the code, its label (code-label),
// its full-width form (wrong-width), else not-in-code-list.
void check_code_entries(const FieldSpec& field, const std::vector<CodeEntry>* entries,
                        std::string_view value, std::vector<Finding>& findings) {
  for (const auto& entry : *entries) {
    if (entry.code == value) return;
  }
  // The label written for its code (株式会社 for 301): the same information,
  // not in the form GIF exchanges. The first entry whose label is value or
  // folds as value does.
  if (const CodeEntry* labelled = find_code_label(*entries, value)) {
    Finding& finding = findings.emplace_back();
    finding.code = "code-label";
    finding.severity = Severity::warning;
    finding.codelist = field.codelist;
    finding.reason = "is the label of code " + labelled->code;
    finding.set_fix("code-label", value, labelled->code);
    return;
  }
  const std::string folded = grammars::fold_ascii_width(value);
  for (const auto& entry : *entries) {
    if (entry.code == folded) {
      add_fix(findings, "wrong-width", Severity::warning, "has " + fullwidth_parts(value),
              "halfwidth-ascii", value, entry.code);
      return;
    }
  }
  std::string listed;
  for (std::size_t i = 0; i < entries->size() && i < 12; ++i) {
    if (i) listed += ", ";
    listed += (*entries)[i].code + " " + (*entries)[i].name;
  }
  if (entries->size() > 12) listed += ", …";
  Finding finding;
  finding.code = "not-in-code-list";
  finding.severity = Severity::error;
  finding.reason = "is not a code of " + field.codelist;
  finding.suggestion = "one of: " + listed;
  finding.codelist = field.codelist;
  findings.push_back(std::move(finding));
}

void check_code(const FieldSpec& field, std::string_view value, const CheckResources& resources,
                std::vector<Finding>& findings) {
  if (resources.code_lists == nullptr || field.codelist.empty()) return;
  const auto* entries = resources.code_lists->find(field.codelist);
  if (entries == nullptr) return;
  if (!field.code_information || !written_as_code_information(value)) {
    check_code_entries(field, entries, value, findings);
    return;
  }
  // A コード情報型 written whole ({"種別": "2", "種別関連情報": "女性"}): its 種別 is
  // the code; a fix replaces the whole cell.
  const std::optional<std::string> kind = code_information_kind(value);
  if (!kind) {
    add_finding(findings, "invalid-format", Severity::error,
                "is not a コード情報型 ({\"種別\": code, \"種別関連情報\": label} as JSON)");
    return;
  }
  const std::size_t before = findings.size();
  check_code_entries(field, entries, *kind, findings);
  for (std::size_t i = before; i < findings.size(); ++i)
    if (!findings[i].fix.empty()) findings[i].fix.from = std::string(value);
}

// Digits, hyphens and spaces only, with at least one digit.
bool is_numbers_and_spaces(std::string_view text) {
  bool digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != '-' && c != ' ') {
      return false;
    }
  }
  return digit;
}

}  // namespace

FieldPattern::FieldPattern(const std::string& pattern) {
  if (!pattern.empty()) {
    compiled_ = xmlRegexpCompile(reinterpret_cast<const xmlChar*>(pattern.c_str()));
  }
}

FieldPattern::~FieldPattern() {
  if (compiled_ != nullptr) xmlRegFreeRegexp(static_cast<xmlRegexpPtr>(compiled_));
}

FieldPattern::FieldPattern(FieldPattern&& other) noexcept
    : compiled_(std::exchange(other.compiled_, nullptr)) {}

FieldPattern& FieldPattern::operator=(FieldPattern&& other) noexcept {
  if (this != &other) {
    if (compiled_ != nullptr) xmlRegFreeRegexp(static_cast<xmlRegexpPtr>(compiled_));
    compiled_ = std::exchange(other.compiled_, nullptr);
  }
  return *this;
}

bool FieldPattern::matches(std::string_view value) const {
  if (compiled_ == nullptr) return true;
  // libxml2 sees a NUL-terminated string: a NUL byte would end the value early.
  if (value.find('\0') != std::string_view::npos) return false;
  buffer_.assign(value);
  return xmlRegexpExec(static_cast<xmlRegexpPtr>(compiled_),
                       reinterpret_cast<const xmlChar*>(buffer_.c_str())) == 1;
}

namespace {

// value with its ASCII width folded, every dash made '-' and so every long
// vowel mark between numbers (5ｰ11, １ー３): what suggest_city_block reads, and what check_value
// compares its suggestion with.
std::string fold_city_block(std::string_view value) {
  return grammars::dashes_between_digits(
      grammars::normalize_dashes(grammars::fold_ascii_width(value)));
}

// suggest_city_block of a value already through fold_city_block.
std::string suggest_folded_city_block(std::string_view folded) {
  std::string out;
  auto append_separator = [&out]() {
    if (!out.empty() && out.back() != '-') out += '-';
  };
  std::size_t pos = 0;
  while (pos < folded.size()) {
    const std::size_t start = pos;
    const char32_t c = grammars::decode_utf8(folded, pos);
    if (c >= '0' && c <= '9') {
      out += static_cast<char>(c);
    } else if (grammars::is_kanji_numeral(c)) {
      // A run of kanji numerals (二十三, 二〇二), its value in digits.
      std::size_t end = pos;
      for (std::size_t next = end; next < folded.size(); end = next) {
        if (!grammars::is_kanji_numeral(grammars::decode_utf8(folded, next))) break;
      }
      const std::int64_t number = grammars::parse_number_text(folded.substr(start, end - start));
      if (number < 0) return {};
      out += std::to_string(number);
      pos = end;
    } else if (grammars::is_prolonged_sound_mark(c)) {
      append_separator();  // ー, the long vowel mark, is typed for a dash: 1ー3
    } else if (const grammars::NumberMarkSpelling* mark =
                   grammars::number_marks().at_start(folded.substr(start))) {
      // The marks (number_marks.tsv: 番地 / 番 / 号 / の ノ 之 / 丁目 / -), each
      // whole, end a number; 番地 and 号 at the very end vanish. A character of a
      // mark alone is none (1番1地: 地 is no mark, and no fix is derived).
      append_separator();
      pos = start + mark->text.size();
    } else {
      // Spaces (447-30 202: a room number?), letters, kana, 甲乙: not derivable.
      return {};
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// The text types, whose spaces around a value check_trimmed_text weighs.
bool is_text_type(ValueType type) {
  return type == ValueType::text || type == ValueType::katakana ||
         type == ValueType::address_kana || type == ValueType::halfwidth_alnum ||
         type == ValueType::city_block;
}

// A text item's value with spaces around it (焼津市立大富幼稚園　): the trimmed
// value's findings, each fix taking the spaces away too (7番11号␠␠ → 7-11); a
// trim-spaces warning when the trimmed value has none or none with a certain
// fix (so that transform trims it still).
void check_trimmed_text(const FieldSpec& field, std::string_view value, std::string_view trimmed,
                        const CheckResources& resources, std::vector<Finding>& findings) {
  std::vector<Finding> inner;
  check_value(field, trimmed, resources, inner);
  const bool certain = std::any_of(inner.begin(), inner.end(), [](const Finding& finding) {
    return !finding.fix.empty() && finding.fix.certainty == FixCertainty::certain;
  });
  if (!certain)
    add_fix(findings, "invalid-format", Severity::warning, "has spaces around it", "trim-spaces",
            value, std::string(trimmed));
  for (Finding& finding : inner) {
    if (!finding.fix.empty()) {
      finding.fix.from = std::string(value);
      finding.reason += " (and has spaces around it)";
    }
    findings.push_back(std::move(finding));
  }
}

}  // namespace

bool is_address_line(const FieldSpec& field) {
  return field.type == ValueType::text &&
         (field.id == "fullAddress" || field.id == "streetAddress" ||
          field.id == "streetAddressAndCityBlock");
}

std::string address_numbers_halfwidth(std::string_view value) {
  std::string digits;
  digits.reserve(value.size());
  for (std::size_t pos = 0; pos < value.size();) {
    const char32_t cp = grammars::decode_utf8(value, pos);
    if (cp >= U'０' && cp <= U'９')
      digits += static_cast<char>('0' + (cp - U'０'));
    else
      grammars::append_utf8(digits, cp);
  }
  return grammars::dashes_between_digits(digits);
}

std::string suggest_city_block(std::string_view value) {
  return suggest_folded_city_block(fold_city_block(value));
}

void check_value(const FieldSpec& field, std::string_view value, const CheckResources& resources,
                 std::vector<Finding>& findings) {
  if (const auto lost = grammars::find_lost_character(value)) {
    // The value is damaged: what else it breaks follows from the loss.
    add_lost_character(field, value, *lost, findings);
    return;
  }
  if (trims_spaces(field.type)) {
    const std::string_view trimmed = grammars::trim_blanks(value);
    if (trimmed.size() != value.size() && !trimmed.empty()) {
      if (is_text_type(field.type)) {
        check_trimmed_text(field, value, trimmed, resources, findings);
        return;
      }
      // A certain fix that keeps the meaning, as a width fix is (and as spaces
      // around a 統制語彙 value are, vocabulary-form): a warning, whatever the item.
      add_fix(findings, "invalid-format", Severity::warning, "has spaces around it", "trim-spaces",
              value, std::string(trimmed));
      return;  // the trimmed value is checked on its own
    }
  }
  switch (field.type) {
    case ValueType::text:
      check_characters(field, value, resources, findings);
      check_width(field, value, findings);
      if (is_address_line(field)) check_address_numbers(value, findings);
      break;
    case ValueType::katakana:
      // Full-width katakana text, the usual value, has no control character,
      // no half-width katakana, nothing outside a set that holds all of it,
      // and check_katakana accepts it: a scan of its own is enough.
      if (grammars::is_fullwidth_katakana_text(value) &&
          (resources.characters == nullptr || resources.characters->holds_katakana_text(field)))
        break;
      check_characters(field, value, resources, findings);
      check_katakana(value, findings);
      break;
    case ValueType::address_kana:
      check_characters(field, value, resources, findings);
      check_address_kana(value, findings);
      break;
    case ValueType::halfwidth_alnum:
      check_halfwidth_alnum(value, findings);
      break;
    case ValueType::integer:
      check_number(value, false, findings);
      break;
    case ValueType::decimal:
      check_number(value, true, findings);
      break;
    case ValueType::date:
      if (check_serial_date(value, findings)) break;
      add_verdict(grammars::check_date(value), value, "date-form",
                  "is not a DS-441 date (YYYY-MM-DD)", findings);
      break;
    case ValueType::date_time:
      add_verdict(grammars::check_date_time(value), value, "date-time-form",
                  "is not a DS-441 date-time (YYYY-MM-DDThh:mm:ss)", findings);
      break;
    case ValueType::time:
      check_time(value, findings);
      break;
    case ValueType::period:
      add_verdict(grammars::check_period(value), value, "period-form",
                  "is not a DS-441 period (start/end: YYYY-MM-DD/YYYY-MM-DD, hh:mm/hh:mm)",
                  findings);
      break;
    case ValueType::duration:
      add_verdict(grammars::check_duration(value), value, "duration-form",
                  "is not a DS-441 duration (ISO 8601 P2Y6M, PT1H30M, or hh:mm)", findings);
      break;
    case ValueType::code:
      check_code(field, value, resources, findings);
      break;
    case ValueType::corporate_number:
      add_verdict(grammars::check_corporate_number(value), value, "corporate-number-form",
                  "is not a 法人番号 (13 half-width digits)", findings);
      break;
    case ValueType::local_government_code:
      check_local_government_code(value, findings);
      break;
    case ValueType::latitude:
    case ValueType::longitude:
      check_coordinate(value, field.type == ValueType::latitude, findings);
      break;
    case ValueType::street_address_id:
      check_street_address_id(value, findings);
      break;
    case ValueType::postal_code:
      add_verdict(grammars::check_postal_code(value), value, "postal-code-form",
                  "is not a DS-443 postal code (7 half-width digits, no hyphen)", findings);
      break;
    case ValueType::phone:
      add_verdict(grammars::check_phone_number(value), value, "phone-form",
                  "is not a DS-445 telephone number (e.g. 03-5253-5111)", findings);
      break;
    case ValueType::email:
      add_verdict(grammars::check_email(value), value, "email-form", "is not an e-mail address",
                  findings);
      break;
    case ValueType::url:
      add_verdict(grammars::check_url(value), value, "url-form", "is not an absolute http(s) URL",
                  findings);
      break;
    case ValueType::city_block: {
      bool plain = !value.empty();
      for (char c : value) {
        if (!((c >= '0' && c <= '9') || c == '-')) {
          plain = false;
          break;
        }
      }
      if (plain && value.front() != '-' && value.back() != '-' &&
          value.find("--") == std::string_view::npos) {
        break;
      }
      check_characters(field, value, resources, findings);
      const std::string width_only = fold_city_block(value);
      std::string suggestion = suggest_folded_city_block(width_only);
      // Only the width or the dash character is wrong (１－３, 1‐3, or the long
      // vowel mark typed for a dash: 1ー3, 5ｰ11 — fold_city_block reads them).
      if (!suggestion.empty() && suggestion == width_only) {
        add_fix(findings, "wrong-width", Severity::warning,
                "uses full-width digits or dashes; DS-442 asks for half-width digits and hyphens",
                "halfwidth-ascii", value, std::move(suggestion));
      } else if (!suggestion.empty() && city_block_changes_meaning(width_only)) {
        add_fix(findings, "invalid-format", Severity::error,
                "is not in the DS-442 form (half-width digits joined by hyphens), and written so "
                "it would read otherwise (a 丁目 belongs to 町字; 番 comes before 号): "
                "rewritten only where the Address Base Registry confirms it (--registry)",
                "city-block-form", value, std::move(suggestion), FixCertainty::review);
      } else if (!suggestion.empty()) {
        add_fix(findings, "invalid-format", Severity::error,
                "is not in the DS-442 form (half-width digits joined by hyphens)",
                "city-block-form", value, std::move(suggestion));
      } else if (is_numbers_and_spaces(width_only)) {
        // Numbers with a space inside (447-30 202: a room number, which DS-442
        // puts in 建物名等(方書)): not the DS-442 form, and no fix can be derived.
        add_finding(findings, "invalid-format", Severity::error,
                    "is not in the DS-442 form (half-width digits joined by hyphens; a room "
                    "number belongs in 建物名等(方書))");
      }
      // Anything else (小字 such as 甲, Kyoto street names) is left as written.
      break;
    }
  }
  if (!field.values.empty()) check_vocabulary(field, value, findings);
  check_length(field, value, findings);
}

}  // namespace gifkit::models
