// column_mapping.hpp — the mapping file: a user's confirmed mapping of a
// dataset's headers to a model's items, written by `gifkit transform
// --save-mapping` and replayed by `--mapping` on next month's export
// (docs/transform.md "The mapping file", docs/mapping.schema.json).
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/model/model.hpp"

namespace gifkit::models {

// How one column's value becomes two items.
enum class ColumnSplit {
  none,        // the column is one item (or none)
  separator,   // at the model's alternative separator (氏名 → 氏 + 名)
  time_range,  // 13:00～17:00 → 開始時間 + 終了時間
};

std::string_view column_split_name(ColumnSplit split);  // "", "separator", "time-range"

struct MappingEntry {
  std::string header;              // as written in the file
  std::vector<std::string> items;  // item paths; empty: the column is no item (kept as is)
  ColumnSplit split = ColumnSplit::none;
  int line = 0;  // where the entry is in its file (0 when not read from one)
};

struct ColumnMapping {
  std::string model;  // the id of the model it was made for
  std::vector<MappingEntry> entries;

  // The entry for this header (as written), or nullptr.
  const MappingEntry* find(std::string_view header) const;
};

// Why a mapping file cannot be used; message is "FILE:LINE:COL: what".
struct MappingError {
  std::string message;
};

// Reads a mapping file and checks it against model: every item exists, no
// item is named twice, a split names two items. Throws MappingError.
ColumnMapping load_mapping(const std::filesystem::path& file, const Model& model);

// The mapping as the file's JSON text (pretty, one column a line).
std::string mapping_json(const ColumnMapping& mapping);

}  // namespace gifkit::models
