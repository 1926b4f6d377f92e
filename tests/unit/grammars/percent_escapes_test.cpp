// percent_escapes_test.cpp — hexadecimal digits and %XX decoding, the one
// reader behind a SARIF artifact's uri, a PostgreSQL URI's query keyword and a
// bytea's text form.
// room: grammars
#include <catch2/catch.hpp>
#include <string>

#include "grammars/text/percent_escapes.hpp"

using gifkit::grammars::hex_digit_value;
using gifkit::grammars::percent_decoded;

TEST_CASE("percent-1.1 hex digits: both cases, and -1 for anything else") {
  CHECK(hex_digit_value('0') == 0);
  CHECK(hex_digit_value('9') == 9);
  CHECK(hex_digit_value('a') == 10);
  CHECK(hex_digit_value('F') == 15);
  for (char c : std::string("gG/:@` \x7f")) CHECK(hex_digit_value(c) == -1);
}

TEST_CASE("percent-1.2 %XX decoded; a '%' without two hex digits is kept") {
  CHECK(percent_decoded("%70assword") == "password");
  CHECK(percent_decoded("%E6%9D%B1%E4%BA%AC.csv") == "東京.csv");
  CHECK(percent_decoded("a%2fb%2Fc") == "a/b/c");
  CHECK(percent_decoded("100%") == "100%");
  CHECK(percent_decoded("%4") == "%4");
  CHECK(percent_decoded("%zz%41") == "%zzA");
  CHECK(percent_decoded("%41") == "A");  // at the very end
  CHECK(percent_decoded("") == "");
}
