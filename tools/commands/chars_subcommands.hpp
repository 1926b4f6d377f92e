// chars_subcommands.hpp — the subcommands of `gifkit chars`, each a Command
// class in its own file (chars_check.cpp, chars_shrink.cpp), registered by
// chars.cpp; and the options both share (CharsInput, defined in chars.cpp):
// where the character data comes from and how the input is read. See
// docs/chars.md.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/engine/chars/chars_check.hpp"
#include "models/engine/checks/character_checks.hpp"
#include "tools/command.hpp"
#include "tools/dataset_options.hpp"
#include "tools/registry_option.hpp"

namespace gifkit::tools {

std::unique_ptr<Command> make_chars_check_command(const CommonOptions& common);
std::unique_ptr<Command> make_chars_shrink_command(const CommonOptions& common);

// The options both subcommands share: --registry, --column, and the
// dataset-input group's options for texts (--as, --encoding, --sheet and
// the caps: tools/dataset_options.hpp).
struct CharsInput {
  RegistryOption registry;
  std::vector<std::string> columns;
  DatasetOptions dataset{DatasetInput::texts};

  void add_to(CLI::App& app);

  // The options, or nullopt after a message (command: "gifkit chars check").
  std::optional<models::TextCheckOptions> options(const CommandContext& context,
                                                  std::string_view command) const;

  // The character data: the registry's, or the published files'; null
  // after a message when the registry cannot be opened. Throws RegistryError
  // when the one chosen holds none (which ends the command in run_gifkit).
  std::shared_ptr<const models::CharacterChecker> load(const CommonOptions& common,
                                                       const CommandContext& context) const;
};

}  // namespace gifkit::tools
