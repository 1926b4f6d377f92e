// report_text.cpp — the text report writer: what a data steward reads on a
// terminal. Per file: a status line (PASS/FAIL, path, model, rows, counts),
// the problems grouped by code (title, count, how to fix; then each problem
// with row, column, field, value, message and suggestion), and the quality
// summary (completeness per item, conformity, counts by code). A total line
// ends the report. Japanese text is written as is; control characters in
// values are shown escaped (\n, \t, \x1B) so that data can neither break the
// layout nor drive the terminal. ANSI colours only when options.color.
#include <cstdio>

#include "tools/report/report_internal.hpp"

namespace gifkit::tools::report_detail {

namespace {

// ANSI SGR sequences; empty strings when colour is off.
struct Palette {
  std::string_view bold, dim, red, yellow, cyan, green, reset;

  static Palette make(bool color) {
    if (!color) return Palette{};
    return Palette{"\x1b[1m",  "\x1b[2m",  "\x1b[1;31m", "\x1b[33m",
                   "\x1b[36m", "\x1b[32m", "\x1b[0m"};
  }

  std::string_view for_severity(models::Severity severity) const {
    switch (severity) {
      case models::Severity::error:
        return red;
      case models::Severity::warning:
        return yellow;
      case models::Severity::info:
        return cyan;
    }
    return red;
  }
};

// Columns a code point takes on a terminal: 2 for East Asian wide and
// full-width characters (kanji, kana, full-width forms), 0 for combining
// marks, 1 otherwise.
int code_point_width(char32_t c) {
  if ((c >= 0x0300 && c <= 0x036F) || c == 0x3099 || c == 0x309A || c == 0x200B) return 0;
  bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
              (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
              (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
              (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
              (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
              (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
  return wide ? 2 : 1;
}

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for (std::size_t pos = 0, length = 1; pos < utf8.size(); pos += length) {
    width += code_point_width(decode_utf8_at(utf8, pos, length));
  }
  return width;
}

std::string pad_right(std::string text, std::size_t width) {
  std::size_t current = display_width(text);
  if (current < width) text.append(width - current, ' ');
  return text;
}

std::string pad_left(const std::string& text, std::size_t width) {
  std::size_t current = display_width(text);
  return current < width ? std::string(width - current, ' ') + text : text;
}

// valid UTF-8 with C0 controls, DEL and C1 controls written as escapes.
std::string printable(std::string_view text) {
  std::string utf8 = valid_utf8(text);
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0, length = 1; pos < utf8.size(); pos += length) {
    char32_t c = decode_utf8_at(utf8, pos, length);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(c));
      out += buffer;
    } else {
      out.append(utf8, pos, length);
    }
  }
  return out;
}

class TextWriter final : public models::ReportSink {
 public:
  TextWriter(std::ostream& out, const ReportWriterOptions& options)
      : out_(out),
        palette_(Palette::make(options.color)),
        lines_per_file_(options.text_lines_per_file) {}

  void begin_task(const models::TaskReport&) override {}
  void problem(const models::TaskReport&, const models::Problem&) override {}
  void end_task(const models::TaskReport&) override {}

  void finish(const models::Report& report) override {
    for (const models::TaskReport& task : report.tasks) {
      write_task(task);
      out_ << '\n';
    }
    ReportTotals totals = sum_report(report);
    const Palette& p = palette_;
    out_ << p.bold << "Total: " << p.reset << count_noun(totals.files, "file", "files") << ", "
         << count_noun(totals.rows, "row", "rows") << " — "
         << problem_counts(totals.errors, totals.warnings, totals.infos) << " — "
         << (report.valid ? p.green : p.red) << (report.valid ? "PASS" : "FAIL") << p.reset << '\n';
    out_.flush();
  }

 private:
  void write_task(const models::TaskReport& task) {
    const Palette& p = palette_;
    out_ << (task.valid ? p.green : p.red) << (task.valid ? "PASS" : "FAIL") << p.reset << ' '
         << p.bold << printable(task.path) << p.reset;
    if (!task.model.empty()) {
      out_ << "  model " << printable(task.model);
      if (!task.model_note.empty()) out_ << " (" << printable(task.model_note) << ")";
    }
    out_ << "  " << count_noun(task.stats.rows, "row", "rows") << "  "
         << problem_counts(task.stats.errors, task.stats.warnings, task.stats.infos) << '\n';
    if (!task.format.empty() || !task.encoding.empty()) {
      out_ << p.dim << "     " << printable(task.format) << ", " << printable(task.encoding) << ", "
           << task.stats.columns << " columns" << p.reset << '\n';
    }
    if (!task.gate_reason.empty())
      out_ << "     " << (task.valid ? p.green : p.red) << "gate " << p.reset
           << printable(task.gate_reason) << '\n';
    if (task.baseline_compared)
      out_ << "     baseline " << printable(describe_baseline(task)) << '\n';
    if (!task.key_fields.empty()) {
      out_ << p.dim << "     rows named by";
      for (const std::string& name : task.key_fields) out_ << ' ' << printable(name);
      out_ << p.reset << '\n';
    }

    const std::vector<CodeGroup> groups = group_problems_by_code(task);
    const std::vector<std::vector<std::size_t>> shown = samples_within_budget(task, groups);
    for (std::size_t g = 0; g < groups.size(); ++g) write_group(groups[g], shown[g]);
    if (task.truncated || cut_) {
      out_ << "\n  " << p.dim
           << "Each code lists a few of its problems per column (--max-errors N; 0 lists all); "
              "the counts and rows cover every one."
           << p.reset << '\n';
    }
    write_quality(task);
  }

  // A code: its title and count, how to fix it, then per column the count,
  // the rows and the listed problems (samples), one line each and the
  // message under it.
  void write_group(const CodeGroup& group, const std::vector<std::size_t>& shown) {
    const Palette& p = palette_;
    std::string title = group.entry ? std::string(group.entry->title) : group.code;
    out_ << "\n  " << p.for_severity(group.severity) << models::severity_name(group.severity)
         << p.reset << ' ' << p.bold << group.code << p.reset << "  " << title << " ("
         << group.count;
    if (group.columns.size() > 1) out_ << " in " << group.columns.size() << " columns";
    out_ << ")\n";
    if (group.entry != nullptr)
      out_ << p.dim << "    " << group.entry->how_to_fix << p.reset << '\n';
    for (std::size_t c = 0; c < group.columns.size(); ++c)
      write_column(group, group.columns[c], shown[c]);
  }

  // How many samples of each column group to show (per code, per column):
  // every listed one without a budget; else, with the lines the rest of the
  // file's part takes counted first, one more sample to each group in turn
  // while the budget lasts. Sets cut_ when a listed sample is left out.
  std::vector<std::vector<std::size_t>> samples_within_budget(
      const models::TaskReport& task, const std::vector<CodeGroup>& groups) {
    std::vector<std::vector<std::size_t>> shown(groups.size());
    cut_ = false;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      for (const ColumnGroup& column : groups[g].columns)
        shown[g].push_back(lines_per_file_ == 0 ? column.listed.size() : 0);
    }
    if (lines_per_file_ == 0) return shown;
    // status, format, gate, baseline, keys; the quality summary and the note
    std::size_t fixed = 8 + task.quality.size() + 4;
    for (const CodeGroup& group : groups) fixed += 3 + 2 * group.columns.size();
    std::size_t budget = lines_per_file_ > fixed ? lines_per_file_ - fixed : 0;
    for (bool more = true; more;) {
      more = false;
      for (std::size_t g = 0; g < groups.size(); ++g) {
        for (std::size_t c = 0; c < groups[g].columns.size(); ++c) {
          if (shown[g][c] >= groups[g].columns[c].listed.size() || budget < 2) continue;
          ++shown[g][c];
          budget -= 2;  // its line and its message's
          more = true;
        }
      }
    }
    for (std::size_t g = 0; g < groups.size(); ++g)
      for (std::size_t c = 0; c < groups[g].columns.size(); ++c)
        if (shown[g][c] < groups[g].columns[c].listed.size()) cut_ = true;
    return shown;
  }

  void write_column(const CodeGroup& group, const ColumnGroup& column, std::size_t shown) {
    const Palette& p = palette_;
    const models::FindingGroup& found = column.group;
    out_ << "    " << p.bold << printable(group_place(column)) << p.reset << ": " << found.count;
    if (found.rows > 0 && found.rows != found.count)
      out_ << " in " << count_noun(found.rows, "row", "rows");
    if (const std::string rows = group_rows(found); !rows.empty()) out_ << ", " << rows;
    out_ << '\n';
    for (std::size_t i = 0; i < shown && i < column.listed.size(); ++i) {
      const models::Problem* problem = column.listed[i];
      std::string head = sample_position(*problem);
      for (const models::KeyValue& part : problem->key)
        head += "  " + printable(part.name) + ' ' + printable(part.value);
      // A cell's value, or "(empty)" for an empty cell; nothing for a file or row.
      if (!problem->value.empty()) {
        head += ": \"" + printable(problem->value) + '"';
      } else if (problem->column > 0 || !problem->field.empty()) {
        head += ": (empty)";
      }
      // A problem less severe than its group's worst says so.
      if (problem->severity != group.severity)
        head += "  " + std::string(p.for_severity(problem->severity)) +
                std::string(models::severity_name(problem->severity)) + std::string(p.reset);
      if (problem->baseline == models::BaselineState::new_) head += "  (new)";
      const std::string indent = head.empty() ? "      " : "        ";
      if (!head.empty()) out_ << "      " << head << '\n';
      out_ << indent << printable(problem->message);
      if (!problem->suggestion.empty())
        out_ << "  " << p.green << "→ " << printable(problem->suggestion) << p.reset;
      out_ << '\n';
    }
    if (found.count > shown) {
      out_ << "      " << p.dim << "… and " << found.count - shown
           << " more (--max-errors 0 lists all)" << p.reset << '\n';
    }
  }

  // "row 3", "row 3 (line 4)", "line 7" or "" (the whole file): the position in a
  // column group, whose column is said above it.
  static std::string sample_position(const models::Problem& problem) {
    if (problem.row == 0) return problem.line != 0 ? "line " + std::to_string(problem.line) : "";
    std::string text = "row " + std::to_string(problem.row);
    if (problem.line != 0 && problem.line != problem.row)
      text += " (line " + std::to_string(problem.line) + ")";
    if (!problem.cell.empty()) text += " cell " + printable(problem.cell);
    return text;
  }

  void write_counts_by_code(const models::TaskReport& task) {
    if (task.counts_by_code.empty()) return;
    out_ << "    counts by code:";
    bool first = true;
    for (const auto& [code, count] : task.counts_by_code) {
      out_ << (first ? " " : ", ") << code << ' ' << count;
      first = false;
    }
    out_ << '\n';
  }

  // Completeness and conformity, what they could not speak for (the cells of
  // columns no item reads), the per-item table. Nothing for a refused file
  // (no model read it) or a header without rows: there is nothing measured.
  void write_quality(const models::TaskReport& task) {
    const Palette& p = palette_;
    if (!task.quality_measured()) {
      write_counts_by_code(task);
      return;
    }
    out_ << "\n  " << p.bold << "Quality" << p.reset << "  completeness "
         << percent(task.completeness()) << ", conformity " << percent(task.conformity()) << " ("
         << task.rows_with_errors << " of " << task.stats.rows << " rows with errors)\n";
    if (const auto unread = task.not_checked(); unread.cells > 0) {
      out_ << "    " << unread.cells << " filled cell" << (unread.cells == 1 ? "" : "s") << " in "
           << unread.columns << " column" << (unread.columns == 1 ? "" : "s")
           << " not checked (no item of the model): conformity counts only the checked cells\n";
    }
    if (const std::string measures = describe_measures(task); !measures.empty())
      out_ << "    " << printable(measures) << '\n';
    if (!task.quality.empty()) {
      std::vector<std::string> labels;
      std::size_t label_width = display_width("item");
      for (std::size_t i = 0; i < task.quality.size(); ++i) {
        const models::ItemQuality& item = task.quality[i];
        std::string label = printable(item.field);
        if (item.field.empty()) {
          label = "column " + std::to_string(i + 1) + " (no header)";  // a trailing comma
        } else if (item.item.empty()) {
          label += " (not in the model)";
        } else if (item.item != item.field) {
          label += " → " + printable(item.item);
        }
        label_width = std::max(label_width, display_width(label));
        labels.push_back(std::move(label));
      }
      out_ << "    " << p.dim << pad_right("item", label_width) << "  " << pad_left("filled", 8)
           << "  " << pad_left("invalid", 8) << "  " << pad_left("complete", 8) << p.reset << '\n';
      for (std::size_t i = 0; i < task.quality.size(); ++i) {
        const models::ItemQuality& item = task.quality[i];
        out_ << "    " << pad_right(labels[i], label_width) << "  "
             << pad_left(std::to_string(item.filled), 8) << "  "
             << pad_left(std::to_string(item.invalid), 8) << "  "
             << pad_left(percent(item_completeness(item, task.stats.rows)), 8) << '\n';
      }
    }
    write_counts_by_code(task);
  }

  std::ostream& out_;
  Palette palette_;
  std::size_t lines_per_file_;
  bool cut_ = false;  // some listed sample was left out
};

}  // namespace

std::unique_ptr<models::ReportSink> make_text_writer(std::ostream& out,
                                                     const ReportWriterOptions& options) {
  return std::make_unique<TextWriter>(out, options);
}

}  // namespace gifkit::tools::report_detail
