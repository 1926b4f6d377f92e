// row_name_readings.hpp — the name-reading check of a table's rows, as
// validate's name-reading-mismatch and transform's review both run it: the
// persons' name items of a model paired with their カナ items (reading_pairs:
// 氏/氏（カナ）, 名/名（カナ）, 氏名/氏名（カナ）), the name dictionaries (read once
// per process when a table first has such a pair) and the characters'
// readings (the registry's lookup, else the data folder's character data,
// else none), each pair judged by judge_item_reading (name_reading.hpp).
// A 商号's or a facility's 名称 pair is left out: from its characters alone it
// can only be plausible or not checked, never a finding.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "models/engine/checks/name_reading.hpp"
#include "models/engine/checks/value_checks.hpp"

namespace gifkit::models {

class RowNameReadings {
 public:
  RowNameReadings();
  ~RowNameReadings();
  RowNameReadings(const RowNameReadings&) = delete;
  RowNameReadings& operator=(const RowNameReadings&) = delete;

  // Pairs model's persons' name items with their カナ items where column_of
  // (an item's path → its 0-based column, or -1) gives both; false when
  // there are none (nothing else is then read).
  bool bind(const Model& model, const std::function<int(const std::string&)>& column_of,
            const CheckResources& resources);
  const std::vector<ReadingPair>& pairs() const { return pairs_; }

  // Judges one pair's values (both filled), counted for note().
  ReadingResult judge(const ReadingPair& pair, std::string_view name, std::string_view kana);

  // "name readings of 12 pairs: 10 plausible, 1 mismatched, 1 not checked …", and
  // what was missing (a name dictionary); "" when nothing was judged.
  std::string note() const;

 private:
  std::vector<ReadingPair> pairs_;
  const NameReadings* dictionary_ = nullptr;  // nullptr when no dictionary is installed
  CharacterLookup* characters_ = nullptr;
  std::unique_ptr<CharacterLookup> own_characters_;
  std::unique_ptr<NameReadingJudge> judge_;  // made by bind, for every row
  std::uint64_t checked_ = 0;
  std::uint64_t plausible_ = 0;
  std::uint64_t mismatched_ = 0;
};

}  // namespace gifkit::models
