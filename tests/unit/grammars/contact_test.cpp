// contact_test.cpp — telephone numbers (DS-445), e-mail addresses and URLs:
// what passes, what is flagged and which fix is proposed.
// room: grammars
#include <catch2/catch.hpp>

#include "grammars/values/contact.hpp"
#include "verdict_testing.hpp"

using namespace gifkit::grammars;
using gifkit::grammars::testing::check_table;
using gifkit::grammars::testing::VerdictCase;
using S = ValueStatus;

// ------------------------------------------------------------ telephone

TEST_CASE("phone-1.1 the DS-445 examples pass") {
  check_table(check_phone_number, {
                                      {"(09)9999-9999", S::ok},
                                      {"(099)999-9999", S::ok},
                                      {"099999-9999", S::ok},
                                      {"(09999)9-9999", S::ok},
                                      {"0120-999999", S::ok},
                                      {"(03)5353-5111", S::ok},
                                      {"090-9999-9999", S::ok},
                                      {"(09)9999-9999 内線999", S::ok},
                                      {"(09)9999-9999 / (09)9999-9998", S::ok},
                                  });
}

TEST_CASE("phone-1.2 other valid forms") {
  check_table(check_phone_number, {
                                      {"03-5253-5111", S::ok},
                                      {"+81 (3)5253-5111", S::ok},
                                      {"+81 3-5253-5111", S::ok},
                                      {"+81(9)9999-9999 Ext.999", S::ok},
                                      {"+81 90-1234-5678", S::ok},
                                      {"(03)5253-5111 内線999 / 998", S::ok},
                                      {"03-5253-5111 内線12 / 03-5253-5112", S::ok},
                                      {"03-5253-5111 Ext.12", S::ok},
                                      {"0800-123-4567", S::ok},
                                      {"+1 212-555-0100", S::ok},
                                      {"110", S::ok},    // short service numbers
                                      {"#7119", S::ok},  // 救急安心センター
                                  });
}

TEST_CASE("phone-2.1 full-width digits and dashes are wrong_width") {
  check_table(check_phone_number,
              {
                  {"０３－５２５３－５１１１", S::wrong_width, "03-5253-5111"},
                  {"（０３）５２５３－５１１１", S::wrong_width, "(03)5253-5111"},
                  {"03‐5253‐5111", S::wrong_width, "03-5253-5111"},
                  {"03−5253−5111", S::wrong_width, "03-5253-5111"},
              });
}

TEST_CASE("phone-2.2 digits without separators") {
  check_table(check_phone_number, {
                                      {"0352535111", S::invalid_format, "03-5253-5111"},
                                      {"09012345678", S::invalid_format, "090-1234-5678"},
                                      {"05012345678", S::invalid_format, "050-1234-5678"},
                                      {"0120123456", S::invalid_format, "0120-123456"},
                                      {"08001234567", S::invalid_format, "0800-123-4567"},
                                      // the area code length is unknown: no guess
                                      {"0995123456", S::invalid_format},
                                      {"０９９５１２３４５６", S::invalid_format},
                                  });
}

TEST_CASE("phone-2.3 separators and parentheses in the wrong place") {
  check_table(check_phone_number,
              {
                  {"03 5253 5111", S::invalid_format, "03-5253-5111"},
                  {"03.5253.5111", S::invalid_format, "03-5253-5111"},
                  {"03(5253)5111", S::invalid_format, "03-5253-5111"},
                  {"(03) 5253-5111", S::invalid_format, "(03)5253-5111"},
                  {"(090)1234-5678", S::invalid_format, "090-1234-5678"},
                  {"03ー5253ー5111", S::wrong_width, "03-5253-5111"},  // ー a dash: as ―
                  {" 03-5253-5111", S::invalid_format, "03-5253-5111"},
              });
}

TEST_CASE("phone-2.4 international form") {
  check_table(check_phone_number, {
                                      {"+81 (03)5253-5111", S::invalid_format, "+81 (3)5253-5111"},
                                      {"+81-3-5253-5111", S::invalid_format, "+81 3-5253-5111"},
                                      {"+81(0)3-5253-5111", S::invalid_format, "+81 3-5253-5111"},
                                      {"+81 3 5253 5111", S::invalid_format, "+81 3-5253-5111"},
                                      {"+81312345678", S::invalid_format, "+81 3-1234-5678"},
                                      {"+0 3-5253-5111", S::invalid_format},
                                      {"+81 3-5253-51", S::invalid_format},
                                  });
}

TEST_CASE("phone-2.5 extensions and several numbers") {
  check_table(check_phone_number,
              {
                  {"03-5253-5111内線123", S::invalid_format, "03-5253-5111 内線123"},
                  {"03-5253-5111 内線 123", S::invalid_format, "03-5253-5111 内線123"},
                  {"03-5253-5111(内線123)", S::invalid_format, "03-5253-5111 内線123"},
                  {"03-5253-5111 ext. 12", S::invalid_format, "03-5253-5111 Ext.12"},
                  {"03-5253-5111/03-5253-5112", S::invalid_format, "03-5253-5111 / 03-5253-5112"},
                  {"03-5253-5111、03-5253-5112", S::invalid_format, "03-5253-5111 / 03-5253-5112"},
                  {"03-5253-5111 03-5253-5112", S::invalid_format},
                  {"03-5253-5111 内線", S::invalid_format},
              });
  CHECK(check_phone_number("03-5253-5111/03-5253-5112").reason ==
        "several numbers are joined by ' / '");
}

TEST_CASE("phone-2.6 malformed numbers (fixed when the digits are all there)") {
  check_table(check_phone_number, {
                                      {"", S::invalid_format},
                                      {"abc", S::invalid_format},
                                      {"3-5253-5111", S::invalid_format},      // no leading 0
                                      {"03-5253-511", S::invalid_format},      // 9 digits
                                      {"03-5253-51111-1", S::invalid_format},  // 12 digits
                                      {"03--5253-5111", S::invalid_format, "03-5253-5111"},
                                      {"03-5253-5111-", S::invalid_format, "03-5253-5111"},
                                      {"()5253-5111", S::invalid_format},
                                      {"(03-5253-5111", S::invalid_format, "(03)5253-5111"},
                                      {"03-5253-5111 (代表)", S::invalid_format},
                                      {"#71190", S::invalid_format},
                                      {"03-5253-5111\xFF", S::invalid_format},
                                  });
  CHECK(check_phone_number("03-5253-5111 (代表)").reason.find("代表") != std::string::npos);
}

// --------------------------------------------------------------- e-mail

TEST_CASE("email-1.1 practical addresses pass") {
  check_table(check_email, {
                               {"info@digital.go.jp", S::ok},
                               {"first.last+tag@sub.example.co.jp", S::ok},
                               {"a_b-c@example-host.jp", S::ok},
                               {"x@xn--wgv71a119e.jp", S::ok},  // punycode domain
                           });
}

TEST_CASE("email-1.2 fixable addresses") {
  check_table(check_email,
              {
                  {"user＠example.jp", S::wrong_width, "user@example.jp"},
                  {"ｕｓｅｒ＠ｅｘａｍｐｌｅ．ｊｐ", S::wrong_width, "user@example.jp"},
                  {" user@example.jp ", S::invalid_format, "user@example.jp"},
                  {"mailto:user@example.jp", S::invalid_format, "user@example.jp"},
              });
}

TEST_CASE("email-1.3 broken addresses") {
  check_table(check_email, {
                               {"", S::invalid_format},
                               {"user", S::invalid_format},
                               {"user@localhost", S::invalid_format},
                               {"user@@example.jp", S::invalid_format},
                               {"a@b@example.jp", S::invalid_format},
                               {"@example.jp", S::invalid_format},
                               {"a..b@example.jp", S::invalid_format},
                               {".a@example.jp", S::invalid_format},
                               {"user@-example.jp", S::invalid_format},
                               {"user@example..jp", S::invalid_format},
                               {"user@example.jp.", S::invalid_format},
                               {"user@example.123", S::invalid_format},
                               {"ユーザー@example.jp", S::invalid_format},
                               {"user name@example.jp", S::invalid_format},
                               {"user@例え.jp", S::invalid_format},
                           });
}

TEST_CASE("email-1.4 length limits") {
  const std::string long_local = std::string(65, 'a') + "@example.jp";
  CHECK(check_email(long_local).status == S::invalid_format);
  const std::string ok_local = std::string(64, 'a') + "@example.jp";
  CHECK(check_email(ok_local).ok());
  const std::string long_label = "a@" + std::string(64, 'b') + ".jp";
  CHECK(check_email(long_label).status == S::invalid_format);
}

// ------------------------------------------------------------------ URL

TEST_CASE("url-1.1 absolute http(s) URLs pass") {
  check_table(check_url, {
                             {"https://www.digital.go.jp/", S::ok},
                             {"http://example.jp", S::ok},
                             {"HTTPS://EXAMPLE.JP/a?b=c#d", S::ok},
                             {"https://example.jp:8080/x", S::ok},
                             {"https://[2001:db8::1]:443/", S::ok},
                             {"https://user:pw@example.jp/", S::ok},
                             {"https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC", S::ok},
                             {"https://example.jp/search?q=a+b&lang=ja", S::ok},
                         });
}

TEST_CASE("url-1.2 fixable URLs") {
  check_table(check_url,
              {
                  {"ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ／", S::wrong_width, "https://example.jp/"},
                  {"https://ja.wikipedia.org/wiki/東京", S::invalid_format,
                   "https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC"},
                  {"https://example.jp/a b", S::invalid_format, "https://example.jp/a%20b"},
                  {" https://example.jp/ ", S::invalid_format, "https://example.jp/"},
                  {"https://example.jp/%zz", S::invalid_format, "https://example.jp/%25zz"},
              });
}

TEST_CASE("url-1.3 broken URLs") {
  check_table(check_url, {
                             {"", S::invalid_format},
                             {"www.example.jp", S::invalid_format},
                             {"ftp://example.jp/", S::invalid_format},
                             {"https://", S::invalid_format},
                             {"https:///path", S::invalid_format},
                             {"https://example..jp/", S::invalid_format},
                             {"https://-example.jp/", S::invalid_format},
                             {"https://example.jp:99999/", S::invalid_format},
                             {"https://example.jp:80a/", S::invalid_format},
                             {"https://[2001:db8::1/", S::invalid_format},
                             {"https://日本語.jp/", S::invalid_format},
                         });
  CHECK(check_url("https://日本語.jp/").reason.find("punycode") != std::string::npos);
}
