// address_numbers.cpp — the numbers of a 番地以下. See address_numbers.hpp.
#include "grammars/values/address_numbers.hpp"

#include "grammars/text/edit_distance.hpp"
#include "grammars/text/utf8.hpp"
#include "grammars/values/address_fold.hpp"

namespace gifkit::grammars {

namespace {

bool is_number_char(char32_t cp) {
  return (cp >= U'0' && cp <= U'9') || is_kanji_numeral(cp);
}

// The end of the run of number characters starting at pos (pos when none).
std::size_t number_run_end(std::string_view text, std::size_t pos) {
  while (pos < text.size()) {
    std::size_t next = pos;
    if (!is_number_char(decode_utf8(text, next))) break;
    pos = next;
  }
  return pos;
}

// pos moved past the spaces there (the display fold leaves one at most).
std::size_t skip_spaces(std::string_view text, std::size_t pos) {
  while (pos < text.size() && text[pos] == ' ') ++pos;
  return pos;
}

// True when a mark (number_marks.tsv) starts at pos.
bool mark_at(std::string_view text, std::size_t pos) {
  return number_marks().at_start(text.substr(pos)) != nullptr;
}

}  // namespace

AddressNumbers parse_address_numbers(std::string_view text) {
  AddressNumbers result;
  std::size_t pos = 0;
  while (result.count < AddressNumbers::kMax) {
    std::size_t run_end = number_run_end(text, pos);
    if (run_end == pos) break;
    std::int64_t value = parse_number_text(text.substr(pos, run_end - pos));
    if (value < 0) break;
    AddressNumber& number = result.numbers[result.count++];
    number.value = value;
    number.end = run_end;
    pos = run_end;
    // A space before a mark (12 番, 12 - 3) is a typing slip, not the end.
    if (const std::size_t after_spaces = skip_spaces(text, pos);
        after_spaces != pos && mark_at(text, after_spaces))
      pos = after_spaces;
    if (const NumberMarkSpelling* word = number_marks().at_start(text.substr(pos))) {
      std::size_t after = pos + word->text.size();
      const bool joins = word->mark == NumberMark::hyphen || word->mark == NumberMark::no;
      // 番地の, 番の, 丁目の: the joining の (ノ 之 -) belongs to the mark.
      if (!joins) {
        const NumberMarkSpelling* joiner = number_marks().at_start(text.substr(after));
        if (joiner != nullptr &&
            (joiner->mark == NumberMark::hyphen || joiner->mark == NumberMark::no) &&
            number_run_end(text, after + joiner->text.size()) > after + joiner->text.size())
          after += joiner->text.size();
      }
      // After a hyphen, 丁目, 番地 or 番 a space may come before the next
      // number (12 - 3, 12番 3号); after 号 a space ends the numbers (a room).
      if (word->mark != NumberMark::go) {
        const std::size_t next = skip_spaces(text, after);
        if (next != after && number_run_end(text, next) > next) after = next;
      }
      if (!joins || number_run_end(text, after) != after) {  // not "1-" then no number
        number.mark = word->mark;
        number.end = joins ? pos : after;
        pos = after;
      }
    }
    if (number.mark == NumberMark::none) break;
  }
  return result;
}

std::size_t number_mark_length(std::u32string_view text, std::size_t at) {
  std::string start;
  for (std::size_t i = at; i < text.size() && i < at + 2; ++i) append_utf8(start, text[i]);
  const NumberMarkSpelling* mark = number_marks().at_start(start);
  if (mark == nullptr) return 0;
  return to_code_points(mark->text).size();
}

std::u32string digits_before_number_marks(std::u32string_view text) {
  std::u32string out;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = at;
    while (end < text.size() && is_kanji_numeral(text[end])) ++end;
    if (end > at && number_mark_length(text, end) > 0 && text[end] != U'-') {
      std::string numeral;
      for (std::size_t i = at; i < end; ++i) append_utf8(numeral, text[i]);
      const std::int64_t value = parse_number_text(numeral);
      if (value >= 0) {
        for (const char digit : std::to_string(value)) out.push_back(char32_t(digit));
        at = end;
        continue;
      }
    }
    if (end == at) end = at + 1;
    out.append(text.substr(at, end - at));
    at = end;
  }
  return out;
}

}  // namespace gifkit::grammars
