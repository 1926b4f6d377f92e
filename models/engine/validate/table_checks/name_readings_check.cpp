// name_readings_check.cpp — name-reading-mismatch: a person's name and its
// カナ item, both filled, judged as a reading (checks/name_reading.hpp) with
// the name dictionary (NAIST-jdic, read once per process when a file first
// has such a pair) and the characters' readings (the registry's lookup, else
// the data folder's character data, else none). The model note says how
// many pairs were judged; a name the dictionary does not know is never a
// finding.
#include <algorithm>

#include "grammars/dictionaries/name_reading_dictionary.hpp"
#include "models/engine/checks/character_checks.hpp"
#include "models/engine/checks/character_data_lookup.hpp"
#include "models/engine/checks/name_reading.hpp"
#include "models/engine/lookups/registry_lookup.hpp"
#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

class NameReadingsCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override { return {"name-reading-mismatch"}; }

  // Pairs the model's name items with their カナ items when the file has both columns.
  bool bind(TableContext& table) override {
    pairs_.clear();
    checked_ = plausible_ = mismatched_ = 0;
    if (!table.problems.wants("name-reading-mismatch")) return false;
    pairs_ = reading_pairs(table.model,
                           [&table](const std::string& path) { return table.column_of(path); });
    // A 商号 or a facility's 名称 is judged from its characters alone, which can never be a
    // finding (plausible or not checked): at 10 µs a row on a 1,000,000-row gif:LegalEntity
    // file (the guard's validate row: 12× v0.3.0's CPU) that buys nothing. Persons' names only.
    std::erase_if(pairs_, [](const ReadingPair& pair) {
      return pair.item == ReadingItem::corporate || pair.item == ReadingItem::other;
    });
    if (pairs_.empty()) return false;
    name_readings_ = grammars::default_name_readings();
    const CheckResources& resources = table.resources;
    if (resources.registry != nullptr) {
      characters_ = resources.registry;
    } else if (resources.characters != nullptr) {
      if (!own_characters_)
        own_characters_ = std::make_unique<CharacterDataLookup>(resources.characters->data());
      characters_ = own_characters_.get();
    }
    return true;
  }

  // Judges each pair whose two values are filled, are text and do not sit in
  // a shifted block. Other findings of their own (髙 outside JIS X 0213,
  // hiragana in a カナ item) leave the name and its reading what they are:
  // judged all the same.
  void check_row(TableContext& table, TableRow& row) override {
    const grammars::CsvRecord& record = *row.record;
    const auto& fields = record.fields;
    for (const ReadingPair& pair : pairs_) {
      if (pair.name_column >= fields.size() || pair.kana_column >= fields.size()) continue;
      const std::string_view name = fields[pair.name_column];
      const std::string_view kana = fields[pair.kana_column];
      if (name.empty() || kana.empty() || row.covered[pair.name_column] ||
          row.covered[pair.kana_column] || row.is_unreadable(pair.name_column) ||
          row.is_unreadable(pair.kana_column))
        continue;
      ++checked_;
      ReadingResult result = judge_item_reading(name_readings_, characters_, pair.item, name, kana);
      if (result.verdict == ReadingVerdict::plausible) ++plausible_;
      if (result.verdict != ReadingVerdict::mismatch) continue;
      ++mismatched_;
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
    if (checked_ == 0) return;
    const std::uint64_t not_checked = checked_ - plausible_ - mismatched_;
    std::string& note = table.task.model_note;
    note += "; name readings of " + std::to_string(checked_) +
            (checked_ == 1 ? " pair: " : " pairs: ") + std::to_string(plausible_) + " plausible, " +
            std::to_string(mismatched_) + " mismatched, " + std::to_string(not_checked) +
            " not checked (names the dictionary does not know)";
    if (name_readings_ == nullptr)
      note += " — no name dictionary at " + grammars::default_name_readings_path().string() +
              " (install naist-jdic-utf8): none could be a mismatch";
  }

 private:
  std::vector<ReadingPair> pairs_;
  const NameReadings* name_readings_ = nullptr;  // nullptr when the dictionary is absent
  CharacterLookup* characters_ = nullptr;
  std::unique_ptr<CharacterLookup> own_characters_;
  std::uint64_t checked_ = 0;
  std::uint64_t plausible_ = 0;
  std::uint64_t mismatched_ = 0;
};

}  // namespace

std::unique_ptr<TableCheck> make_name_readings_check() {
  return std::make_unique<NameReadingsCheck>();
}

}  // namespace gifkit::models
