// detail/iso_shapes.hpp — the hand-written strict forms behind date.cpp's
// fast paths: fixed digit patterns ("DDDD-DD-DD") and the DS-441 time of day
// with its UTC offset. No allocation, no Spirit. Private to date.cpp.
#pragma once
#include <cstddef>
#include <string_view>

#include "grammars/values/detail/ascii_text.hpp"

namespace gifkit::grammars::detail::date {

// The value of text[pos, pos + count), which must be ASCII digits.
inline int digits_value(std::string_view text, std::size_t pos, std::size_t count) {
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) value = value * 10 + (text[pos + i] - '0');
  return value;
}

// True when text[pos..] starts with `pattern`, where 'D' stands for any ASCII
// digit and every other character for itself.
inline bool matches_shape(std::string_view text, std::size_t pos, std::string_view pattern) {
  if (pos > text.size() || text.size() - pos < pattern.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = text[pos + i];
    if (pattern[i] == 'D' ? !is_digit(c) : c != pattern[i]) return false;
  }
  return true;
}

enum class TimeReading { bad_shape, out_of_range, time };

// Reads a whole DS-441 time: hh:mm[:ss[.fraction]] then optionally Z or
// ±hh:mm[:ss]. Seconds may be left out (DS-441 §2 「秒は省略可能」).
inline TimeReading read_time(std::string_view text) {
  if (!matches_shape(text, 0, "DD:DD")) return TimeReading::bad_shape;
  bool in_range = digits_value(text, 0, 2) <= 23 && digits_value(text, 3, 2) <= 59;
  std::size_t pos = 5;
  if (pos < text.size() && text[pos] == ':') {
    if (!matches_shape(text, pos, ":DD")) return TimeReading::bad_shape;
    in_range = in_range && digits_value(text, pos + 1, 2) <= 59;
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      const std::size_t fraction = ++pos;
      while (pos < text.size() && is_digit(text[pos])) ++pos;
      if (pos == fraction) return TimeReading::bad_shape;
    }
  }
  if (pos < text.size() && text[pos] == 'Z') {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    if (!matches_shape(text, pos + 1, "DD:DD")) return TimeReading::bad_shape;
    in_range =
        in_range && digits_value(text, pos + 1, 2) <= 14 && digits_value(text, pos + 4, 2) <= 59;
    pos += 6;
    if (matches_shape(text, pos, ":DD")) {
      in_range = in_range && digits_value(text, pos + 1, 2) <= 59;
      pos += 3;
    }
  }
  if (pos != text.size()) return TimeReading::bad_shape;
  return in_range ? TimeReading::time : TimeReading::out_of_range;
}

}  // namespace gifkit::grammars::detail::date
