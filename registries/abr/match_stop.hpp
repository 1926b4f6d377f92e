// match_stop.hpp — why the address matcher stopped where it did
// (address_matcher.hpp's NormalizedAddress::stop), for callers that act on
// it (validate --registry's address rules, transform's 丁目 split). A value
// type with no reader attached: the engine's lookup interfaces name it as
// AddressStop (models/engine/lookups/matched_address.hpp;
// tests/check_layering.sh allows that include).
#pragma once

namespace gifkit::registries::abr {

// NormalizedAddress::reason says the same in words.
enum class MatchStop {
  complete,               // every part written was found (or only a 町字 was written)
  unreadable,             // empty, too long, or not UTF-8
  no_place,               // no prefecture or city of the registry at the start
  no_city,                // a prefecture, but none of its cities
  no_town_data,           // the registry has no 町字 of the city: not checked
  no_town,                // the city has 町字 in the registry, none matches
  partial_town,           // only the 大字/町 matched: 丁目 or 小字 missing or unknown
  ambiguous,              // several cities, 町字 or 地番 fit
  number_not_registered,  // the 町字 has 住居表示/地番 data; the number is not in it
  number_not_checked,     // the registry has only the 町字 of the city
};

}  // namespace gifkit::registries::abr
