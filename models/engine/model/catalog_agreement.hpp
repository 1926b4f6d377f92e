// catalog_agreement.hpp — checks gifkit's models of the 2022 GIF release
// (models/gif2022/, release="2022") against the official item catalogs
// (dmd-csv-2022/<Class>.csv): the same items in the same order, the same
// labels, minOccurs/maxOccurs as 必須項目/最小回数/最大数 say, and each item's
// type fitting the catalog's 形式. Used by `gifkit model check` and the unit
// tests (model-5.*). The 2024 and 2025 releases are checked against their XSDs
// (xsd_agreement.hpp).
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/model/model.hpp"
#include "models/engine/model/model_catalog.hpp"
#include "models/engine/model/xsd_agreement.hpp"

namespace gifkit::models {

// One row of a 2022 item catalog, as written (trimmed).
struct CatalogRow {
  std::uint64_t line = 0;
  std::string label;     // 項目名
  std::string required;  // 必須項目: "必", "必(*1)", ""
  std::string min_text;  // 最小回数: "0", "1", "1(*1)"
  std::string max_text;  // 最大数: "1", "n", "ｎ"
  std::string english;   // 項目名（英語）
  std::string format;    // 形式: "文字列", "pd:住所", "pd:連絡先（pd:個人連絡先）"
};

// Reads a catalog CSV (UTF-8 with BOM, quoted fields) with the project's CSV
// reader. Returns false and sets error (file, line, what) when the file cannot
// be read, a record is malformed or a column the check needs is missing.
bool read_item_catalog(const std::filesystem::path& csv, std::vector<CatalogRow>& rows,
                       std::string& error);

// The minOccurs the model must give a row: 1 for 必 with 最小回数 1, else 0
// (a "(*1)" one-of requirement, or 必須項目 and 最小回数 that disagree, are
// optional in the model and its description must say so: conditional_reason).
int catalog_min_occurs(const CatalogRow& row);
// Why a row's requirement is not stated as written ("" when it is): "(*1)" or "最小回数".
std::string conditional_reason(const CatalogRow& row);
// maxOccurs of 最大数: -1 for n (either width).
int catalog_max_occurs(const CatalogRow& row);

// True when a field of this type can hold the values of a 形式 (文字列（全角カナ）
// → katakana …); false for a 形式 that names a class (pd:住所).
bool type_fits_format(const FieldSpec& field, std::string_view format);

// Checks one release-2022 model (the id's local name is the catalog's stem)
// against its catalog's rows. catalog finds the models its parts hold.
std::vector<XsdMismatch> check_model_against_item_catalog(const Model& model,
                                                          const ModelCatalog& catalog,
                                                          const std::vector<CatalogRow>& rows);

// Checks every release-2022 model of the catalog against <catalog_dir>/<stem>.csv;
// a model without its CSV, and a CSV without its model, are mismatches too.
std::vector<XsdMismatch> check_catalog_against_item_catalogs(
    const ModelCatalog& catalog, const std::filesystem::path& catalog_dir);

}  // namespace gifkit::models
