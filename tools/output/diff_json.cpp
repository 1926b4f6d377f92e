// diff_json.cpp — the json and ndjson writers of `gifkit diff`
// (docs/diff.schema.json): one document, written as the rows come (the
// problems, then the rows, then the summary), or one object a line.
#include "tools/output/diff_output.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools::diff_detail {
namespace {

using models::DiffColumn;
using models::RowChange;

Json layout_json(const models::DiffLayout& layout) {
  Json doc;
  doc["old"] = layout.old_path;
  doc["new"] = layout.new_path;
  doc["model"] = layout.model.empty() ? Json() : Json(layout.model);
  doc["model_note"] = layout.model_note;
  Json key = Json::array();
  for (std::size_t at : layout.key_columns) key.push_back(layout.columns[at].name);
  doc["key"] = std::move(key);
  if (!layout.key_note.empty()) doc["key_note"] = layout.key_note;
  Json folds = Json::array();
  const std::string names = models::fold_names(layout.folds);
  for (std::size_t at = 0; at < names.size();) {
    const std::size_t comma = names.find(',', at);
    folds.push_back(names.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
    at = comma == std::string::npos ? names.size() : comma + 1;
  }
  doc["folds"] = std::move(folds);
  Json columns = Json::array();
  for (const DiffColumn& column : layout.columns) {
    Json entry;
    entry["name"] = column.name;
    entry["old_name"] = column.old_index >= 0 ? Json(column.old_name) : Json();
    entry["change"] = std::string(models::column_change_name(column.change));
    if (column.change == models::ColumnChange::renamed) entry["renamed_by"] = column.renamed_by;
    if (column.field != nullptr) entry["item"] = column.field->display_name();
    if (column.key) entry["key"] = true;
    if (column.moved) entry["moved"] = true;
    columns.push_back(std::move(entry));
  }
  doc["columns"] = std::move(columns);
  doc["reordered"] = layout.reordered;
  return doc;
}

Json row_json(const models::DiffLayout& layout, const models::RowDiff& row) {
  Json doc;
  doc["change"] = std::string(models::row_change_name(row.change));
  if (row.old_row > 0) doc["old_row"] = row.old_row;
  if (row.new_row > 0) doc["new_row"] = row.new_row;
  Json key = Json::object();
  for (std::size_t k = 0; k < layout.key_columns.size() && k < row.key.size(); ++k)
    key[layout.columns[layout.key_columns[k]].name] = row.key[k];
  doc["key"] = std::move(key);
  if (!layout.key_note.empty()) doc["key_note"] = layout.key_note;
  if (row.change == RowChange::changed || row.change == RowChange::fold_only) {
    Json cells = Json::array();
    for (const models::CellDiff& cell : row.cells) {
      Json entry;
      entry["column"] = layout.columns[cell.column].name;
      entry["old"] = cell.old_value;
      entry["new"] = cell.new_value;
      entry["fold_only"] = cell.fold_only;
      cells.push_back(std::move(entry));
    }
    doc["cells"] = std::move(cells);
  } else {
    const bool is_new = row.change != RowChange::removed;
    Json values = Json::object();
    for (std::size_t i = 0; i < layout.columns.size(); ++i) {
      const DiffColumn& column = layout.columns[i];
      if ((is_new ? column.new_index : column.old_index) < 0) continue;
      values[column.name] = is_new ? row.new_values[i] : row.old_values[i];
    }
    doc["values"] = std::move(values);
  }
  return doc;
}

Json problem_json(const models::DiffProblem& problem) {
  Json doc;
  doc["code"] = problem.code;
  doc["file"] = problem.file;
  doc["row"] = problem.row;
  doc["message"] = problem.message;
  return doc;
}

Json summary_json(const models::DiffSummary& s) {
  Json doc;
  doc["equal"] = s.equal();
  doc["old_rows"] = s.old_rows;
  doc["new_rows"] = s.new_rows;
  doc["same"] = s.same;
  doc["added"] = s.added;
  doc["removed"] = s.removed;
  doc["changed"] = s.changed;
  doc["fold_only"] = s.fold_only;
  doc["columns_added"] = s.columns_added;
  doc["columns_removed"] = s.columns_removed;
  doc["columns_renamed"] = s.columns_renamed;
  doc["reordered"] = s.reordered;
  doc["duplicate_keys"] = s.duplicate_keys;
  doc["empty_keys"] = s.empty_keys;
  doc["problems"] = s.problems;
  doc["notes"] = s.notes;
  return doc;
}

class JsonWriter : public models::DiffSink {
 public:
  JsonWriter(std::ostream& out, bool lines) : out_(out), lines_(lines) {}

  void begin(const models::DiffLayout& layout) override {
    layout_ = &layout;
    Json doc = layout_json(layout);
    if (lines_) {
      Json line;
      line["type"] = "diff";
      line.update(doc);
      out_ << json_text(line) << "\n";
      return;
    }
    std::string text = json_text(doc);
    text.pop_back();  // the closing brace: the arrays follow
    out_ << text << ",\"problems\":[";
  }

  void problem(const models::DiffProblem& problem) override {
    if (lines_) {
      Json line;
      line["type"] = "problem";
      line.update(problem_json(problem));
      out_ << json_text(line) << "\n";
      return;
    }
    out_ << (problems_++ ? "," : "") << json_text(problem_json(problem));
  }

  void row(const models::RowDiff& row) override {
    if (row.change == RowChange::same) return;
    if (lines_) {
      Json line;
      line["type"] = "row";
      line.update(row_json(*layout_, row));
      out_ << json_text(line) << "\n";
      return;
    }
    if (!in_rows_) {
      out_ << "],\"rows\":[";
      in_rows_ = true;
    }
    out_ << (rows_++ ? "," : "") << json_text(row_json(*layout_, row));
  }

  void end(const models::DiffSummary& summary) override {
    if (lines_) {
      Json line;
      line["type"] = "summary";
      line.update(summary_json(summary));
      out_ << json_text(line) << "\n";
      return;
    }
    if (!in_rows_) out_ << "],\"rows\":[";
    out_ << "],\"summary\":" << json_text(summary_json(summary))
         << ",\"equal\":" << (summary.equal() ? "true" : "false") << "}\n";
  }

 private:
  std::ostream& out_;
  bool lines_;
  const models::DiffLayout* layout_ = nullptr;
  std::size_t problems_ = 0, rows_ = 0;
  bool in_rows_ = false;
};

}  // namespace

std::unique_ptr<models::DiffSink> make_json_writer(std::ostream& out, bool lines) {
  return std::make_unique<JsonWriter>(out, lines);
}

}  // namespace gifkit::tools::diff_detail
