// totals_check.cpp — total-mismatch: an item the model says is the total of
// others of its row (total-of: 男性トイレ総数 of 小便器, 和式 and 洋式; 総人口
// of 男性 and 女性) whose parts do not add up to it. A blank part, or a part
// without a column, leaves the sum unknown: the row is then a finding only
// when the parts it has already add up to more than the total. With
// total-rule="at-least" (the total may hold more than its parts) only more is
// a finding. A value that is no number is invalid-format's, not this check's.
#include <charconv>

#include "grammars/text/decimal_text.hpp"
#include "grammars/text/text_fold.hpp"
#include "models/engine/dataset/header_matcher.hpp"
#include "models/engine/validate/table_checks/table_check_list.hpp"

namespace gifkit::models {
namespace {

// A count as written (5, 12.5), or nothing.
std::optional<double> number_in(std::string_view text) {
  text = grammars::trim_blanks(text);
  double value = 0;
  const auto [end, error] = grammars::read_double(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return {};
  return value;
}

std::string number_text(double value) {
  char buffer[32];
  const auto [end, error] = grammars::write_double(buffer, buffer + sizeof buffer, value);
  return error == std::errc() ? std::string(buffer, end) : std::string();
}

class TotalsCheck final : public TableCheck {
 public:
  std::vector<std::string_view> codes() const override { return {"total-mismatch"}; }

  bool bind(TableContext& table) override {
    totals_.clear();
    for (std::size_t column = 0; column < table.columns(); ++column) {
      const FieldSpec* field = table.fields[column];
      if (field == nullptr || field->total_of.empty()) continue;
      Total total{column, {}, 0, field->total_at_least};
      for (const std::string& part : field->total_of) {
        const int at = table.column_of(part);
        if (at < 0)
          ++total.missing;
        else
          total.parts.push_back(static_cast<std::size_t>(at));
      }
      if (!total.parts.empty()) totals_.push_back(std::move(total));
    }
    return !totals_.empty() && table.problems.wants("total-mismatch");
  }

  void check_row(TableContext& table, TableRow& row) override {
    const auto& fields = row.fields();
    auto value = [&](std::size_t column) {
      return column < fields.size() ? fields[column] : std::string_view();
    };
    auto covered = [&](std::size_t column) {
      return (column < row.covered.size() && row.covered[column] != 0) || row.is_unreadable(column);
    };
    for (const Total& total : totals_) {
      if (covered(total.column)) continue;
      const auto whole = number_in(value(total.column));
      if (!whole) continue;
      double sum = 0;
      bool complete = total.missing == 0;
      bool numbers = true;
      std::string listed;
      for (std::size_t part : total.parts) {
        const std::string_view text = value(part);
        if (covered(part)) numbers = false;
        if (grammars::trim_blanks(text).empty()) {
          complete = false;
          continue;
        }
        const auto count = number_in(text);
        if (!count) numbers = false;
        if (!count) break;
        sum += *count;
        listed += (listed.empty() ? "" : " + ") +
                  HeaderMatcher::display_label(*table.fields[part]) + " " + number_text(*count);
      }
      if (!numbers) continue;
      const bool more = sum > *whole;
      const bool other = complete && !total.at_least && sum != *whole;
      if (!more && !other) continue;
      const grammars::CsvRecord& record = *row.record;
      Problem problem = table.make("total-mismatch", record.number, record.line,
                                   static_cast<std::uint32_t>(total.column + 1));
      problem.value = std::string(value(total.column));
      std::string reason = "its parts " + listed + " add up to " + number_text(sum);
      if (!complete && more) reason += " (and not all of them are filled)";
      table.problems.add(std::move(problem), {{"reason", std::move(reason)}});
    }
  }

 private:
  struct Total {
    std::size_t column;              // the total's
    std::vector<std::size_t> parts;  // the columns of its parts the file has
    std::size_t missing;             // its parts without a column
    bool at_least;                   // total-rule="at-least"
  };
  std::vector<Total> totals_;
};

}  // namespace

std::unique_ptr<TableCheck> make_totals_check() {
  return std::make_unique<TotalsCheck>();
}

}  // namespace gifkit::models
