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
    OutputFormat::csv, OutputFormat::json, OutputFormat::ndjson, OutputFormat::text,
    OutputFormat::html};

// One page a person reviews (link_html.cpp): the review list or the audit's
// findings first, then every link with its explanation; or a list of
// corporations with the 法人番号 each row was linked to.
void write_link_html(const models::LinkResult& result, std::ostream& out);

void write_link_result(const models::LinkResult& result, OutputFormat format, std::ostream& out);

// The 1:N and N:1 links (two files) or the links of ambiguous clusters (one
// file), as csv: a reason, then the columns of the link csv.
void write_link_review(const models::LinkResult& result, std::ostream& out);

// An audit's findings (link --audit) as csv (a row per finding: its kind,
// pattern, IDs, the two rows with their files, then the columns of the link
// csv), json, ndjson or text.
void write_link_audit(const models::LinkResult& result, OutputFormat format, std::ostream& out);

// A list of corporations linked to the registry: a row per row of the list
// (csv: left_row,corporate_number,rule,certain,name,address,candidates, then
// both sides' names and addresses and the registered corporation's status),
// json, ndjson or text.
// review_only: only the rows for review (--review FILE).
void write_corporation_links(const models::LinkResult& result, OutputFormat format,
                             std::ostream& out, bool review_only = false);

// "1,000 and 800 rows: 9,876 candidate pairs, 750 links (700 certain), 3 for review"
std::string link_summary_line(const models::LinkResult& result);

}  // namespace gifkit::tools
