// report_key.cpp — see report_key.hpp.
#include "models/engine/validate/report_key.hpp"

#include "grammars/values/identifiers.hpp"

namespace gifkit::models {
namespace {

// The column (0-based) of a --key name, headers.size() when there is none.
std::size_t key_column(const HeaderBinding& binding, const std::string& wanted) {
  for (std::size_t i = 0; i < binding.headers.size(); ++i) {
    const FieldSpec* field = binding.columns[i].field;
    if (binding.headers[i] == wanted ||
        (field != nullptr && (field->display_name() == wanted || field->path == wanted)))
      return i;
  }
  return binding.headers.size();
}

}  // namespace

void bind_report_key(TableContext& table, const TableRow& row) {
  const HeaderBinding& binding = table.binding;
  std::vector<std::size_t> columns;
  TaskReport& task = table.task;
  task.key_fields.clear();
  for (const std::string& wanted : table.options.key_columns) {
    const std::size_t found = key_column(binding, wanted);
    if (found == binding.headers.size()) {
      std::string listed;
      for (const auto& header : binding.headers) listed += (listed.empty() ? "" : ", ") + header;
      throw ValidateFailure{"--key: " + task.path + " has no column " + wanted +
                            " (its columns: " + listed + ")"};
    }
    columns.push_back(found);
  }
  if (table.options.key_columns.empty()) {
    for (std::size_t i = 0; i < binding.columns.size(); ++i) {
      const FieldSpec* field = binding.columns[i].field;
      if (field != nullptr && field->key) columns.push_back(i);
    }
  }
  for (std::size_t column : columns) {
    const FieldSpec* field = binding.columns[column].field;
    const std::string& name =
        field != nullptr && !field->label.empty() ? field->label : binding.headers[column];
    task.key_fields.push_back(grammars::mask_individual_numbers_in(name));
  }
  if (columns.empty()) return;
  table.problems.set_key_source([&task, &row, columns = std::move(columns)](
                                    std::uint64_t number, std::vector<KeyValue>& key) {
    if (row.record == nullptr || row.record->number != number) return;  // not the row checked
    const auto& fields = row.record->fields;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const std::string_view value = columns[k] < fields.size() ? fields[columns[k]] : "";
      key.push_back({task.key_fields[k], grammars::mask_individual_numbers_in(value)});
    }
  });
}

}  // namespace gifkit::models
