// inflate_huffman.hpp — the canonical Huffman codes of DEFLATE (RFC 1951
// 3.2.2) built from code lengths, for inflate.cpp: a table looked up by the
// next kFastBits bits for the short codes and a count-by-length walk for the
// longer ones. Over-subscribed and (but for a lone code) incomplete sets of
// lengths are refused.
#pragma once
#include <array>
#include <cstdint>

namespace gifkit::grammars::inflate_detail {

struct HuffmanCode {
  static constexpr int kMaxBits = 15;
  static constexpr int kFastBits = 10;
  static constexpr int kMaxSymbols = 288;  // 286 literal/length codes, 288 in the fixed set
  // By the next kFastBits bits (first bit lowest): symbol << 4 | length, 0 for
  // a longer code (or none).
  std::array<std::uint16_t, 1 << kFastBits> fast{};
  std::array<std::uint16_t, kMaxBits + 1> count{};   // codes of each length
  std::array<std::uint16_t, kMaxSymbols> symbols{};  // ordered by code
  int symbol_count = 0;                              // codes in all

  // Builds the code of lengths[0..n); false when the lengths make no code.
  bool build(const std::uint8_t* lengths, int n);
  // The symbol whose code begins bits (first bit lowest, at least kMaxBits
  // valid or zero-padded) and its length in *length; -1 when none.
  int decode_slow(std::uint32_t bits, int* length) const;
};

}  // namespace gifkit::grammars::inflate_detail
