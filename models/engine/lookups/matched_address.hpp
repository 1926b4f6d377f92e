// matched_address.hpp — what the engine reads of a written-out address
// normalized against the Address Base Registry (AddressLookup's
// normalize_address): the codes and the GIF parts (DS-442) it reached, the
// 町字's own parts, its point, and where and why the match stopped. The
// models' own type: the implementation over a registry
// (models/session/session_lookup.hpp) fills it from the address matcher's
// result (registries/abr/address_matcher.hpp), so the engine's lookup
// interfaces name nothing of registries/ but the plain value of why a match
// stopped (registries/abr/match_stop.hpp). The writers below are those of
// registries/abr/address_fields.hpp, over this type.
#pragma once
#include <string>
#include <string_view>

#include "registries/abr/match_stop.hpp"

namespace gifkit::models {

// Where the normalizer stopped: the matcher's own type (a plain value).
using AddressStop = registries::abr::MatchStop;

// A point in decimal degrees; known is false when the registry gives none.
struct AddressPoint {
  double lat = 0;
  double lon = 0;
  bool known = false;
};

struct MatchedAddress {
  std::string lg_code;  // 全国地方公共団体コード of the deepest area reached, "" none
  std::string machiaza_id;      // 町字ID, "" when the match stops above a 町字
  std::string prefecture;       // 都道府県
  std::string city_and_county;  // 郡 + 市区町村 + 政令市の区
  std::string town;             // 町字 as the ABR writes it: oaza_cho + chome + koaza
  std::string oaza_cho;         // the 町字's parts, which the DS-442 form writes apart
  std::string chome;
  std::string koaza;
  std::string city_block;   // 番地以下: half-width digits and hyphens
  std::string building;     // 建物名等 (what follows the 番地以下 of a matched 町字)
  std::string output;       // the normalized address on one line
  std::string others;       // what remained unmatched (a building, unknown numbers)
  std::string postal_code;  // a postal code read in front of the address
  std::string reason;       // why the match stopped ("" when it reached a number level)
  AddressStop stop = AddressStop::complete;  // the same, for programs
  bool ambiguous = false;                    // several places fit; the result stops above them
  AddressPoint point;                        // of the deepest level that has one
};

// The address on one line: 都道府県, 市区町村, 町字 and 番地以下 written
// together, then, after one space, tail when not empty
// (registries/abr/address_fields.hpp address_line).
std::string address_line(const MatchedAddress& address, std::string_view tail);

// 番地以下 (address.city_block) in the DS-442 form, with the 丁目 as a number
// when the 町字 has a numbered 丁目 (chome_number, the ABR's 丁目名_数字, ""
// when none) and no 小字 (registries/abr/address_fields.hpp ds442_numbers).
std::string ds442_numbers(const MatchedAddress& address, std::string_view chome_number);

// 町字以下 in the DS-442 form: the 大字・町, then ds442_numbers
// (registries/abr/address_fields.hpp ds442_town_and_block).
std::string ds442_town_and_block(const MatchedAddress& address, std::string_view chome_number);

// The address on one line in the DS-442 form (連結表記) that validate accepts
// in a 住所 column: 都道府県 + 市区町村 + ds442_town_and_block, then, after one
// space, tail when not empty (東京都文京区白山２丁目1-2 → 東京都文京区白山2-1-2).
// The one writer of that line: validate's suggestion for a one-column
// address, transform's rewrite of 連結表記, and gif.fullAddress of
// `address normalize` and the service (ds442_full_address).
std::string ds442_address_line(const MatchedAddress& address, std::string_view chome_number,
                               std::string_view tail);

}  // namespace gifkit::models
