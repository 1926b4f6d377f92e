// registry_info.cpp — `gifkit registry info REGISTRY [--format text|json]`:
// a registry's sources (provenance, by file name), data date, what it holds
// and table counts, read
// through a registry session. See docs/registry.md.
#include <CLI/CLI.hpp>
#include <ostream>

#include "registries/builder/registry_holdings.hpp"
#include "registries/builder/source_completeness.hpp"
#include "registries/db/pg_backend.hpp"
#include "registries/session/registry_readers.hpp"
#include "tools/commands/registry_subcommands.hpp"
#include "tools/output/json_text.hpp"
#include "tools/output/output_format.hpp"
#include "tools/output/registry_info_view.hpp"
#include "tools/registry_option.hpp"

namespace gifkit::tools {
namespace {

namespace reg = gifkit::registries;

class RegistryInfoCommand : public Command {
 public:
  explicit RegistryInfoCommand(const CommonOptions& common) : common_(common) {}

  void setup(CLI::App& app) override {
    registry_.add_argument(app);
    add_format_option(app, format_, {OutputFormat::text, OutputFormat::json});
  }

  int run(const CommandContext& context) override {
    std::unique_ptr<models::LookupSession> session;
    say_rollback(context, registry_.location(),
                 [&] { session = registry_.open(common_, context); });
    if (!session) return kExitUsage;
    const reg::RegistryRead read(session->registry());
    const reg::RegistryDb& db = read.db();
    const std::string registry_name = db.path().string();
    auto sources = db.provenance();
    auto counts = reg::registry_table_counts(db);
    if (format_ == OutputFormat::json) {
      Json json = registry_info_json(db, registry_name);
      context.out << json_text(json, 2) << "\n";
      return kExitOk;
    }
    context.out << "registry " << registry_name << " (schema " << db.meta("schema_version")
                << ", created " << db.meta("created_at") << ", data date "
                << data_date_or_unknown(reg::registry_data_date(db)) << ")\n\nsources:\n";
    for (const auto& source : sources) {
      context.out << "  " << reg::source_file_name(source.source_file) << "\n    kind "
                  << source.source_kind << ", data date "
                  << (source.data_date.empty() ? "unknown" : source.data_date) << ", "
                  << source.row_count << " rows, " << source.rejected_count
                  << " rejected, imported " << source.imported_at << "\n    "
                  << (source.sha256.empty() ? "derived from the tables named, no file of its own"
                                            : "sha256 " + source.sha256)
                  << "\n";
    }
    context.out << "\nholds:\n"
                << registry_holdings_text(db)
                << "\nsource set: " << reg::completeness_text(reg::registry_completeness(db))
                << "\n\ntables:\n";
    for (const auto& [table, rows] : counts) context.out << "  " << table << " " << rows << "\n";
    return kExitOk;
  }

 private:
  const CommonOptions& common_;
  RegistryOption registry_;
  OutputFormat format_ = OutputFormat::text;
};

}  // namespace

std::unique_ptr<Command> make_registry_info_command(const CommonOptions& common) {
  return std::make_unique<RegistryInfoCommand>(common);
}

}  // namespace gifkit::tools
