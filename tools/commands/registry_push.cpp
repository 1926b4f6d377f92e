// registry_push.cpp — `gifkit registry push FILE SERVER [--schema NAME]
// [--packed] [--jobs N]`:
// copy a registry file into a new schema of a PostgreSQL server and switch
// its readers to it, in one transaction (registries/db/registry_push.hpp).
// Writes a server, so it opens no registry session. See docs/postgresql.md.
#include <CLI/CLI.hpp>
#include <chrono>
#include <ostream>

#include "registries/db/packed_table.hpp"
#include "registries/db/pg_backend.hpp"
#include "registries/db/registry_push.hpp"
#include "tools/commands/registry_subcommands.hpp"

namespace gifkit::tools {
namespace {

namespace reg = gifkit::registries;

class RegistryPushCommand : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("registry", registry_, "the registry file to copy")->required();
    app.add_option("server", server_, "postgresql://USER@HOST:PORT/DB or pg:SERVICE")->required();
    app.add_option("--schema", schema_, "the new schema's name (default registry_DATE_TIME)");
    app.add_flag("--packed", packed_,
                 "copy the 地番 and 住居表示 tables packed as in the file, read through views "
                 "that unpack them on the server (about the file's size; slower reads)");
    app.add_option("--jobs,-j", jobs_,
                   "tables copied at once, each over a connection of its own (default 1: all "
                   "in one transaction); the switch is still one transaction")
        ->check(CLI::Range(1, 16));
  }

  // Copies the file into the server in one transaction (push_registry): on
  // any failure the server's readers keep the registry they had.
  int run(const CommandContext& context) override {
    auto started = std::chrono::steady_clock::now();
    reg::PushOptions options;
    options.schema = schema_;
    options.packed = packed_;
    options.jobs = jobs_;
    options.on_table = [&context](std::string_view table, std::int64_t rows) {
      if (rows < 0)
        context.err << "  " << table << ": a view of " << reg::packed_storage_name(table) << "\n";
      else
        context.err << "  " << table << ": " << rows << " rows\n";
    };
    reg::PushResult result = reg::push_registry(registry_, server_, options);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    context.err << reg::redacted_registry_name(server_) << ": registry "
                << reg::redacted_registry_name(registry_) << " pushed as schema " << result.schema
                << " (" << (result.bytes + (1 << 19)) / (1 << 20) << " MiB) in " << seconds << " s";
    if (!result.previous.empty()) context.err << "; previous " << result.previous << " kept";
    if (!result.dropped.empty()) context.err << ", " << result.dropped << " dropped";
    context.err << "\n";
    return kExitOk;
  }

 private:
  std::string registry_;
  std::string server_;
  std::string schema_;
  bool packed_ = false;
  int jobs_ = 1;
};

}  // namespace

std::unique_ptr<Command> make_registry_push_command(const CommonOptions&) {
  return std::make_unique<RegistryPushCommand>();
}

}  // namespace gifkit::tools
