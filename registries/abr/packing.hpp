// packing.hpp — the bytes of the derived tables that hold a whole read in one
// row (abr_town_numbers, abr_city_towns): numbers and doubles as they are in
// memory (little-endian, asserted where packed), strings with their length,
// numbers as LEB128 varints (zigzag for signed ones). One writer and one
// reader per kind of value, shared by the tables' packings.
#pragma once
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace gifkit::registries::abr::packing {

static_assert(std::endian::native == std::endian::little,
              "the derived tables pack numbers and points little-endian, as they are in memory");

template <typename T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

// Reads a T at `at` and moves past it. The caller has checked that the
// bytes are there.
template <typename T>
T take(const char*& at) {
  T value;
  std::memcpy(&value, at, sizeof(T));
  at += sizeof(T);
  return value;
}

// A string of at most 65,535 bytes: its length, then its bytes.
inline void put_text(std::string& out, std::string_view text) {
  put(out, static_cast<std::uint16_t>(text.size()));
  out.append(text);
}

// The text put_text wrote at `at`, moving past it; false (at unchanged)
// when it would end after `end`.
inline bool take_text(const char*& at, const char* end, std::string& text) {
  if (end - at < 2) return false;
  const char* from = at;
  const std::uint16_t size = take<std::uint16_t>(from);
  if (end - from < size) return false;
  text.assign(from, size);
  at = from + size;
  return true;
}

// The longest varint: ten bytes of seven bits hold 64.
inline constexpr int kMaxVarintBytes = 10;

// value as a LEB128 varint: seven bits a byte, low first, the high bit set
// on every byte but the last.
inline void put_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

// The varint put_varint wrote at `at`, moving past it; false (at unchanged)
// when it would end after `end`, is longer than ten bytes or exceeds 64 bits.
inline bool take_varint(const char*& at, const char* end, std::uint64_t& value) {
  std::uint64_t result = 0;
  const char* from = at;
  for (int shift = 0; shift < 7 * kMaxVarintBytes; shift += 7) {
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

}  // namespace gifkit::registries::abr::packing
