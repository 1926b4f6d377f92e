// corporation_view.hpp — the view of a corporation (one row of the 法人番号
// registry, HoujinRecord) for `gifkit lookup corporation` and the service:
// JSON with the National Tax Agency's field names in its column order, CSV
// with the same header, a text block (every filled field, code values
// named) and a text line per search match. See docs/lookup.md.
#pragma once
#include <iosfwd>
#include <string>

#include "registries/houjin/lookup/houjin_lookup.hpp"
#include "registries/houjin/names/houjin_search.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools {

// The record as a JSON object: NTA field name → value, in the NTA's order,
// each code followed by its name from the registry's tables (the change
// feed's and `lookup corporation`'s text): processName, kindName and
// closeCauseName ("" for an empty or unknown code).
Json corporation_json(const registries::houjin::HoujinRecord& record);
// The same object as JSON text, byte for byte json_text(corporation_json(record)),
// written directly: the service's lookup by number answers with it.
std::string corporation_json_text(const registries::houjin::HoujinRecord& record);

// The CSV header line (the NTA's field names) and one record's line.
std::string corporation_csv_header();
std::string corporation_csv_row(const registries::houjin::HoujinRecord& record);

// The number and name, then every other filled field on its own line, a
// code value followed by its name: "kind  301 (株式会社)".
void write_corporation_text(std::ostream& out, const registries::houjin::HoujinRecord& record);

// One line of a name search: number, name, address, kind, closeDate and how
// it matched.
void write_corporation_match_line(std::ostream& out, const registries::houjin::NameMatch& match);

// One line of a corporation's history: update date, process (named), change
// date, latest flag, name and address.
void write_corporation_history_line(std::ostream& out, const registries::houjin::HoujinRecord& row);

}  // namespace gifkit::tools
