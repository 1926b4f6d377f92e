// registry_snapshot.cpp — see registry_snapshot.hpp.
#include "tools/serve/registry_snapshot.hpp"

#include <cassert>
#include <system_error>

#include "registries/moji/named_sets.hpp"
#include "registries/session/registry_session.hpp"
#include "tools/output/registry_info_view.hpp"

namespace gifkit::tools::serve {

namespace reg = gifkit::registries;

RegistrySnapshot::RegistrySnapshot(const SnapshotSettings& settings, std::uint64_t generation,
                                   std::string version)
    : settings_(settings), generation_(generation), version_(std::move(version)) {
  if (reg::is_postgres_registry(settings_.registry.native())) {
    assert(!version_.empty());
    pg_schema_ = reg::pg_schema_of_version(version_);
    shown_name_ = pg_schema_;
  } else {
    std::error_code error;
    if (!std::filesystem::exists(settings_.registry, error))
      throw reg::RegistryError(settings_.registry.string() + ": no such registry file");
    shown_name_ = settings_.registry.filename().string();
  }
  reg::SessionTuning tuning = settings_.tuning;
  tuning.pg_schema = pg_schema_;
  session_ = models::open_lookup_session(settings_.registry, settings_.models, settings_.data,
                                         std::move(tuning));
  {
    const reg::RegistryRead read(registry(), Reads::one_statement);
    info_ = registry_info_json(read.db(), shown_name_);
  }
  info_["generation"] = generation_;
  // The address matcher (fold tables, prefectures and cities) made and the
  // character data loaded now: no request waits for them. A city's places
  // are read by the first request that reaches it (a few ms) and kept
  // within --address-cache-mb: reading every city here would take minutes
  // and tens of GB for the whole country.
  registry().address_matcher();
  session_->characters();
}

RegistrySnapshot::~RegistrySnapshot() = default;

std::string RegistrySnapshot::without_path(std::string message) const {
  std::vector<std::string> names = {settings_.registry.string()};
  if (on_server()) names.push_back(reg::redacted_registry_name(settings_.registry.native()));
  for (const auto& name : names) {
    for (std::size_t at = 0; (at = message.find(name, at)) != std::string::npos;
         at += shown_name_.size()) {
      message.replace(at, name.size(), shown_name_);
    }
  }
  return message;
}

const CharacterSetsInUse& RegistrySnapshot::character_sets(const std::string& to) const {
  assert(has_characters());
  std::lock_guard lock(mutex_);
  auto& sets = sets_[to];
  if (!sets) {
    if (!reg::moji::is_named_set(to)) {
      sets_.erase(to);
      throw reg::RegistryError("'" + to + "' is not a character set name");
    }
    sets = std::make_unique<CharacterSetsInUse>(characters(), to);
  }
  return *sets;
}

}  // namespace gifkit::tools::serve
