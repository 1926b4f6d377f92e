// test_csv_writer.cpp — append_csv_field: a field is quoted exactly when it
// holds the delimiter, a quote, CR or LF, wherever in the value (the scan
// reads eight bytes at a time: each place of a long value is tried), and
// quotes inside are doubled.
#include <catch2/catch.hpp>
#include <string>

#include "grammars/csv_writer.hpp"

using gifkit::grammars::append_csv_field;

namespace {

std::string field(std::string_view value, char delimiter = ',') {
  std::string out;
  append_csv_field(out, value, delimiter);
  return out;
}

}  // namespace

TEST_CASE("csv-writer-1.1 plain fields as they are, special ones quoted", "[csv]") {
  CHECK(field("") == "");
  CHECK(field("abc") == "abc");
  CHECK(field("株式会社ＭＣＡホールディングス") == "株式会社ＭＣＡホールディングス");
  CHECK(field("a,b") == "\"a,b\"");
  CHECK(field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(field("a\nb") == "\"a\nb\"");
  CHECK(field("a\rb") == "\"a\rb\"");
  CHECK(field("a,b", '\t') == "a,b");
  CHECK(field("a\tb", '\t') == "\"a\tb\"");
}

TEST_CASE("csv-writer-1.2 a special byte at any place of a long value is found", "[csv]") {
  // Bytes close to the special ones (+1, -1) and UTF-8 must not count.
  const std::string plain = "-#!ｶﾅ漢字+.0123456789abcdefghij";
  CHECK(field(plain) == plain);
  CHECK(field(plain, '\t') == plain);
  for (const char special : {',', '"', '\r', '\n'}) {
    for (std::size_t at = 0; at <= plain.size(); ++at) {
      std::string value = plain;
      value.insert(at, 1, special);
      const std::string inner = special == '"' ? std::string(plain).insert(at, "\"\"") : value;
      INFO("special " << static_cast<int>(special) << " at " << at);
      CHECK(field(value) == "\"" + inner + "\"");
    }
  }
}
