// lookup_session.hpp — an opened registry (registries/session/registry_session.hpp)
// as models' engine uses it: the adapter to the engine's lookup interfaces
// (models/engine/lookups/). It owns the registries' session and adds what is
// the engine's: the CharacterChecker over the session's character data,
// the areas and 町字 its lookups have read (kept for all of them: the
// registry holds one version for the whole session), and the
// SessionLookups (session_lookup.hpp) it makes, one per thread or request.
//
// Why in models/ (a room of its own, above engine/): the registries' session
// cannot make models' types, and tools/ (the commands, the service's
// snapshot) and the unit tests and fuzz targets of models all need the same
// adapter; layering tools → models → registries → grammars holds.
#pragma once
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "models/engine/checks/character_checks.hpp"
#include "models/engine/lookups/address_lookup.hpp"
#include "models/session/shared_cache.hpp"
#include "registries/session/registry_session.hpp"

namespace gifkit::models {

class SessionLookup;

// A CharacterChecker over chosen character data (registries'
// choose_character_data); null when the choice found none.
std::shared_ptr<const CharacterChecker> character_checker(
    const registries::CharacterChoice& choice);

class LookupSession;

// Opens the registry (registries::open_registry_session: the same
// arguments, the same throws) and its adapter.
std::unique_ptr<LookupSession> open_lookup_session(const std::filesystem::path& registry,
                                                   const std::filesystem::path& models,
                                                   const std::filesystem::path& data,
                                                   registries::SessionTuning tuning = {});

class LookupSession {
 public:
  explicit LookupSession(std::unique_ptr<registries::RegistrySession> registry);
  ~LookupSession();
  LookupSession(const LookupSession&) = delete;
  LookupSession& operator=(const LookupSession&) = delete;

  // The registry's session: its readers (registries/session/registry_readers.hpp),
  // what it holds, its address matcher.
  const registries::RegistrySession& registry() const { return *registry_; }

  // The CharacterChecker of the session's character data (made on the first
  // call, then shared); null when it has none (characters_note() says why).
  const std::shared_ptr<const CharacterChecker>& characters() const;
  const std::string& characters_note() const { return registry_->characters().note; }

  SharedCache<RegisteredArea>& area_cache() const { return areas_; }
  SharedCache<RegisteredTown>& town_cache() const { return towns_; }
  // A RegistryLookup for the engine over a read of this session (held until
  // the lookup is destroyed) and the shared matcher. Throws RegistryError
  // when the registry holds neither 法人番号, ABR nor character data.
  std::unique_ptr<SessionLookup> lookup() const;

 private:
  std::unique_ptr<registries::RegistrySession> registry_;
  mutable std::once_flag checker_made_;
  mutable std::shared_ptr<const CharacterChecker> checker_;
  static constexpr std::size_t kMaxCached = 100000;  // each cache's entries at most
  mutable SharedCache<RegisteredArea> areas_{kMaxCached};
  mutable SharedCache<RegisteredTown> towns_{kMaxCached};
};

}  // namespace gifkit::models
