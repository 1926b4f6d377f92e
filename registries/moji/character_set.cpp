// character_set.cpp — see character_set.hpp.
#include "registries/moji/character_set.hpp"

#include <bit>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "grammars/text/utf8.hpp"

namespace gifkit::registries::moji {

CharacterSet::CharacterSet() : bits_(kCodePoints / 64), three_byte_(0x10000 / 64) {}

CharacterSet::CharacterSet(std::string name, std::string description)
    : name_(std::move(name)),
      description_(std::move(description)),
      bits_(kCodePoints / 64),
      three_byte_(0x10000 / 64) {}

void CharacterSet::add_sequence(std::string_view utf8) {
  if (utf8.empty()) return;
  std::size_t pos = 0;
  char32_t first = grammars::decode_utf8(utf8, pos);
  if (pos == utf8.size()) {
    add(first);
    return;
  }
  sequences_.emplace(utf8);
}

std::size_t CharacterSet::find_outside(std::string_view text, std::size_t from) const {
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* p = begin + from;
  const unsigned char* const end = begin + text.size();
  const std::uint64_t* const bits = bits_.data();
  const bool ascii_runs = all_ascii_held();
  auto held = [bits](char32_t cp) { return ((bits[cp >> 6] >> (cp & 63)) & 1) != 0; };
  while (p < end) {
    if (ascii_runs) {
      // Eight ASCII bytes at a time, none below 0x20 and none DEL.
      while (end - p >= 8) {
        std::uint64_t word;
        std::memcpy(&word, p, 8);
        constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
        const std::uint64_t below_space = (word - 0x2020202020202020ULL) & ~word & kHigh;
        const std::uint64_t del = ((word ^ 0x7F7F7F7F7F7F7F7FULL) - 0x0101010101010101ULL) &
                                  ~(word ^ 0x7F7F7F7F7F7F7F7FULL) & kHigh;
        if (((word & kHigh) | below_space | del) != 0) break;
        p += 8;
      }
      if (p >= end) break;
    }
    const unsigned lead = *p;
    if (lead < 0x80) {
      if (lead == '\t' || lead == '\n' || lead == '\r' || held(lead)) {
        ++p;
        continue;
      }
      return static_cast<std::size_t>(p - begin);
    }
    if (lead >= 0xE0 && lead < 0xF0) {
      // Japanese text is mostly 3-byte sequences: stay here while it is.
      if constexpr (std::endian::native == std::endian::little) {
        // A 3-byte sequence in the low bytes of bytes (its form checked):
        // held, by the three-byte table (no overlong form, no surrogate).
        const std::uint64_t* const three = three_byte_.data();
        auto held3 = [three](std::uint64_t bytes) -> std::uint64_t {
          return (three[((bytes & 0x0Fu) << 6) | ((bytes >> 8) & 0x3Fu)] >>
                  ((bytes >> 16) & 0x3Fu)) &
                 1u;
        };
#if defined(__SSE2__)
        // Five characters a step while sixteen bytes are readable: one test of
        // the form of all five (1110xxxx 10xxxxxx 10xxxxxx each), five table
        // bits and'ed; on anything else the loops below find the place.
        const __m128i form_mask =
            _mm_setr_epi8('\xF0', '\xC0', '\xC0', '\xF0', '\xC0', '\xC0', '\xF0', '\xC0', '\xC0',
                          '\xF0', '\xC0', '\xC0', '\xF0', '\xC0', '\xC0', 0);
        const __m128i form =
            _mm_setr_epi8('\xE0', '\x80', '\x80', '\xE0', '\x80', '\x80', '\xE0', '\x80', '\x80',
                          '\xE0', '\x80', '\x80', '\xE0', '\x80', '\x80', 0);
        while (end - p >= 16) {
          const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
          if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(bytes, form_mask), form)) != 0xFFFF)
            break;
          std::uint64_t first, middle, last;
          std::memcpy(&first, p, 8);
          std::memcpy(&middle, p + 6, 8);
          std::memcpy(&last, p + 8, 8);
          if ((held3(first) & held3(first >> 24) & held3(middle) & held3(middle >> 24) &
               held3(last >> 32)) == 0)
            break;
          p += 15;
        }
#endif
        // Two characters a step while eight bytes are readable: one load, one
        // test for two leads of 1110xxxx each with two continuation bytes (the
        // last two bytes are not looked at); then one while four are.
        while (end - p >= 8) {
          std::uint64_t word;
          std::memcpy(&word, p, 8);
          if ((word & 0x0000C0C0F0C0C0F0u) != 0x00008080E08080E0u) break;
          if (!held3(word)) return static_cast<std::size_t>(p - begin);
          if (!held3(word >> 24)) return static_cast<std::size_t>(p + 3 - begin);
          p += 6;
        }
        while (end - p >= 4) {
          std::uint32_t word;
          std::memcpy(&word, p, 4);
          if ((word & 0x00C0C0F0u) != 0x008080E0u) break;
          if (!held3(word)) return static_cast<std::size_t>(p - begin);
          p += 3;
        }
      }
      while (end - p >= 3) {
        const unsigned l = p[0];
        if (l < 0xE0 || l >= 0xF0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) break;
        const char32_t cp = ((l & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) || !held(cp))
          return static_cast<std::size_t>(p - begin);
        p += 3;
      }
      if (p >= end) break;
      if (*p >= 0xE0 && *p < 0xF0) return static_cast<std::size_t>(p - begin);
      continue;
    }
    if (lead >= 0xC2 && lead < 0xE0) {
      if (end - p >= 2 && (p[1] & 0xC0) == 0x80) {
        const char32_t cp = ((lead & 0x1F) << 6) | (p[1] & 0x3F);
        if (held(cp)) {
          p += 2;
          continue;
        }
      }
      return static_cast<std::size_t>(p - begin);
    }
    if (lead >= 0xF0 && lead < 0xF5) {
      if (end - p >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
        const char32_t cp =
            ((lead & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
        if (cp >= 0x10000 && cp < kCodePoints && held(cp)) {
          p += 4;
          continue;
        }
      }
      return static_cast<std::size_t>(p - begin);
    }
    return static_cast<std::size_t>(p - begin);
  }
  return text.size();
}

std::size_t CharacterSet::code_point_count() const {
  std::size_t count = 0;
  for (std::uint64_t word : bits_) count += static_cast<std::size_t>(std::popcount(word));
  return count;
}

}  // namespace gifkit::registries::moji
