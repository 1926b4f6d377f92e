// abr_record_view.hpp — the view of an Address Base Registry record (a
// prefecture, city or 町字 as abr_lookup.hpp gives it: field name → value in
// the ABR's column order) for `gifkit lookup address` and the service: JSON
// with the ABR's field names, CSV with the first record's header, a text
// block (every filled field) or a text line per 町字. See docs/lookup.md.
#pragma once
#include <iosfwd>
#include <vector>

#include "registries/abr/abr_lookup.hpp"
#include "tools/output/json_text.hpp"
#include "tools/output/output_format.hpp"

namespace gifkit::tools {

// The record as a JSON object: ABR field name → value.
Json abr_record_json(const registries::abr::AbrRecord& record);

// How write_abr_records shapes its output.
struct AbrRecordsLayout {
  bool one_object = false;  // json: a single record is the object itself, not an array
  bool text_lines = false;  // text: one line per 町字 instead of a block per record
};

// records in format (one of kLookupFormats); csv writes nothing for none.
void write_abr_records(std::ostream& out, OutputFormat format,
                       const std::vector<registries::abr::AbrRecord>& records,
                       AbrRecordsLayout layout);

}  // namespace gifkit::tools
