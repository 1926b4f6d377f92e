// shifted_columns.hpp — a block of consecutive columns whose values all
// belong one or more items to the left or right (a value left out of a row,
// and every value after it one column to the left): reported once as
// columns-shifted (which columns, by how many, from which row, how many
// rows, with a few sample cells) instead of one finding per cell.
//
// The rule, decided row by row from the row's own checks (validate's):
// a row is shifted by s (s = ±1, ±2, ±3: each value belongs to the item s
// columns to its right, s < 0 to its left) when a run of consecutive
// columns, each bound to an item as is the column s away, has
// - every value fitting the item s columns away (its checks find no error;
//   an empty value fits any),
// - at least two values that fail their own column's checks (errors) and fit
//   there, and
// - at least one value that is, by what it looks like, of the kind of the
//   item s columns away and not of its own (column_kinds.hpp: 172014, a
//   全国地方公共団体コード, under 郵便番号 beside 市区町村コード);
// and, between the first and the last of those values (the shifted columns),
// - no value that looks like its own column's kind and not the other's (a
//   telephone number under 電話番号 says that column is in its place), and
// - at least kConfirming other values that pass a check of the item s columns
//   away that not every value passes (a form, a code list, a vocabulary such
//   as 災害種別's 1, a pattern): two failing values with nothing but empty
//   cells between them are two mistakes, not a shift.
// The largest such run of the row (most failing values) decides, and a tie
// between two shifts decides nothing. A correct row has no failing value,
// so it is never shifted.
// Consecutive shifted rows with the same shift and overlapping columns are
// one block; a row that is not shifted ends it.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/model/model.hpp"

namespace gifkit::models {

class ShiftedColumns {
 public:
  static constexpr int kMaxShift = 3;
  static constexpr std::size_t kSamples = 3;
  static constexpr std::size_t kConfirming = 2;

  // A value of the block shown in the report.
  struct Sample {
    std::uint64_t row = 0;
    std::size_t column = 0;  // 0-based, where the value is
    std::string value;
  };
  // The shift of one row: by (s above), the columns (0-based, inclusive).
  struct RowShift {
    int by = 0;
    std::size_t first = 0, last = 0;
    std::vector<Sample> samples;  // the row's failing values, at most kSamples
  };
  // A block of shifted rows.
  struct Block {
    int by = 0;
    std::size_t first = 0, last = 0;  // columns, 0-based, inclusive
    std::uint64_t first_row = 0, first_line = 0, last_row = 0, rows = 0;
    std::vector<Sample> samples;
    std::vector<std::string> first_values;  // the first row's values, all its columns

    // The value at the block's place (its first row, its first column).
    std::string_view first_value() const {
      return first < first_values.size() ? std::string_view(first_values[first])
                                         : std::string_view();
    }
  };

  // columns: the bound item of each column (nullptr: none).
  explicit ShiftedColumns(const std::vector<const FieldSpec*>& columns);

  // Whether fields (a row) is shifted. own_error[c]: column c's value has an
  // error of its own; fits(c, item_column): the value of column c passes the
  // checks of the item bound to item_column.
  std::optional<RowShift> row_shift(
      const std::vector<std::string_view>& fields, const std::vector<bool>& own_error,
      const std::function<bool(std::size_t, std::size_t)>& fits) const;

  // Adds row (its values, and its shift or nullopt for a row that is not
  // shifted); returns the block that row ends, if any.
  std::optional<Block> add(std::uint64_t row, std::uint64_t line,
                           const std::vector<std::string_view>& fields,
                           const std::optional<RowShift>& shift);
  // The block under way at the end of the file, if any.
  std::optional<Block> finish();

  // For the report: "columns 22–37 (郵便番号 … 画像)", "one column to the
  // left", "rows 4–6 (3 rows)".
  static std::string columns_text(const Block& block, const std::vector<std::string>& headers);
  static std::string shift_text(int by);
  static std::string rows_text(const Block& block);
  // "row 4: 郵便番号 holds 市区町村コード's 172014, …" (the item the value is).
  static std::string samples_text(const Block& block, const std::vector<std::string>& headers);

 private:
  std::vector<const FieldSpec*> columns_;
  std::optional<Block> current_;
};

}  // namespace gifkit::models
