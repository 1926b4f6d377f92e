// test_model_load_failures.cpp — every way a model file can be bad gives a
// clear error naming the file and line: schema violations, XML that is not
// well-formed, entity bombs and external entities (rejected quickly, nothing
// expanded or read), unknown extends/part/require refs, cycles, collisions,
// unreadable files; an element with more attributes than the cap and a clock
// that says stop, before libxml2 reads the element. The rest of the catalog
// still loads.
// room: model
#include <chrono>
#include <cstdlib>

#include "model_test_support.hpp"
#include "models/engine/model/xml_document.hpp"
#include "registries/moji/character_set.hpp"
#include "registries/moji/named_sets.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

const std::filesystem::path kFixtures = kFixturesDir / "models";

// A catalog with the shipped models loaded (fresh, so load_file cannot clash).
ModelCatalog loaded_catalog() {
  ModelCatalog catalog;
  std::vector<ModelLoadError> errors;
  REQUIRE(catalog.load_directory(kModelsDir, errors));
  REQUIRE(errors.empty());
  return catalog;
}

bool any_error_contains(const std::vector<ModelLoadError>& errors, const std::string& words) {
  for (const ModelLoadError& error : errors) {
    if (error.message.find(words) != std::string::npos) return true;
  }
  return false;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("model-3.1 a model that breaks model.xsd: the error names the file and line") {
  ModelCatalog catalog = loaded_catalog();
  std::vector<ModelLoadError> errors;
  CHECK(catalog.load_file(kFixtures / "bad_schema.xml", errors) == nullptr);
  INFO(describe(errors));
  REQUIRE_FALSE(errors.empty());
  CHECK(errors[0].file == (kFixtures / "bad_schema.xml").string());
  CHECK(errors[0].line == 6);
  CHECK(errors[0].message.find("number") != std::string::npos);
  CHECK(catalog.find("test:BadSchema") == nullptr);
}

TEST_CASE("model-3.2 XML that is not well-formed: file, line and column") {
  ModelCatalog catalog = loaded_catalog();
  std::vector<ModelLoadError> errors;
  CHECK(catalog.load_file(kFixtures / "not_well_formed.xml", errors) == nullptr);
  INFO(describe(errors));
  REQUIRE_FALSE(errors.empty());
  CHECK(errors[0].file == (kFixtures / "not_well_formed.xml").string());
  CHECK(errors[0].line == 6);
  CHECK(errors[0].column > 0);
  CHECK(any_error_contains(errors, "mismatch"));
}

TEST_CASE("model-3.3 an entity bomb (billion laughs) is rejected quickly, unexpanded") {
  const auto start = std::chrono::steady_clock::now();
  std::vector<XmlIssue> issues;
  XmlDocPtr doc = parse_xml_file(kFixtures / "billion_laughs.xml", issues);
  CHECK(doc == nullptr);
  CHECK(seconds_since(start) < 1.0);
  REQUIRE_FALSE(issues.empty());
  CHECK(issues[0].line == 5);  // the first <!ENTITY>
  CHECK(issues[0].message.find("entity declarations are not allowed") != std::string::npos);
  CHECK(issues[0].message.find("'lol'") != std::string::npos);

  ModelCatalog catalog = loaded_catalog();
  std::vector<ModelLoadError> errors;
  CHECK(catalog.load_file(kFixtures / "billion_laughs.xml", errors) == nullptr);
  CHECK(any_error_contains(errors, "entity"));
}

TEST_CASE("model-3.4 an external entity (XXE) is rejected and the file is never read") {
  std::vector<XmlIssue> issues;
  CHECK(parse_xml_file(kFixtures / "xxe.xml", issues) == nullptr);
  REQUIRE_FALSE(issues.empty());
  CHECK(issues[0].message.find("'secret'") != std::string::npos);
  for (const XmlIssue& issue : issues) {
    CHECK(issue.message.find("TOP-SECRET") == std::string::npos);
  }
  ModelCatalog catalog = loaded_catalog();
  std::vector<ModelLoadError> errors;
  CHECK(catalog.load_file(kFixtures / "xxe.xml", errors) == nullptr);
  CHECK(catalog.find("test:Xxe") == nullptr);
}

TEST_CASE("model-3.5 a parameter entity fetching a remote DTD is rejected without network") {
  const auto start = std::chrono::steady_clock::now();
  std::vector<XmlIssue> issues;
  CHECK(parse_xml_file(kFixtures / "xxe_parameter.xml", issues) == nullptr);
  CHECK(seconds_since(start) < 1.0);
  REQUIRE_FALSE(issues.empty());
  CHECK(issues[0].message.find("'remote'") != std::string::npos);
}

TEST_CASE("model-3.6 an external DTD without entities is not loaded; nesting is limited") {
  TempDir dir;
  SECTION("an external DTD reference is ignored, not fetched") {
    write_file(dir.path() / "dtd.xml",
               "<?xml version=\"1.0\"?>\n<!DOCTYPE model SYSTEM \"http://127.0.0.1:9/x.dtd\">\n"
               "<model xmlns=\"urn:gifkit:model:1\" id=\"test:Dtd\" label=\"DTD\"/>\n");
    std::vector<XmlIssue> issues;
    XmlDocPtr doc = parse_xml_file(dir.path() / "dtd.xml", issues);
    CHECK(doc != nullptr);
    CHECK(issues.empty());
  }
  SECTION("a document nested deeper than libxml2's limit fails (XML_PARSE_HUGE is off)") {
    std::string text = "<?xml version=\"1.0\"?>\n";
    for (int i = 0; i < 5000; ++i) text += "<a>";
    for (int i = 0; i < 5000; ++i) text += "</a>";
    write_file(dir.path() / "deep.xml", text);
    std::vector<XmlIssue> issues;
    CHECK(parse_xml_file(dir.path() / "deep.xml", issues) == nullptr);
    CHECK_FALSE(issues.empty());
  }
}

TEST_CASE("model-3.7 unknown extends, part and require refs name the ref, file and line") {
  ModelCatalog catalog = loaded_catalog();
  std::vector<ModelLoadError> errors;
  CHECK(catalog.load_file(kFixtures / "unknown_extends.xml", errors) == nullptr);
  INFO(describe(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].file == (kFixtures / "unknown_extends.xml").string());
  CHECK(errors[0].line == 3);
  CHECK(errors[0].message.find("unknown model 'gif:Nobody'") != std::string::npos);

  errors.clear();
  CHECK(catalog.load_file(kFixtures / "unknown_part.xml", errors) == nullptr);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 6);
  CHECK(errors[0].message.find("part 'place' holds unknown model 'gif:Nowhere'") !=
        std::string::npos);

  errors.clear();
  CHECK(catalog.load_file(kFixtures / "unknown_require.xml", errors) == nullptr);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 5);
  CHECK(errors[0].message.find("'shoeSize'") != std::string::npos);
  // The failed models are not in the catalog; the catalog still works.
  CHECK(catalog.find("test:UnknownPart") == nullptr);
  CHECK(catalog.find("gif:Person") != nullptr);
}

TEST_CASE("model-3.8 cycles of extends and of parts are detected; other models still load") {
  TempDir dir;
  make_models_dir(
      dir.path(),
      {{"A.xml", model_xml(R"(id="test:A" label="A" extends="test:B")", "")},
       {"B.xml", model_xml(R"(id="test:B" label="B" extends="test:A")", "")},
       {"C.xml",
        model_xml(R"(id="test:C" label="C")", "  <part id=\"d\" ref=\"test:D\" label=\"D\"/>\n")},
       {"D.xml",
        model_xml(R"(id="test:D" label="D")", "  <part id=\"c\" ref=\"test:C\" label=\"C\"/>\n")},
       {"Self.xml", model_xml(R"(id="test:Self" label="S" extends="test:Self")", "")},
       {"Fine.xml",
        model_xml(R"(id="test:Fine" label="F")", "  <field id=\"x\" label=\"X\"/>\n")}});
  ModelCatalog catalog;
  std::vector<ModelLoadError> errors;
  REQUIRE(catalog.load_directory(dir.path(), errors));
  INFO(describe(errors));
  CHECK(any_error_contains(errors, "cycle: test:A -> test:B -> test:A"));
  CHECK(any_error_contains(errors, "cycle: test:C -> test:D -> test:C"));
  CHECK(any_error_contains(errors, "cycle: test:Self -> test:Self"));
  for (const std::string id : {"test:A", "test:B", "test:C", "test:D", "test:Self"}) {
    INFO(id);
    CHECK(catalog.find(id) == nullptr);
  }
  CHECK(catalog.find("test:Fine") != nullptr);
  for (const ModelLoadError& error : errors) {
    CHECK(error.file.find(dir.path().string()) == 0);
    CHECK(error.line > 0);
  }
}

TEST_CASE("model-3.9 unreadable files: missing, a directory, a missing schema") {
  ModelCatalog catalog = loaded_catalog();
  std::vector<ModelLoadError> errors;
  CHECK(catalog.load_file(kFixtures / "no_such_model.xml", errors) == nullptr);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].file == (kFixtures / "no_such_model.xml").string());
  CHECK(errors[0].message.find("does not exist") != std::string::npos);

  errors.clear();
  CHECK(catalog.load_file(kFixtures, errors) == nullptr);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("not a regular file") != std::string::npos);

  TempDir dir;
  ModelCatalog empty;
  errors.clear();
  CHECK_FALSE(empty.load_directory(dir.path(), errors));
  CHECK(any_error_contains(errors, "cannot load the model schema"));
  errors.clear();
  CHECK(empty.load_file(kFixtures / "user_application.xml", errors) == nullptr);
  CHECK(any_error_contains(errors, "no model schema loaded"));
}

TEST_CASE("model-3.10 rules the schema cannot express: code lists, collisions, duplicates") {
  ModelCatalog catalog = loaded_catalog();
  std::vector<ModelLoadError> errors;
  CHECK(catalog.load_file(kFixtures / "code_without_codelist.xml", errors) == nullptr);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 4);
  CHECK(errors[0].message.find("has type code but no codelist") != std::string::npos);

  errors.clear();
  CHECK(catalog.load_file(kFixtures / "header_collision.xml", errors) == nullptr);
  INFO(describe(errors));
  CHECK(any_error_contains(errors, "header '氏名' would match both 'fullName' and 'nickname'"));

  TempDir dir;
  make_models_dir(
      dir.path(),
      {{"One.xml", model_xml(R"(id="test:Same" label="1")", "")},
       {"Two.xml", model_xml(R"(id="test:Same" label="2")", "")},
       {"Twice.xml", model_xml(R"(id="test:Twice" label="T")",
                               "  <field id=\"x\" label=\"X\"/>\n"
                               "  <field id=\"x\" label=\"Y\"/>\n")},
       {"MinMax.xml", model_xml(R"(id="test:MinMax" label="M")",
                                "  <field id=\"x\" label=\"X\" min=\"3\" max=\"2\"/>\n")},
       {"BadPattern.xml", model_xml(R"(id="test:BadPattern" label="P")",
                                    "  <field id=\"x\" label=\"X\" pattern=\"[0-9\"/>\n")},
       {"GoodPattern.xml",
        model_xml(R"(id="test:GoodPattern" label="P")",
                  "  <field id=\"x\" label=\"X\" pattern=\"\\p{IsKatakana}+\"/>\n")},
       {"Alt.xml", model_xml(R"(id="test:Alt" label="A")",
                             "  <field id=\"x\" label=\"X\"/>\n"
                             "  <alternative><form><item ref=\"x\"/></form>"
                             "<form><item ref=\"y\"/></form></alternative>\n")}});
  ModelCatalog other;
  errors.clear();
  REQUIRE(other.load_directory(dir.path(), errors));
  INFO(describe(errors));
  CHECK(any_error_contains(errors, "model id 'test:Same' is already defined"));
  CHECK(other.find("test:Same") != nullptr);  // the first one
  // xs:unique in model.xsd catches a field id used twice.
  CHECK(other.find("test:Twice") == nullptr);
  CHECK(any_error_contains(errors, "min (3) is greater than max (2)"));
  CHECK(any_error_contains(errors, "field 'x': invalid pattern"));
  CHECK(other.find("test:BadPattern") == nullptr);
  REQUIRE(other.find("test:GoodPattern") != nullptr);
  CHECK(other.find("test:GoodPattern")->find_field("x")->pattern == "\\p{IsKatakana}+");
  CHECK(any_error_contains(errors, "alternative: no field 'y'"));
  CHECK(other.find("test:Alt") == nullptr);
}

TEST_CASE("model-3.11 charset-file: a set file beside the model; one that is not a set fails") {
  TempDir dir;
  write_file(dir.path() / "sets" / "ours.txt", "# 当市の文字\n4E00\n9AD9\n");
  write_file(dir.path() / "sets" / "bad.txt", "4E00\nhello\n");
  make_models_dir(
      dir.path(),
      {{"Ours.xml",
        model_xml(R"(id="test:Ours" label="O")",
                  "  <field id=\"x\" label=\"X\" charset-file=\"../sets/ours.txt\"/>\n")},
       {"Bad.xml", model_xml(R"(id="test:Bad" label="B")",
                             "  <field id=\"x\" label=\"X\" charset-file=\"../sets/bad.txt\"/>\n")},
       {"Both.xml",
        model_xml(
            R"(id="test:Both" label="B")",
            "  <field id=\"x\" label=\"X\" charset=\"mj\" charset-file=\"../sets/ours.txt\"/>\n")},
       {"Missing.xml",
        model_xml(R"(id="test:Missing" label="M")",
                  "  <field id=\"x\" label=\"X\" charset-file=\"../sets/none.txt\"/>\n")}});
  ModelCatalog catalog;
  std::vector<ModelLoadError> errors;
  REQUIRE(catalog.load_directory(dir.path(), errors));
  INFO(describe(errors));
  const Model* ours = catalog.find("test:Ours");
  REQUIRE(ours != nullptr);
  const FieldSpec* field = ours->find_field("x");
  REQUIRE(field->charset.file_set != nullptr);
  CHECK(field->charset.name == "../sets/ours.txt");
  CHECK(field->charset.file_set->contains(U'髙'));
  CHECK_FALSE(field->charset.file_set->contains(U'高'));
  CHECK(catalog.find("test:Bad") == nullptr);
  CHECK(any_error_contains(errors, "charset-file: "));
  CHECK(any_error_contains(errors, "bad.txt:2: 'hello' is not a hex code point"));
  CHECK(catalog.find("test:Both") == nullptr);
  CHECK(any_error_contains(errors, "give charset or charset-file, not both"));
  CHECK(catalog.find("test:Missing") == nullptr);
  CHECK(any_error_contains(errors, "none.txt: no such set file"));
}

TEST_CASE("model-3.12 model.xsd lists exactly the named character sets") {
  const std::string schema = read_file(kModelsDir / "model.xsd");
  const std::size_t start = schema.find("<xs:simpleType name=\"Charset\">");
  REQUIRE(start != std::string::npos);
  const std::size_t end = schema.find("</xs:simpleType>", start);
  std::vector<std::string> listed;
  for (std::size_t at = schema.find("value=\"", start); at < end;
       at = schema.find("value=\"", at + 1)) {
    const std::size_t close = schema.find('"', at + 7);
    listed.push_back(schema.substr(at + 7, close - at - 7));
  }
  std::vector<std::string> expected = {"any"};
  for (const auto& info : gifkit::registries::moji::named_sets()) expected.emplace_back(info.name);
  CHECK(listed == expected);
}

TEST_CASE("model-3.13 an element over the attribute cap is refused before libxml2 reads it") {
  TempDir dir;
  std::string attributes;
  for (int i = 0; i < 40000; ++i) attributes += " a" + std::to_string(i) + "=\"1\"";
  write_file(dir.path() / "attributes.xml",
             "<?xml version=\"1.0\"?>\n<root>\n  <item" + attributes + "/>\n</root>\n");
  gifkit::grammars::ReadLimits limits;
  limits.raise_attributes_hint = "raise it with --max-attributes N";
  std::vector<XmlIssue> issues;
  const auto start = std::chrono::steady_clock::now();
  CHECK(parse_xml_file(dir.path() / "attributes.xml", issues, limits) == nullptr);
  CHECK(seconds_since(start) < 2.0);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].kind == XmlIssue::Kind::over_cap);
  CHECK(issues[0].line == 3);
  CHECK(issues[0].message ==
        "line 3: the element <item> has more than 1000 attributes (the cap on one element; raise "
        "it with --max-attributes N)");
  // Raised past them, the document is read.
  limits.max_attributes = 40000;
  issues.clear();
  CHECK(parse_xml_file(dir.path() / "attributes.xml", issues, limits) != nullptr);
}

TEST_CASE("model-3.14 the clock is asked while a document is read; a gzip file is not inflated") {
  TempDir dir;
  std::string text = "<?xml version=\"1.0\"?>\n<root>";
  for (int i = 0; i < 20000; ++i) text += "<a>" + std::to_string(i) + "</a>";
  write_file(dir.path() / "long.xml", text + "</root>\n");
  gifkit::grammars::ReadLimits limits;
  int asked = 0;
  limits.keep_going = [&asked] { return ++asked < 3; };
  std::vector<XmlIssue> issues;
  CHECK(parse_xml_file(dir.path() / "long.xml", issues, limits) == nullptr);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].kind == XmlIssue::Kind::stopped);
  CHECK(asked == 3);
  // The same bytes gzip-compressed are not XML: libxml2's own reader would inflate them.
  const std::filesystem::path gz = dir.path() / "long.xml.gz";
  REQUIRE(std::system(("gzip -k " + (dir.path() / "long.xml").string()).c_str()) == 0);
  issues.clear();
  CHECK(parse_xml_file(gz, issues) == nullptr);
  REQUIRE_FALSE(issues.empty());
  CHECK(issues[0].kind == XmlIssue::Kind::invalid);
}
