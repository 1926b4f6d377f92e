// abr_row_store.hpp — checking one ABR record against its header binding
// and storing it in its table: column count, every value's shape
// (abr_row_check.hpp), swapped positions put right (and each recorded in
// abr_position_swap, created with the first, for `registry audit`), duplicate
// keys skipped (a duplicate whose values differ recorded in abr_conflicting_row), the search keys
// of abr_town (town_key, town_kana_key) computed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registries/abr/abr_import.hpp"
#include "registries/abr/abr_source.hpp"
#include "registries/db/packed_table.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries::abr {

// The search key of a 町字 name: the 大字 and 字 prefixes dropped
// (grammars::place_qualifiers, models/dictionaries/place_qualifiers.tsv), full-width
// ASCII folded. town_search_key("大字池島", "", "") is "池島",
// ("白山", "１丁目", "") is "白山1丁目".
std::string town_search_key(std::string_view oaza_cho, std::string_view chome,
                            std::string_view koaza);
// The same for the kana names (katakana; オオアザ/アザ dropped when the kanji
// name had 大字/字: PlaceQualifiers::reading_without_qualifier).
std::string town_kana_search_key(std::string_view oaza_cho, std::string_view oaza_cho_kana,
                                 std::string_view chome_kana, std::string_view koaza,
                                 std::string_view koaza_kana);

class AbrRowStore {
 public:
  // file names rejected rows; on_rejected may be empty and must outlive the store.
  AbrRowStore(RegistryDb& db, const AbrKind& kind, HeaderBinding binding,
              std::int64_t provenance_id, std::string file, const RejectedRowHandler& on_rejected);

  // Checks and stores one record (its fields, as read), or reports and
  // counts it. malformed_reason, when not empty, rejects it at once.
  void add(const std::vector<std::string_view>& fields, std::uint64_t line,
           const std::string& malformed_reason);

  // Stores the rows held for a packed table (AbrRowStore must be finished
  // before its counts are read).
  void finish();

  std::int64_t rows() const { return rows_; }
  std::int64_t rejected() const { return rejected_; }
  std::int64_t duplicates() const { return duplicates_; }
  std::uint64_t first_duplicate_line() const { return first_duplicate_line_; }
  std::int64_t swapped_positions() const { return swapped_; }

 private:
  void reject(std::uint64_t line, std::string reason);
  // The value of table column `column` in fields ("" when the file lacks it).
  std::string_view value_of(const std::vector<std::string_view>& fields, int column) const;
  void bind_town_keys(const std::vector<std::string_view>& fields, int first_parameter);
  // Binds value uncopied (NULL when ""), skipping a NULL already bound.
  void bind_value(int parameter, std::string_view value);
  // Records a row whose position was swapped back (abr_position_swap).
  void record_swap(const std::vector<std::string_view>& fields, std::uint64_t line);
  // A row whose key is stored already: when its values differ from the row
  // kept (the first), records it and the columns that differ
  // (abr_conflicting_row, created with the first); the same row again is
  // only counted.
  void record_conflict(const std::vector<std::string_view>& fields, std::uint64_t line, bool swap);
  // Records a duplicate key whose values differ from the row kept (kept[c]
  // and given[c]: table column c; kept_provenance: the kept row's source).
  void note_conflict(const std::vector<std::string_view>& kept,
                     const std::vector<std::string_view>& given, std::int64_t kept_provenance,
                     std::uint64_t line);
  // A packed table: a row given to the writer, and a duplicate it found.
  void add_packed(const std::vector<std::string_view>& fields, std::uint64_t line, bool swap);
  void on_packed_duplicate(const std::vector<packed::Cell>& kept,
                           const std::vector<packed::Cell>& dropped, std::uint64_t line);
  void flush_packed();

  RegistryDb& db_;
  const AbrKind& kind_;
  HeaderBinding binding_;
  std::string file_;
  const RejectedRowHandler& on_rejected_;
  std::int64_t provenance_id_;
  std::optional<Statement> insert_;          // a plain table
  std::optional<PackedTableWriter> packed_;  // a packed one
  std::vector<packed::Cell> cells_;          // a packed row's cells
  // Rows held by packed_ whose position was swapped back, recorded when they
  // are stored (not when a duplicate); the duplicates' lines of one flush.
  struct HeldSwap {
    std::uint64_t line;
    std::vector<std::string> fields;
  };
  std::vector<HeldSwap> held_swaps_;
  std::vector<std::uint64_t> duplicate_lines_;
  std::vector<const ColumnSpec*> specs_;  // per table column
  std::vector<bool> is_key_;              // per table column
  std::vector<bool> is_required_;         // per table column: a key part that may not be ""
  std::vector<bool> null_bound_;          // per parameter (index 0 unused): NULL bound now
  bool is_town_ = false;                  // abr_town: the search keys are bound too
  int lon_column_ = -1;
  int lat_column_ = -1;
  std::string town_key_;
  std::string town_kana_key_;
  std::int64_t rows_ = 0;
  std::int64_t rejected_ = 0;
  std::int64_t duplicates_ = 0;
  std::uint64_t first_duplicate_line_ = 0;
  std::int64_t swapped_ = 0;
  std::optional<Statement> insert_swap_;    // prepared with the first swapped row
  std::optional<Statement> select_by_key_;  // prepared with the first duplicate key
  std::optional<Statement> insert_conflict_;
};

}  // namespace gifkit::registries::abr
