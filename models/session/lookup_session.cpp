// lookup_session.cpp — see lookup_session.hpp.
#include "models/session/lookup_session.hpp"

#include <cassert>
#include <utility>

#include "models/session/session_lookup.hpp"

namespace gifkit::models {

std::shared_ptr<const CharacterChecker> character_checker(
    const registries::CharacterChoice& choice) {
  if (!choice.data) return nullptr;
  return std::make_shared<CharacterChecker>(choice.data);
}

std::unique_ptr<LookupSession> open_lookup_session(const std::filesystem::path& registry,
                                                   const std::filesystem::path& models,
                                                   const std::filesystem::path& data,
                                                   registries::SessionTuning tuning) {
  return std::make_unique<LookupSession>(
      registries::open_registry_session(registry, models, data, std::move(tuning)));
}

LookupSession::LookupSession(std::unique_ptr<registries::RegistrySession> registry)
    : registry_(std::move(registry)) {
  assert(registry_);
}

LookupSession::~LookupSession() = default;

const std::shared_ptr<const CharacterChecker>& LookupSession::characters() const {
  std::call_once(checker_made_, [this] { checker_ = character_checker(registry_->characters()); });
  return checker_;
}

std::unique_ptr<SessionLookup> LookupSession::lookup() const {
  return std::make_unique<SessionLookup>(*this);
}

}  // namespace gifkit::models
