// diff_columns.hpp — the columns of two versions of a dataset side by side:
// each NEW column with its OLD column (the same model item, else the same
// header), the rest added or removed, a common column whose header changed
// renamed; the key those columns give (--key, or the model's key items)
// and the keys to fall back on when it is empty;
// and a removed and an added column that agree row by row turned into one
// renamed column.
#pragma once
#include <string>
#include <vector>

#include "models/engine/dataset/header_matcher.hpp"
#include "models/engine/diff/diff.hpp"

namespace gifkit::models {

// The columns of a file: its headers, and the item each one names (nullptr:
// none, or a second column of an item already named).
struct FileColumns {
  std::vector<std::string> headers;
  std::vector<const FieldSpec*> items;
};

// The items each header of headers names in model (nullptr for none; a
// second header of one item names none); all nullptr without a model.
FileColumns file_columns(const std::vector<std::string>& headers, const Model* model);

// NEW's columns in NEW's order, each removed column after the column it
// followed in OLD; reordered is set when the common columns keep another
// order (and moved on each common column that left its place).
void align_columns(const FileColumns& old_file, const FileColumns& new_file, DiffLayout& layout);

// The layout columns of the key: each of names (an item path or id, an item
// name, or a header as written) resolved to a column both files have; with
// no names, the columns of the model's key items when both files have them
// all. Marks them key. Throws DiffFailure naming what is missing where.
// An empty result means no key: rows are matched by their common values.
std::vector<std::size_t> resolve_key(const std::vector<std::string>& names, const Model* model,
                                     DiffLayout& layout);

// The keys to fall back on when the key is empty (DiffState::fallback_keys):
// each line of models/dictionaries/diff_fallback_keys.tsv whose columns both
// files have, as layout columns, in the table's order.
std::vector<std::vector<std::size_t>> fallback_keys(const Model* model, const DiffLayout& layout);

// Turns the removed column of OLD's column old_index and the added column
// of NEW's column new_index into one renamed column at the added column's
// place, renamed_by "values" (they agree row by row) or "header and values"
// (their headers name one item and most of their values agree). key_columns
// are kept pointing at their columns.
void merge_renamed_columns(DiffLayout& layout, int old_index, int new_index,
                           const std::string& renamed_by = "values");

}  // namespace gifkit::models
