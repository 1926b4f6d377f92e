// national_cities.hpp — gifkit's national table of cities: which city a
// 全国地方公共団体コード is, from models/dictionaries/national_cities.tsv (the
// ABR's 市区町村マスター mt_city_all, written by scripts/national_cities.py and
// compiled in), read here alone. validate compares the city of a code with
// the city an address names through it where no registry is given
// (models/engine/lookups/city_codes.hpp asks the registry first: it may be
// newer). A prefecture's own code (NN000C) is answered with its name and no
// city; a code the table has not got (abolished before it, formed after it,
// or none) is not answered.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::registries::abr {

// One line of the table.
struct NationalCity {
  std::string lg_code;     // 全国地方公共団体コード, six digits
  std::string prefecture;  // 都道府県
  std::string county;      // 郡 ("" for most)
  std::string city;        // 市区町村 ("" for a prefecture's own code)
  std::string ward;        // 政令市の区 ("" for most)
};

// The table in a text: lines of `lg_code<TAB>prefecture<TAB>county<TAB>city
// <TAB>ward`, blank lines and # comments skipped, its date from a comment
// `# date: YYYY-MM-DD`. Errors ("source:line: reason": not five fields, an
// lg_code that is not six digits with its check digit, no city, a code
// given twice, no date) go to errors and their lines are left out.
struct NationalCities {
  std::vector<NationalCity> cities;  // in lg_code order
  std::string date;                  // the ABR's release the table was made from
};
NationalCities read_national_cities(std::string_view text, std::string_view source,
                                    std::vector<std::string>& errors);

// The compiled-in table, read once. Throws std::logic_error when the file
// has an error (the unit tests read the same text).
const NationalCities& national_cities();

// The city of lg_code (six digits), or of a prefecture's own code its
// prefecture alone (city ""); nullptr when the table has not got it.
const NationalCity* national_city(std::string_view lg_code);

}  // namespace gifkit::registries::abr
