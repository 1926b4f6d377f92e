// catalog_agreement.cpp — reads the 2022 GIF item catalogs (dmd-csv-2022/*.csv)
// with the project's CSV reader and compares the release-2022 models with
// them item for item; see catalog_agreement.hpp.
#include "models/engine/model/catalog_agreement.hpp"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "grammars/io/csv_reader.hpp"
#include "models/engine/model/model_names.hpp"

namespace gifkit::models {

namespace {

// 形式 → the value types that can hold its values. A 形式 not listed here
// names a class (pd:住所, pd:連絡先（pd:個人連絡先）): the item is a part.
// The information types are one text column, as in the 2025 models.
const std::map<std::string, std::vector<ValueType>, std::less<>>& format_types() {
  static const std::map<std::string, std::vector<ValueType>, std::less<>> table = {
      // Not city-block: DS-442's half-width 番地以下 came after (the catalog's 記入例 is ７ー１).
      {"文字列", {ValueType::text, ValueType::email}},
      {"文字列（全角カナ）", {ValueType::katakana}},
      {"文字列（半角文字）",
       {ValueType::text, ValueType::halfwidth_alnum, ValueType::phone, ValueType::postal_code,
        ValueType::street_address_id}},
      {"文字列（半角英数字）", {ValueType::halfwidth_alnum}},
      {"文字列（半角数字）",
       {ValueType::text, ValueType::local_government_code, ValueType::postal_code}},
      {"半角数字", {ValueType::decimal, ValueType::integer}},
      {"数値（半角数字）",
       {ValueType::decimal, ValueType::integer, ValueType::latitude, ValueType::longitude,
        ValueType::corporate_number}},
      {"日付（YYYY-MM-DD）", {ValueType::date}},
      {"日付（MM-DD）", {ValueType::text}},
      {"時刻（HH:MM）", {ValueType::time}},
      {"URI", {ValueType::url}},
      {"pd:コード情報型", {ValueType::text, ValueType::code}},
      {"pd:ID情報型", {ValueType::text}},
      {"pd:役割関与情報型", {ValueType::text}},
  };
  return table;
}

std::string trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// The class a 形式 names: "住所" for pd:住所, "個人連絡先" for pd:連絡先（pd:個人連絡先）;
// "" for a 形式 of format_types() or one that names no class.
std::string held_class_name(std::string_view format) {
  if (format_types().count(format) != 0) return {};
  constexpr std::string_view kContact = "pd:連絡先（pd:";
  constexpr std::string_view kClose = "）";
  if (format.substr(0, kContact.size()) == kContact &&
      format.size() > kContact.size() + kClose.size() &&
      format.substr(format.size() - kClose.size()) == kClose) {
    return std::string(
        format.substr(kContact.size(), format.size() - kContact.size() - kClose.size()));
  }
  if (format.substr(0, 3) == "pd:" && format.size() > 3) return std::string(format.substr(3));
  return {};
}

struct CatalogFile {
  std::FILE* file;
  explicit CatalogFile(const std::filesystem::path& path) : file(std::fopen(path.c_str(), "rb")) {}
  ~CatalogFile() {
    if (file != nullptr) std::fclose(file);
  }
  CatalogFile(const CatalogFile&) = delete;
  CatalogFile& operator=(const CatalogFile&) = delete;
};

}  // namespace

bool read_item_catalog(const std::filesystem::path& csv, std::vector<CatalogRow>& rows,
                       std::string& error) {
  CatalogFile input(csv);
  if (input.file == nullptr) {
    error = csv.string() + ": cannot open";
    return false;
  }
  std::string read_error;
  grammars::CsvReader reader(
      input.file, csv.string(), grammars::CsvOptions{}, [&](const grammars::CsvError& problem) {
        if (read_error.empty()) {
          read_error = csv.string() + ":" + std::to_string(problem.line) + ":" +
                       std::to_string(problem.column) + ": " + problem.message;
        }
      });
  grammars::CsvRecord record;
  if (!reader.next(record)) {
    error = read_error.empty() ? csv.string() + ": empty" : read_error;
    return false;
  }
  const std::vector<std::string> wanted = {"項目名", "必須項目",       "最小回数",
                                           "最大数", "項目名（英語）", "形式"};
  std::vector<std::size_t> column(wanted.size());
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    auto found = std::find_if(record.fields.begin(), record.fields.end(),
                              [&](std::string_view field) { return trimmed(field) == wanted[i]; });
    if (found == record.fields.end()) {
      error = csv.string() + ":1: no column " + wanted[i] + " in the header";
      return false;
    }
    column[i] = static_cast<std::size_t>(found - record.fields.begin());
  }
  const std::size_t needed = *std::max_element(column.begin(), column.end()) + 1;
  std::vector<CatalogRow> read;
  while (reader.next(record)) {
    if (record.fields.size() < needed) {
      error = csv.string() + ":" + std::to_string(record.line) + ": " +
              std::to_string(record.fields.size()) + " fields, expected at least " +
              std::to_string(needed);
      return false;
    }
    CatalogRow row;
    row.line = record.line;
    row.label = trimmed(record.fields[column[0]]);
    row.required = trimmed(record.fields[column[1]]);
    row.min_text = trimmed(record.fields[column[2]]);
    row.max_text = trimmed(record.fields[column[3]]);
    row.english = trimmed(record.fields[column[4]]);
    row.format = trimmed(record.fields[column[5]]);
    read.push_back(std::move(row));
  }
  if (!read_error.empty()) {
    error = read_error;
    return false;
  }
  rows = std::move(read);
  return true;
}

std::string conditional_reason(const CatalogRow& row) {
  if (contains(row.required, "(*1)") || contains(row.min_text, "(*1)")) return "(*1)";
  if ((row.required == "必") != (row.min_text == "1")) return "最小回数";
  return {};
}

int catalog_min_occurs(const CatalogRow& row) {
  return conditional_reason(row).empty() && row.required == "必" ? 1 : 0;
}

int catalog_max_occurs(const CatalogRow& row) {
  if (row.max_text == "n" || row.max_text == "ｎ") return -1;
  int value = 0;
  for (char c : row.max_text) {
    if (c < '0' || c > '9') return 0;  // not a count: no item can agree
    value = value * 10 + (c - '0');
  }
  return value;
}

bool type_fits_format(const FieldSpec& field, std::string_view format) {
  auto types = format_types().find(format);
  if (types == format_types().end()) return false;
  return std::find(types->second.begin(), types->second.end(), field.type) != types->second.end();
}

std::vector<XsdMismatch> check_model_against_item_catalog(const Model& model,
                                                          const ModelCatalog& catalog,
                                                          const std::vector<CatalogRow>& rows) {
  std::vector<XsdMismatch> mismatches;
  const auto report = [&](const std::string& item, std::string message) {
    mismatches.push_back({model.id, item, std::move(message)});
  };
  const std::vector<ModelItem> items = model_items(model);
  if (items.size() != rows.size()) {
    report("", "the model has " + std::to_string(items.size()) + " items, the catalog " +
                   std::to_string(rows.size()));
  }
  const std::size_t common = std::min(items.size(), rows.size());
  for (std::size_t i = 0; i < common; ++i) {
    const ModelItem& item = items[i];
    const CatalogRow& row = rows[i];
    const std::string where = " (catalog line " + std::to_string(row.line) + ")";
    if (item.id != row.english) {
      report(item.id, "item " + std::to_string(i + 1) + " is '" + item.id +
                          "' but the catalog's is '" + row.english + "'" + where);
      continue;  // the rest of the row belongs to another item
    }
    const std::string& label = item.field != nullptr ? item.field->label : item.part->label;
    if (label != row.label)
      report(item.id, "label " + label + " but the catalog says " + row.label + where);
    const int min_occurs = catalog_min_occurs(row);
    const int max_occurs = catalog_max_occurs(row);
    if (item.min_occurs != min_occurs || item.max_occurs != max_occurs) {
      report(item.id, "occurs " + occurs_text(item.min_occurs, item.max_occurs) +
                          " but the catalog says " + occurs_text(min_occurs, max_occurs) + " (" +
                          row.required + ", " + row.min_text + ", " + row.max_text + ")" + where);
    }
    const std::string reason = conditional_reason(row);
    const std::string& description =
        item.field != nullptr ? item.field->description : item.part->description;
    if (!reason.empty() && !contains(description, reason)) {
      report(item.id, "the catalog's requirement (" + row.required + ", " + row.min_text +
                          ") cannot be stated and the description does not say " + reason + where);
    }
    const std::string held = held_class_name(row.format);
    if (held.empty()) {
      if (item.field == nullptr || !type_fits_format(*item.field, row.format)) {
        report(item.id,
               std::string(item.field == nullptr
                               ? "a part"
                               : "type " + std::string(value_type_name(item.field->type))) +
                   " does not fit 形式 " + row.format + where);
      }
    } else if (held == model.label) {
      // A class holding itself cannot be flattened: one text column.
      if (item.field == nullptr || item.field->type != ValueType::text) {
        report(item.id,
               "形式 " + row.format + " holds the class itself: expected one text column" + where);
      }
    } else {
      const Model* held_model = item.part != nullptr ? catalog.find(item.part->ref) : nullptr;
      if (held_model == nullptr || held_model->release != model.release ||
          held_model->label != held) {
        report(item.id, "形式 " + row.format + ": expected a part holding the release-" +
                            model.release + " class " + held + where);
      }
    }
  }
  for (std::size_t i = common; i < rows.size(); ++i) {
    report(rows[i].english, "the catalog's item " + rows[i].english + " has no item in the model");
  }
  for (std::size_t i = common; i < items.size(); ++i) {
    report(items[i].id, "item '" + items[i].id + "' is not in the catalog");
  }
  return mismatches;
}

std::vector<XsdMismatch> check_catalog_against_item_catalogs(
    const ModelCatalog& catalog, const std::filesystem::path& catalog_dir) {
  std::vector<XsdMismatch> mismatches;
  std::set<std::string> stems_with_model;
  for (const Model* model : catalog.models()) {
    if (model->release != "2022") continue;
    const std::size_t colon = model->id.find(':');
    const std::string stem = colon == std::string::npos ? model->id : model->id.substr(colon + 1);
    stems_with_model.insert(stem);
    std::vector<CatalogRow> rows;
    std::string error;
    if (!read_item_catalog(catalog_dir / (stem + ".csv"), rows, error)) {
      mismatches.push_back({model->id, "", error});
      continue;
    }
    for (XsdMismatch& mismatch : check_model_against_item_catalog(*model, catalog, rows))
      mismatches.push_back(std::move(mismatch));
  }
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(catalog_dir, ec)) {
    if (entry.path().extension() != ".csv") continue;
    const std::string stem = entry.path().stem().string();
    if (stems_with_model.count(stem) == 0) {
      mismatches.push_back(
          {"gif2022:" + stem, "",
           "the catalog " + entry.path().filename().string() + " has no release-2022 model"});
    }
  }
  if (ec) mismatches.push_back({"", "", catalog_dir.string() + ": " + ec.message()});
  return mismatches;
}

}  // namespace gifkit::models
