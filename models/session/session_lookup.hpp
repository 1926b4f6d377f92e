// session_lookup.hpp — the engine's lookups (RegistryLookup: a
// CorporationLookup, an AddressLookup and a CharacterLookup,
// models/engine/lookups/) over a LookupSession (lookup_session.hpp): the
// registry's typed readers (registries/session/registry_readers.hpp) of the
// 法人番号 tables, the Address Base Registry's and the character data,
// whichever the registry holds. Converts what registries/ answers into
// models' types (a normalized address into a MatchedAddress).
// One read of the session (a connection and one read transaction), held for
// the lookup's life; the session's shared address matcher (with this
// lookup's own working memory).
// One lookup serves one thread (a command's run, a request of the service);
// while it lives, a writer (registry update) cannot commit to a file.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "models/engine/lookups/registry_lookup.hpp"
#include "models/session/lookup_session.hpp"
#include "registries/session/registry_readers.hpp"

namespace gifkit::models {

class SessionLookup : public RegistryLookup {
 public:
  // Begins a read of session (which must outlive the lookup). Throws
  // registries::RegistryError when the registry holds neither 法人番号,
  // Address Base Registry nor character data.
  explicit SessionLookup(const LookupSession& session);
  ~SessionLookup() override;
  SessionLookup(const SessionLookup&) = delete;
  SessionLookup& operator=(const SessionLookup&) = delete;

  bool find_corporation(std::string_view number, RegisteredCorporation& out) override;
  bool has_corporations() const override { return registry_.has_corporations(); }
  std::string missing_not_checked_because() const override {
    return registry_.corporations_incomplete_because();
  }
  std::vector<RegisteredCorporation> corporations_named(std::string_view name,
                                                        std::size_t limit) override;
  bool has_addresses() const override { return registry_.has_address_tables(); }
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
  const LookupSession& session_;
  const registries::RegistrySession& registry_;  // session_'s
  registries::RegistryRead read_;                // the connection, given back last
  registries::CorporationReader corporations_;
  registries::AddressReader addresses_;
  registries::CharacterReader characters_;
  // The session's matcher; nullptr without ABR data or fold tables. Throws
  // the RegistryError that kept it from being made (unreadable fold tables).
  const registries::abr::AddressMatcher* matcher() const;
  // normalize_address's working memory (a SessionLookup is not shared between threads).
  registries::abr::AddressMatcher::Scratch address_scratch_;
  std::optional<registries::houjin::ChangeFeed> changes_;  // with use_change_kinds
};

}  // namespace gifkit::models
