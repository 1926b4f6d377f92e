// test_header_matcher.cpp — HeaderMatcher against the shipped models: exact
// labels and English ids, width and bracket folding, equivalent and
// non-standard aliases, near misses (and when a header is not one), part
// prefixes written with separators, unknown headers and score() ordering.
// room: dataset
#include "model_test_support.hpp"
#include "models/engine/dataset/header_matcher.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

// What a header binds to, for one CHECK per aspect with the header in the message.
struct Bound {
  HeaderMatch match;
  std::string path;  // "" when unknown
  std::string standard_label;
};

Bound bind(const Model& model, const std::string& header) {
  const ColumnBinding binding = HeaderMatcher(model).match(header);
  INFO(model.id << ": header " << header);
  CHECK(binding.header == header);  // kept as written
  CHECK((binding.field == nullptr) == (binding.match == HeaderMatch::unknown));
  return Bound{binding.match, binding.field != nullptr ? binding.field->path : "",
               binding.standard_label};
}

void check_bound(const Model& model, const std::string& header, HeaderMatch match,
                 const std::string& path, const std::string& standard_label) {
  INFO(model.id << ": header " << header);
  const Bound bound = bind(model, header);
  CHECK(bound.match == match);
  CHECK(bound.path == path);
  CHECK(bound.standard_label == standard_label);
}

void check_unknown(const Model& model, const std::string& header) {
  INFO(model.id << ": header " << header);
  const Bound bound = bind(model, header);
  CHECK(bound.match == HeaderMatch::unknown);
  CHECK(bound.path.empty());
  CHECK(bound.standard_label.empty());
}

}  // namespace

TEST_CASE("header-1.1 GIF item names match exactly, with the display label") {
  const Model& person = shipped_model("gif:Person");
  check_bound(person, "氏", HeaderMatch::exact, "familyName", "氏");
  check_bound(person, "名", HeaderMatch::exact, "givenName", "名");
  check_bound(person, "氏（カナ）", HeaderMatch::exact, "familyNameKana", "氏（カナ）");
  check_bound(person, "氏名", HeaderMatch::exact, "fullName", "氏名");
  check_bound(person, "生年月日", HeaderMatch::exact, "dateOfBirth", "生年月日");
  // Items of a prefix-optional part, bare and with the part's label.
  check_bound(person, "都道府県", HeaderMatch::exact, "address.prefecture", "都道府県");
  check_bound(person, "住所都道府県", HeaderMatch::exact, "address.prefecture", "都道府県");
  check_bound(person, "連結表記", HeaderMatch::exact, "address.fullAddress", "連結表記");
  // A part whose prefix is required is displayed with it.
  const Model& legal = shipped_model("gif:LegalEntity");
  check_bound(legal, "代表者氏名", HeaderMatch::exact, "representative.fullName", "代表者_氏名");
  check_bound(legal, "法人番号", HeaderMatch::exact, "legalEntityNumber", "法人番号");
}

TEST_CASE("header-1.2 English item ids match exactly, case-insensitive") {
  const Model& person = shipped_model("gif:Person");
  check_bound(person, "familyName", HeaderMatch::exact, "familyName", "氏");
  check_bound(person, "FAMILYNAME", HeaderMatch::exact, "familyName", "氏");
  // Full-width letters bind, as a look-alike of the id.
  check_bound(person, "ｆａｍｉｌｙＮａｍｅ", HeaderMatch::look_alike, "familyName", "氏");
  check_bound(person, "dateOfBirth", HeaderMatch::exact, "dateOfBirth", "生年月日");
  // The id of a prefix-optional part's item.
  check_bound(person, "prefecture", HeaderMatch::exact, "address.prefecture", "都道府県");
  // The id of a required-prefix part's item is not a header by itself.
  const Model& legal = shipped_model("gif:LegalEntity");
  check_unknown(legal, "familyName");
}

TEST_CASE("header-1.3 width and space variants bind as look-alikes; bracket width is no variant") {
  const Model& person = shipped_model("gif:Person");
  // The catalog writes 建物名等(方書) with ASCII brackets, the GIF's data
  // dictionary both ways: both forms match exactly.
  check_bound(person, "建物名等(方書)", HeaderMatch::exact, "address.buildingNameEtc",
              "建物名等(方書)");
  check_bound(person, "建物名等（方書）", HeaderMatch::exact, "address.buildingNameEtc",
              "建物名等(方書)");
  // The catalog writes 氏（カナ） with full-width brackets; ASCII ones match too.
  check_bound(person, "氏(カナ)", HeaderMatch::exact, "familyNameKana", "氏（カナ）");
  // Half-width katakana in a header folds to full-width: a look-alike.
  check_bound(person, "氏(ｶﾅ)", HeaderMatch::look_alike, "familyNameKana", "氏（カナ）");
  // Spaces, ASCII or ideographic: a look-alike.
  check_bound(person, " 氏　名 ", HeaderMatch::look_alike, "fullName", "氏名");
  check_bound(person, "氏名 ", HeaderMatch::look_alike, "fullName", "氏名");
  // Full-width letters in a label with Latin letters: a look-alike; case is no variant.
  const Model& legal = shipped_model("gif:LegalEntity");
  check_bound(legal, "ＷｅｂサイトＵＲＬ", HeaderMatch::look_alike, "webSiteUrl", "WebサイトURL");
  check_bound(legal, "webサイトurl", HeaderMatch::exact, "webSiteUrl", "WebサイトURL");
}

TEST_CASE("header-1.4 equivalent aliases are accepted and point at the standard item") {
  const Model& person = shipped_model("gif:Person");
  check_bound(person, "姓", HeaderMatch::equivalent, "familyName", "氏");
  check_bound(person, "姓（カナ）", HeaderMatch::equivalent, "familyNameKana", "氏（カナ）");
  check_bound(person, "住所", HeaderMatch::equivalent, "address.fullAddress", "連結表記");
  check_bound(person, "市区町村", HeaderMatch::equivalent, "address.cityAndCounty",
              "市区町村（郡）");
  check_bound(person, "氏名（フリガナ）", HeaderMatch::equivalent, "fullNameKana", "氏名（カナ）");
  const Model& legal = shipped_model("gif:LegalEntity");
  check_bound(legal, "登記住所", HeaderMatch::equivalent, "registeredAddress.fullAddress",
              "連結表記");
  check_bound(legal, "商号又は名称", HeaderMatch::equivalent, "tradeName", "商号または名称");
}

TEST_CASE("header-1.5 non-standard aliases bind to the item but are flagged") {
  const Model& person = shipped_model("gif:Person");
  check_bound(person, "セイ", HeaderMatch::nonstandard, "familyNameKana", "氏（カナ）");
  check_bound(person, "メイ", HeaderMatch::nonstandard, "givenNameKana", "名（カナ）");
  check_bound(person, "ｾｲ", HeaderMatch::nonstandard, "familyNameKana", "氏（カナ）");
  check_bound(person, "フリガナ", HeaderMatch::nonstandard, "fullNameKana", "氏名（カナ）");
  check_bound(person, "苗字", HeaderMatch::nonstandard, "familyName", "氏");
  check_bound(person, "現住所", HeaderMatch::nonstandard, "address.fullAddress", "連結表記");
  const Model& legal = shipped_model("gif:LegalEntity");
  check_bound(legal, "会社名", HeaderMatch::nonstandard, "tradeName", "商号または名称");
  check_bound(legal, "本店所在地", HeaderMatch::nonstandard, "registeredAddress.fullAddress",
              "連結表記");
}

TEST_CASE("header-1.6 near misses: one character off an item name") {
  const Model& person = shipped_model("gif:Person");
  // 群 for 郡: a typo of the item name.
  check_bound(person, "市区町村（群）", HeaderMatch::near_miss, "address.cityAndCounty",
              "市区町村（郡）");
  check_bound(person, "市区町村(群)", HeaderMatch::near_miss, "address.cityAndCounty",
              "市区町村（郡）");
  // A missing character and an extra one.
  check_bound(person, "生年月", HeaderMatch::near_miss, "dateOfBirth", "生年月日");
  check_bound(person, "郵便番号号", HeaderMatch::near_miss, "address.postalCode", "郵便番号");
  // Two characters off a long (8+ characters) header is still a near miss...
  check_bound(person, "建物名等（方書きき）", HeaderMatch::near_miss, "address.buildingNameEtc",
              "建物名等(方書)");
  // ...but not a short one.
  check_unknown(person, "生年");
}

TEST_CASE("header-1.7 what is never a near miss: one character, ties, far headers") {
  const Model& person = shipped_model("gif:Person");
  // 性 is one character off 性別, but a one-character header is never a near miss.
  check_unknown(person, "性");
  // Two characters are enough: 性差 is one off 性別 and nothing else.
  check_bound(person, "性差", HeaderMatch::near_miss, "sex", "性別");
  // 大（カナ） is one character off both 氏（カナ） and 名（カナ）: a tie, no match.
  check_unknown(person, "大（カナ）");
  check_unknown(person, "大(カナ)");
  // An exact label is never reported as a near miss of another item.
  check_bound(person, "氏", HeaderMatch::exact, "familyName", "氏");
}

TEST_CASE("header-1.8 part prefixes written with separators (gif:LegalEntity)") {
  const Model& legal = shipped_model("gif:LegalEntity");
  const std::string path = "registeredAddress.prefecture";
  check_bound(legal, "登記住所都道府県", HeaderMatch::exact, path, "都道府県");
  check_bound(legal, "登記住所_都道府県", HeaderMatch::exact, path, "都道府県");
  check_bound(legal, "登記住所(都道府県)", HeaderMatch::exact, path, "都道府県");
  check_bound(legal, "登記住所（都道府県）", HeaderMatch::exact, path, "都道府県");
  check_bound(legal, "登記住所・都道府県", HeaderMatch::exact, path, "都道府県");
  check_bound(legal, "登記住所.都道府県", HeaderMatch::exact, path, "都道府県");
  check_bound(legal, "登記住所／都道府県", HeaderMatch::exact, path, "都道府県");
  // The part's other prefixes.
  check_bound(legal, "本店所在地_都道府県", HeaderMatch::exact, path, "都道府県");
  check_bound(legal, "所在地・都道府県", HeaderMatch::exact, path, "都道府県");
  // A bracketed item that itself has brackets.
  check_bound(legal, "登記住所(市区町村(郡))", HeaderMatch::exact,
              "registeredAddress.cityAndCounty", "市区町村（郡）");
  // An alias behind a prefix keeps its kind.
  check_bound(legal, "登記住所_市区町村", HeaderMatch::equivalent,
              "registeredAddress.cityAndCounty", "市区町村（郡）");
  // A required prefix with a separator.
  check_bound(legal, "代表者_氏名", HeaderMatch::exact, "representative.fullName", "代表者_氏名");
  check_bound(legal, "代表者・氏名", HeaderMatch::exact, "representative.fullName", "代表者_氏名");
  // A separator alone does not make an unknown item known.
  check_unknown(legal, "登記住所_趣味");
}

TEST_CASE("header-1.9 unknown headers bind to nothing") {
  const Model& person = shipped_model("gif:Person");
  check_unknown(person, "趣味");
  check_unknown(person, "登録日");
  check_unknown(person, "");
  check_unknown(person, "   ");
  check_unknown(person, "X");
  check_unknown(person, "totally unrelated header");
}

TEST_CASE("header-1.10 match_all keeps the order and the headers as written") {
  const Model& person = shipped_model("gif:Person");
  const HeaderMatcher matcher(person);
  const std::vector<std::string> headers = {"姓", "趣味", "セイ", "氏"};
  const std::vector<ColumnBinding> bindings = matcher.match_all(headers);
  REQUIRE(bindings.size() == 4);
  CHECK(bindings[0].header == "姓");
  CHECK(bindings[0].match == HeaderMatch::equivalent);
  CHECK(bindings[1].match == HeaderMatch::unknown);
  CHECK(bindings[2].match == HeaderMatch::nonstandard);
  CHECK(bindings[3].match == HeaderMatch::exact);
  // 姓 and 氏 bind to the same field: the validator reports the copy, not the matcher.
  CHECK(bindings[0].field == bindings[3].field);
  CHECK(matcher.match_all({}).empty());
}

TEST_CASE("header-1.11 score: exact and equivalent count 2, other matches 1, unknown 0") {
  const Model& person = shipped_model("gif:Person");
  const HeaderMatcher matcher(person);
  CHECK(matcher.score({}) == 0);
  CHECK(matcher.score({"氏"}) == 2);
  CHECK(matcher.score({"姓"}) == 2);
  CHECK(matcher.score({"セイ"}) == 1);
  CHECK(matcher.score({"市区町村（群）"}) == 1);
  CHECK(matcher.score({"趣味"}) == 0);
  CHECK(matcher.score({"氏", "姓", "セイ", "市区町村（群）", "趣味"}) == 6);
}

TEST_CASE("header-1.12 score: a header fits the model it was written for best") {
  const Model& person = shipped_model("gif:Person");
  const Model& legal = shipped_model("gif:LegalEntity");
  const std::vector<std::string> legal_header = {"法人番号", "商号または名称", "組織種別",
                                                 "登記住所_都道府県", "設立年月日"};
  const int legal_score = HeaderMatcher(legal).score(legal_header);
  const int person_score = HeaderMatcher(person).score(legal_header);
  CHECK(legal_score == 10);
  CHECK(person_score < legal_score);
  const std::vector<std::string> person_header = {"氏",         "名",   "氏（カナ）",
                                                  "名（カナ）", "性別", "生年月日"};
  CHECK(HeaderMatcher(person).score(person_header) == 12);
  CHECK(HeaderMatcher(legal).score(person_header) < 12);
}

TEST_CASE("header-1.13 display_label: the part prefix only when it is required") {
  const Model& legal = shipped_model("gif:LegalEntity");
  const FieldSpec* representative = legal.find_field("representative.familyName");
  const FieldSpec* registered = legal.find_field("registeredAddress.prefecture");
  const FieldSpec* own = legal.find_field("tradeName");
  REQUIRE(representative != nullptr);
  REQUIRE(registered != nullptr);
  REQUIRE(own != nullptr);
  CHECK(HeaderMatcher::display_label(*representative) == "代表者_氏");
  CHECK(HeaderMatcher::display_label(*registered) == "都道府県");
  CHECK(HeaderMatcher::display_label(*own) == "商号または名称");
}

TEST_CASE("header-1.14 the registries' English column names bind whatever their case") {
  const Model& legal = shipped_model("gif:LegalEntity");
  for (const char* header :
       {"corporate_number", "corporateNumber", "Corporate Number", "CORPORATE-NUMBER"})
    check_bound(legal, header, HeaderMatch::equivalent, "legalEntityNumber", "法人番号");
  check_bound(legal, "legalEntityNumber", HeaderMatch::exact, "legalEntityNumber", "法人番号");
  check_bound(legal, "legal_entity_number", HeaderMatch::exact, "legalEntityNumber", "法人番号");
  check_bound(legal, "name", HeaderMatch::equivalent, "tradeName", "商号または名称");
  check_bound(legal, "postCode", HeaderMatch::equivalent, "registeredAddress.postalCode",
              "郵便番号");
  check_bound(legal, "location", HeaderMatch::equivalent, "registeredAddress.fullAddress",
              "連結表記");
  check_unknown(legal, "procurement_item");
  check_unknown(legal, "corporate number 2");
}

TEST_CASE("header-1.15 a municipal dataset's 所在地 block binds as the gif:Address part") {
  const Model& toilet = shipped_model("opendata:public-toilet");
  check_bound(toilet, "所在地_都道府県", HeaderMatch::exact, "location.prefecture",
              "所在地_都道府県");
  // The sheet's own names are the labels shown (a standard alias).
  check_bound(toilet, "所在地_市区町村", HeaderMatch::exact, "location.cityAndCounty",
              "所在地_市区町村");
  check_bound(toilet, "町字ID", HeaderMatch::exact, "location.streetAddressId", "町字ID");
  check_bound(toilet, "全国地方公共団体コード", HeaderMatch::exact, "localGovernmentCode",
              "全国地方公共団体コード");
  check_bound(toilet, "所在地_全国地方公共団体コード", HeaderMatch::exact,
              "location.localGovernmentCode", "所在地_全国地方公共団体コード");
}

TEST_CASE("header-1.16 a dash or 一 written for ー binds as a look-alike of the item") {
  const Model& evacuation = shipped_model("opendata:evacuation-space");
  const ColumnBinding mail = HeaderMatcher(evacuation).match("連絡先メールアドレス");
  REQUIRE(mail.field != nullptr);
  CHECK(mail.match == HeaderMatch::exact);
  for (const char* written :
       {"連絡先メ―ルアドレス", "連絡先メ‐ルアドレス", "連絡先メ−ルアドレス", "連絡先メ一ルアドレス",
        "連絡先メｰルアドレス", "連絡先メールアドレス　"}) {
    check_bound(evacuation, written, HeaderMatch::look_alike, mail.field->path,
                "連絡先メールアドレス");
  }
  const Model& toilet = shipped_model("opendata:public-toilet");
  const ColumnBinding toilets = HeaderMatcher(toilet).match("バリアフリートイレ数");
  REQUIRE(toilets.field != nullptr);
  check_bound(toilet, "バリアフリ―トイレ数", HeaderMatch::look_alike, toilets.field->path,
              "バリアフリートイレ数");
  // 一 after a kanji is the kanji: 一覧 is no look-alike of ー覧.
  check_unknown(toilet, "一覧番号");
  // The message says what differs.
  CHECK(HeaderMatcher::describe_lookalike("ＩＤ ") == "full-width ＩＤ, a space");
  CHECK(HeaderMatcher::describe_lookalike("メ一ル―ｱﾄﾞﾚｽ") ==
        "一 for ー, ― for ー, half-width katakana");
  CHECK(HeaderMatcher::describe_lookalike("氏（カナ）").empty());
}

TEST_CASE("header-1.17 part prefixes: separators are forms, look-alikes in the item are not") {
  const Model& legal = shipped_model("gif:LegalEntity");
  check_bound(legal, "代表者_氏名", HeaderMatch::exact, "representative.fullName", "代表者_氏名");
  check_bound(legal, "代表者.氏名", HeaderMatch::exact, "representative.fullName", "代表者_氏名");
  check_bound(legal, "代表者(氏名)", HeaderMatch::exact, "representative.fullName", "代表者_氏名");
  check_bound(legal, "代表者_氏 名", HeaderMatch::look_alike, "representative.fullName",
              "代表者_氏名");
  check_bound(legal, "代表者＿氏名", HeaderMatch::look_alike, "representative.fullName",
              "代表者_氏名");
}

namespace {

// The field paths match_all binds the headers of one file to ("" for unknown), the
// matcher made as the commands make it (header_matcher_of: with the GIF releases' items).
std::vector<std::string> bound_paths(const Model& model, const std::vector<std::string>& headers) {
  std::vector<std::string> paths;
  for (const ColumnBinding& binding :
       header_matcher_of(shipped_catalog(), model)->match_all(headers)) {
    CHECK((binding.field == nullptr) == (binding.match == HeaderMatch::unknown));
    paths.push_back(binding.field != nullptr ? binding.field->path : "");
  }
  return paths;
}

}  // namespace

TEST_CASE("header-1.18 a near miss never takes an item another column of the file holds") {
  // The six cases of issue #54 (part 7), each a column beside the item it was bound to.
  const Model& tourism = shipped_model("suisho:tourism");
  const FieldSpec* name = tourism.find_item("名称");
  const FieldSpec* barrier_free = tourism.find_item("バリアフリー情報");
  const FieldSpec* image = tourism.find_item("画像");
  REQUIRE(name != nullptr);
  REQUIRE(barrier_free != nullptr);
  REQUIRE(image != nullptr);
  CHECK(bound_paths(tourism, {"名称", "通称"}) == std::vector<std::string>{name->path, ""});
  CHECK(bound_paths(tourism, {"通称", "名称"}) == std::vector<std::string>{"", name->path});
  CHECK(bound_paths(tourism, {"バリアフリー情報", "バリアフリー対応"}) ==
        std::vector<std::string>{barrier_free->path, ""});
  CHECK(bound_paths(tourism, {"画像", "画像2"}) == std::vector<std::string>{image->path, ""});
  const Model& food = shipped_model("suisho:food-business");
  const FieldSpec* kana = food.find_item("施設名称_カナ");
  const FieldSpec* business = food.find_item("業態");
  REQUIRE(kana != nullptr);
  REQUIRE(business != nullptr);
  CHECK(bound_paths(food, {"施設名称_カナ", "施設名称_英字"}) ==
        std::vector<std::string>{kana->path, ""});
  CHECK(bound_paths(food, {"業種", "業態"}) == std::vector<std::string>{"", business->path});
  // Two near misses of one item: neither is certain.
  CHECK(bound_paths(food, {"業種", "業能"}) == std::vector<std::string>{"", ""});
  // Alone, 業種 is still read as a near miss of 業態 (a non-standard name).
  CHECK(bound_paths(food, {"業種"}) == std::vector<std::string>{business->path});
}

TEST_CASE("header-1.19 an item of a GIF release or an item's variant is no near miss") {
  // 市区町村（カナ） is an item of v2.3: under the 2025 class it is unknown, never 市区町村（郡）.
  const Model& address_2025 = shipped_model("gif2025:Address");
  CHECK(address_2025.find_field("cityAndCountyKana") == nullptr);
  CHECK(bound_paths(address_2025, {"市区町村（カナ）"}) == std::vector<std::string>{""});
  CHECK(bound_paths(address_2025, {"市区町村", "市区町村（カナ）"}) ==
        std::vector<std::string>{"cityAndCounty", ""});
  const Model& address = shipped_model("gif:Address");
  CHECK(bound_paths(address, {"市区町村", "市区町村（カナ）", "建物名等（方書）_読み仮名"}) ==
        std::vector<std::string>{"cityAndCounty", "cityAndCountyKana", "buildingNameEtcKana"});
  // A variant of the model's own item (名称 + _英字) is not a typo of 名称_英語.
  const Model& tourism = shipped_model("suisho:tourism");
  CHECK(bound_paths(tourism, {"名称_英字"}) == std::vector<std::string>{""});
  // A typo of nothing else still binds.
  CHECK(bound_paths(address, {"市区町村（群）"}) == std::vector<std::string>{"cityAndCounty"});
}
