// registry_readers.hpp — reading an opened registry (registry_session.hpp):
// a RegistryRead is one connection of the session, lent for the read's life
// and given back after it, in one read transaction when it reads several
// statements; the typed readers over it — corporations (and their change
// feed), towns and addresses, characters — are what commands, the service
// and models' lookups (models/session/session_lookup.hpp) call. None of them
// hands out the connection: SQL stays in registries/ (abr/, houjin/, moji/).
// A read serves one thread; the readers over it live no longer than it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "registries/abr/abr_lookup.hpp"
#include "registries/abr/address_reverse.hpp"
#include "registries/abr/place_ids.hpp"
#include "registries/houjin/changes/change_feed.hpp"
#include "registries/houjin/changes/published_rows.hpp"
#include "registries/houjin/lookup/corporation.hpp"
#include "registries/houjin/lookup/houjin_lookup.hpp"
#include "registries/houjin/names/houjin_search.hpp"
#include "registries/moji/name_fold.hpp"
#include "registries/session/registry_session.hpp"

namespace gifkit::registries {

class RegistryRead {
 public:
  using Reads = RegistrySession::Reads;
  // A read of session (which must outlive it): a connection of session is
  // borrowed when the read first needs one (what is answered from memory —
  // a city's places the matcher holds, the character data — takes none, so
  // it answers while a registry server is away). Reads several: the
  // statements see one state (a read transaction: on a server the lease
  // began it, on a file it begins at the borrow and ends with the read);
  // one_statement: none. db() and finder() throw what
  // RegistrySession::borrow throws.
  explicit RegistryRead(const RegistrySession& session, Reads reads = Reads::several)
      : session_(session), reads_(reads) {}
  ~RegistryRead();
  RegistryRead(const RegistryRead&) = delete;
  RegistryRead& operator=(const RegistryRead&) = delete;

  const RegistrySession& session() const { return session_; }
  // The connection, for registries' own readers and views (below, and the
  // registry-administration views of tools/output/registry_info_view.hpp).
  RegistryDb& db() const { return connection().db; }
  // The session's corporation finder of this connection (made when the
  // connection opened; none without 法人番号 tables).
  std::optional<houjin::CorporationFinder>& finder() const { return connection().finder; }

 private:
  // The borrowed connection (borrowed now when the read has none yet).
  RegistrySession::Connection& connection() const;

  const RegistrySession& session_;
  Reads reads_;
  mutable std::optional<RegistrySession::Lease> lease_;  // given back last
  mutable bool own_transaction_ = false;  // begun here (a file's), not by the lease (a server's)
};

// The 法人番号 tables (registries/houjin/).
class CorporationReader {
 public:
  explicit CorporationReader(const RegistryRead& read) : read_(read) {}

  // Throws houjin::NoHoujinData naming the registry when it holds no
  // 法人番号 data (every reader below but names_fold does).
  void require_tables() const;
  void require_history() const;
  // The stored (latest) state of the corporation with this 13-digit number.
  std::optional<houjin::HoujinRecord> find(std::string_view number) const;
  bool find_into(std::string_view number, houjin::HoujinRecord& record) const;
  // As find, the columns the engine compares, into out (its strings keep
  // their capacity): the fast path of a lookup of every row.
  bool find_state(std::string_view number, houjin::Corporation& out);
  // Every imported row of the corporation, oldest first.
  std::vector<houjin::HoujinRecord> history(std::string_view number) const;
  // The name index's matches of query (houjin_search.hpp).
  std::vector<houjin::NameMatch> search(const houjin::NameQuery& query) const;
  // The corporations named name: the exact matches, at most limit.
  std::vector<houjin::Corporation> named(std::string_view name, std::size_t limit) const;
  // The registry folds old and variant characters of names (it holds
  // character data): else names are compared as written.
  bool names_fold() const;
  // The change feed over this read's connection (kinds must outlive it).
  houjin::ChangeFeed change_feed(const houjin::ChangeKinds& kinds) const;
  // One page of the feed, counted on while keep_counting says so (houjin::list_changes).
  houjin::ChangeFeedPage change_page(const houjin::ChangeKinds& kinds,
                                     const houjin::ChangeFeedOptions& options, std::uint64_t offset,
                                     std::uint64_t limit,
                                     const std::function<bool()>& keep_counting = {}) const;
  // The imported rows published in a range of days (houjin::published_rows).
  houjin::PublishedRows published(const houjin::PublishedRowsQuery& query) const;
  // The newest updateDate of the imported rows ("" when none).
  std::string newest_update_date() const;

 private:
  const RegistryRead& read_;
  std::optional<houjin::CorporationFinder> state_finder_;  // find_state's, made on first use
};

// The Address Base Registry's tables (registries/abr/) and the session's
// address matcher.
class AddressReader {
 public:
  explicit AddressReader(const RegistryRead& read) : read_(read) {}

  // Throws RegistryError naming the registry when it holds no ABR tables.
  void require_tables() const;
  // The area (a prefecture or city) of a 全国地方公共団体コード.
  std::optional<abr::AbrRecord> area(std::string_view lg_code) const;
  // The rows of a 町字.
  std::vector<abr::AbrRecord> machiaza(std::string_view lg_code,
                                       std::string_view machiaza_id) const;
  // The parts a 町字 is written with: from the matcher's index when it
  // holds the city, else one query.
  std::optional<abr::AbrTownParts> town_parts(std::string_view lg_code,
                                              std::string_view machiaza_id) const;
  // The codes of the cities named city (in prefecture pref, "" for any).
  std::vector<std::string> city_codes(std::string_view city, std::string_view pref) const;
  std::vector<abr::AbrRecord> search_towns(const abr::TownQuery& query) const;
  // How many rows search_towns has for query, without its limit and offset.
  std::int64_t count_towns(const abr::TownQuery& query) const;
  // What the registry holds of a city: its 町字, the city only, or nothing.
  abr::TownCoverage town_coverage(std::string_view lg_code) const;
  // The registry holds 町字 of this city (remembered for the reader's life).
  bool holds_towns_of(std::string_view lg_code);
  // A page of the places nearest to a point (abr::reverse_geocode_page).
  abr::ReversePage reverse(const abr::ReverseQuery& query) const;
  // The ABR keys of a normalized address's place (abr::find_place_ids).
  abr::PlaceIds place_ids(const abr::NormalizedAddress& result) const;

 private:
  const RegistryRead& read_;
  std::unordered_map<std::string, bool> towns_held_;  // holds_towns_of, by lg_code
};

// The character data: the registry's name fold and the session's tables.
class CharacterReader {
 public:
  explicit CharacterReader(const RegistryRead& read) : read_(read) {}
  // text with the registry's fold of old and variant characters applied
  // (unchanged without character data).
  std::string fold(std::string_view text);
  // The MJ readings of a character in the session's character data ("" without any).
  std::string readings(std::string_view character) const;

 private:
  const RegistryRead& read_;
  std::unique_ptr<moji::NameFold> fold_;  // made on first use
};

}  // namespace gifkit::registries
