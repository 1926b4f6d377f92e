// place_qualifiers_test.cpp — the place qualifiers (models/dictionaries/
// place_qualifiers.tsv) and their one reader, grammars::read_place_qualifiers:
// the file in the tree reads clean and is the text compiled in; names and
// readings without their qualifier; the reader's errors.
// room: dictionaries
#include <catch2/catch.hpp>

#include "dictionary_testing.hpp"
#include "grammars/dictionaries/dictionaries.hpp"
#include "grammars/dictionaries/place_qualifiers.hpp"

using namespace gifkit::grammars;

TEST_CASE("place-qualifiers-1 the file in models/dictionaries reads clean and is compiled in") {
  const PlaceQualifiers table = read_dictionary_file("place_qualifiers.tsv", read_place_qualifiers);
  REQUIRE(table.qualifiers().size() == 2);
  CHECK(table.qualifiers()[0].written == "大字");  // the longest first
  CHECK(table.qualifiers()[0].readings == std::vector<std::string>{"オオアザ", "おおあざ"});
  CHECK(table.qualifiers()[1].written == "字");
}

TEST_CASE("place-qualifiers-2 names and readings without their qualifier") {
  const PlaceQualifiers& table = place_qualifiers();
  CHECK(table.without_qualifier("大字池島") == "池島");
  CHECK(table.without_qualifier("字スガ峯") == "スガ峯");
  CHECK(table.without_qualifier("大字字池島") == "字池島");  // one qualifier only
  CHECK(table.without_qualifier("池島") == "池島");
  CHECK(table.without_qualifier("小字池島") == "小字池島");  // not listed
  CHECK(table.reading_without_qualifier("大字池島", "オオアザイケジマ") == "イケジマ");
  CHECK(table.reading_without_qualifier("大字池島", "おおあざいけじま") == "いけじま");
  CHECK(table.reading_without_qualifier("字スガ峯", "アザスガミネ") == "スガミネ");
  CHECK(table.reading_without_qualifier("池島", "オオアザイケジマ") == "オオアザイケジマ");
  CHECK(table.reading_without_qualifier("大字池島", "イケジマ") == "イケジマ");
}

TEST_CASE("place-qualifiers-3 the reader names the file and line of each error") {
  const PlaceQualifiers table = read_with_errors(
      read_place_qualifiers, "大字|オオアザ\n字\tアザ\n小 字|コアザ\n字|オオアザ\n", "q.tsv",
      {"q.tsv:2: expected 1 tab-separated fields, the last canonical|variant|…, found 2",
       "q.tsv:3: the spelling '小 字' holds a space",
       "q.tsv:4: the spelling 'オオアザ' is given twice"});
  CHECK(table.qualifiers().size() == 1);
}
