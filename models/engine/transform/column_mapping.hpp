// column_mapping.hpp — the mapping file: a user's confirmed mapping of a
// dataset's headers to a model's items, written by `gifkit transform
// --save-mapping` and replayed by `--mapping` on next month's export
// (docs/transform.md "The mapping file", docs/mapping.schema.json).
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/model/model.hpp"
#include "models/engine/transform/code_table.hpp"

namespace gifkit::models {

// How one column's value becomes two items.
enum class ColumnSplit {
  none,        // the column is one item (or none)
  separator,   // at the model's alternative separator (氏名 → 氏 + 名)
  time_range,  // 13:00～17:00 → 開始時間 + 終了時間
};

std::string_view column_split_name(ColumnSplit split);  // "", "separator", "time-range"

// A user's code table for a column (the entry's "codes"): the standard code
// of each value is written into the item `to` — beside the column, or in
// its place when `to` is the column's own item.
struct CodeMapping {
  std::string to;              // the item path written
  std::filesystem::path file;  // the table's file as opened ("" when written in the mapping)
  std::pair<std::string, std::string> columns;  // the file's code and standard-code headers, or ""
  std::shared_ptr<const CodeTable> table;
};

struct MappingEntry {
  std::string header;              // as written in the file
  std::vector<std::string> items;  // item paths; empty: the column is no item (kept as is)
  ColumnSplit split = ColumnSplit::none;
  std::optional<CodeMapping> codes;
  int line = 0;  // where the entry is in its file (0 when not read from one)

  // The codes are written in the column's own item, not beside it.
  bool codes_in_place() const { return codes && items.size() == 1 && codes->to == items.front(); }
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
// item is named twice, a split names two items, a code table reads (its
// file named relative to the mapping file's folder) and no two write one
// item. Throws MappingError.
ColumnMapping load_mapping(const std::filesystem::path& file, const Model& model);

// The mapping as the file's JSON text (pretty, one column a line), to be
// written at saved_at: a code table's file is named relative to its folder.
std::string mapping_json(const ColumnMapping& mapping, const std::filesystem::path& saved_at);

}  // namespace gifkit::models
