// header_binding.hpp — a dataset's header bound to a model, as a value: the
// model (given, or chosen by the header), which column holds which item,
// which items must be filled and by which columns, which columns are the key,
// and what was wrong with the header itself (unknown, non-standard or
// duplicate columns, missing required items). validate reports it;
// transform and diff read the same binding.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/engine/dataset/header_matcher.hpp"
#include "models/engine/model/model_catalog.hpp"
#include "models/engine/report/report.hpp"

namespace gifkit::models {

// A required item and the columns that can satisfy it: its own, or every
// column of another form of the same information (氏名 for 氏 + 名).
struct RequiredItem {
  const FieldSpec* field = nullptr;
  int column = -1;                            // -1: no column of its own
  std::vector<std::vector<int>> other_forms;  // complete column sets of other forms
};

// Something about the header itself, reported on row 1.
struct HeaderFinding {
  std::string code;          // unknown-column, equivalent-item-name, missing-column, …
  std::uint32_t column = 0;  // 1-based; 0 for the header as a whole (missing-column)
  std::string value;         // the header as written
  std::string suggestion;
  std::map<std::string, std::string> values;  // for the message template
  std::optional<Severity> severity;           // when not the code's own
};

// A model a header was scored against, with the columns it recognised.
struct ModelCandidate {
  const Model* model = nullptr;
  int score = 0;       // HeaderMatcher::score_bindings
  int recognised = 0;  // columns bound to an item
};

// The model a header was matched against, and how.
struct ModelChoice {
  // nullptr: no model fits (see closest), or the catalog has no model with a
  // header row.
  const Model* model = nullptr;
  std::vector<ColumnBinding> columns;  // one per header
  std::string note;    // "given", or "auto: N of M columns recognised" (+ the file-name rule)
  int recognised = 0;  // columns bound to an item of model
  // Without a fitting model: the two best candidates, best first.
  std::vector<ModelCandidate> closest;
};

struct HeaderBinding {
  const Model* model = nullptr;
  std::vector<std::string> headers;
  std::vector<ColumnBinding> columns;  // one per header; a duplicate's field is nullptr
  std::vector<RequiredItem> required;  // the required items that have some column
  std::vector<int> key_columns;        // 0-based
  std::vector<HeaderFinding> findings;
  std::map<std::string, int> column_of_path;  // item path → 0-based column

  // The 0-based column holding the item at path, or -1.
  int column_of(const std::string& path) const;
};

// Matches headers against the given model, or, when given is nullptr,
// chooses one: among the models whose file-name rule the file's name follows
// (common-rules.md A.3: 011002_public_toilet.csv) when there are such, else
// among every base model of the catalog that has a header row; the best
// score wins. A model fits when it recognises at least half of the columns;
// when the best does not, no model is chosen and closest names the two best.
ModelChoice choose_model(const ModelCatalog& catalog, const Model* given,
                         const std::vector<std::string>& headers,
                         const std::string& file_path = "");

// True when the file's name follows the model's file-name rule:
// <5 or 6 digits>_<rule>[_<anything>].<extension>.
bool follows_file_name_rule(const Model& model, const std::string& file_path);

// Binds the chosen model's items to the columns. key_columns stay empty
// unless with_keys.
HeaderBinding bind_header(const ModelChoice& choice, const std::vector<std::string>& headers,
                          bool with_keys);

}  // namespace gifkit::models
