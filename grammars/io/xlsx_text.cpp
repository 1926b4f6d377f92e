// xlsx_text.cpp — see xlsx_text.hpp.
#include "grammars/io/xlsx_text.hpp"

#include "grammars/text/percent_escapes.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {
namespace {

constexpr std::size_t kEscapeLength = 7;  // _xHHHH_

// The UTF-16 code of the escape at text[at] (xstring_escape_at is true).
char32_t escape_code(std::string_view text, std::size_t at) {
  char32_t code = 0;
  for (std::size_t i = at + 2; i < at + 6; ++i)
    code = code * 16 + static_cast<char32_t>(hex_digit_value(text[i]));
  return code;
}

}  // namespace

bool xstring_escape_at(std::string_view text, std::size_t at) {
  if (at > text.size() || text.size() - at < kEscapeLength) return false;
  if (text[at] != '_' || text[at + 1] != 'x' || text[at + 6] != '_') return false;
  for (std::size_t i = at + 2; i < at + 6; ++i) {
    if (hex_digit_value(text[i]) < 0) return false;
  }
  return true;
}

void decode_xstring_escapes(std::string& text) {
  if (text.find("_x") == std::string::npos) return;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (!xstring_escape_at(text, i)) {
      out += text[i++];
      continue;
    }
    char32_t code = escape_code(text, i);
    std::size_t length = kEscapeLength;
    if (code >= 0xD800 && code <= 0xDBFF && xstring_escape_at(text, i + kEscapeLength)) {
      const char32_t low = escape_code(text, i + kEscapeLength);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        length = 2 * kEscapeLength;
      }
    }
    if (code == 0 || (code >= 0xD800 && code <= 0xDFFF)) {
      out.append(text, i, kEscapeLength);  // nothing to put there: as written
      i += kEscapeLength;
      continue;
    }
    append_utf8(out, code);
    i += length;
  }
  text = std::move(out);
}

std::string_view protect_xstring_escapes(std::string_view text, std::string& scratch) {
  if (text.find("_x") == std::string_view::npos) return text;
  scratch.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (xstring_escape_at(text, i)) scratch += "_x005F";
    scratch += text[i];
  }
  return scratch;
}

}  // namespace gifkit::grammars
