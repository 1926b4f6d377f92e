// report.cpp — the quality summaries of the report model (report.hpp):
// completeness and conformity of one file, as the GIF data-quality guidebook
// (ISO/IEC 25012) defines them where they can be measured from the file alone.
#include "models/engine/report/report.hpp"

namespace gifkit::models {

namespace {

// part / whole, clamped to [0, 1]; 1 when whole is 0 (nothing to judge).
double ratio_or_one(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return 1.0;
  if (part >= whole) return 1.0;
  return static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

// Filled cells over expected cells, counting only the columns mapped to a
// model item (unknown columns say nothing about the model's completeness).
double TaskReport::completeness() const {
  std::uint64_t filled_cells = 0;
  std::uint64_t mapped_columns = 0;
  for (const ItemQuality& item : quality) {
    if (item.item.empty()) continue;
    ++mapped_columns;
    filled_cells += item.filled;
  }
  return ratio_or_one(filled_cells, stats.rows * mapped_columns);
}

TaskReport::NotChecked TaskReport::not_checked() const {
  NotChecked out;
  for (const ItemQuality& item : quality) {
    if (!item.item.empty() || item.filled == 0) continue;
    out.cells += item.filled;
    ++out.columns;
  }
  return out;
}

// Share of data rows that have no error.
double TaskReport::conformity() const {
  std::uint64_t rows_with_errors_clamped =
      rows_with_errors < stats.rows ? rows_with_errors : stats.rows;
  return ratio_or_one(stats.rows - rows_with_errors_clamped, stats.rows);
}

std::string_view baseline_state_name(BaselineState state) {
  switch (state) {
    case BaselineState::new_:
      return "new";
    case BaselineState::unchanged:
      return "unchanged";
    case BaselineState::none:
      break;
  }
  return "";
}

}  // namespace gifkit::models
