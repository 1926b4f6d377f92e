// address_matcher.cpp — matching one folded address against the in-memory
// ABR: prefecture, city (longest folded name; 郡 and 都道府県 optional;
// 政令市 wards), 町字 (longest folded name, 大字/字 optional, a bare number
// as 丁目, Kyoto street names skipped), then the numbers as a 住居表示
// block/residence or a 地番 parcel. Ambiguous cities and 町字 are resolved
// by what follows them, or reported. See address_matcher.hpp.
#include "registries/abr/address_matcher.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "grammars/address_numbers.hpp"
#include "grammars/utf8.hpp"

namespace gifkit::registries::abr {

namespace {

using grammars::AddressNumbers;
using grammars::NumberMark;

bool at_char_boundary(std::string_view text, std::size_t pos) {
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

std::string_view trim_joiners(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '-')) text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

std::string joined(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  return std::string(a) + " " + std::string(b);
}

int level_rank(MatchLevel level) {
  return static_cast<int>(level);
}

}  // namespace

std::string_view match_level_name(MatchLevel level) {
  switch (level) {
    case MatchLevel::unknown:
      return "unknown";
    case MatchLevel::prefecture:
      return "prefecture";
    case MatchLevel::city:
      return "city";
    case MatchLevel::machiaza:
      return "machiaza";
    case MatchLevel::machiaza_detail:
      return "machiaza_detail";
    case MatchLevel::residential_block:
      return "residential_block";
    case MatchLevel::residential_detail:
      return "residential_detail";
    case MatchLevel::parcel:
      return "parcel";
  }
  return "unknown";
}

struct AddressMatcher::Scratch {
  grammars::FoldedAddress folded;
  grammars::AddressKey key;
  std::string probe;
};

namespace {

// How far one city takes an address.
struct CityMatch {
  std::uint32_t city = 0;
  MatchLevel level = MatchLevel::city;
  const CityPlaces* places = nullptr;
  int town = -1;             // the 町字 matched (index in places->towns)
  int oaza_member = -1;      // only the 大字 matched: one of its towns
  std::size_t text_end = 0;  // display offset after the deepest part matched
  std::size_t numbers_start = 0;
  AddressNumbers numbers;
  int used = 0;  // numbers that matched a block/residence/parcel
  const NumberedPlace* place = nullptr;
  bool residence_has_third = false;
  std::string reason;
};

// A 町字 name matched at a key offset.
struct TownHit {
  const std::vector<std::uint32_t>* towns = nullptr;
  std::size_t key_bytes = 0;  // the matched key's length (without skipped 字)
  std::size_t key_end = 0;    // offset in the address key after the match
};

TownHit match_town_name(const CityPlaces& places, std::string_view key, std::size_t from,
                        std::string& probe) {
  TownHit hit;
  auto accept = [](const std::vector<std::uint32_t>&) { return true; };
  for (std::string_view prefix : {"大字", "字"}) {
    if (key.substr(from).starts_with(prefix)) {
      from += prefix.size();
      break;
    }
  }
  std::size_t length = 0;
  hit.towns =
      longest_prefix(places.towns_by_key, key.substr(from), places.longest_key, length, accept);
  if (!hit.towns) return hit;
  hit.key_bytes = length;
  hit.key_end = from + length;
  // 大字X字Y: the 字 between the 大字 and the 小字 is optional in the keys.
  if (key.substr(hit.key_end).starts_with("字")) {
    probe.assign(key.substr(from, length));
    probe.append(key.substr(hit.key_end + 3));
    std::size_t longer = 0;
    if (auto towns = longest_prefix(places.towns_by_key, probe, places.longest_key, longer, accept);
        towns && longer > length) {
      hit.towns = towns;
      hit.key_bytes = longer;
      hit.key_end = from + longer + 3;
    }
  }
  return hit;
}

// Matches the numbers after a town: 住居表示 block and residence, else 地番.
void match_numbers(CityMatch& match, std::string_view text) {
  const AbrTown& town = match.places->towns[match.town];
  const auto& numbers = match.numbers;
  auto value = [&](int i) {
    return i < numbers.count ? static_cast<std::uint32_t>(numbers.numbers[i].value) : 0u;
  };
  const auto town_index = static_cast<std::uint32_t>(match.town);
  if (numbers.count == 0) return;
  if (town.residential) {
    if (auto block = CityPlaces::find(match.places->blocks, town_index, value(0), 0, 0)) {
      match.level = MatchLevel::residential_block;
      match.used = 1;
      match.place = block;
    }
    const NumberedPlace* residence = nullptr;
    if (numbers.count >= 3)
      residence =
          CityPlaces::find(match.places->residences, town_index, value(0), value(1), value(2));
    if (residence) {
      match.used = 3;
      match.residence_has_third = true;
    } else if (numbers.count >= 2 &&
               (residence = CityPlaces::find(match.places->residences, town_index, value(0),
                                             value(1), 0))) {
      match.used = 2;
    }
    if (residence) {
      match.level = MatchLevel::residential_detail;
      match.place = residence;
    }
  }
  if (match.used == 0 && !match.places->parcel_places.empty()) {
    for (int count = std::min(numbers.count, 3); count >= 1; --count) {
      auto parcel = CityPlaces::find(match.places->parcel_places, town_index, value(0),
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
  } else {
    std::string number(text.substr(match.numbers_start, numbers.numbers[numbers.count - 1].end));
    bool numbered = !match.places->blocks.empty() || !match.places->parcel_places.empty();
    match.reason = numbered
                       ? "the number '" + number + "' is not in the registry's " +
                             std::string(town.residential ? "住居表示" : "地番") + " of the 町字"
                       : "the number '" + number +
                             "' is not checked: the registry holds only the 町字 of this city";
  }
}

}  // namespace

AddressMatcher::AddressMatcher(const RegistryDb& db, AddressMatcherOptions options)
    : options_(std::move(options)), scratch_(std::make_unique<Scratch>()) {
  std::ifstream in(options_.fold_tables, std::ios::binary);
  if (!in)
    throw RegistryError(options_.fold_tables.string() +
                        ": cannot read the address fold tables (models/dictionaries)");
  std::stringstream text;
  text << in.rdbuf();
  std::vector<std::string> errors;
  tables_ = grammars::parse_address_fold_tables(text.str(), errors);
  if (!errors.empty()) throw RegistryError(options_.fold_tables.string() + ": " + errors.front());
  index_ = std::make_unique<AddressIndex>(db, tables_);
}

AddressMatcher::~AddressMatcher() = default;

namespace {

// Matches what follows the city: the 町字, then the numbers.
CityMatch match_in_city(AddressIndex& index, std::uint32_t city, const grammars::AddressKey& key,
                        std::size_t key_from, std::string_view text,
                        const grammars::AddressFoldTables& tables, std::string& probe) {
  CityMatch match;
  match.city = city;
  match.places = &index.places_of(city);
  match.text_end = key.offsets[key_from];
  if (match.places->towns.empty()) {
    match.reason = "the registry has no 町字 of this city";
    return match;
  }
  // Kyoto: 寺町通三条上る天性寺前町 — the 町字 follows the last street marker
  // (tried first: the street itself may be named like a 町字).
  std::vector<std::size_t> after_markers;
  for (const auto& marker : tables.street_markers) {
    for (auto at = key.key.find(marker, key_from); at != std::string::npos;
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
  if (!hit.towns && match.places->nameless_town >= 0) {
    // A city with a 町字 without a name (白浜町190): the numbers follow the city.
    match.town = match.places->nameless_town;
    match.level = MatchLevel::machiaza;
    match.numbers_start = match.text_end;
    std::string_view rest = text.substr(match.text_end);
    match.numbers = grammars::parse_address_numbers(rest);
    match_numbers(match, text);
    if (match.numbers.count > 0) return match;
    const CityPlaces* places = match.places;
    match = CityMatch();
    match.city = city;
    match.places = places;
    match.text_end = key.offsets[key_from];
  }
  if (!hit.towns) {
    match.reason = "no 町字 of the city matches";
    return match;
  }
  const auto& towns = match.places->towns;
  std::vector<int> exact;
  for (auto town : *hit.towns)
    if (towns[town].key_bytes == hit.key_bytes) exact.push_back(static_cast<int>(town));
  bool has_members = exact.size() < hit.towns->size();
  match.text_end = key.offsets[hit.key_end];
  std::string_view rest = text.substr(match.text_end);
  while (!rest.empty() && rest.front() == ' ') {
    rest.remove_prefix(1);
    ++match.text_end;
  }
  AddressNumbers numbers = grammars::parse_address_numbers(rest);
  // 白山1-2-3: a bare first number is the 丁目 when the 大字 has one of that number.
  if (has_members && numbers.count >= 1 &&
      (numbers.numbers[0].mark == NumberMark::hyphen ||
       numbers.numbers[0].mark == NumberMark::chome || numbers.count == 1)) {
    probe.assign(key.key.substr(hit.key_end - hit.key_bytes, hit.key_bytes));
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
    return match;
  }
  // Several 町字 of the same name: the one whose numbers match, if only one.
  CityMatch best;
  int best_count = 0;
  for (int town : exact) {
    CityMatch candidate = match;
    candidate.town = town;
    candidate.level = towns[town].chome.empty() && towns[town].koaza.empty()
                          ? MatchLevel::machiaza
                          : MatchLevel::machiaza_detail;
    candidate.reason.clear();
    match_numbers(candidate, text);
    if (best_count == 0 || level_rank(candidate.level) > level_rank(best.level)) {
      best = std::move(candidate);
      best_count = 1;
    } else if (candidate.level == best.level) {
      ++best_count;
    }
  }
  if (best_count > 1) {
    match.level = MatchLevel::city;
    match.text_end = key.offsets[key_from];
    match.reason = "ambiguous: " + std::to_string(best_count) + " 町字 of this city are named so";
    return match;
  }
  return best;
}

}  // namespace

NormalizedAddress AddressMatcher::normalize(std::string_view line) {
  NormalizedAddress result;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  result.input = std::string(line);
  if (grammars::find_invalid_utf8(line) != std::string_view::npos) {
    result.reason = "not valid UTF-8 (mojibake?)";
    return result;
  }
  if (std::size_t chars = grammars::count_code_points(line); chars > options_.max_input_chars) {
    result.reason = "too long: " + std::to_string(chars) + " characters (at most " +
                    std::to_string(options_.max_input_chars) + ")";
    return result;
  }
  auto& folded = scratch_->folded;
  auto& key = scratch_->key;
  grammars::fold_address_text(line, folded);
  result.postal_code = folded.postal_code;
  if (folded.text.empty()) {
    result.reason = "empty";
    return result;
  }
  grammars::make_address_key(folded.text, tables_, key);
  const std::string_view text = folded.text;

  int pref = -1;
  std::size_t pos = 0;
  std::size_t length = 0;
  auto any = [](const std::vector<std::uint32_t>&) { return true; };
  if (auto prefs = longest_prefix(index_->prefs_by_key(), key.key, index_->longest_pref_key(),
                                  length, any)) {
    pref = static_cast<int>(prefs->front());
    pos = length;
  }
  const auto& cities = index_->cities();
  auto in_pref = [&](const std::vector<std::uint32_t>& list) {
    return pref < 0 || std::any_of(list.begin(), list.end(), [&](std::uint32_t city) {
             return static_cast<int>(cities[city].pref) == pref;
           });
  };
  std::vector<std::uint32_t> candidates;
  if (auto list = longest_prefix(index_->cities_by_key(), std::string_view(key.key).substr(pos),
                                 index_->longest_city_key(), length, in_pref)) {
    for (auto city : *list)
      if (pref < 0 || static_cast<int>(cities[city].pref) == pref) candidates.push_back(city);
    pos += length;
    // The city written twice (紀の川市紀の川市粉河): the second is skipped.
    std::string_view again = std::string_view(key.key).substr(pos - length, length);
    if (std::string_view(key.key).substr(pos).starts_with(again)) pos += length;
  } else if (pref >= 0) {
    // A word between the prefecture and the city (東京都八丈島八丈町): skipped
    // when it ends with a before_city suffix of the fold tables.
    std::string_view rest = std::string_view(key.key).substr(pos);
    for (std::size_t skip = 1; skip < rest.size() && skip <= 24 && candidates.empty(); ++skip) {
      if (!at_char_boundary(rest, skip)) continue;
      std::string_view word = rest.substr(0, skip);
      if (std::none_of(tables_.before_city_suffixes.begin(), tables_.before_city_suffixes.end(),
                       [&](const std::string& suffix) { return word.ends_with(suffix); }))
        continue;
      if (auto list = longest_prefix(index_->cities_by_key(), rest.substr(skip),
                                     index_->longest_city_key(), length, in_pref)) {
        for (auto city : *list)
          if (static_cast<int>(cities[city].pref) == pref) candidates.push_back(city);
        pos += skip + length;
      }
    }
  }
  // A 政令市 without its ward: the ward is the one whose 町字 follows.
  int parent = -1;
  if (candidates.size() == 1 && !index_->wards_of(candidates[0]).empty()) {
    parent = static_cast<int>(candidates[0]);
    candidates = index_->wards_of(candidates[0]);
  }

  std::vector<CityMatch> matches;
  for (auto city : candidates)
    matches.push_back(match_in_city(*index_, city, key, pos, text, tables_, scratch_->probe));
  int best = -1;
  int best_count = 0;
  for (int i = 0; i < static_cast<int>(matches.size()); ++i) {
    if (best < 0 || level_rank(matches[i].level) > level_rank(matches[best].level)) {
      best = i;
      best_count = 1;
    } else if (matches[i].level == matches[best].level) {
      ++best_count;
    }
  }
  if (parent >= 0 && (best < 0 || best_count > 1 || matches[best].level == MatchLevel::city)) {
    // No ward's 町字 follows: the 政令市 itself.
    matches.assign(1, CityMatch());
    matches[0].city = static_cast<std::uint32_t>(parent);
    matches[0].text_end = key.offsets[pos];
    matches[0].reason = "no 町字 of the city's wards matches";
    best = 0;
    best_count = 1;
  }
  std::string rest_text;
  if (best >= 0 && best_count > 1) {
    result.ambiguous = true;
    result.reason = "ambiguous:";
    std::string pref_of_all = index_->prefs()[cities[matches[0].city].pref].name;
    for (const auto& match : matches) {
      const AbrCity& city = cities[match.city];
      result.reason += " " + index_->prefs()[city.pref].name + city.county + city.city + city.ward +
                       " (" + city.lg_code + ")";
      if (index_->prefs()[city.pref].name != pref_of_all) pref_of_all.clear();
    }
    if (pref < 0 && !pref_of_all.empty()) pref = static_cast<int>(cities[matches[0].city].pref);
    best = -1;
  }
  if (best < 0) {
    if (pref < 0) {
      if (result.reason.empty())
        result.reason = "no prefecture or city of the registry at the start of the address";
      result.others = std::string(text);
      result.output = result.others;
      return result;
    }
    const AbrPref& matched_pref = index_->prefs()[pref];
    result.match_level = MatchLevel::prefecture;
    result.lg_code = matched_pref.lg_code;
    result.pref = matched_pref.name;
    result.point = matched_pref.point;
    if (result.reason.empty()) result.reason = "no city of the prefecture matches";
    result.others = std::string(trim_joiners(text.substr(key.offsets[pos])));
  } else {
    const CityMatch& match = matches[best];
    const AbrCity& city = cities[match.city];
    const AbrPref& city_pref = index_->prefs()[city.pref];
    result.match_level = match.level;
    result.reason = match.reason;
    result.lg_code = city.lg_code;
    result.pref = city_pref.name;
    result.county = city.county;
    result.city = city.city;
    result.ward = city.ward;
    result.point = city.point.known ? city.point : city_pref.point;
    if (match.town >= 0 || match.oaza_member >= 0) {
      const AbrTown& town = match.places->towns[match.town >= 0 ? match.town : match.oaza_member];
      result.oaza_cho = town.oaza_cho;
      if (match.town >= 0) {
        result.machiaza_id = town.machiaza_id;
        result.chome = town.chome;
        result.koaza = town.koaza;
        if (town.point.known) result.point = town.point;
      }
    }
    if (match.place && match.place->point.known) result.point = match.place->point;
    auto number = [&](int i) { return std::to_string(match.numbers.numbers[i].value); };
    if (match.level == MatchLevel::residential_block ||
        match.level == MatchLevel::residential_detail) {
      result.blk_num = number(0);
      if (match.used >= 2) result.rsdt_num = number(1);
      if (match.used >= 3) result.rsdt_num2 = number(2);
    } else if (match.level == MatchLevel::parcel) {
      result.prc_num1 = number(0);
      if (match.used >= 2) result.prc_num2 = number(1);
      if (match.used >= 3) result.prc_num3 = number(2);
    }
    result.others = std::string(trim_joiners(text.substr(match.text_end)));
    // 番地以下: the matched numbers, else (町字 only in the registry) those written.
    if (match.town >= 0) {
      int block_numbers = match.used > 0 ? match.used : match.numbers.count;
      for (int i = 0; i < block_numbers; ++i) result.gif.cityBlock += (i ? "-" : "") + number(i);
      std::size_t block_end =
          block_numbers > 0 ? match.numbers_start + match.numbers.numbers[block_numbers - 1].end
                            : match.text_end;
      rest_text = std::string(trim_joiners(text.substr(block_end)));
    }
  }
  if (!folded.bracketed.empty()) result.others = joined(result.others, folded.bracketed);
  result.gif.localGovernmentCode = result.lg_code;
  result.gif.streetAddressId = result.machiaza_id;
  result.gif.prefecture = result.pref;
  result.gif.cityAndCounty = result.county + result.city + result.ward;
  result.gif.streetAddress = result.oaza_cho + result.chome + result.koaza;
  // 建物名等: what follows the 番地以下 of a matched 町字.
  if (!result.machiaza_id.empty()) result.gif.buildingNameEtc = joined(rest_text, folded.bracketed);
  result.output =
      result.pref + result.gif.cityAndCounty + result.gif.streetAddress + result.gif.cityBlock;
  std::string tail = result.machiaza_id.empty() ? result.others : result.gif.buildingNameEtc;
  if (!tail.empty()) result.output += " " + tail;
  return result;
}

}  // namespace gifkit::registries::abr
