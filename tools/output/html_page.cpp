// html_page.cpp — see html_page.hpp.
#include "tools/output/html_page.hpp"

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
