// test_model_releases.cpp — proves gifkit's models of the earlier GIF releases
// agree with their own official files: models/gif2022/ with the 2022 item
// catalogs (dmd-csv-2022/*.csv, catalog_agreement) and models/gif2024/ with the
// 2024 XSD (versions/2024-10-01/GIF_Core_DataModel.xsd, xsd_agreement, the
// check the 2025 models pass), and that both checks catch deliberately wrong
// models. Also: the 2024 XSD's own spellings (inline elements, no code lists)
// do not loosen the 2025 check.
// room: model
#include <functional>
#include <set>

#include "model_test_support.hpp"
#include "models/engine/model/catalog_agreement.hpp"
#include "models/engine/model/xsd_agreement.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

const std::filesystem::path kCatalogDir = kDataDir / "gif" / "dmd-csv-2022";
const std::filesystem::path kGifXsd2024 =
    kDataDir / "gif" / "versions" / "2024-10-01" / "GIF_Core_DataModel.xsd";

std::string release_mismatch_text(const std::vector<XsdMismatch>& mismatches) {
  std::string text;
  for (const XsdMismatch& mismatch : mismatches)
    text += mismatch.model + " [" + mismatch.item + "] " + mismatch.message + "\n";
  return text;
}

bool release_mismatch_says(const std::vector<XsdMismatch>& mismatches, const std::string& model,
                           const std::string& item, const std::string& words) {
  for (const XsdMismatch& mismatch : mismatches) {
    if (mismatch.model == model && mismatch.item == item &&
        mismatch.message.find(words) != std::string::npos)
      return true;
  }
  return false;
}

GifXsd load_release_xsd(const std::filesystem::path& path) {
  GifXsd xsd;
  std::string error;
  const bool loaded = xsd.load(path, error);
  INFO(error);
  REQUIRE(loaded);
  return xsd;
}

// A copy of the shipped model folders gif/, gif2022/ and gif2024/ with one edit
// to folder/file; the edit must change something.
void copy_release_models(const std::filesystem::path& dir, const std::string& folder,
                         const std::string& file,
                         const std::function<std::string(const std::string&)>& edit) {
  std::filesystem::copy_file(kModelsDir / "model.xsd", dir / "model.xsd");
  for (const char* name : {"gif", "gif2022", "gif2024"}) {
    for (const auto& entry : std::filesystem::directory_iterator(kModelsDir / name)) {
      std::string text = read_file(entry.path());
      if (name == folder && entry.path().filename() == file) {
        const std::string edited = edit(text);
        REQUIRE(edited != text);
        text = edited;
      }
      write_file(dir / name / entry.path().filename(), text);
    }
  }
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The release check's mismatches on a copy of the shipped models with one edit
// (folder gif2022: the item catalogs; gif2024: the 2024 XSD). An edit to an empty
// text leaves the file out. Every model of the copy must load.
std::vector<XsdMismatch> mismatches_after_edit(
    const std::string& folder, const std::string& file,
    const std::function<std::string(const std::string&)>& edit) {
  TempDir dir;
  copy_release_models(dir.path(), folder, file, edit);
  if (read_file(dir.path() / folder / file).empty())
    std::filesystem::remove(dir.path() / folder / file);
  ModelCatalog catalog;
  std::vector<ModelLoadError> errors;
  REQUIRE(catalog.load_directory(dir.path(), errors));
  INFO(describe(errors));
  REQUIRE(errors.empty());
  std::vector<XsdMismatch> mismatches =
      folder == "gif2022"
          ? check_catalog_against_item_catalogs(catalog, kCatalogDir)
          : check_catalog_against_xsd(catalog, load_release_xsd(kGifXsd2024), "2024");
  UNSCOPED_INFO(release_mismatch_text(mismatches));
  return mismatches;
}

int models_of_release(const ModelCatalog& catalog, const std::string& release) {
  int count = 0;
  for (const Model* model : catalog.models()) count += model->release == release ? 1 : 0;
  return count;
}

}  // namespace

TEST_CASE("model-5.1 read_item_catalog reads a 2022 catalog (BOM, quotes) as written") {
  std::vector<CatalogRow> rows;
  std::string error;
  REQUIRE(read_item_catalog(kCatalogDir / "Person.csv", rows, error));
  REQUIRE(rows.size() == 36);
  CHECK(rows[0].label == "ID群");  // the BOM is not part of the first header
  CHECK(rows[0].english == "identificationGroup");
  CHECK(rows[0].format == "pd:ID情報型");
  CHECK(catalog_max_occurs(rows[0]) == -1);
  CHECK(catalog_min_occurs(rows[0]) == 1);
  CHECK(rows[1].line == 3);
  // 生年月日: 必須項目 blank but 最小回数 1 — the model cannot follow both.
  CHECK(rows[17].english == "dateOfBirth");
  CHECK(conditional_reason(rows[17]) == "最小回数");
  CHECK(catalog_min_occurs(rows[17]) == 0);
  CHECK(rows[33].format == "pd:連絡先（pd:個人連絡先）");

  REQUIRE(read_item_catalog(kCatalogDir / "ContactPointForFacility.csv", rows, error));
  CHECK(rows[1].required == "必(*1)");
  CHECK(conditional_reason(rows[1]) == "(*1)");
  CHECK(catalog_min_occurs(rows[1]) == 0);
  CHECK(catalog_min_occurs(rows[0]) == 1);

  REQUIRE(read_item_catalog(kCatalogDir / "Facility.csv", rows, error));
  bool full_width_n = false;
  for (const CatalogRow& row : rows) {
    if (row.max_text == "ｎ") full_width_n = catalog_max_occurs(row) == -1;
  }
  CHECK(full_width_n);

  CHECK_FALSE(read_item_catalog(kCatalogDir / "NoSuchClass.csv", rows, error));
  CHECK(error.find("NoSuchClass.csv: cannot open") != std::string::npos);
  TempDir dir;
  write_file(dir.path() / "bad.csv", "\xEF\xBB\xBFNo.,項目名,必須項目\n1,ID,必\n");
  CHECK_FALSE(read_item_catalog(dir.path() / "bad.csv", rows, error));
  CHECK(error.find("no column 最小回数") != std::string::npos);
}

TEST_CASE("model-5.2 every gif2022 model agrees with its 2022 item catalog") {
  const ModelCatalog& catalog = shipped_catalog();
  CHECK(models_of_release(catalog, "2022") == 18);
  const std::vector<XsdMismatch> mismatches =
      check_catalog_against_item_catalogs(catalog, kCatalogDir);
  INFO(release_mismatch_text(mismatches));
  CHECK(mismatches.empty());

  const Model& person = shipped_model("gif2022:Person");
  CHECK(person.label == "個人");
  CHECK(person.gif_class.empty());  // there is no XSD of 2022
  const FieldSpec* sex = person.find_field("sex");
  REQUIRE(sex != nullptr);
  CHECK(sex->type == ValueType::code);
  CHECK(sex->codelist == "SexCodeList");
  CHECK(sex->min_occurs == 1);
  // The required 個人連絡先 makes its required items required in 個人 (one level).
  const FieldSpec* phone = person.find_field("contactPointInformation.contactPointPhoneNumber");
  REQUIRE(phone != nullptr);
  CHECK(phone->min_occurs == 1);
  CHECK(phone->type == ValueType::phone);
  // A class that holds itself is one text column, and says so.
  const FieldSpec* related = shipped_model("gif2022:Facility").find_field("relatedFacility");
  REQUIRE(related != nullptr);
  CHECK(related->type == ValueType::text);
  CHECK(related->description.find("平坦化できない") != std::string::npos);
}

TEST_CASE("model-5.3 every gif2024 model agrees with the 2024 XSD; the 2025 check is unchanged") {
  const GifXsd xsd2024 = load_release_xsd(kGifXsd2024);
  const GifXsd xsd2025 = load_release_xsd(kGifXsd);
  CHECK_FALSE(xsd2024.has_code_lists());
  CHECK(xsd2025.has_code_lists());
  CHECK(xsd2024.complex_types().size() == 18);

  // An element declared in the sequence has its own type, not the global element's.
  const std::vector<XsdItem>* person = xsd2024.items_of("Person");
  REQUIRE(person != nullptr);
  REQUIRE(person->size() == 36);
  CHECK(person->at(33).element == "contactPointInformation");
  CHECK(person->at(33).type == "ContactPointForPerson");
  CHECK(person->at(0).type == "IDInformationModel");
  CHECK(xsd2024.items_of("ContactPoint") != nullptr);

  const ModelCatalog& catalog = shipped_catalog();
  CHECK(models_of_release(catalog, "2024") == 18);
  const std::vector<XsdMismatch> mismatches = check_catalog_against_xsd(catalog, xsd2024, "2024");
  INFO(release_mismatch_text(mismatches));
  CHECK(mismatches.empty());
  // The 2024 models do not agree with the 2025 XSD, and are not checked against it.
  const std::vector<XsdMismatch> wrong_release =
      check_model_against_xsd(shipped_model("gif2024:Person"), catalog, xsd2025);
  CHECK_FALSE(wrong_release.empty());
  const std::vector<XsdMismatch> release_2025 = check_catalog_against_xsd(catalog, xsd2025);
  INFO(release_mismatch_text(release_2025));
  CHECK(release_2025.empty());

  // A code of a GIF code list fits コード情報型 only in an XSD without code lists.
  FieldSpec code;
  code.type = ValueType::code;
  code.codelist = "SexCodeList";
  XsdItem code_information;
  code_information.kind = XsdTypeKind::complex;
  code_information.type = "CodeInformationModel";
  CHECK(value_type_fits(code, code_information, false));
  CHECK_FALSE(value_type_fits(code, code_information, true));
  FieldSpec text;
  CHECK(value_type_fits(text, code_information, true));
  // A 法人番号 is 13 digits: it fits the 2024 XSD's xsd:integer; a decimal does not.
  FieldSpec number;
  number.type = ValueType::corporate_number;
  XsdItem integer;
  integer.type = "integer";
  CHECK(value_type_fits(number, integer));
  number.type = ValueType::decimal;
  CHECK_FALSE(value_type_fits(number, integer));
}

TEST_CASE("model-5.4 the release checks catch a deliberately wrong model") {
  SECTION("2022: a required item made optional") {
    const auto mismatches =
        mismatches_after_edit("gif2022", "Person.xml", [](const std::string& text) {
          return replaced(text, "codelist=\"SexCodeList\" code-information=\"true\" min=\"1\"",
                          "codelist=\"SexCodeList\" code-information=\"true\"");
        });
    REQUIRE(mismatches.size() == 1);
    CHECK(release_mismatch_says(mismatches, "gif2022:Person", "sex",
                                "occurs 0..1 but the catalog says 1..1"));
  }
  SECTION("2022: a type that does not fit 形式, a wrong label, a missing item") {
    const auto mismatches =
        mismatches_after_edit("gif2022", "Address.xml", [](const std::string& text) {
          std::string edited = replaced(text, "id=\"prefecture\" label=\"都道府県\" type=\"text\"",
                                        "id=\"prefecture\" label=\"都道府県名\" type=\"date\"");
          const std::size_t from = edited.find("  <field id=\"locatorName\"");
          const std::size_t to = edited.find("</field>\n", from);
          if (from != std::string::npos && to != std::string::npos)
            edited.erase(from, to + 9 - from);
          return edited;
        });
    CHECK(release_mismatch_says(mismatches, "gif2022:Address", "prefecture",
                                "type date does not fit 形式 文字列"));
    CHECK(release_mismatch_says(mismatches, "gif2022:Address", "prefecture",
                                "label 都道府県名 but the catalog says 都道府県"));
    CHECK(release_mismatch_says(mismatches, "gif2022:Address", "locatorName",
                                "has no item in the model"));
  }
  SECTION("2022: a part holding the wrong class") {
    const auto mismatches =
        mismatches_after_edit("gif2022", "LegalEntity.xml", [](const std::string& text) {
          return replaced(text, "ref=\"gif2022:Office\"", "ref=\"gif2022:CodeInformationType\"");
        });
    CHECK(release_mismatch_says(mismatches, "gif2022:LegalEntity", "businessPlaceInformation",
                                "expected a part holding the release-2022 class 事業所"));
  }
  SECTION("2022: a (*1) item whose description does not say so") {
    const auto mismatches = mismatches_after_edit(
        "gif2022", "ContactPointForFacility.xml", [](const std::string& text) {
          return replaced(text, "(*1) 印の項目のいずれか", "印の項目のいずれか");
        });
    CHECK(release_mismatch_says(mismatches, "gif2022:ContactPointForFacility",
                                "contactPointPhoneNumber", "does not say (*1)"));
  }
  SECTION("2024: a part holding the class of the global element, not the inline one") {
    const auto mismatches =
        mismatches_after_edit("gif2024", "Person.xml", [](const std::string& text) {
          return replaced(text, "ref=\"gif2024:ContactPointForPerson\"",
                          "ref=\"gif2024:ContactPoint\"");
        });
    REQUIRE(mismatches.size() == 1);
    CHECK(release_mismatch_says(mismatches, "gif2024:Person", "contactPointInformation",
                                "part holds gif2024:ContactPoint"));
  }
  SECTION("2024: wrong occurrences") {
    const auto mismatches = mismatches_after_edit(
        "gif2024", "ContactPointForLegalentity.xml", [](const std::string& text) {
          return replaced(text, "id=\"contactPointDepartment\"",
                          "id=\"contactPointDepartment\" min=\"1\"");
        });
    CHECK(release_mismatch_says(mismatches, "gif2024:ContactPointForLegalentity",
                                "contactPointDepartment", "occurs 1..1 but"));
  }
  SECTION("a catalog without its model") {
    const auto mismatches = mismatches_after_edit("gif2022", "Land.xml", [](const std::string&) {
      return std::string();  // an empty file: not written (see mismatches_after_edit)
    });
    CHECK(release_mismatch_says(mismatches, "gif2022:Land", "", "has no release-2022 model"));
  }
}

TEST_CASE("model-5.5 everyday headers are recognised alike in every release") {
  for (const std::string id : {"gif:Person", "gif2022:Person", "gif2024:Person"}) {
    INFO(id);
    const Model& person = shipped_model(id);
    const auto family = lookup_header(person, "姓");
    REQUIRE(family.has_value());
    CHECK(family->path == "familyName");
    CHECK(family->alias_kind == AliasKind::equivalent);
    const auto kana = lookup_header(person, "フリガナ");
    REQUIRE(kana.has_value());
    CHECK(kana->path == "fullNameKana");
  }
  const auto number = lookup_header(shipped_model("gif2022:LegalEntity"), "法人番号");
  REQUIRE(number.has_value());
  CHECK(shipped_model("gif2022:LegalEntity").find_field("legalEntityNumber")->type ==
        ValueType::corporate_number);
}
