// chars_shrink.cpp — `gifkit chars shrink FILE -o OUTPUT`: replaces the
// characters a set does not hold by the standard's 縮退 where the
// replacement is unique (models/engine/chars/chars_check.hpp TextShrinker),
// lists the rest for review (OUTPUT.review.csv) and logs every change
// (OUTPUT.changes.ndjson); the set is --charset, as chars check's (its
// old spelling --to still works, with a note); the three files are put in place together or
// not at all. Exit 0 everything replaced, 1 characters left for review (or
// a problem of the input), 2 usage, the input unreadable or not copyable
// (nothing written then; a workbook is refused so: shrink cannot rewrite it). Registered by
// chars.cpp. See docs/chars.md.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <ostream>

#include "grammars/io/atomic_file.hpp"
#include "registries/moji/named_sets.hpp"
#include "tools/commands/chars_subcommands.hpp"
#include "tools/old_spelling.hpp"
#include "tools/output/chars_check_view.hpp"
#include "tools/output_option.hpp"
#include "tools/runtime_data.hpp"

namespace gifkit::tools {
namespace {

class CharsShrinkCommand : public Command {
 public:
  explicit CharsShrinkCommand(const CommonOptions& common) : common_(common) {}

  void setup(CLI::App& app) override {
    app.add_option("file", file_,
                   "the CSV, TSV or text file (not a workbook); - reads standard input")
        ->required();
    auto* charset = app.add_option(
        "--charset", charset_,
        "the set to shrink into, as chars check's --charset: a set name or a set file (default "
        "jisx0208)");
    old_to_.add_option(app, charset, "--to", charset_, "SET");
    output_.add_to(app, "the file to write (atomically)")->required();
    app.add_option("--review", review_, "the review list (CSV; default: OUTPUT.review.csv)");
    app.add_option("--log", log_,
                   "the change log, every original value (NDJSON; default: "
                   "OUTPUT.changes.ndjson)");
    input_.add_to(app);
  }

  int run(const CommandContext& context) override {
    const std::string who = "gifkit chars shrink: ";
    if (!old_to_.resolve(context)) return kExitUsage;
    auto options = input_.options(context, "gifkit chars shrink");
    if (!options) return kExitUsage;
    const std::string& output = output_.path();
    std::error_code error_code;
    if (file_ != "-" && std::filesystem::exists(output, error_code) &&
        std::filesystem::equivalent(file_, output, error_code)) {
      context.err << who << "the output is the input (" << output
                  << "); give another file: the input stays as it was\n";
      return kExitUsage;
    }
    // A column named 個人番号 is copied masked (TextShrinker).
    models::IndividualNumberHeaders number_headers;
    std::vector<std::string> notes;
    load_individual_number_headers(common_, number_headers, notes);
    for (const std::string& note : notes) context.err << who << "note: " << note << "\n";
    if (!number_headers.empty()) options->individual_number_headers = &number_headers;
    const std::string review = review_.empty() ? output + ".review.csv" : review_;
    const std::string log = log_.empty() ? output + ".changes.ndjson" : log_;
    const auto characters = input_.load(common_, context);
    if (!characters) return kExitUsage;
    const moji::CharacterData& data = characters->data();
    // An unknown set: the RegistryError ends the command in run_gifkit.
    const moji::CharacterSet set = moji::character_set_by_argument(data, charset_);
    try {
      grammars::AtomicFile output_file(output);
      grammars::AtomicFile review_file(review);
      grammars::AtomicFile log_file(log);
      ShrinkOutputs sink(review_file.stream(), log_file.stream(), context.err);
      models::TextShrinker shrinker(data, set, *options);
      if (!shrinker.shrink_file(file_, output_file.stream(), sink)) {
        context.err << who << "nothing written\n";
        return kExitUsage;
      }
      // All three written before any is put in place: a write that fails leaves none.
      for (grammars::AtomicFile* file : {&log_file, &review_file, &output_file}) file->finish();
      for (grammars::AtomicFile* file : {&log_file, &review_file, &output_file}) file->commit();
      const auto& totals = shrinker.shrink_totals();
      context.err << file_ << " → " << output << ": " << totals.replaced
                  << " characters replaced in " << totals.values_changed << " values (log " << log
                  << "), " << totals.review << " left for review (" << review << ")\n";
      if (totals.masked > 0)
        context.err << who << totals.masked
                    << " values or lines hold a 個人番号 (マイナンバー): written masked\n";
      return totals.review > 0 || sink.problems() > 0 ? kExitDataNotOk : kExitOk;
    } catch (const std::exception& error) {
      context.err << who << error.what() << "\n";
      return kExitUsage;
    }
  }

 private:
  const CommonOptions& common_;
  std::string file_;
  std::string charset_ = "jisx0208";
  OldSpelling old_to_;  // --to SET, the first spelling of --charset
  OutputOption output_;
  std::string review_;
  std::string log_;
  CharsInput input_;
};

}  // namespace

std::unique_ptr<Command> make_chars_shrink_command(const CommonOptions& common) {
  return std::make_unique<CharsShrinkCommand>(common);
}

}  // namespace gifkit::tools
