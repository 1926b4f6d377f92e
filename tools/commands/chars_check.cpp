// chars_check.cpp — `gifkit chars check FILE...`: the characters of CSV/TSV
// or text files, or of a workbook's sheet (--sheet), that a set does not
// hold, each with its place (a workbook's: the sheet row and cell), code points,
// MJ number and 縮退 candidates, and a summary per character
// (models/engine/chars/chars_check.hpp TextChecker; chars_check_view.hpp's
// writers). Exit 0 nothing outside the set, 1 something (or a problem of
// the input), 2 usage, a file that could not be read, no character data.
// Registered by chars.cpp. See docs/chars.md.
#include <CLI/CLI.hpp>
#include <ostream>

#include "registries/moji/named_sets.hpp"
#include "tools/commands/chars_subcommands.hpp"
#include "tools/output/chars_check_view.hpp"
#include "tools/output_option.hpp"

namespace gifkit::tools {
namespace {

class CharsCheckCommand : public Command {
 public:
  explicit CharsCheckCommand(const CommonOptions& common) : common_(common) {}

  void setup(CLI::App& app) override {
    app.add_option("files", files_, "CSV, TSV, text or .xlsx files; - reads standard input")
        ->required();
    app.add_option("--charset", charset_,
                   "the set: ascii, jisx0208 (default), jisx0213, jisx0213:1-2, jisx0213:1-3, "
                   "mj, katakana, hiragana, a set imported into the registry, or a set file");
    add_format_option(app, format_, kCharsCheckFormats);
    output_.add_to(app, "write the findings to this file (atomically)");
    app.add_flag("--summary-only", summary_only_,
                 "only the summary per character (and the problems)");
    input_.add_to(app);
  }

  int run(const CommandContext& context) override {
    auto options = input_.options(context, "gifkit chars check");
    if (!options) return kExitUsage;
    const auto characters = input_.load(common_, context);
    if (!characters) return kExitUsage;
    const moji::CharacterData& data = characters->data();
    // An unknown set: the RegistryError ends the command in run_gifkit.
    const moji::CharacterSet set = moji::character_set_by_argument(data, charset_);
    const std::unique_ptr<OpenOutput> output = output_.open(context);
    if (!output) return kExitUsage;
    auto writer = make_chars_check_writer(format_, output->stream(), summary_only_);
    models::TextChecker checker(data, set, *options);
    for (const auto& file : files_) checker.check_file(file, *writer);
    writer->finish(checker);
    if (!output->commit(context)) return kExitUsage;
    const auto& totals = checker.totals();
    if (totals.unreadable > 0 || totals.unknown_columns > 0) return kExitUsage;
    return totals.characters > 0 || totals.problems > 0 ? kExitDataNotOk : kExitOk;
  }

 private:
  const CommonOptions& common_;
  std::vector<std::string> files_;
  std::string charset_ = "jisx0208";
  OutputFormat format_ = OutputFormat::text;
  OutputOption output_;
  bool summary_only_ = false;
  CharsInput input_;
};

}  // namespace

std::unique_ptr<Command> make_chars_check_command(const CommonOptions& common) {
  return std::make_unique<CharsCheckCommand>(common);
}

}  // namespace gifkit::tools
