// eras_test.cpp — the eras (models/dictionaries/eras.tsv) and their one
// reader, grammars::read_eras: the file in the tree reads clean and is the
// text compiled in, the date grammar reads every spelling of it, and the
// reader's errors.
// room: dictionaries
#include <catch2/catch.hpp>

#include "dictionary_testing.hpp"
#include "grammars/dictionaries/dictionaries.hpp"
#include "grammars/values/date.hpp"
#include "grammars/values/eras.hpp"

using namespace gifkit::grammars;

TEST_CASE("eras-1 the file in models/dictionaries reads clean and is compiled in") {
  const auto table = read_dictionary_file("eras.tsv", read_eras);
  REQUIRE(table.size() == 5);
  CHECK(table[0].name == "明治");
  CHECK(table[0].first_day == CalendarDate{1868, 1, 25});
  CHECK(table[4].name == "令和");
  CHECK(table[4].variants == std::vector<std::string>{"㋿", "R", "r"});
  CHECK(table[4].first_day == CalendarDate{2019, 5, 1});
  CHECK(table[4].last_day == CalendarDate{9999, 12, 31});
  CHECK(eras().size() == table.size());
}

TEST_CASE("eras-2 the date grammar reads every spelling of every era") {
  for (const auto& era : eras()) {
    std::vector<std::string> spellings = era.variants;
    spellings.push_back(era.name);
    for (const std::string& spelling : spellings) {
      INFO(spelling);
      const auto date = parse_loose_date(spelling + "2年3月4日");
      REQUIRE(date);
      CHECK(date->year == era.first_day.year + 1);
    }
  }
}

TEST_CASE("eras-3 the reader names the file and line of each error") {
  const auto table = read_with_errors(
      read_eras,
      "1989-01-08\t2019-04-30\t平成|H\n"
      "2019-05-01\t令和\n"
      "2019-05-01\tsoon\t令和\n"
      "2019-05-01\t2019-04-01\t令和\n"
      "2019-04-01\t-\t令和|㋿\n"
      "2019-05-01\t-\tれいわ|H\n"
      "2019-05-01\t-\tReiwa|R\n",
      "e.tsv",
      {"e.tsv:2: expected 3 tab-separated fields, the last canonical|variant|…, found 2",
       "e.tsv:3: first_day and last_day must be YYYY-MM-DD (last_day may be -)",
       "e.tsv:4: last_day is before first_day",
       "e.tsv:6: the spelling 'H' is given twice",  // 平成's
       "e.tsv:5: first_day is not after the previous era's last_day"});
  REQUIRE(table.size() == 2);
  CHECK(table[1].name == "Reiwa");
}
