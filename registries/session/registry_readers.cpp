// registry_readers.cpp — see registry_readers.hpp.
#include "registries/session/registry_readers.hpp"

#include <array>
#include <exception>
#include <utility>

#include "registries/moji/character_info.hpp"

namespace gifkit::registries {

RegistrySession::Connection& RegistryRead::connection() const {
  if (lease_) return **lease_;
  lease_.emplace(session_.borrow(reads_));
  // One read transaction for the whole read: every statement sees the same
  // state of the registry, and SQLite takes its shared lock and checks for a
  // hot journal once instead of at every statement. On a server the lease
  // has begun it.
  if (reads_ == Reads::several && !(*lease_)->db.in_transaction()) {
    (*lease_)->db.begin_read();
    own_transaction_ = true;
  }
  return **lease_;
}

RegistryRead::~RegistryRead() {
  if (!own_transaction_) return;
  try {
    (*lease_)->db.commit();
  } catch (const std::exception&) {
    // A read transaction ends when the connection closes anyway.
  }
}

void CorporationReader::require_tables() const {
  houjin::require_houjin_tables(read_.db());
}

void CorporationReader::require_history() const {
  houjin::require_houjin_history(read_.db());
}

std::optional<houjin::HoujinRecord> CorporationReader::find(std::string_view number) const {
  if (!read_.finder()) require_tables();  // throws, naming the registry
  return read_.finder()->find(number);
}

bool CorporationReader::find_into(std::string_view number, houjin::HoujinRecord& record) const {
  if (!read_.finder()) require_tables();
  return read_.finder()->find_into(number, record);
}

bool CorporationReader::find_state(std::string_view number, houjin::Corporation& out) {
  if (!state_finder_) {
    // Only the columns the engine compares (the number is the key it was
    // given), in the table's order: SQLite decodes the record header only up
    // to the last of them. Throws NoHoujinData without 法人番号 tables.
    state_finder_.emplace(read_.db(), std::vector<std::size_t>{
                                          houjin::kProcess, houjin::kUpdateDate, houjin::kName,
                                          houjin::kPrefectureName, houjin::kCityName,
                                          houjin::kStreetNumber, houjin::kCloseDate,
                                          houjin::kCloseCause, houjin::kSuccessorCorporateNumber});
  }
  // In the order of the finder's columns (above).
  const std::array<std::string*, 9> into = {&out.process,    &out.update_date, &out.name,
                                            &out.prefecture, &out.city,        &out.street,
                                            &out.close_date, &out.close_cause, &out.successor};
  if (!state_finder_->find_into(number, into)) return false;
  out.number.assign(number);
  out.name_codes();
  return true;
}

std::vector<houjin::HoujinRecord> CorporationReader::history(std::string_view number) const {
  return houjin::corporation_history(read_.db(), number);
}

std::vector<houjin::NameMatch> CorporationReader::search(const houjin::NameQuery& query) const {
  return houjin::search_corporations(read_.db(), query);
}

std::vector<houjin::Corporation> CorporationReader::named(std::string_view name,
                                                          std::size_t limit) const {
  std::vector<houjin::Corporation> found;
  if (limit == 0) return found;
  houjin::NameQuery query;
  query.field = houjin::SearchField::name;
  query.text = std::string(name);
  query.limit = static_cast<std::int64_t>(limit);
  for (const houjin::NameMatch& match : search(query)) {
    if (match.match != houjin::MatchKind::exact) break;  // exact matches come first
    found.push_back(houjin::corporation_of(match.record));
  }
  return found;
}

bool CorporationReader::names_fold() const {
  return !moji::NameFold::lazy(read_.db()).empty();
}

houjin::ChangeFeed CorporationReader::change_feed(const houjin::ChangeKinds& kinds) const {
  return houjin::ChangeFeed(read_.db(), kinds);
}

houjin::ChangeFeedPage CorporationReader::change_page(
    const houjin::ChangeKinds& kinds, const houjin::ChangeFeedOptions& options,
    std::uint64_t offset, std::uint64_t limit, const std::function<bool()>& keep_counting) const {
  return houjin::list_changes(read_.db(), kinds, options, offset, limit, keep_counting);
}

houjin::PublishedRows CorporationReader::published(const houjin::PublishedRowsQuery& query) const {
  return houjin::published_rows(read_.db(), query);
}

std::string CorporationReader::newest_update_date() const {
  return houjin::newest_update_date(read_.db());
}

void AddressReader::require_tables() const {
  abr::require_abr_tables(read_.db());
}

std::optional<abr::AbrRecord> AddressReader::area(std::string_view lg_code) const {
  return abr::find_area(read_.db(), lg_code);
}

std::vector<abr::AbrRecord> AddressReader::machiaza(std::string_view lg_code,
                                                    std::string_view machiaza_id) const {
  return abr::find_machiaza(read_.db(), lg_code, machiaza_id);
}

std::optional<abr::AbrTownParts> AddressReader::town_parts(std::string_view lg_code,
                                                           std::string_view machiaza_id) const {
  // The matcher's index has them when it holds the city (serve's
  // fullAddress: the city the address just matched); else one query.
  if (const abr::AddressMatcher* held = read_.session().address_matcher_if_made())
    if (auto parts = held->index().cached_town_parts(lg_code, machiaza_id)) return parts;
  return abr::find_town_parts(read_.db(), lg_code, machiaza_id);
}

abr::PlaceIds AddressReader::place_ids(const abr::NormalizedAddress& result) const {
  return abr::find_place_ids(read_.db(), result);
}

std::vector<std::string> AddressReader::city_codes(std::string_view city,
                                                   std::string_view pref) const {
  return abr::find_city_codes(read_.db(), city, pref);
}

std::vector<abr::AbrRecord> AddressReader::search_towns(const abr::TownQuery& query) const {
  return abr::search_towns(read_.db(), query);
}

std::int64_t AddressReader::count_towns(const abr::TownQuery& query) const {
  return abr::count_towns(read_.db(), query);
}

abr::TownCoverage AddressReader::town_coverage(std::string_view lg_code) const {
  return abr::town_coverage(read_.db(), lg_code);
}

bool AddressReader::holds_towns_of(std::string_view lg_code) {
  if (!read_.session().has_address_tables()) return false;
  const std::string key(lg_code);
  auto known = towns_held_.find(key);
  if (known == towns_held_.end())
    known = towns_held_.emplace(key, abr::holds_towns_of(read_.db(), lg_code)).first;
  return known->second;
}

abr::ReversePage AddressReader::reverse(const abr::ReverseQuery& query) const {
  return abr::reverse_geocode_page(read_.db(), query);
}

std::string CharacterReader::fold(std::string_view text) {
  if (!fold_) fold_ = std::make_unique<moji::NameFold>(moji::NameFold::lazy(read_.db()));
  return fold_->apply(text);
}

std::string CharacterReader::readings(std::string_view character) const {
  const auto& data = read_.session().characters().data;
  if (!data) return {};
  return moji::character_readings(*data, character);
}

}  // namespace gifkit::registries
