// html_page.cpp — see html_page.hpp.
#include "tools/output/html_page.hpp"

#include "grammars/utf8.hpp"

namespace gifkit::tools {

namespace {

// The look both pages share: fonts that have Japanese glyphs, tables with
// thin rules, added green and removed red, severities in their colours.
constexpr std::string_view kSharedStyle =
    "body{font-family:'IPAGothic','Noto Sans CJK JP',sans-serif;margin:1.5em;color:#222}"
    "h1{font-size:1.3em}h2{font-size:1.15em;margin-top:1.4em}h3{font-size:1em}"
    "table{border-collapse:collapse;font-size:.9em}"
    "th,td{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}"
    "th{background:#f0f0f0;text-align:left}td.num{text-align:right}"
    "del{color:#a00}ins{color:#060;text-decoration:none;font-weight:bold}"
    ".error{color:#b00}.warning{color:#a60}.info{color:#06a}"
    ".pass{color:#060}.fail{color:#b00}";

}  // namespace

std::string html_escape(std::string_view text) {
  const std::string utf8 = grammars::with_invalid_utf8_replaced(text);
  std::string out;
  out.reserve(utf8.size() + utf8.size() / 8);
  for (char c : utf8) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
            c == 0x7F) {
          out += "\xEF\xBF\xBD";  // U+FFFD
        } else {
          out += c;
        }
    }
  }
  return out;
}

void begin_html_page(std::ostream& out, std::string_view title, std::string_view page_style) {
  out << "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width\"><title>"
      << html_escape(title) << "</title><style>" << kSharedStyle << page_style
      << "</style></head><body>\n";
}

void end_html_page(std::ostream& out) {
  out << "</body></html>\n";
}

}  // namespace gifkit::tools
