// test_column_kinds.cpp — what a value looks like, the columns whose values
// mostly belong to another item (value-in-wrong-column), and what the values
// of a column no item is bound to are (the profile column_by_values weighs).
// room: checks
#include <catch2/catch.hpp>

#include "models/engine/checks/column_kinds.hpp"
#include "validate_test_support.hpp"

using namespace gifkit::models;
using gifkit::models::testing::check_resources;

namespace {

// One row of values for add_row.
void add(ColumnKinds& kinds, std::uint64_t row, std::vector<std::string_view> fields) {
  kinds.add_row(row, row, fields);
}

FieldSpec field(const char* label, ValueType type, Width width = Width::any) {
  FieldSpec spec = gifkit::models::testing::test_field(label, type);
  spec.width = width;
  return spec;
}

}  // namespace

TEST_CASE("kinds-1.1 what a value looks like") {
  CHECK(kind_of_value("03-5253-5111") == ValueKind::phone);
  CHECK(kind_of_value("0352535111") == ValueKind::none);  // digits alone: no hyphens, no phone
  CHECK(kind_of_value("info@city.example.lg.jp") == ValueKind::email);
  CHECK(kind_of_value("1120001") == ValueKind::postal_code);
  CHECK(kind_of_value("112-0001") == ValueKind::postal_code);
  CHECK(kind_of_value("https://www.city.bunkyo.lg.jp/") == ValueKind::url);
  CHECK(kind_of_value("2024-04-01") == ValueKind::date);
  CHECK(kind_of_value("東京都") == ValueKind::prefecture);
  CHECK(kind_of_value("和歌山県") == ValueKind::prefecture);
  CHECK(kind_of_value("北海道") == ValueKind::prefecture);
  CHECK(kind_of_value("県") == ValueKind::none);
  CHECK(kind_of_value("あいう県") == ValueKind::none);  // not kanji
  CHECK(kind_of_value("1234") == ValueKind::none);
  CHECK(kind_of_value("") == ValueKind::none);
}

TEST_CASE("kinds-1.1b a kind whose grammar already passed gives the same answers") {
  // passed skips that kind's grammar only: the checks before it still run.
  CHECK(kind_of_value("03-5253-5111", ValueKind::phone) == ValueKind::phone);
  CHECK(kind_of_value("https://www.city.bunkyo.lg.jp/", ValueKind::url) == ValueKind::url);
  CHECK(kind_of_value("1120001", ValueKind::postal_code) == ValueKind::postal_code);
  CHECK(kind_of_value("2024-04-01", ValueKind::date) == ValueKind::date);
  CHECK(kind_of_value("info@city.example.lg.jp", ValueKind::email) == ValueKind::email);
  // A URL with user info has '@': it is judged as an e-mail address first, as without passed.
  CHECK(kind_of_value("https://user@example.jp/", ValueKind::url) ==
        kind_of_value("https://user@example.jp/"));
  // A date-looking value in a phone column is still a date; a phone without a hyphen none.
  CHECK(kind_of_value("2024-04-01", ValueKind::phone) == ValueKind::date);
  CHECK(kind_of_value("0352535111", ValueKind::phone) == ValueKind::none);
  // Dates only in the ISO form (check_date's other forms are never ok).
  CHECK(kind_of_value("令和6年4月1日") == ValueKind::none);
  CHECK(kind_of_value("2024/04/01") == ValueKind::none);
  CHECK(kind_of_value("2024-02-30") == ValueKind::none);
}

TEST_CASE("kinds-1.2 a column most of whose values look like another item's") {
  FieldSpec extension = field("内線番号", ValueType::halfwidth_alnum);
  FieldSpec phone = field("電話番号", ValueType::phone);
  FieldSpec remarks = field("備考", ValueType::text);
  ColumnKinds kinds({&extension, &phone, &remarks, nullptr});
  // 内線番号: 2 of 3 values are telephone numbers → both reported. 電話番号
  // holding telephone numbers: its own kind, nothing. 備考 is free text:
  // never judged.
  add(kinds, 2, {"03-1111-2222", "03-1111-2222", "03-1111-2222", "03-1111-2222"});
  add(kinds, 3, {"123"});
  add(kinds, 4, {"03-3333-4444"});
  auto wrong = kinds.wrong_cells();
  REQUIRE(wrong.size() == 2);
  CHECK(wrong[0].column == 0);
  CHECK(wrong[0].row == 2);
  CHECK(wrong[1].row == 4);
  CHECK(wrong[1].looks_like == ValueKind::phone);
}

TEST_CASE("kinds-1.3 a minority of odd values is not a wrong column") {
  FieldSpec extension = field("内線番号", ValueType::halfwidth_alnum);
  ColumnKinds kinds({&extension});
  add(kinds, 2, {"03-1111-2222"});
  add(kinds, 3, {"123"});
  add(kinds, 4, {"456"});
  CHECK(kinds.wrong_cells().empty());
}

TEST_CASE("kinds-1.3b seven bare digits in a column of letters and digits are no postal codes") {
  // An ID column of seven-digit numbers is correct data; 123-4567 is a postal code
  // anywhere, and seven digits are one in a column of telephone numbers.
  FieldSpec number = field("施設番号", ValueType::halfwidth_alnum);
  FieldSpec phone = field("電話番号", ValueType::phone);
  ColumnKinds kinds({&number, &phone});
  for (std::uint64_t row = 2; row < 12; ++row) add(kinds, row, {"1310001", "1120001"});
  auto wrong = kinds.wrong_cells();
  REQUIRE(wrong.size() == 10);
  for (const auto& cell : wrong) CHECK(cell.column == 1);

  ColumnKinds hyphenated({&number});
  for (std::uint64_t row = 2; row < 12; ++row) add(hyphenated, row, {"112-0001"});
  CHECK(hyphenated.wrong_cells().size() == 10);
}

TEST_CASE("kinds-1.4 codes with their check digit: 全国地方公共団体コード and 法人番号") {
  CHECK(kind_of_value("172014") == ValueKind::local_government_code);
  CHECK(kind_of_value("172015") == ValueKind::none);  // the check digit is 4
  CHECK(kind_of_value("482010") == ValueKind::none);  // no prefecture 48
  CHECK(kind_of_value("8000012010038") == ValueKind::corporate_number);
  CHECK(kind_of_value("8000012010039") == ValueKind::none);
  FieldSpec code = field("全国地方公共団体コード", ValueType::local_government_code);
  CHECK(kind_of_field(code) == ValueKind::local_government_code);
}

TEST_CASE("kinds-1.5 内線番号 holding the row's 全国地方公共団体コード") {
  FieldSpec code = field("市区町村コード", ValueType::local_government_code);
  FieldSpec extension = field("内線番号", ValueType::text, Width::halfwidth);
  SECTION("the row's own code in 3 of 3 rows: each cell, naming the column it repeats") {
    ColumnKinds kinds({&code, &extension});
    for (std::uint64_t row = 2; row <= 4; ++row) add(kinds, row, {"172014", "172014"});
    const auto wrong = kinds.wrong_cells();
    REQUIRE(wrong.size() == 3);
    CHECK(wrong[0].looks_like == ValueKind::local_government_code);
    CHECK(wrong[0].same_as == 0);
  }
  SECTION("codes that are not the row's (extensions whose check digit fits): nothing") {
    ColumnKinds kinds({&code, &extension});
    for (std::uint64_t row = 2; row <= 4; ++row) add(kinds, row, {"172014", "131059"});
    CHECK(kinds.wrong_cells().empty());
  }
  SECTION("fewer than 3 values, or fewer than 90 % of them: nothing") {
    ColumnKinds two({&code, &extension});
    for (std::uint64_t row = 2; row <= 3; ++row) add(two, row, {"172014", "172014"});
    CHECK(two.wrong_cells().empty());
    ColumnKinds most({&code, &extension});
    for (std::uint64_t row = 2; row <= 9; ++row) add(most, row, {"172014", "172014"});
    add(most, 10, {"172014", "1234"});
    CHECK(most.wrong_cells().empty());  // 8 of 9: 89 %
  }
  SECTION("an item whose name names a code or an identifier is never judged for codes") {
    FieldSpec area = field("地域コード", ValueType::halfwidth_alnum);
    FieldSpec owner = field("情報の管理主体_法人番号", ValueType::halfwidth_alnum);
    ColumnKinds kinds({&code, &area, &owner});
    for (std::uint64_t row = 2; row <= 4; ++row)
      add(kinds, row, {"172014", "172014", "8000012010038"});
    CHECK(kinds.wrong_cells().empty());
  }
  SECTION("法人番号 under another header: never a wrong column (a correct list may repeat one)") {
    ColumnKinds kinds({&code, &extension});
    for (std::uint64_t row = 2; row <= 4; ++row) add(kinds, row, {"172014", "8000012010038"});
    CHECK(kinds.wrong_cells().empty());
  }
  SECTION("a key (ID) is never judged for codes: its values are its publisher's choice") {
    FieldSpec id = field("ID", ValueType::halfwidth_alnum);
    id.key = true;
    ColumnKinds kinds({&code, &id});
    for (std::uint64_t row = 2; row <= 4; ++row) add(kinds, row, {"172014", "172014"});
    CHECK(kinds.wrong_cells().empty());
  }
}

TEST_CASE("kinds-1.6 the profile of a column no item is bound to") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  Model model;
  model.fields.push_back(field("組織種別", ValueType::code));
  model.fields.back().codelist = "LegalEntityKindCodeList";
  model.fields.push_back(field("電話番号", ValueType::phone));
  ColumnKinds kinds({nullptr, nullptr}, &model, &check_resources());
  add(kinds, 2, {"株式会社", "03-1111-2222"});
  add(kinds, 3, {"その他の設立登記法人", "03-1111-3333"});
  add(kinds, 4, {"株式会社", ""});
  const ColumnKinds::Profile* kind = kinds.profile(0);
  REQUIRE(kind != nullptr);
  CHECK(kind->filled == 3);
  CHECK(kind->labels.at("LegalEntityKindCodeList") == 3);
  const ColumnKinds::Profile* phone = kinds.profile(1);
  REQUIRE(phone != nullptr);
  CHECK(phone->filled == 2);
  CHECK(phone->kinds[static_cast<int>(ValueKind::phone)] == 2);
  ColumnKinds bound({&model.fields[0]}, &model, &check_resources());
  CHECK(bound.profile(0) == nullptr);
}
