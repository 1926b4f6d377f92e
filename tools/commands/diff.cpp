// diff.cpp — `gifkit diff OLD NEW`: the thin command over
// models::run_diff (options → DiffOptions; the result written by one of the
// diff writers, to standard output or atomically to -o FILE), and with
// --registries over registries::diff_registries (two registry builds; the
// old spelling --registry still works, with a note: every other --registry
// takes a registry, this one was a flag). Exit 0
// when the two are equal, 1 when they differ, 2 when the diff could not run
// — as diff(1) does. See docs/diff.md.
#include <CLI/CLI.hpp>
#include <optional>

#include "grammars/io/external_sort.hpp"
#include "models/engine/diff/diff.hpp"
#include "registries/diff/registry_diff.hpp"
#include "tools/command.hpp"
#include "tools/dataset_options.hpp"
#include "tools/old_spelling.hpp"
#include "tools/output/diff_output.hpp"
#include "tools/output/registry_diff_output.hpp"
#include "tools/output_option.hpp"
#include "tools/runtime_data.hpp"

namespace gifkit::tools {
namespace {

const std::string kDiffWho = "gifkit diff: ";

class DiffCommand : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("old", old_, "the older version: CSV, TSV or .xlsx; - reads standard input")
        ->required();
    app.add_option("new", new_, "the newer version")->required();
    app.add_option("-k,--key", key_,
                   "the columns that identify a row: item paths, item names or headers "
                   "(comma-separated); default: the model's key")
        ->delimiter(',')
        ->allow_extra_args(false);
    app.add_option("-m,--model", model_,
                   "model id (gifkit model list) or a model file; default: picked by NEW's header");
    app.add_option("--fold", fold_,
                   "compare values after these folds: width, kana, dash, legal-form (or all); a "
                   "difference they remove is fold_only, not a change");
    add_format_option(app, format_, kDiffFormats,
                      "output format (html is for datasets; --registries writes the others)");
    auto* registries_flag = app.add_flag(
        "--registries", registries_,
        "OLD and NEW are two builds of a registry, each " + std::string(kRegistryLocation) +
            ": list the corporations, 町字 and characters that changed");
    old_registry_flag_.add_flag(app, registries_flag, "--registry", registries_);
    app.add_option("--registry-part", parts_,
                   "with --registries, compare only these parts: corporations, abr, characters "
                   "(comma-separated; default: every part either build holds)")
        ->delimiter(',');
    output_.add_to(app, "write the diff to this file (atomically)");
    app.add_option("--memory-limit", memory_mib_,
                   "MiB the row indexes may take; beyond it they are sorted on disk (default 192)")
        ->check(CLI::Range(1, 1 << 20));
    dataset_.add_to(app);
    common_.add_to(app);
  }

  int run(const CommandContext& context) override {
    old_registry_flag_.resolve(context);  // a flag: never refused
    if (registries_) return run_registry(context);
    if (!parts_.empty()) {
      context.err << kDiffWho << "--registry-part needs --registries\n";
      return kExitUsage;
    }
    models::DiffOptions options;
    options.old_path = old_;
    options.new_path = new_;
    options.model = model_;
    options.key = key_;
    const std::optional<models::FoldSet> folds = models::parse_folds(fold_);
    if (!folds) {
      context.err << kDiffWho << "--fold " << fold_
                  << ": not a fold (width, kana, dash, legal-form, all or none)\n";
      return kExitUsage;
    }
    options.folds = *folds;
    options.memory_limit = memory_mib_ << 20;
    auto reading = dataset_.read_options(context.err, "gifkit diff");
    if (!reading) return kExitUsage;
    options.reading = std::move(*reading);
    RuntimeData data;
    if (!load_model_catalog(common_, data, context.err)) return kExitUsage;
    options.individual_number_headers = &data.individual_number_headers;

    try {
      return write_output(context, [&](std::ostream& out) {
        const std::unique_ptr<models::DiffSink> writer = make_diff_writer(format_, out);
        const models::DiffSummary summary = models::run_diff(options, data.catalog, *writer);
        if (output_.to_file() || format_ != OutputFormat::text) {
          context.err << kDiffWho << old_ << " → " << new_ << ": "
                      << diff_detail::summary_line(summary) << "\n";
          if (!summary.key_note.empty())
            context.err << kDiffWho << "note: key " << summary.key_note << "\n";
        }
        return summary.equal() ? kExitOk : kExitDataNotOk;
      });
    } catch (const models::DiffFailure& failure) {
      context.err << kDiffWho << failure.message << "\n";
    } catch (const grammars::TemporaryFileError& failure) {
      context.err << kDiffWho << failure.what() << "\n";
    }
    return kExitUsage;
  }

 private:
  // Writes to -o FILE atomically, or to standard output: write(out) gives
  // the exit code; an output that cannot be opened or written is exit 2.
  template <typename Write>
  int write_output(const CommandContext& context, Write write) {
    const std::unique_ptr<OpenOutput> output = output_.open(context);
    if (!output) return kExitUsage;
    const int code = write(output->stream());
    return output->commit(context) ? code : kExitUsage;
  }

  // diff --registries OLD NEW: two registry builds. Not through a registry
  // session (RegistryOption): OLD and NEW are the locations, and
  // diff_registries (registries/diff/) opens both.
  int run_registry(const CommandContext& context) {
    for (const auto& [given, name] :
         {std::pair{!key_.empty(), "--key"}, std::pair{!model_.empty(), "--model"},
          std::pair{!fold_.empty(), "--fold"}}) {
      if (given) {
        context.err << kDiffWho << name
                    << " compares datasets; it has no meaning with --registries\n";
        return kExitUsage;
      }
    }
    if (format_ == OutputFormat::html) {
      context.err << kDiffWho
                  << "--format html is for datasets; with --registries use text, json, "
                     "ndjson or csv\n";
      return kExitUsage;
    }
    registries::RegistryDiffOptions options;
    options.old_path = old_;
    options.new_path = new_;
    for (const std::string& name : parts_) {
      const auto part = registries::parse_registry_part(name);
      if (!part) {
        context.err << kDiffWho << "--registry-part " << name
                    << ": not a part (corporations, abr or characters)\n";
        return kExitUsage;
      }
      options.parts.push_back(*part);
    }
    registries::houjin::ChangeKinds kinds;
    if (!load_change_kinds(common_, kinds, context.err, "gifkit diff")) return kExitUsage;
    options.kinds = &kinds;
    // A registry that cannot be opened or read: the RegistryError ends the
    // command in run_gifkit ("gifkit diff: why").
    return write_output(context, [&](std::ostream& out) {
      const auto writer =
          make_registry_diff_writer(format_, out, registries::redacted_registry_name(old_),
                                    registries::redacted_registry_name(new_));
      const registries::RegistryDiffSummary summary = registries::diff_registries(
          options, [&](const registries::RecordChange& change) { writer->change(change); });
      writer->finish(summary);
      if (output_.to_file() || format_ != OutputFormat::text)
        context.err << kDiffWho << registry_diff_summary(summary);
      return summary.equal() ? kExitOk : kExitDataNotOk;
    });
  }

  std::string old_, new_, model_, fold_;
  OutputOption output_;
  bool registries_ = false;
  OldSpelling old_registry_flag_;  // --registry, the flag's first spelling
  std::vector<std::string> parts_;
  std::vector<std::string> key_;
  OutputFormat format_ = OutputFormat::text;
  std::size_t memory_mib_ = 192;
  DatasetOptions dataset_;
  CommonOptions common_;
};

}  // namespace

std::unique_ptr<Command> make_diff_command() {
  return std::make_unique<DiffCommand>();
}

}  // namespace gifkit::tools
