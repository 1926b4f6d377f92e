// abr_row_store.cpp — see abr_row_store.hpp.
#include "registries/abr/abr_row_store.hpp"

#include <algorithm>

#include "grammars/dictionaries/place_qualifiers.hpp"
#include "grammars/text/text_fold.hpp"
#include "registries/abr/abr_row_check.hpp"

namespace gifkit::registries::abr {
namespace {

// INSERT of every table column (and the computed ones) that does nothing on
// a duplicate key (Statement::changes() tells).
std::string insert_sql(const AbrTable& table) {
  std::string names = "provenance_id";
  std::string values = "?1";
  int parameter = 2;
  auto add = [&](std::string_view name) {
    names += ", " + std::string(name);
    values += ", ?" + std::to_string(parameter++);
  };
  for (auto column : table.columns) add(column);
  if (table.name == "abr_town")
    for (auto column : table.extra_columns) add(column);
  return "INSERT OR IGNORE INTO " + std::string(table.name) + "(" + names + ") VALUES (" + values +
         ")";
}

int column_index(const AbrTable& table, std::string_view name) {
  auto at = std::find(table.columns.begin(), table.columns.end(), name);
  return at == table.columns.end() ? -1 : static_cast<int>(at - table.columns.begin());
}

}  // namespace

std::string town_search_key(std::string_view oaza_cho, std::string_view chome,
                            std::string_view koaza) {
  const grammars::PlaceQualifiers& qualifiers = grammars::place_qualifiers();
  std::string key(qualifiers.without_qualifier(oaza_cho));
  key += chome;
  key += qualifiers.without_qualifier(koaza);
  return grammars::fold_ascii_width(key);
}

std::string town_kana_search_key(std::string_view oaza_cho, std::string_view oaza_cho_kana,
                                 std::string_view chome_kana, std::string_view koaza,
                                 std::string_view koaza_kana) {
  const grammars::PlaceQualifiers& qualifiers = grammars::place_qualifiers();
  std::string key(qualifiers.reading_without_qualifier(oaza_cho, oaza_cho_kana));
  key += chome_kana;
  key += qualifiers.reading_without_qualifier(koaza, koaza_kana);
  return grammars::hiragana_to_katakana(grammars::fold_ascii_width(key));
}

AbrRowStore::AbrRowStore(RegistryDb& db, const AbrKind& kind, HeaderBinding binding,
                         std::int64_t provenance_id, std::string file,
                         const RejectedRowHandler& on_rejected)
    : db_(db),
      kind_(kind),
      binding_(std::move(binding)),
      file_(std::move(file)),
      on_rejected_(on_rejected),
      provenance_id_(provenance_id) {
  const AbrTable& table = *kind.table;
  if (table.packed_per_town) {
    packed_.emplace(
        db, packed_table_spec(table),
        [this](const std::vector<packed::Cell>& kept, const std::vector<packed::Cell>& dropped,
               std::uint64_t line) { on_packed_duplicate(kept, dropped, line); });
    cells_.resize(table.columns.size() + 1);
    cells_[0] = packed::Cell::of_integer(provenance_id_);
  } else {
    insert_.emplace(db.prepare(insert_sql(table)));
  }
  for (auto name : table.columns) {
    specs_.push_back(find_column(name));
    bool key = std::find(table.key.begin(), table.key.end(), name) != table.key.end();
    is_key_.push_back(key);
    is_required_.push_back(key &&
                           std::find(table.key_may_be_empty.begin(), table.key_may_be_empty.end(),
                                     name) == table.key_may_be_empty.end());
  }
  if (kind.positions) {
    lon_column_ = column_index(table, "rep_lon");
    lat_column_ = column_index(table, "rep_lat");
  }
  is_town_ = table.name == "abr_town";
  // A new statement has every parameter NULL: ?1, the columns, the town keys.
  null_bound_.assign(table.columns.size() + (is_town_ ? 2 : 0) + 2, true);
  if (insert_) {
    insert_->bind_int64(1, provenance_id_);
    null_bound_[1] = false;
  }
}

std::string_view AbrRowStore::value_of(const std::vector<std::string_view>& fields,
                                       int column) const {
  int field = column < 0 ? -1 : binding_.field_of_column[column];
  return field < 0 ? std::string_view() : fields[field];
}

void AbrRowStore::reject(std::uint64_t line, std::string reason) {
  ++rejected_;
  if (on_rejected_) on_rejected_({file_, line, std::move(reason)});
}

void AbrRowStore::add(const std::vector<std::string_view>& fields, std::uint64_t line,
                      const std::string& malformed_reason) {
  if (!malformed_reason.empty()) return reject(line, malformed_reason);
  if (fields.size() != binding_.field_count) {
    return reject(line, "has " + std::to_string(fields.size()) + " fields, the header has " +
                            std::to_string(binding_.field_count));
  }
  const int columns = static_cast<int>(specs_.size());
  for (int column = 0; column < columns; ++column) {
    if (binding_.field_of_column[column] < 0) continue;
    std::string problem =
        check_abr_value(*specs_[column], value_of(fields, column), is_required_[column]);
    if (!problem.empty()) return reject(line, std::move(problem));
  }
  bool swap = lon_column_ >= 0 &&
              position_swapped(value_of(fields, lon_column_), value_of(fields, lat_column_));
  if (packed_) return add_packed(fields, line, swap);
  for (int column = 0; column < columns; ++column) {
    int source = column;
    if (swap && column == lon_column_) source = lat_column_;
    if (swap && column == lat_column_) source = lon_column_;
    std::string_view value = value_of(fields, source);
    // Key parts are stored as '' rather than NULL (the primary key holds no NULL).
    if (is_key_[column] && value.empty()) {
      insert_->bind_text(column + 2, value);
    } else {
      bind_value(column + 2, value);
    }
  }
  if (is_town_) bind_town_keys(fields, columns + 2);
  insert_->step();
  if (insert_->changes() == 1) {
    ++rows_;
    if (swap) {
      ++swapped_;
      record_swap(fields, line);
    }
  } else {
    if (duplicates_++ == 0) first_duplicate_line_ = line;
    record_conflict(fields, line, swap);
  }
  // The bindings stay: every text is rebound for the next row, and a NULL
  // stays bound until a value replaces it (bind_value).
  insert_->reset_keeping_bindings();
}

void AbrRowStore::add_packed(const std::vector<std::string_view>& fields, std::uint64_t line,
                             bool swap) {
  const int columns = static_cast<int>(specs_.size());
  for (int column = 0; column < columns; ++column) {
    int source = column;
    if (swap && column == lon_column_) source = lat_column_;
    if (swap && column == lat_column_) source = lon_column_;
    const std::string_view value = value_of(fields, source);
    // As in the plain tables: a key part "" is '', any other "" NULL.
    cells_[static_cast<std::size_t>(column) + 1] = value.empty() && !is_key_[column]
                                                       ? packed::Cell::null_cell()
                                                       : packed::Cell::of_text(value);
  }
  packed_->add(cells_.data(), line);
  if (swap) held_swaps_.push_back({line, std::vector<std::string>(fields.begin(), fields.end())});
  if (packed_->full()) flush_packed();
}

void AbrRowStore::on_packed_duplicate(const std::vector<packed::Cell>& kept,
                                      const std::vector<packed::Cell>& dropped,
                                      std::uint64_t line) {
  if (duplicates_++ == 0 || line < first_duplicate_line_) first_duplicate_line_ = line;
  duplicate_lines_.push_back(line);
  std::vector<std::string_view> kept_values, given_values;
  for (std::size_t i = 1; i < kept.size(); ++i) {
    kept_values.push_back(kept[i].text);
    given_values.push_back(dropped[i].text);
  }
  note_conflict(kept_values, given_values, kept[0].integer, line);
}

void AbrRowStore::flush_packed() {
  rows_ += packed_->flush();
  std::sort(duplicate_lines_.begin(), duplicate_lines_.end());
  for (const HeldSwap& held : held_swaps_) {
    if (std::binary_search(duplicate_lines_.begin(), duplicate_lines_.end(), held.line)) continue;
    ++swapped_;
    record_swap(std::vector<std::string_view>(held.fields.begin(), held.fields.end()), held.line);
  }
  held_swaps_.clear();
  duplicate_lines_.clear();
}

void AbrRowStore::finish() {
  if (packed_) flush_packed();
}

void AbrRowStore::record_swap(const std::vector<std::string_view>& fields, std::uint64_t line) {
  const AbrTable& table = *kind_.table;
  if (!insert_swap_) {
    db_.execute(
        "CREATE TABLE IF NOT EXISTS abr_position_swap (\n  provenance_id INTEGER REFERENCES "
        "provenance(id),\n  line INTEGER NOT NULL,\n  table_name TEXT NOT NULL,\n  lg_code TEXT "
        "NOT NULL,\n  machiaza_id TEXT,\n  row_key TEXT NOT NULL,\n  PRIMARY KEY (provenance_id, "
        "line)\n);\n");
    insert_swap_.emplace(db_.prepare(
        "INSERT OR IGNORE INTO abr_position_swap(provenance_id, line, table_name, lg_code, "
        "machiaza_id, row_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  }
  std::string key;
  for (auto part : table.key)
    key += (key.empty() ? "" : " ") + std::string(value_of(fields, column_index(table, part)));
  insert_swap_->bind_int64(1, provenance_id_);
  insert_swap_->bind_int64(2, static_cast<std::int64_t>(line));
  insert_swap_->bind_text(3, table.name);
  insert_swap_->bind_text(4, value_of(fields, column_index(table, "lg_code")));
  insert_swap_->bind_text(5, value_of(fields, column_index(table, "machiaza_id")), true);
  insert_swap_->bind_text(6, key);
  insert_swap_->run_and_reset();
}

void AbrRowStore::record_conflict(const std::vector<std::string_view>& fields, std::uint64_t line,
                                  bool swap) {
  const AbrTable& table = *kind_.table;
  const int columns = static_cast<int>(specs_.size());
  if (!select_by_key_) {
    std::string sql = "SELECT provenance_id";
    for (auto column : table.columns) sql += ", " + std::string(column);
    sql += " FROM " + std::string(table.name) + " WHERE ";
    for (std::size_t i = 0; i < table.key.size(); ++i)
      sql += (i ? " AND " : "") + std::string(table.key[i]) + " = ?" + std::to_string(i + 1);
    select_by_key_.emplace(db_.prepare(sql));
  }
  for (std::size_t i = 0; i < table.key.size(); ++i) {
    const std::string_view value = value_of(fields, column_index(table, table.key[i]));
    select_by_key_->bind_text(static_cast<int>(i + 1), value);
  }
  std::vector<std::string> kept_values;
  std::vector<std::string_view> kept, given;
  std::int64_t first_provenance = 0;
  if (select_by_key_->step()) {
    first_provenance = select_by_key_->column_int64(0);
    for (int column = 0; column < columns; ++column) {
      int source = column;
      if (swap && column == lon_column_) source = lat_column_;
      if (swap && column == lat_column_) source = lon_column_;
      kept_values.emplace_back(select_by_key_->column_text(column + 1));
      given.push_back(value_of(fields, source));
    }
  }
  select_by_key_->reset();
  kept.assign(kept_values.begin(), kept_values.end());
  note_conflict(kept, given, first_provenance, line);
}

void AbrRowStore::note_conflict(const std::vector<std::string_view>& kept,
                                const std::vector<std::string_view>& given,
                                std::int64_t kept_provenance, std::uint64_t line) {
  const AbrTable& table = *kind_.table;
  std::string differences;
  std::string key;
  for (std::size_t c = 0; c < kept.size() && c < given.size(); ++c) {
    // Only values both rows have: a file without the column (mt_town_all
    // beside mt_town_fullset_all) or an empty value says nothing against
    // the other's.
    if (kept[c].empty() || given[c].empty() || kept[c] == given[c]) continue;
    differences += (differences.empty() ? "" : ", ") + std::string(table.columns[c]) + " " +
                   std::string(kept[c]) + " / " + std::string(given[c]);
  }
  if (differences.empty()) return;  // the same row again: counted, nothing to judge
  for (std::size_t i = 0; i < table.key.size(); ++i)
    key += (i ? " " : "") +
           std::string(given[static_cast<std::size_t>(column_index(table, table.key[i]))]);
  if (!insert_conflict_) {
    db_.execute(
        "CREATE TABLE IF NOT EXISTS abr_conflicting_row (\n  provenance_id INTEGER REFERENCES "
        "provenance(id),\n  line INTEGER NOT NULL,\n  table_name TEXT NOT NULL,\n  lg_code TEXT "
        "NOT NULL,\n  machiaza_id TEXT,\n  row_key TEXT NOT NULL,\n  kept_provenance_id INTEGER,\n"
        "  differences TEXT NOT NULL,\n  PRIMARY KEY (provenance_id, line)\n);\n");
    insert_conflict_.emplace(db_.prepare(
        "INSERT OR IGNORE INTO abr_conflicting_row(provenance_id, line, table_name, lg_code, "
        "machiaza_id, row_key, kept_provenance_id, differences) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
        "?7, ?8)"));
  }
  insert_conflict_->bind_int64(1, provenance_id_);
  insert_conflict_->bind_int64(2, static_cast<std::int64_t>(line));
  insert_conflict_->bind_text(3, table.name);
  insert_conflict_->bind_text(4, given[static_cast<std::size_t>(column_index(table, "lg_code"))]);
  insert_conflict_->bind_text(
      5, given[static_cast<std::size_t>(column_index(table, "machiaza_id"))], true);
  insert_conflict_->bind_text(6, key);
  insert_conflict_->bind_int64(7, kept_provenance);
  insert_conflict_->bind_text(8, differences);
  insert_conflict_->run_and_reset();
}

void AbrRowStore::bind_value(int parameter, std::string_view value) {
  bool null = value.empty();
  if (null && null_bound_[parameter]) return;
  insert_->bind_text_uncopied_or_null(parameter, value);
  null_bound_[parameter] = null;
}

void AbrRowStore::bind_town_keys(const std::vector<std::string_view>& fields, int first_parameter) {
  const AbrTable& table = *kind_.table;
  auto value = [&](std::string_view name) { return value_of(fields, column_index(table, name)); };
  town_key_ = town_search_key(value("oaza_cho"), value("chome"), value("koaza"));
  town_kana_key_ = town_kana_search_key(value("oaza_cho"), value("oaza_cho_kana"),
                                        value("chome_kana"), value("koaza"), value("koaza_kana"));
  bind_value(first_parameter, town_key_);
  bind_value(first_parameter + 1, town_kana_key_);
}

}  // namespace gifkit::registries::abr
