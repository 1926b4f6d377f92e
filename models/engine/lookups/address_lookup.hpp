// address_lookup.hpp — the interface through which the engine reaches the
// Address Base Registry (ABR) data of a base registry (DESIGN §3): an area
// by its 全国地方公共団体コード, a 町字 by (code, 町字ID), a written-out address
// normalized (matched_address.hpp), and the places around a
// point (places_near). validate's address rules (models/engine/checks/registry_rules.hpp)
// and transform's address split (models/engine/transform/form_conversions.hpp)
// take it; models/session/session_lookup.hpp implements it over a registry
// file built by `gifkit registry build`, and tests may implement it over
// anything.
#pragma once
#include <string>
#include <string_view>
#include <utility>

#include "models/engine/lookups/matched_address.hpp"

namespace gifkit::models {

// A 全国地方公共団体コード as the Address Base Registry holds it.
struct RegisteredArea {
  std::string prefecture;  // 都道府県
  std::string county;      // 郡 ("" for most)
  std::string city;        // 市区町村 ("" for a prefecture's own code)
  std::string ward;        // 政令市の区 ("" for most)
};

// A 町字 (lg_code + 町字ID) as the Address Base Registry holds it.
struct RegisteredTown {
  std::string oaza_cho;      // 大字・町名
  std::string chome;         // 丁目名 (二丁目)
  std::string chome_number;  // its number (2), "" when none
  std::string koaza;         // 小字名
  std::string postal_code;   // 郵便番号 (7 digits), "" where the ABR has none
};

// What the registry knows around a point, for the city it is said to be in
// (AddressLookup::places_near): the ABR has representative points, not
// boundaries, so a city's extent is the points of its places (町字, 住居表示,
// 地番) the registry holds, else the reach of its city's point (the general
// reach of a city, or its own for islands: models/dictionaries/city_extents.tsv).
struct PlacesNear {
  bool own_has_places = false;  // the registry holds points of the city's places
  double own_m = 0;             // to the nearest of them, else to the city's point
  double own_reach_m = 0;       // how far from the city's point its places may lie
  std::string own_place;        // the 町字 of that nearest place ("" for the city's point)
  bool other_found = false;     // another city has a point nearer than own_m
  bool other_by_place = false;  // that point is a place of it (else its city's point)
  std::string other_lg_code;
  std::string other_name;  // 都道府県 + 郡 + 市区町村 + 区 (+ the 町字 when by place)
  double other_m = 0;
  bool other_same_prefecture = false;
  double prefecture_m = 0;  // to the nearest city point (or own place) of the own prefecture
};

class AddressLookup {
 public:
  virtual ~AddressLookup() = default;

  // True when the registry holds Address Base Registry data (the address
  // rules are skipped otherwise, with a note).
  virtual bool has_addresses() const { return false; }
  // The area of this code, or false when the registry does not know it.
  virtual bool find_area(std::string_view /*lg_code*/, RegisteredArea& /*out*/) { return false; }
  // True when the registry holds any 町字 of the city (or ward) of lg_code:
  // the ABR is published per area, so a 町字ID of a city whose 町字 the
  // registry has not got cannot be checked (validate reports it not checked,
  // not as not-in-registry).
  virtual bool holds_towns_of(std::string_view /*lg_code*/) { return true; }
  // The 町字 of (lg_code, 町字ID), or false when the registry does not know it.
  virtual bool find_town(std::string_view /*lg_code*/, std::string_view /*machiaza_id*/,
                         RegisteredTown& /*out*/) {
    return false;
  }
  // Normalizes a written-out address (都道府県 + 市区町村 + 町字 + 番地以下…)
  // with the address normalizer against the registry, into out; false when
  // the lookup has no normalizer (no ABR data or no fold tables).
  virtual bool normalize_address(std::string_view /*address*/, MatchedAddress& /*out*/) {
    return false;
  }
  // The 町字 a written-out address reaches, into lg_code / machiaza_id;
  // false when it stops above a 町字, is ambiguous, or there is no normalizer.
  bool locate_town(std::string_view address, std::string& lg_code, std::string& machiaza_id) {
    MatchedAddress found;
    if (!normalize_address(address, found) || found.ambiguous || found.machiaza_id.empty())
      return false;
    lg_code = std::move(found.lg_code);
    machiaza_id = std::move(found.machiaza_id);
    return true;
  }

  // The places around (lat, lon) for the city (or ward) of lg_code: the
  // distance to its nearest place and, when that is farther than near_m, the
  // nearest point of another city that is nearer; false when the registry
  // knows no point of the city.
  virtual bool places_near(std::string_view /*lg_code*/, double /*lat*/, double /*lon*/,
                           double /*near_m*/, PlacesNear& /*out*/) {
    return false;
  }

  // What the registry is, for notes in reports ("houjin.db").
  virtual std::string description() const = 0;
};

// The connected DS-442 form of a normalized address (ds442_address_line with
// its 町字's 丁目 number from registry, and its 建物名等 after a space): what
// validate accepts in a 住所 column. "" when the address reached no 町字, is
// ambiguous, or registry does not know its 町字. gif.fullAddress of
// `gifkit address normalize` and of the service's normalize answers.
std::string ds442_full_address(AddressLookup& registry, const MatchedAddress& address);

}  // namespace gifkit::models
