// detail/utf8_scan.hpp — fast UTF-8 validation for the CSV reader and the
// encoding detector (private to encoding.cpp and csv_reader*.cpp; everything
// else uses grammars/text/utf8.hpp). Hot path: ASCII is checked 8 bytes at a time.
#pragma once
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "grammars/text/utf8.hpp"

namespace gifkit::grammars::detail {

// True when no byte of text[0, size) has the high bit set.
inline bool is_all_ascii(const char* text, std::size_t size) {
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text + i, 8);
    if (word & 0x8080808080808080ULL) return false;
  }
  for (; i < size; ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) return false;
  }
  return true;
}

// Length in bytes of the valid UTF-8 sequence starting at text[pos], or 0
// when the bytes there are not valid UTF-8 (overlong forms, surrogates, code
// points above U+10FFFF, stray continuation bytes, a sequence cut by the end
// of text). Requires pos < size.
inline std::size_t valid_utf8_sequence_length(const unsigned char* text, std::size_t size,
                                              std::size_t pos) {
  const unsigned char lead = text[pos];
  if (lead < 0x80) return 1;
  const std::size_t left = size - pos;
  if (lead >= 0xC2 && lead <= 0xDF) {
    return (left >= 2 && is_utf8_continuation(text[pos + 1])) ? 2 : 0;
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (left < 3) return 0;
    const unsigned char second = text[pos + 1];
    const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;   // no overlongs
    const unsigned char high = lead == 0xED ? 0x9F : 0xBF;  // no surrogates
    if (second < low || second > high || !is_utf8_continuation(text[pos + 2])) return 0;
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (left < 4) return 0;
    const unsigned char second = text[pos + 1];
    const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;   // no overlongs
    const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
    if (second < low || second > high || !is_utf8_continuation(text[pos + 2]) ||
        !is_utf8_continuation(text[pos + 3])) {
      return 0;
    }
    return 4;
  }
  return 0;
}

#if defined(__SSE2__)
// The bytes from bytes[0] (where a character starts) that 16 bytes at a time
// show to be valid UTF-8: ASCII and the common three-byte characters (lead
// E1–EC or EE–EF, two continuation bytes: kana, kanji, the full-width forms
// and half-width kana; never overlong nor a surrogate). A character begun
// in the last two bytes of the 16 is finished with the one or two bytes
// after them, which must exist (size: what may be read). 0 when the 16
// bytes hold anything else (the caller checks them one by one).
inline std::size_t valid_utf8_block(const unsigned char* bytes, [[maybe_unused]] std::size_t size) {
  assert(size >= 18);
  const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
  const auto high = static_cast<unsigned>(_mm_movemask_epi8(chunk));
  if (high == 0) return 16;
  const auto continuations = static_cast<unsigned>(
      _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(chunk, _mm_set1_epi8(static_cast<char>(0xC0))),
                                       _mm_set1_epi8(static_cast<char>(0x80)))));
  // E1–EF: the byte minus E1 is at most 0E (unsigned); then not ED.
  const __m128i from_e1 = _mm_sub_epi8(chunk, _mm_set1_epi8(static_cast<char>(0xE1)));
  const auto leads =
      static_cast<unsigned>(
          _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(from_e1, _mm_set1_epi8(0x0E)), from_e1))) &
      ~static_cast<unsigned>(
          _mm_movemask_epi8(_mm_cmpeq_epi8(chunk, _mm_set1_epi8(static_cast<char>(0xED)))));
  const unsigned expected = (leads << 1) | (leads << 2);  // where their continuations are
  if (high != (leads | continuations) || (expected & 0xFFFF) != continuations) return 0;
  const unsigned spill = expected >> 16;  // 1: byte 16 continues a character; 3: 16 and 17
  if (spill == 0) return 16;
  if (!is_utf8_continuation(bytes[16])) return 0;
  if (spill == 1) return 17;
  return is_utf8_continuation(bytes[17]) ? 18 : 0;
}
#endif

// Offset of the first byte of text[from, size) that does not start a valid
// UTF-8 sequence, or size when all of it is valid. Fast paths: 16 bytes at
// a time with SSE2 (valid_utf8_block), ASCII eight bytes at a time, and
// three-byte sequences (kana and kanji) inline.
inline std::size_t find_invalid_utf8_from(const char* text, std::size_t size, std::size_t from) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text);
  std::size_t pos = from;
#if defined(__SSE2__)
  std::size_t one_by_one_until = 0;  // after a block the fast check did not pass
#endif
  while (pos < size) {
#if defined(__SSE2__)
    if (pos >= one_by_one_until && size - pos >= 18) {
      const std::size_t valid = valid_utf8_block(bytes + pos, size - pos);
      if (valid != 0) {
        pos += valid;
        continue;
      }
      one_by_one_until = pos + 16;
    }
#endif
    const unsigned char lead = bytes[pos];
    if (lead < 0x80) {
      if (pos + 8 <= size) {
        std::uint64_t word;
        std::memcpy(&word, bytes + pos, 8);
        if ((word & 0x8080808080808080ULL) == 0) {
          pos += 8;
          continue;
        }
      }
      ++pos;
      continue;
    }
    if ((lead & 0xF0) == 0xE0 && pos + 3 <= size) {
      const unsigned char second = bytes[pos + 1];
      const unsigned char third = bytes[pos + 2];
      const bool valid = (second & 0xC0) == 0x80 && (third & 0xC0) == 0x80 &&
                         (lead != 0xE0 || second >= 0xA0) &&  // no overlongs
                         (lead != 0xED || second < 0xA0);     // no surrogates
      if (!valid) return pos;
      pos += 3;
      continue;
    }
    const std::size_t length = valid_utf8_sequence_length(bytes, size, pos);
    if (length == 0) return pos;
    pos += length;
  }
  return size;
}

// True when text[pos, size) is a prefix of a valid UTF-8 sequence that the end
// of text cut short (e.g. "\xE3\x81" at the very end).
inline bool is_truncated_utf8_sequence(const char* text, std::size_t size, std::size_t pos) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text);
  const std::size_t left = size - pos;
  const unsigned char lead = bytes[pos];
  std::size_t needed = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    needed = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    needed = 3;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    needed = 4;
  }
  if (needed == 0 || left >= needed) return false;
  // Pad the cut sequence with the smallest continuation bytes that could
  // follow and check that the result would be valid.
  unsigned char padded[4] = {lead, 0, 0, 0};
  for (std::size_t i = 1; i < needed; ++i) {
    padded[i] = i < left ? bytes[pos + i] : 0x80;
  }
  if (left >= 2) return valid_utf8_sequence_length(padded, needed, 0) == needed;
  // Only the lead byte is present: some second byte always makes it valid.
  return true;
}

}  // namespace gifkit::grammars::detail
