// test_column_kinds.cpp — what a value looks like, and the columns whose
// values mostly belong to another item (value-in-wrong-column).
#include <catch2/catch.hpp>

#include "models/engine/checks/column_kinds.hpp"

using namespace gifkit::models;

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

TEST_CASE("kinds-1.2 a column most of whose values look like another item's") {
  FieldSpec extension;
  extension.label = "内線番号";
  extension.type = ValueType::halfwidth_alnum;
  FieldSpec phone;
  phone.label = "電話番号";
  phone.type = ValueType::phone;
  FieldSpec remarks;
  remarks.label = "備考";
  remarks.type = ValueType::text;
  ColumnKinds kinds({&extension, &phone, &remarks, nullptr});
  // 内線番号: 2 of 3 values are telephone numbers → both reported.
  kinds.add(0, 2, 2, "03-1111-2222");
  kinds.add(0, 3, 3, "123");
  kinds.add(0, 4, 4, "03-3333-4444");
  // 電話番号 holding telephone numbers: its own kind, nothing.
  kinds.add(1, 2, 2, "03-1111-2222");
  // 備考 is free text: never judged.
  kinds.add(2, 2, 2, "03-1111-2222");
  kinds.add(3, 2, 2, "03-1111-2222");
  auto wrong = kinds.wrong_cells();
  REQUIRE(wrong.size() == 2);
  CHECK(wrong[0].column == 0);
  CHECK(wrong[0].row == 2);
  CHECK(wrong[1].row == 4);
  CHECK(wrong[1].looks_like == ValueKind::phone);
}

TEST_CASE("kinds-1.3 a minority of odd values is not a wrong column") {
  FieldSpec extension;
  extension.label = "内線番号";
  extension.type = ValueType::halfwidth_alnum;
  ColumnKinds kinds({&extension});
  kinds.add(0, 2, 2, "03-1111-2222");
  kinds.add(0, 3, 3, "123");
  kinds.add(0, 4, 4, "456");
  CHECK(kinds.wrong_cells().empty());
}
