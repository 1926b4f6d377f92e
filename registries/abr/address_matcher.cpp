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

#include "grammars/text/utf8.hpp"
#include "grammars/values/lost_characters.hpp"
#include "registries/abr/address_city_match.hpp"
#include "registries/moji/name_fold.hpp"

namespace gifkit::registries::abr {

namespace {

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

AddressMatcher::AddressMatcher(const RegistryDb& db, AddressMatcherOptions options)
    : options_(std::move(options)) {
  std::ifstream in(options_.fold_tables, std::ios::binary);
  if (!in)
    throw RegistryError(options_.fold_tables.string() +
                        ": cannot read the address fold tables (models/dictionaries)");
  std::stringstream text;
  text << in.rdbuf();
  std::vector<std::string> errors;
  tables_ = grammars::parse_address_fold_tables(text.str(), errors);
  if (!errors.empty()) throw RegistryError(options_.fold_tables.string() + ": " + errors.front());
  add_character_fold(db);
  index_ =
      std::make_unique<AddressIndex>(db, index_tables_, options_.cache_bytes, options_.open_reader);
}

AddressMatcher::~AddressMatcher() = default;

// Where the fold table has no entry for a character, the registry's
// character data decides (moji_fold: the NTA map, then MJ 縮退), when it
// folds it to one character: 西牟娄郡 is compared as 西牟婁郡. A registry
// without character data: the same fold derived from the published tables,
// when the caller gave them. Applied to the input and to the ABR's names
// alike, like the table's own entries.
void AddressMatcher::add_character_fold(const RegistryDb& db) {
  const moji::NameFold fold = moji::NameFold::load(db);
  if (fold.empty()) {
    index_tables_ = tables_;
    if (options_.character_data == nullptr) return;
    // Derived as inputs bring characters; the ABR's own characters are kept
    // as the ABR writes them (see LazyDerivedFold::fold_or_keep).
    derived_fold_ = std::make_unique<moji::LazyDerivedFold>(*options_.character_data);
    tables_.more_variants = [fold = derived_fold_.get()](char32_t cp) {
      return fold->fold_one(cp);
    };
    index_tables_.more_variants = [fold = derived_fold_.get()](char32_t cp) {
      return fold->fold_or_keep(cp);
    };
    variant_source_ = VariantSource::character_tables;
    return;
  }
  variant_source_ = VariantSource::registry;
  fold.for_each([this](char32_t cp, std::string_view folded) {
    std::size_t pos = 0;
    const char32_t to = grammars::decode_utf8(folded, pos);
    if (pos != folded.size() || to == cp) return;
    tables_.variants.emplace(cp, to);  // the table's own entry, when there is one, stays
  });
  index_tables_ = tables_;
}

// The prefecture and the cities an address starts with (from the key),
// and the key offset after them.
struct AddressMatcher::CityCandidates {
  int pref = -1;
  std::size_t key_end = 0;
  std::vector<std::uint32_t> cities;
  int parent = -1;  // a 政令市 written without its ward: cities are its wards
};

AddressMatcher::CityCandidates AddressMatcher::find_cities(std::string_view key) const {
  CityCandidates found;
  std::size_t length = 0;
  auto any = [](const std::vector<std::uint32_t>&) { return true; };
  if (auto prefs =
          longest_prefix(index_->pref_prefixes(), key, index_->longest_pref_key(), length, any)) {
    found.pref = static_cast<int>(prefs->front());
    found.key_end = length;
  }
  const auto& cities = index_->cities();
  auto in_pref = [&](const std::vector<std::uint32_t>& list) {
    return found.pref < 0 || std::any_of(list.begin(), list.end(), [&](std::uint32_t city) {
             return static_cast<int>(cities[city].pref) == found.pref;
           });
  };
  auto take = [&](const std::vector<std::uint32_t>& list) {
    for (auto city : list)
      if (found.pref < 0 || static_cast<int>(cities[city].pref) == found.pref)
        found.cities.push_back(city);
  };
  std::string_view rest = key.substr(found.key_end);
  if (auto list = longest_prefix(index_->city_prefixes(), rest, index_->longest_city_key(), length,
                                 in_pref)) {
    take(*list);
    found.key_end += length;
    // The city written twice (紀の川市紀の川市粉河): the second is skipped.
    if (rest.substr(length).starts_with(rest.substr(0, length))) found.key_end += length;
  } else if (found.pref >= 0) {
    // A word between the prefecture and the city (東京都八丈島八丈町): skipped
    // when it ends with a before_city suffix of the fold tables.
    for (std::size_t skip = 1; skip < rest.size() && skip <= 24 && found.cities.empty(); ++skip) {
      if (!at_char_boundary(rest, skip)) continue;
      std::string_view word = rest.substr(0, skip);
      if (std::none_of(tables_.before_city_suffixes.begin(), tables_.before_city_suffixes.end(),
                       [&](const std::string& suffix) { return word.ends_with(suffix); }))
        continue;
      if (auto list = longest_prefix(index_->city_prefixes(), rest.substr(skip),
                                     index_->longest_city_key(), length, in_pref)) {
        take(*list);
        found.key_end += skip + length;
      }
    }
  }
  // A 政令市 without its ward: the ward is the one whose 町字 follows.
  if (found.cities.size() == 1 && !index_->wards_of(found.cities[0]).empty()) {
    found.parent = static_cast<int>(found.cities[0]);
    found.cities = index_->wards_of(found.cities[0]);
  }
  return found;
}

// Fills the fields of result from the city, 町字 and numbers of match;
// returns the text after the 番地以下 (the building), "" when no 町字.
std::string AddressMatcher::fill_from_city(const CityMatch& match, std::string_view text,
                                           NormalizedAddress& result) const {
  const AbrCity& city = index_->cities()[match.city];
  const AbrPref& city_pref = index_->prefs()[city.pref];
  result.match_level = match.level;
  result.reason = match.reason;
  result.stop = match.stop;
  result.ambiguous = match.ambiguous;
  result.lg_code = city.lg_code;
  result.pref = city_pref.name;
  result.county = city.county;
  result.city = city.city;
  result.ward = city.ward;
  result.point = city.point.known ? city.point : city_pref.point;
  result.coordinate_level = city.point.known ? "city" : city_pref.point.known ? "prefecture" : "";
  if (match.town >= 0 || match.oaza_member >= 0) {
    const AbrTown& town = match.places->towns[match.town >= 0 ? match.town : match.oaza_member];
    result.oaza_cho = town.oaza_cho;
    if (match.town >= 0) {
      result.machiaza_id = town.machiaza_id;
      result.chome = town.chome;
      result.koaza = town.koaza;
      if (town.point.known) {
        result.point = town.point;
        result.coordinate_level = "machiaza";
      } else if (match.numbered && match.numbered->centroid.known) {
        // The ABR gives the 町字 no point: the centroid of its numbered places'.
        result.point = match.numbered->centroid;
        result.coordinate_level = "machiaza_centroid";
      }
    }
  }
  if (match.place && match.place->point.known) {
    result.point = match.place->point;
    result.coordinate_level = match.level == MatchLevel::parcel              ? "parcel"
                              : match.level == MatchLevel::residential_block ? "block"
                                                                             : "residence";
  }
  auto number = [&](int i) { return std::to_string(match.numbers.numbers[i].value); };
  const bool residential =
      match.level == MatchLevel::residential_block || match.level == MatchLevel::residential_detail;
  if (residential || match.level == MatchLevel::parcel) {
    std::string* fields[2][3] = {{&result.blk_num, &result.rsdt_num, &result.rsdt_num2},
                                 {&result.prc_num1, &result.prc_num2, &result.prc_num3}};
    for (int i = 0; i < match.used && i < 3; ++i) *fields[residential ? 0 : 1][i] = number(i);
  }
  result.others = std::string(trim_joiners(text.substr(match.text_end)));
  if (match.town < 0) return "";
  // 番地以下: the matched numbers, else (町字 only in the registry) those written.
  int block_numbers = match.used > 0 ? match.used : match.numbers.count;
  for (int i = 0; i < block_numbers; ++i) result.gif.cityBlock += (i ? "-" : "") + number(i);
  std::size_t block_end = block_numbers > 0
                              ? match.numbers_start + match.numbers.numbers[block_numbers - 1].end
                              : match.text_end;
  return std::string(trim_joiners(text.substr(block_end)));
}

NormalizedAddress AddressMatcher::normalize(std::string_view line, Scratch& scratch) const {
  NormalizedAddress result = match(line, scratch);
  // A character lost in an encoding round trip: the answer says the input is
  // damaged, beside what was (or was not) matched.
  if (result.stop != MatchStop::unreadable) {
    if (const auto lost = grammars::find_lost_character(result.input)) {
      result.damaged = true;
      result.reason = "damaged input: " + grammars::describe_lost_character(result.input, *lost) +
                      (result.reason.empty() ? "" : "; " + result.reason);
    }
  }
  return result;
}

NormalizedAddress AddressMatcher::match(std::string_view line, Scratch& scratch) const {
  NormalizedAddress result;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  result.input = std::string(line);
  if (grammars::find_invalid_utf8(line) != std::string_view::npos) {
    result.reason = "not valid UTF-8 (mojibake?)";
    result.stop = MatchStop::unreadable;
    return result;
  }
  if (std::size_t chars = grammars::count_code_points(line); chars > options_.max_input_chars) {
    result.stop = MatchStop::unreadable;
    result.reason = "too long: " + std::to_string(chars) + " characters (at most " +
                    std::to_string(options_.max_input_chars) + ")";
    return result;
  }
  auto& folded = scratch.folded;
  auto& key = scratch.key;
  grammars::fold_address_text(line, folded);
  result.postal_code = folded.postal_code;
  if (folded.text.empty()) {
    result.reason = "empty";
    result.stop = MatchStop::unreadable;
    return result;
  }
  grammars::make_address_key(folded.text, tables_, key);
  const std::string_view text = folded.text;

  CityCandidates found = find_cities(key.key);
  const auto& cities = index_->cities();
  std::vector<CityMatch> matches;
  for (auto city : found.cities)
    matches.push_back(
        match_in_city(*index_, city, key, found.key_end, text, tables_, scratch.probe));
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
  if (found.parent >= 0 &&
      (best < 0 || best_count > 1 || matches[best].level == MatchLevel::city)) {
    // No ward's 町字 follows: the 政令市 itself.
    const bool no_ward_has_towns =
        !matches.empty() && std::all_of(matches.begin(), matches.end(), [](const CityMatch& m) {
          return m.stop == MatchStop::no_town_data;
        });
    matches.assign(1, CityMatch());
    matches[0].city = static_cast<std::uint32_t>(found.parent);
    matches[0].text_end = key.offsets[found.key_end];
    matches[0].reason = no_ward_has_towns ? "the registry has no 町字 of this city's wards"
                                          : "no 町字 of the city's wards matches";
    matches[0].stop = no_ward_has_towns ? MatchStop::no_town_data : MatchStop::no_town;
    best = 0;
    best_count = 1;
  }
  int pref = found.pref;
  if (best >= 0 && best_count > 1) {
    result.ambiguous = true;
    result.reason = "ambiguous:";
    result.stop = MatchStop::ambiguous;
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
  std::string building;
  if (best >= 0) {
    building = fill_from_city(matches[best], text, result);
  } else if (pref >= 0) {
    const AbrPref& matched_pref = index_->prefs()[pref];
    result.match_level = MatchLevel::prefecture;
    result.lg_code = matched_pref.lg_code;
    result.pref = matched_pref.name;
    result.point = matched_pref.point;
    result.coordinate_level = matched_pref.point.known ? "prefecture" : "";
    if (!result.reason.empty()) {
      // ambiguous cities: said above
    } else if (found.key_end >= key.key.size()) {
      result.reason = "nothing follows the prefecture";  // complete as far as it goes
    } else {
      result.reason = "no city of the prefecture matches";
      result.stop = MatchStop::no_city;
    }
    result.others = std::string(trim_joiners(text.substr(key.offsets[found.key_end])));
  } else {
    if (result.reason.empty()) {
      result.reason = "no prefecture or city of the registry at the start of the address";
      result.stop = MatchStop::no_place;
    }
    result.others = std::string(text);
    result.output = result.others;
    return result;
  }
  if (!folded.bracketed.empty()) result.others = joined(result.others, folded.bracketed);
  // 建物名等: what follows the 番地以下 of a matched 町字.
  result.gif = gif_address(result, std::move(result.gif.cityBlock),
                           result.machiaza_id.empty() ? "" : joined(building, folded.bracketed));
  result.output = address_line(
      result.gif, result.machiaza_id.empty() ? result.others : result.gif.buildingNameEtc);
  return result;
}

}  // namespace gifkit::registries::abr
