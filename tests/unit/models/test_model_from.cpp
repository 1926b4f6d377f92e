// test_model_from.cpp — <field from="…">: a field that takes another model's
// item of the same id (the implementation data models' pd: items take the 2025
// core's), what it takes and what it overrides, the registry rules it carries,
// and the load errors when the item or the model is not there.
// room: model
#include <algorithm>
#include <regex>

#include "model_test_support.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

// The shipped catalog, fresh (load_file adds to it), with one test model loaded
// from a file written from body; errors receives the load errors.
struct LoadedTestModel {
  TempDir dir;
  ModelCatalog catalog;
  std::vector<ModelLoadError> errors;
  const Model* model = nullptr;
};

void load_test_model(LoadedTestModel& loaded, const std::string& body) {
  std::vector<ModelLoadError> shipped_errors;
  REQUIRE(loaded.catalog.load_directory(kModelsDir, shipped_errors));
  const std::filesystem::path file = loaded.dir.path() / "from.xml";
  write_file(file, model_xml(R"(id="test:From" label="取り込み")", body));
  loaded.model = loaded.catalog.load_file(file, loaded.errors);
}

bool has_alias(const FieldSpec& field, const std::string& label, AliasKind kind) {
  for (const Alias& alias : field.aliases) {
    if (alias.label == label && alias.kind == kind) return true;
  }
  return false;
}

bool errors_contain(const std::vector<ModelLoadError>& errors, const std::string& words) {
  for (const ModelLoadError& error : errors) {
    if (error.message.find(words) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("model-6.1 from: the field takes the core item's label, type, charset and aliases") {
  LoadedTestModel loaded;
  load_test_model(loaded, R"(  <field id="familyName" from="gif:Person"/>
  <field id="dateOfBirth" from="gif:Person" min="1"/>
  <field id="sex" from="gif:Person"/>
)");
  INFO(describe(loaded.errors));
  REQUIRE(loaded.model != nullptr);
  const FieldSpec& core_family = *shipped_model("gif:Person").find_field("familyName");
  const FieldSpec* family = loaded.model->find_field("familyName");
  REQUIRE(family != nullptr);
  CHECK(family->label == "氏");
  CHECK(family->type == core_family.type);
  CHECK(family->charset.name == core_family.charset.name);
  CHECK(family->aliases.size() == core_family.aliases.size());
  CHECK(has_alias(*family, "姓", AliasKind::equivalent));
  CHECK(family->description == core_family.description);
  CHECK(family->min_occurs == 0);
  CHECK(family->xsd_element.empty());  // the taking model is no XSD type

  const FieldSpec* birth = loaded.model->find_field("dateOfBirth");
  REQUIRE(birth != nullptr);
  CHECK(birth->type == ValueType::date);
  CHECK(birth->min_occurs == 1);  // the taking model's own cardinality

  const FieldSpec* sex = loaded.model->find_field("sex");
  REQUIRE(sex != nullptr);
  CHECK(sex->type == ValueType::code);
  CHECK(sex->codelist == shipped_model("gif:Person").find_field("sex")->codelist);
  CHECK_FALSE(sex->codelist.empty());
}

TEST_CASE("model-6.2 from: attributes written on the field override the taken ones") {
  LoadedTestModel loaded;
  load_test_model(
      loaded,
      R"(  <field id="localGovernmentCode" from="gif:Address" label="地方公共団体コード" min="1" blank="allowed">
    <description>防災の地方公共団体コード。</description>
    <alias kind="equivalent">全国地方公共団体コード</alias>
  </field>
  <field id="familyName" from="gif:Person" label="氏__児童" max-length="10"/>
)");
  INFO(describe(loaded.errors));
  REQUIRE(loaded.model != nullptr);
  const FieldSpec* code = loaded.model->find_field("localGovernmentCode");
  REQUIRE(code != nullptr);
  CHECK(code->label == "地方公共団体コード");
  CHECK(code->type == ValueType::local_government_code);  // not written: taken
  CHECK(code->blank_allowed);
  CHECK(code->min_occurs == 1);
  CHECK(code->description == "防災の地方公共団体コード。");
  CHECK(has_alias(*code, "全国地方公共団体コード", AliasKind::equivalent));
  REQUIRE(lookup_header(*loaded.model, "全国地方公共団体コード").has_value());
  CHECK(lookup_header(*loaded.model, "全国地方公共団体コード")->path == "localGovernmentCode");

  const FieldSpec* family = loaded.model->find_field("familyName");
  REQUIRE(family != nullptr);
  CHECK(family->label == "氏__児童");
  CHECK(family->max_length == 10);
  CHECK(family->charset.name == shipped_model("gif:Person").find_field("familyName")->charset.name);
}

TEST_CASE("model-6.3 from: the core's registry rule comes along with the items it needs") {
  LoadedTestModel loaded;
  load_test_model(loaded, R"(  <field id="localGovernmentCode" from="gif:Address"/>
  <field id="prefecture" from="gif:Address"/>
  <field id="fullAddress" from="gif:Address" label="所在地（住所）"/>
  <field id="facilityName" label="施設名"/>
)");
  INFO(describe(loaded.errors));
  REQUIRE(loaded.model != nullptr);
  REQUIRE(loaded.model->registry_checks.size() == 1);
  const RegistryCheck& check = loaded.model->registry_checks.front();
  CHECK(check.registry == "address");
  CHECK(check.key == "localGovernmentCode");
  CHECK(check.town_key.empty());  // 町字ID not taken: no town or postal-code comparison
  CHECK(check.country.empty());
  REQUIRE(check.comparisons.size() == 1);
  CHECK(check.comparisons.front().with == RegisteredValue::prefecture);
  CHECK(check.comparisons.front().items == std::vector<std::string>{"prefecture"});
  REQUIRE(check.written.size() == 1);
  CHECK(check.written.front() == std::vector<std::string>{"fullAddress"});

  LoadedTestModel twice;  // 本校 and 分校: from-item takes the item under another id
  load_test_model(twice, R"(  <field id="prefecture" from="gif:Address"/>
  <field id="localGovernmentCode" from="gif:Address"/>
  <field id="branchLocalGovernmentCode" from="gif:Address" from-item="localGovernmentCode" label="分校_全国地方公共団体コード"/>
  <field id="branchPrefecture" from="gif:Address" from-item="prefecture" label="分校_都道府県"/>
)");
  INFO(describe(twice.errors));
  REQUIRE(twice.model != nullptr);
  const FieldSpec* branch = twice.model->find_field("branchLocalGovernmentCode");
  REQUIRE(branch != nullptr);
  CHECK(branch->type == ValueType::local_government_code);
  CHECK(branch->label == "分校_全国地方公共団体コード");
  CHECK(branch->aliases.empty());  // a second copy takes no aliases: they are the first's
  CHECK_FALSE(twice.model->find_field("localGovernmentCode")->aliases.empty());
  REQUIRE(twice.model->registry_checks.size() == 1);  // on the first fields that took the items
  CHECK(twice.model->registry_checks.front().key == "localGovernmentCode");
  CHECK(twice.model->registry_checks.front().comparisons.front().items ==
        std::vector<std::string>{"prefecture"});

  LoadedTestModel without_key;
  load_test_model(without_key, R"(  <field id="prefecture" from="gif:Address"/>
)");
  REQUIRE(without_key.model != nullptr);
  CHECK(without_key.model->registry_checks.empty());  // no key, no rule
}

TEST_CASE("model-6.4 from: an item the model does not have is a load error naming the line") {
  LoadedTestModel loaded;
  load_test_model(loaded, R"(  <field id="familyName" from="gif:Person"/>
  <field id="middleName" from="gif:Person" label="ミドルネーム"/>
)");
  CHECK(loaded.model == nullptr);
  INFO(describe(loaded.errors));
  REQUIRE_FALSE(loaded.errors.empty());
  CHECK(loaded.errors.front().line == 5);
  CHECK(errors_contain(loaded.errors, "gif:Person has no item 'middleName'"));
  CHECK(loaded.catalog.find("test:From") == nullptr);
}

TEST_CASE("model-6.5 from: a part's field, an unknown model, no label, a bad merge fail") {
  SECTION("a held part's field is not the model's own item") {
    LoadedTestModel loaded;
    load_test_model(loaded, R"(  <field id="prefecture" from="gif:Person"/>
)");
    CHECK(loaded.model == nullptr);
    INFO(describe(loaded.errors));
    CHECK(errors_contain(loaded.errors, "gif:Person has no item 'prefecture' of its own"));
  }
  SECTION("an unknown model") {
    LoadedTestModel loaded;
    load_test_model(loaded, R"(  <field id="familyName" from="gif:Nobody"/>
)");
    CHECK(loaded.model == nullptr);
    INFO(describe(loaded.errors));
    CHECK(errors_contain(loaded.errors, "unknown model 'gif:Nobody'"));
  }
  SECTION("a field with neither label nor from") {
    LoadedTestModel loaded;
    load_test_model(loaded, R"(  <field id="facilityName"/>
)");
    CHECK(loaded.model == nullptr);
    INFO(describe(loaded.errors));
    CHECK(errors_contain(loaded.errors, "'facilityName' has no label"));
  }
  SECTION("from-item without from") {
    LoadedTestModel loaded;
    load_test_model(loaded, R"(  <field id="code" label="コード" from-item="localGovernmentCode"/>
)");
    CHECK(loaded.model == nullptr);
    INFO(describe(loaded.errors));
    CHECK(errors_contain(loaded.errors, "from-item needs from"));
  }
  SECTION("a code list written on a taken date item") {
    LoadedTestModel loaded;
    load_test_model(loaded, R"(  <field id="dateOfBirth" from="gif:Person" codelist="SexCodeList"/>
)");
    CHECK(loaded.model == nullptr);
    INFO(describe(loaded.errors));
    CHECK(errors_contain(loaded.errors, "names codelist SexCodeList but its type is not code"));
    CHECK(errors_contain(loaded.errors, "after taking it from gif:Person"));
  }
}

TEST_CASE(
    "model-6.6 every implementation data model loads, is never auto-picked, says its source") {
  // Every file of models/impl/ loads (its id is in the catalog), the brief's classes among them.
  std::vector<std::string> expected;
  const std::regex model_id("<model [^>]*id=\"([^\"]+)\"");
  for (const auto& entry : std::filesystem::directory_iterator(kModelsDir / "impl")) {
    std::smatch match;
    const std::string text = read_file(entry.path());
    REQUIRE(std::regex_search(text, match, model_id));
    expected.push_back(match[1]);
  }
  std::sort(expected.begin(), expected.end());
  for (const char* id :
       {"bousai:EvacuationShelter", "bousai:EvacuationSite", "bousai:TemporaryStayFacility",
        "bousai:ShelterOpeningByPrefecture", "bousai:EvacuationOrderIssuance",
        "bousai:HumanDamageByMunicipality", "kyoiku:Student", "kyoiku:School", "kyoiku:Teacher",
        "gyosei:ProcurementNotice", "gyosei:Event"})
    CHECK(std::find(expected.begin(), expected.end(), id) != expected.end());
  std::vector<std::string> ids;
  for (const Model* model : shipped_catalog().models()) {
    const std::string& id = model->id;
    if (!id.starts_with("bousai:") && !id.starts_with("kyoiku:") && !id.starts_with("gyosei:"))
      continue;
    ids.push_back(id);
    INFO(id);
    CHECK_FALSE(model->auto_pick);
    CHECK(model->release.empty());  // no core class
    CHECK(model->description.find(id.starts_with("bousai:")   ? "DS-455-1"
                                  : id.starts_with("kyoiku:") ? "DS-454-1"
                                                              : "DS-451-") != std::string::npos);
    CHECK(model->description.find("Left open by the source") != std::string::npos);
  }
  CHECK(ids == expected);
  for (const Model* model : shipped_catalog().base_models())
    CHECK_FALSE(model->id.starts_with("kyoiku:"));
}

TEST_CASE("model-6.7 a 防災 and a 教育 model: pd: items carry the core checks, be: items text") {
  const Model& shelter = shipped_model("bousai:EvacuationShelter");
  const FieldSpec* code = shelter.find_field("localGovernmentCode");
  REQUIRE(code != nullptr);
  CHECK(code->label == "地方公共団体コード");
  CHECK(code->type == ValueType::local_government_code);
  CHECK(code->min_occurs == 1);                            // 基本共有データ属性
  CHECK(code->blank_allowed);                              // 「空欄等は許容」
  const FieldSpec* elevation = shelter.find_item("標高");  // 特定データ属性
  REQUIRE(elevation != nullptr);
  CHECK(elevation->id_generated);
  CHECK(elevation->type == ValueType::text);
  CHECK(elevation->recommended);
  CHECK(elevation->min_occurs == 0);
  REQUIRE(shelter.registry_checks.size() == 1);  // gif:Address's, on the taken items
  CHECK(shelter.registry_checks.front().key == "localGovernmentCode");

  const Model& student = shipped_model("kyoiku:Student");
  const FieldSpec* birth = student.find_field("dateOfBirth");
  REQUIRE(birth != nullptr);
  CHECK(birth->type == ValueType::date);
  const FieldSpec* kana = student.find_field("familyNameKana");
  REQUIRE(kana != nullptr);
  CHECK(kana->label == "氏_カナ");
  REQUIRE(lookup_header(student, "氏（カナ）").has_value());
  CHECK(lookup_header(student, "氏（カナ）")->path == "familyNameKana");
  const FieldSpec* middle = student.find_item("ミドルネームなど");  // no 2025 core item
  REQUIRE(middle != nullptr);
  CHECK(middle->type == ValueType::text);
  CHECK(middle->description.find("no item of the 2025 core") != std::string::npos);

  const Model& school = shipped_model("kyoiku:School");
  CHECK(school.find_field("branchLocation.localGovernmentCode") != nullptr);
  REQUIRE(lookup_header(school, "分校_全国地方公共団体コード").has_value());
  CHECK(lookup_header(school, "分校_全国地方公共団体コード")->path ==
        "branchLocation.localGovernmentCode");
}

TEST_CASE("model-6.9 kyoiku:SchoolFounder's 法人番号 carries gif:LegalEntity's registry rule") {
  const Model& founder = shipped_model("kyoiku:SchoolFounder");
  const RegistryCheck* corporation = nullptr;
  for (const RegistryCheck& check : founder.registry_checks)
    if (check.registry == "corporation") corporation = &check;
  REQUIRE(corporation != nullptr);
  CHECK(corporation->key == "legalEntityNumber");
  REQUIRE(corporation->comparisons.size() == 1);  // the name; the address items were not taken
  CHECK(corporation->comparisons.front().with == RegisteredValue::name);
  CHECK(corporation->comparisons.front().items == std::vector<std::string>{"tradeName"});
  CHECK(founder.find_field("legalEntityNumber")->type == ValueType::corporate_number);
}

TEST_CASE("model-6.8 gyosei:Event has gif:Event's items, types and cardinality (DS-451-5)") {
  const Model& core = shipped_model("gif:Event");
  const Model& event = shipped_model("gyosei:Event");
  CHECK_FALSE(event.is_pattern);  // no extends: not read as a pattern of gif:Event
  REQUIRE(event.fields.size() == core.fields.size());
  for (std::size_t i = 0; i < core.fields.size(); ++i) {
    INFO(core.fields[i].path);
    CHECK(event.fields[i].path == core.fields[i].path);
    CHECK(event.fields[i].label == core.fields[i].label);
    CHECK(event.fields[i].type == core.fields[i].type);
    CHECK(event.fields[i].min_occurs == core.fields[i].min_occurs);
    CHECK(event.fields[i].max_occurs == core.fields[i].max_occurs);
  }
  CHECK(event.registry_checks.size() == core.registry_checks.size());
}
