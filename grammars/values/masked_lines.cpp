// masked_lines.cpp — see masked_lines.hpp.
#include "grammars/values/masked_lines.hpp"

#include "grammars/values/identifiers.hpp"

namespace gifkit::grammars {
namespace {

// True for the bytes that may continue a 個人番号 written in a text: ASCII
// digits and separators, and any byte of a multi-byte UTF-8 character
// (full-width digits, ー, U+3000).
bool may_continue_a_number(unsigned char byte) {
  return (byte >= '0' && byte <= '9') || byte == ' ' || byte == '-' || byte >= 0x80;
}

}  // namespace

MaskedLines::~MaskedLines() {
  const std::lock_guard<std::mutex> lock(mutex_);
  pass(true);
  target_.flush();
}

MaskedLines::int_type MaskedLines::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  const char byte = traits_type::to_char_type(c);
  xsputn(&byte, 1);
  return c;
}

std::streamsize MaskedLines::xsputn(const char* s, std::streamsize n) {
  const std::lock_guard<std::mutex> lock(mutex_);
  held_.append(s, static_cast<std::size_t>(n));
  pass(false);
  return n;
}

int MaskedLines::sync() {
  const std::lock_guard<std::mutex> lock(mutex_);
  // Up to the last byte that cannot be part of a number: the rest waits.
  std::size_t end = held_.size();
  while (end > 0 && may_continue_a_number(static_cast<unsigned char>(held_[end - 1]))) --end;
  if (end > 0) {
    target_ << mask_individual_numbers_in(std::string_view(held_).substr(0, end));
    held_.erase(0, end);
  }
  target_.flush();
  return target_ ? 0 : -1;
}

void MaskedLines::pass(bool whole) {
  const std::size_t last = held_.find_last_of("\r\n");
  const std::size_t end = whole ? held_.size() : last == std::string::npos ? 0 : last + 1;
  if (end == 0) return;
  target_ << mask_individual_numbers_in(std::string_view(held_).substr(0, end));
  held_.erase(0, end);
  if (!whole) target_.flush();
}

}  // namespace gifkit::grammars
