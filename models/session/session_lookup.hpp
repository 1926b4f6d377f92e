// session_lookup.hpp — the engine's lookups (RegistryLookup: a
// CorporationLookup, an AddressLookup and a CharacterLookup,
// models/engine/lookups/) over a RegistrySession (registry_session.hpp): the
// 法人番号 tables (registries/houjin), the Address Base Registry's
// (registries/abr) and the character data (registries/moji), whichever the
// registry holds. Converts what registries/ answers into models' types (a
// normalized address into a MatchedAddress).
// One connection of the session, held for the lookup's life, one read
// transaction and one prepared statement for the corporations; the
// session's shared address matcher (with this lookup's own working memory).
// One lookup serves one thread (a command's run, a request of the service);
// while it lives, a writer (registry update) cannot commit to a file.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "models/engine/lookups/registry_lookup.hpp"
#include "models/session/registry_session.hpp"
#include "registries/houjin/changes/change_feed.hpp"
#include "registries/moji/name_fold.hpp"

namespace gifkit::models {

class SessionLookup : public RegistryLookup {
 public:
  // Borrows a connection of session (which must outlive the lookup) and
  // begins its read transaction. Throws registries::RegistryError when the
  // registry holds neither 法人番号, Address Base Registry nor character data.
  explicit SessionLookup(const RegistrySession& session);
  ~SessionLookup() override;
  SessionLookup(const SessionLookup&) = delete;
  SessionLookup& operator=(const SessionLookup&) = delete;

  bool find_corporation(std::string_view number, RegisteredCorporation& out) override;
  bool has_corporations() const override { return session_.has_corporations(); }
  std::string missing_not_checked_because() const override {
    return session_.corporations_incomplete_because();
  }
  std::vector<RegisteredCorporation> corporations_named(std::string_view name,
                                                        std::size_t limit) override;
  bool has_addresses() const override { return session_.has_address_tables(); }
  bool find_area(std::string_view lg_code, RegisteredArea& out) override;
  bool find_town(std::string_view lg_code, std::string_view machiaza_id,
                 RegisteredTown& out) override;
  bool holds_towns_of(std::string_view lg_code) override;
  bool normalize_address(std::string_view address, MatchedAddress& out) override;
  bool places_near(std::string_view lg_code, double lat, double lon, double near_m,
                   PlacesNear& out) override;
  bool corporation_changes(std::string_view number, std::string_view since,
                           std::vector<RegistryChange>& out) override;
  std::string description() const override;
  std::string data_date() const override;
  std::string fold_characters(std::string_view text) override;
  // The MJ readings of the session's character data (the registry's, else
  // the data folder's; RegistrySession::characters): "" without any.
  std::string character_readings(std::string_view character) override;

  // The connected DS-442 form of a result of the session's address matcher
  // (ds442_full_address over it as a MatchedAddress): gif.fullAddress of
  // `gifkit address normalize` and of the service's normalize answers.
  std::string full_address(const registries::abr::NormalizedAddress& result);

  // Gives the lookup a change feed with this table of kinds (validate
  // --changed-since); kinds must outlive the lookup. Throws
  // registries::RegistryError naming the file when the registry has no
  // 法人番号 history.
  void use_change_kinds(const registries::houjin::ChangeKinds& kinds);

 private:
  const RegistrySession& session_;
  RegistrySession::Lease lease_;  // the connection, given back last
  registries::RegistryDb& db_;    // the lease's connection
  bool own_transaction_ = false;  // begun here (a file's), not by the lease (a server's)
  // Made on the first corporation looked up (its tables' checks and
  // statements cost more than a service's address answer: a lookup is made
  // per request there, and most never ask for a corporation).
  std::optional<registries::houjin::CorporationFinder> finder_;
  registries::houjin::CorporationFinder& finder();    // session_ has 法人番号 data
  std::unordered_map<std::string, bool> towns_held_;  // holds_towns_of, by lg_code
  // The session's matcher; nullptr without ABR data or fold tables. Throws
  // the RegistryError that kept it from being made (unreadable fold tables).
  const registries::abr::AddressMatcher* matcher() const;
  // normalize_address's working memory (a SessionLookup is not shared between threads).
  registries::abr::AddressMatcher::Scratch address_scratch_;
  std::unique_ptr<registries::moji::NameFold> fold_;         // made on first use
  std::unique_ptr<registries::houjin::ChangeFeed> changes_;  // with use_change_kinds
};

}  // namespace gifkit::models
