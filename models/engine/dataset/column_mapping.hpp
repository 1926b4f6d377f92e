// column_mapping.hpp — the mapping file: a user's confirmed mapping of a
// dataset's headers to a model's items, written by `gifkit transform
// --save-mapping` and replayed by `--mapping` on next month's export
// (docs/transform.md "The mapping file", docs/mapping.schema.json); `gifkit
// validate --mapping` binds the same file's columns (apply_mapping).
#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/dataset/code_table.hpp"
#include "models/engine/dataset/header_binding.hpp"
#include "models/engine/model/model.hpp"

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
  std::string file;  // the file it was read from, as named ("" when not read from one)

  // The entry for this header (as written, or masked as mapping_json saves a
  // header holding a 個人番号), or nullptr.
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

// The same, the file read once, for a caller that learns the model from it
// (validate --mapping without --model): model_of is given the id of the model
// the file names ("" when none) and returns the model its items are read
// against (it may throw what its caller catches).
ColumnMapping load_mapping(const std::filesystem::path& file,
                           const std::function<const Model&(const std::string&)>& model_of);

// validate --mapping: binds the columns of choice (the model's match of
// headers, the header of input) that the mapping lists as it says them
// (HeaderMatch::mapped, with a mapped-column finding in choice.mapped),
// whatever their header: to the entry's one item; to none when its item is
// null, when it is split into two items, or when it holds the codes a code
// table turns into its own item's (transform's work: the column is then not
// checked, and the finding says so). choice.recognised counts the columns
// bound to an item. Throws MappingError ("FILE:LINE: what") when the mapping
// lists a header that headers lack.
void apply_mapping(const ColumnMapping& mapping, const std::vector<std::string>& headers,
                   const std::string& input, ModelChoice& choice);

// The mapping as the file's JSON text (pretty, one column a line), to be
// written at saved_at: a code table's file is named relative to its folder. With
// model, items are named by their display_name() (load_mapping reads both).
std::string mapping_json(const ColumnMapping& mapping, const std::filesystem::path& saved_at,
                         const Model* model = nullptr);

}  // namespace gifkit::models
