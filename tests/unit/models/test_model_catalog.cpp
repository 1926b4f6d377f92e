// test_model_catalog.cpp — the shipped GIF models (models/gif/*.xml) load
// without errors and resolve as docs/model-language.md says: patterns extend
// their class, parts are flattened one level with their prefixes, aliases
// follow DESIGN.md §1, alternatives carry the split and combined forms.
// room: model
#include <algorithm>
#include <set>

#include "grammars/io/csv_reader.hpp"
#include "model_test_support.hpp"
#include "models/engine/dataset/header_matcher.hpp"
#include "models/engine/model/code_lists.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

std::set<std::string> required_paths(const Model& model) {
  std::set<std::string> paths;
  for (const FieldSpec& field : model.fields) {
    if (field.min_occurs >= 1) paths.insert(field.path);
  }
  return paths;
}

std::set<std::string> required_own_paths(const Model& model) {
  std::set<std::string> paths;
  for (const FieldSpec& field : model.fields) {
    if (field.min_occurs >= 1 && field.part.empty()) paths.insert(field.path);
  }
  return paths;
}

void check_header(const Model& model, const std::string& header, const std::string& path,
                  std::optional<AliasKind> kind) {
  INFO(model.id << ": header " << header);
  const std::optional<HeaderHit> hit = lookup_header(model, header);
  REQUIRE(hit.has_value());
  CHECK(hit->path == path);
  CHECK(hit->alias_kind == kind);
}

constexpr auto kLabel = std::nullopt;
constexpr auto kEquivalent = AliasKind::equivalent;
constexpr auto kNonstandard = AliasKind::nonstandard;

}  // namespace

TEST_CASE("model-1.1 the shipped models load without errors") {
  ModelCatalog catalog;
  std::vector<ModelLoadError> errors;
  REQUIRE(catalog.load_directory(kModelsDir, errors));
  INFO(describe(errors));
  CHECK(errors.empty());
  const std::vector<std::string> expected = {"gif:Accessibility",
                                             "gif:Address",
                                             "gif:Address_MP01",
                                             "gif:Address_MP02",
                                             "gif:Address_MP03",
                                             "gif:Address_MP04",
                                             "gif:Address_MP05",
                                             "gif:Address_MP06",
                                             "gif:Address_MP07",
                                             "gif:Building",
                                             "gif:BusinessPlace",
                                             "gif:ChildcareInformation",
                                             "gif:ContactPoint",
                                             "gif:Equipment",
                                             "gif:Event",
                                             "gif:Facility",
                                             "gif:Land",
                                             "gif:LegalEntity",
                                             "gif:LegalEntity_MP01",
                                             "gif:LegalEntity_MP02",
                                             "gif:LegalEntity_MP03",
                                             "gif:OtherBuildingStructure",
                                             "gif:Person",
                                             "gif:Person_MP01",
                                             "gif:Person_MP02",
                                             "gif:Person_MP03",
                                             "nta:houjin-csv"};
  std::vector<std::string> ids;
  std::size_t municipal = 0;
  std::size_t earlier_releases = 0;
  std::size_t views_2025 = 0;
  for (const Model* model : catalog.models()) {
    if (model->id.starts_with("suisho:") || model->id.starts_with("opendata:")) {
      ++municipal;  // model-1.19
      continue;
    }
    if (model->id.starts_with("bousai:") || model->id.starts_with("kyoiku:") ||
        model->id.starts_with("gyosei:"))
      continue;  // the implementation data models: model-6.6

    if (model->id.starts_with("gif2022:") || model->id.starts_with("gif2024:")) {
      ++earlier_releases;  // model-5.2, model-5.3
      continue;
    }
    if (model->id.starts_with("gif2025:")) {
      // The 2025 class of each v2.3 model (also-release): the same class without its
      // guidebook items.
      const Model* newest = catalog.find("gif:" + model->id.substr(8));
      REQUIRE(newest != nullptr);
      CHECK(model->earlier_view_of == newest->id);
      CHECK(model->release == "2025");
      for (const FieldSpec& field : model->fields) CHECK(field.since.empty());
      ++views_2025;
      continue;
    }
    ids.push_back(model->id);
  }
  CHECK(ids == expected);  // models() is sorted by id
  CHECK(earlier_releases == 36);
  CHECK(views_2025 == 26);  // every v2.3 class and pattern
  CHECK(municipal == 40);   // 19 old, 19 new (12 of them the common block alone), 2 common blocks
}

TEST_CASE("model-1.2 the classes are base models; each pattern extends its class") {
  std::vector<std::string> bases;
  for (const Model* model : shipped_catalog().base_models())
    if (model->id.starts_with("gif:") || model->id.starts_with("nta:")) bases.push_back(model->id);
  CHECK(bases == std::vector<std::string>{
                     "gif:Accessibility", "gif:Address", "gif:Building", "gif:BusinessPlace",
                     "gif:ChildcareInformation", "gif:ContactPoint", "gif:Equipment", "gif:Event",
                     "gif:Facility", "gif:Land", "gif:LegalEntity", "gif:OtherBuildingStructure",
                     "gif:Person", "nta:houjin-csv"});
  const Model& pattern = shipped_model("gif:Person_MP03");
  CHECK(pattern.is_pattern);
  CHECK(pattern.extends == "gif:Person");
  CHECK(pattern.gif_class == "Person_MP03");
  CHECK(pattern.label == "個人の必須パターン3");
  CHECK(pattern.fields.size() == shipped_model("gif:Person").fields.size());
  CHECK(shipped_model("gif:Person").gif_class == "Person");
  CHECK(shipped_model("gif:Person").label == "個人");
  CHECK(shipped_model("gif:LegalEntity").label == "法人");
  CHECK(shipped_model("gif:Address").label == "住所");
  CHECK(shipped_model("gif:ContactPoint").label == "連絡先");
}

TEST_CASE("model-1.3 gif:Person flattens 住所 and 連絡先 one level deep") {
  const Model& person = shipped_model("gif:Person");
  // 15 own items, Address's 11 (and v2.3's 8 readings and English forms) and
  // ContactPoint's 7 own fields (not its address).
  CHECK(person.fields.size() == 15 + 11 + 8 + 7);
  CHECK(shipped_model("gif2025:Person").fields.size() == 15 + 11 + 7);
  const FieldSpec* prefecture = person.find_field("address.prefecture");
  REQUIRE(prefecture != nullptr);
  CHECK(prefecture->id == "prefecture");
  CHECK(prefecture->label == "都道府県");
  CHECK(prefecture->part == "address");
  CHECK(prefecture->part_prefixes == std::vector<std::string>{"住所"});
  CHECK(prefecture->prefix_optional);
  CHECK(prefecture->xsd_element == "prefecture");
  const FieldSpec* phone = person.find_field("contactPoint.contactPointPhoneNumber");
  REQUIRE(phone != nullptr);
  CHECK(phone->type == ValueType::phone);
  CHECK(phone->max_occurs == -1);
  CHECK(person.find_field("contactPoint.contactPointAddress.prefecture") == nullptr);
  REQUIRE(person.parts.size() == 2);
  CHECK(person.parts[0].id == "address");
  CHECK(person.parts[0].ref == "gif:Address");
  CHECK(person.parts[0].label == "住所");
  CHECK(person.parts[0].xsd_element == "address_MP00");
  CHECK(person.parts[1].id == "contactPoint");
  CHECK(person.parts[1].xsd_element == "contactPointInformation");
  CHECK(person.find_part("address") == &person.parts[0]);
  // A part field is optional while its part is optional.
  CHECK(person.find_field("address.fullAddress")->min_occurs == 0);
}

TEST_CASE("model-1.4 gif:Person headers: labels, equivalent and non-standard names (DESIGN §1)") {
  const Model& person = shipped_model("gif:Person");
  check_header(person, "氏", "familyName", kLabel);
  check_header(person, "姓", "familyName", kEquivalent);
  check_header(person, "名", "givenName", kLabel);
  check_header(person, "姓（カナ）", "familyNameKana", kEquivalent);
  check_header(person, "姓(カナ)", "familyNameKana", kEquivalent);
  check_header(person, "名（カナ）", "givenNameKana", kLabel);
  check_header(person, "氏名", "fullName", kLabel);
  check_header(person, "氏名（フリガナ）", "fullNameKana", kEquivalent);
  check_header(person, "姓（英字）", "familyNameEn", kEquivalent);
  check_header(person, "住所", "address.fullAddress", kEquivalent);
  check_header(person, "市区町村（郡）", "address.cityAndCounty", kLabel);
  check_header(person, "建物名等（方書）", "address.buildingNameEtc", kLabel);
  check_header(person, "住所都道府県", "address.prefecture", kLabel);
  check_header(person, "都道府県", "address.prefecture", kLabel);
  check_header(person, "セイ", "familyNameKana", kNonstandard);
  check_header(person, "メイ", "givenNameKana", kNonstandard);
  check_header(person, "フリガナ", "fullNameKana", kNonstandard);
  check_header(person, "ふりがな", "fullNameKana", kNonstandard);
  check_header(person, "カナ氏名", "fullNameKana", kNonstandard);
  check_header(person, "苗字", "familyName", kNonstandard);
  check_header(person, "名前", "fullName", kNonstandard);
  check_header(person, "お名前", "fullName", kNonstandard);
  check_header(person, "誕生日", "dateOfBirth", kNonstandard);
  check_header(person, "性別区分", "sex", kNonstandard);
  check_header(person, "〒", "address.postalCode", kNonstandard);
  check_header(person, "郵便番号（7桁）", "address.postalCode", kNonstandard);
  check_header(person, "番地", "address.cityBlock", kNonstandard);
  check_header(person, "建物名", "address.buildingNameEtc", kNonstandard);
  check_header(person, "電話番号", "contactPoint.contactPointPhoneNumber", kEquivalent);
  check_header(person, "連絡先電話番号", "contactPoint.contactPointPhoneNumber", kLabel);
  check_header(person, "TEL", "contactPoint.contactPointPhoneNumber", kNonstandard);
  check_header(person, "E-mail", "contactPoint.contactPointEmailAddress", kNonstandard);
  check_header(person, "メールアドレス", "contactPoint.contactPointEmailAddress", kEquivalent);
  CHECK_FALSE(lookup_header(person, "会社名").has_value());
}

TEST_CASE("model-1.5 no header is accepted by two fields of any shipped model") {
  for (const Model* model : shipped_catalog().models()) {
    std::map<std::string, std::string> owner;
    for (const FieldSpec& field : model->fields) {
      for (const AcceptedHeader& header : accepted_headers(field)) {
        const auto [entry, inserted] =
            owner.emplace(gifkit::grammars::fold_label(header.text), field.path);
        INFO(model->id << ": " << header.text << " for " << entry->second << " and " << field.path);
        CHECK((inserted || entry->second == field.path));
      }
    }
  }
}

TEST_CASE("model-1.6 an alias is never an item label of the same model") {
  // Labels that stand alone in a header: own fields and parts whose prefix is
  // optional (a mandatory prefix makes 事業所 + 名称 a different header from 名称).
  for (const Model* model : shipped_catalog().models()) {
    std::set<std::string> labels;
    for (const FieldSpec& field : model->fields) {
      if (field.part.empty() || field.prefix_optional) {
        labels.insert(gifkit::grammars::fold_label(field.label));
      }
    }
    for (const FieldSpec& field : model->fields) {
      for (const Alias& alias : field.aliases) {
        // A mandatory prefix goes before the alias too (所在地 + 市区町村コード).
        if (!field.part.empty() && !field.prefix_optional && !alias.as_written) continue;
        INFO(model->id << ": alias " << alias.label << " of " << field.path);
        CHECK(labels.count(gifkit::grammars::fold_label(alias.label)) == 0);
      }
    }
  }
}

TEST_CASE(
    "model-1.7 gif:LegalEntity: 法人番号 key, 商号または名称, 登記住所 prefixes and aliases") {
  const Model& entity = shipped_model("gif:LegalEntity");
  const FieldSpec* number = entity.find_field("legalEntityNumber");
  REQUIRE(number != nullptr);
  CHECK(number->key);
  CHECK(number->type == ValueType::corporate_number);
  const FieldSpec* name = entity.find_field("tradeName");
  REQUIRE(name != nullptr);
  CHECK(name->label == "商号または名称");
  CHECK(name->width == Width::fullwidth);
  CHECK(name->charset.name == "jisx0213");
  const FieldSpec* kind = entity.find_field("categoryOfOrganization");
  REQUIRE(kind != nullptr);
  CHECK(kind->type == ValueType::code);
  CHECK(kind->codelist == "LegalEntityKindCodeList");

  check_header(entity, "商号又は名称", "tradeName", kEquivalent);
  check_header(entity, "会社名", "tradeName", kNonstandard);
  check_header(entity, "法人名", "tradeName", kNonstandard);
  check_header(entity, "名称", "tradeName", kNonstandard);
  check_header(entity, "事業者名", "tradeName", kNonstandard);
  // The registries' own column names (issue #30): the NTA's 法人番号 CSV and Web-API, the
  // variables of gBizINFO's SPARQL results, the fields of its REST API.
  check_header(entity, "フリガナ", "tradeNameKana", kEquivalent);
  check_header(entity, "法人種別", "categoryOfOrganization", kEquivalent);
  check_header(entity, "kind", "categoryOfOrganization", kEquivalent);
  check_header(entity, "国内所在地（都道府県）", "registeredAddress.prefecture", kEquivalent);
  check_header(entity, "国内所在地（市区町村）", "registeredAddress.cityAndCounty", kEquivalent);
  check_header(entity, "国内所在地（丁目番地等）", "registeredAddress.streetAddressAndCityBlock",
               kEquivalent);
  check_header(entity, "商号又は名称（英語表記）", "tradeNameEn", kEquivalent);
  check_header(entity, "corporateID", "legalEntityNumber", kEquivalent);
  check_header(entity, "corporateName", "tradeName", kEquivalent);
  check_header(entity, "corporateKana", "tradeNameKana", kEquivalent);
  check_header(entity, "location", "registeredAddress.fullAddress", kEquivalent);
  check_header(entity, "borndate", "dateOfEstablishment", kEquivalent);
  check_header(entity, "company_url", "webSiteUrl", kEquivalent);
  check_header(entity, "employee_number", "numberOfCompanyEmployee", kEquivalent);
  check_header(entity, "representative_position", "positionOfRepresentative", kEquivalent);
  check_header(entity, "商号カナ", "tradeNameKana", kNonstandard);
  check_header(entity, "登記住所", "registeredAddress.fullAddress", kEquivalent);
  check_header(entity, "本店所在地", "registeredAddress.fullAddress", kNonstandard);
  check_header(entity, "所在地", "registeredAddress.fullAddress", kNonstandard);
  check_header(entity, "本店所在地都道府県", "registeredAddress.prefecture", kLabel);
  check_header(entity, "登記住所郵便番号", "registeredAddress.postalCode", kLabel);
  check_header(entity, "郵便番号", "registeredAddress.postalCode", kLabel);
  check_header(entity, "代表者氏名", "representative.fullName", kLabel);
  // 代表者 + 名 is the representative's given name: prefixes combine with every label.
  check_header(entity, "代表者名", "representative.givenName", kLabel);
  check_header(entity, "事業所名称", "businessPlace.name", kLabel);
  check_header(entity, "電話番号", "contactPoint.contactPointPhoneNumber", kEquivalent);
  // The representative's items need their prefix: a bare 氏名 is not a 法人 item.
  CHECK_FALSE(lookup_header(entity, "氏名").has_value());
  CHECK(entity.find_field("representative.address.prefecture") == nullptr);
  CHECK_FALSE(entity.find_field("representative.familyName")->prefix_optional);
  CHECK_FALSE(entity.find_field("representative.familyName")->key);
  CHECK(entity.find_part("registeredAddress")->prefixes ==
        std::vector<std::string>{"登記住所", "本店所在地", "所在地"});
}

TEST_CASE("model-1.8 alternatives: split and combined forms, carried into holders") {
  const Model& person = shipped_model("gif:Person");
  const std::vector<std::vector<std::vector<std::string>>> person_own = {
      {{"familyName", "givenName"}, {"fullName"}},
      {{"familyNameKana", "givenNameKana"}, {"fullNameKana"}},
      {{"familyNameEn", "givenNameEn"}, {"fullNameEn"}},
  };
  REQUIRE(person.alternatives.size() >= 4);
  const auto has_alternative = [](const Model& model,
                                  const std::vector<std::vector<std::string>>& forms) {
    return std::any_of(model.alternatives.begin(), model.alternatives.end(),
                       [&](const Alternative& alternative) { return alternative.forms == forms; });
  };
  for (const auto& forms : person_own) CHECK(has_alternative(person, forms));
  const std::vector<std::vector<std::string>> address_forms = {
      {"address.prefecture", "address.cityAndCounty", "address.streetAddress", "address.cityBlock"},
      {"address.prefecture", "address.cityAndCounty", "address.streetAddressAndCityBlock"},
      {"address.localGovernmentCode", "address.streetAddressAndCityBlock"},
      {"address.fullAddress"}};
  CHECK(has_alternative(person, address_forms));
  const Model& entity = shipped_model("gif:LegalEntity");
  CHECK(has_alternative(entity, {{"representative.familyName", "representative.givenName"},
                                 {"representative.fullName"}}));
  // Every form names fields of its model.
  for (const Model* model : shipped_catalog().models()) {
    for (const Alternative& alternative : model->alternatives) {
      for (const auto& form : alternative.forms) {
        for (const std::string& path : form) {
          INFO(model->id << ": " << path);
          CHECK(model->find_field(path) != nullptr);
        }
      }
    }
  }
}

TEST_CASE("model-1.9 required patterns require what the XSD restriction requires, bases nothing") {
  for (const std::string id :
       {"gif:Person", "gif:LegalEntity", "gif:Address", "gif:ContactPoint"}) {
    INFO(id);
    CHECK(required_paths(shipped_model(id)).empty());
  }
  CHECK(required_own_paths(shipped_model("gif:Person_MP03")) ==
        std::set<std::string>{"familyName", "givenName", "familyNameKana", "givenNameKana", "sex",
                              "dateOfBirth"});
  // Requiring the address part requires the first address form (any complete form satisfies it).
  const Model& mp03 = shipped_model("gif:Person_MP03");
  CHECK(mp03.find_part("address")->min_occurs == 1);
  for (const std::string path : {"address.prefecture", "address.cityAndCounty",
                                 "address.streetAddress", "address.cityBlock"}) {
    INFO(path);
    CHECK(mp03.find_field(path)->min_occurs == 1);
  }
  CHECK(mp03.find_field("address.fullAddress")->min_occurs == 0);
  CHECK(required_own_paths(shipped_model("gif:Person_MP01")).count("familyNameEn") == 1);
  CHECK(required_own_paths(shipped_model("gif:Person_MP02")).count("familyNameEn") == 0);
  CHECK(required_paths(shipped_model("gif:Address_MP07")) ==
        std::set<std::string>{"fullAddress", "postalCode", "country"});
  CHECK(required_paths(shipped_model("gif:LegalEntity_MP02")) ==
        std::set<std::string>{"legalEntityNumber", "tradeName", "tradeNameKana",
                              "categoryOfOrganization"});
  CHECK(shipped_model("gif:LegalEntity_MP02").find_part("contactPoint")->min_occurs == 1);
  CHECK(shipped_model("gif:LegalEntity").find_part("contactPoint")->min_occurs == 0);
  // Facility's own sequence requires 施設住所; Event's requires 連絡先情報.
  CHECK(shipped_model("gif:Facility").find_field("facilityAddress.prefecture")->min_occurs == 1);
  CHECK(shipped_model("gif:Event").find_part("contactPoint")->min_occurs == 1);
  // A held class's own requirement does not apply while the part is optional.
  CHECK(shipped_model("gif:LegalEntity").find_field("businessPlace.name")->min_occurs == 0);
  CHECK(shipped_model("gif:BusinessPlace").find_field("name")->min_occurs == 1);
}

TEST_CASE("model-1.10 value types follow the catalog's 形式 and the guidebooks") {
  const Model& person = shipped_model("gif:Person");
  const auto type_of = [](const Model& model, const std::string& path) {
    const FieldSpec* field = model.find_field(path);
    INFO(model.id << ": " << path);
    REQUIRE(field != nullptr);
    return field->type;
  };
  CHECK(type_of(person, "familyName") == ValueType::text);
  CHECK(type_of(person, "familyNameKana") == ValueType::katakana);
  CHECK(type_of(person, "familyNameEn") == ValueType::halfwidth_alnum);
  CHECK(type_of(person, "dateOfBirth") == ValueType::date);
  CHECK(type_of(person, "sex") == ValueType::code);
  CHECK(person.find_field("sex")->codelist == "SexCodeList");
  CHECK(type_of(person, "address.localGovernmentCode") == ValueType::local_government_code);
  CHECK(type_of(person, "address.streetAddressId") == ValueType::street_address_id);
  CHECK(type_of(person, "address.postalCode") == ValueType::postal_code);
  CHECK(type_of(person, "address.cityBlock") == ValueType::city_block);
  CHECK(type_of(person, "contactPoint.contactPointEmailAddress") == ValueType::email);
  CHECK(type_of(person, "contactPoint.contactPointUrl") == ValueType::url);
  CHECK(type_of(shipped_model("gif:Event"), "startTime") == ValueType::time);
  CHECK(type_of(shipped_model("gif:LegalEntity"), "numberOfCompanyEmployee") == ValueType::integer);
  for (const std::string path : {"familyName", "givenName", "fullName", "familyNameKana",
                                 "address.prefecture", "address.fullAddress"}) {
    INFO(path);
    CHECK(person.find_field(path)->charset.name == "jisx0213");
  }
}

TEST_CASE("model-1.11 every code list a model names exists in GIF_Core_CodeList.xsd") {
  CodeLists lists;
  std::string error;
  REQUIRE(lists.load_xsd(kCodeListXsd, error));
  for (const Model* model : shipped_catalog().models()) {
    for (const FieldSpec& field : model->fields) {
      if (field.type != ValueType::code) continue;
      INFO(model->id << ": " << field.path << " " << field.codelist);
      CHECK(lists.find(field.codelist) != nullptr);
    }
  }
}

TEST_CASE("model-1.12 the registration example loads as a user's dataset model") {
  ModelCatalog catalog;
  std::vector<ModelLoadError> errors;
  REQUIRE(catalog.load_directory(kModelsDir, errors));
  const Model* model =
      catalog.load_file(kModelsDir.parent_path() / "docs/examples/registration-model.xml", errors);
  INFO(describe(errors));
  REQUIRE(model != nullptr);
  CHECK(model->is_pattern);
  CHECK(model->extends == "gif:Person");
  CHECK(model->gif_class.empty());
  CHECK(catalog.find(model->id) == model);
  const FieldSpec* date = model->find_field("registrationDate");
  REQUIRE(date != nullptr);
  CHECK(date->label == "登録日");
  CHECK(date->type == ValueType::date);
  CHECK(date->min_occurs == 1);
  CHECK(required_own_paths(*model) == std::set<std::string>{"familyName", "givenName",
                                                            "familyNameKana", "givenNameKana",
                                                            "registrationDate"});
  CHECK(model->find_part("address")->min_occurs == 1);
  CHECK(model->find_field("familyNameEn") == nullptr);  // omitted
  CHECK(model->find_field("contactPoint.contactPointName") == nullptr);
  // The three services of DESIGN §1: ① and ② are compliant forms, ③ uses its own names.
  check_header(*model, "姓", "familyName", kEquivalent);
  check_header(*model, "氏名（フリガナ）", "fullNameKana", kEquivalent);
  check_header(*model, "住所", "address.fullAddress", kEquivalent);
  check_header(*model, "建物名等（方書）", "address.buildingNameEtc", kLabel);
  check_header(*model, "セイ", "familyNameKana", kNonstandard);
  check_header(*model, "登録日", "registrationDate", kLabel);
  // Loading it again is an error: the id is taken.
  errors.clear();
  CHECK(catalog.load_file(kModelsDir.parent_path() / "docs/examples/registration-model.xml",
                          errors) == nullptr);
  CHECK_FALSE(errors.empty());
}

TEST_CASE("model-1.13 a user's model may hold catalog models as parts and omit items") {
  ModelCatalog catalog;
  std::vector<ModelLoadError> errors;
  REQUIRE(catalog.load_directory(kModelsDir, errors));
  const Model* model = catalog.load_file(kFixturesDir / "models/user_application.xml", errors);
  INFO(describe(errors));
  REQUIRE(model != nullptr);
  CHECK_FALSE(model->is_pattern);
  const FieldSpec* family = model->find_field("applicant.familyName");
  REQUIRE(family != nullptr);
  CHECK(family->min_occurs == 1);  // required with <require ref="applicant.familyName"/>
  check_header(*model, "申請者氏", "applicant.familyName", kLabel);
  check_header(*model, "申請者姓", "applicant.familyName", kEquivalent);
  CHECK_FALSE(lookup_header(*model, "氏").has_value());
  check_header(*model, "申請先", "office.tradeName", kNonstandard);
  check_header(*model, "申請日", "applicationDate", kLabel);
  CHECK(model->find_field("applicant.address.prefecture") == nullptr);  // one level only
  CHECK(model->find_field("office.representative.fullName") == nullptr);
  CHECK(model->find_field("office.legalEntityNumber")->key == false);
  CHECK(model->find_field("office.legalEntityNumber")->min_occurs == 0);
}

TEST_CASE("model-1.14 omit drops items and the alternative forms that used them") {
  ModelCatalog catalog;
  std::vector<ModelLoadError> errors;
  REQUIRE(catalog.load_directory(kModelsDir, errors));
  TempDir dir;
  write_file(dir.path() / "omit.xml",
             model_xml(R"(id="test:NamesOnly" label="氏名だけ" extends="gif:Person")",
                       R"(  <omit ref="fullName"/>
  <omit ref="address"/>
  <omit ref="contactPoint"/>
  <require ref="familyName"/>
)"));
  const Model* model = catalog.load_file(dir.path() / "omit.xml", errors);
  INFO(describe(errors));
  REQUIRE(model != nullptr);
  CHECK(model->find_field("fullName") == nullptr);
  CHECK(model->find_field("address.prefecture") == nullptr);
  CHECK(model->parts.empty());
  CHECK(model->fields.size() == 14);
  CHECK(model->find_field("familyName")->min_occurs == 1);
  // {familyName, givenName} | {fullName} lost a form; the kana and English ones remain.
  CHECK(model->alternatives.size() == 2);
  CHECK(model->alternatives[0].forms[0] ==
        std::vector<std::string>{"familyNameKana", "givenNameKana"});
}

TEST_CASE("model-1.15 accepted_headers: labels first, prefixes, as-written holder aliases") {
  const Model& entity = shipped_model("gif:LegalEntity");
  const FieldSpec* full = entity.find_field("registeredAddress.fullAddress");
  REQUIRE(full != nullptr);
  const std::vector<AcceptedHeader> headers = accepted_headers(*full);
  REQUIRE(!headers.empty());
  CHECK(headers[0].text == "連結表記");
  CHECK_FALSE(headers[0].alias_kind.has_value());
  std::vector<std::string> texts;
  for (const AcceptedHeader& header : headers) texts.push_back(header.text);
  const auto has = [&](const std::string& text) {
    return std::find(texts.begin(), texts.end(), text) != texts.end();
  };
  CHECK(has("登記住所連結表記"));
  CHECK(has("所在地連結表記"));
  CHECK(has("登記住所"));                // the holder's alias, as written
  CHECK_FALSE(has("登記住所登記住所"));  // never prefixed
  CHECK(has("本店所在地住所"));          // Address's own alias 住所, prefixed
  const FieldSpec* representative = entity.find_field("representative.fullName");
  std::vector<std::string> representative_texts;
  for (const AcceptedHeader& header : accepted_headers(*representative)) {
    representative_texts.push_back(header.text);
  }
  CHECK(std::find(representative_texts.begin(), representative_texts.end(), "氏名") ==
        representative_texts.end());
}

TEST_CASE("model-1.20 a source model without a header row keeps its column order") {
  const Model& source = shipped_model("nta:houjin-csv");
  CHECK_FALSE(source.has_header);
  CHECK(shipped_model("gif:LegalEntity").has_header);
  REQUIRE(source.fields.size() == 30);
  CHECK(source.fields[1].id == "corporateNumber");
  CHECK(source.fields[1].type == ValueType::corporate_number);
  CHECK(source.fields[29].id == "hihyoji");
  CHECK(source.fields[2].pattern == "01|11|12|13|21|22|71|72|81|99");
}

TEST_CASE(
    "model-1.21 the municipal datasets: file-name rules, 区分, the 所在地 part, vocabularies") {
  const ModelCatalog& catalog = shipped_catalog();
  std::size_t partial = 0;
  for (const Model* model : catalog.models()) {
    if (!model->id.starts_with("suisho:") && !model->id.starts_with("opendata:")) continue;
    INFO(model->id);
    partial += model->partial;
    // The common blocks: no kind, never chosen by a header; every kind model names its block.
    if (model->id.ends_with(":common")) {
      CHECK(model->file_name.empty());
      CHECK_FALSE(model->auto_pick);
      continue;
    }
    CHECK_FALSE(model->file_name.empty());
    CHECK(model->common ==
          (model->id.starts_with("suisho:") ? "suisho:common" : "opendata:common"));
    CHECK(catalog.find(model->common) != nullptr);
  }
  // opendata: aed, tourism, public-facility, fire-hydrant, open-data-list; the 12 kinds without
  // a new sheet (the common block alone); the 2 common blocks.
  CHECK(partial == 19);
  const Model& toilet = shipped_model("opendata:public-toilet");
  CHECK(toilet.file_name == "public_toilet");
  CHECK_FALSE(toilet.partial);
  CHECK(toilet.find_field("name")->min_occurs == 1);                  // ◎
  CHECK(toilet.find_field("location.fullAddress")->min_occurs == 1);  // ◎, a gif:Address item
  CHECK(toilet.find_field("location.prefecture")->recommended);       // ○
  CHECK_FALSE(toilet.find_field("remarks")->recommended);             // blank
  CHECK(toilet.find_field("latitude")->type == ValueType::latitude);
  CHECK(toilet.find_field("multipurposeToilet")->values == std::vector<std::string>{"有", "無"});
  CHECK(toilet.find_field("localGovernmentCode")->key);
  CHECK(toilet.find_field("identifier")->key);
  // Every item of the real sheet binds as its standard name.
  const std::string path =
      std::string(GIFKIT_TEST_DATA_DIR) + "/opendata-spec/public-toilet-new.csv";
  std::FILE* file = std::fopen(path.c_str(), "rb");
  REQUIRE(file != nullptr);  // ../shared/data is part of the test setup
  std::vector<std::string> headers;
  {
    gifkit::grammars::CsvReader reader(file, path, {}, [](const gifkit::grammars::CsvError&) {});
    gifkit::grammars::CsvRecord record;
    reader.next(record);  // no,item,class,…
    while (reader.next(record)) headers.emplace_back(record.fields.at(1));
  }
  std::fclose(file);
  REQUIRE(headers.size() == 39);
  for (const auto& binding : HeaderMatcher(toilet).match_all(headers)) {
    INFO(binding.header);
    CHECK(binding.match == HeaderMatch::exact);
  }
  const Model& old_aed = shipped_model("suisho:aed");
  CHECK(old_aed.find_field("item05")->label == "名称");
  CHECK(old_aed.find_field("item05")->min_occurs == 1);
  CHECK(old_aed.find_field("item09")->type == ValueType::latitude);
  CHECK(old_aed.find_field("item01")->key);  // 都道府県コード又は市区町村コード + NO
  CHECK(old_aed.find_field("item02")->key);
}
