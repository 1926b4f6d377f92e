// person_reader.cpp — a dataset's rows read into PersonRecords (see
// person_reader.hpp).
#include "models/engine/link/person_reader.hpp"

#include <cassert>

#include "grammars/text/text_fold.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "models/engine/dataset/header_binding.hpp"

namespace gifkit::models {

namespace {

constexpr const char* kPersonModel = "gif:Person";
constexpr const char* kCorporationModel = "gif:LegalEntity";
constexpr std::size_t kMaxProblems = 20;  // problems of a file said one by one

// The columns of the items, from the header bound to the model: a
// person's (氏名, カナ, 生年月日, 性別, 住所) or a corporation's (商号, its
// カナ, 法人番号, 所在地).
LinkItemColumns item_columns(const HeaderBinding& binding) {
  LinkItemColumns columns;
  columns.headers = binding.headers;
  columns.corporations =
      binding.model != nullptr && binding.model->id.rfind(kCorporationModel, 0) == 0;
  const std::string part = columns.corporations ? "registeredAddress." : "address.";
  // The address parts in the order they are written; 方書 (建物名等) is
  // left out of the comparison, 連結表記 stands alone.
  static constexpr std::string_view kAddressParts[] = {
      "prefecture", "cityAndCounty", "streetAddress", "streetAddressAndCityBlock", "cityBlock"};
  int full_address = -1;
  std::vector<std::pair<std::size_t, int>> parts;
  for (std::size_t at = 0; at < binding.columns.size(); ++at) {
    const FieldSpec* field = binding.columns[at].field;
    if (field == nullptr) continue;
    const int column = static_cast<int>(at);
    const std::string& path = field->path;
    if (path == "familyName")
      columns.family_name = column;
    else if (path == "givenName")
      columns.given_name = column;
    else if (path == "fullName" || path == "tradeName")
      columns.full_name = column;
    else if (path == "familyNameKana")
      columns.family_kana = column;
    else if (path == "givenNameKana")
      columns.given_kana = column;
    else if (path == "fullNameKana" || path == "tradeNameKana")
      columns.full_kana = column;
    else if (path == "dateOfBirth")
      columns.birth_date = column;
    else if (path == "sex")
      columns.sex = column;
    else if (path == "legalEntityNumber")
      columns.number = column;
    else if (path == part + "fullAddress")
      full_address = column;
    for (std::size_t order = 0; order < std::size(kAddressParts); ++order)
      if (path == part + std::string(kAddressParts[order])) parts.emplace_back(order, column);
  }
  if (full_address >= 0) {
    columns.address = {full_address};
  } else {
    std::sort(parts.begin(), parts.end());
    for (const auto& p : parts) columns.address.push_back(p.second);
  }
  return columns;
}

// The model of a file without --model: gif:LegalEntity when its names
// recognise more of the header than gif:Person's, else gif:Person.
const Model* model_of_header(ModelCatalog& catalog, const std::vector<std::string>& headers,
                             const std::string& path) {
  std::string error;
  const Model* person = catalog.find_or_load(kPersonModel, error);
  const Model* corporation = catalog.find_or_load(kCorporationModel, error);
  if (person == nullptr || corporation == nullptr) return person;
  const ModelChoice as_person = choose_model(catalog, person, headers, path);
  const ModelChoice as_corporation = choose_model(catalog, corporation, headers, path);
  return as_corporation.recognised > as_person.recognised ? corporation : person;
}

std::string_view field_at(const grammars::CsvRecord& record, int column) {
  if (column < 0 || static_cast<std::size_t>(column) >= record.fields.size()) return {};
  return grammars::trim_blanks(record.fields[column]);
}

// 氏 and 名 joined by one space, or 氏名 as written.
std::string joined(const grammars::CsvRecord& record, int family, int given, int full) {
  const std::string_view f = field_at(record, family), g = field_at(record, given);
  if (!f.empty() || !g.empty()) {
    std::string out(f);
    if (!f.empty() && !g.empty()) out += ' ';
    out += g;
    return out;
  }
  return std::string(field_at(record, full));
}

[[noreturn]] void refuse_id_column(const std::string& path, const LinkOptions& options) {
  throw LinkFailure{
      path + ": --id " + options.id_column +
      ": its values are 個人番号 (マイナンバー), which gifkit never uses as a key nor "
      "prints"};
}

}  // namespace

PersonFile read_person_file(const std::string& path, const LinkOptions& options,
                            ModelCatalog& catalog, PersonNormalizer& normalizer) {
  PersonFile file;
  // A row the reader finds wrong is said (file, line, column) and read as
  // well as it can be; the rest of the file is linked.
  auto on_error = [&](const grammars::CsvError& error) {
    if (file.problems.size() < kMaxProblems)
      file.problems.push_back(path + ":" + std::to_string(error.line) + ":" +
                              std::to_string(error.column) + ": " + error.message);
    ++file.problem_count;
  };
  std::unique_ptr<DatasetReader> reader;
  try {
    reader = std::make_unique<DatasetReader>(path, options.reading, on_error);
  } catch (const DatasetOpenError& error) {
    throw LinkFailure{path + ": " + error.reason};
  }
  grammars::CsvRecord record;
  if (!reader->next(record)) throw LinkFailure{path + ": empty: no header row"};
  std::vector<std::string> headers(record.fields.begin(), record.fields.end());

  std::string error;
  const Model* model = options.model.empty() ? model_of_header(catalog, headers, path)
                                             : catalog.find_or_load(options.model, error);
  if (model == nullptr)
    throw LinkFailure{"--model " +
                      (options.model.empty() ? std::string(kPersonModel) : options.model) + ": " +
                      error};
  const ModelChoice choice = choose_model(catalog, model, headers, path);
  const HeaderBinding binding = bind_header(choice, headers, false);
  file.model = model->id;
  file.columns = item_columns(binding);
  if (!file.columns.has(LinkItem::name) && !file.columns.has(LinkItem::birth_date) &&
      !file.columns.has(LinkItem::address) && file.columns.number < 0)
    throw LinkFailure{path + ": no column of 氏名, 生年月日 or 住所 (" + model->id +
                      "'s names; the header has: " + (headers.empty() ? "" : headers.front()) +
                      (headers.size() > 1 ? ", …" : "") + ")"};
  if (!options.id_column.empty()) {
    for (std::size_t at = 0; at < headers.size(); ++at)
      if (grammars::trim_blanks(headers[at]) == options.id_column)
        file.columns.id = static_cast<int>(at);
    if (file.columns.id < 0)
      throw LinkFailure{path + ": --id " + options.id_column + ": no such column"};
    if (options.individual_number_headers != nullptr &&
        header_names_individual_number(options.id_column, *options.individual_number_headers))
      throw LinkFailure{path + ": --id " + options.id_column +
                        ": names 個人番号 (マイナンバー), which gifkit never uses as a key"};
  }

  IndividualNumberColumn id_values;
  const LinkItemColumns& c = file.columns;
  std::string name, kana, address;
  while (reader->next(record)) {
    name = joined(record, c.family_name, c.given_name, c.full_name);
    kana = joined(record, c.family_kana, c.given_kana, c.full_kana);
    address.clear();
    for (const int column : c.address) {
      const std::string_view part = field_at(record, column);
      if (part.empty()) continue;
      if (!address.empty()) address += ' ';
      address += part;
    }
    const std::string_view id = field_at(record, c.id);
    if (c.id >= 0) {
      id_values.add(id);
      if (id_values.holds_individual_numbers()) refuse_id_column(path, options);
    }
    file.records.push_back(normalizer.make(
        record.number, {name, kana, field_at(record, c.birth_date), field_at(record, c.sex),
                        address, id, field_at(record, c.number)}));
  }
  // A short column decided by the column rule (two or more that pass, none
  // that fails): refused as well; a lone 個人番号 is shown masked.
  if (c.id >= 0 && id_values.is_individual_number_column()) refuse_id_column(path, options);
  return file;
}

}  // namespace gifkit::models
