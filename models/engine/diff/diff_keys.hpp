// diff_keys.hpp — the key a diff matches rows by (DiffLayout::key_columns):
// a row's index entry (the hash of its key — of its folded key with
// --fold —, the digest of the columns both files have; a row with no key,
// or an empty one, matched by its digest alone), and the key as messages
// show it.
#pragma once
#include <string>
#include <vector>

#include "grammars/csv_reader.hpp"
#include "models/engine/diff/diff_run.hpp"

namespace gifkit::models {

// The digest and the key hash of record (of OLD when is_old, read from the
// file at path) into entry; an empty key is counted and reported (empty-key).
void index_row(DiffState& state, const grammars::CsvRecord& record, bool is_old,
               const std::string& path, RowEntry& entry);

// The key's columns, comma-separated ("" without a key).
std::string key_names(const DiffLayout& layout);

// The key of a row (values: a file's row, OLD's when old_file) as a message
// shows it: its values (folded), comma-separated.
std::string shown_key(const DiffState& state, const std::vector<std::string>& values,
                      bool old_file);

}  // namespace gifkit::models
