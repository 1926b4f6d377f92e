// registry_build.cpp — `gifkit registry build -o FILE SOURCES…`: build a
// local registry file from the published sources, atomically
// (registries/builder/build_registry.hpp). Writes a registry, so it opens no
// registry session. See docs/registry.md.
#include <CLI/CLI.hpp>
#include <chrono>
#include <ostream>

#include "registries/builder/build_registry.hpp"
#include "registries/builder/importer_list.hpp"
#include "tools/commands/registry_subcommands.hpp"

namespace gifkit::tools {
namespace {

namespace reg = gifkit::registries;

class RegistryBuildCommand : public Command {
 public:
  void setup(CLI::App& app) override {
    // -o,--output as every command that writes a file; --out, its first
    // spelling, stays (scripts and the docs' examples say it).
    app.add_option("-o,--output,--out", out_, "the registry file to write (replaced atomically)")
        ->required();
    app.add_option("sources", sources_, "source files or folders")->required();
    app.add_option("--source-kind", source_kind_,
                   "read every source as this kind instead of detecting each one's kind from "
                   "its content")
        ->check(CLI::IsMember(reg::source_kind_names()));
    app.add_flag("--accept-incomplete", accept_incomplete_,
                 "exit 0 when a part is missing (rows rejected, a table the others refer to "
                 "left out); the registry records it as incomplete, naming the parts");
  }

  // Imports every source into a temporary file and renames it over --out
  // only when all of them were read (build_registry). Rejected rows are
  // reported and counted; they, and a table the others refer to left out
  // (source_completeness.hpp), make the exit code 1, named, unless
  // --accept-incomplete; the registry is written either way and records it.
  int run(const CommandContext& context) override {
    auto started = std::chrono::steady_clock::now();
    RejectedRowPrinter on_rejected(context);
    reg::RegistryBuildOptions options;
    options.out = out_;
    options.sources.assign(sources_.begin(), sources_.end());
    options.source_kind = source_kind_;
    options.accept_incomplete = accept_incomplete_;
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
                << result.rejected << " rejected, in " << seconds
                << " s (the source set checked whole in " << result.check_seconds << " s)\n";
    if (result.missing.empty()) return kExitOk;
    context.err << out_ << ": incomplete"
                << (accept_incomplete_ ? " (accepted: --accept-incomplete)" : "") << ":\n";
    for (const std::string& part : result.missing) context.err << "  " << part << "\n";
    if (accept_incomplete_) return kExitOk;
    context.err << "gifkit registry build: the registry was written and records what is "
                   "missing; pass --accept-incomplete to build it incomplete with exit 0\n";
    return kExitDataNotOk;
  }

 private:
  std::string out_;
  std::vector<std::string> sources_;
  std::string source_kind_ = "auto";
  bool accept_incomplete_ = false;
};

}  // namespace

std::unique_ptr<Command> make_registry_build_command(const CommonOptions&) {
  return std::make_unique<RegistryBuildCommand>();
}

}  // namespace gifkit::tools
