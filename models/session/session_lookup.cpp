// session_lookup.cpp — see session_lookup.hpp.
#include "models/session/session_lookup.hpp"

#include <array>
#include <cassert>
#include <exception>
#include <string>
#include <utility>

#include "grammars/values/geo.hpp"
#include "registries/abr/address_nearby.hpp"

namespace gifkit::models {

namespace houjin = registries::houjin;

namespace {

// The fields of the matcher's result the engine reads, moved into out (every
// field of out is set). The matcher's GIF form copies the geocoder fields
// (address_fields.hpp gif_address): its codes are lg_code and machiaza_id,
// its 都道府県 is pref, so each is taken once.
void matched_address(registries::abr::NormalizedAddress&& found, MatchedAddress& out) {
  out.lg_code = std::move(found.lg_code);
  out.machiaza_id = std::move(found.machiaza_id);
  out.prefecture = std::move(found.gif.prefecture);
  out.city_and_county = std::move(found.gif.cityAndCounty);
  out.town = std::move(found.gif.streetAddress);
  out.oaza_cho = std::move(found.oaza_cho);
  out.chome = std::move(found.chome);
  out.koaza = std::move(found.koaza);
  out.city_block = std::move(found.gif.cityBlock);
  out.building = std::move(found.gif.buildingNameEtc);
  out.output = std::move(found.output);
  out.others = std::move(found.others);
  out.postal_code = std::move(found.postal_code);
  out.reason = std::move(found.reason);
  out.stop = found.stop;
  out.ambiguous = found.ambiguous;
  out.point = {found.point.lat, found.point.lon, found.point.known};
}

}  // namespace

SessionLookup::SessionLookup(const LookupSession& session)
    : session_(session),
      registry_(session.registry()),
      read_((registry_.has_corporations() || registry_.has_address_tables() ||
             registry_.registry_has_characters())
                ? registry_
                : throw registries::RegistryError(
                      registry_.location().string() +
                      " holds neither 法人番号, Address Base Registry nor character data")),
      corporations_(read_),
      addresses_(read_),
      characters_(read_) {}

SessionLookup::~SessionLookup() = default;

bool SessionLookup::find_corporation(std::string_view number, RegisteredCorporation& out) {
  if (!registry_.has_corporations()) corporations_.require_tables();  // throws, naming the file
  return corporations_.find_state(number, out);
}

void SessionLookup::use_change_kinds(const houjin::ChangeKinds& kinds) {
  changes_.emplace(corporations_.change_feed(kinds));
}

bool SessionLookup::corporation_changes(std::string_view number, std::string_view since,
                                        std::vector<RegistryChange>& out) {
  out.clear();
  if (!changes_) return false;
  houjin::ChangeFeedOptions options;
  options.since = since;
  options.corporate_number = number;
  changes_->for_each(options, [&](const houjin::ChangeEvent& event) {
    out.push_back({event.kind(), houjin::change_summary(event)});
    return true;
  });
  return true;
}

std::vector<RegisteredCorporation> SessionLookup::corporations_named(std::string_view name,
                                                                     std::size_t limit) {
  if (!registry_.has_corporations()) return {};
  return corporations_.named(name, limit);
}

// Areas and 町字 are read once per session (the session's caches: datasets
// and requests repeat them).
bool SessionLookup::find_area(std::string_view lg_code, RegisteredArea& out) {
  std::optional<RegisteredArea> area;
  const std::string key(lg_code);
  if (!session_.area_cache().find(key, area)) {
    if (auto record = addresses_.area(lg_code)) {
      area.emplace();
      area->prefecture = registries::abr::field(*record, "pref");
      area->county = registries::abr::field(*record, "county");
      area->city = registries::abr::field(*record, "city");
      area->ward = registries::abr::field(*record, "ward");
    }
    session_.area_cache().put(key, area);
  }
  if (!area) return false;
  out = std::move(*area);
  return true;
}

bool SessionLookup::find_town(std::string_view lg_code, std::string_view machiaza_id,
                              RegisteredTown& out) {
  std::optional<RegisteredTown> town;
  std::string key = std::string(lg_code) + ":" + std::string(machiaza_id);
  if (!session_.town_cache().find(key, town)) {
    if (auto parts = addresses_.town_parts(lg_code, machiaza_id)) {
      town.emplace();
      town->oaza_cho = std::move(parts->oaza_cho);
      town->chome = std::move(parts->chome);
      town->chome_number = std::move(parts->chome_number);
      town->koaza = std::move(parts->koaza);
      town->postal_code = std::move(parts->post_code);
    }
    session_.town_cache().put(std::move(key), town);
  }
  if (!town) return false;
  out = std::move(*town);
  return true;
}

const registries::abr::AddressMatcher* SessionLookup::matcher() const {
  if (!registry_.has_address_tables() || registry_.settings().models.empty()) return nullptr;
  return &registry_.require_address_matcher();
}

bool SessionLookup::holds_towns_of(std::string_view lg_code) {
  return addresses_.holds_towns_of(lg_code);
}

bool SessionLookup::normalize_address(std::string_view address, MatchedAddress& out) {
  const registries::abr::AddressMatcher* found = matcher();
  if (found == nullptr) return false;
  matched_address(found->normalize(address, address_scratch_), out);
  return true;
}

std::string SessionLookup::full_address(const registries::abr::NormalizedAddress& result) {
  // ds442_full_address's own first test, before the copy of the result:
  // most results (a city, an ambiguous 町字) have no full address.
  if (result.machiaza_id.empty() || result.ambiguous) return std::string();
  MatchedAddress matched;
  matched_address(registries::abr::NormalizedAddress(result), matched);
  return ds442_full_address(*this, matched);
}

bool SessionLookup::places_near(std::string_view lg_code, double lat, double lon, double near_m,
                                PlacesNear& out) {
  const registries::abr::AddressMatcher* found = matcher();
  if (found == nullptr) return false;
  registries::abr::PlaceNeighbourhood near =
      registries::abr::place_neighbourhood(found->index(), lg_code, lat, lon, near_m);
  if (!near.city_known) return false;
  out.own_has_places = near.own_has_places;
  out.own_m = near.own_m;
  out.own_reach_m = near.own_reach_m;
  out.own_place = std::move(near.own_place);
  out.other_found = near.other_found;
  out.other_by_place = near.other_by_place;
  out.other_lg_code = std::move(near.other_lg_code);
  out.other_name = std::move(near.other_name);
  out.other_m = near.other_m;
  out.other_same_prefecture = near.other_same_prefecture;
  out.prefecture_m = near.prefecture_m;
  return true;
}

std::string SessionLookup::fold_characters(std::string_view text) {
  return characters_.fold(text);
}

std::string SessionLookup::character_readings(std::string_view character) {
  return characters_.readings(character);
}

std::string SessionLookup::data_date() const {
  return registry_.data_date();
}

std::string SessionLookup::description() const {
  const auto& path = read_.db().path();
  return read_.db().on_server() ? path.string() : path.filename().string();
}

}  // namespace gifkit::models
