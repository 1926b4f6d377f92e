// exchange.cpp — see exchange.hpp.
#include "tools/serve/http/exchange.hpp"

#include <algorithm>

namespace gifkit::tools::serve {

namespace {

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool has_line_break(const std::string& text) {
  return text.find_first_of("\r\n") != std::string::npos;
}

}  // namespace

bool FieldNameLess::operator()(const std::string& a, const std::string& b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return static_cast<unsigned char>(lower_ascii(x)) < static_cast<unsigned char>(lower_ascii(y));
  });
}

std::string Request::param(const std::string& name) const {
  auto [first, end] = params.equal_range(name);
  return first == end ? std::string() : first->second;
}

std::string Request::header(const std::string& name) const {
  auto [first, end] = headers.equal_range(name);
  return first == end ? std::string() : first->second;
}

void Answer::set_header(const std::string& name, const std::string& value) {
  if (!has_line_break(name) && !has_line_break(value)) headers.emplace(name, value);
}

void Answer::set_content(std::string text, const std::string& type) {
  body = std::move(text);
  headers.erase("Content-Type");
  set_header("Content-Type", type);
}

void Answer::set_stream(const std::string& type, ChunkProvider provider) {
  set_header("Content-Type", type);
  stream = std::move(provider);
}

}  // namespace gifkit::tools::serve
