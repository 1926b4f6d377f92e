// registry_file_lookup.hpp — RegistryLookup over a registry file built by
// `gifkit registry build`: the 法人番号 tables (registries/houjin) and the
// Address Base Registry's (registries/abr), whichever it holds. One read-only
// connection, one read transaction and one prepared statement for the
// corporations for the whole run. While it lives, a writer (registry update)
// cannot commit.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "models/engine/lookups/registry_lookup.hpp"
#include "registries/abr/address_matcher.hpp"
#include "registries/db/registry_db.hpp"
#include "registries/houjin/changes/change_feed.hpp"
#include "registries/houjin/lookup/houjin_lookup.hpp"
#include "registries/moji/name_fold.hpp"

namespace gifkit::models {

class RegistryFileLookup : public RegistryLookup {
 public:
  // Opens the registry read-only. Throws registries::RegistryError when the
  // file is missing, is not a gifkit registry, or has no 法人番号 tables.
  // address_fold_tables: the normalizer's fold tables
  // (models/dictionaries/address_fold.tsv) for normalize_address; "" = none.
  explicit RegistryFileLookup(const std::filesystem::path& path,
                              std::filesystem::path address_fold_tables = {});
  ~RegistryFileLookup() override;
  RegistryFileLookup(const RegistryFileLookup&) = delete;
  RegistryFileLookup& operator=(const RegistryFileLookup&) = delete;

  bool find_corporation(std::string_view number, RegisteredCorporation& out) override;
  bool has_corporations() const override { return finder_.has_value(); }
  std::vector<RegisteredCorporation> corporations_named(std::string_view name,
                                                        std::size_t limit) override;
  bool has_addresses() const override { return has_addresses_; }
  bool find_area(std::string_view lg_code, RegisteredArea& out) override;
  bool find_town(std::string_view lg_code, std::string_view machiaza_id,
                 RegisteredTown& out) override;
  bool normalize_address(std::string_view address,
                         registries::abr::NormalizedAddress& out) override;
  bool nearest_city(double lat, double lon, NearestCity& out) override;
  bool city_point(std::string_view lg_code, double& lat, double& lon) override;
  bool corporation_changes(std::string_view number, std::string_view since,
                           std::vector<RegistryChange>& out) override;
  std::string description() const override;
  std::string data_date() const override;
  std::string fold_characters(std::string_view text) override;

  // Gives the lookup a change feed with this table of kinds (validate
  // --changed-since); kinds must outlive the lookup. Throws
  // registries::RegistryError naming the file when the registry has no
  // 法人番号 history.
  void use_change_kinds(const registries::houjin::ChangeKinds& kinds);

  // The published character tables (--data's moji/) for the address
  // normalizer's variant fold when the registry has no character data;
  // characters must outlive this lookup. Call before the first address.
  void use_character_tables(const registries::moji::CharacterData* characters) {
    character_tables_ = characters;
  }

 private:
  registries::RegistryDb db_;
  std::optional<registries::houjin::CorporationFinder> finder_;  // when there is 法人番号 data
  bool has_addresses_ = false;
  // Areas and 町字 already looked up (datasets repeat them); cleared when
  // they reach kMaxCached entries, so memory stays bounded.
  static constexpr std::size_t kMaxCached = 100000;
  std::unordered_map<std::string, std::optional<RegisteredArea>> areas_;
  std::unordered_map<std::string, std::optional<RegisteredTown>> towns_;
  std::filesystem::path address_fold_tables_;
  const registries::moji::CharacterData* character_tables_ = nullptr;
  // The matcher, made on first use; nullptr without ABR data or fold tables.
  registries::abr::AddressMatcher* matcher();
  std::unique_ptr<registries::abr::AddressMatcher> matcher_;
  // normalize_address's working memory (a RegistryFileLookup is not shared between threads).
  registries::abr::AddressMatcher::Scratch address_scratch_;
  std::unique_ptr<registries::moji::NameFold> fold_;         // made on first use
  std::unique_ptr<registries::houjin::ChangeFeed> changes_;  // with use_change_kinds
};

}  // namespace gifkit::models
