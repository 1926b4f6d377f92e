// test_csv_writer.cpp — append_csv_field: a field is quoted exactly when it
// holds the delimiter, a quote, CR or LF, wherever in the value (the scan
// reads eight bytes at a time: each place of a long value is tried), and
// quotes inside are doubled; CsvWriter's rows are those fields joined.
// room: grammars
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "grammars/io/csv_writer.hpp"

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

TEST_CASE("csv-writer-1.3 a whole row: written as its fields are, one scan for all of them",
          "[csv]") {
  // CsvWriter writes a row as it is and scans it once; a row where a field
  // needs quotes is written again field by field. Either way the bytes are
  // the fields' append_csv_field joined by the delimiter.
  auto row = [](const std::vector<std::string>& fields, char delimiter = ',') {
    std::ostringstream out;
    {
      gifkit::grammars::CsvWriter writer(out, delimiter, "\n");
      writer.write_row(fields);
    }
    return out.str();
  };
  auto expected = [](const std::vector<std::string>& fields, char delimiter = ',') {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) line += delimiter;
      append_csv_field(line, fields[i], delimiter);
    }
    return line + "\n";
  };
  const std::string long_plain = "東京都文京区湯島２丁目６番２号 0123456789abcdef";
  const std::vector<std::vector<std::string>> rows = {
      {},
      {""},
      {"", ""},
      {"a", "b", "c"},
      {long_plain, long_plain, "x"},
      {long_plain, "a,b", long_plain},             // a delimiter inside a field
      {long_plain + ",", long_plain},              // at a 16-byte chunk's end
      {"say \"hi\"", long_plain},                  // a quote
      {long_plain, long_plain + "\r\n" + "next"},  // a line break
      {"a\tb", "c"},
  };
  for (const auto& fields : rows) {
    INFO("fields " << fields.size());
    CHECK(row(fields) == expected(fields));
    CHECK(row(fields, '\t') == expected(fields, '\t'));
  }
  // A special byte at each place of a long row.
  for (const char special : {',', '"', '\r', '\n', '\t'}) {
    for (std::size_t at = 0; at <= long_plain.size(); at += 3) {
      std::string value = long_plain.substr(0, at) + special + long_plain.substr(at);
      const std::vector<std::string> fields = {long_plain, value, "z"};
      INFO("special " << static_cast<int>(special) << " at " << at);
      CHECK(row(fields) == expected(fields));
      CHECK(row(fields, '\t') == expected(fields, '\t'));
    }
  }
}
