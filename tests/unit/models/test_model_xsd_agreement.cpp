// test_model_xsd_agreement.cpp — proves that gifkit's model files agree with
// the official GIF_Core_DataModel.xsd (2025): for every model naming an
// xsd-type, its items (own fields with an xsd element, and parts) are exactly
// the element refs of that complexType (a class: its _uniqueElementGroup; a
// pattern: its restriction's sequence) with the same minOccurs/maxOccurs, and
// each field's type fits the element's XSD type. The occurrences are checked
// twice: by the library (xsd_agreement) and by an independent XPath reading
// here. Both are shown to catch deliberately broken copies of the models.
// room: model
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <functional>

#include "model_test_support.hpp"
#include "models/engine/model/xml_document.hpp"
#include "models/engine/model/xsd_agreement.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

struct Occurs {
  int min_occurs = 1;
  int max_occurs = 1;
  bool operator==(const Occurs& other) const {
    return min_occurs == other.min_occurs && max_occurs == other.max_occurs;
  }
};

int parse_occurs(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return 1;
  const std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text == "unbounded" ? -1 : std::stoi(text);
}

std::string strip_prefix(const std::string& qname) {
  const std::size_t colon = qname.find(':');
  return colon == std::string::npos ? qname : qname.substr(colon + 1);
}

// Reads the official XSD with plain libxml2 XPath, independently of xsd_agreement.cpp.
class OfficialXsd {
 public:
  OfficialXsd() {
    doc_ = xmlReadFile(kGifXsd.c_str(), nullptr, XML_PARSE_NONET);
    REQUIRE(doc_ != nullptr);
    context_ = xmlXPathNewContext(doc_);
    xmlXPathRegisterNs(context_, BAD_CAST "xsd", BAD_CAST "http://www.w3.org/2001/XMLSchema");
  }
  ~OfficialXsd() {
    xmlXPathFreeContext(context_);
    xmlFreeDoc(doc_);
  }

  // element ref → occurrences, for a class (via its group ref), a pattern (restriction) or
  // a class that extends another with nothing of its own (OtherBuildingStructure).
  std::map<std::string, Occurs> items_of(const std::string& type) {
    std::map<std::string, Occurs> items;
    const std::string type_path = "/xsd:schema/xsd:complexType[@name='" + type + "']";
    const std::vector<xmlNode*> bases = select(type_path + "/xsd:complexContent/xsd:extension");
    if (!bases.empty() && select(type_path + "/xsd:complexContent/xsd:extension/*").empty()) {
      xmlChar* base = xmlGetProp(bases.front(), BAD_CAST "base");
      const std::string base_type = strip_prefix(reinterpret_cast<const char*>(base));
      xmlFree(base);
      return items_of(base_type);
    }
    std::string elements_path =
        type_path + "/xsd:complexContent/xsd:restriction/xsd:sequence/xsd:element";
    const std::vector<xmlNode*> group_refs = select(type_path + "/xsd:sequence/xsd:group");
    if (!group_refs.empty()) {
      xmlChar* ref = xmlGetProp(group_refs.front(), BAD_CAST "ref");
      const std::string group = strip_prefix(reinterpret_cast<const char*>(ref));
      xmlFree(ref);
      elements_path = "/xsd:schema/xsd:group[@name='" + group + "']/xsd:sequence/xsd:element";
    }
    for (xmlNode* element : select(elements_path)) {
      xmlChar* ref = xmlGetProp(element, BAD_CAST "ref");
      items[strip_prefix(reinterpret_cast<const char*>(ref))] = {
          parse_occurs(element, "minOccurs"), parse_occurs(element, "maxOccurs")};
      xmlFree(ref);
    }
    return items;
  }

 private:
  std::vector<xmlNode*> select(const std::string& path) {
    std::vector<xmlNode*> nodes;
    xmlXPathObjectPtr result = xmlXPathEvalExpression(BAD_CAST path.c_str(), context_);
    if (result != nullptr && result->nodesetval != nullptr) {
      for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
        nodes.push_back(result->nodesetval->nodeTab[i]);
      }
    }
    xmlXPathFreeObject(result);
    return nodes;
  }

  xmlDocPtr doc_ = nullptr;
  xmlXPathContextPtr context_ = nullptr;
};

// The model's items as the XSD sees them: own fields with an xsd element, and parts.
std::map<std::string, Occurs> items_of_model(const Model& model) {
  std::map<std::string, Occurs> items;
  for (const FieldSpec& field : model.fields) {
    if (field.part.empty() && !field.xsd_element.empty()) {
      items[field.xsd_element] = {field.min_occurs, field.max_occurs};
    }
  }
  for (const PartSpec& part : model.parts)
    items[part.xsd_element] = {part.min_occurs, part.max_occurs};
  return items;
}

// Differences between the model and the official XSD, as readable lines.
std::vector<std::string> xpath_differences(const Model& model, OfficialXsd& xsd) {
  std::vector<std::string> differences;
  const std::map<std::string, Occurs> expected = xsd.items_of(model.gif_class);
  const std::map<std::string, Occurs> actual = items_of_model(model);
  if (expected.empty()) differences.push_back(model.gif_class + ": no items in the XSD");
  for (const auto& [element, occurs] : expected) {
    auto found = actual.find(element);
    if (found == actual.end()) {
      differences.push_back(model.id + ": missing " + element);
    } else if (!(found->second == occurs)) {
      differences.push_back(
          model.id + ": " + element + " occurs " + std::to_string(found->second.min_occurs) + ".." +
          std::to_string(found->second.max_occurs) + ", XSD " + std::to_string(occurs.min_occurs) +
          ".." + std::to_string(occurs.max_occurs));
    }
  }
  for (const auto& [element, occurs] : actual) {
    if (expected.count(element) == 0) differences.push_back(model.id + ": extra " + element);
  }
  return differences;
}

std::string describe_mismatches(const std::vector<XsdMismatch>& mismatches) {
  std::string text;
  for (const XsdMismatch& mismatch : mismatches) {
    text += mismatch.model + " [" + mismatch.item + "] " + mismatch.message + "\n";
  }
  return text;
}

bool mentions(const std::vector<XsdMismatch>& mismatches, const std::string& model,
              const std::string& item, const std::string& words) {
  for (const XsdMismatch& mismatch : mismatches) {
    if (mismatch.model == model && mismatch.item == item &&
        mismatch.message.find(words) != std::string::npos) {
      return true;
    }
  }
  return false;
}

// text with its first occurrence of from replaced by to (unchanged if absent).
std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// text without the block that starts with begin and ends with the first end after it.
std::string erase_block(std::string text, const std::string& begin, const std::string& end) {
  const std::size_t from = text.find(begin);
  if (from == std::string::npos) return text;
  const std::size_t to = text.find(end, from);
  if (to == std::string::npos) return text;
  text.erase(from, to + end.size() - from);
  return text;
}

// A copy of the shipped models directory with one edit applied to one file.
void copy_models_with_edit(const std::filesystem::path& dir, const std::string& file,
                           const std::function<std::string(const std::string&)>& edit) {
  std::filesystem::create_directories(dir / "gif");
  std::filesystem::copy_file(kModelsDir / "model.xsd", dir / "model.xsd");
  for (const auto& entry : std::filesystem::directory_iterator(kModelsDir / "gif")) {
    std::string text = read_file(entry.path());
    if (entry.path().filename() == file) {
      const std::string edited = edit(text);
      REQUIRE(edited != text);
      text = edited;
    }
    write_file(dir / "gif" / entry.path().filename(), text);
  }
}

GifXsd load_gif_xsd() {
  GifXsd xsd;
  std::string error;
  INFO(error);
  REQUIRE(xsd.load(kGifXsd, error));
  return xsd;
}

}  // namespace

TEST_CASE("model-2.1 GifXsd reads items, occurrences and resolved types of a complexType") {
  const GifXsd xsd = load_gif_xsd();
  const std::vector<XsdItem>* person = xsd.items_of("Person");
  REQUIRE(person != nullptr);
  REQUIRE(person->size() == 17);
  CHECK(person->at(0).element == "idGroup");
  CHECK(person->at(0).max_occurs == -1);
  CHECK(person->at(0).kind == XsdTypeKind::complex);
  CHECK(person->at(0).type == "IdInformationModel");
  CHECK(person->at(1).element == "familyName");
  CHECK(person->at(1).kind == XsdTypeKind::builtin);
  CHECK(person->at(1).type == "string");
  CHECK(person->at(11).element == "sex");
  CHECK(person->at(11).kind == XsdTypeKind::codelist);
  CHECK(person->at(11).type == "SexCodeList");
  CHECK(person->at(12).type == "date");
  CHECK(person->at(15).element == "address_MP00");
  CHECK(person->at(15).type == "Address");
  const std::vector<XsdItem>* mp03 = xsd.items_of("Person_MP03");
  REQUIRE(mp03 != nullptr);
  CHECK(mp03->at(11).min_occurs == 1);  // sex
  CHECK(xsd.items_of("LegalEntity")->at(5).type == "LegalEntityKindCodeList");
  CHECK(xsd.items_of("NoSuchType") == nullptr);
}

TEST_CASE("model-2.2 every shipped model naming an xsd-type agrees with the official XSD") {
  const GifXsd xsd = load_gif_xsd();
  const std::vector<XsdMismatch> mismatches = check_catalog_against_xsd(shipped_catalog(), xsd);
  INFO(describe_mismatches(mismatches));
  CHECK(mismatches.empty());
  int checked = 0;
  for (const Model* model : shipped_catalog().models())
    checked += model->gif_class.empty() || model->release != "2025" ? 0 : 1;
  CHECK(checked == 26);  // 13 classes and 13 required patterns (gif2024: is checked by model-5.3)
}

TEST_CASE(
    "model-2.3 an independent XPath reading of the XSD gives the same items and occurrences") {
  OfficialXsd xsd;
  for (const Model* model : shipped_catalog().models()) {
    if (model->gif_class.empty() || model->release != "2025") continue;  // this XSD is 2025's
    const std::vector<std::string> differences = xpath_differences(*model, xsd);
    std::string text;
    for (const std::string& line : differences) text += line + "\n";
    INFO(text);
    CHECK(differences.empty());
  }
  // And the patterns say what the brief expects of them.
  CHECK(xsd.items_of("Person_MP03").at("sex").min_occurs == 1);
  CHECK(xsd.items_of("Address_MP07").at("country").min_occurs == 1);
  CHECK(xsd.items_of("Person").at("sex").min_occurs == 0);
}

TEST_CASE("model-2.4 the agreement checks catch a deliberately wrong model") {
  const GifXsd xsd = load_gif_xsd();
  OfficialXsd official;

  SECTION("a pattern that forgets one requirement") {
    TempDir dir;
    copy_models_with_edit(dir.path(), "Person_MP03.xml", [](const std::string& text) {
      return replace_once(text, "  <require ref=\"sex\"/>\n", "");
    });
    ModelCatalog catalog;
    std::vector<ModelLoadError> errors;
    REQUIRE(catalog.load_directory(dir.path(), errors));
    REQUIRE(errors.empty());
    const std::vector<XsdMismatch> mismatches = check_catalog_against_xsd(catalog, xsd);
    INFO(describe_mismatches(mismatches));
    REQUIRE(mismatches.size() == 1);
    CHECK(mentions(mismatches, "gif2025:Person_MP03", "sex",
                   "occurs 0..1 but Person_MP03 says 1..1"));
    REQUIRE(catalog.find("gif:Person_MP03") != nullptr);
    CHECK(xpath_differences(*catalog.find("gif:Person_MP03"), official).size() == 1);
  }
  SECTION("a field whose type does not fit the element's type") {
    TempDir dir;
    copy_models_with_edit(dir.path(), "Address.xml", [](const std::string& text) {
      return replace_once(text, "id=\"postalCode\" label=\"郵便番号\" type=\"postal-code\"",
                          "id=\"postalCode\" label=\"郵便番号\" type=\"date\"");
    });
    ModelCatalog catalog;
    std::vector<ModelLoadError> errors;
    REQUIRE(catalog.load_directory(dir.path(), errors));
    const std::vector<XsdMismatch> mismatches = check_catalog_against_xsd(catalog, xsd);
    INFO(describe_mismatches(mismatches));
    CHECK(mentions(mismatches, "gif2025:Address", "postalCode", "type date does not fit"));
    CHECK(mentions(mismatches, "gif2025:Address_MP07", "postalCode", "type date does not fit"));
  }
  SECTION("a class missing one item") {
    TempDir dir;
    copy_models_with_edit(dir.path(), "LegalEntity.xml", [](const std::string& text) {
      return erase_block(text, "  <field id=\"activityStatus\"", "</field>\n");
    });
    ModelCatalog catalog;
    std::vector<ModelLoadError> errors;
    REQUIRE(catalog.load_directory(dir.path(), errors));
    const std::vector<XsdMismatch> mismatches = check_catalog_against_xsd(catalog, xsd);
    INFO(describe_mismatches(mismatches));
    CHECK(mentions(mismatches, "gif2025:LegalEntity", "activityStatus", "no item for it"));
    CHECK(mentions(mismatches, "gif2025:LegalEntity_MP01", "activityStatus", "no item for it"));
    REQUIRE(catalog.find("gif:LegalEntity") != nullptr);
    CHECK(xpath_differences(*catalog.find("gif:LegalEntity"), official) ==
          std::vector<std::string>{"gif:LegalEntity: missing activityStatus"});
  }
  SECTION("a part holding the wrong class") {
    TempDir dir;
    copy_models_with_edit(dir.path(), "LegalEntity.xml", [](const std::string& text) {
      return replace_once(text, "ref=\"gif:BusinessPlace\" label=\"事業所\"",
                          "ref=\"gif:Facility\" label=\"事業所\"");
    });
    ModelCatalog catalog;
    std::vector<ModelLoadError> errors;
    REQUIRE(catalog.load_directory(dir.path(), errors));
    const std::vector<XsdMismatch> mismatches = check_catalog_against_xsd(catalog, xsd);
    INFO(describe_mismatches(mismatches));
    REQUIRE(errors.empty());
    CHECK(mentions(mismatches, "gif2025:LegalEntity", "businessPlace",
                   "part holds gif2025:Facility"));
  }
}

TEST_CASE("model-2.5 value_type_fits: which model types can hold which XSD types") {
  const auto item = [](XsdTypeKind kind, const std::string& type) {
    XsdItem xsd_item;
    xsd_item.kind = kind;
    xsd_item.type = type;
    return xsd_item;
  };
  const auto field = [](ValueType type, const std::string& codelist = "") {
    FieldSpec spec;
    spec.type = type;
    spec.codelist = codelist;
    return spec;
  };
  const XsdItem string_item = item(XsdTypeKind::builtin, "string");
  CHECK(value_type_fits(field(ValueType::text), string_item));
  CHECK(value_type_fits(field(ValueType::katakana), string_item));
  CHECK(value_type_fits(field(ValueType::corporate_number), string_item));
  CHECK(value_type_fits(field(ValueType::postal_code), string_item));
  CHECK_FALSE(value_type_fits(field(ValueType::date), string_item));
  CHECK_FALSE(value_type_fits(field(ValueType::url), string_item));
  CHECK_FALSE(value_type_fits(field(ValueType::integer), string_item));
  CHECK(value_type_fits(field(ValueType::date), item(XsdTypeKind::builtin, "date")));
  CHECK_FALSE(value_type_fits(field(ValueType::text), item(XsdTypeKind::builtin, "date")));
  CHECK(value_type_fits(field(ValueType::url), item(XsdTypeKind::builtin, "anyURI")));
  CHECK(value_type_fits(field(ValueType::integer), item(XsdTypeKind::builtin, "integer")));
  CHECK_FALSE(value_type_fits(field(ValueType::decimal), item(XsdTypeKind::builtin, "integer")));
  const XsdItem sex = item(XsdTypeKind::codelist, "SexCodeList");
  CHECK(value_type_fits(field(ValueType::code, "SexCodeList"), sex));
  CHECK_FALSE(value_type_fits(field(ValueType::code, "StatusCodeList"), sex));
  CHECK_FALSE(value_type_fits(field(ValueType::text), sex));
  CHECK(value_type_fits(field(ValueType::text), item(XsdTypeKind::complex, "IdInformationModel")));
  CHECK_FALSE(value_type_fits(field(ValueType::text), item(XsdTypeKind::complex, "Address")));
}

TEST_CASE("model-2.6 XmlSchema compiles the official XSD (with its code-list import)") {
  gifkit::models::XmlSchema schema;
  std::vector<XmlIssue> issues;
  REQUIRE(schema.load(kGifXsd, issues));
  CHECK(issues.empty());
  TempDir dir;
  const std::string person_mp01_fields =
      "  <pd:idGroup><pd:idType>教員番号</pd:idType><pd:id>1234567</pd:id></pd:idGroup>\n"
      "  <pd:familyName>山田</pd:familyName>\n  <pd:givenName>花子</pd:givenName>\n"
      "  <pd:familyNameKana>ヤマダ</pd:familyNameKana>\n"
      "  <pd:givenNameKana>ハナコ</pd:givenNameKana>\n"
      "  <pd:familyNameEn>Yamada</pd:familyNameEn>\n  <pd:givenNameEn>Hanako</pd:givenNameEn>\n"
      "  <pd:sex><pcd:code>2</pcd:code><pcd:value>女性</pcd:value></pd:sex>\n"
      "  <pd:dateOfBirth>2000-01-01</pd:dateOfBirth>\n";
  const std::string open = R"(<?xml version="1.0" encoding="UTF-8"?>
<pd:Person xmlns:pd="http://xxx/xxx/gif/xxx" xmlns:pcd="http://xxx/xxx/gif/codelist/xxx">
)";
  write_file(dir.path() / "valid.xml", open + person_mp01_fields + "</pd:Person>\n");
  XmlDocPtr valid = parse_xml_file(dir.path() / "valid.xml", issues);
  REQUIRE(valid != nullptr);
  CHECK(schema.validate(valid.get(), issues));
  CHECK(issues.empty());

  // The global element Person is a Person_MP01: without idGroup it is invalid.
  write_file(dir.path() / "invalid.xml",
             open +
                 replace_once(person_mp01_fields,
                              "  <pd:idGroup><pd:idType>教員番号</pd:idType><pd:id>1234567</"
                              "pd:id></pd:idGroup>\n",
                              "") +
                 "</pd:Person>\n");
  XmlDocPtr invalid = parse_xml_file(dir.path() / "invalid.xml", issues);
  REQUIRE(invalid != nullptr);
  CHECK_FALSE(schema.validate(invalid.get(), issues));
  REQUIRE_FALSE(issues.empty());
  CHECK(issues[0].line == 3);
  CHECK(issues[0].message.find("idGroup") != std::string::npos);
  // The one-shot form does the same.
  issues.clear();
  CHECK(validate_against_xsd(valid.get(), kGifXsd, issues));
}
