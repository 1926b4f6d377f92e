// varint.hpp — the registry's one LEB128 varint and zigzag: how the packed
// tables (packed_rows.cpp), abr_town_numbers (abr/packing.hpp) and the
// corporate name index (houjin/names/name_index_format.hpp) write a number
// in few bytes, and the bounds-checked read of it.
#pragma once
#include <cstdint>
#include <string>

namespace gifkit::registries::varint {

// The longest varint: ten bytes of seven bits hold 64.
inline constexpr int kMaxBytes = 10;

// value as a LEB128 varint: seven bits a byte, low first, the high bit set
// on every byte but the last.
inline void put(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

// The varint put wrote at `at`, moving past it; false (at unchanged) when
// it would end after `end`, is longer than ten bytes or exceeds 64 bits.
inline bool take(const char*& at, const char* end, std::uint64_t& value) {
  std::uint64_t result = 0;
  const char* from = at;
  for (int shift = 0; shift < 7 * kMaxBytes; shift += 7) {
    if (from == end) return false;
    const auto byte = static_cast<std::uint8_t>(*from++);
    // The tenth byte holds the 64th bit alone.
    if (shift == 63 && byte > 1) return false;
    result |= std::uint64_t{byte & 0x7Fu} << shift;
    if ((byte & 0x80) == 0) {
      value = result;
      at = from;
      return true;
    }
  }
  return false;
}

// A signed number as an unsigned one, small when its magnitude is:
// 0, -1, 1, -2, … → 0, 1, 2, 3, ….
inline std::uint64_t zigzag(std::int64_t value) {
  return (static_cast<std::uint64_t>(value) << 1) ^ (value < 0 ? ~std::uint64_t{0} : 0);
}

inline std::int64_t unzigzag(std::uint64_t value) {
  return static_cast<std::int64_t>(value >> 1) ^ -static_cast<std::int64_t>(value & 1);
}

}  // namespace gifkit::registries::varint
