// header_binding.hpp — a dataset's header bound to a model, as a value: the
// model (given, or chosen by the file name's kind and the header: one
// choose_model for validate, transform and diff), which column holds which
// item, which items must be filled and by which columns, which columns are
// the key, and what was wrong with the header itself (unknown, non-standard
// or duplicate columns, missing required items). validate reports it;
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
  // In a municipal dataset family: how many of them are the kind's own items
  // (not the common block's); -1 when not asked.
  int own_items = -1;
  // Without a fitting model, a kind model named first because the header
  // uses its words (kind_words.hpp): how many columns do, and which words.
  std::size_t word_columns = 0;
  std::vector<std::string> words;
};

// The model a header was matched against, and how.
struct ModelChoice {
  // nullptr: no model fits (see closest), or the catalog has no model with a
  // header row.
  const Model* model = nullptr;
  std::vector<ColumnBinding> columns;  // one per header
  std::string note;    // "given", or "auto: N of M columns recognised" (+ the file-name rule)
  int recognised = 0;  // columns bound to an item of model
  bool by_file_name = false;  // chosen among the models of the kind the file name carries
  // Without a fitting model: the two best candidates, best first; or, tied,
  // every candidate of the best score.
  std::vector<ModelCandidate> closest;
  // Models of different kinds fit equally and no column tells them apart:
  // none is chosen (closest holds them).
  bool tied = false;
  // Without a fitting model: why the municipal datasets' kinds did not fit
  // ("a 自治体標準オープンデータセット file (its common block: …) of no kind
  // gifkit knows …"), said after the closest; "" when nothing more is known.
  std::string why;
  // What a user's mapping made of a column (HeaderMatch::mapped), by its
  // 0-based place: reported instead of how its header matched.
  std::map<std::size_t, HeaderFinding> mapped;
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
// chooses one as a person would:
// - a file whose name carries a kind token of the municipal datasets' naming
//   rule (common-rules.md A.3; the models' file-name attribute) anywhere as
//   whole underscore-separated tokens (ishikawa-pref_170003_tourism.csv) is
//   one of that kind's models — the old or the new one, by header score —
//   even a partial model recognising fewer than half of the columns (the
//   others are then info), as long as it recognises one;
// - else every base model of the catalog that has a header row is scored and
//   the best fits when it recognises at least half of the columns; when the
//   best does not, no model is chosen and closest names the two best.
// A municipal dataset's kind is told by its own items, not by the common
// block its family shares (a model's common=, models/opendata/common-*.xml):
// - a header that holds the keys of a common block (全国地方公共団体コード
//   and ID; 都道府県コード又は市区町村コード and NO) is of that family: only
//   its models are candidates, GIF classes not;
// - a kind's evidence is the columns its models (either generation) know and
//   no common block knows; a kind model is a candidate only with evidence of
//   two columns, or of one that no other kind owns (口径; not 種別), and a
//   complete model not when the header, with columns it does not know,
//   lacks more of the items it requires beyond the common block than it
//   has own items (a 指定避難所 list has no 災害種別_*: it is no
//   指定緊急避難場所一覧); in a family, the most evidence wins;
// - the file name's kind holds unless the header has none of its own items
//   and another kind's, or lacks its complete model's required own items so
//   (then the header decides).
// Equal scores are broken by the columns that tell kinds apart: the model
// recognising more columns no other equally scored model recognises wins,
// else the one whose kind's models (same file-name rule) do; never the
// catalog's order: a tie that stays is said in the note ("as good as …").
// A partial model's note says so.
// The releases of one GIF class (gif2022:Person, gif2024:Person, gif:Person)
// are scored as one candidate: the best scored release stays, the newest of
// equals (the catalog's preferred release leaves the others out beforehand);
// the note names the release checked against, and how the header told it
// ("the header follows this release: 旧姓 … are items of no other release").
ModelChoice choose_model(const ModelCatalog& catalog, const Model* given,
                         const std::vector<std::string>& headers,
                         const std::string& file_path = "");

// The closest models of a choice that chose none, as reports name them:
// "gif:Address (住所, 2 of 6 columns) and gif:Person (個人, 1 of 6 columns)".
std::string closest_models_text(const ModelChoice& choice, std::size_t columns);

// The lower-case underscore-separated tokens of a file name's stem
// (yaizu-city_222127_fire_hydrant.csv: yaizu-city, 222127, fire, hydrant).
std::vector<std::string> file_name_tokens(const std::string& file_path);

// The longest of kinds (file-name rules: "tourism", "fire_hydrant") whose
// tokens occur, in order and side by side, among the file name's tokens;
// "" when none does. my-tourism-list.csv and tourismo.csv carry none.
std::string kind_in_file_name(const std::vector<std::string>& kinds, const std::string& file_path);

// True when the file's name carries the model's file-name rule as whole
// tokens (see kind_in_file_name; a longer kind may still win).
bool follows_file_name_rule(const Model& model, const std::string& file_path);

// Binds the chosen model's items to the columns. key_columns stay empty
// unless with_keys.
HeaderBinding bind_header(const ModelChoice& choice, const std::vector<std::string>& headers,
                          bool with_keys);

// The required items of model (a required pattern of the bound model, whose
// item paths are the same) that no column of binding holds in any form: the
// pattern's items the header lacks, in the model's order.
std::vector<const FieldSpec*> required_items_without_column(const Model& model,
                                                            const HeaderBinding& binding);

}  // namespace gifkit::models
