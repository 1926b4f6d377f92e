// registry_option.cpp — see registry_option.hpp.
#include "tools/registry_option.hpp"

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

#include "registries/moji/character_data.hpp"
#include "tools/runtime_data.hpp"

namespace gifkit::tools {

CLI::Option* RegistryOption::add_to(CLI::App& app, std::string_view reads) {
  app_ = &app;
  positional_ = false;
  return app.add_option("--registry", location_,
                        std::string(kRegistryLocation) + std::string(reads));
}

CLI::Option* RegistryOption::add_address_cache(CLI::App& app) {
  return app
      .add_option("--address-cache-mb", address_cache_mib_,
                  "MiB of address data kept in memory (default: 512); beyond, the least "
                  "recently used 町字's numbers, then cities, are dropped and read again when "
                  "an address needs them")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
}

CLI::Option* RegistryOption::add_argument(CLI::App& app, std::string_view reads) {
  app_ = &app;
  positional_ = true;
  return app.add_option("registry", location_, std::string(kRegistryLocation) + std::string(reads))
      ->required();
}

std::unique_ptr<models::LookupSession> RegistryOption::open(const CommonOptions& common,
                                                            const CommandContext& context) const {
  try {
    registries::SessionTuning tuning;
    // Room for the inner pages of the number index (about 1 % of the file at
    // 5 million records), so that a lookup reads little more than its leaf page.
    tuning.cache_kibibytes = 16 * 1024;
    tuning.address_cache_bytes = address_cache_bytes();
    return models::open_lookup_session(location_, common.models(), common.data(), tuning);
  } catch (const std::exception& error) {
    context.err << (app_ != nullptr ? command_name(*app_) : std::string("gifkit")) << ": "
                << (positional_ ? "" : "--registry: ") << error.what() << "\n";
    return nullptr;
  }
}

std::shared_ptr<const models::CharacterChecker> registry_characters(
    const models::LookupSession& session) {
  const registries::RegistrySession& registry = session.registry();
  if (registry.registry_has_characters() &&
      registry.characters().source == registries::CharacterSource::registry)
    return session.characters();
  auto own = registry.registry_characters();
  if (!own) return nullptr;
  return std::make_shared<models::CharacterChecker>(std::move(own));
}

}  // namespace gifkit::tools
