// registry.cpp — `gifkit registry build|update|info|verify|changes|
// push|rollback`: build a local registry file from the published sources
// (atomically), apply daily diff files to it (in one transaction), show its
// provenance and counts, check it, list what changed
// (registry_changes.hpp), and copy it to a PostgreSQL server (and
// back to the previous copy). See docs/registry.md, docs/postgresql.md.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <optional>
#include <ostream>

#include "registries/build/build_registry.hpp"
#include "registries/build/importer_list.hpp"
#include "registries/db/pg_backend.hpp"
#include "registries/db/registry_push.hpp"
#include "registries/db/source_files.hpp"
#include "registries/houjin/update/houjin_update.hpp"
#include "tools/command.hpp"
#include "tools/commands/registry_changes.hpp"
#include "tools/output/json_text.hpp"
#include "tools/output/output_format.hpp"
#include "tools/output/registry_info_view.hpp"
#include "tools/registry_option.hpp"

namespace gifkit::tools {
namespace {

namespace reg = gifkit::registries;

// Rejected rows printed to stderr before the rest are only counted.
constexpr std::size_t kMaxRejectedRowsShown = 50;

// Prints the first kMaxRejectedRowsShown rejected rows to stderr as
// file:line: rejected: reason, and counts the rest.
class RejectedRowPrinter {
 public:
  explicit RejectedRowPrinter(const CommandContext& context) : context_(context) {}
  reg::RejectedRowHandler handler() {
    return [this](const reg::RejectedRow& row) {
      if (seen_++ < kMaxRejectedRowsShown)
        context_.err << row.file << ":" << row.line << ": rejected: " << row.reason << "\n";
    };
  }
  void print_not_shown() const {
    if (seen_ > kMaxRejectedRowsShown)
      context_.err << "(" << seen_ - kMaxRejectedRowsShown << " more rejected rows not shown)\n";
  }

 private:
  const CommandContext& context_;
  std::size_t seen_ = 0;
};

class RegistryCommand : public Command {
 public:
  void setup(CLI::App& app) override {
    app.require_subcommand(1);
    auto* build = app.add_subcommand(
        "build",
        "build a registry file from 法人番号 CSV or XML files, Address Base Registry (ABR) "
        "tables and character data (MJ, JIS X 0213, IMI sets, the NTA JIS縮退マップ), plain or "
        "zipped, or folders of them");
    build->add_option("--out,-o", out_, "the registry file to write (replaced atomically)")
        ->required();
    build->add_option("sources", sources_, "source files or folders")->required();
    build
        ->add_option("--source-kind", source_kind_,
                     "read every source as this kind instead of detecting each one's kind from "
                     "its content")
        ->check(CLI::IsMember(reg::source_kind_names()));
    build->callback([this] { action_ = "build"; });
    auto* update = app.add_subcommand(
        "update", "apply 法人番号 daily diff files (plain, zipped or folders) to a registry");
    update
        ->add_option("registry", registry_, std::string(kRegistryLocation) + ", to update in place")
        ->required();
    update->add_option("diffs", sources_, "diff files or folders (applied oldest first)")
        ->required();
    update->add_flag("--allow-out-of-order", allow_out_of_order_,
                     "also apply diffs not newer than the registry's data date");
    update->add_flag("--accept-rejects", accept_rejects_,
                     "apply a diff even when rows of it are rejected or its last record is cut "
                     "short (the data date then stays, so the complete file applies later); "
                     "without it such a diff applies nothing (exit 2)");
    update->callback([this] { action_ = "update"; });
    auto* info = app.add_subcommand("info", "show a registry's sources (provenance) and counts");
    info_registry_.add_argument(*info);
    add_format_option(*info, format_, {OutputFormat::text, OutputFormat::json});
    info->callback([this] { action_ = "info"; });
    auto* verify = app.add_subcommand(
        "verify", "check a registry: SQLite integrity and row counts against provenance");
    verify_registry_.add_argument(*verify);
    verify->callback([this] { action_ = "verify"; });
    auto* push = app.add_subcommand(
        "push",
        "copy a registry file into a new schema of a PostgreSQL server and switch its readers "
        "to it (the previous one is kept for rollback)");
    push->add_option("registry", registry_, "the registry file to copy")->required();
    push->add_option("server", server_, "postgresql://USER@HOST:PORT/DB or pg:SERVICE")->required();
    push->add_option("--schema", schema_, "the new schema's name (default registry_DATE_TIME)");
    push->callback([this] { action_ = "push"; });
    auto* rollback = app.add_subcommand(
        "rollback", "switch a PostgreSQL server's readers back to the registry pushed before");
    rollback->add_option("server", server_, "postgresql://USER@HOST:PORT/DB or pg:SERVICE")
        ->required();
    rollback->callback([this] { action_ = "rollback"; });
    changes_.add_to(app);
    common_.add_to(app);
  }

  int run(const CommandContext& context) override {
    if (changes_.selected()) return changes_.run(context, common_);
    // A RegistryError (a registry that cannot be read or written) ends the
    // command in run_gifkit: "gifkit registry ACTION: why".
    if (action_ == "build") return build(context);
    if (action_ == "update") return update(context);
    if (action_ == "info") return info(context);
    if (action_ == "push") return push(context);
    if (action_ == "rollback") return rollback(context);
    return verify(context);
  }

 private:
  // Imports every source into a temporary file and renames it over --out
  // only when all of them were read (build_registry). Rejected rows are
  // reported and counted; they make the exit code 1 but the registry is
  // still written.
  int build(const CommandContext& context) {
    auto started = std::chrono::steady_clock::now();
    RejectedRowPrinter on_rejected(context);
    reg::RegistryBuildOptions options;
    options.out = out_;
    options.sources.assign(sources_.begin(), sources_.end());
    options.source_kind = source_kind_;
    options.on_imported = [&context](const reg::ImportedSource& source) {
      context.err << source.provenance.source_file << ": " << source.summary << "\n";
    };
    options.on_skipped = [&context](const std::filesystem::path& file, const std::string& why) {
      context.err << file.string() << ": skipped: " << why << "\n";
    };
    reg::RegistryBuildResult result = reg::build_registry(options, on_rejected.handler());
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    on_rejected.print_not_shown();
    context.err << out_ << ": " << result.rows << " rows from " << result.files << " files, "
                << result.rejected << " rejected, in " << seconds << " s\n";
    return result.rejected == 0 ? kExitOk : kExitDataNotOk;
  }

  // Applies the diffs to the registry in data-date order, all in one
  // transaction: a refused, unreadable or incomplete diff (a rejected row,
  // a last record cut short: exit 2) changes nothing. With
  // --accept-rejects the rest of such a diff applies (exit 1).
  int update(const CommandContext& context) {
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
    for (const auto& source : result.applied) {
      rows += source.row_count;
      rejected += source.rejected_count;
      context.err << source.source_file << ": data date " << source.data_date << ", "
                  << source.row_count << " rows applied, " << source.rejected_count
                  << " rejected\n";
    }
    on_rejected.print_not_shown();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    context.err << registries::redacted_registry_name(registry_) << ": " << rows << " rows from "
                << files.size() << " diffs, " << rejected << " rejected, data date "
                << data_date_or_unknown(result.data_date_before) << " -> " << result.data_date_after
                << ", in " << seconds << " s\n";
    return rejected == 0 ? kExitOk : kExitDataNotOk;
  }

  // Copies the file into the server in one transaction (push_registry): on
  // any failure the server's readers keep the registry they had.
  int push(const CommandContext& context) {
    auto started = std::chrono::steady_clock::now();
    reg::PushOptions options;
    options.schema = schema_;
    options.on_table = [&context](std::string_view table, std::int64_t rows) {
      context.err << "  " << table << ": " << rows << " rows\n";
    };
    reg::PushResult result = reg::push_registry(registry_, server_, options);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    context.err << reg::redacted_registry_name(server_) << ": registry "
                << registries::redacted_registry_name(registry_) << " pushed as schema "
                << result.schema << " (" << (result.bytes + (1 << 19)) / (1 << 20) << " MiB) in "
                << seconds << " s";
    if (!result.previous.empty()) context.err << "; previous " << result.previous << " kept";
    if (!result.dropped.empty()) context.err << ", " << result.dropped << " dropped";
    context.err << "\n";
    return kExitOk;
  }

  int rollback(const CommandContext& context) {
    reg::RollbackResult result = reg::rollback_registry(server_);
    context.err << reg::redacted_registry_name(server_) << ": readers switched back to schema "
                << result.schema << " (from " << result.previous << ", kept)\n";
    return kExitOk;
  }

  int info(const CommandContext& context) {
    std::unique_ptr<models::RegistrySession> session;
    say_rollback(context, info_registry_.location(),
                 [&] { session = info_registry_.open(common_, context); });
    if (!session) return kExitUsage;
    auto lease = session->borrow();
    const reg::RegistryDb& db = lease->db;
    const std::string registry_name = db.path().string();
    auto sources = db.provenance();
    auto counts = db.table_counts();
    if (format_ == OutputFormat::json) {
      Json json = registry_info_json(db, registry_name);
      context.out << json_text(json, 2) << "\n";
      return kExitOk;
    }
    context.out << "registry " << registry_name << " (schema " << db.meta("schema_version")
                << ", created " << db.meta("created_at") << ", data date "
                << data_date_or_unknown(reg::registry_data_date(db)) << ")\n\nsources:\n";
    for (const auto& source : sources) {
      context.out << "  " << source.source_file << "\n    kind " << source.source_kind
                  << ", data date " << (source.data_date.empty() ? "unknown" : source.data_date)
                  << ", " << source.row_count << " rows, " << source.rejected_count
                  << " rejected, imported " << source.imported_at << "\n    "
                  << (source.sha256.empty() ? "derived from the tables named, no file of its own"
                                            : "sha256 " + source.sha256)
                  << "\n";
    }
    context.out << "\ntables:\n";
    for (const auto& [table, rows] : counts) context.out << "  " << table << " " << rows << "\n";
    return kExitOk;
  }

  // Not through a session: a session reads the registry's tables as it
  // opens, and verify must still report on a registry whose tables are
  // damaged.
  int verify(const CommandContext& context) {
    std::optional<reg::RegistryDb> opened;
    say_rollback(context, verify_registry_.location(), [&] {
      opened.emplace(reg::RegistryDb::open_existing(verify_registry_.location()));
    });
    const reg::RegistryDb& db = *opened;
    auto problems = reg::verify_registry(db);
    const std::string registry_name = db.path().string();
    for (const auto& problem : problems) context.out << registry_name << ": " << problem << "\n";
    if (!problems.empty()) return kExitDataNotOk;
    context.out << registry_name << ": ok (integrity check passed, " << db.provenance().size()
                << " sources, row counts agree with provenance)\n";
    return kExitOk;
  }

  // Opens the registry at location to read (open()); says so (stderr) when
  // the open rolled back an interrupted update that had left its journal
  // beside the file.
  template <typename Open>
  static void say_rollback(const CommandContext& context, const std::string& location, Open open) {
    const std::filesystem::path journal = reg::rollback_journal_of(location);
    std::error_code error;
    const bool interrupted = !journal.empty() && std::filesystem::exists(journal, error);
    open();
    if (interrupted && !std::filesystem::exists(journal, error)) {
      context.err << location << ": an interrupted update was rolled back (" << journal.string()
                  << " is gone); the registry is as it was before that update\n";
    }
  }

  static std::string data_date_or_unknown(const std::string& date) {
    return date.empty() ? "unknown" : date;
  }

  std::string action_;
  std::string out_;
  std::vector<std::string> sources_;
  std::string source_kind_ = "auto";
  std::string registry_;  // update, push: written, so not through a session
  RegistryOption info_registry_;
  RegistryOption verify_registry_;
  std::string server_;
  std::string schema_;
  OutputFormat format_ = OutputFormat::text;
  bool allow_out_of_order_ = false;
  bool accept_rejects_ = false;
  RegistryChanges changes_;
  CommonOptions common_;
};

}  // namespace

std::unique_ptr<Command> make_registry_command() {
  return std::make_unique<RegistryCommand>();
}

}  // namespace gifkit::tools
