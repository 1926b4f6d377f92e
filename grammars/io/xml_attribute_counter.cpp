// xml_attribute_counter.cpp — see xml_attribute_counter.hpp.
#include "grammars/io/xml_attribute_counter.hpp"

#include <algorithm>

namespace gifkit::grammars {
namespace {

constexpr std::size_t kShownNameBytes = 64;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

bool XmlAttributeCounter::scan(std::string_view bytes) {
  if (exceeded_) return false;
  std::size_t at = 0;
  while (at < bytes.size()) {
    // Content and attribute values (most of the bytes) are skipped to the
    // byte that ends them, their lines counted on the way.
    if (state_ == State::text || state_ == State::quoted) {
      std::size_t stop = bytes.find(state_ == State::text ? '<' : quote_, at);
      if (stop == std::string_view::npos) stop = bytes.size();
      line_ +=
          static_cast<std::uint64_t>(std::count(bytes.begin() + at, bytes.begin() + stop, '\n'));
      at = stop;
      if (at == bytes.size()) break;
    }
    const char c = bytes[at++];
    if (c == '\n') ++line_;
    step(c);
    if (exceeded_) return false;
  }
  return true;
}

bool XmlAttributeCounter::ends(char c, std::string_view terminator) {
  if (c == terminator[terminator_matched_]) {
    if (++terminator_matched_ == terminator.size()) {
      terminator_matched_ = 0;
      return true;
    }
    return false;
  }
  // "--->", "]]]>", "??>": the bytes seen may still start the terminator.
  terminator_matched_ = c == terminator[0] ? 1 : 0;
  if (terminator_matched_ > 0 && terminator.size() > 2 && c == terminator[1])
    terminator_matched_ = 2;
  return false;
}

void XmlAttributeCounter::step(char c) {
  switch (state_) {
    case State::text:
      if (c == '<') {
        state_ = State::open;
        element_line_ = line_;
      }
      return;
    case State::open:
      if (c == '!') {
        state_ = State::bang;
      } else if (c == '?') {
        state_ = State::instruction;
        after_markup_ = State::text;
        terminator_matched_ = 0;
      } else if (c == '/') {
        state_ = State::end_tag;
      } else {
        state_ = State::element_name;
        element_.assign(1, c);
        attributes_ = 0;
      }
      return;
    case State::bang:
      if (c == '-') {
        state_ = State::bang_dash;
      } else if (c == '[') {
        state_ = State::cdata;
        terminator_matched_ = 0;
      } else {
        state_ = State::declaration;
        subset_depth_ = 0;
        declaration_saw_less_ = false;
      }
      return;
    case State::bang_dash:
      state_ = State::comment;
      after_markup_ = State::text;
      terminator_matched_ = 0;
      return;
    case State::comment:
      if (ends(c, "-->")) state_ = after_markup_;
      return;
    case State::cdata:
      if (ends(c, "]]>")) state_ = State::text;
      return;
    case State::instruction:
      if (ends(c, "?>")) state_ = after_markup_;
      return;
    case State::declaration:
      // Inside the internal subset: "<!--" opens a comment, "<?" an
      // instruction (either may hold quotes and brackets that are not markup).
      if (declaration_saw_less_) {
        declaration_saw_less_ = false;
        if (c == '?') {
          state_ = State::instruction;
          after_markup_ = State::declaration;
          terminator_matched_ = 0;
          return;
        }
        if (c == '!') {
          declaration_saw_bang_ = true;
          return;
        }
      } else if (declaration_saw_bang_) {
        declaration_saw_bang_ = false;
        if (c == '-') {
          declaration_saw_dash_ = true;
          return;
        }
      } else if (declaration_saw_dash_) {
        declaration_saw_dash_ = false;
        if (c == '-') {
          state_ = State::comment;
          after_markup_ = State::declaration;
          terminator_matched_ = 0;
          return;
        }
      }
      if (c == '<') {
        declaration_saw_less_ = true;
      } else if (c == '"' || c == '\'') {
        quote_ = c;
        after_quote_ = State::declaration;
        state_ = State::quoted;
      } else if (c == '[') {
        ++subset_depth_;
      } else if (c == ']') {
        if (subset_depth_ > 0) --subset_depth_;
      } else if (c == '>' && subset_depth_ == 0) {
        state_ = State::text;
      }
      return;
    case State::end_tag:
      if (c == '>') state_ = State::text;
      return;
    case State::element_name:
      if (is_space(c) || c == '/') {
        state_ = State::in_tag;
      } else if (c == '>') {
        state_ = State::text;
      } else if (element_.size() < kShownNameBytes) {
        element_ += c;
      }
      return;
    case State::in_tag:
      if (c == '"' || c == '\'') {
        quote_ = c;
        after_quote_ = State::in_tag;
        state_ = State::quoted;
        if (++attributes_ > max_attributes_) exceeded_ = true;
      } else if (c == '>') {
        state_ = State::text;
      }
      return;
    case State::quoted:
      if (c == quote_) state_ = after_quote_;
      return;
  }
}

std::string XmlAttributeCounter::refusal(const std::string& raise_hint) const {
  return "line " + std::to_string(element_line_) + ": the element <" + element_ +
         "> has more than " + std::to_string(max_attributes_) +
         " attributes (the cap on one element" + (raise_hint.empty() ? "" : "; " + raise_hint) +
         ")";
}

}  // namespace gifkit::grammars
