// chars.cpp — `gifkit chars check|shrink`: find the characters a set does
// not hold, and replace them by the standard's 縮退 — thin commands over
// models/engine/chars/chars_check.hpp. Each subcommand is a class in its own
// file (chars_subcommands.hpp); this file registers them, and holds the
// options both share (CharsInput). The character data is the registry's
// (--registry) or the published files' (--data's moji/). See docs/chars.md.
#include <CLI/CLI.hpp>
#include <ostream>

#include "models/session/lookup_session.hpp"
#include "registries/session/character_choice.hpp"
#include "tools/commands/chars_subcommands.hpp"

namespace gifkit::tools {

namespace moji = gifkit::registries::moji;

void CharsInput::add_to(CLI::App& app) {
  registry.add_to(app,
                  ", with character data (default: the published files in "
                  "--data's moji/)");
  app.add_option("--column", columns,
                 "CSV/TSV: check only this column (header name or 1-based number); "
                 "repeatable, or comma-separated")
      ->delimiter(',')
      ->allow_extra_args(false);
  dataset.add_to(app);
}

std::optional<models::TextCheckOptions> CharsInput::options(const CommandContext& context,
                                                            std::string_view command) const {
  auto reading = dataset.read_options(context.err, command);
  if (!reading) return std::nullopt;
  models::TextCheckOptions options;
  options.reading = std::move(*reading);
  options.columns = columns;
  return options;
}

std::shared_ptr<const models::CharacterChecker> CharsInput::load(
    const CommonOptions& common, const CommandContext& context) const {
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
  registries::CharacterPlaces places;
  places.data_folder = common.data();
  const registries::CharacterChoice choice = registries::choose_character_data(places);
  if (!choice.failure.empty()) throw registries::RegistryError(choice.failure);
  if (!choice.data) {
    throw registries::RegistryError((common.data() / "moji").string() +
                                    " holds no character data (give --registry or --data)");
  }
  return models::character_checker(choice);
}

std::unique_ptr<Command> make_chars_command() {
  // --models and --data where people put them: after the subcommand.
  return std::make_unique<CommandGroup>(
      std::vector<SubcommandEntry>{
          {"check",
           "find the characters a set does not hold in CSV/TSV or text files: each with its "
           "place, code points, MJ number and 縮退 candidates, and a summary per character",
           &make_chars_check_command},
          {"shrink",
           "replace the characters a set does not hold by the standard's 縮退 where the "
           "replacement is unique; list the rest for review and log every change",
           &make_chars_shrink_command},
      },
      CommonOptionsPlace::each_subcommand);
}

}  // namespace gifkit::tools
