// command.cpp — dispatch of `gifkit COMMAND ...`, the shared options, and
// the CLI11 error handling that keeps the exit-code contract (CLI11 2.1 would
// exit 100-115 on parse errors; we return 2).
#include "tools/command.hpp"
#include "tools/build_info.hpp"
#include "tools/runtime_dirs.hpp"
#include "tools/version_text.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cassert>
#include <iostream>

#include "grammars/values/identifiers.hpp"
#include "grammars/values/masked_lines.hpp"

namespace gifkit::tools {
namespace {

void print_usage(std::ostream& out) {
  out << "gifkit " << gifkit_version()
      << " — validate and transform Japanese public data against GIF\n\n"
         "usage: gifkit COMMAND [OPTIONS] [ARGS]\n\ncommands:\n";
  for (const auto& entry : command_list()) {
    std::string name(entry.name);
    name.resize(12, ' ');
    out << "  " << name << entry.summary << "\n";
  }
  out << "\nEvery command that writes a result writes it to standard output, or with -o FILE to\n"
         "FILE atomically (the file appears when the command ends, and stays as it was when the\n"
         "command could not run), in the format -f FORMAT names where it writes more than one.\n"
         "Run `gifkit help COMMAND` or `gifkit COMMAND --help` for a command's options.\n"
         "Exit codes: 0 ok, 1 data not OK, 2 usage error or could not run.\n";
}

// The first argument before `--` that reads as an option but names a file or
// folder that is there ("" when none): a file a hook or a glob passes as
// `--output=victim.csv` must never be taken for the option it spells.
std::string option_word_naming_a_file(int argc, const char* const* argv) {
  for (int i = 2; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "--") break;
    struct stat status {};
    if (word.size() > 1 && word.front() == '-' && ::lstat(argv[i], &status) == 0)
      return std::string(word);
  }
  return "";
}

}  // namespace

std::string command_name(const CLI::App& app) {
  const CLI::App* parent = app.get_parent();
  return parent == nullptr ? app.get_name() : command_name(*parent) + " " + app.get_name();
}

CommandGroup::CommandGroup(std::vector<SubcommandEntry> entries, CommonOptionsPlace place)
    : entries_(std::move(entries)), place_(place) {
  assert(!entries_.empty());
}

void CommandGroup::setup(CLI::App& app) {
  app.require_subcommand(1);
  for (const SubcommandEntry& entry : entries_) {
    CLI::App* subcommand = app.add_subcommand(std::string(entry.name), std::string(entry.summary));
    std::unique_ptr<Command> command = entry.make(common_);
    assert(command != nullptr);
    command->setup(*subcommand);
    if (place_ == CommonOptionsPlace::each_subcommand) common_.add_to(*subcommand);
    // The group's --models, --data and --gif-version are taken after the subcommand too
    // (`gifkit model check --data DIR`, where people put them), not only before it.
    if (place_ == CommonOptionsPlace::group) subcommand->fallthrough();
    subcommands_.push_back({subcommand, std::move(command)});
  }
  if (place_ == CommonOptionsPlace::group) common_.add_to(app);
}

int CommandGroup::run(const CommandContext& context) {
  for (const Chosen& chosen : subcommands_)
    if (chosen.app->parsed()) return chosen.command->run(context);
  return kExitUsage;  // not reached: the parse requires one subcommand
}

std::string_view gifkit_version() {
  return build_info().version;
}

void CommonOptions::add_to(CLI::App& app) {
  app.add_option("--models", models_dir,
                 "directory of model files (default: $GIFKIT_MODELS, else share/gifkit/models "
                 "next to the installed binary, else the build tree's models/)");
  app.add_option("--data", data_dir,
                 "directory of published data: gif/ XSDs, moji/ tables (default: $GIFKIT_DATA, "
                 "else share/gifkit/data next to the installed binary, else the build tree's "
                 "../shared/data; without it code-list and character checks are skipped)");
  app.add_option("--gif-version", gif_version,
                 "the GIF release to check against: 2022 (the item catalogs), 2024 (the first "
                 "XSD), 2025 (the XSD of 2025-03-25) or 2026 (also v2.3: that XSD and the "
                 "guidebooks of 2026-03-17, DS-442's readings and English forms); it picks among "
                 "a class's releases and makes gif:Person mean that release's class (default: "
                 "the header tells, else the newest, v2.3)")
      ->check(CLI::IsMember({"2022", "2024", "2025", "2026", "v2.3"}));
}

std::filesystem::path CommonOptions::models() const {
  return resolve_runtime_dir(RuntimeDir::models,
                             runtime_dir_inputs(RuntimeDir::models, models_dir));
}

std::filesystem::path CommonOptions::data() const {
  return resolve_runtime_dir(RuntimeDir::data, runtime_dir_inputs(RuntimeDir::data, data_dir));
}

int run_gifkit(int argc, const char* const* argv, std::ostream& out, std::ostream& messages,
               bool streams_are_stdio) {
  // Every message of every command, and serve's log, passes through the one
  // text rule of 個人番号, a line at a time: none is shown in clear.
  grammars::MaskedLines masked(messages);
  std::ostream err(&masked);
  if (argc < 2) {
    print_usage(err);
    return kExitUsage;
  }
  std::string name = argv[1];
  if (name == "--version" || name == "-V" || name == "version") {
    write_version(out);
    return kExitOk;
  }
  if (name == "--help" || name == "-h") {
    print_usage(out);
    return kExitOk;
  }
  const CommandEntry* entry = nullptr;
  for (const auto& candidate : command_list())
    if (candidate.name == name) entry = &candidate;
  if (entry == nullptr) {
    err << "gifkit: unknown command '" << name << "'\n\n";
    print_usage(err);
    return kExitUsage;
  }
  if (name == "help" && argc >= 3) {
    // `gifkit help validate` is `gifkit validate --help`.
    std::vector<const char*> args = {argv[0], argv[2], "--help"};
    return run_gifkit(3, args.data(), out, err, streams_are_stdio);
  }
  if (name == "help") {
    print_usage(out);
    return kExitOk;
  }
  std::unique_ptr<Command> command = entry->make();
  CLI::App app{std::string(entry->summary), "gifkit " + name};
  app.set_help_flag("-h,--help", "print this help and exit");
  command->setup(app);
  if (const std::string word = option_word_naming_a_file(argc, argv); !word.empty()) {
    err << "gifkit " << name << ": " << grammars::mask_individual_numbers_in(word)
        << " reads as an option but is also a file here; nothing was run. Put -- before the "
           "file names (gifkit "
        << name << " [OPTIONS] -- FILE...), or name the file ./"
        << grammars::mask_individual_numbers_in(word) << "\n";
    return kExitUsage;
  }
  try {
    app.parse(argc - 1, argv + 1);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::ParseError& error) {
    // CLI11 quotes the value it refused: never a 個人番号.
    err << "gifkit " << name << ": " << grammars::mask_individual_numbers_in(error.what()) << "\n"
        << "Run `gifkit " << name << " --help` for the options.\n";
    return kExitUsage;
  }
  CommandContext context{out, err, streams_are_stdio && isatty(STDOUT_FILENO) == 1,
                         streams_are_stdio && isatty(STDERR_FILENO) == 1};
  try {
    return command->run(context);
  } catch (const std::exception& error) {
    // What a command does not catch itself (a registry that fails while it
    // is read, a file that cannot be written) ends it here, named by the
    // subcommand that ran: "gifkit lookup address: why".
    const CLI::App* ran = &app;
    while (!ran->get_subcommands().empty()) ran = ran->get_subcommands().front();
    err << command_name(*ran) << ": " << grammars::mask_individual_numbers_in(error.what()) << "\n";
    return kExitUsage;
  }
}

}  // namespace gifkit::tools
