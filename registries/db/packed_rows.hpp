// packed_rows.hpp — the bytes of a group of rows packed in one value (a
// packed table's rows of one group, packed_table.hpp): lossless for every
// cell — NULL, an INTEGER, or TEXT byte for byte — and small for the rows the
// ABR publishes, whose cells mostly repeat the row before or are numbers a
// little apart. Each row is a bitmap of the cells that differ from the row
// before, then each such cell as one of:
//   NULL; an INTEGER as the difference from the column's last integer;
//   digits ("000060000000000", at most 18) as the difference from the
//   column's last digits of the same length, or as a new length and value;
//   a decimal ("141.376102514": -?(0|[1-9]d*).d+, at most 18 digits) the same
//   way by its fraction digits; any other text as its length and bytes.
// A cell is written in a number's form only when that form gives its text
// back exactly (checked as it is packed), so unpacking is exact by
// construction. The format is versioned by its first byte.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::registries::packed {

enum class CellKind : std::uint8_t { null, text, integer };

// One cell as given to the packer; text is read during the call only.
struct Cell {
  CellKind kind = CellKind::null;
  std::string_view text;
  std::int64_t integer = 0;

  static Cell null_cell() { return {}; }
  static Cell of_text(std::string_view value) { return {CellKind::text, value, 0}; }
  static Cell of_integer(std::int64_t value) { return {CellKind::integer, {}, value}; }
  bool operator==(const Cell& other) const {
    return kind == other.kind && (kind != CellKind::text || text == other.text) &&
           (kind != CellKind::integer || integer == other.integer);
  }
};

// Packs rows of `columns` cells each, in the order added.
class RowPacker {
 public:
  explicit RowPacker(std::size_t columns);
  // Adds one row: cells[0 .. columns).
  void add(const Cell* cells);
  std::size_t rows() const { return rows_; }
  // The packing of the rows added (the packer is then empty again).
  std::string finish();

 private:
  struct ColumnState {
    Cell previous;  // the row before's cell (its text in previous_text)
    std::string previous_text;
    std::int64_t number = 0;   // the last integer, digits or decimal's value
    int shape = 0;             // of number: 0 none, 1..18 digits' length, 32 + d a decimal
    std::int64_t integer = 0;  // the last INTEGER
  };
  void put_cell(std::size_t column, const Cell& cell);

  std::size_t columns_;
  std::size_t rows_ = 0;
  std::vector<ColumnState> state_;
  std::string body_;
};

// Rows unpacked: cell(r, c) is a view into the object (valid while it lives
// and is not unpacked into again).
class UnpackedRows {
 public:
  std::size_t rows() const { return rows_; }
  std::size_t columns() const { return columns_; }
  CellKind kind(std::size_t row, std::size_t column) const {
    return cells_[row * columns_ + column].kind;
  }
  std::string_view text(std::size_t row, std::size_t column) const {
    const Stored& cell = cells_[row * columns_ + column];
    return std::string_view(arena_).substr(cell.offset, cell.size);
  }
  std::int64_t integer(std::size_t row, std::size_t column) const {
    return cells_[row * columns_ + column].integer;
  }
  Cell cell(std::size_t row, std::size_t column) const {
    return {kind(row, column), text(row, column), integer(row, column)};
  }
  std::size_t memory_bytes() const {
    return arena_.capacity() + cells_.capacity() * sizeof(Stored);
  }

 private:
  friend bool unpack_rows(std::string_view bytes, UnpackedRows& out);
  struct Stored {
    CellKind kind = CellKind::null;
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
    std::int64_t integer = 0;
  };
  std::size_t rows_ = 0;
  std::size_t columns_ = 0;
  std::vector<Stored> cells_;
  std::string arena_;
};

// The number of rows a packing holds, read from its head alone; false when
// the bytes do not start as a packing.
bool packed_row_count(std::string_view bytes, std::size_t& rows);

// Unpacks what RowPacker::finish wrote into out; false (out empty) when
// bytes are not such a packing.
bool unpack_rows(std::string_view bytes, UnpackedRows& out);

}  // namespace gifkit::registries::packed
