// place_qualifiers.hpp — the words written before a 町字 name that people may
// leave out (大字池島 = 池島, 字スガ峯 = スガ峯), with their readings. The table
// is data, models/dictionaries/place_qualifiers.tsv (compiled in,
// dictionaries.hpp); this file reads it and applies it. Used wherever 町字
// names are compared: the ABR's search keys and address matcher
// (registries/abr/) and validate's registry address rules.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::grammars {

// One line of the table.
struct PlaceQualifier {
  std::string written;                // 大字
  std::vector<std::string> readings;  // オオアザ おおあざ
};

class PlaceQualifiers {
 public:
  const std::vector<PlaceQualifier>& qualifiers() const { return qualifiers_; }

  // The qualifier name starts with (the longest), or nullptr.
  const PlaceQualifier* leading(std::string_view name) const;

  // name without the qualifier it starts with: "大字池島" → "池島",
  // "字スガ峯" → "スガ峯", "池島" → "池島". One qualifier only.
  std::string_view without_qualifier(std::string_view name) const;

  // The reading of name without the reading of the qualifier name starts
  // with: ("大字池島", "オオアザイケジマ") → "イケジマ"; reading unchanged
  // when name has no qualifier or reading does not start with its reading.
  std::string_view reading_without_qualifier(std::string_view name, std::string_view reading) const;

 private:
  friend PlaceQualifiers read_place_qualifiers(std::string_view, std::string_view,
                                               std::vector<std::string>&);
  std::vector<PlaceQualifier> qualifiers_;  // longest written first
};

// Reads the table from text, the content of a place_qualifiers.tsv: lines of
// `written|reading|…`, blank lines and # comments skipped. Errors
// ("source:line: reason") go to errors for an empty spelling or one with a
// space, a line with a tab, and a spelling given twice; those lines are left
// out of the table.
PlaceQualifiers read_place_qualifiers(std::string_view text, std::string_view source,
                                      std::vector<std::string>& errors);

// The table compiled in from models/dictionaries/place_qualifiers.tsv, read
// once. Throws std::logic_error when it has an error (the unit tests read
// the same file).
const PlaceQualifiers& place_qualifiers();

}  // namespace gifkit::grammars
