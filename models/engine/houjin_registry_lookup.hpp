// houjin_registry_lookup.hpp — RegistryLookup over a registry file built by
// `gifkit registry build` (the 法人番号 tables, registries/houjin): one
// read-only connection, one read transaction and one prepared statement for
// the whole run. While it lives, a writer (registry update) cannot commit.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "models/engine/registry_lookup.hpp"
#include "registries/db/registry_db.hpp"
#include "registries/houjin/houjin_lookup.hpp"

namespace gifkit::models {

class HoujinRegistryLookup : public RegistryLookup {
 public:
  // Opens the registry read-only. Throws registries::RegistryError when the
  // file is missing, is not a gifkit registry, or has no 法人番号 tables.
  explicit HoujinRegistryLookup(const std::filesystem::path& path);
  ~HoujinRegistryLookup() override;
  HoujinRegistryLookup(const HoujinRegistryLookup&) = delete;
  HoujinRegistryLookup& operator=(const HoujinRegistryLookup&) = delete;

  bool find_corporation(std::string_view number, RegisteredCorporation& out) override;
  std::string description() const override;

 private:
  registries::RegistryDb db_;
  registries::houjin::CorporationFinder finder_;
  registries::houjin::HoujinRecord record_;  // reused: its strings keep their capacity
};

}  // namespace gifkit::models
