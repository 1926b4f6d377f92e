// name_readings_check.cpp — name-reading-mismatch: a person's name and its
// カナ item, both filled, judged as a reading by checks/row_name_readings (the
// judgement transform's review makes too). The model note says how many
// pairs were judged and how many were not checked.
#include <algorithm>

#include "models/engine/checks/row_name_readings.hpp"
#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

class NameReadingsCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override { return {"name-reading-mismatch"}; }

  // Pairs the model's persons' name items with their カナ items when the file has both columns.
  bool bind(TableContext& table) override {
    if (!table.problems.wants("name-reading-mismatch")) return false;
    readings_ = std::make_unique<RowNameReadings>();
    return readings_->bind(
        table.model, [&table](const std::string& path) { return table.column_of(path); },
        table.resources);
  }

  // Judges each pair whose two values are filled, are text and do not sit in
  // a shifted block. Other findings of their own (髙 outside JIS X 0213,
  // hiragana in a カナ item) leave the name and its reading what they are:
  // judged all the same.
  void check_row(TableContext& table, TableRow& row) override {
    const grammars::CsvRecord& record = *row.record;
    const auto& fields = record.fields;
    for (const ReadingPair& pair : readings_->pairs()) {
      if (pair.name_column >= fields.size() || pair.kana_column >= fields.size()) continue;
      const std::string_view name = fields[pair.name_column];
      const std::string_view kana = fields[pair.kana_column];
      if (name.empty() || kana.empty() || row.covered[pair.name_column] ||
          row.covered[pair.kana_column] || row.is_unreadable(pair.name_column) ||
          row.is_unreadable(pair.kana_column))
        continue;
      const ReadingResult result = readings_->judge(pair, name, kana);
      if (result.verdict != ReadingVerdict::mismatch) continue;
      Problem problem = table.make("name-reading-mismatch", record.number, record.line,
                                   static_cast<std::uint32_t>(pair.kana_column + 1));
      problem.value = std::string(kana);
      const std::optional<Severity> severity = table.problems.add(
          std::move(problem), {{"name_field", table.binding.headers[pair.name_column]},
                               {"name", std::string(name)},
                               {"why", result.why}});
      if (!severity) continue;
      if (*severity == Severity::error) row.error = true;
      const bool counted = std::any_of(
          row.cell_findings.begin(), row.cell_findings.end(), [&](const CellFinding& cell) {
            return cell.column == pair.kana_column && cell.finding.severity != Severity::info;
          });
      if (*severity != Severity::info && !counted) ++table.task.quality[pair.kana_column].invalid;
    }
  }

  // How many pairs were judged and how many were not checked.
  void finish(TableContext& table) override {
    if (!readings_) return;
    const std::string note = readings_->note();
    if (!note.empty()) table.task.model_note += "; " + note;
  }

 private:
  std::unique_ptr<RowNameReadings> readings_;
};

}  // namespace

std::unique_ptr<TableCheck> make_name_readings_check() {
  return std::make_unique<NameReadingsCheck>();
}

}  // namespace gifkit::models
