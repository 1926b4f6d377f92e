// column_kinds.hpp — finds values that sit under the wrong header: a
// telephone number in 内線番号, a prefecture name in a mail column. Each
// value of a typed column is classified by what it looks like (a telephone
// number, an e-mail address, a postal code, a URL, a date, a prefecture
// name); a column most of whose values look like one kind that is not its
// own is decided to hold another item's values, and each such cell is
// reported (value-in-wrong-column), even when it passes the column's own
// format. The decision needs the whole column: cells are remembered (at most
// kMaxCells a column) and reported at the end of the file.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/model/model.hpp"

namespace gifkit::models {

enum class ValueKind { none, phone, email, postal_code, url, date, prefecture };

// What a value looks like; none when nothing in particular.
ValueKind kind_of_value(std::string_view value);
// The kind a field's own values have (none for a field of no such kind).
ValueKind kind_of_field(const FieldSpec& field);
// "a telephone number", "an e-mail address", …
std::string_view kind_name(ValueKind kind);

class ColumnKinds {
 public:
  static constexpr std::size_t kMaxCells = 10000;

  // columns: the bound field of each column (nullptr for unknown columns).
  explicit ColumnKinds(const std::vector<const FieldSpec*>& columns);

  // Looks at one non-empty cell (0-based column).
  void add(std::size_t column, std::uint64_t row, std::uint64_t line, std::string_view value);

  struct WrongCell {
    std::size_t column = 0;
    std::uint64_t row = 0, line = 0;
    std::string value;
    ValueKind looks_like = ValueKind::none;
  };
  // The cells of the columns decided to hold another kind, in row order
  // within each column.
  std::vector<WrongCell> wrong_cells() const;

 private:
  struct Column {
    bool typed = false;  // checked at all (a typed column)
    ValueKind own = ValueKind::none;
    std::uint64_t filled = 0;
    std::uint64_t counts[7] = {};
    std::vector<WrongCell> cells;  // cells of another kind than own
  };
  std::vector<Column> columns_;
};

}  // namespace gifkit::models
