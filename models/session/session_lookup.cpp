// session_lookup.cpp — see session_lookup.hpp.
#include "models/session/session_lookup.hpp"

#include <array>
#include <cassert>
#include <exception>
#include <string>
#include <utility>

#include "grammars/values/geo.hpp"
#include "registries/abr/abr_lookup.hpp"
#include "registries/abr/address_nearby.hpp"
#include "registries/houjin/columns/houjin_columns.hpp"
#include "registries/houjin/names/houjin_search.hpp"
#include "registries/moji/character_info.hpp"
#include "registries/moji/moji_store.hpp"

namespace gifkit::models {

namespace houjin = registries::houjin;

namespace {

// The matcher's stop as the models name it (the same values).
AddressStop address_stop(registries::abr::MatchStop stop) {
  using registries::abr::MatchStop;
  switch (stop) {
    case MatchStop::complete:
      return AddressStop::complete;
    case MatchStop::unreadable:
      return AddressStop::unreadable;
    case MatchStop::no_place:
      return AddressStop::no_place;
    case MatchStop::no_city:
      return AddressStop::no_city;
    case MatchStop::no_town_data:
      return AddressStop::no_town_data;
    case MatchStop::no_town:
      return AddressStop::no_town;
    case MatchStop::partial_town:
      return AddressStop::partial_town;
    case MatchStop::ambiguous:
      return AddressStop::ambiguous;
    case MatchStop::number_not_registered:
      return AddressStop::number_not_registered;
    case MatchStop::number_not_checked:
      return AddressStop::number_not_checked;
  }
  return AddressStop::unreadable;  // not reached: every stop is named above
}

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
  out.stop = address_stop(found.stop);
  out.ambiguous = found.ambiguous;
  out.point = {found.point.lat, found.point.lon, found.point.known};
}

}  // namespace

SessionLookup::SessionLookup(const RegistrySession& session)
    : session_(session), lease_(session.borrow()), db_(lease_->db) {
  if (!session_.has_corporations() && !session_.has_address_tables() &&
      !session_.registry_has_characters()) {
    throw registries::RegistryError(
        session_.location().string() +
        " holds neither 法人番号, Address Base Registry nor character data");
  }
  // One read transaction for the whole run: every lookup sees the same state
  // of the registry, and SQLite takes its shared lock and checks for a hot
  // journal once instead of at every statement (4 system calls a lookup).
  // On a server the lease has begun it.
  if (!db_.in_transaction()) {
    db_.begin_read();
    own_transaction_ = true;
  }
}

SessionLookup::~SessionLookup() {
  if (!own_transaction_) return;
  try {
    db_.commit();
  } catch (const std::exception&) {
    // A read transaction ends when the connection closes anyway.
  }
}

houjin::CorporationFinder& SessionLookup::finder() {
  assert(session_.has_corporations());
  if (!finder_) {
    // Only the columns validate reads (the number is the key it was given),
    // in the table's order: SQLite decodes the record header only up to the
    // last of them.
    finder_.emplace(
        db_, std::vector<std::size_t>{houjin::kProcess, houjin::kUpdateDate, houjin::kName,
                                      houjin::kPrefectureName, houjin::kCityName,
                                      houjin::kStreetNumber, houjin::kCloseDate,
                                      houjin::kCloseCause, houjin::kSuccessorCorporateNumber});
  }
  return *finder_;
}

bool SessionLookup::find_corporation(std::string_view number, RegisteredCorporation& out) {
  if (!session_.has_corporations()) houjin::require_houjin_tables(db_);  // throws, naming the file
  // In the order of the finder's columns (the constructor).
  const std::array<std::string*, 9> into = {&out.process,    &out.update_date, &out.name,
                                            &out.prefecture, &out.city,        &out.street,
                                            &out.close_date, &out.close_cause, &out.successor};
  if (!finder().find_into(number, into)) return false;
  out.number.assign(number);
  out.process_name = houjin::process_name(out.process);
  out.close_cause_name = houjin::close_cause_name(out.close_cause);
  return true;
}

void SessionLookup::use_change_kinds(const houjin::ChangeKinds& kinds) {
  changes_ = std::make_unique<houjin::ChangeFeed>(db_, kinds);
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
  std::vector<RegisteredCorporation> found;
  if (!session_.has_corporations() || limit == 0) return found;
  houjin::NameQuery query;
  query.field = houjin::SearchField::name;
  query.text = std::string(name);
  query.limit = static_cast<std::int64_t>(limit);
  for (const houjin::NameMatch& match : houjin::search_corporations(db_, query)) {
    if (match.match != houjin::MatchKind::exact) break;  // exact matches come first
    const houjin::HoujinRecord& record = match.record;
    RegisteredCorporation corporation;
    corporation.number = record[houjin::kCorporateNumber];
    corporation.process = record[houjin::kProcess];
    corporation.process_name = houjin::process_name(corporation.process);
    corporation.update_date = record[houjin::kUpdateDate];
    corporation.name = record[houjin::kName];
    corporation.prefecture = record[houjin::kPrefectureName];
    corporation.city = record[houjin::kCityName];
    corporation.street = record[houjin::kStreetNumber];
    corporation.close_date = record[houjin::kCloseDate];
    corporation.close_cause = record[houjin::kCloseCause];
    corporation.close_cause_name = houjin::close_cause_name(corporation.close_cause);
    corporation.successor = record[houjin::kSuccessorCorporateNumber];
    found.push_back(std::move(corporation));
  }
  return found;
}

// Areas and 町字 are read once per session (the session's caches: datasets
// and requests repeat them).
bool SessionLookup::find_area(std::string_view lg_code, RegisteredArea& out) {
  std::optional<RegisteredArea> area;
  const std::string key(lg_code);
  if (!session_.area_cache().find(key, area)) {
    if (auto record = registries::abr::find_area(db_, lg_code)) {
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
    // The matcher's index has them when it holds the city (serve's
    // fullAddress: the city the address just matched); else one query.
    std::optional<registries::abr::AbrTownParts> parts;
    if (const registries::abr::AddressMatcher* held = session_.address_matcher_if_made())
      parts = held->index().cached_town_parts(lg_code, machiaza_id);
    if (!parts) parts = registries::abr::find_town_parts(db_, lg_code, machiaza_id);
    if (parts) {
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
  if (!session_.has_address_tables() || session_.settings().models.empty()) return nullptr;
  return &session_.require_address_matcher();
}

bool SessionLookup::holds_towns_of(std::string_view lg_code) {
  if (!session_.has_address_tables()) return false;
  const std::string key(lg_code);
  auto known = towns_held_.find(key);
  if (known == towns_held_.end()) {
    registries::Statement select = db_.prepare("SELECT 1 FROM abr_town WHERE lg_code = ?1 LIMIT 1");
    select.bind_text(1, lg_code);
    known = towns_held_.emplace(key, select.step()).first;
  }
  return known->second;
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
  if (!fold_)
    fold_ = std::make_unique<registries::moji::NameFold>(registries::moji::NameFold::lazy(db_));
  return fold_->apply(text);
}

std::string SessionLookup::character_readings(std::string_view character) {
  const auto& characters = session_.characters();
  if (!characters) return {};
  return registries::moji::character_readings(characters->data(), character);
}

std::string SessionLookup::data_date() const {
  return session_.data_date();
}

std::string SessionLookup::description() const {
  return db_.on_server() ? db_.path().string() : db_.path().filename().string();
}

}  // namespace gifkit::models
