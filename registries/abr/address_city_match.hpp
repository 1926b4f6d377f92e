// address_city_match.hpp — the part of the address matcher below the city
// (internal to registries/abr/address_*.cpp): longest-prefix lookups of
// folded names, and how far one city takes an address — its 町字 (大字/字
// optional, a bare number as 丁目, Kyoto street names skipped, a 町字 without
// a name) and then its numbers as a 住居表示 block/residence or a 地番 parcel.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/values/address_fold.hpp"
#include "grammars/values/address_numbers.hpp"
#include "registries/abr/address_index.hpp"
#include "registries/abr/address_matcher.hpp"

namespace gifkit::registries::abr {

inline bool at_char_boundary(std::string_view text, std::size_t pos) {
  return pos >= text.size() || (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80;
}

// The longest prefix of key (at most longest bytes) in map whose entries
// accept() keeps; its length in length. nullptr when none.
template <typename Accept>
const std::vector<std::uint32_t>* longest_prefix(const KeyMap& map, std::string_view key,
                                                 std::size_t longest, std::size_t& length,
                                                 Accept accept) {
  for (std::size_t len = std::min(longest, key.size()); len > 0; --len) {
    if (!at_char_boundary(key, len)) continue;
    auto it = map.find(key.substr(0, len));
    if (it != map.end() && accept(it->second)) {
      length = len;
      return &it->second;
    }
  }
  return nullptr;
}

// The same as longest_prefix above on the keys of prefixes' map (at most
// longest bytes), walking up key from its first character and stopping
// where no key goes on: as many lookups as the name is long, not as the
// longest key.
template <typename Accept>
const std::vector<std::uint32_t>* longest_prefix(const PrefixMap& prefixes, std::string_view key,
                                                 std::size_t longest, std::size_t& length,
                                                 Accept accept) {
  const std::vector<std::uint32_t>* found = nullptr;
  const std::size_t most = std::min(longest, key.size());
  for (std::size_t len = 1; len <= most; ++len) {
    if (!at_char_boundary(key, len)) continue;
    auto it = prefixes.find(key.substr(0, len));
    if (it == prefixes.end()) break;  // no key starts with these bytes
    if (it->second != nullptr && accept(*it->second)) {
      found = it->second;
      length = len;
    }
  }
  return found;
}

// The order of the levels: deeper is greater.
inline int level_rank(MatchLevel level) {
  return static_cast<int>(level);
}

// How far one city takes an address.
struct CityMatch {
  std::uint32_t city = 0;
  MatchLevel level = MatchLevel::city;
  // The city's places, held for as long as the match is read (the index may
  // drop the city from its cache meanwhile).
  CityPlacesHandle places;
  int town = -1;  // the 町字 matched (index in places->towns)
  // The numbered places of town, held with places, when its numbers were
  // looked for or its point is the centroid of them; else empty.
  TownPlacesHandle numbered;
  int oaza_member = -1;      // only the 大字 matched: one of its towns
  std::size_t text_end = 0;  // display offset after the deepest part matched
  std::size_t numbers_start = 0;
  grammars::AddressNumbers numbers;
  int used = 0;                          // numbers that matched a block/residence/parcel
  const NumberedPlace* place = nullptr;  // into numbered
  bool residence_has_third = false;
  bool ambiguous = false;  // the numbers fit several places (a 地番 with branches)
  std::string reason;
  MatchStop stop = MatchStop::complete;
};

// Matches what follows the city (from key_from in the key, a byte offset
// of the address key; text is the display-folded address): the 町字, then
// the numbers. Several 町字 of one name are resolved by their numbers, or
// the result stays at the city with an "ambiguous" reason. Reads the city's
// 町字 on first use, and a 町字's numbered places when its numbers (or, for
// a 町字 without a point, its centroid) are first needed. probe is the caller's working string
// (reused across calls); safe from several threads, each with its own probe.
CityMatch match_in_city(const AddressIndex& index, std::uint32_t city,
                        const grammars::AddressKey& key, std::size_t key_from,
                        std::string_view text, const grammars::AddressFoldTables& tables,
                        std::string& probe);

}  // namespace gifkit::registries::abr
