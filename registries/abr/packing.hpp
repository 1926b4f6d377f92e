// packing.hpp — the bytes of the derived tables that hold a whole read in one
// row (abr_town_numbers, abr_city_towns): numbers and doubles as they are in
// memory (little-endian, asserted where packed), strings with their length
// (numbers as varints: registries/db/varint.hpp). One writer and one reader
// per kind of value, shared by the tables' packings.
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

}  // namespace gifkit::registries::abr::packing
