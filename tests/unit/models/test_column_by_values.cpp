// test_column_by_values.cpp — the item a column no header binds is, by its
// values and its header (column_by_values.hpp): certain for the labels of
// the item's own code list and for a header that names the item with values
// of its kind; a suggestion otherwise; never an item that has a column.
// room: checks
#include <catch2/catch.hpp>

#include "models/engine/checks/column_by_values.hpp"
#include "validate_test_support.hpp"

using namespace gifkit::models;
using gifkit::models::testing::check_resources;

namespace {

FieldSpec item_of_codelist(const char* label, ValueType type, const char* codelist = "") {
  FieldSpec spec = gifkit::models::testing::test_field(label, type);
  spec.codelist = codelist;
  return spec;
}

// gif:LegalEntity shortened: 商号または名称, 組織種別, 電話番号, FAX番号, 設立年月日.
Model legal_entity() {
  Model model;
  model.id = "test:LegalEntity";
  model.fields = {item_of_codelist("商号または名称", ValueType::text),
                  item_of_codelist("組織種別", ValueType::code, "LegalEntityKindCodeList"),
                  item_of_codelist("電話番号", ValueType::phone),
                  item_of_codelist("FAX番号", ValueType::phone),
                  item_of_codelist("設立年月日", ValueType::date)};
  return model;
}

std::vector<ValueBinding> bind(const Model& model, const std::vector<std::string>& headers,
                               const std::vector<const FieldSpec*>& bound,
                               const std::vector<std::vector<std::string_view>>& rows) {
  ColumnKinds kinds(bound, &model, &check_resources());
  std::uint64_t row = 2;
  for (const auto& values : rows) kinds.add_row(row, row, values), ++row;
  return columns_by_values(model, headers, bound, kinds);
}

}  // namespace

TEST_CASE("by-values-1.1 the labels of an item's own code list bind it") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const Model model = legal_entity();
  const auto found = bind(model, {"商号または名称", "種別"}, {&model.fields[0], nullptr},
                          {{"株式会社ＧＩＦ", "株式会社"},
                           {"ＧＩＦ商事", "その他の設立登記法人"},
                           {"ＧＩＦ合同会社", "合同会社"}});
  REQUIRE(found.size() == 1);
  CHECK(found[0].column == 1);
  CHECK(found[0].field == &model.fields[1]);
  CHECK(found[0].certain);
  CHECK(found[0].evidence == "3 of its 3 values are labels of LegalEntityKindCodeList");
}

TEST_CASE("by-values-1.2 a header that names the item, and values of its kind") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const Model model = legal_entity();
  const std::vector<std::vector<std::string_view>> phones{
      {"03-1111-2222"}, {"03-1111-3333"}, {"06-1111-4444"}, {"06-1111-5555"}};
  // 電話 is 電話番号 less 番号: certain, though FAX番号 holds telephone numbers too.
  auto found = bind(model, {"電話"}, {nullptr}, phones);
  REQUIRE(found.size() == 1);
  CHECK(found[0].field == &model.fields[2]);
  CHECK(found[0].certain);
  CHECK(found[0].by_header);
  CHECK(found[0].evidence ==
        "its header names 電話番号 and 4 of its 4 values are telephone numbers");
  found = bind(model, {"TEL"}, {nullptr}, phones);
  REQUIRE(found.size() == 1);
  CHECK(found[0].certain);
  // A header that names neither: a suggestion of both.
  found = bind(model, {"連絡先"}, {nullptr}, phones);
  REQUIRE(found.size() == 1);
  CHECK_FALSE(found[0].certain);
  CHECK(found[0].field == &model.fields[2]);
  REQUIRE(found[0].others.size() == 1);
  CHECK(found[0].others[0] == &model.fields[3]);
  // 電話番号 has a column: 電話 is then no candidate of it, only of FAX番号 (a suggestion).
  found = bind(model, {"電話番号", "電話"}, {&model.fields[2], nullptr},
               {{"03-1111-2222", "03-1111-2222"},
                {"03-1111-3333", "03-1111-3333"},
                {"06-1111-4444", "06-1111-4444"}});
  REQUIRE(found.size() == 1);
  CHECK(found[0].field == &model.fields[3]);
  CHECK_FALSE(found[0].certain);
}

TEST_CASE("by-values-1.3 a column of dates is not 設立年月日 because the model has one") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const Model model = legal_entity();
  const auto found =
      bind(model, {"登録日"}, {nullptr}, {{"2024-04-01"}, {"2024-05-01"}, {"2024-06-01"}});
  REQUIRE(found.size() == 1);
  CHECK_FALSE(found[0].certain);  // a suggestion (info), never a binding
}

TEST_CASE("by-values-1.4 too few values, or too few of one kind: nothing") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const Model model = legal_entity();
  CHECK(bind(model, {"種別"}, {nullptr}, {{"株式会社"}, {"合同会社"}}).empty());
  CHECK(bind(model, {"種別"}, {nullptr},
             {{"株式会社"},
              {"合同会社"},
              {"株式会社"},
              {"個人商店"},
              {"株式会社"},
              {"合同会社"},
              {"株式会社"},
              {"合同会社"},
              {"株式会社"},
              {"個人商店"}})
            .empty());  // 8 of 10
}

TEST_CASE("by-values-1.5 header words: a suffix left out, another spelling of a word") {
  CHECK(header_points_at("電話", item_of_codelist("電話番号", ValueType::phone)));
  CHECK(header_points_at("ＴＥＬ", item_of_codelist("電話番号", ValueType::phone)));
  CHECK(header_points_at("〒", item_of_codelist("郵便番号", ValueType::postal_code)));
  CHECK(header_points_at("市区町村", item_of_codelist("市区町村名", ValueType::text)));
  CHECK_FALSE(header_points_at("FAX", item_of_codelist("電話番号", ValueType::phone)));
  CHECK_FALSE(header_points_at("種別", item_of_codelist("組織種別", ValueType::code)));
}
