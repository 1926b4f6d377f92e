// chars.cpp — `gifkit chars check` and `chars shrink`: the thin
// command over registries/moji/text_check.hpp (options → TextCheckOptions,
// findings → chars_check_view.hpp's writers, totals → exit code). The character
// data is the registry's (--registry) or the published files' (--data's
// moji/). See docs/chars.md.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>

#include "grammars/atomic_file.hpp"
#include "registries/moji/character_data.hpp"
#include "registries/moji/moji_store.hpp"
#include "registries/moji/named_sets.hpp"
#include "registries/moji/text_check.hpp"
#include "tools/command.hpp"
#include "tools/output/chars_check_view.hpp"
#include "tools/registry_option.hpp"

namespace gifkit::tools {
namespace {

// The options both subcommands share.
struct CharsInput {
  RegistryOption registry;
  std::vector<std::string> columns;
  std::string layout = "auto";
  std::string encoding = "auto";

  void add_to(CLI::App& app) {
    registry.add_to(app,
                    ", with character data (default: the published files in "
                    "--data's moji/)");
    app.add_option("--column", columns,
                   "CSV/TSV: check only this column (header name or 1-based number); "
                   "repeatable, or comma-separated")
        ->delimiter(',')
        ->allow_extra_args(false);
    app.add_option("--as", layout, "read the input as auto (by extension), text, csv or tsv")
        ->check(CLI::IsMember({"auto", "text", "csv", "tsv"}));
    app.add_option("--encoding", encoding, "input encoding: auto, utf-8, cp932 (shift_jis)");
  }

  // The options, or nullopt after a message.
  std::optional<moji::TextCheckOptions> options(const CommandContext& context,
                                                const std::string& who) const {
    moji::TextCheckOptions options;
    options.layout = *grammars::parse_text_layout(layout);
    auto parsed = grammars::parse_encoding_name(encoding);
    if (!parsed) {
      context.err << who << "unknown encoding '" << encoding << "' (use auto, utf-8 or cp932)\n";
      return std::nullopt;
    }
    options.encoding = *parsed;
    options.columns = columns;
    return options;
  }

  // The character data: the registry's, or the published files'; null
  // after a message when the registry cannot be opened. Throws RegistryError
  // when the one chosen holds none (which ends the command in run_gifkit).
  std::shared_ptr<const models::CharacterChecker> load(const CommonOptions& common,
                                                       const CommandContext& context) const {
    if (registry.given()) {
      auto session = registry.open(common, context);
      if (!session) return nullptr;
      auto characters = registry_characters(*session);
      if (!characters) {
        throw registries::RegistryError(
            registry.location() +
            " has no character data (build it with the files of ../shared/data/moji)");
      }
      return characters;
    }
    auto data = std::make_unique<moji::CharacterData>(moji::folder_rows(common.data() / "moji"));
    if (!data->has_jis()) {
      throw registries::RegistryError((common.data() / "moji").string() +
                                      " holds no character data (give --registry or --data)");
    }
    return std::make_shared<models::CharacterChecker>(std::move(data));
  }
};

class CharsCommand : public Command {
 public:
  void setup(CLI::App& app) override {
    app.require_subcommand(1);
    check_ = app.add_subcommand(
        "check",
        "find the characters a set does not hold in CSV/TSV or text files: each with its place, "
        "code points, MJ number and 縮退 candidates, and a summary per character");
    check_->add_option("files", files_, "CSV, TSV or text files; - reads standard input")
        ->required();
    check_->add_option("--charset", charset_,
                       "the set: ascii, jisx0208 (default), jisx0213, jisx0213:1-2, jisx0213:1-3, "
                       "mj, katakana, hiragana, a set imported into the registry, or a set file");
    add_format_option(*check_, format_, kCharsCheckFormats);
    check_->add_option("-o,--output", output_, "write the findings to this file (atomically)");
    check_->add_flag("--summary-only", summary_only_,
                     "only the summary per character (and the problems)");
    check_input_.add_to(*check_);

    shrink_ = app.add_subcommand(
        "shrink",
        "replace the characters a set does not hold by the standard's 縮退 where the "
        "replacement is unique; list the rest for review and log every change");
    shrink_->add_option("file", shrink_file_, "the CSV, TSV or text file; - reads standard input")
        ->required();
    shrink_->add_option("--to", charset_, "the set to shrink into (default jisx0208)");
    shrink_->add_option("-o,--output", output_, "the file to write (atomically)")->required();
    shrink_->add_option("--review", review_, "the review list (CSV; default: OUTPUT.review.csv)");
    shrink_->add_option("--log", log_,
                        "the change log, every original value (NDJSON; default: "
                        "OUTPUT.changes.ndjson)");
    shrink_input_.add_to(*shrink_);
    // --models and --data where people put them: after the subcommand.
    common_.add_to(*check_);
    common_.add_to(*shrink_);
  }

  int run(const CommandContext& context) override {
    return check_->parsed() ? check(context) : shrink(context);
  }

 private:
  // Exit 0 nothing outside the set, 1 something (or a problem of the input),
  // 2 usage, a file that could not be read, no character data.
  int check(const CommandContext& context) {
    const std::string who = "gifkit chars check: ";
    auto options = check_input_.options(context, who);
    if (!options) return kExitUsage;
    const auto characters = check_input_.load(common_, context);
    if (!characters) return kExitUsage;
    const moji::CharacterData& data = characters->data();
    // An unknown set: the RegistryError ends the command in run_gifkit.
    const moji::CharacterSet set = moji::character_set_by_argument(data, charset_);
    std::optional<grammars::AtomicFile> output_file;
    std::ostream* out = &context.out;
    try {
      if (!output_.empty()) {
        output_file.emplace(output_);
        out = &output_file->stream();
      }
    } catch (const std::exception& error) {
      context.err << who << error.what() << "\n";
      return kExitUsage;
    }
    auto writer = make_chars_check_writer(format_, *out, summary_only_);
    moji::TextChecker checker(data, set, *options);
    for (const auto& file : files_) checker.check_file(file, *writer);
    writer->finish(checker);
    if (output_file) {
      try {
        output_file->commit();
      } catch (const std::exception& error) {
        context.err << who << error.what() << "\n";
        return kExitUsage;
      }
    }
    const auto& totals = checker.totals();
    if (totals.unreadable > 0 || totals.unknown_columns > 0) return kExitUsage;
    return totals.characters > 0 || totals.problems > 0 ? kExitDataNotOk : kExitOk;
  }

  // Exit 0 everything replaced, 1 characters left for review (or a problem
  // of the input), 2 usage, the input unreadable or not copyable (nothing
  // written then).
  int shrink(const CommandContext& context) {
    const std::string who = "gifkit chars shrink: ";
    auto options = shrink_input_.options(context, who);
    if (!options) return kExitUsage;
    std::error_code error_code;
    if (shrink_file_ != "-" && std::filesystem::exists(output_, error_code) &&
        std::filesystem::equivalent(shrink_file_, output_, error_code)) {
      context.err << who << "the output is the input (" << output_
                  << "); give another file: the input stays as it was\n";
      return kExitUsage;
    }
    const std::string review = review_.empty() ? output_ + ".review.csv" : review_;
    const std::string log = log_.empty() ? output_ + ".changes.ndjson" : log_;
    const auto characters = shrink_input_.load(common_, context);
    if (!characters) return kExitUsage;
    const moji::CharacterData& data = characters->data();
    // An unknown set: the RegistryError ends the command in run_gifkit.
    const moji::CharacterSet set = moji::character_set_by_argument(data, charset_);
    try {
      grammars::AtomicFile output_file(output_);
      grammars::AtomicFile review_file(review);
      grammars::AtomicFile log_file(log);
      ShrinkOutputs sink(review_file.stream(), log_file.stream(), context.err);
      moji::TextShrinker shrinker(data, set, *options);
      if (!shrinker.shrink_file(shrink_file_, output_file.stream(), sink)) {
        context.err << who << "nothing written\n";
        return kExitUsage;
      }
      // All three written before any is put in place: a write that fails leaves none.
      for (grammars::AtomicFile* file : {&log_file, &review_file, &output_file}) file->finish();
      for (grammars::AtomicFile* file : {&log_file, &review_file, &output_file}) file->commit();
      const auto& totals = shrinker.shrink_totals();
      context.err << shrink_file_ << " → " << output_ << ": " << totals.replaced
                  << " characters replaced in " << totals.values_changed << " values (log " << log
                  << "), " << totals.review << " left for review (" << review << ")\n";
      return totals.review > 0 || sink.problems() > 0 ? kExitDataNotOk : kExitOk;
    } catch (const std::exception& error) {
      context.err << who << error.what() << "\n";
      return kExitUsage;
    }
  }

  CLI::App* check_ = nullptr;
  CLI::App* shrink_ = nullptr;
  std::vector<std::string> files_;
  std::string shrink_file_;
  std::string charset_ = "jisx0208";
  OutputFormat format_ = OutputFormat::text;
  std::string output_;
  std::string review_;
  std::string log_;
  bool summary_only_ = false;
  CharsInput check_input_;
  CharsInput shrink_input_;
  CommonOptions common_;
};

}  // namespace

std::unique_ptr<Command> make_chars_command() {
  return std::make_unique<CharsCommand>();
}

}  // namespace gifkit::tools
