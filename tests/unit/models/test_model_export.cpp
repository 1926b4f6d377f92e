// test_model_export.cpp — `gifkit model export`'s engine (models/engine/export):
// headers, code lists as enumerations, patterns with their check-digit gap,
// alternatives and required patterns as anyOf / sh:or, the key, the forms'
// names and files, and the failure when a code list is missing. The
// ecosystems' own validators read the exports in e2e 46.x.
// room: export
#include <nlohmann/json.hpp>

#include "model_test_support.hpp"
#include "models/engine/export/model_export.hpp"
#include "models/engine/model/code_lists.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

ExportModel exported(const std::string& id) {
  return read_export_model(shipped_model(id), shipped_catalog(), shipped_code_lists());
}

nlohmann::json json_of(const std::string& text) {
  return nlohmann::json::parse(text);
}

// The headers of each form of requirement (its forms' headers joined by '+').
std::vector<std::string> forms_of(const ExportModel& model, const std::string& item) {
  for (const ExportRequirement& requirement : model.own.requirements) {
    if (requirement.item != item) continue;
    std::vector<std::string> forms;
    for (const auto& form : requirement.forms) {
      std::string text;
      for (std::size_t index : form) text += (text.empty() ? "" : "+") + model.fields[index].header;
      forms.push_back(text);
    }
    return forms;
  }
  return {};
}

}  // namespace

TEST_CASE("export-1.1 a code list becomes an enumeration of its codes in every form") {
  const ExportModel model = exported("gif:Person");
  const ExportField* sex = model.find("性別");
  REQUIRE(sex != nullptr);
  CHECK(sex->title == "sex");
  CHECK(sex->enumeration == std::vector<std::string>{"0", "1", "2", "9"});
  const nlohmann::json schema = json_of(write_json_schema(model));
  CHECK(schema["properties"]["性別"]["enum"] == nlohmann::json::array({"0", "1", "2", "9"}));
  const nlohmann::json table = json_of(write_table_schema(model));
  bool found = false;
  for (const auto& field : table["fields"]) {
    if (field["name"] != "性別") continue;
    found = true;
    CHECK(field["constraints"]["enum"] == nlohmann::json::array({"0", "1", "2", "9"}));
    CHECK(field["title"] == "sex");
  }
  CHECK(found);
  CHECK(write_shacl(model).find("sh:in ( \"0\" \"1\" \"2\" \"9\" )") != std::string::npos);
  CHECK(write_xsd(model).find("<xs:enumeration value=\"9\"/>") != std::string::npos);
}

TEST_CASE("export-1.2 a base class's required patterns become anyOf and sh:or") {
  const ExportModel model = exported("gif:Person");
  REQUIRE(model.patterns.size() == 3);
  CHECK(model.patterns[0].model_id == "gif:Person_MP01");
  CHECK(model.patterns[2].model_id == "gif:Person_MP03");
  const nlohmann::json schema = json_of(write_json_schema(model));
  REQUIRE(schema.contains("allOf"));
  const nlohmann::json& any = schema["allOf"].back()["anyOf"];
  REQUIRE(any.size() == 3);
  CHECK(any[2]["title"].get<std::string>().rfind("gif:Person_MP03", 0) == 0);
  // MP03 requires 性別 on its own, and 氏 as 氏 or 氏名.
  CHECK(any[2]["allOf"].dump().find(R"({"required":["性別"]})") != std::string::npos);
  CHECK(any[2]["allOf"].dump().find(R"({"anyOf":[{"required":["氏"]},{"required":["氏名"]}]})") !=
        std::string::npos);
  const std::string shacl = write_shacl(model);
  CHECK(shacl.find("sh:or (\n    [ rdfs:label \"gif:Person_MP01") != std::string::npos);
  // A pattern model itself has no patterns of its own to choose among.
  CHECK(exported("gif:Person_MP03").patterns.empty());
  // The base requires nothing: Table Schema and XSD require no column.
  CHECK(write_table_schema(model).find("\"required\"") == std::string::npos);
  CHECK(write_xsd(model).find("minOccurs=\"1\"") == std::string::npos);
}

TEST_CASE("export-1.3 a required item is satisfied by any complete form of its alternative") {
  const ExportModel model = exported("gif:Person_MP03");
  CHECK(forms_of(model, "氏") == std::vector<std::string>{"氏", "氏名"});
  CHECK(forms_of(model, "性別") == std::vector<std::string>{"性別"});
  const ExportField* sex = model.find("性別");
  REQUIRE(sex != nullptr);
  CHECK(sex->required);
  CHECK_FALSE(model.find("氏")->required);
  // The address part required: its parts, or 連結表記 alone.
  const std::vector<std::string> address = forms_of(model, "都道府県");
  REQUIRE(address.size() >= 2);
  CHECK(address.front() == "都道府県");
  CHECK(std::find(address.begin(), address.end(), "連結表記") != address.end());
  const nlohmann::json schema = json_of(write_json_schema(model));
  CHECK(schema["allOf"].dump().find(R"({"anyOf":[{"required":["氏"]},{"required":["氏名"]}]})") !=
        std::string::npos);
  CHECK(model.has_gap("alternatives"));
  CHECK(write_xsd(model).find("<xs:element name=\"sex\" minOccurs=\"1\">") != std::string::npos);
}

TEST_CASE("export-1.4 法人番号: its header, pattern, check digit described, key") {
  const ExportModel model = exported("gif:LegalEntity");
  const ExportField* number = model.find("法人番号");
  REQUIRE(number != nullptr);
  CHECK(number->title == "legalEntityNumber");
  CHECK(number->pattern == "[1-9][0-9]{12}");
  CHECK(number->ecma_pattern == "^([1-9][0-9]{12})$");
  CHECK(number->gaps == std::vector<std::string>{"check-digit"});
  // A part field under its prefix where the header needs it.
  CHECK(model.find("代表者_氏名") != nullptr);
  CHECK(model.find("氏名") == nullptr);
  REQUIRE(model.key.size() == 1);
  const nlohmann::json table = json_of(write_table_schema(model));
  CHECK(table["primaryKey"] == "法人番号");
  CHECK(table["gifkit"]["release"] == "2026");
  CHECK(table["description"].get<std::string>().find("[check-digit]") != std::string::npos);
  const nlohmann::json schema = json_of(write_json_schema(model));
  CHECK(schema["description"].get<std::string>().find("9 − (S mod 9)") != std::string::npos);
  CHECK(schema["x-gifkit"]["model"] == "gif:LegalEntity");
  const std::string xsd = write_xsd(model);
  CHECK(xsd.find("<xs:field xpath=\"t:legalEntityNumber\"/>") != std::string::npos);
  const ExportModel address = exported("gif:Address");
  const ExportField* code = address.find("全国地方公共団体コード");
  REQUIRE(code != nullptr);
  CHECK(code->pattern == "(0[1-9]|[1-3][0-9]|4[0-7])[0-9]{4}");
}

TEST_CASE("export-1.5 each form says the gaps it cannot express, and only those") {
  const ExportModel model = exported("gif:LegalEntity");
  auto names = [&](ExportForm form) {
    std::vector<std::string> list;
    for (const ExportGap& gap : form_gaps(model, form)) list.push_back(gap.name);
    return list;
  };
  auto has = [](const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  CHECK(has(names(ExportForm::json_schema), "check-digit"));
  CHECK(has(names(ExportForm::json_schema), "duplicate-key"));
  CHECK_FALSE(has(names(ExportForm::table_schema), "duplicate-key"));
  CHECK_FALSE(has(names(ExportForm::xsd), "duplicate-key"));
  CHECK_FALSE(has(names(ExportForm::xsd), "calendar-date"));
  CHECK(has(names(ExportForm::shacl), "calendar-date"));
  CHECK(has(names(ExportForm::table_schema), "required-patterns"));
  CHECK_FALSE(has(names(ExportForm::shacl), "required-patterns"));
  CHECK(has(names(ExportForm::table_schema), "column-set"));
  CHECK(form_description(model, ExportForm::shacl).find("[registry]") != std::string::npos);
}

TEST_CASE("export-1.6 the forms' names and file names; an unknown form") {
  CHECK(export_forms().size() == 5);
  for (ExportForm form : export_forms()) CHECK(parse_export_form(export_form_name(form)) == form);
  CHECK_FALSE(parse_export_form("json"));
  CHECK(export_file_name("gif:Person", ExportForm::shacl) == "gif-Person.shacl.ttl");
  CHECK(export_file_name("opendata:public-toilet", ExportForm::table_schema) ==
        "opendata-public-toilet.tableschema.json");
}

TEST_CASE("export-1.7 a code list missing from the lists stops the export, naming it") {
  const CodeLists empty;
  ModelExportOptions options;
  options.model = &shipped_model("gif:Person");
  options.catalog = &shipped_catalog();
  options.code_lists = &empty;
  options.forms = {ExportForm::json_schema};
  CHECK_THROWS_WITH(export_model(options), Catch::Contains("CountryRegionCodeList"));
  options.code_lists = &shipped_code_lists();
  const ModelExportResult result = export_model(options);
  REQUIRE(result.documents.size() == 1);
  CHECK(result.documents.front().form == ExportForm::json_schema);
}

TEST_CASE("export-1.8 the JSON-LD context maps each header to the IRI SHACL's paths use") {
  const ExportModel model = exported("gif:Person_MP01");
  const nlohmann::json context = json_of(write_jsonld_context(model))["@context"];
  CHECK(context["氏"]["@id"] == "urn:gifkit:vocab:gif:Person#familyName");
  CHECK(context["個人の必須パターン1"]["@id"] == "urn:gifkit:vocab:gif:Person");
  CHECK(write_shacl(model).find("sh:path <urn:gifkit:vocab:gif:Person#familyName>") !=
        std::string::npos);
  CHECK(write_shacl(model).find("sh:targetClass <urn:gifkit:vocab:gif:Person>") !=
        std::string::npos);
}

TEST_CASE(
    "export-1.9 a model's own pattern: kept for XSD, left out of ECMAScript when it cannot be") {
  TempDir dir;
  make_models_dir(dir.path(), {});
  const std::string xml = model_xml(
      "id=\"example:Codes\" label=\"コード表\"",
      "  <field id=\"kana\" label=\"読み\" type=\"text\" pattern=\"\\p{IsKatakana}+\"/>\n"
      "  <field id=\"number\" label=\"番号\" type=\"halfwidth-alnum\" pattern=\"[0-9]+\"/>\n"
      "  <field id=\"letters\" label=\"記号\" type=\"text\" pattern=\"[a-z-[aeiou]]+\"/>\n");
  write_file(dir.path() / "codes.xml", xml);
  ModelCatalog catalog;
  std::vector<ModelLoadError> errors;
  REQUIRE(catalog.load_directory(dir.path(), errors));
  const Model* model = catalog.load_file(dir.path() / "codes.xml", errors);
  INFO(describe(errors));
  REQUIRE(model != nullptr);
  const ExportModel exported_model = read_export_model(*model, catalog, shipped_code_lists());
  const ExportField* kana = exported_model.find("読み");
  REQUIRE(kana != nullptr);
  CHECK(kana->pattern == "\\p{IsKatakana}+");
  CHECK(kana->ecma_pattern.empty());
  CHECK(kana->gaps == std::vector<std::string>{"pattern-syntax"});
  CHECK(exported_model.find("記号")->ecma_pattern.empty());  // class subtraction
  // The type's pattern and the model's own: both, where a form can say both.
  const ExportField* number = exported_model.find("番号");
  CHECK(number->pattern == "[ -~]+");
  CHECK(number->extra_pattern == "[0-9]+");
  CHECK(number->ecma_extra_pattern == "^([0-9]+)$");
  CHECK(number->gaps.empty());
  const nlohmann::json schema = json_of(write_json_schema(exported_model));
  CHECK_FALSE(schema["properties"]["読み"].contains("pattern"));
  CHECK(schema["properties"]["番号"]["allOf"][0]["pattern"] == "^([0-9]+)$");
  const std::string xsd = write_xsd(exported_model);
  CHECK(xsd.find("<xs:pattern value=\"\\p{IsKatakana}+\"/>") != std::string::npos);
  CHECK(xsd.find("<xs:pattern value=\"[0-9]+\"/>") != std::string::npos);
  CHECK(form_description(exported_model, ExportForm::json_schema).find("[pattern-syntax]") !=
        std::string::npos);
  CHECK(form_description(exported_model, ExportForm::xsd).find("[pattern-syntax]") ==
        std::string::npos);
}
