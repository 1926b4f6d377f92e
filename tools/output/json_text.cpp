// json_text.cpp — see json_text.hpp.
#include "tools/output/json_text.hpp"
#include "grammars/text/decimal_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace gifkit::tools {
namespace {

// True when none of the 8 bytes of word needs a look of its own: each is
// ASCII (below 0x80), none a control character (below 0x20), a quote or a
// backslash. SWAR: a byte's high bit set in the result marks it.
bool plain_ascii_word(std::uint64_t word) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  // Each term sets a byte's high bit only where that byte is ≥ 0x80, below
  // 0x20, '"' or '\\' (a byte ≥ 0x80 may also mark its neighbours: it fails
  // the word anyway).
  const std::uint64_t below_space = word - ones * 0x20;
  const std::uint64_t quote = (word ^ (ones * '"')) - ones;
  const std::uint64_t backslash = (word ^ (ones * '\\')) - ones;
  return ((word | below_space | quote | backslash) & highs) == 0;
}

}  // namespace

bool is_plain_json_string(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  auto within = [&](std::size_t at, unsigned char low, unsigned char high) {
    return at < size && bytes[at] >= low && bytes[at] <= high;
  };
  for (std::size_t i = 0; i < size;) {
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      // Eight plain ASCII bytes at once (the keys, codes and numbers); not
      // tried in a run of multi-byte characters, which would fail it.
      if (size - i >= 8) {
        std::uint64_t word;
        std::memcpy(&word, bytes + i, sizeof word);
        if (plain_ascii_word(word)) {
          i += 8;
          continue;
        }
      }
      if (lead < 0x20 || lead == '"' || lead == '\\') return false;
      ++i;
    } else if (lead >= 0xE1 && lead <= 0xEF && lead != 0xED) {
      // Most of Japanese text (kana, kanji, full-width forms): any two
      // continuation bytes follow these leads (E0 and ED limit the second).
      if (size - i < 3 || (bytes[i + 1] & 0xC0) != 0x80 || (bytes[i + 2] & 0xC0) != 0x80)
        return false;
      i += 3;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      if (!within(i + 1, 0x80, 0xBF)) return false;
      i += 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
      const unsigned char high = lead == 0xED ? 0x9F : 0xBF;
      if (!within(i + 1, low, high) || !within(i + 2, 0x80, 0xBF)) return false;
      i += 3;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
      const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
      if (!within(i + 1, low, high) || !within(i + 2, 0x80, 0xBF) || !within(i + 3, 0x80, 0xBF))
        return false;
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

std::string json_text(const Json& document, int indent) {
  return document.dump(indent, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

void append_json_string(std::string& out, std::string_view text) {
  if (is_plain_json_string(text)) {
    out += '"';
    out += text;
    out += '"';
  } else {
    out += json_text(Json(std::string(text)));
  }
}

void append_json_member(std::string& out, std::string_view name, std::string_view text) {
  out += ",\"";
  out += name;
  out += "\":";
  append_json_string(out, text);
}

void append_json_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char buffer[32];
  auto end = grammars::write_double(buffer, buffer + sizeof buffer, value).ptr;
  out.append(buffer, end);
}

}  // namespace gifkit::tools
