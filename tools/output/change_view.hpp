// change_view.hpp — the view of the 法人番号 change feed's events
// (registries/houjin/changes/change_feed.hpp) for `gifkit registry changes` and the
// service's GET /v1/changes: a JSON object (the kind, the process code, the
// dates, the columns that changed, and the state before and after with the
// NTA's field names, as /v1/corporations writes them), a CSV row with the
// same facts flat, and a text line. See docs/registry.md.
#pragma once
#include <iosfwd>
#include <string>

#include "registries/houjin/changes/change_feed.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools {

// {"corporateNumber", "name", "kind", "process", "processName",
// "correction", "updateDate", "changeDate", "changed": [field names],
// "before": {…} or null, "after": {…}}. name is the name after the change,
// or before it when the row has none (a deletion).
Json change_json(const registries::houjin::ChangeEvent& event);

// The CSV header line: the event's facts, then before_FIELD and
// after_FIELD for each state column (registries::houjin::is_state_column).
std::string change_csv_header();
// One event's CSV line; changed is the field names separated by spaces.
std::string change_csv_row(const registries::houjin::ChangeEvent& event);

// "NUMBER  NAME  SUMMARY" (registries::houjin::change_summary) and a newline.
void write_change_text(std::ostream& out, const registries::houjin::ChangeEvent& event);

}  // namespace gifkit::tools
