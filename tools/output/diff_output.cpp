// diff_output.cpp — see diff_output.hpp: the factory, the helpers the
// writers share, and the text writer.
#include "tools/output/diff_output.hpp"

#include <cassert>

namespace gifkit::tools {
namespace diff_detail {

std::string key_description(const models::DiffLayout& layout, const models::RowDiff& row) {
  std::string text;
  for (std::size_t k = 0; k < layout.key_columns.size() && k < row.key.size(); ++k) {
    if (!text.empty()) text += ", ";
    text += layout.columns[layout.key_columns[k]].name + "=" + row.key[k];
  }
  return text;
}

std::string summary_line(const models::DiffSummary& s) {
  std::string line = std::to_string(s.changed) + " changed, " + std::to_string(s.added) +
                     " added, " + std::to_string(s.removed) + " removed, " +
                     std::to_string(s.fold_only) + " fold-only, " + std::to_string(s.same) +
                     " the same (" + std::to_string(s.old_rows) + " rows in OLD, " +
                     std::to_string(s.new_rows) + " in NEW)";
  if (s.columns_added + s.columns_removed + s.columns_renamed > 0 || s.reordered) {
    line += "; columns: " + std::to_string(s.columns_added) + " added, " +
            std::to_string(s.columns_removed) + " removed, " + std::to_string(s.columns_renamed) +
            " renamed" + (s.reordered ? ", reordered" : "");
  }
  return line;
}

namespace {

// Text for people: the columns, then a line a row (~ changed, + added,
// - removed, = fold-only), the problems, a summary.
class TextWriter : public models::DiffSink {
 public:
  explicit TextWriter(std::ostream& out) : out_(out) {}

  void begin(const models::DiffLayout& layout) override {
    layout_ = &layout;
    out_ << "--- " << layout.old_path << "\n+++ " << layout.new_path << "\n";
    out_ << "model: " << (layout.model.empty() ? "none" : layout.model) << " (" << layout.model_note
         << "); key: ";
    if (layout.whole_row_key) {
      out_ << "none (rows matched by all their values)";
    } else {
      for (std::size_t k = 0; k < layout.key_columns.size(); ++k)
        out_ << (k ? ", " : "") << layout.columns[layout.key_columns[k]].name;
    }
    if (!layout.key_note.empty()) out_ << " (" << layout.key_note << ")";
    if (layout.folds != 0) out_ << "; folds: " << models::fold_names(layout.folds);
    out_ << "\n";
    for (const models::DiffColumn& column : layout.columns) {
      switch (column.change) {
        case models::ColumnChange::same:
          if (column.moved) out_ << "column moved: " << column.name << "\n";
          break;
        case models::ColumnChange::renamed:
          out_ << "column renamed: " << column.old_name << " → " << column.name << " ("
               << models::renamed_by_words(column.renamed_by) << ")\n";
          break;
        case models::ColumnChange::added:
          out_ << "column added: " << column.name << "\n";
          break;
        case models::ColumnChange::removed:
          out_ << "column removed: " << column.name << "\n";
          break;
      }
    }
  }

  void row(const models::RowDiff& row) override {
    const models::DiffLayout& layout = *layout_;
    switch (row.change) {
      case models::RowChange::same:
        return;
      case models::RowChange::added:
      case models::RowChange::removed: {
        const bool added = row.change == models::RowChange::added;
        out_ << (added ? "+ row " : "- row ") << (added ? row.new_row : row.old_row);
        const std::vector<std::string>& values = added ? row.new_values : row.old_values;
        std::string shown;
        for (std::size_t i = 0; i < layout.columns.size(); ++i) {
          if (values[i].empty()) continue;
          shown += (shown.empty() ? "" : ", ") + layout.columns[i].name + "=" + values[i];
        }
        out_ << "  " << shown << "\n";
        return;
      }
      case models::RowChange::changed:
      case models::RowChange::fold_only:
        out_ << (row.change == models::RowChange::changed ? "~ row " : "= row ") << row.old_row
             << " → " << row.new_row;
        if (!layout.key_columns.empty()) out_ << "  " << key_description(layout, row);
        out_ << "\n";
        for (const models::CellDiff& cell : row.cells) {
          out_ << "    " << layout.columns[cell.column].name << ": " << cell.old_value << " → "
               << cell.new_value << (cell.fold_only ? "  (fold only)" : "") << "\n";
        }
        return;
    }
  }

  void problem(const models::DiffProblem& problem) override {
    out_ << "! " << problem.code << " " << problem.file;
    if (problem.row > 0) out_ << " row " << problem.row;
    out_ << ": " << problem.message << "\n";
  }

  void end(const models::DiffSummary& summary) override {
    for (const std::string& note : summary.notes) out_ << "note: " << note << "\n";
    if (summary.problems > 0) out_ << summary.problems << " problem(s) in the files\n";
    out_ << (summary.equal() ? "equal: " : "different: ") << summary_line(summary) << "\n";
  }

 private:
  std::ostream& out_;
  const models::DiffLayout* layout_ = nullptr;
};

}  // namespace

std::unique_ptr<models::DiffSink> make_text_writer(std::ostream& out) {
  return std::make_unique<TextWriter>(out);
}

}  // namespace diff_detail

std::unique_ptr<models::DiffSink> make_diff_writer(OutputFormat format, std::ostream& out) {
  switch (format) {
    case OutputFormat::json:
      return diff_detail::make_json_writer(out, false);
    case OutputFormat::ndjson:
      return diff_detail::make_json_writer(out, true);
    case OutputFormat::csv:
      return diff_detail::make_tdf_writer(out);
    case OutputFormat::html:
      return diff_detail::make_html_writer(out);
    default:
      assert(format == OutputFormat::text);
      return diff_detail::make_text_writer(out);
  }
}

}  // namespace gifkit::tools
