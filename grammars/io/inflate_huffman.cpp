// inflate_huffman.cpp — see inflate_huffman.hpp.
#include "grammars/io/inflate_huffman.hpp"

namespace gifkit::grammars::inflate_detail {

bool HuffmanCode::build(const std::uint8_t* lengths, int n) {
  count.fill(0);
  fast.fill(0);
  symbol_count = 0;
  int longest = 0;
  for (int symbol = 0; symbol < n; ++symbol) {
    if (lengths[symbol] > kMaxBits) return false;
    ++count[lengths[symbol]];
    if (lengths[symbol] > longest) longest = lengths[symbol];
  }
  count[0] = 0;
  if (longest == 0) return true;  // no codes: only a block that uses none may refer to it
  int left = 1;                   // codes of the current length still free
  for (int length = 1; length <= kMaxBits; ++length) {
    left = (left << 1) - count[length];
    if (left < 0) return false;  // over-subscribed
  }
  if (left > 0 && longest != 1) return false;  // incomplete, allowed for a lone 1-bit code only
  std::array<int, kMaxBits + 2> offset{};
  for (int length = 1; length <= kMaxBits; ++length)
    offset[length + 1] = offset[length] + count[length];
  std::array<int, kMaxBits + 1> next_code{};
  int code = 0;
  for (int length = 1; length <= kMaxBits; ++length) {
    code = (code + count[length - 1]) << 1;
    next_code[length] = code;
  }
  for (int symbol = 0; symbol < n; ++symbol) {
    const int length = lengths[symbol];
    if (length == 0) continue;
    symbols[offset[length]++] = static_cast<std::uint16_t>(symbol);
    ++symbol_count;
    const int canonical = next_code[length]++;
    if (length > kFastBits) continue;
    int reversed = 0;  // the code's bits as they arrive, first bit lowest
    for (int bit = 0; bit < length; ++bit)
      reversed |= ((canonical >> bit) & 1) << (length - 1 - bit);
    for (int index = reversed; index < (1 << kFastBits); index += 1 << length)
      fast[index] = static_cast<std::uint16_t>(symbol << 4 | length);
  }
  return true;
}

int HuffmanCode::decode_slow(std::uint32_t bits, int* length) const {
  int code = 0;   // the bits read so far, as a canonical code
  int first = 0;  // the first code of the current length
  int index = 0;  // its place in symbols
  for (int len = 1; len <= kMaxBits; ++len) {
    code |= static_cast<int>(bits & 1);
    bits >>= 1;
    const int here = count[len];
    if (code - first < here) {
      *length = len;
      return symbols[index + code - first];
    }
    index += here;
    first = (first + here) << 1;
    code <<= 1;
  }
  return -1;
}

}  // namespace gifkit::grammars::inflate_detail
