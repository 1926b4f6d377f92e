// registry_subcommands.hpp — the subcommands of `gifkit registry`, each a
// Command class in its own file (registry_build.cpp, registry_update.cpp,
// registry_info.cpp, registry_verify.cpp, registry_changes.cpp,
// registry_push.cpp, registry_rollback.cpp, registry_audit.cpp), registered by
// registry.cpp;
// and what more than one of them uses: the printer of rejected rows (build,
// update), the data date as shown (update, info), and the note of an
// interrupted update rolled back (info, verify). See docs/registry.md,
// docs/postgresql.md.
#pragma once
#include <cstddef>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

#include "registries/db/registry_db.hpp"
#include "registries/db/rejected_row.hpp"
#include "tools/command.hpp"

namespace gifkit::tools {

std::unique_ptr<Command> make_registry_build_command(const CommonOptions& common);
std::unique_ptr<Command> make_registry_update_command(const CommonOptions& common);
std::unique_ptr<Command> make_registry_info_command(const CommonOptions& common);
std::unique_ptr<Command> make_registry_verify_command(const CommonOptions& common);
std::unique_ptr<Command> make_registry_push_command(const CommonOptions& common);
std::unique_ptr<Command> make_registry_rollback_command(const CommonOptions& common);
std::unique_ptr<Command> make_registry_changes_command(const CommonOptions& common);
std::unique_ptr<Command> make_registry_audit_command(const CommonOptions& common);

// Rejected rows printed to stderr before the rest are only counted.
inline constexpr std::size_t kMaxRejectedRowsShown = 50;

// Prints the first kMaxRejectedRowsShown rejected rows to stderr as
// file:line: rejected: reason, and counts the rest.
class RejectedRowPrinter {
 public:
  explicit RejectedRowPrinter(const CommandContext& context) : context_(context) {}
  registries::RejectedRowHandler handler() {
    return [this](const registries::RejectedRow& row) {
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

inline std::string data_date_or_unknown(const std::string& date) {
  return date.empty() ? "unknown" : date;
}

// Opens the registry at location to read (open()); says so (stderr) when
// the open rolled back an interrupted update that had left its journal
// beside the file.
template <typename Open>
void say_rollback(const CommandContext& context, const std::string& location, Open open) {
  const std::filesystem::path journal = registries::rollback_journal_of(location);
  std::error_code error;
  const bool interrupted = !journal.empty() && std::filesystem::exists(journal, error);
  open();
  if (interrupted && !std::filesystem::exists(journal, error)) {
    context.err << location << ": an interrupted update was rolled back (" << journal.string()
                << " is gone); the registry is as it was before that update\n";
  }
}

}  // namespace gifkit::tools
