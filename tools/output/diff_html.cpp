// diff_html.cpp — the html writer of `gifkit diff`: one page a person reads
// in a browser, written as the rows come: the files, model, key and folds,
// the column changes, the problems, a table of the rows reported (a changed
// cell as the old value struck out and the new one beside it, a fold-only
// one marked as such, added rows green, removed rows red), and the summary
// at the end (its numbers also as data- attributes, for scripts and tests).
// Nothing is fetched: the style is in the page (html_page.hpp, shared with
// validate -f html).
#include "tools/output/diff_output.hpp"
#include "tools/output/html_page.hpp"

namespace gifkit::tools::diff_detail {
namespace {

using models::ColumnChange;
using models::RowChange;

// The diff's own rules; the rest is html_page's shared style.
constexpr std::string_view kStyle =
    "tr.added{background:#e6ffe6}tr.removed{background:#ffe6e6}"
    "tr.fold_only{background:#f6f6ff}td.fold{color:#55a}.problems li{color:#a50}"
    "#summary{margin-top:1em;font-weight:bold}";

class HtmlWriter : public models::DiffSink {
 public:
  explicit HtmlWriter(std::ostream& out) : out_(out) {}

  void begin(const models::DiffLayout& layout) override {
    layout_ = &layout;
    begin_html_page(out_, "gifkit diff: " + layout.old_path + " → " + layout.new_path, kStyle);
    out_ << "<h1>gifkit diff</h1>\n<p class=\"files\"><del>" << html_escape(layout.old_path)
         << "</del> → <ins>" << html_escape(layout.new_path)
         << "</ins></p>\n<p class=\"how\">model: "
         << html_escape(layout.model.empty() ? "none" : layout.model) << " ("
         << html_escape(layout.model_note) << "); key: ";
    if (layout.whole_row_key) {
      out_ << "none (rows matched by all their values)";
    } else {
      for (std::size_t k = 0; k < layout.key_columns.size(); ++k)
        out_ << (k ? ", " : "") << html_escape(layout.columns[layout.key_columns[k]].name);
    }
    if (!layout.key_note.empty()) out_ << " (" << html_escape(layout.key_note) << ")";
    if (layout.folds != 0) out_ << "; folds: " << models::fold_names(layout.folds);
    out_ << "</p>\n<ul class=\"columns\">";
    for (const models::DiffColumn& column : layout.columns) {
      if (column.change == ColumnChange::same && !column.moved) continue;
      out_ << "<li class=\"" << models::column_change_name(column.change) << "\">";
      switch (column.change) {
        case ColumnChange::same:
          out_ << "moved: " << html_escape(column.name);
          break;
        case ColumnChange::renamed:
          out_ << "renamed: <del>" << html_escape(column.old_name) << "</del> → <ins>"
               << html_escape(column.name) << "</ins> ("
               << models::renamed_by_words(column.renamed_by) << ")";
          break;
        case ColumnChange::added:
          out_ << "added: <ins>" << html_escape(column.name) << "</ins>";
          break;
        case ColumnChange::removed:
          out_ << "removed: <del>" << html_escape(column.name) << "</del>";
          break;
      }
      out_ << "</li>";
    }
    out_ << "</ul>\n";
  }

  void problem(const models::DiffProblem& problem) override {
    if (!in_problems_) {
      out_ << "<ul class=\"problems\">";
      in_problems_ = true;
    }
    out_ << "<li>" << html_escape(problem.code) << " " << html_escape(problem.file);
    if (problem.row > 0) out_ << " row " << problem.row;
    out_ << ": " << html_escape(problem.message) << "</li>\n";
  }

  void row(const models::RowDiff& row) override {
    if (row.change == RowChange::same) return;
    if (!in_rows_) open_table();
    const models::DiffLayout& layout = *layout_;
    out_ << "<tr class=\"" << models::row_change_name(row.change) << "\"><td>"
         << (row.change == RowChange::added     ? "+"
             : row.change == RowChange::removed ? "−"
             : row.change == RowChange::changed ? "~"
                                                : "=")
         << "</td><td>";
    if (row.old_row > 0) out_ << row.old_row;
    out_ << (row.old_row > 0 && row.new_row > 0 ? " → " : "");
    if (row.new_row > 0) out_ << row.new_row;
    out_ << "</td>";
    std::vector<const models::CellDiff*> cells(layout.columns.size(), nullptr);
    for (const models::CellDiff& cell : row.cells) cells[cell.column] = &cell;
    for (std::size_t i = 0; i < layout.columns.size(); ++i) {
      if (const models::CellDiff* cell = cells[i]) {
        out_ << "<td" << (cell->fold_only ? " class=\"fold\" title=\"fold only\"" : "") << "><del>"
             << html_escape(cell->old_value) << "</del> <ins>" << html_escape(cell->new_value)
             << "</ins></td>";
        continue;
      }
      const std::string& value = row.change == RowChange::removed || layout.columns[i].new_index < 0
                                     ? row.old_values[i]
                                     : row.new_values[i];
      out_ << "<td>" << html_escape(value) << "</td>";
    }
    out_ << "</tr>\n";
  }

  void end(const models::DiffSummary& s) override {
    if (in_problems_ && !in_rows_) out_ << "</ul>\n";
    if (in_rows_) out_ << "</tbody></table>\n";
    for (const std::string& note : s.notes)
      out_ << "<p class=\"note\">" << html_escape(note) << "</p>\n";
    out_ << "<p id=\"summary\" data-equal=\"" << (s.equal() ? "true" : "false")
         << "\" data-changed=\"" << s.changed << "\" data-added=\"" << s.added
         << "\" data-removed=\"" << s.removed << "\" data-fold-only=\"" << s.fold_only
         << "\" data-same=\"" << s.same << "\">" << (s.equal() ? "equal: " : "different: ")
         << html_escape(summary_line(s)) << "</p>\n";
    end_html_page(out_);
  }

 private:
  void open_table() {
    if (in_problems_) out_ << "</ul>\n";
    out_ << "<table class=\"rows\"><thead><tr><th></th><th>row</th>";
    for (const models::DiffColumn& column : layout_->columns) {
      out_ << "<th class=\"" << models::column_change_name(column.change) << "\">"
           << html_escape(column.name) << "</th>";
    }
    out_ << "</tr></thead><tbody>\n";
    in_rows_ = true;
  }

  std::ostream& out_;
  const models::DiffLayout* layout_ = nullptr;
  bool in_problems_ = false, in_rows_ = false;
};

}  // namespace

std::unique_ptr<models::DiffSink> make_html_writer(std::ostream& out) {
  return std::make_unique<HtmlWriter>(out);
}

}  // namespace gifkit::tools::diff_detail
