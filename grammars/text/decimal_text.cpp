// decimal_text.cpp — see decimal_text.hpp. The portable versions lean on the C
// library's strtod and printf, which are correctly rounded (glibc, musl): the
// text is first matched to from_chars' grammar, then converted; the shortest
// output is the fewest significant digits whose correctly rounded %e form reads
// back, laid out fixed or scientific as std::to_chars lays it out (a whole
// number in fixed form with all its exact digits).
#include "grammars/text/decimal_text.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <version>

namespace gifkit::grammars {

std::from_chars_result read_double(const char* first, const char* last, double& value) {
#if defined(__cpp_lib_to_chars)
  return std::from_chars(first, last, value);
#else
  return detail::read_double_portable(first, last, value);
#endif
}

std::to_chars_result write_double(char* first, char* last, double value) {
#if defined(__cpp_lib_to_chars)
  return std::to_chars(first, last, value);
#else
  return detail::write_double_portable(first, last, value);
#endif
}

namespace detail {
namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// True when [at, last) starts with word (ASCII, any case).
bool starts_with_word(const char* at, const char* last, const char* word) {
  const std::size_t length = std::strlen(word);
  if (static_cast<std::size_t>(last - at) < length) return false;
  for (std::size_t i = 0; i < length; ++i)
    if (lower(at[i]) != word[i]) return false;
  return true;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The end of from_chars' general grammar at `at` (after the sign), or nullptr.
const char* end_of_number(const char* at, const char* last) {
  if (starts_with_word(at, last, "infinity")) return at + 8;
  if (starts_with_word(at, last, "inf")) return at + 3;
  if (starts_with_word(at, last, "nan")) {
    const char* end = at + 3;
    if (end < last && *end == '(') {
      const char* close = end + 1;
      while (close < last &&
             (is_digit(*close) || *close == '_' || (lower(*close) >= 'a' && lower(*close) <= 'z')))
        ++close;
      if (close < last && *close == ')') return close + 1;
    }
    return end;
  }
  const char* cursor = at;
  std::size_t digits = 0;
  while (cursor < last && is_digit(*cursor)) ++cursor, ++digits;
  if (cursor < last && *cursor == '.') {
    ++cursor;
    while (cursor < last && is_digit(*cursor)) ++cursor, ++digits;
  }
  if (digits == 0) return nullptr;
  if (cursor < last && (*cursor == 'e' || *cursor == 'E')) {
    const char* exponent = cursor + 1;
    if (exponent < last && (*exponent == '+' || *exponent == '-')) ++exponent;
    if (exponent < last && is_digit(*exponent)) {
      while (exponent < last && is_digit(*exponent)) ++exponent;
      cursor = exponent;
    }
  }
  return cursor;
}

// Text into [first, last) or value_too_large.
std::to_chars_result put(char* first, char* last, const std::string& text) {
  if (static_cast<std::size_t>(last - first) < text.size())
    return {last, std::errc::value_too_large};
  std::memcpy(first, text.data(), text.size());
  return {first + text.size(), std::errc()};
}

}  // namespace

std::from_chars_result read_double_portable(const char* first, const char* last, double& value) {
  const char* start = first;
  if (start < last && *start == '-') ++start;
  const char* end = start < last ? end_of_number(start, last) : nullptr;
  if (end == nullptr) return {first, std::errc::invalid_argument};
  const std::string text(first, end);
  errno = 0;
  const double read = std::strtod(text.c_str(), nullptr);
  if (errno == ERANGE && (std::isinf(read) || read == 0.0))
    return {end, std::errc::result_out_of_range};
  value = read;
  return {end, std::errc()};
}

std::to_chars_result write_double_portable(char* first, char* last, double value) {
  const std::string sign = std::signbit(value) ? "-" : "";
  if (std::isnan(value)) return put(first, last, sign + "nan");
  if (std::isinf(value)) return put(first, last, sign + "inf");
  if (value == 0.0) return put(first, last, sign + "0");
  // The fewest significant digits whose correctly rounded form reads back.
  char buffer[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*e", precision - 1, std::fabs(value));
    if (std::strtod(buffer, nullptr) == std::fabs(value)) break;
  }
  // buffer: D[.DDD]e±XX → the digits and the exponent of the first one.
  std::string digits;
  const char* cursor = buffer;
  for (; *cursor != 'e'; ++cursor)
    if (is_digit(*cursor)) digits += *cursor;
  const int exponent = std::atoi(cursor + 1);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int count = static_cast<int>(digits.size());

  std::string scientific = digits.substr(0, 1);
  if (count > 1) scientific += "." + digits.substr(1);
  const int magnitude = exponent < 0 ? -exponent : exponent;
  scientific += exponent < 0 ? "e-" : "e+";
  if (magnitude < 10) scientific += '0';
  scientific += std::to_string(magnitude);

  std::string fixed;
  if (exponent >= count - 1) {
    // A whole number: its exact digits, as printf's %.0f and std::to_chars write them
    // (72021361165572112384, not the shortest digits padded: 72021361165572110000).
    char whole[320];
    std::snprintf(whole, sizeof whole, "%.0f", std::fabs(value));
    fixed = whole;
  } else if (exponent >= 0) {
    fixed = digits.substr(0, static_cast<std::size_t>(exponent + 1)) + "." +
            digits.substr(static_cast<std::size_t>(exponent + 1));
  } else {
    fixed = "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  }
  return put(first, last, sign + (fixed.size() <= scientific.size() ? fixed : scientific));
}

}  // namespace detail

}  // namespace gifkit::grammars
