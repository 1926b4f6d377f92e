// toml_text.cpp — see toml_text.hpp.
#include "tools/toml_text.hpp"

#include <algorithm>
#include <cstdio>

#include "grammars/text/utf8.hpp"

namespace gifkit::tools {
namespace {

enum class In { code, comment, basic, literal, basic_lines, literal_lines };

// The \u or \U escape of a code point.
std::string escape_of(char32_t code_point) {
  char buffer[12];
  if (code_point <= 0xFFFF)
    std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(code_point));
  else
    std::snprintf(buffer, sizeof buffer, "\\U%08X", static_cast<unsigned>(code_point));
  return buffer;
}

// How many of c stand at the start of text.
std::size_t run_of(std::string_view text, char c) {
  const std::size_t end = text.find_first_not_of(c);
  return end == std::string_view::npos ? text.size() : end;
}

}  // namespace

TomlTexts toml_ascii_texts(std::string_view text) {
  TomlTexts out;
  if (const std::size_t bad = grammars::find_invalid_utf8(text); bad != std::string_view::npos) {
    const std::size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
    const std::size_t from = line_start == std::string_view::npos || bad == 0 ? 0 : line_start + 1;
    out.problem = std::to_string(std::count(text.begin(), text.begin() + bad, '\n') + 1) + ":" +
                  std::to_string(grammars::count_code_points(text.substr(from, bad - from)) + 1) +
                  ": not UTF-8 (a TOML file is UTF-8)";
    return out;
  }
  std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a byte order mark is no character
  out.same_places.reserve(text.size());
  out.same_values.reserve(text.size());
  In in = In::code;
  bool escaped = false;         // in a basic string, after a backslash (and spaces)
  bool after_line_end = false;  // in a """ string, a backslash ended the line
  std::size_t line = 1, column = 0;
  const auto both = [&](std::string_view ascii) {
    out.same_places += ascii;
    out.same_values += ascii;
  };
  while (i < text.size()) {
    const char c = text[i];
    ++column;
    if (static_cast<unsigned char>(c) >= 0x80) {
      const char* what = in == In::code
                             ? "outside a string or comment (write a key with it in quotes)"
                         : after_line_end ? "beginning the line after a line-ending backslash"
                         : escaped        ? "after a backslash (no escape)"
                                          : nullptr;
      if (what != nullptr) {
        out.problem = std::to_string(line) + ":" + std::to_string(column) +
                      ": a character other than ASCII " + what;
        return out;
      }
      const char32_t code_point = grammars::decode_utf8(text, i);  // moves i past it
      out.same_places += 'x';
      out.same_values += in == In::comment ? std::string("x") : escape_of(code_point);
      continue;
    }
    ++i;
    if (c == '\n') {
      ++line;
      column = 0;
      if (in == In::comment) in = In::code;
      if (in == In::basic_lines && escaped) after_line_end = true;
      escaped = false;
      both("\n");
      continue;
    }
    if (after_line_end && c != ' ' && c != '\t' && c != '\r') after_line_end = false;
    const std::string_view rest = text.substr(i - 1);
    switch (in) {
      case In::code:
        if (c == '#') {
          in = In::comment;
          both("#");
        } else if (rest.starts_with("\"\"\"")) {
          in = In::basic_lines;
          both("\"\"\"");
          i += 2;
          column += 2;
        } else if (rest.starts_with("'''")) {
          in = In::literal_lines;
          out.same_places += "'''";
          out.same_values += "\"\"\"";
          i += 2;
          column += 2;
        } else if (c == '"') {
          in = In::basic;
          both("\"");
        } else if (c == '\'') {
          in = In::literal;
          out.same_places += '\'';
          out.same_values += '"';
        } else {
          both(std::string_view(&c, 1));
        }
        break;
      case In::comment:
        both(std::string_view(&c, 1));
        break;
      case In::basic:
      case In::basic_lines:
        if (escaped) {
          escaped = c == ' ' || c == '\t' || c == '\r';
          both(std::string_view(&c, 1));
        } else if (c == '\\') {
          escaped = true;
          both("\\");
        } else if (in == In::basic && c == '"') {
          in = In::code;
          both("\"");
        } else if (in == In::basic_lines && rest.starts_with("\"\"\"")) {
          // Up to two quotes more before the end are the string's.
          const std::size_t quotes = std::min<std::size_t>(run_of(rest, '"'), 5);
          both(rest.substr(0, quotes));
          in = In::code;
          i += quotes - 1;
          column += quotes - 1;
        } else {
          both(std::string_view(&c, 1));
        }
        break;
      case In::literal:
      case In::literal_lines:
        if (in == In::literal && c == '\'') {
          in = In::code;
          out.same_places += '\'';
          out.same_values += '"';
        } else if (in == In::literal_lines && rest.starts_with("'''")) {
          const std::size_t quotes = std::min<std::size_t>(run_of(rest, '\''), 5);
          out.same_places += rest.substr(0, quotes);
          out.same_values += std::string(quotes - 3, '\'') + "\"\"\"";
          in = In::code;
          i += quotes - 1;
          column += quotes - 1;
        } else {
          out.same_places += c;
          // A literal string's text as a basic string's.
          if (c == '\\' || c == '"') out.same_values += '\\';
          out.same_values += c;
        }
        break;
    }
  }
  return out;
}

}  // namespace gifkit::tools
