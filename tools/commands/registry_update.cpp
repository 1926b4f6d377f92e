// registry_update.cpp — `gifkit registry update REGISTRY DIFFS…`: apply
// 法人番号 daily diff files to a registry in one transaction
// (registries/houjin/update/houjin_update.hpp). Writes the registry, so it
// opens no registry session. See docs/registry.md.
#include <CLI/CLI.hpp>
#include <chrono>
#include <ostream>

#include "registries/db/pg_backend.hpp"
#include "registries/db/source_files.hpp"
#include "registries/houjin/update/houjin_update.hpp"
#include "tools/commands/registry_subcommands.hpp"

namespace gifkit::tools {
namespace {

namespace reg = gifkit::registries;

class RegistryUpdateCommand : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("registry", registry_, std::string(kRegistryLocation) + ", to update in place")
        ->required();
    app.add_option("diffs", sources_, "diff files or folders (applied oldest first)")->required();
    app.add_flag("--allow-out-of-order", allow_out_of_order_,
                 "also apply diffs not newer than the registry's data date");
    app.add_flag("--accept-rejects", accept_rejects_,
                 "apply a diff even when rows of it are rejected or it is not a whole day's "
                 "file (cut short, rows missing; exit 1; the data date then stays, so the "
                 "complete file applies later); without it such a diff applies nothing (exit 2)");
  }

  // Applies the diffs to the registry in data-date order, all in one
  // transaction: a refused, unreadable or incomplete diff (a rejected row,
  // a file that is not a whole day's: exit 2) changes nothing. With
  // --accept-rejects the rest of such a diff applies (exit 1).
  int run(const CommandContext& context) override {
    auto started = std::chrono::steady_clock::now();
    std::vector<std::filesystem::path> files = reg::expand_source_paths(sources_);
    if (files.empty()) {
      context.err << "gifkit registry update: no .csv or .zip files in the given folders\n";
      return kExitUsage;
    }
    RejectedRowPrinter on_rejected(context);
    auto result = reg::houjin::update_registry(
        registry_, files, {allow_out_of_order_, accept_rejects_}, on_rejected.handler());
    std::int64_t rows = 0;
    std::int64_t rejected = 0;
    std::int64_t already_stored = 0;
    for (const auto& source : result.applied) {
      rows += source.row_count;
      rejected += source.rejected_count;
      already_stored += source.already_stored_count;
      context.err << source.source_file << ": data date "
                  << (source.data_date.empty() ? "none (not applied as a day)" : source.data_date)
                  << ", " << source.row_count << " rows applied, ";
      if (source.already_stored_count > 0)
        context.err << source.already_stored_count << " already stored (not stored twice), ";
      context.err << source.rejected_count << " rejected\n";
    }
    on_rejected.print_not_shown();
    for (const auto& why : result.not_whole_days) {
      context.err << "gifkit registry update: " << why
                  << ": applied with --accept-rejects, not as a day: the data date stays\n";
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    context.err << reg::redacted_registry_name(registry_) << ": " << rows << " rows from "
                << files.size() << " diffs, ";
    if (already_stored > 0) context.err << already_stored << " already stored, ";
    context.err << rejected << " rejected, data date "
                << data_date_or_unknown(result.data_date_before) << " -> " << result.data_date_after
                << ", in " << seconds << " s\n";
    return rejected == 0 && result.not_whole_days.empty() ? kExitOk : kExitDataNotOk;
  }

 private:
  std::string registry_;
  std::vector<std::string> sources_;
  bool allow_out_of_order_ = false;
  bool accept_rejects_ = false;
};

}  // namespace

std::unique_ptr<Command> make_registry_update_command(const CommonOptions&) {
  return std::make_unique<RegistryUpdateCommand>();
}

}  // namespace gifkit::tools
