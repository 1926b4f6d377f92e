// number_marks_test.cpp — the marks of a 番地以下 (models/dictionaries/
// number_marks.tsv) and their one reader, grammars::read_number_marks: the
// file in the tree reads clean and is the text compiled in, longest
// spellings first, the number reader takes every spelling, and the
// reader's errors.
// room: dictionaries
#include <catch2/catch.hpp>

#include "dictionary_testing.hpp"
#include "grammars/dictionaries/dictionaries.hpp"
#include "grammars/dictionaries/number_marks.hpp"
#include "grammars/values/address_numbers.hpp"

using namespace gifkit::grammars;

TEST_CASE("number-marks-1 the file in models/dictionaries reads clean and is compiled in") {
  const NumberMarks table = read_dictionary_file("number_marks.tsv", read_number_marks);
  REQUIRE(table.at_start("番地の10") != nullptr);
  CHECK(table.at_start("番地の10")->mark == NumberMark::banchi);  // 番地 before 番
  CHECK(table.at_start("番3号")->mark == NumberMark::ban);
  CHECK(table.at_start("之2")->mark == NumberMark::no);
  CHECK(table.at_start("ビル") == nullptr);
  for (char32_t cp : {U'丁', U'目', U'番', U'地', U'号', U'の', U'ノ', U'之', U'-'})
    CHECK(table.in_a_mark(cp));
  CHECK_FALSE(table.in_a_mark(U'室'));
}

TEST_CASE("number-marks-2 the number reader takes every spelling of every mark") {
  for (const auto& spelling : number_marks().spellings()) {
    INFO(spelling.text);
    const AddressNumbers numbers = parse_address_numbers("12" + spelling.text + "3");
    REQUIRE(numbers.count == 2);
    CHECK(numbers.numbers[0].mark == spelling.mark);
    CHECK(numbers.numbers[1].value == 3);
  }
}

TEST_CASE("number-marks-3 the reader names the file and line of each error") {
  const NumberMarks table = read_with_errors(
      read_number_marks, "ban\t番\nbanchi\t番地\nroom\t室\nban\t番目\nno\tの|番\n", "m.tsv",
      {"m.tsv:3: mark is 'room'; expected chome, banchi, ban, go, no or hyphen",
       "m.tsv:4: mark ban is given twice", "m.tsv:5: the spelling '番' is given twice"});
  CHECK(table.spellings().size() == 2);
}
