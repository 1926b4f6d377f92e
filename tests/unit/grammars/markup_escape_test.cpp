// markup_escape_test.cpp — markup_escaped: text for XML or HTML content and
// attribute values, in each of its four kinds (model export's XML Schema, the
// html pages, the JUnit report's character data and attribute values), and
// xml_comment_text, an XML comment's content.
// room: grammars
#include <catch2/catch.hpp>

#include "grammars/text/markup_escape.hpp"

using gifkit::grammars::markup_escaped;
using gifkit::grammars::MarkupEscape;

TEST_CASE("markup-1.1 xml_basic: & < > \" escaped, every other byte as it is") {
  CHECK(markup_escaped("a<b>&\"'", MarkupEscape::xml_basic) == "a&lt;b&gt;&amp;&quot;'");
  CHECK(markup_escaped("1\n2\t3\r", MarkupEscape::xml_basic) == "1\n2\t3\r");
  CHECK(markup_escaped("x\x01y\x7F", MarkupEscape::xml_basic) == "x\x01y\x7F");
  CHECK(markup_escaped("bad\xFF", MarkupEscape::xml_basic) == "bad\xFF");
  CHECK(markup_escaped("\xEF\xBF\xBE", MarkupEscape::xml_basic) == "\xEF\xBF\xBE");
  CHECK(markup_escaped("^[0-9]{3}-[0-9]{4}$", MarkupEscape::xml_basic) == "^[0-9]{3}-[0-9]{4}$");
  CHECK(markup_escaped("", MarkupEscape::xml_basic).empty());
}

TEST_CASE(
    "markup-1.2 html: & < > \" ' as references, bad UTF-8, forbidden controls and DEL as U+FFFD") {
  CHECK(markup_escaped("<script>alert('x&y')</script> \"q\"", MarkupEscape::html) ==
        "&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt; &quot;q&quot;");
  CHECK(markup_escaped("東京都\t文京区\r\n", MarkupEscape::html) == "東京都\t文京区\r\n");
  CHECK(markup_escaped("a\x01"
                       "b\x7F",
                       MarkupEscape::html) ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD");
  CHECK(markup_escaped("\xFF"
                       "x",
                       MarkupEscape::html) ==
        "\xEF\xBF\xBD"
        "x");
  CHECK(markup_escaped("\xEF\xBF\xBE", MarkupEscape::html) == "\xEF\xBF\xBE");  // U+FFFE kept
}

TEST_CASE(
    "markup-1.3 xml_text and xml_attribute: markup, attribute whitespace and forbidden "
    "characters") {
  CHECK(markup_escaped("a<b>&\"'", MarkupEscape::xml_text) == "a&lt;b&gt;&amp;\"'");
  CHECK(markup_escaped("a<b>&\"'", MarkupEscape::xml_attribute) == "a&lt;b&gt;&amp;&quot;&apos;");
  CHECK(markup_escaped("1\n2\t3\r", MarkupEscape::xml_attribute) == "1&#10;2&#9;3&#13;");
  CHECK(markup_escaped("1\n2\t3\r", MarkupEscape::xml_text) == "1\n2\t3&#13;");
  CHECK(markup_escaped("x\x01y\x1bz\x7F", MarkupEscape::xml_text) ==
        "x\xEF\xBF\xBDy\xEF\xBF\xBDz\x7F");
  CHECK(markup_escaped("\xEF\xBF\xBE", MarkupEscape::xml_text) == "\xEF\xBF\xBD");         // U+FFFE
  CHECK(markup_escaped("a\xEF\xBF\xBF", MarkupEscape::xml_attribute) == "a\xEF\xBF\xBD");  // U+FFFF
  CHECK(markup_escaped("\xEF\xBF\xBD\xEF\xBF\xBC", MarkupEscape::xml_text) ==
        "\xEF\xBF\xBD\xEF\xBF\xBC");  // U+FFFD, U+FFFC kept
  CHECK(markup_escaped("bad\xFF", MarkupEscape::xml_text) == "bad\xEF\xBF\xBD");
  CHECK(markup_escaped("bad\xEF\xBF", MarkupEscape::xml_text) == "bad\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(markup_escaped("東京都", MarkupEscape::xml_attribute) == "東京都");
}

TEST_CASE("markup-1.5 xml_comment_text: never -- nor a last -, every other byte as it is") {
  using gifkit::grammars::xml_comment_text;
  CHECK(xml_comment_text("test:a--b") == "test:a- -b");
  CHECK(xml_comment_text("---") == "- - - ");
  CHECK(xml_comment_text("名簿 -- 一覧-") == "名簿 - - 一覧- ");
  CHECK(xml_comment_text("a & <b> -c") == "a & <b> -c");
  CHECK(xml_comment_text("") == "");
}
