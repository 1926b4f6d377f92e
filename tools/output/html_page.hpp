// html_page.hpp — what gifkit's html pages share (diff -f html, validate -f
// html): the escaper every value goes through (grammars/text/markup_escape's html
// kind), and one head with the common style, so both pages look alike. A page
// is self-contained: its style is in the page, nothing is fetched.
#pragma once
#include <ostream>
#include <string>
#include <string_view>

#include "grammars/text/markup_escape.hpp"

namespace gifkit::tools {

// text as HTML character data or a quoted attribute value: valid UTF-8
// (every invalid byte U+FFFD), & < > " ' as character references, and the
// C0 controls HTML forbids (all but tab, newline, carriage return) and DEL as
// U+FFFD — grammars' markup escaper in its html kind.
inline std::string html_escape(std::string_view text) {
  return grammars::markup_escaped(text, grammars::MarkupEscape::html);
}

// Opens a page: doctype, <head> with charset, title (escaped here) and the
// shared style followed by page_style (the page's own rules, written as is),
// then <body>. Close it with end_html_page.
void begin_html_page(std::ostream& out, std::string_view title, std::string_view page_style);
void end_html_page(std::ostream& out);

}  // namespace gifkit::tools
