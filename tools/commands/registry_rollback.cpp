// registry_rollback.cpp — `gifkit registry rollback SERVER`: switch a
// PostgreSQL server's readers back to the registry pushed before
// (registries/db/registry_push.hpp). Writes the server's pointer, so it
// opens no registry session. See docs/postgresql.md.
#include <CLI/CLI.hpp>
#include <ostream>

#include "registries/db/pg_backend.hpp"
#include "registries/db/registry_push.hpp"
#include "tools/commands/registry_subcommands.hpp"

namespace gifkit::tools {
namespace {

namespace reg = gifkit::registries;

class RegistryRollbackCommand : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("server", server_, "postgresql://USER@HOST:PORT/DB or pg:SERVICE")->required();
  }

  int run(const CommandContext& context) override {
    reg::RollbackResult result = reg::rollback_registry(server_);
    context.err << reg::redacted_registry_name(server_) << ": readers switched back to schema "
                << result.schema << " (from " << result.previous << ", kept)\n";
    return kExitOk;
  }

 private:
  std::string server_;
};

}  // namespace

std::unique_ptr<Command> make_registry_rollback_command(const CommonOptions&) {
  return std::make_unique<RegistryRollbackCommand>();
}

}  // namespace gifkit::tools
