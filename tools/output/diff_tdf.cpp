// diff_tdf.cpp — the csv writer of `gifkit diff`: the Tabular Diff Format
// (daff's highlighter format, https://paulfitz.github.io/daff-doc/spec.html)
// so that `daff patch OLD DIFF.csv` gives NEW. The action column first: a
// "!" row of column changes (+++ added, --- removed, (OLD NAME) renamed,
// ":" moved) when there are any, "@@" and the headers, then a row for each
// row reported: +++ added, --- removed, -> changed (a changed cell written
// OLD->NEW), "" an unchanged row given for context (where an added row
// stands) or "+" one whose cells of added columns are to be filled (every
// row, when a column was added), "..." where rows are
// left out. Every difference is written, a fold-only one too: a patch must
// give NEW byte for byte. NULL is a cell of a column the row's file has
// not; a value written NULL (or _NULL, …) gets one more leading "_". The
// arrow is "->" unless a value of a changed row holds it ("-->", …), so
// the rows wait in a spool until the end.
#include <array>

#include "grammars/io/csv_writer.hpp"
#include "grammars/io/record_spool.hpp"
#include "tools/output/diff_output.hpp"

namespace gifkit::tools::diff_detail {
namespace {

using models::ColumnChange;
using models::RowChange;

constexpr std::string_view kNull = "NULL";

// A value as the format writes it: "NULL" stands for no value.
std::string null_escaped(std::string_view value) {
  std::size_t underscores = 0;
  while (underscores < value.size() && value[underscores] == '_') ++underscores;
  if (value.substr(underscores) == kNull) return "_" + std::string(value);
  return std::string(value);
}

// In the spool, a row is: its action, then three fields a column: a tag
// ('v' a value, 'c' a changed cell, 'n' no value), the value (the old one
// of a changed cell) and the new value of a changed cell.
class TdfWriter : public models::DiffSink {
 public:
  explicit TdfWriter(std::ostream& out) : csv_(out, ',', "\n") {}

  void begin(const models::DiffLayout& layout) override {
    layout_ = &layout;
    for (const models::DiffColumn& column : layout.columns)
      has_added_columns_ = has_added_columns_ || column.change == ColumnChange::added;
  }
  // Every row has its values in an added column to give.
  bool wants_same_rows() const override { return has_added_columns_; }
  bool wants_context() const override { return true; }

  void row(const models::RowDiff& row) override {
    const models::DiffLayout& layout = *layout_;
    if (gap_before(row)) spool_row("...", {});
    last_old_ = row.old_row;
    last_new_ = row.new_row;
    const std::size_t n = layout.columns.size();
    std::vector<int> changed(n, 0);
    for (const models::CellDiff& cell : row.cells) changed[cell.column] = 1;
    for (std::size_t i = 0; i < n; ++i) {
      const models::DiffColumn& column = layout.columns[i];
      const bool in_old = column.old_index >= 0 && row.old_row > 0;
      const bool in_new = column.new_index >= 0 && row.new_row > 0;
      if (changed[i]) {
        cells_.push_back({"c", row.old_values[i], row.new_values[i]});
        note_arrow(row.old_values[i]);
        note_arrow(row.new_values[i]);
        continue;
      }
      if (row.change == RowChange::removed) {
        cells_.push_back({in_old ? "v" : "n", row.old_values[i], ""});
      } else if (in_new) {
        cells_.push_back({"v", row.new_values[i], ""});
      } else {
        cells_.push_back({in_old ? "v" : "n", row.old_values[i], ""});  // a removed column
      }
      if (row.change == RowChange::changed || row.change == RowChange::fold_only) {
        note_arrow(cells_.back()[1]);
      }
    }
    std::string action;
    switch (row.change) {
      case RowChange::added:
        action = "+++";
        break;
      case RowChange::removed:
        action = "---";
        break;
      case RowChange::changed:
      case RowChange::fold_only:
        action = "->";  // the arrow, written at the end
        break;
      case RowChange::same:
        // Every row gets its cells of the added columns, an empty one too.
        action = has_added_columns_ ? "+" : "";
        break;
    }
    spool_row(action, cells_);
    cells_.clear();
  }

  void problem(const models::DiffProblem&) override {}  // a patch holds rows only

  void end(const models::DiffSummary&) override {
    const models::DiffLayout& layout = *layout_;
    std::vector<std::string> line;
    bool schema = false;
    line.push_back("!");
    for (const models::DiffColumn& column : layout.columns) {
      std::string mark;
      if (column.change == ColumnChange::added) mark = "+++";
      if (column.change == ColumnChange::removed) mark = "---";
      if (column.change == ColumnChange::renamed) mark = "(" + column.old_name + ")";
      if (column.moved) mark = ":" + mark;
      schema = schema || !mark.empty();
      line.push_back(mark);
    }
    if (schema) csv_.write_row(line);
    line.assign(1, "@@");
    for (const models::DiffColumn& column : layout.columns) line.push_back(column.name);
    csv_.write_row(line);
    std::vector<std::string> fields;
    for (const std::uint64_t offset : offsets_) {
      spool_.read(offset, fields);
      line.clear();
      if (fields[0] == "...") {
        line.assign(layout.columns.size() + 1, "...");
        csv_.write_row(line);
        continue;
      }
      const bool changed = fields[0] == "->";
      line.push_back(changed ? arrow_ : fields[0]);
      for (std::size_t at = 1; at + 2 < fields.size(); at += 3) {
        const std::string& tag = fields[at];
        if (tag == "c") {
          line.push_back(null_escaped(fields[at + 1]) + arrow_ + null_escaped(fields[at + 2]));
        } else if (tag == "n") {
          line.emplace_back(kNull);
        } else {
          line.push_back(null_escaped(fields[at + 1]));
        }
      }
      csv_.write_row(line);
    }
    csv_.flush();
  }

 private:
  // Rows were left out between the last row written and row.
  bool gap_before(const models::RowDiff& row) const {
    if (last_old_ == 0 && last_new_ == 0) return false;
    const bool next_old = row.old_row > 0 && row.old_row == last_old_ + 1;
    const bool next_new = row.new_row > 0 && row.new_row == last_new_ + 1;
    return !next_old && !next_new;
  }

  void note_arrow(std::string_view value) {
    while (value.find(arrow_) != std::string_view::npos) arrow_ = "-" + arrow_;
  }

  void spool_row(std::string_view action, const std::vector<std::array<std::string, 3>>& cells) {
    views_.clear();
    views_.push_back(action);
    for (const auto& cell : cells)
      for (const std::string& part : cell) views_.push_back(part);
    offsets_.push_back(spool_.append(views_));
  }

  grammars::CsvWriter csv_;
  grammars::RecordSpool spool_;
  const models::DiffLayout* layout_ = nullptr;
  bool has_added_columns_ = false;
  std::string arrow_ = "->";
  std::uint64_t last_old_ = 0, last_new_ = 0;
  std::vector<std::array<std::string, 3>> cells_;
  std::vector<std::string_view> views_;
  std::vector<std::uint64_t> offsets_;
};

}  // namespace

std::unique_ptr<models::DiffSink> make_tdf_writer(std::ostream& out) {
  return std::make_unique<TdfWriter>(out);
}

}  // namespace gifkit::tools::diff_detail
