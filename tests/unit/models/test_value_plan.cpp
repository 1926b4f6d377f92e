// test_value_plan.cpp — ValuePlan, the per-column fast acceptor: every value
// it accepts is one check_value finds nothing in (checked on the real models'
// fields, code lists and JIS X 0208/0213 tables over a battery of good and bad
// values), it accepts the plain forms it is there for, and it refuses the
// values with something to report; accepted_kind is kind_of_value's answer.
// room: checks
#include <string>
#include <vector>

#include "models/engine/checks/column_kinds.hpp"
#include "models/engine/checks/value_plan.hpp"
#include "validate_test_support.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

bool finds_nothing(const FieldSpec& field, std::string_view value) {
  std::vector<Finding> findings;
  check_value(field, value, check_resources(), findings);
  return findings.empty();
}

// Values of every shape the plans know, right and wrong.
const std::vector<std::string>& battery() {
  static const std::vector<std::string> values = {"7010001000000",
                                                  "8010001000000",
                                                  "701000100000",
                                                  "７０１０００１０００００００",
                                                  " 7010001000000",
                                                  "東京増田医療器株式会社",
                                                  "株式会社ＭＣＡホールディングス",
                                                  "株式会社MCAホールディングス",
                                                  "髙島屋",
                                                  "𠮷野家",
                                                  "ﾔﾏﾀﾞ",
                                                  "トウキョウマスダイリョウキ",
                                                  "ヷイオリン",
                                                  "ヤマダ タロウ",
                                                  "ヤマダ　タロウ",
                                                  " ",
                                                  "さとう",
                                                  "カブシキガイシャＡ",
                                                  "カブシキガイシャA",
                                                  "301",
                                                  "３０１",
                                                  "株式会社",
                                                  " 301",
                                                  "999",
                                                  "2016-08-03",
                                                  "2016-02-30",
                                                  "2016/08/03",
                                                  "２０１６-０８-０３",
                                                  "1130034",
                                                  "113-0034",
                                                  "113003",
                                                  "１１３００３４",
                                                  "06-9398-3165",
                                                  "0997-88-6499",
                                                  "03-5253-5111",
                                                  "0352535111",
                                                  "03-5253-5111 内線12",
                                                  "03--5253-5111",
                                                  "3-5253-5111",
                                                  "０３-５２５３-５１１１",
                                                  "https://www.example0.co.jp/",
                                                  "http://example.jp",
                                                  "https://www.example.co.jp/a?b=c#d",
                                                  "https://www.example.co.jp/a#b#c",
                                                  "https://user@example.jp/",
                                                  "https://example.jp:8080/",
                                                  "https://-bad.example.jp/",
                                                  "https://www.example.co.jp/%41",
                                                  "https://www.example.co.jp/%4",
                                                  "HTTPS://EXAMPLE.JP/",
                                                  "https://例え.jp/",
                                                  "https://www.example.co.jp/ space",
                                                  "6-2",
                                                  "10-16",
                                                  "1",
                                                  "1-",
                                                  "-1",
                                                  "1--2",
                                                  "１－３",
                                                  "1番3号",
                                                  "甲",
                                                  "東京都",
                                                  "文京区",
                                                  "湯島２丁目",
                                                  "湯島2丁目",
                                                  "a\tb",
                                                  "東京\t都",
                                                  "東京\x01都",
                                                  "abc\x7f",
                                                  "\xe6\x9d",
                                                  "\xff",
                                                  "ab",
                                                  "GIF Co., Ltd.",
                                                  "ＧＩＦ",
                                                  "info@example.jp",
                                                  "123456789012",
                                                  "1234 5678 9012",
                                                  "本町2?16?45",
                                                  "Caff? maar",
                                                  "ID?1",
                                                  "営業中ですか?",
                                                  "山田\u3000",
                                                  "ABC ",
                                                  "50,700 ",
                                                  "45016"};
  return values;
}

}  // namespace

TEST_CASE("value-plan.1 what a plan accepts, check_value finds nothing in") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const CheckResources& resources = check_resources();
  std::size_t accepted = 0;
  for (const char* model : {"gif:LegalEntity", "gif:Person", "gif:Address", "gif:ContactPoint"}) {
    for (const FieldSpec& field : shipped_model(model).fields) {
      const ValuePlan plan(field, resources);
      for (const std::string& value : battery()) {
        if (!plan.accepts(value)) continue;
        ++accepted;
        INFO(model << " " << field.path << ": " << value);
        CHECK(finds_nothing(field, value));
        if (plan.accepted_kind()) CHECK(kind_of_value(value) == *plan.accepted_kind());
      }
    }
  }
  CHECK(accepted > 50);  // the plans do accept
}

TEST_CASE("value-plan.2 the plain forms are accepted, values with findings are not") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const CheckResources& resources = check_resources();
  const Model& entity = shipped_model("gif:LegalEntity");
  auto plan_of = [&](std::string_view path) {
    const FieldSpec* field = entity.find_field(std::string(path));
    REQUIRE(field != nullptr);
    return ValuePlan(*field, resources);
  };
  const ValuePlan number = plan_of("legalEntityNumber");
  CHECK(number.accepts("7010001000000"));
  CHECK_FALSE(number.accepts("8010001000000"));  // the check digit is wrong
  CHECK_FALSE(number.accepts("70100010000:0"));  // ':' is '9' + 1
  CHECK_FALSE(number.accepts("7010001/00000"));  // '/' is '0' - 1
  CHECK_FALSE(number.accepts("701000100000０"));
  CHECK(number.accepted_kind() == ValueKind::corporate_number);

  const ValuePlan name = plan_of("tradeName");  // full-width, JIS X 0213
  CHECK(name.accepts("東京増田医療器株式会社"));
  CHECK(name.accepts("株式会社ＭＣＡホールディングス"));
  CHECK_FALSE(name.accepts("株式会社MCAホールディングス"));  // half-width letters
  CHECK_FALSE(name.accepts("ﾔﾏﾀﾞ"));                         // half-width katakana
  CHECK_FALSE(name.accepts("東京\x01都"));                   // a control character
  CHECK_FALSE(name.accepts("𠮷野家"));                       // outside the BMP: left to check_value
  CHECK_FALSE(name.accepts("\xe6\x9d"));                     // not UTF-8
  CHECK_FALSE(name.accepted_kind());

  const ValuePlan kana = plan_of("tradeNameKana");
  CHECK(kana.accepts("トウキョウマスダイリョウキ"));
  CHECK(kana.accepts("ヤマダ　タロウ"));
  CHECK_FALSE(kana.accepts("さとう"));
  CHECK_FALSE(kana.accepts("ｽｽﾞｷ"));

  const ValuePlan kind = plan_of("categoryOfOrganization");
  CHECK(kind.accepts("301"));
  CHECK_FALSE(kind.accepts("株式会社"));  // the label of 301: code-label
  CHECK_FALSE(kind.accepts("999"));
  CHECK_FALSE(kind.accepts(" 301"));

  const FieldSpec* postal_field = nullptr;
  for (const FieldSpec& field : entity.fields)
    if (field.type == ValueType::postal_code && postal_field == nullptr) postal_field = &field;
  REQUIRE(postal_field != nullptr);
  const ValuePlan postal(*postal_field, resources);
  CHECK(postal.accepts("1130034"));
  CHECK_FALSE(postal.accepts("113003:"));
  CHECK_FALSE(postal.accepts("113-0034"));

  const ValuePlan date = plan_of("dateOfEstablishment");
  CHECK(date.accepts("2016-08-03"));
  CHECK_FALSE(date.accepts("2016-02-30"));
  CHECK_FALSE(date.accepts("2016/08/03"));

  const ValuePlan url = plan_of("webSiteUrl");
  CHECK(url.accepts("https://www.example0.co.jp/"));
  CHECK(url.accepts("https://www.example.co.jp/a?b=c#d"));
  CHECK_FALSE(url.accepts("https://www.example.co.jp/a#b#c"));
  CHECK_FALSE(url.accepts("https://-bad.example.jp/"));
  CHECK_FALSE(url.accepts("https://www.example.co.jp/ space"));
  CHECK(url.accepted_kind() == ValueKind::url);

  const FieldSpec* phone_field = nullptr;
  for (const FieldSpec& field : entity.fields)
    if (field.type == ValueType::phone && phone_field == nullptr) phone_field = &field;
  REQUIRE(phone_field != nullptr);
  const ValuePlan phone(*phone_field, resources);
  CHECK(phone.accepts("06-9398-3165"));
  CHECK_FALSE(phone.accepts("0352535111"));  // no '-': "digits without '-' separators"
  CHECK_FALSE(phone.accepts("3-5253-5111"));
  CHECK_FALSE(phone.accepts("03--5253-5111"));

  // No plan (a column no item is bound to) accepts anything.
  CHECK_FALSE(ValuePlan().accepts("anything"));
}

// The first certain fix check_value gives value: what ValueFixer takes (to, rule), or false.
bool first_certain_fix(const FieldSpec& field, std::string_view value, std::string& to,
                       std::string& rule) {
  std::vector<Finding> findings;
  check_value(field, value, check_resources(), findings);
  for (const Finding& finding : findings) {
    if (!finding.fix.empty() && finding.fix.certainty == FixCertainty::certain &&
        finding.fix.to != value && !finding.fix.to.empty()) {
      to = finding.fix.to;
      rule = finding.fix.rule;
      return true;
    }
  }
  return false;
}

TEST_CASE("value-plan.3 a plan's fix is check_value's first certain fix") {
  GIFKIT_SKIP_WITHOUT_SHARED_DATA();
  const CheckResources& resources = check_resources();
  // The forms the fixes read, right and wrong, and their neighbours they leave to check_value.
  std::vector<std::string> values = battery();
  for (const char* value : {"2015/4/1",
                            "2015/04/01",
                            "2015.4.1",
                            "2015-4-1",
                            "2015年4月1日",
                            "1951/7/13",
                            "2019/2/30",
                            "2019/2/29",
                            "2020/2/29",
                            "2015/4/1/",
                            "2015/4.1",
                            "2015/123/1",
                            "2015/4/111",
                            "215/4/1",
                            "20150401",
                            "15/4/1",
                            " 2015/4/1",
                            "2015/4/1 ",
                            "２０１５/4/1",
                            "平成27年4月1日",
                            "平成元年1月8日",
                            "平成元年1月7日",
                            "昭和64年1月7日",
                            "昭和64年1月8日",
                            "令和元年5月1日",
                            "令和元年4月30日",
                            "令和6年4月18日",
                            "平成31年5月1日",
                            "平成0年4月1日",
                            "平成27年4月1",
                            "平成27年4月1日 ",
                            "平成 27年4月1日",
                            "平成二十七年四月一日",
                            "平成27年04月01日",
                            "H27.4.1",
                            "h27.4.1",
                            "S53.2.7",
                            "R1.5.1",
                            "R1.4.30",
                            "H27/4/1",
                            "H27-4-1",
                            "H27.4/1",
                            "H123.4.1",
                            "㍻27.4.1",
                            "㍻27年4月1日",
                            "M45.7.29",
                            "M45.7.30",
                            "T1.7.30",
                            "X27.4.1",
                            "平成27.4.1",
                            "平成",
                            "H",
                            "2015",
                            "2015/",
                            "2015/4",
                            "2015/4/",
                            "０９９７－７７－９００７",
                            "０３－５２５３－５１１１",
                            "０３-５２５３-５１１１",
                            "03-５２５３-5111",
                            "０３５２５３５１１１",
                            "０３－－５２５３－５１１１",
                            "－０３－５２５３－５１１１",
                            "０３－５２５３－５１１１－",
                            "３－５２５３－５１１１",
                            "０３－５２５３－５１１",
                            "０９０－１２３４－５６７８９",
                            "０３－５２５３－５１１１ 内線１２",
                            "０３ー５２５３ー５１１１",
                            "０３‐５２５３‐５１１１",
                            "06-9398-3165"})
    values.emplace_back(value);
  std::size_t fixed = 0;
  for (const char* model : {"gif:LegalEntity", "gif:Person", "gif:Address", "gif:ContactPoint"}) {
    for (const FieldSpec& field : shipped_model(model).fields) {
      const ValuePlan plan(field, resources);
      for (const std::string& value : values) {
        std::string to;
        std::string_view rule;
        if (!plan.fixes(value, to, rule)) continue;
        ++fixed;
        INFO(model << " " << field.path << ": " << value);
        std::string expected_to;
        std::string expected_rule;
        REQUIRE(first_certain_fix(field, value, expected_to, expected_rule));
        CHECK(to == expected_to);
        CHECK(rule == expected_rule);
        if (plan.accepts_what_it_fixes()) CHECK(plan.accepts(to));
      }
    }
  }
  CHECK(fixed > 40);  // the plans do fix

  const Model& entity = shipped_model("gif:LegalEntity");
  const FieldSpec* date_field = entity.find_field("dateOfEstablishment");
  REQUIRE(date_field != nullptr);
  const ValuePlan date(*date_field, resources);
  std::string to;
  std::string_view rule;
  CHECK(date.fixes("1951/7/13", to, rule));
  CHECK(to == "1951-07-13");
  CHECK(rule == "date-form");
  CHECK(date.fixes("平成元年1月8日", to, rule));
  CHECK(to == "1989-01-08");
  CHECK(date.fixes("S53.2.7", to, rule));
  CHECK(to == "1978-02-07");
  // Left to check_value: impossible, ISO already, another era's day, spaces, kanji numbers.
  for (const char* other : {"2019/2/30", "2015-04-01", "平成元年1月7日", " 2015/4/1",
                            "平成二十七年四月一日", "２０１５/4/1", "20150401"})
    CHECK_FALSE(date.fixes(other, to, rule));
  const FieldSpec* phone_field = nullptr;
  for (const FieldSpec& field : entity.fields)
    if (field.type == ValueType::phone && phone_field == nullptr) phone_field = &field;
  REQUIRE(phone_field != nullptr);
  const ValuePlan phone(*phone_field, resources);
  CHECK(phone.fixes("０９９７－７７－９００７", to, rule));
  CHECK(to == "0997-77-9007");
  CHECK(rule == "halfwidth-ascii");
  for (const char* other : {"06-9398-3165", "０３５２５３５１１１", "０３－５２５３－５１１",
                            "０３ー５２５３ー５１１１", "０３－５２５３－５１１１ 内線１２"})
    CHECK_FALSE(phone.fixes(other, to, rule));
}
