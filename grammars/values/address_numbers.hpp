// address_numbers.hpp — reading the 番地以下 of a display-folded address:
// the numbers (ASCII digits or kanji numerals, 二〇二 too) and what follows
// each (丁目, 番地, 番, 号, a hyphen, の/ノ/之: the marks of
// models/dictionaries/number_marks.tsv, number_marks.hpp), up to the first
// thing that is not part of them (a space, a building name).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "grammars/dictionaries/number_marks.hpp"

namespace gifkit::grammars {

struct AddressNumber {
  std::int64_t value = 0;
  NumberMark mark = NumberMark::none;
  std::size_t end = 0;  // byte offset just after the number and its mark
};

struct AddressNumbers {
  static constexpr int kMax = 5;
  AddressNumber numbers[kMax];
  int count = 0;
};

// The numbers at the start of text (display-folded: ASCII digits, '-'),
// e.g. "1丁目2番3号" → 1 chome, 2 ban, 3 go; "116番地の10" → 116 banchi,
// 10; "二〇二番地" → 202 banchi; "1-2-3ABCビル" → 1, 2, 3 (end before ABC).
// A hyphen or の not followed by a number is not consumed. At most kMax.
AddressNumbers parse_address_numbers(std::string_view text);

// The length in code points of the number mark (丁目, 番地, 番, 号, の, '-':
// models/dictionaries/number_marks.tsv) at text[at], or 0.
std::size_t number_mark_length(std::u32string_view text, std::size_t at);

// Kanji numerals directly before a number mark written in ASCII digits
// (一番二号 → 1番2号, 三丁目 → 3丁目); a numeral before '-' stays. Link's address
// key and validate's comparison of an address with its own parts read
// numbers through it.
std::u32string digits_before_number_marks(std::u32string_view text);

}  // namespace gifkit::grammars
