// houjin_csv_rows.hpp — reading the rows of a 法人番号 CSV into a
// HoujinRowStore: the NTA's 30-column bulk/diff files, and Web-API CSV
// answers (a leading count line, then records of 23 columns (v1), 28 (v2),
// 29 (v3) or 30 (v4), which are the first 23/28/29/30 of the 30 columns).
// UTF-8 or Shift_JIS/CP932 (grammars::CsvReader detects it).
#pragma once
#include "registries/db/source_files.hpp"
#include "registries/houjin/import/houjin_source.hpp"
#include "registries/houjin/import/houjin_store.hpp"

namespace gifkit::registries::houjin {

// Reads every record of source (a 30-column bulk/diff CSV) into store. A
// record without 30 fields, or one the CSV reader found malformed, is
// rejected. Returns why the records are not a whole day's diff
// (WholeDayCheck::reason), "" when they are. Throws RegistryError when the
// file cannot be read to the end.
std::string read_houjin_csv_rows(SourceStream& source, HoujinRowStore& store);

// Reads a Web-API CSV answer into store and returns its count line (empty
// when the first record is not one: then it is read as a row). Rows of 23
// fields (v1, no `latest`) are stored with latest_unknown. A record of any
// other count than 23/28/29/30 is rejected. Throws RegistryError when the
// file cannot be read to the end or a one-part answer holds fewer or more
// records than its count line announces (check_announced_count).
AnswerHeader read_houjin_webapi_csv_rows(SourceStream& source, HoujinRowStore& store);

}  // namespace gifkit::registries::houjin
