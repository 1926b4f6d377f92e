// euc_jp.cpp — see euc_jp.hpp.
#include "grammars/text/euc_jp.hpp"

#include <iconv.h>
#include <array>
#include <memory>
#include <mutex>

#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {

namespace {

constexpr std::size_t kRowSize = 94;  // bytes 0xA1..0xFE

// The code point of each JIS X 0208 (two bytes) and JIS X 0212 (SS3 and two
// bytes) character; 0 where iconv has none.
struct Tables {
  std::array<char32_t, kRowSize * kRowSize> jis0208{};
  std::array<char32_t, kRowSize * kRowSize> jis0212{};
};

char32_t convert_one(iconv_t converter, const char* bytes, std::size_t size) {
  char in[3];
  for (std::size_t i = 0; i < size; ++i) in[i] = bytes[i];
  char* in_ptr = in;
  std::size_t in_left = size;
  unsigned char out[8];
  char* out_ptr = reinterpret_cast<char*>(out);
  std::size_t out_left = sizeof out;
  iconv(converter, nullptr, nullptr, nullptr, nullptr);
  if (iconv(converter, &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<std::size_t>(-1) ||
      in_left != 0 || sizeof out - out_left != 4)
    return 0;
  return static_cast<char32_t>(out[0]) << 24 | static_cast<char32_t>(out[1]) << 16 |
         static_cast<char32_t>(out[2]) << 8 | static_cast<char32_t>(out[3]);
}

const Tables& tables() {
  static std::once_flag built;
  static std::unique_ptr<Tables> table;
  std::call_once(built, [] {
    table = std::make_unique<Tables>();
    const iconv_t converter = iconv_open("UTF-32BE", "EUC-JP");
    if (converter == reinterpret_cast<iconv_t>(-1)) return;  // every kanji then U+FFFD
    for (std::size_t lead = 0; lead < kRowSize; ++lead) {
      for (std::size_t trail = 0; trail < kRowSize; ++trail) {
        const char two[2] = {static_cast<char>(0xA1 + lead), static_cast<char>(0xA1 + trail)};
        table->jis0208[lead * kRowSize + trail] = convert_one(converter, two, 2);
        const char three[3] = {static_cast<char>(0x8F), two[0], two[1]};
        table->jis0212[lead * kRowSize + trail] = convert_one(converter, three, 3);
      }
    }
    iconv_close(converter);
  });
  return *table;
}

bool in_row(unsigned char byte) {
  return byte >= 0xA1 && byte <= 0xFE;
}

}  // namespace

std::size_t euc_jp_to_utf8(std::string_view input, std::string& out) {
  std::size_t first_invalid = std::string_view::npos;
  const Tables* table = nullptr;
  out.reserve(out.size() + input.size() * 3 / 2);
  std::size_t i = 0;
  while (i < input.size()) {
    const auto byte = static_cast<unsigned char>(input[i]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>(byte));
      ++i;
      continue;
    }
    if (table == nullptr) table = &tables();
    char32_t cp = 0;
    std::size_t size = 1;
    const auto at = [&](std::size_t k) {
      return i + k < input.size() ? static_cast<unsigned char>(input[i + k]) : 0;
    };
    if (in_row(byte) && in_row(at(1))) {
      cp = table->jis0208[(byte - 0xA1) * kRowSize + (at(1) - 0xA1)];
      size = 2;
    } else if (byte == 0x8E && at(1) >= 0xA1 && at(1) <= 0xDF) {
      cp = 0xFF61 + (at(1) - 0xA1);  // JIS X 0201 half-width katakana
      size = 2;
    } else if (byte == 0x8F && in_row(at(1)) && in_row(at(2))) {
      cp = table->jis0212[(at(1) - 0xA1) * kRowSize + (at(2) - 0xA1)];
      size = 3;
    }
    if (cp == 0) {
      if (first_invalid == std::string_view::npos) first_invalid = i;
      cp = 0xFFFD;
    }
    append_utf8(out, cp);
    i += size;
  }
  return first_invalid;
}

}  // namespace gifkit::grammars
