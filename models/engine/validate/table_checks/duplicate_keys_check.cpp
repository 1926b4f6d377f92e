// duplicate_keys_check.cpp — duplicate-key: a row whose key (the binding's
// key columns) an earlier row has (checks/duplicate_keys.hpp; a row with an
// empty key column has none: key-column-empty names those rows). The key's slot
// is fetched when the row starts, while the other checks look at its cells;
// at the kRowsToSizeKeys-th row the table is sized for the rows the whole
// file will have, at the rate of its first ones.
#include "models/engine/checks/duplicate_keys.hpp"
#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

class DuplicateKeysCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override { return {"duplicate-key"}; }

  bool bind(TableContext& table) override {
    keys_ = DuplicateKeys(table.binding.key_columns);
    if (keys_.empty()) return false;
    // The finding stands in the column that names the row: ID or NO, not the
    // publisher's 全国地方公共団体コード (the same in every row of its file).
    shown_ = keys_.columns().front();
    for (int column : keys_.columns()) {
      const FieldSpec* field = table.fields[static_cast<std::size_t>(column)];
      if (field != nullptr && field->type != ValueType::local_government_code) {
        shown_ = column;
        break;
      }
    }
    return true;
  }

  void start_row(TableContext& table, TableRow& row) override {
    if (table.task.stats.rows == kRowsToSizeKeys) size_keys(table.reader, *row.record);
    key_ = keys_.hash_key(row.fields());
  }

  void check_row(TableContext& table, TableRow& row) override {
    const grammars::CsvRecord& record = *row.record;
    const std::uint64_t first = keys_.first_row_with(key_, record.number);
    if (first == 0) return;
    const int column = shown_;
    Problem problem = table.make("duplicate-key", record.number, record.line,
                                 static_cast<std::uint32_t>(column + 1));
    problem.value = std::string(record.fields[column]);
    if (table.problems.add(std::move(problem), {{"other", std::to_string(first)}}) ==
        Severity::error)
      row.error = true;
  }

 private:
  static constexpr std::uint64_t kRowsToSizeKeys = 4096;

  // Sizes the table once, for the rows the file will have at the rate of its
  // first ones (record is the kRowsToSizeKeys-th).
  void size_keys(const DatasetReader& reader, const grammars::CsvRecord& record) {
    if (!reader.records_can_be_read_again() || record.file_offset == 0 ||
        record.file_offset == grammars::kNoFileOffset)
      return;
    const std::uint64_t size = reader.input_size();
    if (size <= record.file_offset) return;
    const long double rows = static_cast<long double>(size) * kRowsToSizeKeys / record.file_offset;
    keys_.reserve(static_cast<std::size_t>(rows));
  }

  DuplicateKeys keys_;
  int shown_ = 0;             // the key column a finding stands in
  DuplicateKeys::Key key_{};  // the row's, from start_row
};

}  // namespace

std::unique_ptr<TableCheck> make_duplicate_keys_check() {
  return std::make_unique<DuplicateKeysCheck>();
}

}  // namespace gifkit::models
