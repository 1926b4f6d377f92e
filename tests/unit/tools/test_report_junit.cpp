// test_report_junit.cpp — the junit writer: the output parses with libxml2,
// has a testsuite per file and a testcase per (file, code), and escapes data.
// room: report
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include <catch2/catch.hpp>
#include <memory>

#include "report_samples.hpp"
#include "tools/report/report_internal.hpp"

using namespace gifkit;
using tools::OutputFormat;

namespace {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

// Parses strictly (no network, no entities, errors not printed); null on error.
XmlDocPtr parse_xml(const std::string& text) {
  return XmlDocPtr(xmlReadMemory(text.data(), static_cast<int>(text.size()), "junit.xml", "UTF-8",
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

// The string value of an XPath expression (e.g. "count(//testcase)", "string(//x/@a)").
std::string xpath_string(xmlDoc* doc, const std::string& expression) {
  std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> context(xmlXPathNewContext(doc),
                                                                           xmlXPathFreeContext);
  std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> result(
      xmlXPathEvalExpression(
          reinterpret_cast<const xmlChar*>(("string(" + expression + ")").c_str()), context.get()),
      xmlXPathFreeObject);
  REQUIRE(result != nullptr);
  return result->stringval ? reinterpret_cast<const char*>(result->stringval) : "";
}

}  // namespace

TEST_CASE("report-6.1 junit: parses, one testsuite per file, totals on testsuites") {
  std::string xml = test::render(OutputFormat::junit, test::sample_report());
  XmlDocPtr doc = parse_xml(xml);
  REQUIRE(doc != nullptr);
  CHECK(xpath_string(doc.get(), "name(/*)") == "testsuites");
  CHECK(xpath_string(doc.get(), "count(/testsuites/testsuite)") == "2");
  CHECK(xpath_string(doc.get(), "/testsuites/testsuite[1]/@name") == "data/名簿:2024,v1.csv");
  // failing file: gate + 4 codes; passing file: gate only
  CHECK(xpath_string(doc.get(), "/testsuites/@tests") == "6");
  CHECK(xpath_string(doc.get(), "/testsuites/@failures") ==
        "3");  // gate, missing-value, invalid-format
  CHECK(xpath_string(doc.get(), "/testsuites/testsuite[1]/@tests") == "5");
  CHECK(xpath_string(doc.get(), "/testsuites/testsuite[1]/@failures") == "3");
}

TEST_CASE("report-6.2 junit: a passing file still has one passing testcase") {
  XmlDocPtr doc = parse_xml(test::render(OutputFormat::junit, test::sample_report()));
  REQUIRE(doc != nullptr);
  CHECK(xpath_string(doc.get(), "count(/testsuites/testsuite[2]/testcase)") == "1");
  CHECK(xpath_string(doc.get(), "/testsuites/testsuite[2]/testcase/@name") == "gifkit.validate");
  CHECK(xpath_string(doc.get(), "count(/testsuites/testsuite[2]/testcase/failure)") == "0");
  CHECK(xpath_string(doc.get(), "/testsuites/testsuite[2]/@failures") == "0");
}

TEST_CASE("report-6.3 junit: errors fail their code's testcase, warnings go to system-out") {
  XmlDocPtr doc = parse_xml(test::render(OutputFormat::junit, test::sample_report()));
  REQUIRE(doc != nullptr);
  const std::string suite = "/testsuites/testsuite[1]";
  CHECK(xpath_string(doc.get(), suite + "/testcase[@name='gifkit.validate']/failure/@type") ==
        "gate");
  CHECK(xpath_string(doc.get(), suite + "/testcase[@name='missing-value']/failure/@message") ==
        "Required value missing: 2 problems");
  CHECK(xpath_string(doc.get(), suite + "/testcase[@name='wrong-width']/@classname") ==
        "data/名簿:2024,v1.csv");
  CHECK(xpath_string(doc.get(), "count(" + suite + "/testcase[@name='wrong-width']/failure)") ==
        "0");
  CHECK_THAT(xpath_string(doc.get(), suite + "/testcase[@name='wrong-width']/system-out"),
             Catch::Contains("row 4 (line 6), column 3 番地以下: value \"１－３\""));
  CHECK_THAT(xpath_string(doc.get(), suite + "/testcase[@name='missing-value']/failure"),
             Catch::Contains("(1 more not listed)"));
  CHECK(xpath_string(doc.get(), suite + "/properties/property[@name='model']/@value") ==
        "gif/個人");
}

TEST_CASE("report-6.4 junit: a value with quotes, <, &, % and a newline survives the round trip") {
  XmlDocPtr doc = parse_xml(test::render(OutputFormat::junit, test::sample_report()));
  REQUIRE(doc != nullptr);
  std::string failure =
      xpath_string(doc.get(), "/testsuites/testsuite[1]/testcase[@name='invalid-format']/failure");
  CHECK_THAT(failure, Catch::Contains("value \"" + test::kNastyValue + "\""));
  CHECK_THAT(failure, Catch::Contains("suggestion: 2024-04-18"));
}

TEST_CASE("report-6.6 junit: control characters and bad UTF-8 in data still give well-formed XML") {
  models::Report report = test::sample_report();
  report.tasks[0].problems[1].value = "\x01\x82\xA0";
  report.tasks[0].path = "a\"<&>.csv";
  std::string xml = test::render(OutputFormat::junit, report);
  XmlDocPtr doc = parse_xml(xml);
  REQUIRE(doc != nullptr);
  CHECK(xpath_string(doc.get(), "/testsuites/testsuite[1]/@name") == "a\"<&>.csv");
}
