// xml_attribute_counter_test.cpp — XmlAttributeCounter counts each start
// tag's attributes whatever the markup around them (quoted values holding
// '>' and quotes, comments, CDATA, instructions, a DOCTYPE whose internal
// subset holds brackets, quotes and comments), whether the bytes come whole
// or one at a time, and names the element and line over the cap.
// room: grammars
#include <catch2/catch.hpp>
#include <string>

#include "grammars/io/xml_attribute_counter.hpp"

using gifkit::grammars::XmlAttributeCounter;

namespace {

std::string attributes(int n) {
  std::string text;
  for (int i = 0; i < n; ++i) text += " a" + std::to_string(i) + "='v'";
  return text;
}

// Whether the document passes a cap of 3, fed whole and fed byte by byte
// (both must agree).
bool passes_cap_of_3(const std::string& document) {
  XmlAttributeCounter whole(3);
  const bool passed = whole.scan(document);
  XmlAttributeCounter bytes(3);
  bool byte_passed = true;
  for (const char c : document) byte_passed = bytes.scan(std::string_view(&c, 1)) && byte_passed;
  CHECK(passed == byte_passed);
  return passed;
}

}  // namespace

TEST_CASE("xml-attributes-1.1 attributes are counted per start tag, up to and over the cap") {
  CHECK(passes_cap_of_3("<a" + attributes(3) + "><b" + attributes(3) + "/></a>"));
  CHECK_FALSE(passes_cap_of_3("<a" + attributes(3) + "><b" + attributes(4) + "/></a>"));
  CHECK(passes_cap_of_3("<a x=\"1>2 'q'\" y='\"' z=\"\"/>"));  // '>' and quotes inside values
  CHECK_FALSE(passes_cap_of_3("<a\n  x=\"1\"\n\ty='2' z = \"3\" w=\"4\"/>"));
}

TEST_CASE(
    "xml-attributes-1.2 quotes in text, comments, CDATA and instructions are not attributes") {
  const std::string quotes = "' \" ' \" ' \" ' \"";
  CHECK(passes_cap_of_3("<a>" + quotes + "</a>"));
  CHECK(passes_cap_of_3("<a><!-- <b x='1' y='2' z='3' w='4'> " + quotes + " --->--></a>"));
  CHECK(passes_cap_of_3("<a><![CDATA[<b" + attributes(5) + "> ]] ]]]></a>"));
  CHECK(passes_cap_of_3("<?xml version='1.0' encoding='UTF-8' standalone='yes'?><a/>"));
  CHECK(passes_cap_of_3("<a><?pi " + quotes +
                        " ?"
                        "?></a>"));  // "??>" split: no trigraph
  // After them, a start tag is counted again.
  CHECK_FALSE(passes_cap_of_3("<!-- x --><![CDATA[ y ]]><?p q?><a" + attributes(4) + "/>"));
}

TEST_CASE("xml-attributes-1.3 a DOCTYPE's internal subset hides no start tag") {
  const std::string subset =
      "<!DOCTYPE a [ <!ELEMENT a ANY> <!ATTLIST a x CDATA \"]>\"> <!-- ' ] > --> "
      "<?p ' ]>?> ]>";
  CHECK(passes_cap_of_3(subset + "<a" + attributes(3) + "/>"));
  CHECK_FALSE(passes_cap_of_3(subset + "<a" + attributes(4) + "/>"));
  CHECK_FALSE(passes_cap_of_3("<!DOCTYPE a SYSTEM 'a>b.dtd'><a" + attributes(4) + "/>"));
}

TEST_CASE("xml-attributes-1.4 the refusal names the element, its line and the cap") {
  XmlAttributeCounter counter(3);
  CHECK(counter.scan("<?xml version='1.0'?>\n<root>\n  <row"));
  CHECK_FALSE(counter.scan("\n" + attributes(10) + "/>"));
  CHECK(counter.exceeded());
  CHECK(counter.element() == "row");
  CHECK(counter.line() == 3);
  CHECK(counter.refusal("raise it with --max-attributes N") ==
        "line 3: the element <row> has more than 3 attributes (the cap on one element; raise it "
        "with --max-attributes N)");
  CHECK_FALSE(counter.scan("<ok/>"));  // refused for good
}
