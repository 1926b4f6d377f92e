// text_units.cpp — see text_units.hpp. unicode_facts.hpp answers which code
// points are combining marks (once, into a table of the BMP) and does the NFC.
#include "grammars/text/text_units.hpp"

#include <bitset>
#include <cstdio>
#include <memory>

#include "grammars/text/unicode_facts.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {
namespace {

// The combining marks of the BMP, read from unicode_facts.hpp on first use.
const std::bitset<0x10000>& bmp_marks() {
  static const std::unique_ptr<std::bitset<0x10000>> marks = [] {
    auto bits = std::make_unique<std::bitset<0x10000>>();
    for (char32_t cp = 0x300; cp < 0x10000; ++cp)
      if (unicode_facts::is_mark(cp)) bits->set(cp);
    return bits;
  }();
  return *marks;
}

bool is_halfwidth_katakana_letter(char32_t cp) {
  return cp >= 0xFF66 && cp <= 0xFF9D;
}

bool is_halfwidth_sound_mark(char32_t cp) {
  return cp == 0xFF9E || cp == 0xFF9F;
}

}  // namespace

std::string_view unit_issue_text(UnitIssue issue) {
  switch (issue) {
    case UnitIssue::none:
      return "";
    case UnitIssue::invalid_utf8:
      return "bytes that are not UTF-8";
    case UnitIssue::encoded_surrogate:
      return "a UTF-16 surrogate written in UTF-8 (CESU-8): not a character";
    case UnitIssue::lone_selector:
      return "a variation selector with no character before it";
    case UnitIssue::lone_mark:
      return "a combining mark with no character before it";
    case UnitIssue::extra_selector:
      return "a second variation selector after the first";
    case UnitIssue::private_use:
      return "a private-use character (外字): its meaning is known only to the system that "
             "wrote it";
  }
  return "";
}

bool is_combining_mark(char32_t cp) {
  if (cp < 0x300) return false;
  if (cp < 0x10000) return bmp_marks().test(cp);
  if (is_variation_selector(cp)) return true;
  if (cp >= 0x20000 && cp < 0xE0000) return false;  // ideographs
  return unicode_facts::is_mark(cp);
}

char32_t TextUnitReader::peek(std::size_t& length, bool& surrogate) const {
  surrogate = false;
  const auto lead = static_cast<unsigned char>(text_[pos_]);
  // A surrogate in UTF-8 (ED A0..BF xx) is invalid UTF-8 but says what it is.
  if (lead == 0xED && pos_ + 2 < text_.size() &&
      static_cast<unsigned char>(text_[pos_ + 1]) >= 0xA0 &&
      is_utf8_continuation(static_cast<unsigned char>(text_[pos_ + 1])) &&
      is_utf8_continuation(static_cast<unsigned char>(text_[pos_ + 2]))) {
    length = 3;
    surrogate = true;
    return (static_cast<char32_t>(lead & 0x0F) << 12) |
           (static_cast<char32_t>(text_[pos_ + 1] & 0x3F) << 6) |
           static_cast<char32_t>(text_[pos_ + 2] & 0x3F);
  }
  std::size_t at = pos_;
  char32_t cp = decode_utf8(text_, at);
  length = at - pos_;
  if (cp == kReplacementChar && text_.substr(pos_, 3) != "\xEF\xBF\xBD") length = 0;
  return cp;
}

bool TextUnitReader::next(TextUnit& unit) {
  if (pos_ >= text_.size()) return false;
  unit = TextUnit();
  unit.offset = pos_;
  unit.index = ++index_;
  std::size_t length = 0;
  bool surrogate = false;
  char32_t cp = peek(length, surrogate);
  if (length == 0) {
    // A run of bytes that are not UTF-8 is one unit.
    unit.issue = UnitIssue::invalid_utf8;
    unit.base = kReplacementChar;
    do {
      ++pos_;
      ++unit.code_points;
      if (pos_ >= text_.size()) break;
      cp = peek(length, surrogate);
    } while (length == 0);
    unit.length = pos_ - unit.offset;
    return true;
  }
  pos_ += length;
  unit.base = cp;
  unit.code_points = 1;
  if (surrogate) {
    unit.issue = UnitIssue::encoded_surrogate;
    // A high surrogate and a low one: the pair stands for one character.
    if (cp >= 0xD800 && cp <= 0xDBFF && pos_ < text_.size()) {
      char32_t low = peek(length, surrogate);
      if (surrogate && low >= 0xDC00 && low <= 0xDFFF) {
        pos_ += length;
        unit.base = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        unit.code_points = 2;
      }
    }
    unit.length = pos_ - unit.offset;
    return true;
  }
  if (is_combining_mark(cp)) {
    // A mark that no character before it took: at the start of the text,
    // after a control character or after bytes that are no character.
    unit.issue = is_variation_selector(cp) ? UnitIssue::lone_selector : UnitIssue::lone_mark;
    unit.length = pos_ - unit.offset;
    return true;
  }
  if (is_private_use(cp)) unit.issue = UnitIssue::private_use;
  // A control character (a line break, a tab) takes no mark.
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
    unit.length = pos_ - unit.offset;
    return true;
  }
  // The marks that attach to the base.
  while (pos_ < text_.size()) {
    char32_t next = peek(length, surrogate);
    if (length == 0 || surrogate) break;
    const bool sound_mark =
        is_halfwidth_sound_mark(next) && is_halfwidth_katakana_letter(cp) && unit.code_points == 1;
    if (!sound_mark && !is_combining_mark(next)) break;
    if (is_variation_selector(next)) {
      if (unit.selector == 0) {
        unit.selector = next;
      } else if (unit.issue == UnitIssue::none) {
        unit.issue = UnitIssue::extra_selector;
      }
    } else if (unit.mark == 0) {
      unit.mark = next;
    }
    pos_ += length;
    ++unit.code_points;
  }
  unit.length = pos_ - unit.offset;
  return true;
}

std::string code_points_text(std::string_view utf8) {
  std::string text;
  char buffer[16];
  for (std::size_t pos = 0; pos < utf8.size();) {
    char32_t cp = decode_utf8(utf8, pos);
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
    if (!text.empty()) text += ' ';
    text += buffer;
  }
  return text;
}

bool is_safe_nfc(std::string_view utf8) {
  bool ascii = true;
  for (unsigned char c : utf8) {
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return true;
  if (find_invalid_utf8(utf8) != std::string_view::npos) return true;
  return unicode_facts::is_safe_nfc(utf8);
}

std::string safe_nfc(std::string_view utf8) {
  if (is_safe_nfc(utf8)) return std::string(utf8);
  return unicode_facts::safe_nfc(utf8);
}

}  // namespace gifkit::grammars
