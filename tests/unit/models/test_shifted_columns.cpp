// test_shifted_columns.cpp — a row whose values sit one or more columns away
// from their items (ShiftedColumns::row_shift, the rule of
// shifted_columns.hpp), the blocks consecutive shifted rows make, and their
// texts — on the columns 電話番号 … 画像_ライセンス of a 指定緊急避難場所一覧.
// room: checks
#include <catch2/catch.hpp>

#include "models/engine/checks/shifted_columns.hpp"
#include "models/engine/checks/value_checks.hpp"
#include "validate_test_support.hpp"

using namespace gifkit::models;
using gifkit::models::testing::check_resources;

namespace {

FieldSpec item_of_vocabulary(const char* label, ValueType type,
                             std::vector<std::string> values = {}) {
  FieldSpec spec = gifkit::models::testing::test_field(label, type);
  spec.values = std::move(values);
  return spec;
}

// 電話番号 … 画像_ライセンス, as the new 指定緊急避難場所一覧 orders them (shortened).
struct Columns {
  std::vector<FieldSpec> items{
      item_of_vocabulary("電話番号", ValueType::phone),
      item_of_vocabulary("郵便番号", ValueType::postal_code),
      item_of_vocabulary("市区町村コード", ValueType::local_government_code),
      item_of_vocabulary("地方公共団体名", ValueType::text),
      item_of_vocabulary("災害種別_洪水", ValueType::text, {"1"}),
      item_of_vocabulary("災害種別_地震", ValueType::text, {"1"}),
      item_of_vocabulary("指定避難所との重複", ValueType::text, {"1"}),
      item_of_vocabulary("想定収容人数", ValueType::text),
      item_of_vocabulary("URL", ValueType::url),
      item_of_vocabulary("画像", ValueType::url),
      item_of_vocabulary("画像_ライセンス", ValueType::text)};
  std::vector<const FieldSpec*> bound() const {
    std::vector<const FieldSpec*> out;
    for (const FieldSpec& spec : items) out.push_back(&spec);
    return out;
  }
  std::vector<std::string> headers() const {
    std::vector<std::string> out;
    for (const FieldSpec& spec : items) out.push_back(spec.label);
    return out;
  }
};

bool passes(const FieldSpec& field, std::string_view value) {
  std::vector<Finding> findings;
  check_value(field, value, check_resources(), findings);
  for (const Finding& finding : findings)
    if (finding.severity == Severity::error) return false;
  return true;
}

std::optional<ShiftedColumns::RowShift> shift_of(const Columns& columns,
                                                 const std::vector<std::string_view>& row) {
  std::vector<bool> own_error;
  for (std::size_t i = 0; i < row.size(); ++i)
    own_error.push_back(!row[i].empty() && !passes(columns.items[i], row[i]));
  return ShiftedColumns(columns.bound())
      .row_shift(row, own_error, [&](std::size_t column, std::size_t at) {
        return passes(columns.items[at], row[column]);
      });
}

const std::vector<std::string_view> kCorrect{"076-242-0001",
                                             "9218035",
                                             "172014",
                                             "石川県金沢市",
                                             "1",
                                             "1",
                                             "1",
                                             "500",
                                             "https://a.jp/e1",
                                             "https://a.jp/e1.jpg",
                                             "CC BY 4.0"};
// From 郵便番号 on, each value one column to the left (郵便番号's own left out).
const std::vector<std::string_view> kShifted{
    "076-242-0001", "172014",          "石川県金沢市",        "1",         "1", "1",
    "500",          "https://a.jp/e1", "https://a.jp/e1.jpg", "CC BY 4.0", ""};

}  // namespace

TEST_CASE("shifted-1.1 a row whose values sit one column to the left of their items") {
  const Columns columns;
  CHECK_FALSE(shift_of(columns, kCorrect).has_value());  // a correct row never is
  const auto shift = shift_of(columns, kShifted);
  REQUIRE(shift.has_value());
  CHECK(shift->by == 1);
  CHECK(shift->first == 1);  // 郵便番号 holds 市区町村コード's 172014
  CHECK(shift->last == 9);   // 画像 holds 画像_ライセンス's CC BY 4.0
  REQUIRE(shift->samples.size() == 3);
  CHECK(shift->samples[0].value == "172014");
  // The same row the other way: each value one column to the right of its item.
  std::vector<std::string_view> right{kCorrect.front(), ""};
  right.insert(right.end(), kCorrect.begin() + 1, kCorrect.end() - 1);
  const auto back = shift_of(columns, right);
  REQUIRE(back.has_value());
  CHECK(back->by == -1);
}

TEST_CASE("shifted-1.2 two mistakes are not a shift") {
  const Columns columns;
  // 郵便番号 holds a 全国地方公共団体コード and 画像 a licence, nothing between them.
  CHECK_FALSE(
      shift_of(columns, {"076-242-0001", "172014", "", "", "", "", "", "", "", "CC BY 4.0", ""})
          .has_value());
  // One failing value beside correct ones: the values between do not fit the shift.
  CHECK_FALSE(shift_of(columns, {"076-242-0001", "172014", "172014", "石川県金沢市", "1", "1", "1",
                                 "500", "https://a.jp/e1", "CC BY 4.0", "CC BY 4.0"})
                  .has_value());
}

TEST_CASE("shifted-1.3 consecutive shifted rows are one block, reported in words") {
  const Columns columns;
  ShiftedColumns shifted(columns.bound());
  const auto shift = shift_of(columns, kShifted);
  REQUIRE(shift.has_value());
  CHECK_FALSE(shifted.add(2, 2, kCorrect, std::nullopt).has_value());
  CHECK_FALSE(shifted.add(3, 3, kShifted, shift).has_value());
  CHECK_FALSE(shifted.add(4, 4, kShifted, shift).has_value());
  const auto block = shifted.add(5, 5, kCorrect, std::nullopt);  // a correct row ends it
  REQUIRE(block.has_value());
  CHECK(block->first_row == 3);
  CHECK(block->rows == 2);
  CHECK(block->first_value() == "172014");  // row 3, column 2 (郵便番号)
  CHECK_FALSE(shifted.finish().has_value());
  const auto headers = columns.headers();
  CHECK(ShiftedColumns::columns_text(*block, headers) == "columns 2–10 (郵便番号 … 画像)");
  CHECK(ShiftedColumns::rows_text(*block) == "rows 3–4 (2 rows)");
  CHECK(ShiftedColumns::shift_text(1) == "one column to the left");
  CHECK(ShiftedColumns::shift_text(-2) == "two columns to the right");
  CHECK(ShiftedColumns::samples_text(*block, headers) ==
        "row 3: 郵便番号 holds 市区町村コード's 172014, 市区町村コード holds 地方公共団体名's "
        "石川県金沢市, 指定避難所との重複 holds 想定収容人数's 500");
  // A row that is not the next one starts a block of its own.
  CHECK_FALSE(shifted.add(7, 7, kShifted, shift).has_value());
  const auto last = shifted.finish();
  REQUIRE(last.has_value());
  CHECK(ShiftedColumns::rows_text(*last) == "row 7");
}
