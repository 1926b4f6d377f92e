// diff_output.hpp — the writers of `gifkit diff`: text (for people at a
// terminal), json and ndjson (for programs; docs/diff.schema.json), csv (the
// Tabular Diff Format, which `daff patch OLD DIFF.csv` applies) and html (a
// page to read), each a models::DiffSink writing to a stream as the rows
// come (csv keeps its rows in a spool until it knows its separator).
#pragma once
#include <memory>
#include <ostream>

#include "models/engine/diff/diff.hpp"
#include "tools/output/output_format.hpp"

namespace gifkit::tools {

// The formats diff writes.
inline constexpr std::initializer_list<OutputFormat> kDiffFormats = {
    OutputFormat::text, OutputFormat::json, OutputFormat::ndjson, OutputFormat::csv,
    OutputFormat::html};

// A writer of format (one of kDiffFormats) to out.
std::unique_ptr<models::DiffSink> make_diff_writer(OutputFormat format, std::ostream& out);

namespace diff_detail {
std::unique_ptr<models::DiffSink> make_text_writer(std::ostream& out);
std::unique_ptr<models::DiffSink> make_json_writer(std::ostream& out, bool lines);
std::unique_ptr<models::DiffSink> make_tdf_writer(std::ostream& out);
std::unique_ptr<models::DiffSink> make_html_writer(std::ostream& out);

// "名称=値, 所在地=…" of the key's values of row, for messages.
std::string key_description(const models::DiffLayout& layout, const models::RowDiff& row);
// The one-line summary: "2 changed, 1 added, … (of 100 rows in NEW)".
std::string summary_line(const models::DiffSummary& summary);
}  // namespace diff_detail

}  // namespace gifkit::tools
