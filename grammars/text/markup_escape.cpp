// markup_escape.cpp — see markup_escape.hpp: one table per kind of what each
// ASCII character becomes, and the one walk over the text that applies it.
#include "grammars/text/markup_escape.hpp"

#include <array>
#include <cstddef>

#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// What each ASCII character becomes in a kind's output ("": itself).
using AsciiReplacements = std::array<std::string_view, 128>;

constexpr AsciiReplacements ascii_replacements(MarkupEscape kind) {
  AsciiReplacements table{};
  table['&'] = "&amp;";
  table['<'] = "&lt;";
  table['>'] = "&gt;";
  if (kind != MarkupEscape::xml_basic) {
    for (std::size_t c = 0; c < 0x20; ++c) {
      if (c != '\t' && c != '\n' && c != '\r') table[c] = kReplacement;
    }
  }
  switch (kind) {
    case MarkupEscape::xml_basic:
      table['"'] = "&quot;";
      break;
    case MarkupEscape::html:
      table['"'] = "&quot;";
      table['\''] = "&#39;";
      table[0x7F] = kReplacement;
      break;
    case MarkupEscape::xml_attribute:
      table['"'] = "&quot;";
      table['\''] = "&apos;";
      table['\t'] = "&#9;";
      table['\n'] = "&#10;";
      table['\r'] = "&#13;";
      break;
    case MarkupEscape::xml_text:
      table['\r'] = "&#13;";
      break;
  }
  return table;
}

constexpr std::array<AsciiReplacements, 4> kReplacements = {
    ascii_replacements(MarkupEscape::xml_basic), ascii_replacements(MarkupEscape::html),
    ascii_replacements(MarkupEscape::xml_text), ascii_replacements(MarkupEscape::xml_attribute)};

// True when text[pos] starts U+FFFE or U+FFFF (EF BF BE, EF BF BF), which
// XML 1.0 forbids.
bool starts_xml_noncharacter(std::string_view text, std::size_t pos) {
  return static_cast<unsigned char>(text[pos]) == 0xEF && pos + 2 < text.size() &&
         static_cast<unsigned char>(text[pos + 1]) == 0xBF &&
         (static_cast<unsigned char>(text[pos + 2]) | 1) == 0xBF;
}

}  // namespace

std::string markup_escaped(std::string_view text, MarkupEscape kind) {
  std::string repaired;
  if (kind != MarkupEscape::xml_basic && find_invalid_utf8(text) != std::string_view::npos) {
    repaired = with_invalid_utf8_replaced(text);
    text = repaired;
  }
  const AsciiReplacements& table = kReplacements[static_cast<std::size_t>(kind)];
  const bool xml_noncharacters =
      kind == MarkupEscape::xml_text || kind == MarkupEscape::xml_attribute;
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t copied = 0;  // text before this is in out
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    std::string_view replacement;
    std::size_t length = 1;
    if (byte < 0x80) {
      replacement = table[byte];
    } else if (xml_noncharacters && starts_xml_noncharacter(text, pos)) {
      replacement = kReplacement;
      length = 3;
    }
    if (replacement.empty()) continue;
    out.append(text, copied, pos - copied);
    out += replacement;
    pos += length - 1;
    copied = pos + 1;
  }
  out.append(text, copied);
  return out;
}

std::string xml_comment_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '-' && !out.empty() && out.back() == '-') out += ' ';
    out += c;
  }
  if (!out.empty() && out.back() == '-') out += ' ';
  return out;
}

}  // namespace gifkit::grammars
