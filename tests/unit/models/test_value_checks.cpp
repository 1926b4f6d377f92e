// test_value_checks.cpp — check_value on one cell, per value type and
// constraint, with the real code lists (GIF_Core_CodeList.xsd) and JIS X
// 0208/0213 tables (moji/) from the published data; FieldPattern (xs:pattern)
// and suggest_city_block on their own.
// room: checks
#include <utility>

#include "models/engine/checks/character_checks.hpp"
#include "models/engine/checks/value_checks.hpp"
#include "validate_test_support.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

FieldSpec make_field(ValueType type, Width width = Width::any, std::string_view charset = "any") {
  FieldSpec field;
  field.path = "test";
  field.id = "test";
  field.label = "テスト";
  field.type = type;
  field.width = width;
  field.charset = parse_charset(charset).value();
  return field;
}

std::vector<Finding> check(const FieldSpec& field, std::string_view value,
                           const CheckResources& resources = check_resources()) {
  std::vector<Finding> findings;
  check_value(field, value, resources, findings);
  return findings;
}

std::string codes_of(const std::vector<Finding>& findings) {
  std::string text;
  for (const Finding& finding : findings) {
    if (!text.empty()) text += ",";
    text += std::string(finding.code) + "[" + finding.suggestion + "]";
  }
  return text;
}

// Exactly one finding, with this code, severity and suggestion; returns it.
Finding check_one(const FieldSpec& field, std::string_view value, std::string_view code,
                  Severity severity, const std::string& suggestion) {
  const std::vector<Finding> findings = check(field, value);
  INFO("value " << value << " -> " << codes_of(findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == code);
  CHECK(findings[0].severity == severity);
  CHECK(findings[0].suggestion == suggestion);
  CHECK_FALSE(findings[0].reason.empty());
  // A fix is the suggestion as a value: from the value read, to the suggestion.
  if (!findings[0].fix.empty()) {
    CHECK(findings[0].fix.from == value);
    CHECK(findings[0].fix.to == suggestion);
  }
  return findings[0];
}

void check_ok(const FieldSpec& field, std::string_view value) {
  const std::vector<Finding> findings = check(field, value);
  INFO("value " << value << " -> " << codes_of(findings));
  CHECK(findings.empty());
}

}  // namespace

TEST_CASE("value-1.1 katakana: full-width passes, half-width and hiragana are fixed") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const FieldSpec& kana = *shipped_model("gif:Person").find_field("familyNameKana");
  REQUIRE(kana.type == ValueType::katakana);
  check_ok(kana, "ヤマダ");
  check_ok(kana, "ヤマダ タロウ");
  check_ok(kana, "ヴォーン・ウィリアムズ");
  check_one(kana, "ﾔﾏﾀﾞ", "wrong-width", Severity::warning, "ヤマダ");
  check_one(kana, "ﾔﾏﾀﾞ ﾀﾛｳ", "wrong-width", Severity::warning, "ヤマダ タロウ");
  check_one(kana, "ｽｽﾞｷ", "wrong-width", Severity::warning, "スズキ");
  check_one(kana, "さとう", "character-not-allowed", Severity::error, "サトウ");
  // Kanji cannot be turned into katakana: no suggestion.
  check_one(kana, "山田", "character-not-allowed", Severity::error, "");
}

TEST_CASE("value-1.1b katakana: full-width katakana outside the item's set is still reported") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const CharacterChecker& characters = *check_resources().characters;
  // Full-width katakana text skips the character scan only where the set
  // holds every character it may have (character_checks.hpp).
  CHECK(characters.holds_katakana_text(make_field(ValueType::katakana)));
  CHECK(characters.holds_katakana_text(make_field(ValueType::katakana, Width::any, "jisx0213")));
  const FieldSpec jis0208 = make_field(ValueType::katakana, Width::any, "jisx0208");
  CHECK_FALSE(characters.holds_katakana_text(jis0208));  // no ヷ (U+30F7)
  const FieldSpec hiragana = make_field(ValueType::katakana, Width::any, "hiragana");
  CHECK_FALSE(characters.holds_katakana_text(hiragana));
  check_ok(jis0208, "ヴァイオリン");
  const Finding va =
      check_one(jis0208, "ヷイオリン", "character-not-allowed", Severity::error, "ワイオリン");
  CHECK_THAT(va.reason, Catch::Contains("(U+30F7"));
  CHECK_THAT(va.reason, Catch::Contains("not in JIS X 0208"));
  CHECK(codes_of(check(hiragana, "ヤマダ")) == "character-not-allowed[]");
  check_ok(make_field(ValueType::katakana, Width::any, "jisx0213"), "ヷイオリン　ヤマダ");
}

TEST_CASE("value-1.2 text: a character outside JIS X 0213 is named, with its MJ number and 縮退") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  REQUIRE(check_resources().characters != nullptr);
  const FieldSpec& family = *shipped_model("gif:Person").find_field("familyName");
  REQUIRE(family.charset.name == "jisx0213");
  check_ok(family, "山田");
  check_ok(family, "山﨑");  // 﨑 is in JIS X 0213 (not in JIS X 0208)
  // 髙 is in neither (JIS X 0212 and vendor sets only); MJ 縮退 gives 高.
  const Finding taka = check_one(family, "髙橋", "character-not-allowed", Severity::error, "高橋");
  CHECK(taka.reason ==
        "has 髙 (U+9AD9, MJ028902) at character 1, not in JIS X 0213 → 高 (mj-shrink: "
        "MJ028902)");
  // A character nothing replaces: named, no suggestion.
  const Finding emoji = check_one(family, "山田😀", "character-not-allowed", Severity::error, "");
  CHECK_THAT(emoji.reason, Catch::Contains("😀 (U+1F600) at character 3, not in JIS X 0213"));
  CHECK_THAT(emoji.reason, Catch::Contains("no replacement"));
  // Every character outside the set is named, counted as a person counts them.
  const Finding two = check_one(family, "😀山😎", "character-not-allowed", Severity::error, "");
  CHECK_THAT(two.reason, Catch::StartsWith("has 2 characters not in JIS X 0213: "));
  CHECK_THAT(two.reason, Catch::Contains("(U+1F600) at character 1"));
  CHECK_THAT(two.reason, Catch::Contains("(U+1F60E) at character 3"));
  // 邉 with a selector: one character; its base is in the set, so the selector goes.
  const Finding hen = check_one(family, "渡\xE9\x82\x89\xF3\xA0\x84\x8F", "character-not-allowed",
                                Severity::error, "渡邉");
  CHECK_THAT(hen.reason, Catch::Contains("(U+9089 U+E010F, MJ026190) at character 2"));
  CHECK_THAT(hen.reason, Catch::Contains("drop-selector"));
  // Several candidates: named with their MJ rows, no suggestion.
  const Finding ambiguous =
      check_one(family, "\xE3\x90\x84", "character-not-allowed", Severity::error, "");
  CHECK_THAT(ambiguous.reason,
             Catch::Contains("牛 (mj-shrink: MJ000007, MJ000008, MJ068055) or 井"));
  CHECK_THAT(ambiguous.reason, Catch::Contains("a person chooses"));
}

TEST_CASE("value-1.3 text: JIS X 0208, other sets, no charset, and no tables loaded") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const FieldSpec narrow = make_field(ValueType::text, Width::any, "jisx0208");
  check_ok(narrow, "山崎");
  const Finding saki = check_one(narrow, "山﨑", "character-not-allowed", Severity::error, "山崎");
  CHECK_THAT(saki.reason, Catch::Contains("﨑 (U+FA11, base MJ030196, MJ030197) at character 2"));
  CHECK_THAT(saki.reason, Catch::Contains("not in JIS X 0208 → 崎 (nta-map: NTA 1-47-82"));
  // A lone selector is not a character at all.
  const Finding lone =
      check_one(narrow, "\xF3\xA0\x84\x82山", "character-not-allowed", Severity::error, "");
  CHECK_THAT(lone.reason, Catch::Contains("a variation selector with no character before it"));
  const FieldSpec levels12 = make_field(ValueType::text, Width::any, "jisx0213:1-2");
  check_one(levels12, "飛驒", "character-not-allowed", Severity::error, "飛騨");
  const FieldSpec mj = make_field(ValueType::text, Width::any, "mj");
  check_ok(mj, "髙橋");
  check_ok(mj, "渡\xE9\x82\x89\xF3\xA0\x84\x8F");
  check_one(mj, "한", "character-not-allowed", Severity::error, "");
  const FieldSpec hiragana = make_field(ValueType::text, Width::any, "hiragana");
  check_ok(hiragana, "やまだ たろう");
  check_one(hiragana, "ヤマダ", "character-not-allowed", Severity::error, "");
  // A field without a character set takes anything printable.
  check_ok(make_field(ValueType::text), "山田😀");
  // Without the tables the set is not checked at all.
  const FieldSpec wide = make_field(ValueType::text, Width::any, "jisx0213");
  CHECK(check(wide, "山田😀", CheckResources{}).empty());
}

TEST_CASE("value-1.4 text: control characters and half-width katakana") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const FieldSpec text = make_field(ValueType::text, Width::any, "jisx0213");
  check_one(text, "abc\x01", "character-not-allowed", Severity::error, "");
  check_one(text, "山\x1b田", "character-not-allowed", Severity::error, "");
  check_one(text, "山\xC2\x85田", "character-not-allowed", Severity::error, "");  // U+0085 (C1)
  check_ok(text, "山\t田");                                                       // TAB is allowed
  check_one(text, "ﾔﾏﾀﾞ商店", "wrong-width", Severity::warning, "ヤマダ商店");
}

TEST_CASE("value-1.5 width: full-width fields with half-width letters, and the reverse") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const FieldSpec& trade = *shipped_model("gif:LegalEntity").find_field("tradeName");
  REQUIRE(trade.width == Width::fullwidth);
  check_ok(trade, "株式会社ＧＩＦ");
  check_one(trade, "株式会社GIF", "wrong-width", Severity::warning, "株式会社ＧＩＦ");
  check_one(trade, "第2営業所", "wrong-width", Severity::warning, "第２営業所");
  const FieldSpec half = make_field(ValueType::text, Width::halfwidth);
  check_ok(half, "ABC-123");
  check_one(half, "ＡＢＣ－１２３", "wrong-width", Severity::warning, "ABC-123");
}

TEST_CASE("value-1.6 half-width alphanumeric") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const FieldSpec& en = *shipped_model("gif:Person").find_field("familyNameEn");
  REQUIRE(en.type == ValueType::halfwidth_alnum);
  check_ok(en, "Yamada");
  check_ok(en, "O'Brien-Smith");
  check_one(en, "Ｙａｍａｄａ", "wrong-width", Severity::warning, "Yamada");
  check_one(en, "山田", "character-not-allowed", Severity::error, "");
}

TEST_CASE("value-1.7 code lists: code accepted, label and full-width fixed, others listed") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  REQUIRE(check_resources().code_lists != nullptr);
  const FieldSpec& sex = *shipped_model("gif:Person").find_field("sex");
  REQUIRE(sex.codelist == "SexCodeList");
  check_ok(sex, "2");
  check_ok(sex, "9");
  // The label for its code: the same information, fixed with certainty.
  const Finding label = check_one(sex, "女性", "code-label", Severity::warning, "2");
  CHECK(label.fix.rule == "code-label");
  CHECK(label.fix.from == "女性");
  CHECK(label.fix.to == "2");
  CHECK(label.fix.certainty == FixCertainty::certain);
  const Finding width = check_one(sex, "２", "wrong-width", Severity::warning, "2");
  CHECK(width.fix.rule == "halfwidth-ascii");
  const Finding five = check_one(sex, "5", "not-in-code-list", Severity::error,
                                 "one of: 0 不明, 1 男性, 2 女性, 9 適用不能");
  CHECK(five.codelist == "SexCodeList");
  CHECK(five.fix.empty());  // a list in words is advice, not a fix
  CHECK_THAT(five.reason, Catch::Contains("SexCodeList"));
  check_one(sex, "女", "not-in-code-list", Severity::error,
            "one of: 0 不明, 1 男性, 2 女性, 9 適用不能");
  // A long list shows its first 12 entries.
  const FieldSpec& country = *shipped_model("gif:Person").find_field("nationality");
  check_ok(country, "JPN");
  check_one(country, "日本国", "code-label", Severity::warning, "JPN");
  const Finding xyz = check(country, "XYZ").at(0);
  CHECK(xyz.code == "not-in-code-list");
  CHECK_THAT(xyz.suggestion, Catch::EndsWith(", …"));
  // Without code lists, or for a list that does not exist, nothing is checked.
  CHECK(check(sex, "5", CheckResources{}).empty());
  FieldSpec unknown_list = make_field(ValueType::code);
  unknown_list.codelist = "NoSuchCodeList";
  check_ok(unknown_list, "anything");
}

TEST_CASE("value-1.8 numbers: integers and decimals") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const FieldSpec integer = make_field(ValueType::integer);
  check_ok(integer, "1000");
  check_ok(integer, "-5");
  check_ok(integer, "+5");
  check_ok(integer, "0");
  check_one(integer, "１０００", "wrong-width", Severity::warning, "1000");
  check_one(integer, "1,000", "invalid-format", Severity::error, "1000");
  check_one(integer, "１，０００", "invalid-format", Severity::error, "1000");
  check_one(integer, "1.5", "invalid-format", Severity::error, "");
  check_one(integer, "abc", "invalid-format", Severity::error, "");
  check_one(integer, "-", "invalid-format", Severity::error, "");
  const FieldSpec decimal = make_field(ValueType::decimal);
  check_ok(decimal, "35.6895");
  check_ok(decimal, "-139.6917");
  check_ok(decimal, "35");
  check_one(decimal, "35.", "invalid-format", Severity::error, "");
  check_one(decimal, ".5", "invalid-format", Severity::error, "");
  check_one(decimal, "３５．６", "wrong-width", Severity::warning, "35.6");
  check_one(decimal, "1,234.5", "invalid-format", Severity::error, "1234.5");
}

TEST_CASE("value-1.9 time: hh:mm or hh:mm:ss") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const FieldSpec time = make_field(ValueType::time);
  check_ok(time, "09:30");
  check_ok(time, "00:00");
  check_ok(time, "23:59:59");
  // 24:00 is the end of a day (DS-441's 時間帯 23:00/24:00): a closing time;
  // nothing past it.
  check_ok(time, "24:00");
  check_ok(time, "24:00:00");
  check_one(time, "24:01", "invalid-format", Severity::error, "");
  check_one(time, "24:00:01", "invalid-format", Severity::error, "");
  check_one(time, "25:00", "invalid-format", Severity::error, "");
  // A one-digit hour: the same time with its leading zero (time-form, certain).
  check_one(time, "9:30", "invalid-format", Severity::error, "09:30");
  check_one(time, "9:60", "invalid-format", Severity::error, "");
  check_one(time, "09:60", "invalid-format", Severity::error, "");
  check_one(time, "09:30:60", "invalid-format", Severity::error, "");
  check_one(time, "09:30:", "invalid-format", Severity::error, "");
  check_one(time, "9時30分", "invalid-format", Severity::error, "");
  // Only the width wrong: a warning with the fix.
  check_one(time, "０９：３０", "wrong-width", Severity::warning, "09:30");
  // Full-width and impossible: the time is wrong, not just its width.
  check_one(time, "２５：００", "invalid-format", Severity::error, "");
}

TEST_CASE("value-1.19 DS-441 periods, durations and a year alone") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const FieldSpec period = make_field(ValueType::period);
  check_ok(period, "2025-04-01/2025-06-30");
  check_ok(period, "2025-04-01/06-30");
  check_ok(period, "23:00/24:00");
  check_one(period, "2025-13-01/2025-14-40", "invalid-value", Severity::error, "");
  check_one(period, "2025/4/1～2025/6/30", "invalid-format", Severity::error,
            "2025-04-01/2025-06-30");
  check_one(period, " 2025-04-01/2025-06-30", "invalid-format", Severity::warning,
            "2025-04-01/2025-06-30");  // trim-spaces
  const FieldSpec duration = make_field(ValueType::duration);
  check_ok(duration, "P2Y6M");
  check_ok(duration, "01:30");
  check_one(duration, "2年6か月", "invalid-format", Severity::error, "P2Y6M");
  check_one(duration, "P2Y6", "invalid-format", Severity::error, "");
  const FieldSpec date = make_field(ValueType::date);
  check_ok(date, "2015");
  check_one(date, "平成27年", "invalid-format", Severity::error, "2015");
  check_one(date, "平成32年", "invalid-value", Severity::error, "");
  CHECK(check(period, "2025/4/1～2025/6/30").front().fix.rule == "period-form");
  CHECK(check(duration, "10日").front().fix.rule == "duration-form");
}

TEST_CASE("value-1.10 町字ID: seven half-width digits") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const FieldSpec& id = *shipped_model("gif:Address").find_field("streetAddressId");
  REQUIRE(id.type == ValueType::street_address_id);
  check_ok(id, "0002002");
  check_one(id, "０００２００２", "wrong-width", Severity::warning, "0002002");
  check_one(id, "000200", "invalid-format", Severity::error, "");
  check_one(id, "00020021", "invalid-format", Severity::error, "");
  check_one(id, "000-2002", "invalid-format", Severity::error, "");
}

TEST_CASE("value-1.11 番地以下 (DS-442): half-width digits joined by hyphens") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const FieldSpec& block = *shipped_model("gif:Address").find_field("cityBlock");
  REQUIRE(block.type == ValueType::city_block);
  check_ok(block, "1-3");
  check_ok(block, "1");
  check_ok(block, "447-30");
  // Only the width (or the dash character) is wrong.
  check_one(block, "１－３", "wrong-width", Severity::warning, "1-3");
  check_one(block, "1‐3", "wrong-width", Severity::warning, "1-3");
  check_one(block, "1ー3", "wrong-width", Severity::warning, "1-3");  // the long vowel mark
  check_one(block, "２ー１ー６", "wrong-width", Severity::warning, "2-1-6");
  // Another form of the same numbers: invalid-format with the DS-442 form.
  check_one(block, "1番3号", "invalid-format", Severity::error, "1-3");
  check_one(block, "１番地の３", "invalid-format", Severity::error, "1-3");
  check_one(block, "3丁目1番2号", "invalid-format", Severity::error, "3-1-2");
  check_one(block, "二十三番地", "invalid-format", Severity::error, "23");
  check_one(block, "-1-3", "invalid-format", Severity::error, "1-3");
  check_one(block, "1-3-", "invalid-format", Severity::error, "1-3");
  check_one(block, "1--3", "invalid-format", Severity::error, "1-3");
  // A room number after a space belongs in 建物名等(方書): not DS-442, no fix derivable.
  check_one(block, "447-30 202", "invalid-format", Severity::error, "");
  // A 小字 (甲, 乙) stays a string before the half-width numbers: left as written.
  check_ok(block, "甲1324");
  check_ok(block, "字中島甲12-3");
  // Characters outside the set are still reported.
  const std::vector<Finding> emoji = check(block, "1-3😀");
  INFO(codes_of(emoji));
  REQUIRE_FALSE(emoji.empty());
  CHECK(emoji[0].code == "character-not-allowed");
}

TEST_CASE("value-1.12 suggest_city_block on its own") {
  CHECK(suggest_city_block("１－３") == "1-3");
  CHECK(suggest_city_block("1番3号") == "1-3");
  CHECK(suggest_city_block("1番地3") == "1-3");
  CHECK(suggest_city_block("1の3") == "1-3");
  CHECK(suggest_city_block("1ノ3") == "1-3");
  CHECK(suggest_city_block("1ー3") == "1-3");
  CHECK(suggest_city_block("２ｰ１ｰ６") == "2-1-6");
  CHECK(suggest_city_block("3丁目1番2号") == "3-1-2");
  CHECK(suggest_city_block("二丁目十一番三号") == "2-11-3");
  CHECK(suggest_city_block("千二百三十四番地") == "1234");
  CHECK(suggest_city_block("二〇二番") == "202");
  CHECK(suggest_city_block("百番地") == "100");
  CHECK(suggest_city_block("一番地三") == "1-3");
  CHECK(suggest_city_block("447-30 202").empty());
  CHECK(suggest_city_block("甲1324").empty());
  CHECK(suggest_city_block("A-1").empty());
  CHECK(suggest_city_block("番地").empty());
  CHECK(suggest_city_block("").empty());
  CHECK(suggest_city_block("---").empty());
}

TEST_CASE("value-1.13 length limits count characters, not bytes") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  FieldSpec limited = make_field(ValueType::text);
  limited.max_length = 3;
  check_ok(limited, "あいう");  // 9 bytes, 3 characters
  const Finding long_one = check_one(limited, "あいうえ", "too-long", Severity::error, "");
  CHECK_THAT(long_one.reason, Catch::Contains("4 characters, at most 3"));
  limited.max_length = 0;
  limited.min_length = 2;
  check_ok(limited, "あい");
  const Finding short_one = check_one(limited, "あ", "too-short", Severity::error, "");
  CHECK_THAT(short_one.reason, Catch::Contains("1 characters, at least 2"));
  // Length applies on top of the type check.
  FieldSpec code = make_field(ValueType::integer);
  code.max_length = 2;
  const std::vector<Finding> both = check(code, "1x34");
  INFO(codes_of(both));
  REQUIRE(both.size() == 2);
  CHECK(both[0].code == "invalid-format");
  CHECK(both[1].code == "too-long");
}

TEST_CASE("value-1.14 the grammars' verdicts map to problem codes") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const FieldSpec date = make_field(ValueType::date);
  check_ok(date, "2024-04-18");
  check_one(date, "令和6年4月18日", "invalid-format", Severity::error, "2024-04-18");
  check_one(date, "２０２４－０４－１８", "wrong-width", Severity::warning, "2024-04-18");
  check_one(date, "2024-02-30", "invalid-value", Severity::error, "");
  const FieldSpec date_time = make_field(ValueType::date_time);
  check_ok(date_time, "2024-04-18T09:30:00");
  CHECK_FALSE(check(date_time, "2024-04-18 9時").empty());
  const FieldSpec corporate = make_field(ValueType::corporate_number);
  check_ok(corporate, "4000012090001");
  check_one(corporate, "4000012090002", "invalid-check-digit", Severity::error, "");
  const FieldSpec lg = make_field(ValueType::local_government_code);
  check_ok(lg, "131016");
  check_one(lg, "131017", "invalid-check-digit", Severity::error, "");
  const FieldSpec postal = make_field(ValueType::postal_code);
  check_ok(postal, "1008926");
  check_one(postal, "100-8926", "invalid-format", Severity::error, "1008926");
  const FieldSpec phone = make_field(ValueType::phone);
  check_ok(phone, "03-5253-5111");
  CHECK_FALSE(check(phone, "0352535111").empty());
  const FieldSpec email = make_field(ValueType::email);
  check_ok(email, "info@example.jp");
  CHECK_FALSE(check(email, "info@").empty());
  const FieldSpec url = make_field(ValueType::url);
  check_ok(url, "https://www.digital.go.jp/");
  CHECK_FALSE(check(url, "www.digital.go.jp").empty());
}

TEST_CASE("value-1.15 the ok path appends nothing; findings are appended, not replaced") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const std::vector<std::pair<FieldSpec, std::string>> good = {
      {*shipped_model("gif:Person").find_field("familyName"), "山田"},
      {*shipped_model("gif:Person").find_field("familyNameKana"), "ヤマダ"},
      {*shipped_model("gif:Person").find_field("sex"), "1"},
      {*shipped_model("gif:Person").find_field("dateOfBirth"), "2000-01-01"},
      {*shipped_model("gif:LegalEntity").find_field("tradeName"), "株式会社ＧＩＦ"},
      {*shipped_model("gif:Address").find_field("cityBlock"), "1-2-3"},
      {*shipped_model("gif:Address").find_field("postalCode"), "1008926"},
      {make_field(ValueType::halfwidth_alnum), "abc"},
      {make_field(ValueType::integer), "12"},
      {make_field(ValueType::decimal), "1.5"},
      {make_field(ValueType::time), "12:00"},
      {make_field(ValueType::street_address_id), "0002002"},
  };
  for (const auto& [field, value] : good) {
    Finding sentinel;
    sentinel.code = "sentinel";
    std::vector<Finding> findings{sentinel};
    check_value(field, value, check_resources(), findings);
    INFO(field.path << " " << value << " -> " << codes_of(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "sentinel");
  }
  Finding sentinel;
  sentinel.code = "sentinel";
  std::vector<Finding> findings{sentinel};
  check_value(make_field(ValueType::integer), "x", check_resources(), findings);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].code == "sentinel");
  CHECK(findings[1].code == "invalid-format");
}

TEST_CASE("value-1.16 FieldPattern: anchored xs:pattern, empty and moved-from patterns") {
  FieldPattern process("01|11|12|13|21|22|71|72|81|99");
  REQUIRE_FALSE(process.empty());
  CHECK(process.matches("01"));
  CHECK(process.matches("99"));
  CHECK_FALSE(process.matches("1"));
  CHECK_FALSE(process.matches("011"));  // implicitly anchored
  CHECK_FALSE(process.matches(""));
  FieldPattern digits("[0-9]{1,8}");
  CHECK(digits.matches("12345678"));
  CHECK_FALSE(digits.matches("123456789"));
  // A value with a NUL byte is not the same value as its prefix.
  CHECK_FALSE(digits.matches(std::string_view("12\0x", 4)));
  // Unicode-aware.
  FieldPattern kana("\\p{IsKatakana}+");
  CHECK(kana.matches("カタカナ"));
  CHECK_FALSE(kana.matches("ひらがな"));

  const FieldPattern empty;
  CHECK(empty.empty());
  CHECK(empty.matches("anything"));
  CHECK(FieldPattern(std::string()).empty());

  FieldPattern moved(std::move(digits));
  CHECK(moved.matches("42"));
  CHECK_FALSE(moved.matches("x"));
  CHECK(digits.empty());  // NOLINT(bugprone-use-after-move): the moved-from state is defined
  CHECK(digits.matches("x"));
  FieldPattern assigned;
  assigned = std::move(moved);
  CHECK(assigned.matches("7"));
  CHECK_FALSE(assigned.matches("x"));
  CHECK(moved.empty());           // NOLINT(bugprone-use-after-move)
  assigned = std::move(process);  // frees the previous pattern (checked by the sanitizer build)
  CHECK(assigned.matches("71"));
  CHECK_FALSE(assigned.matches("7"));
}

TEST_CASE("value-1.17 fixes: each derived value is a Fix naming its rule and certainty") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  struct Case {
    ValueType type;
    Width width;
    std::string_view value;
    std::string_view rule;
    std::string_view to;
  };
  const Case cases[] = {
      {ValueType::date, Width::any, "令和6年4月18日", "date-form", "2024-04-18"},
      {ValueType::date, Width::any, "２０２４－０４－１８", "halfwidth-ascii", "2024-04-18"},
      {ValueType::postal_code, Width::any, "〒100-8926", "postal-code-form", "1008926"},
      {ValueType::phone, Width::any, "０３－５２５３－５１１１", "halfwidth-ascii", "03-5253-5111"},
      {ValueType::katakana, Width::fullwidth, "ﾔﾏﾀﾞ", "fullwidth-kana", "ヤマダ"},
      {ValueType::katakana, Width::fullwidth, "やまだ", "hiragana-to-katakana", "ヤマダ"},
      {ValueType::integer, Width::any, "1,234", "number-separators", "1234"},
      {ValueType::city_block, Width::any, "１－３", "halfwidth-ascii", "1-3"},
      {ValueType::city_block, Width::any, "1番3号", "city-block-form", "1-3"},
      {ValueType::local_government_code, Width::any, "13101", "local-government-code-check-digit",
       "131016"},
  };
  for (const Case& c : cases) {
    const std::vector<Finding> findings = check(make_field(c.type, c.width), c.value);
    INFO("value " << c.value << " -> " << codes_of(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].fix.rule == c.rule);
    CHECK(findings[0].fix.from == c.value);
    CHECK(findings[0].fix.to == c.to);
    CHECK(findings[0].fix.certainty == FixCertainty::certain);
    CHECK(findings[0].suggestion == c.to);
  }
  // Digits that would read otherwise (a 丁目 is the 町字's; 番 before 号): a review fix.
  for (std::string_view value : {"1丁目", "3丁目1021番地", "8号4番1"}) {
    const std::vector<Finding> findings = check(make_field(ValueType::city_block), value);
    INFO("value " << value << " -> " << codes_of(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].fix.rule == "city-block-form");
    CHECK(findings[0].fix.certainty == FixCertainty::review);
  }
  // Spaces around a number, code, date or time: trimmed, certain.
  for (ValueType type : {ValueType::decimal, ValueType::date, ValueType::time}) {
    const std::string_view value = type == ValueType::decimal
                                       ? "36.5 "
                                       : (type == ValueType::date ? "\t2024-04-18" : "09:00\u3000");
    const std::vector<Finding> findings = check(make_field(type), value);
    INFO("value " << value << " -> " << codes_of(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].fix.rule == "trim-spaces");
    CHECK(findings[0].fix.certainty == FixCertainty::certain);
  }
  // No fix can be derived: no Fix, whatever the suggestion says in words.
  CHECK(check(make_field(ValueType::date), "いつか").at(0).fix.empty());
  CHECK(check(make_field(ValueType::city_block), "447-30 202").at(0).fix.empty());
  // A character of a mark is no mark (石川県's 1番1地: 地 alone is not 番地): left as written,
  // as 甲 is, so transform never drops it (before: the fix 1-1).
  CHECK(check(make_field(ValueType::city_block), "1番1地").empty());
  CHECK(check(make_field(ValueType::city_block), "116番地の10").at(0).fix.to == "116-10");
}

TEST_CASE(
    "value-1.18 a code-information item: the code alone, or a コード情報型 as JSON by its 種別") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  REQUIRE(check_resources().code_lists != nullptr);
  // 2022's 性別 is pd:コード情報型; its catalog writes {"種別": "2", "種別関連情報": "女性"}.
  const FieldSpec& sex2022 = *shipped_model("gif2022:Person").find_field("sex");
  REQUIRE(sex2022.code_information);
  check_ok(sex2022, "2");
  check_ok(sex2022, R"({"種別": "2", "種別関連情報": "女性"})");
  check_ok(sex2022, R"({"種別":"9"})");
  check_one(sex2022, R"({"種別": "5", "種別関連情報": "女性"})", "not-in-code-list",
            Severity::error, "one of: 0 不明, 1 男性, 2 女性, 9 適用不能");
  check_one(sex2022, R"({"種別": "女性"})", "code-label", Severity::warning, "2");
  // An object without a 種別 string, or no JSON at all, is no コード情報型.
  for (const char* broken : {R"({"種別関連情報": "女性"})", R"({"種別": 2})", "{種別: 2"}) {
    INFO(broken);
    const std::vector<Finding> findings = check(sex2022, broken);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "invalid-format");
    CHECK_THAT(findings[0].reason, Catch::Contains("コード情報型"));
  }
  // 2025's 性別 is a code (SexCodeList_code_value): the object is not its form.
  const FieldSpec& sex2025 = *shipped_model("gif:Person").find_field("sex");
  CHECK_FALSE(sex2025.code_information);
  CHECK(codes_of(check(sex2025, R"({"種別": "2"})")).starts_with("not-in-code-list"));
}

TEST_CASE("value-1.19 ｰ between numbers is a dash, in a text item and a 番地以下 alike") {
  const CheckResources none{};
  const FieldSpec text = make_field(ValueType::text);
  // The only half-width kana is the dash: dash-between-digits, 5-11 (never 5ー11).
  std::vector<Finding> findings = check(text, "松山市築山町5ｰ11", none);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].fix.rule == "dash-between-digits");
  CHECK(findings[0].suggestion == "松山市築山町5-11");
  // With other half-width kana: widened, the dash read as one, other dashes as written.
  CHECK(codes_of(check(text, "ｺｰﾎﾟ5ｰ11", none)) == "wrong-width[コーポ5-11]");
  CHECK(codes_of(check(text, "桔梗ｹ丘４７－２", none)) == "wrong-width[桔梗ケ丘４７－２]");
  CHECK(codes_of(check(text, "ｾﾝﾀｰ", none)) == "wrong-width[センター]");
  // 番地以下: one finding, the DS-442 form; where none can be derived, the dash still read.
  const FieldSpec block = make_field(ValueType::city_block);
  CHECK(codes_of(check(block, "5ｰ11", none)) == "wrong-width[5-11]");
  CHECK(codes_of(check(block, "‘12ｰ1", none)) == "wrong-width[‘12-1]");
}

TEST_CASE("value-1.20 a mark for 1 in a 1-or-blank item: one fix, write 1, counted per column") {
  FieldSpec flood = make_field(ValueType::text);
  flood.values = {"1"};
  flood.blank_allowed = true;
  flood.blank_meaning = "未対応";
  const CheckResources none{};
  for (const char* mark : {"○", "〇", "◯", "●", "有"}) {
    INFO(mark);
    const std::vector<Finding> findings = check(flood, mark, none);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "not-in-code-list");
    CHECK(findings[0].fix.rule == "write-1");
    CHECK(findings[0].fix.to == "1");
    CHECK(findings[0].per_column);
    CHECK_THAT(findings[0].codelist, Catch::Contains("未対応"));
  }
  const std::vector<Finding> other = check(flood, "2", none);
  REQUIRE(other.size() == 1);
  CHECK(other[0].code == "not-in-code-list");
  CHECK_FALSE(other[0].per_column);
  CHECK(other[0].fix.empty());
  CHECK(check(flood, "1", none).empty());
}

TEST_CASE("value-1.21 issue #55: lost characters, separators, spaces in text, serial dates") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  // A lost character: character-lost, no fix; an error in a name, an address's item or a
  // form, a warning in free text; nothing else said of the value.
  FieldSpec name = make_field(ValueType::text);
  name.label = "名称";
  FieldSpec remarks = make_field(ValueType::text);
  remarks.label = "備考";
  FieldSpec building = make_field(ValueType::text);
  building.label = "建物名等(方書)";
  building.part = "location";
  for (const auto& [field, value, severity] :
       {std::tuple{&name, "Caff? maar", Severity::error},
        std::tuple{&remarks, "11:00?13:30", Severity::warning},
        std::tuple{&building, "2ｰ1ｰ13??村ﾋﾞﾙ", Severity::error}}) {
    const std::vector<Finding> findings = check(*field, value);
    INFO(value << " -> " << codes_of(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "character-lost");
    CHECK(findings[0].severity == severity);
    CHECK(findings[0].fix.empty());
  }
  CHECK(check(make_field(ValueType::time), "11:00?").size() == 1);
  CHECK(check(make_field(ValueType::city_block), "2?16?45").at(0).code == "character-lost");
  CHECK(check(remarks, "営業中ですか?").empty());
  CHECK(check(make_field(ValueType::url), "https://example.jp/map?id=3").empty());
  // A count with thousands separators and spaces: one fix to the plain number; a comma that
  // separates no thousands gets none.
  for (const auto& [value, to] : {std::pair{"50,700 ", "50700"}, std::pair{"1,234,567", "1234567"},
                                  std::pair{" -1,000.5", "-1000.5"}}) {
    const std::vector<Finding> findings = check(make_field(ValueType::decimal), value);
    INFO(value << " -> " << codes_of(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].fix.rule == "number-separators");
    CHECK(findings[0].fix.from == value);
    CHECK(findings[0].fix.to == to);
  }
  for (std::string_view value : {"1,5", "50,70", "1234,567", ",500", "1,,000", "1,234.5.6"}) {
    const std::vector<Finding> findings = check(make_field(ValueType::decimal), value);
    INFO(value << " -> " << codes_of(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "invalid-format");
    CHECK(findings[0].fix.empty());
  }
  CHECK(check(make_field(ValueType::integer), "1,234.5").at(0).fix.empty());
  // Spaces around a text item's value: a warning, the trimmed value its fix; with another fix
  // of the trimmed value, that fix from the value as written.
  const std::vector<Finding> spaced = check(name, "焼津市立大富幼稚園\u3000");
  REQUIRE(spaced.size() == 1);
  CHECK(spaced[0].severity == Severity::warning);
  CHECK(spaced[0].fix.rule == "trim-spaces");
  CHECK(spaced[0].fix.to == "焼津市立大富幼稚園");
  const std::vector<Finding> block = check(make_field(ValueType::city_block), "7番11号  ");
  REQUIRE(block.size() == 1);
  CHECK(block[0].fix.rule == "city-block-form");
  CHECK(block[0].fix.from == "7番11号  ");
  CHECK(block[0].fix.to == "7-11");
  check_ok(name, "焼津市立　大富幼稚園");  // a space inside is seen: left as written
  // An Excel serial date in a date item: its date (1900 system with Lotus's 1900-02-29).
  for (const auto& [value, to, certainty] :
       {std::tuple{"45016", "2023-03-31", FixCertainty::certain},
        std::tuple{"22196", "1960-10-07", FixCertainty::certain},
        std::tuple{"10000", "1927-05-18", FixCertainty::certain},
        std::tuple{"70000", "2091-08-25", FixCertainty::review}}) {
    const std::vector<Finding> findings = check(make_field(ValueType::date), value);
    INFO(value << " -> " << codes_of(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].fix.rule == "excel-serial-date");
    CHECK(findings[0].fix.to == to);
    CHECK(findings[0].fix.certainty == certainty);
  }
  CHECK(check(make_field(ValueType::date), "2015").empty());  // a year alone (DS-441)
  CHECK(check(make_field(ValueType::date), "R02.07.21").at(0).fix.to == "2020-07-21");
  CHECK(check(make_field(ValueType::date), "H14.08.21").at(0).fix.to == "2002-08-21");
  CHECK(check(make_field(ValueType::date), "09999").at(0).fix.empty());
}
