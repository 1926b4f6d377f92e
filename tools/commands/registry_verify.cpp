// registry_verify.cpp — `gifkit registry verify REGISTRY`: SQLite
// integrity and the row counts against provenance
// (registries/db/registry_db.hpp verify_registry). Not through a registry
// session: a session reads the registry's tables as it opens, and verify
// must still report on a registry whose tables are damaged. See
// docs/registry.md.
#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>

#include "tools/commands/registry_subcommands.hpp"
#include "tools/registry_option.hpp"

namespace gifkit::tools {
namespace {

namespace reg = gifkit::registries;

class RegistryVerifyCommand : public Command {
 public:
  void setup(CLI::App& app) override { registry_.add_argument(app); }

  int run(const CommandContext& context) override {
    std::optional<reg::RegistryDb> opened;
    say_rollback(context, registry_.location(),
                 [&] { opened.emplace(reg::RegistryDb::open_existing(registry_.location())); });
    const reg::RegistryDb& db = *opened;
    auto problems = reg::verify_registry(db);
    const std::string registry_name = db.path().string();
    for (const auto& problem : problems) context.out << registry_name << ": " << problem << "\n";
    if (!problems.empty()) return kExitDataNotOk;
    context.out << registry_name << ": ok (integrity check passed, " << db.provenance().size()
                << " sources, row counts agree with provenance)\n";
    return kExitOk;
  }

 private:
  RegistryOption registry_;
};

}  // namespace

std::unique_ptr<Command> make_registry_verify_command(const CommonOptions&) {
  return std::make_unique<RegistryVerifyCommand>();
}

}  // namespace gifkit::tools
