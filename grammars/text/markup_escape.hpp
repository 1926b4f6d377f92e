// markup_escape.hpp — text escaped for XML or HTML content and attribute
// values: the one escaper of every markup gifkit writes (model export's XML
// Schema, the html pages of validate, diff and link, the JUnit report). The
// four kinds are the exact outputs those writers have always had; they differ
// in what beyond & < > they escape or replace.
#pragma once
#include <string>
#include <string_view>

namespace gifkit::grammars {

// What markup_escaped writes. Every kind writes & < > as &amp; &lt; &gt;.
enum class MarkupEscape {
  // " as &quot;, every other byte as it is (invalid UTF-8 too): model
  // export's XML Schema, whose text is the models' own.
  xml_basic,
  // Valid UTF-8 (every invalid byte U+FFFD); " ' as &quot; &#39;; the C0
  // controls HTML forbids (all but tab, newline, carriage return) and DEL as
  // U+FFFD: HTML character data or a quoted attribute value.
  html,
  // Valid UTF-8 (every invalid byte U+FFFD); the characters XML 1.0 forbids
  // (the C0 controls but tab, newline, carriage return; U+FFFE, U+FFFF) as
  // U+FFFD; carriage return as &#13; (a parser would normalize a literal one
  // away); " ' tab newline kept: XML character data.
  xml_text,
  // xml_text, and " ' tab newline as &quot; &apos; &#9; &#10;: an XML
  // attribute value, which a parser would otherwise normalize.
  xml_attribute,
};

// text escaped as kind says.
std::string markup_escaped(std::string_view text, MarkupEscape kind);

// text as the content of an XML comment (<!-- … -->), which has no escapes
// and may hold neither "--" nor a last "-": a space between two hyphens and
// after a last one (a--b → a- -b), every other byte as it is.
std::string xml_comment_text(std::string_view text);

}  // namespace gifkit::grammars
