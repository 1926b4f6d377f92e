// code_table.cpp — see code_table.hpp.
#include "models/engine/dataset/code_table.hpp"

#include <algorithm>
#include <cassert>
#include <optional>

#include "grammars/text/text_fold.hpp"
#include "models/engine/dataset/dataset_reader.hpp"

namespace gifkit::models {

std::string CodeTable::key(std::string_view code) {
  return std::string(grammars::trim_spaces(grammars::fold_width_and_dashes(code)));
}

const std::string* CodeTable::find(std::string_view code) const {
  const auto at = codes_.find(key(code));
  return at == codes_.end() ? nullptr : &at->second;
}

void CodeTable::add(std::string code, std::string standard, const std::string& where) {
  std::string folded = key(code);
  if (folded.empty()) throw CodeTableError{where + ": a row without a code"};
  standard = std::string(grammars::trim_spaces(standard));
  const auto [at, inserted] = codes_.emplace(folded, standard);
  if (!inserted) {
    if (at->second == standard) return;  // the same pair again
    throw CodeTableError{where + ": " + code + " is listed twice with two standard codes (" +
                         at->second + " at " + where_[folded] + ", " + standard + " here)"};
  }
  where_.emplace(std::move(folded), where);
  if (!standard.empty()) standards_.insert(key(standard));
  pairs_.emplace_back(std::move(code), std::move(standard));
}

CodeTable CodeTable::from_pairs(const std::vector<std::pair<std::string, std::string>>& pairs,
                                const std::string& where) {
  CodeTable table;
  table.name_ = "the mapping's table";
  for (const auto& [code, standard] : pairs) table.add(code, standard, where);
  return table;
}

CodeTable CodeTable::from_file(const std::filesystem::path& file,
                               const std::pair<std::string, std::string>& columns) {
  const std::string name = file.string();
  std::vector<std::string> errors;
  std::optional<DatasetReader> reader;
  try {
    reader.emplace(name, DatasetReadOptions{}, [&](const grammars::CsvError& error) {
      errors.push_back(name + ":" + std::to_string(error.line) + ":" +
                       std::to_string(error.column) + ": " + error.message);
    });
  } catch (const DatasetOpenError& error) {
    throw CodeTableError{name + ": " + error.reason};
  }
  grammars::CsvRecord record;
  if (!reader->next(record)) throw CodeTableError{name + ": empty: a header row is expected"};
  std::size_t code_at = 0, standard_at = 1;
  if (!columns.first.empty()) {
    auto column = [&](const std::string& header) {
      const auto at = std::find(record.fields.begin(), record.fields.end(), header);
      if (at == record.fields.end())
        throw CodeTableError{name + ":" + std::to_string(record.line) + ": no column " + header +
                             " in the header row"};
      return static_cast<std::size_t>(at - record.fields.begin());
    };
    code_at = column(columns.first);
    standard_at = column(columns.second);
  } else if (record.fields.size() < 2) {
    throw CodeTableError{name + ":" + std::to_string(record.line) +
                         ": a code table has two columns: the codes, then the standard codes"};
  }
  CodeTable table;
  table.name_ = file.filename().string();
  while (reader->next(record)) {
    if (!errors.empty()) throw CodeTableError{errors.front()};
    const std::string where = name + ":" + std::to_string(record.line);
    const bool blank = std::all_of(record.fields.begin(), record.fields.end(),
                                   [](std::string_view f) { return f.empty(); });
    if (blank) continue;
    if (record.fields.size() <= std::max(code_at, standard_at))
      throw CodeTableError{where + ": the row has " + std::to_string(record.fields.size()) +
                           " fields, the header more"};
    table.add(std::string(record.fields[code_at]), std::string(record.fields[standard_at]), where);
  }
  if (!errors.empty()) throw CodeTableError{errors.front()};
  assert(table.pairs_.size() == table.codes_.size());
  return table;
}

}  // namespace gifkit::models
