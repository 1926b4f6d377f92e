// decimal_text.hpp — a double read from decimal text and written as the
// shortest decimal text that reads back: std::from_chars and std::to_chars of
// a double, where the standard library has them (libstdc++), and gifkit's own
// equivalent where it does not (the libc++ of emscripten 3.1.6, the browser
// build: no floating-point <charconv>). The one door for every double gifkit
// reads from a value (totals, coordinates, percentages) or writes to a report,
// so the browser's reports are the CLI's, digit for digit.
#pragma once
#include <charconv>

namespace gifkit::grammars {

// As std::from_chars(first, last, value) (chars_format::general): an optional
// '-', digits with an optional '.' and exponent, or inf, infinity, nan; no
// leading space or '+'. ptr is the end of what was read; on invalid_argument
// or result_out_of_range value is left as it was.
std::from_chars_result read_double(const char* first, const char* last, double& value);

// As std::to_chars(first, last, value): the shortest decimal text that reads
// back as value, fixed or scientific (1e+20), whichever is shorter (fixed on a
// tie); "inf", "-inf", "nan" as the standard writes them. value_too_large
// when it does not fit.
std::to_chars_result write_double(char* first, char* last, double value);

namespace detail {
// gifkit's own versions (the browser build's), compiled in every build so the
// unit tests hold them to the standard library's.
std::from_chars_result read_double_portable(const char* first, const char* last, double& value);
std::to_chars_result write_double_portable(char* first, char* last, double value);
}  // namespace detail

}  // namespace gifkit::grammars
