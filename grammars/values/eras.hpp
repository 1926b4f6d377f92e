// eras.hpp — the Japanese eras (元号: 明治 大正 昭和 平成 令和) with their
// spellings and Gregorian spans. The table is data, models/dictionaries/
// eras.tsv (compiled in, dictionaries.hpp); this file reads it. The date
// grammar (date.cpp) reads 和暦 through it.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "grammars/values/date.hpp"

namespace gifkit::grammars {

// One line of the table.
struct JapaneseEra {
  std::string name;                   // 令和
  std::vector<std::string> variants;  // ㋿ R r
  CalendarDate first_day;             // 2019-05-01: 元年's first day
  CalendarDate last_day;              // 9999-12-31 for the era still running
};

// Reads the table from text, the content of an eras.tsv: lines of
// `first_day<TAB>last_day<TAB>name|variant|…`, blank lines and # comments
// skipped. Errors ("source:line: reason") go to errors for a day that is
// not YYYY-MM-DD (last_day may be -), a span that ends before it begins or
// begins before the previous era ends, an empty spelling or one with a
// space, and a spelling given twice; those lines are left out.
std::vector<JapaneseEra> read_eras(std::string_view text, std::string_view source,
                                   std::vector<std::string>& errors);

// The eras compiled in from models/dictionaries/eras.tsv, oldest first, read
// once. Throws std::logic_error when it has an error (the unit tests read
// the same file).
const std::vector<JapaneseEra>& eras();

}  // namespace gifkit::grammars
