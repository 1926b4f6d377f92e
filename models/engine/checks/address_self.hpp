// address_self.hpp — an address agrees with itself, read as text (no registry
// is needed): the one-line form (連結表記, the old sheets' 住所) against the
// parts written beside it (都道府県, 市区町村, 町字, 番地以下, 建物名等(方書)),
// and a city's name against the city the address names. Both sides are read
// through the one address fold (registry_fold's fold_address, after the
// kanji numerals before a number mark are written in digits: 三丁目 → 3丁目),
// so widths, dashes, 丁目/番地/号 marks, 大字 and ケ/ヶ/が do not count as
// differences. Validate's address_self check (table_checks/) reports what
// these functions find.
#pragma once
#include <string>
#include <string_view>

#include "models/engine/lookups/address_lookup.hpp"

namespace gifkit::models {

// The parts of one row's address, as written.
struct AddressParts {
  std::string_view prefecture;  // 都道府県
  std::string_view city;        // 市区町村（郡、政令市の区を含む）
  std::string_view town;        // 町字
  std::string_view block;       // 番地以下
  std::string_view building;    // 建物名等(方書)
};

// Which part the one-line form contradicts.
enum class AddressPart {
  none,        // they agree
  prefecture,  // another prefecture
  city,        // another city
  town,        // another 町字
  chome,       // a 丁目 on one side only (or another 丁目)
  block,       // other numbers (番地・号)
  building,    // a building in the one-line form that 建物名等 has not
  frontage,    // 地先 on one side only
  partial,     // 一部 (一部他) on one side only
};

struct AddressDisagreement {
  AddressPart part = AddressPart::none;
  // What the one-line form has there ("" for nothing), as a person reads it.
  std::string written;
  // The one-line form starts with its 町字: written without its 市区町村 (and
  // 都道府県), compared from the 町字 on.
  bool without_city = false;
};

// How a one-line address starts: with the row's own prefecture, with
// another's (by its form: 北海道, 東京都, 京都府, 大阪府, ○○県), or with none.
// rest is what follows the prefecture (the whole address for none).
enum class PrefectureWritten { own, other, none };
PrefectureWritten prefecture_written(std::string_view address, std::string_view prefecture,
                                     std::string_view& rest);

// An address for comparison with its own parts: fold_address after the
// kanji numerals before a mark are digits, 大字 and 字 left out, ヶ ヵ が
// read as ケ and の 之 as ノ.
std::string fold_address_self(std::string_view utf8);

// True when an address written from its city on (without its prefecture)
// starts with the city `city` — 郡 written on one side only does not count
// (熊毛郡屋久島町 and 屋久島町 agree), a 政令市's ward after the city is part
// of the address (札幌市 agrees with 札幌市中央区…).
bool address_starts_with_city(std::string_view address_after_prefecture, std::string_view city);

// True when an address (with or without its 都道府県) names another place
// than an area: the area of a 全国地方公共団体コード (CityCodes: the registry's
// or gifkit's city table), or a row's 都道府県 and 市区町村 (the city with its
// 郡 and 区 in it, or the 区 alone; no prefecture: the one the address
// writes). Another place is another 都道府県, or a city of gifkit's national
// table other than the area's — 郡 written on one side only, a 政令市 and an
// address in any of its wards, a ward and an address naming its city without
// a ward, all agree. An address that names no city the table knows (written
// from its 町字 on: 丸の内公園町19; a city formed after the table) is no
// contradiction; an area without a city (a prefecture's own code) never.
bool address_names_another_city(std::string_view address, const RegisteredArea& area);

// The first name of a city written at the start of text (up to its first
// 市, 区, 町 or 村 after the first character, 郡 included), for messages: 豊見城市.
std::string city_written(std::string_view text);

// True when a country's value names a country other than Japan (FRA, USA;
// not JPN, JP, Japan, 日本, 日本国, in any width or case): an address there is
// neither compared with its parts nor looked up in the ABR.
bool is_another_country(std::string_view country);

// The one-line form compared with the parts. Nothing is compared when the
// parts hold no 市区町村 or neither 町字 nor 番地以下. The one-line form
// written without its prefecture (or without its prefecture and city:
// without_city), or without the building, agrees.
AddressDisagreement compare_address_parts(std::string_view connected, const AddressParts& parts);

}  // namespace gifkit::models
