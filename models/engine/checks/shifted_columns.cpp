// shifted_columns.cpp — see shifted_columns.hpp.
#include "models/engine/checks/shifted_columns.hpp"

#include <algorithm>
#include <cassert>

#include "models/engine/checks/column_kinds.hpp"

namespace gifkit::models {
namespace {

// One run of columns that fit a shift, as it is scanned: the columns of
// its failing values, of the values that look like the kind of the item
// they fit (lookalike) or of their own column's (own), and of the other
// values a check of the item they fit passed (confirming).
struct ShiftRun {
  std::vector<std::size_t> failing, lookalike, own, confirming;
  std::vector<ShiftedColumns::Sample> samples;

  bool empty() const { return failing.empty() && lookalike.empty(); }
  std::size_t first() const {
    return std::min(failing.empty() ? SIZE_MAX : failing.front(),
                    lookalike.empty() ? SIZE_MAX : lookalike.front());
  }
  std::size_t last() const {
    return std::max(failing.empty() ? 0 : failing.back(), lookalike.empty() ? 0 : lookalike.back());
  }
  static std::size_t within(const std::vector<std::size_t>& columns, std::size_t first,
                            std::size_t last) {
    return static_cast<std::size_t>(std::count_if(
        columns.begin(), columns.end(), [&](std::size_t c) { return c >= first && c <= last; }));
  }
  // The rule of shifted_columns.hpp.
  bool shifted() const {
    if (failing.size() < 2 || lookalike.empty()) return false;
    return within(own, first(), last()) == 0 &&
           within(confirming, first(), last()) >= ShiftedColumns::kConfirming;
  }
};

// A check that not every value passes: a form, a code list, a vocabulary, a pattern.
bool discriminating(const FieldSpec& field) {
  return field.type != ValueType::text || !field.values.empty() || !field.codelist.empty() ||
         !field.pattern.empty();
}

std::string count_word(int n) {
  static const char* const kWords[] = {"zero", "one", "two", "three"};
  return n >= 0 && n <= 3 ? kWords[n] : std::to_string(n);
}

}  // namespace

ShiftedColumns::ShiftedColumns(const std::vector<const FieldSpec*>& columns) : columns_(columns) {}

std::optional<ShiftedColumns::RowShift> ShiftedColumns::row_shift(
    const std::vector<std::string_view>& fields, const std::vector<bool>& own_error,
    const std::function<bool(std::size_t, std::size_t)>& fits) const {
  const std::size_t n = std::min({fields.size(), columns_.size(), own_error.size()});
  if (std::count(own_error.begin(), own_error.begin() + static_cast<std::ptrdiff_t>(n), true) < 2)
    return std::nullopt;  // a row with fewer than two failing values is never shifted
  std::optional<RowShift> best;
  std::size_t best_failing = 0;
  bool tie = false;
  for (int step = 1; step <= kMaxShift; ++step) {
    for (int by : {step, -step}) {
      ShiftRun run;
      auto close = [&] {
        if (run.shifted()) {
          if (!best || run.failing.size() > best_failing) {
            best = RowShift{by, run.first(), run.last(), run.samples};
            best_failing = run.failing.size();
            tie = false;
          } else if (run.failing.size() == best_failing && by != best->by) {
            tie = true;
          }
        }
        run = ShiftRun();
      };
      for (std::size_t column = 0; column < n; ++column) {
        const long target = static_cast<long>(column) + by;
        if (columns_[column] == nullptr || target < 0 || static_cast<std::size_t>(target) >= n ||
            columns_[static_cast<std::size_t>(target)] == nullptr) {
          close();
          continue;
        }
        const std::string_view value = fields[column];
        if (value.empty()) continue;  // an empty value fits any item
        const auto item = static_cast<std::size_t>(target);
        if (!fits(column, item)) {
          close();
          continue;
        }
        const ValueKind kind = kind_of_value(value);
        const ValueKind there = kind_of_field(*columns_[item]);
        const ValueKind here = kind_of_field(*columns_[column]);
        if (kind != ValueKind::none && kind == there && kind != here)
          run.lookalike.push_back(column);
        if (kind != ValueKind::none && kind == here && kind != there) run.own.push_back(column);
        if (own_error[column]) {
          run.failing.push_back(column);
          if (run.samples.size() < kSamples) run.samples.push_back({0, column, std::string(value)});
        } else if (discriminating(*columns_[item])) {
          run.confirming.push_back(column);
        }
      }
      close();
    }
  }
  if (tie) return std::nullopt;  // two shifts explain the row as well: neither is certain
  return best;
}

std::optional<ShiftedColumns::Block> ShiftedColumns::add(
    std::uint64_t row, std::uint64_t line, const std::vector<std::string_view>& fields,
    const std::optional<RowShift>& shift) {
  if (shift && current_ && current_->by == shift->by && row == current_->last_row + 1 &&
      shift->first <= current_->last && current_->first <= shift->last) {
    Block& block = *current_;
    block.first = std::min(block.first, shift->first);
    block.last = std::max(block.last, shift->last);
    block.last_row = row;
    ++block.rows;
    return std::nullopt;
  }
  std::optional<Block> ended = std::move(current_);
  current_.reset();
  if (shift) {
    Block block;
    block.by = shift->by;
    block.first = shift->first;
    block.last = shift->last;
    block.first_row = block.last_row = row;
    block.first_line = line;
    block.rows = 1;
    block.first_values.assign(fields.begin(), fields.end());
    for (Sample sample : shift->samples) {
      sample.row = row;
      block.samples.push_back(std::move(sample));
    }
    current_ = std::move(block);
  }
  return ended;
}

std::optional<ShiftedColumns::Block> ShiftedColumns::finish() {
  std::optional<Block> ended = std::move(current_);
  current_.reset();
  return ended;
}

std::string ShiftedColumns::columns_text(const Block& block,
                                         const std::vector<std::string>& headers) {
  assert(block.first <= block.last && block.last < headers.size());
  if (block.first == block.last)
    return "column " + std::to_string(block.first + 1) + " (" + headers[block.first] + ")";
  return "columns " + std::to_string(block.first + 1) + "–" + std::to_string(block.last + 1) +
         " (" + headers[block.first] + " … " + headers[block.last] + ")";
}

std::string ShiftedColumns::shift_text(int by) {
  assert(by != 0);
  const int n = by > 0 ? by : -by;
  return count_word(n) + (n == 1 ? " column" : " columns") +
         (by > 0 ? " to the left" : " to the right");
}

std::string ShiftedColumns::rows_text(const Block& block) {
  if (block.rows == 1) return "row " + std::to_string(block.first_row);
  return "rows " + std::to_string(block.first_row) + "–" + std::to_string(block.last_row) + " (" +
         std::to_string(block.rows) + " rows)";
}

std::string ShiftedColumns::samples_text(const Block& block,
                                         const std::vector<std::string>& headers) {
  std::string text;
  std::uint64_t row = 0;
  for (const Sample& sample : block.samples) {
    const auto item = static_cast<std::size_t>(static_cast<long>(sample.column) + block.by);
    assert(sample.column < headers.size() && item < headers.size());
    text += sample.row != row
                ? (text.empty() ? "row " : "; row ") + std::to_string(sample.row) + ": "
                : std::string(", ");
    row = sample.row;
    text += headers[sample.column] + " holds " + headers[item] + "'s " + sample.value;
  }
  return text;
}

}  // namespace gifkit::models
