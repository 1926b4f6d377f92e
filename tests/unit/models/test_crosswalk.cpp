// test_crosswalk.cpp — proves models/crosswalks/gif-releases.tsv against the
// three official releases of the GIF core data model: every item of every
// class of the 2022 catalogs (項目名（英語）), the 2024 XSD and the 2025 XSD
// (element refs of each complexType that is no _MP pattern, inherited ones
// included) appears in the file, every name the file uses exists in its
// release, the relations the file states for 2022 → 2024 and 2024 → 2025 are
// the ones its rows imply, and the value column fits the relations. The
// official files are read here independently of the reader (libxml2 XPath,
// the dataset reader for the CSV). The checks are shown to fail on broken
// copies, and the reader's errors are tested.
// room: model
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <set>

#include "model_test_support.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/model/crosswalk.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

using ReleaseItems = std::map<std::string, std::vector<std::string>>;  // class → items

std::string crosswalk_attribute(xmlNode* node, const char* name);

// An element of a sequence: by its ref, or its name when declared in place.
std::string element_name(xmlNode* element) {
  const std::string ref = crosswalk_attribute(element, "ref");
  return ref.empty() ? crosswalk_attribute(element, "name") : ref;
}

std::string crosswalk_attribute(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, BAD_CAST name);
  std::string text = value == nullptr ? "" : reinterpret_cast<const char*>(value);
  xmlFree(value);
  const std::size_t colon = text.find(':');
  return colon == std::string::npos ? text : text.substr(colon + 1);
}

std::vector<xmlNode*> crosswalk_select(xmlXPathContextPtr context, const std::string& path) {
  std::vector<xmlNode*> nodes;
  xmlXPathObjectPtr result = xmlXPathEvalExpression(BAD_CAST path.c_str(), context);
  if (result != nullptr && result->nodesetval != nullptr)
    for (int i = 0; i < result->nodesetval->nodeNr; ++i)
      nodes.push_back(result->nodesetval->nodeTab[i]);
  xmlXPathFreeObject(result);
  return nodes;
}

// Every complexType of an official data-model XSD that is no _MP pattern, with
// its elements (by ref, or declared in place by name): its group's, a
// restriction's, an extension's own after its base's.
ReleaseItems xsd_release_items(const std::filesystem::path& xsd) {
  xmlDocPtr doc = xmlReadFile(xsd.c_str(), nullptr, XML_PARSE_NONET);
  REQUIRE(doc != nullptr);
  xmlXPathContextPtr context = xmlXPathNewContext(doc);
  xmlXPathRegisterNs(context, BAD_CAST "xsd", BAD_CAST "http://www.w3.org/2001/XMLSchema");
  ReleaseItems own;
  std::map<std::string, std::string> bases;
  for (xmlNode* type : crosswalk_select(context, "/xsd:schema/xsd:complexType")) {
    const std::string name = crosswalk_attribute(type, "name");
    if (name.find("_MP") != std::string::npos) continue;
    const std::string at = "/xsd:schema/xsd:complexType[@name='" + name + "']";
    std::vector<std::string>& items = own[name];
    for (xmlNode* group : crosswalk_select(context, at + "/xsd:sequence/xsd:group"))
      for (xmlNode* element : crosswalk_select(context, "/xsd:schema/xsd:group[@name='" +
                                                            crosswalk_attribute(group, "ref") +
                                                            "']/xsd:sequence/xsd:element"))
        items.push_back(element_name(element));
    for (xmlNode* element : crosswalk_select(
             context, at + "/xsd:complexContent/xsd:restriction/xsd:sequence/xsd:element"))
      items.push_back(element_name(element));
    for (xmlNode* extension : crosswalk_select(context, at + "/xsd:complexContent/xsd:extension"))
      bases[name] = crosswalk_attribute(extension, "base");
    for (xmlNode* element : crosswalk_select(
             context, at + "/xsd:complexContent/xsd:extension/xsd:sequence/xsd:element"))
      items.push_back(element_name(element));
  }
  xmlXPathFreeContext(context);
  xmlFreeDoc(doc);
  ReleaseItems all = own;
  for (const auto& [name, base] : bases) {
    REQUIRE(own.count(base) == 1);
    all[name] = own.at(base);
    all[name].insert(all[name].end(), own[name].begin(), own[name].end());
  }
  return all;
}

// Every catalog of the 2022 release (one CSV per class) with its 項目名（英語） column.
ReleaseItems catalog_release_items(const std::filesystem::path& folder) {
  ReleaseItems classes;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".csv") continue;
    DatasetReader reader(entry.path().string(), DatasetReadOptions{},
                         [](const gifkit::grammars::CsvError& error) { FAIL(error.message); });
    gifkit::grammars::CsvRecord record;
    REQUIRE(reader.next(record));
    const auto at = std::find(record.fields.begin(), record.fields.end(), "項目名（英語）");
    REQUIRE(at != record.fields.end());
    const std::size_t column = static_cast<std::size_t>(at - record.fields.begin());
    std::vector<std::string>& items = classes[entry.path().stem().string()];
    while (reader.next(record))
      if (record.fields.size() > column && !record.fields[column].empty())
        items.emplace_back(record.fields[column]);
  }
  return classes;
}

const std::array<ReleaseItems, 3>& official_releases() {
  static const std::array<ReleaseItems, 3> releases = {
      catalog_release_items(kDataDir / "gif" / "dmd-csv-2022"),
      xsd_release_items(kDataDir / "gif" / "versions" / "2024-10-01" / "GIF_Core_DataModel.xsd"),
      xsd_release_items(kGifXsd)};
  return releases;
}

// What the file gets wrong against the official files, one line each.
std::vector<std::string> coverage_problems(const Crosswalk& crosswalk) {
  std::vector<std::string> problems;
  const std::array<ReleaseItems, 3>& official = official_releases();
  std::array<std::set<std::string>, 3> named;
  std::set<std::string> lines_seen;
  for (const CrosswalkRow& row : crosswalk.rows()) {
    const std::string cells = row.qualified(0) + "|" + row.qualified(1) + "|" + row.qualified(2);
    if (!lines_seen.insert(cells).second)
      problems.push_back("line " + std::to_string(row.line) + ": " + cells + " twice");
    for (std::size_t release = 0; release < 3; ++release) {
      if (!row.present(release)) continue;
      const std::string where = "line " + std::to_string(row.line) + ": " +
                                std::string(kGifReleases[release]) + " " + row.qualified(release);
      const auto found = official[release].find(row.classes[release]);
      if (found == official[release].end()) {
        problems.push_back(where + ": no such class");
        continue;
      }
      named[release].insert(row.qualified(release));
      if (!row.is_class && std::find(found->second.begin(), found->second.end(),
                                     row.items[release]) == found->second.end())
        problems.push_back(where + ": no such item");
    }
  }
  for (std::size_t release = 0; release < 3; ++release)
    for (const auto& [name, items] : official[release]) {
      if (named[release].count(name) == 0)
        problems.push_back(std::string(kGifReleases[release]) + " class " + name +
                           ": no class line");
      for (const std::string& item : items)
        if (named[release].count(name + "." + item) == 0)
          problems.push_back(std::string(kGifReleases[release]) + " " + name + "." + item +
                             ": missing");
    }
  return problems;
}

// Stated relations that differ from those the rows imply, and values that do not fit.
std::vector<std::string> relation_problems(const Crosswalk& crosswalk) {
  std::vector<std::string> problems;
  std::map<std::string, int> carries_into;  // "source class → 2025 target": rows that carry
  for (const CrosswalkRow& row : crosswalk.rows()) {
    const std::string where = "line " + std::to_string(row.line) + ": ";
    for (std::size_t step = 0; step < 2; ++step) {
      const CrossRelation derived = crosswalk.relation_between(row, step, step + 1);
      if (derived != row.stated[step])
        problems.push_back(where + std::string(kGifReleases[step]) + " → " +
                           std::string(kGifReleases[step + 1]) + " says " +
                           std::string(cross_relation_name(row.stated[step])) +
                           ", the rows imply " + std::string(cross_relation_name(derived)));
    }
    if (row.is_class) continue;
    std::size_t earliest = 0;
    while (!row.present(earliest)) ++earliest;
    const bool nothing_to_convert = earliest == 2 || !row.present(2);
    if (nothing_to_convert != (row.value == ValueCarry::none))
      problems.push_back(where +
                         "value must be - exactly when there is no earlier item or no 2025 item");
    if (earliest < 2 && row.present(2)) {
      const CrossRelation whole = crosswalk.relation_between(row, earliest, 2);
      if (whole == CrossRelation::split && row.value != ValueCarry::review)
        problems.push_back(where + "a split value cannot carry over unchanged");
      if (whole == CrossRelation::moved && row.value == ValueCarry::check)
        problems.push_back(where + "a moved item's value is carried or reviewed, not checked");
      if (row.value != ValueCarry::review &&
          ++carries_into[row.classes[earliest] + " → " + row.qualified(2)] > 1)
        problems.push_back(where + "two items of one class carry into " + row.qualified(2));
    }
  }
  return problems;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

const Crosswalk& shipped_crosswalk() {
  static const Crosswalk crosswalk = read_crosswalk(crosswalk_path(kModelsDir));
  return crosswalk;
}

// A copy of the shipped file with `edit` applied to its text, read back.
Crosswalk edited_crosswalk(const std::function<void(std::string&)>& edit) {
  std::ifstream in(crosswalk_path(kModelsDir));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  edit(text);
  TempDir dir;
  const std::filesystem::path copy = dir.path() / "edited.tsv";
  std::ofstream(copy) << text;
  return read_crosswalk(copy);
}

void replace_once(std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

std::string read_error_of(const std::string& text) {
  TempDir dir;
  const std::filesystem::path file = dir.path() / "bad.tsv";
  std::ofstream(file) << text;
  try {
    read_crosswalk(file);
  } catch (const CrosswalkError& error) {
    return error.message.substr(error.message.rfind('/') + 1);
  }
  return "";
}

}  // namespace

TEST_CASE(
    "crosswalk-1.1 every item of every release's classes is in the crosswalk, by a name the "
    "release has",
    "[crosswalk]") {
  const Crosswalk& crosswalk = shipped_crosswalk();
  REQUIRE(official_releases()[0].size() == 18);  // the 2022 catalogs
  REQUIRE(official_releases()[0].at("Person").size() == 36);
  REQUIRE(official_releases()[1].at("ContactPointForLegalentity").size() == 10);  // 8 inherited
  REQUIRE(official_releases()[2].count("Person_MP01") == 0);
  const std::vector<std::string> problems = coverage_problems(crosswalk);
  INFO(joined(problems));
  CHECK(problems.empty());
}

TEST_CASE("crosswalk-1.2 the stated relations are the ones the rows imply; values fit them",
          "[crosswalk]") {
  const std::vector<std::string> problems = relation_problems(shipped_crosswalk());
  INFO(joined(problems));
  CHECK(problems.empty());
}

TEST_CASE("crosswalk-1.3 relations between 2022 and 2025, either way", "[crosswalk]") {
  const Crosswalk& crosswalk = shipped_crosswalk();
  auto relation = [&](const char* class_name, const char* item, std::size_t to) {
    const CrosswalkRow* row = crosswalk.find_item(0, class_name, item);
    REQUIRE(row != nullptr);
    return crosswalk.relation_between(*row, 0, to);
  };
  CHECK(relation("Person", "familyName", 2) == CrossRelation::same);
  CHECK(relation("Person", "residenceAddress", 2) == CrossRelation::renamed);
  CHECK(relation("Person", "identificationGroup", 1) == CrossRelation::same);
  CHECK(relation("Person", "identificationGroup", 2) == CrossRelation::renamed);
  CHECK(relation("Person", "age", 2) == CrossRelation::removed);
  CHECK(relation("Address", "countyGroup", 1) == CrossRelation::renamed);
  CHECK(relation("Address", "countyGroup", 2) == CrossRelation::removed);
  CHECK(relation("ChildcareService", "nursery", 2) == CrossRelation::moved);
  CHECK(relation("ContactPointForPerson", "contactPointRemarks", 2) == CrossRelation::split);
  CHECK(relation("ContactPointForPerson", "contactPointExtension", 2) == CrossRelation::merged);
  CHECK(crosswalk.counterpart_class(0, 2, "IDInformationType") == "IdInformationModel");
  CHECK(crosswalk.counterpart_class(0, 2, "Nothing").empty());
  // The other way: 2025 → 2022.
  // 2025 Address.postalCode: new in Address, and where the contact's postal code moved.
  std::vector<CrossRelation> postal;
  for (const CrosswalkRow* row : crosswalk.item_rows_of(2, "Address"))
    if (row->items[2] == "postalCode") postal.push_back(crosswalk.relation_between(*row, 2, 0));
  CHECK(std::count(postal.begin(), postal.end(), CrossRelation::removed) == 1);
  CHECK(std::count(postal.begin(), postal.end(), CrossRelation::moved) ==
        4);  // ContactPoint and its 3 kinds
  const CrosswalkRow* phone =
      crosswalk.find_item(0, "ContactPointForPerson", "contactPointExtension");
  CHECK(crosswalk.relation_between(*phone, 2, 0) == CrossRelation::split);
  // Event.location is a name in both releases for two different items.
  const CrosswalkRow* location = crosswalk.find_item(0, "Event", "locationName");
  CHECK(location->items[2] == "location");
  CHECK(crosswalk.find_item(0, "Event", "location")->items[2].empty());
  CHECK(crosswalk.item_rows_of(0, "Person").size() == 36);
}

TEST_CASE("crosswalk-1.4 the checks find a missing item, a wrong name and a wrong relation",
          "[crosswalk]") {
  const Crosswalk without_age = edited_crosswalk([](std::string& text) {
    replace_once(text, "item\tPerson.age\tPerson.age\t-\tsame\tremoved\t-\t\n", "");
  });
  CHECK_THAT(joined(coverage_problems(without_age)), Catch::Contains("2022 Person.age: missing"));
  const Crosswalk misspelt = edited_crosswalk([](std::string& text) {
    replace_once(text, "Person.residenceAddress\tPerson.residenceAddress\tPerson.address_MP00",
                 "Person.residenceAddress\tPerson.residenceAddress\tPerson.address_MP01");
  });
  CHECK_THAT(joined(coverage_problems(misspelt)),
             Catch::Contains("2025 Person.address_MP01: no such item"));
  const Crosswalk twice = edited_crosswalk(
      [](std::string& text) { text += "item\tPerson.age\tPerson.age\t-\tsame\tremoved\t-\t\n"; });
  CHECK_THAT(joined(coverage_problems(twice)), Catch::Contains("Person.age|Person.age| twice"));
  const Crosswalk said_same = edited_crosswalk([](std::string& text) {
    replace_once(text, "Person.address_MP00\tsame\trenamed", "Person.address_MP00\tsame\tsame");
  });
  CHECK_THAT(joined(relation_problems(said_same)),
             Catch::Contains("2024 → 2025 says same, the rows imply renamed"));
  const Crosswalk split_carries = edited_crosswalk([](std::string& text) {
    replace_once(text, "ContactPoint.contactPointSocialMedia\tsame\tsplit\treview",
                 "ContactPoint.contactPointSocialMedia\tsame\tsplit\tcarry");
  });
  CHECK_THAT(joined(relation_problems(split_carries)),
             Catch::Contains("a split value cannot carry"));
}

TEST_CASE("crosswalk-1.5 a malformed crosswalk is refused with its line and column",
          "[crosswalk]") {
  CHECK(read_error_of("item\tPerson.age\n") ==
        "bad.tsv:1:1: expected 8 tab-separated columns (kind, 2022, 2024, 2025, r22_24, r24_25, "
        "value, "
        "note), found 2");
  CHECK(read_error_of("# c\nitem\tPerson.age\tPerson.age\t-\tsame\tgone\t-\t\n") ==
        "bad.tsv:2:35: expected same, renamed, moved, split, merged, removed, added or -, found "
        "'gone'");
  CHECK(read_error_of("item\tPerson\tPerson.age\t-\tsame\tremoved\t-\t\n") ==
        "bad.tsv:1:6: expected Class.item or -, found 'Person'");
  CHECK(read_error_of("row\tPerson\tPerson\tPerson\tsame\tsame\t-\t\n") ==
        "bad.tsv:1:1: expected class or item, found 'row'");
  CHECK(read_error_of("item\tA.b\tA.b\tA.b\tsame\tsame\tmaybe\t\n") ==
        "bad.tsv:1:28: expected carry, check, review or -, found 'maybe'");
  CHECK(read_error_of("item\t-\t-\t-\t-\t-\t-\t\n") ==
        "bad.tsv:1:6: a line names no class of any release");
  CHECK_THROWS_AS(read_crosswalk("/nonexistent/gif-releases.tsv"), CrosswalkError);
}
