// address_self.cpp — an address compared with itself. See address_self.hpp.
#include "models/engine/checks/address_self.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "grammars/text/digit_dashes.hpp"
#include "grammars/text/edit_distance.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"
#include "grammars/values/address_fold.hpp"
#include "grammars/values/address_numbers.hpp"
#include "models/engine/checks/column_kinds.hpp"
#include "models/engine/checks/registry_fold.hpp"
#include "registries/abr/national_cities.hpp"

namespace gifkit::models {
namespace {

constexpr std::string_view kCounty = "郡";
constexpr std::string_view kChome = "丁目";

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool contains(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

// The first n code points of text.
std::string_view first_code_points(std::string_view text, std::size_t n) {
  std::size_t pos = 0;
  for (std::size_t i = 0; i < n && pos < text.size(); ++i) grammars::decode_utf8(text, pos);
  return text.substr(0, pos);
}

// What follows a 郡 among the first five code points after the first (熊毛郡屋久島町 →
// 屋久島町); text itself when there is none (郡山市, 小郡市 keep their 郡: a name
// cut so reaches no city).
std::string_view after_county(std::string_view text) {
  const std::size_t at = text.find(kCounty);
  if (at == std::string_view::npos || at == 0 || at > 5 * 3) return text;
  return text.substr(at + kCounty.size());
}

// A folded address that starts with the folded city: what follows it, else false.
bool cut_city(std::string_view address, std::string_view city, std::string_view& after) {
  if (city.empty()) return false;
  for (const std::string_view from : {address, after_county(address)}) {
    for (const std::string_view name : {city, after_county(city)}) {
      if (!name.empty() && from.starts_with(name)) {
        after = from.substr(name.size());
        return true;
      }
    }
  }
  return false;
}

// The 丁目 the text writes (its numeral and 丁目: ３丁目, 三丁目), "" for none.
std::string chome_written(std::string_view text) {
  const std::size_t at = text.find(kChome);
  if (at == std::string_view::npos) return {};
  const std::u32string before = grammars::to_code_points(text.substr(0, at));
  std::size_t start = before.size();
  while (start > 0) {
    const char32_t cp = before[start - 1];
    if (!((cp >= U'0' && cp <= U'9') || (cp >= U'０' && cp <= U'９') ||
          grammars::is_kanji_numeral(cp)))
      break;
    --start;
  }
  std::string out;
  for (std::size_t i = start; i < before.size(); ++i) grammars::append_utf8(out, before[i]);
  return out + std::string(kChome);
}

// A 町字 without its 丁目 (野町3丁目 → 野町), or "" when it writes none.
std::string town_without_chome(std::string_view town) {
  const std::string chome = chome_written(town);
  if (chome.empty()) return {};
  const std::size_t at = town.find(chome);
  return std::string(town.substr(0, at));
}

// The leading numbers of a folded 番地以下 (11-1ビル → 11-1).
std::string_view leading_numbers(std::string_view folded) {
  while (!folded.empty() && folded.front() == '-') folded.remove_prefix(1);
  std::size_t end = 0;
  while (end < folded.size() && (is_digit(folded[end]) || folded[end] == '-')) ++end;
  while (end > 0 && folded[end - 1] == '-') --end;
  return end == 0 ? folded : folded.substr(0, end);
}

// An address without a postal code written in front of it (〒100-0001 東京都…).
std::string_view without_postal_code(std::string_view address) {
  constexpr std::string_view kMark = "〒";
  if (!address.starts_with(kMark)) return address;
  std::size_t pos = kMark.size();
  while (pos < address.size()) {
    std::size_t next = pos;
    const char32_t cp = grammars::decode_utf8(address, next);
    if (!((cp >= U'0' && cp <= U'9') || (cp >= U'０' && cp <= U'９') || cp == U'-' || cp == U'－' ||
          cp == U'ー' || cp == U' ' || cp == U'\u3000'))
      break;
    pos = next;
  }
  return address.substr(pos);
}

}  // namespace

bool is_another_country(std::string_view written) {
  std::string country = grammars::fold_width_and_dashes(written);
  std::erase_if(country, [](char c) { return c == ' ' || c == '\t'; });
  std::transform(country.begin(), country.end(), country.begin(), [](char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  });
  return !country.empty() && country != "JPN" && country != "JP" && country != "JAPAN" &&
         country != "日本" && country != "日本国";
}

PrefectureWritten prefecture_written(std::string_view address, std::string_view prefecture,
                                     std::string_view& rest) {
  address = without_postal_code(grammars::trim_blanks(address));
  prefecture = grammars::trim_blanks(prefecture);
  rest = address;
  if (!prefecture.empty() && address.starts_with(prefecture)) {
    rest = address.substr(prefecture.size());
    return PrefectureWritten::own;
  }
  for (const std::size_t length : {std::size_t{3}, std::size_t{4}}) {
    const std::string_view head = first_code_points(address, length);
    if (head.size() <= address.size() && looks_like_prefecture(head)) {
      rest = address.substr(head.size());
      return prefecture.empty() ? PrefectureWritten::own : PrefectureWritten::other;
    }
  }
  return PrefectureWritten::none;
}

std::string fold_address_self(std::string_view utf8) {
  const std::u32string numbered = grammars::digits_before_number_marks(grammars::to_code_points(
      grammars::hiragana_to_katakana(grammars::dashes_between_digits(utf8))));
  std::string text;
  text.reserve(utf8.size());
  for (std::size_t i = 0; i < numbered.size(); ++i) {
    char32_t cp = numbered[i];
    // 大字 and 字 read as a blank: left out, or a '-' between two numbers
    // (九里川尻16字20 → 16-20).
    if (cp == U'大' && i + 1 < numbered.size() && numbered[i + 1] == U'字') {
      ++i;
      cp = U' ';
    }
    if (cp == U'字') cp = U' ';
    if (cp == U'ヶ' || cp == U'ヵ' || cp == U'ガ' || cp == U'ｹ') cp = U'ケ';
    if (cp == U'之') cp = U'ノ';
    grammars::append_utf8(text, cp);
  }
  return fold_address(text);
}

bool address_starts_with_city(std::string_view address_after_prefecture, std::string_view city) {
  std::string_view after;
  return cut_city(fold_address_self(address_after_prefecture), fold_address_self(city), after);
}

namespace {

// A city (or 政令市の区) of gifkit's national table as an address writes it.
struct CityName {
  std::string folded;  // 郡 + 市区町村 + 区, folded
  std::string city;    // 市区町村 alone, folded
  std::string ward;    // 区, folded ("" for most)
};

// The cities of the table by their prefecture.
const std::map<std::string, std::vector<CityName>, std::less<>>& city_names() {
  static const auto names = [] {
    std::map<std::string, std::vector<CityName>, std::less<>> out;
    for (const registries::abr::NationalCity& city : registries::abr::national_cities().cities)
      out[city.prefecture].push_back({fold_address_self(city.county + city.city + city.ward),
                                      fold_address_self(city.city), fold_address_self(city.ward)});
    return out;
  }();
  return names;
}

// True when the city written `city` (folded, 郡 left out; a 政令市の区 may be
// in it, or be it) and the ward `ward` (folded, "" for none) are the city
// named: its city, its ward, or its city and ward; a named 政令市 without a
// ward agrees with any of its wards.
bool same_city(const CityName& named, std::string_view city, std::string_view ward) {
  if (named.ward.empty()) {
    if (!city.starts_with(named.city)) return false;
  } else if (city != named.city && city != named.ward && city != named.city + named.ward) {
    return false;
  }
  return ward.empty() || named.ward.empty() || named.ward == ward;
}

}  // namespace

bool address_names_another_city(std::string_view address, const RegisteredArea& area) {
  if (area.city.empty()) return false;
  std::string_view rest;
  const PrefectureWritten written = prefecture_written(address, area.prefecture, rest);
  if (written == PrefectureWritten::other) return true;
  std::string_view prefecture = area.prefecture;
  if (prefecture.empty()) {  // the prefecture the address writes, else none to tell by
    if (written != PrefectureWritten::own) return false;
    const std::string_view whole = without_postal_code(grammars::trim_blanks(address));
    prefecture = whole.substr(0, whole.size() - rest.size());
  }
  const std::string folded = fold_address_self(rest);
  const std::string ward = fold_address_self(area.ward);
  std::string_view after;
  if (cut_city(folded, fold_address_self(area.county + area.city), after) &&
      (ward.empty() || after.starts_with(ward)))
    return false;
  if (!ward.empty() && folded.starts_with(ward)) return false;  // the ward written alone
  // The city the address names: the longest name of the prefecture it starts
  // with (a ward's name after its city, else the city's).
  const auto cities = city_names().find(prefecture);
  if (cities == city_names().end()) return false;
  const CityName* named = nullptr;
  std::size_t left = folded.size() + 1;
  for (const CityName& each : cities->second) {
    if (!cut_city(folded, each.folded, after)) continue;
    if (after.size() < left) {
      named = &each;
      left = after.size();
    }
  }
  return named != nullptr && !same_city(*named, after_county(fold_address_self(area.city)), ward);
}

std::string city_written(std::string_view text) {
  std::string out;
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size() && count < 10; ++count) {
    const char32_t cp = grammars::decode_utf8(text, pos);
    grammars::append_utf8(out, cp);
    if (count > 0 && (cp == U'市' || cp == U'区' || cp == U'町' || cp == U'村')) return out;
  }
  return out + "…";
}

AddressDisagreement compare_address_parts(std::string_view connected, const AddressParts& parts) {
  AddressDisagreement result;
  if (grammars::trim_blanks(parts.city).empty() ||
      (grammars::trim_blanks(parts.town).empty() && grammars::trim_blanks(parts.block).empty()))
    return result;
  std::string_view rest;
  if (prefecture_written(connected, parts.prefecture, rest) == PrefectureWritten::other) {
    result.part = AddressPart::prefecture;
    result.written = std::string(connected.substr(0, connected.size() - rest.size()));
    return result;
  }
  const std::string folded = fold_address_self(rest);
  std::string_view after;
  if (!cut_city(folded, fold_address_self(grammars::trim_blanks(parts.city)), after)) {
    // Written from its 町字 on (丸の内公園町19 of 小松市): short of its city,
    // which is no contradiction; the rest is compared.
    const std::string town = fold_address_self(grammars::trim_blanks(parts.town));
    const std::string base = fold_address_self(town_without_chome(parts.town));
    // (Its first two characters the 町字's: another 町字 is the question, not the city.)
    const bool from_town = (!town.empty() && folded.starts_with(town)) ||
                           (!base.empty() && folded.starts_with(base)) ||
                           (town.size() >= 6 && folded.starts_with(first_code_points(town, 2)));
    if (!from_town) {
      result.part = AddressPart::city;
      result.written = city_written(rest);
      return result;
    }
    result.without_city = true;
    after = folded;
  }
  // 地先 and 一部(他) say how much of the place is meant: on one side only, a
  // contradiction however the rest reads.
  const std::string parts_text =
      std::string(parts.town) + std::string(parts.block) + std::string(parts.building);
  for (const auto& [word, part] : {std::pair{std::string_view("地先"), AddressPart::frontage},
                                   std::pair{std::string_view("一部"), AddressPart::partial}}) {
    if (contains(rest, word) != contains(parts_text, word)) {
      result.part = part;
      result.written = contains(rest, word) ? std::string(word) : std::string();
      return result;
    }
  }
  // A 町字 ending in a number (長崎町４) and 番地以下 (１１６ー１) are two numbers.
  const std::string town_width = fold_address_self(parts.town);
  const bool two_numbers = !town_width.empty() && is_digit(town_width.back()) &&
                           !fold_address_self(parts.block).empty() &&
                           is_digit(fold_address_self(parts.block).front());
  const std::string town_block =
      std::string(parts.town) + (two_numbers ? "-" : "") + std::string(parts.block);
  const std::string without_building = fold_address_self(town_block);
  if (after == without_building) return result;
  if (!parts.building.empty() &&
      after == fold_address_self(town_block + " " + std::string(parts.building)))
    return result;
  if (addresses_agree(without_building, after)) {
    // The one-line form goes on after the numbers: a building. Written
    // otherwise than 建物名等 says (abbreviated, another floor) is no
    // contradiction; written where 建物名等 is empty, it is.
    // The parts going on after the numbers (a room in 番地以下) where the
    // one-line form stops: the building omitted, no contradiction either.
    if (!grammars::trim_blanks(parts.building).empty() || after.size() < without_building.size())
      return result;
    result.part = AddressPart::building;
    std::string_view building = std::string_view(after).substr(without_building.size());
    while (!building.empty() && building.front() == '-') building.remove_prefix(1);
    result.written = std::string(building);
    return result;
  }
  // A building after a blank (白峰白山室堂平  室堂センター) where 建物名等 is empty.
  const std::size_t blank = rest.find_first_of(" \t");
  const std::size_t wide_blank = rest.find("\u3000");
  const std::size_t cut = std::min(blank, wide_blank);
  if (cut != std::string_view::npos && grammars::trim_blanks(parts.building).empty()) {
    const std::string_view building = grammars::trim_blanks(rest.substr(cut));
    const std::string head = fold_address_self(rest.substr(0, cut));
    std::string_view head_after = head;
    if ((result.without_city ||
         cut_city(head, fold_address_self(grammars::trim_blanks(parts.city)), head_after)) &&
        head_after == without_building && !building.empty()) {
      result.part = AddressPart::building;
      result.written = std::string(building);
      return result;
    }
  }
  const std::string town = fold_address_self(grammars::trim_blanks(parts.town));
  const bool town_found =
      town.empty() ||
      (after.starts_with(town) &&
       (after.size() == town.size() || !is_digit(town.back()) || !is_digit(after[town.size()])));
  const std::string chome = chome_written(rest);
  if (!town_found) {
    const std::string base = town_without_chome(parts.town);
    if (!base.empty() && after.starts_with(fold_address_self(base))) {
      result.part = AddressPart::chome;  // no 丁目 or another one
      result.written = chome;
      return result;
    }
    result.part = AddressPart::town;
    return result;
  }
  if (!chome.empty() && !contains(parts.town, kChome) && !contains(parts.block, kChome)) {
    result.part = AddressPart::chome;
    result.written = chome;
    return result;
  }
  result.part = AddressPart::block;
  result.written = std::string(leading_numbers(after.substr(town.size())));
  return result;
}

}  // namespace gifkit::models
