// decimal_text_test.cpp — read_double and write_double, and gifkit's own
// versions of them (the browser build's, whose libc++ has no floating-point
// <charconv>) held to std::from_chars and std::to_chars on the values gifkit
// reads and writes (coordinates, percentages, ratios) and on a million random
// doubles: the same text, the same value, the same end and error.
// room: grammars
#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/text/decimal_text.hpp"

using namespace gifkit::grammars;

namespace {

std::string standard_text(double value) {
  char buffer[64];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

std::string portable_text(double value) {
  char buffer[64];
  const auto result = detail::write_double_portable(buffer, buffer + sizeof buffer, value);
  REQUIRE(result.ec == std::errc());
  return std::string(buffer, result.ptr);
}

void same_reading(std::string_view text) {
  double standard = -7.0;
  double portable = -7.0;
  const auto a = std::from_chars(text.data(), text.data() + text.size(), standard);
  const auto b = detail::read_double_portable(text.data(), text.data() + text.size(), portable);
  INFO("text: \"" << std::string(text) << "\"");
  CHECK(a.ec == b.ec);
  CHECK(a.ptr - text.data() == b.ptr - text.data());
  if (a.ec == std::errc() && standard == standard)
    CHECK(std::bit_cast<std::uint64_t>(standard) == std::bit_cast<std::uint64_t>(portable));
  if (a.ec != std::errc()) CHECK(portable == -7.0);
}

}  // namespace

TEST_CASE("write_double_portable writes what std::to_chars writes", "[decimal_text]") {
  const std::vector<double> values = {0.0,
                                      -0.0,
                                      1.0,
                                      -1.0,
                                      0.5,
                                      0.1,
                                      0.2,
                                      0.3,
                                      1.0 / 3.0,
                                      0.5909090909090909,
                                      139.7516,
                                      35.68123456,
                                      -0.000123,
                                      100.0,
                                      1e20,
                                      1e21,
                                      123456789012345680.0,
                                      1e-5,
                                      1e-7,
                                      5e-324,
                                      1.7976931348623157e308,
                                      2.2250738585072014e-308,
                                      9007199254740993.0,
                                      0.30000000000000004,
                                      1234.5,
                                      1e15,
                                      1e16,
                                      1e17,
                                      12345678.9,
                                      0.001,
                                      42.0,
                                      4.35,
                                      2.675};
  for (const double value : values) CHECK(portable_text(value) == standard_text(value));
  CHECK(portable_text(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(portable_text(-std::numeric_limits<double>::infinity()) == "-inf");
  CHECK(portable_text(std::numeric_limits<double>::quiet_NaN()) ==
        standard_text(std::numeric_limits<double>::quiet_NaN()));
}

TEST_CASE("write_double_portable on a million random doubles", "[decimal_text]") {
  std::mt19937_64 random(20261129);
  std::size_t differ = 0;
  std::string first;
  for (int i = 0; i < 1'000'000; ++i) {
    const double value = std::bit_cast<double>(random());
    if (value != value) continue;
    const std::string a = standard_text(value);
    const std::string b = portable_text(value);
    if (a != b && differ++ == 0) first = a + " vs " + b;
  }
  INFO("first difference: " << first);
  CHECK(differ == 0);
  // Values as the data has them: a few decimals.
  std::uniform_int_distribution<std::int64_t> units(-18'000'000'000, 18'000'000'000);
  for (int i = 0; i < 200'000; ++i) {
    const double value = static_cast<double>(units(random)) / 1e8;
    REQUIRE(portable_text(value) == standard_text(value));
  }
}

TEST_CASE("write_double_portable says when the text does not fit", "[decimal_text]") {
  char buffer[4];
  const auto result = detail::write_double_portable(buffer, buffer + sizeof buffer, 0.12345);
  CHECK(result.ec == std::errc::value_too_large);
  CHECK(result.ptr == buffer + sizeof buffer);
}

TEST_CASE("read_double_portable reads what std::from_chars reads", "[decimal_text]") {
  for (const char* text : {"0",        "-0",        "1",
                           "1.",       ".5",        "-.5",
                           "139.7516", "35.681234", "5%",
                           "0.5x",     "1e5",       "1E+05",
                           "1e",       "1e+",       "1e-3z",
                           "2.5e-3",   "+1",        " 1",
                           "",         "-",         ".",
                           "e5",       "inf",       "-INF",
                           "infinity", "infinit",   "nan",
                           "NaN(123)", "nan(",      "1e400",
                           "-1e400",   "1e-400",    "0x1p3",
                           "007",      "12,5",      "1.2.3",
                           "１２",     "4.35",      "9007199254740993"})
    same_reading(text);
}

TEST_CASE("read_double and write_double are the standard's where it has them", "[decimal_text]") {
  double value = 0;
  const std::string_view text = "35.68123";
  const auto read = read_double(text.data(), text.data() + text.size(), value);
  CHECK(read.ec == std::errc());
  CHECK(value == 35.68123);
  char buffer[32];
  CHECK(std::string(buffer, write_double(buffer, buffer + sizeof buffer, value).ptr) == "35.68123");
}
