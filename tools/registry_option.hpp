// registry_option.hpp — the option group of every command that reads a
// registry (osmium-tool style: one mixin, many commands). It owns --registry
// (or, for `registry info|verify|changes`, the positional REGISTRY): its
// declaration and help (kRegistryLocation and what the command reads
// there), the opening of the registry session from it with --models and
// --data, and the one message when that fails ("gifkit CMD: --registry:
// why", exit 2), and for the commands that match addresses against it,
// --address-cache-mb (the matcher's budget of cities' places). Commands that write a registry
// (registry build, update, push) do not open it through here: a session is read-only.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "models/engine/checks/character_checks.hpp"
#include "models/session/lookup_session.hpp"
#include "tools/command.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace gifkit::tools {

class RegistryOption {
 public:
  // Declares --registry on app; its help is kRegistryLocation followed by
  // reads (", with ABR data", ": 全国地方公共団体コード …": what the
  // command reads there).
  CLI::Option* add_to(CLI::App& app, std::string_view reads = "");
  // Declares the registry as app's positional argument `registry`.
  CLI::Option* add_argument(CLI::App& app, std::string_view reads = "");
  // Declares --address-cache-mb on app (a command that matches addresses:
  // address normalize, validate, transform, serve).
  CLI::Option* add_address_cache(CLI::App& app);
  // --address-cache-mb in bytes (AddressIndex::kDefaultCacheBytes when not given).
  std::size_t address_cache_bytes() const {
    return address_cache_mib_ == 0 ? registries::abr::AddressIndex::kDefaultCacheBytes
                                   : address_cache_mib_ << 20;
  }

  bool given() const { return !location_.empty(); }
  const std::string& location() const { return location_; }

  // The registry's session (common gives the models and data folders);
  // null, after "gifkit CMD: --registry: why" on context.err (for the
  // positional argument "gifkit CMD: why"), when it cannot be opened: the
  // command then returns kExitUsage.
  std::unique_ptr<models::LookupSession> open(const CommonOptions& common,
                                              const CommandContext& context) const;

 private:
  std::string location_;
  const CLI::App* app_ = nullptr;  // where it was declared: names the command in messages
  bool positional_ = false;
  std::size_t address_cache_mib_ = 0;  // 0: not given (the default); the option takes 1 and up
};

// The registry's own character data (lookup char, chars --registry:
// RegistrySession::registry_characters) as a checker; null when the
// registry holds none.
std::shared_ptr<const models::CharacterChecker> registry_characters(
    const models::LookupSession& session);

}  // namespace gifkit::tools
