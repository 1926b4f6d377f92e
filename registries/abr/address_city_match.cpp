// address_city_match.cpp — matching below the city: the 町字 names of a
// city, then the numbers. See address_city_match.hpp.
#include "registries/abr/address_city_match.hpp"

#include "grammars/dictionaries/place_qualifiers.hpp"

namespace gifkit::registries::abr {

namespace {

using grammars::AddressNumbers;
using grammars::NumberMark;

struct TownHit {
  const std::vector<std::uint32_t>* towns = nullptr;
  std::size_t key_bytes = 0;  // the matched key's length (without skipped 字)
  std::size_t key_end = 0;    // offset in the address key after the match
  std::string_view name_key;  // the towns_by_key key matched (of a kana reading, its name's)
};

// The 町字 written in kana (はくさん, ハクサン1丁目): the longest reading at
// key, as the towns_by_key entry of its name.
TownHit match_town_reading(const CityPlaces& places, std::string_view key, std::size_t from) {
  TownHit hit;
  const std::string_view rest = key.substr(from);
  for (std::size_t len = std::min(places.longest_kana_key, rest.size()); len > 0; --len) {
    if (!at_char_boundary(rest, len)) continue;
    auto reading = places.kana_keys.find(rest.substr(0, len));
    if (reading == places.kana_keys.end()) continue;
    auto towns = places.towns_by_key.find(std::string_view(reading->second));
    if (towns == places.towns_by_key.end()) continue;
    hit.towns = &towns->second;
    hit.key_bytes = towns->first.size();
    hit.key_end = from + len;
    hit.name_key = towns->first;
    return hit;
  }
  return hit;
}

TownHit match_town_name(const CityPlaces& places, std::string_view key, std::size_t from,
                        std::string& probe) {
  TownHit hit;
  auto accept = [](const std::vector<std::uint32_t>&) { return true; };
  const grammars::PlaceQualifiers& qualifiers = grammars::place_qualifiers();
  if (const auto* qualifier = qualifiers.leading(key.substr(from)))
    from += qualifier->written.size();
  std::size_t length = 0;
  hit.towns =
      longest_prefix(places.towns_by_key, key.substr(from), places.longest_key, length, accept);
  if (!hit.towns) return hit;
  hit.key_bytes = length;
  hit.key_end = from + length;
  hit.name_key = key.substr(from, length);
  // 大字X字Y: the 字 between the 大字 and the 小字 is optional in the keys.
  if (const auto* qualifier = qualifiers.leading(key.substr(hit.key_end))) {
    const std::size_t skipped = qualifier->written.size();
    probe.assign(key.substr(from, length));
    probe.append(key.substr(hit.key_end + skipped));
    std::size_t longer = 0;
    if (auto towns = longest_prefix(places.towns_by_key, probe, places.longest_key, longer, accept);
        towns && longer > length) {
      hit.towns = towns;
      hit.key_bytes = longer;
      hit.key_end = from + longer + skipped;
      hit.name_key = {};  // the probe: its key is not in the address key
    }
  }
  return hit;
}

// The first branch numbers of the parcel first-N of town ("949-1, 949-2,
// 949-3, …"), "" when it has none.
std::string branches_of(const std::vector<NumberedPlace>& parcels, std::uint32_t town,
                        std::uint32_t first) {
  NumberedPlace start;
  start.town_and_first = (std::uint64_t{town} << 32) | first;
  auto it = std::lower_bound(
      parcels.begin(), parcels.end(), start, [](const NumberedPlace& a, const NumberedPlace& b) {
        return a.town_and_first != b.town_and_first ? a.town_and_first < b.town_and_first
                                                    : a.second_and_third < b.second_and_third;
      });
  std::string list;
  int shown = 0;
  for (; it != parcels.end() && it->town_and_first == start.town_and_first; ++it) {
    if (shown == 3) return list + ", …";
    list += (shown++ ? ", " : "") + std::to_string(first) + "-" +
            std::to_string(it->second_and_third >> 32);
  }
  return list;
}

// Matches the numbers after a town: 住居表示 block and residence, else 地番.
// Reads the town's numbered places when there are numbers, or when the town
// has no point of its own (its centroid is then the result's point).
void match_numbers(const AddressIndex& index, CityMatch& match, std::string_view text) {
  const AbrTown& town = match.places->towns[match.town];
  const auto& numbers = match.numbers;
  auto value = [&](int i) {
    return i < numbers.count ? static_cast<std::uint32_t>(numbers.numbers[i].value) : 0u;
  };
  const auto town_index = static_cast<std::uint32_t>(match.town);
  if (numbers.count == 0 && town.point.known) return;
  match.numbered = index.town_places_of(match.places, match.city, town_index);
  const TownPlaces& numbered = *match.numbered;
  if (numbers.count == 0) return;
  if (town.residential) {
    if (auto block = CityPlaces::find(numbered.blocks, town_index, value(0), 0, 0)) {
      match.level = MatchLevel::residential_block;
      match.used = 1;
      match.place = block;
    }
    const NumberedPlace* residence = nullptr;
    if (numbers.count >= 3)
      residence = CityPlaces::find(numbered.residences, town_index, value(0), value(1), value(2));
    if (residence) {
      match.used = 3;
      match.residence_has_third = true;
    } else if (numbers.count >= 2 && (residence = CityPlaces::find(numbered.residences, town_index,
                                                                   value(0), value(1), 0))) {
      match.used = 2;
    }
    if (residence) {
      match.level = MatchLevel::residential_detail;
      match.place = residence;
    }
  }
  if (match.used == 0 && !numbered.parcel_places.empty()) {
    for (int count = std::min(numbers.count, 3); count >= 1; --count) {
      auto parcel = CityPlaces::find(numbered.parcel_places, town_index, value(0),
                                     count >= 2 ? value(1) : 0, count >= 3 ? value(2) : 0);
      if (parcel) {
        match.level = MatchLevel::parcel;
        match.used = count;
        match.place = parcel;
        break;
      }
    }
  }
  if (match.used > 0) {
    match.text_end = match.numbers_start + numbers.numbers[match.used - 1].end;
  } else if (std::string branches = branches_of(numbered.parcel_places, town_index, value(0));
             numbers.count == 1 && !branches.empty()) {
    // 禰宜949 where the ABR has only 949-1, 949-2…: say so rather than guess.
    match.ambiguous = true;
    match.stop = MatchStop::ambiguous;
    match.reason = "ambiguous: 地番 " + std::to_string(value(0)) + " has branch numbers (" +
                   branches + "); which one?";
  } else {
    std::string number(text.substr(match.numbers_start, numbers.numbers[numbers.count - 1].end));
    // Checked only where the registry holds the city's table of each kind
    // the 町字 has (its 住居表示, its 地番): the ABR publishes them apart.
    const bool residences_held = !town.residential || match.places->residences;
    const bool parcels_held = !town.parcels || match.places->parcels;
    const bool checked = residences_held && parcels_held;
    match.stop = checked ? MatchStop::number_not_registered : MatchStop::number_not_checked;
    const char* missing = !residences_held && !parcels_held ? "住居表示 and 地番"
                          : !residences_held                ? "住居表示"
                                                            : "地番";
    match.reason = checked
                       ? "the number '" + number + "' is not in the registry's " +
                             std::string(town.residential ? "住居表示" : "地番") + " of the 町字"
                       : "the number '" + number + "' is not checked: the registry holds no " +
                             missing + " of this city";
  }
}

// 和歌山市5-12: a number right after the city, joined by a hyphen to the
// next, names the city's 町字 that are only that number and a counter
// (五番丁, 五筋目, 六軒丁: keyed 5番丁 …). Fills towns with them (the numbers
// decide between several) and numbers with what follows; false when the
// city has none of that number.
bool match_counted_town(CityMatch& match, std::string_view text, std::vector<int>& towns,
                        AddressNumbers& numbers, std::string& probe) {
  static constexpr std::string_view kCounters[] = {"番丁", "筋目", "軒丁"};
  const AddressNumbers written = grammars::parse_address_numbers(text.substr(match.text_end));
  if (written.count < 2 || written.numbers[0].mark != NumberMark::hyphen) return false;
  for (std::string_view counter : kCounters) {
    probe = std::to_string(written.numbers[0].value);
    probe += counter;
    auto found = match.places->towns_by_key.find(std::string_view(probe));
    if (found == match.places->towns_by_key.end()) continue;
    for (auto town : found->second)
      if (match.places->towns[town].key_bytes == probe.size())
        towns.push_back(static_cast<int>(town));
  }
  if (towns.empty()) return false;
  match.text_end += written.numbers[0].end;
  if (text.substr(match.text_end).starts_with("-")) ++match.text_end;  // the hyphen's own
  numbers = grammars::parse_address_numbers(text.substr(match.text_end));
  return true;
}

}  // namespace

// Matches what follows the city: the 町字, then the numbers.
CityMatch match_in_city(const AddressIndex& index, std::uint32_t city,
                        const grammars::AddressKey& key, std::size_t key_from,
                        std::string_view text, const grammars::AddressFoldTables& tables,
                        std::string& probe) {
  CityMatch match;
  match.city = city;
  match.places = index.places_of(city);
  match.text_end = key.offsets[key_from];
  if (key_from >= key.key.size()) {
    match.reason = "nothing follows the city";  // complete as far as it goes
    return match;
  }
  if (match.places->towns.empty()) {
    match.reason = "the registry has no 町字 of this city";
    match.stop = MatchStop::no_town_data;
    return match;
  }
  // Kyoto: 寺町通三条上る天性寺前町 — the 町字 follows the last street marker
  // (tried first: the street itself may be named like a 町字).
  // Only markers before the first digit count: the street comes before the
  // 町字 and its numbers (street names write their numerals in kanji:
  // 三条), and a marker in a building name after the number (白山1-2-3
  // 東入ビル) is not a street.
  const std::size_t numbers_from = key.key.find_first_of("0123456789", key_from);
  std::vector<std::size_t> after_markers;
  for (const auto& marker : tables.street_markers) {
    for (auto at = key.key.find(marker, key_from); at < numbers_from;
         at = key.key.find(marker, at + 1))
      after_markers.push_back(at + marker.size());
  }
  std::sort(after_markers.rbegin(), after_markers.rend());
  TownHit hit;
  for (std::size_t from : after_markers) {
    hit = match_town_name(*match.places, key.key, from, probe);
    if (hit.towns) break;
  }
  if (!hit.towns) hit = match_town_name(*match.places, key.key, key_from, probe);
  if (!hit.towns) {  // the 町字 written in kana?
    match.places = index.places_with_readings(city);
    hit = match_town_reading(*match.places, key.key, key_from);
  }
  if (!hit.towns && match.places->nameless_town >= 0) {
    // A city with a 町字 without a name (白浜町190): the numbers follow the city.
    match.town = match.places->nameless_town;
    match.level = MatchLevel::machiaza;
    match.numbers_start = match.text_end;
    std::string_view rest = text.substr(match.text_end);
    match.numbers = grammars::parse_address_numbers(rest);
    match_numbers(index, match, text);
    if (match.numbers.count > 0) return match;
    CityPlacesHandle places = std::move(match.places);
    match = CityMatch();
    match.city = city;
    match.places = std::move(places);
    match.text_end = key.offsets[key_from];
  }
  const auto& towns = match.places->towns;
  std::vector<int> exact;
  AddressNumbers numbers;
  bool has_members = false;
  if (hit.towns) {
    for (auto town : *hit.towns)
      if (towns[town].key_bytes == hit.key_bytes) exact.push_back(static_cast<int>(town));
    has_members = exact.size() < hit.towns->size();
    match.text_end = key.offsets[hit.key_end];
    std::string_view rest = text.substr(match.text_end);
    while (!rest.empty() && rest.front() == ' ') {
      rest.remove_prefix(1);
      ++match.text_end;
    }
    numbers = grammars::parse_address_numbers(rest);
  } else if (!match_counted_town(match, text, exact, numbers, probe)) {
    match.reason = "no 町字 of the city matches";
    match.stop = MatchStop::no_town;
    return match;
  }
  std::string_view rest = text.substr(match.text_end);
  // 白山1-2-3: a bare first number is the 丁目 when the 大字 has one of that number.
  if (has_members && numbers.count >= 1 &&
      (numbers.numbers[0].mark == NumberMark::hyphen ||
       numbers.numbers[0].mark == NumberMark::chome || numbers.count == 1)) {
    probe.assign(hit.name_key.empty() ? key.key.substr(hit.key_end - hit.key_bytes, hit.key_bytes)
                                      : hit.name_key);
    probe += std::to_string(numbers.numbers[0].value) + "丁目";
    auto chome = match.places->towns_by_key.find(std::string_view(probe));
    if (chome != match.places->towns_by_key.end()) {
      for (auto town : chome->second) {
        if (towns[town].key_bytes != probe.size()) continue;
        exact.assign(1, static_cast<int>(town));
        std::size_t consumed = numbers.numbers[0].end;
        if (rest.substr(consumed).starts_with("-")) ++consumed;
        match.text_end += consumed;
        rest = text.substr(match.text_end);
        numbers = grammars::parse_address_numbers(rest);
        break;
      }
    }
  }
  match.numbers_start = match.text_end;
  match.numbers = numbers;
  if (exact.empty()) {
    match.oaza_member = static_cast<int>(hit.towns->front());
    match.level = MatchLevel::machiaza;
    match.reason = "only the 大字/町 matched: its 丁目 or 小字 is missing or unknown";
    match.stop = MatchStop::partial_town;
    return match;
  }
  // Several 町字 of the same name: the one whose numbers match, if only one.
  CityMatch best;
  int best_count = 0;
  std::string tied;  // the names of the towns at the best level
  auto name_of = [&towns](int town) {
    return towns[town].oaza_cho + towns[town].chome + towns[town].koaza;
  };
  for (int town : exact) {
    CityMatch candidate = match;
    candidate.town = town;
    candidate.level = towns[town].chome.empty() && towns[town].koaza.empty()
                          ? MatchLevel::machiaza
                          : MatchLevel::machiaza_detail;
    candidate.reason.clear();
    candidate.stop = MatchStop::complete;
    match_numbers(index, candidate, text);
    // Deeper wins; at one level, the one whose registered numbers take more
    // of the written ones (五筋目 1-2 over 五番丁 1 for 5-1-2).
    const bool better = best_count == 0 || level_rank(candidate.level) > level_rank(best.level) ||
                        (candidate.level == best.level && candidate.used > best.used);
    if (better) {
      best = std::move(candidate);
      best_count = 1;
      tied = name_of(town);
    } else if (candidate.level == best.level && candidate.used == best.used) {
      ++best_count;
      if (const std::string name = name_of(town); tied.find(name) == std::string::npos)
        tied += ", " + name;
    }
  }
  if (best_count > 1) {
    match.level = MatchLevel::city;
    match.text_end = key.offsets[key_from];
    match.reason =
        "ambiguous: " + std::to_string(best_count) + " 町字 of this city fit (" + tied + ")";
    match.stop = MatchStop::ambiguous;
    match.ambiguous = true;
    return match;
  }
  return best;
}

}  // namespace gifkit::registries::abr
