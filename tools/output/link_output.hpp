// link_output.hpp — `gifkit link`'s result written as csv (one row per link
// — two files — or per row of a cluster — one file), json (the whole
// result: the parameters, every link with its explanation, the clusters and
// the review list), ndjson (a line per link, then per cluster, then the
// summary) or text (a line per link saying why); and the review list (csv).
// docs/link.md shows each.
#pragma once
#include <initializer_list>
#include <ostream>
#include <string>

#include "models/engine/link/link.hpp"
#include "tools/output/output_format.hpp"

namespace gifkit::tools {

inline constexpr std::initializer_list<OutputFormat> kLinkFormats = {
    OutputFormat::csv, OutputFormat::json, OutputFormat::ndjson, OutputFormat::text};

void write_link_result(const models::LinkResult& result, OutputFormat format, std::ostream& out);

// The 1:N and N:1 links (two files) or the links of ambiguous clusters (one
// file), as csv: a reason, then the columns of the link csv.
void write_link_review(const models::LinkResult& result, std::ostream& out);

// "1,000 and 800 rows: 9,876 candidate pairs, 750 links (700 certain), 3 for review"
std::string link_summary_line(const models::LinkResult& result);

}  // namespace gifkit::tools
