// lookup_subcommands.hpp — the subcommands of `gifkit lookup`, each a
// Command class in its own file (lookup_corporation.cpp,
// lookup_address.cpp, lookup_char.cpp, lookup_reading.cpp), registered by lookup.cpp.
#pragma once
#include <memory>

#include "tools/command.hpp"

namespace gifkit::tools {

std::unique_ptr<Command> make_lookup_corporation_command(const CommonOptions& common);
std::unique_ptr<Command> make_lookup_address_command(const CommonOptions& common);
std::unique_ptr<Command> make_lookup_char_command(const CommonOptions& common);
std::unique_ptr<Command> make_lookup_reading_command(const CommonOptions& common);

}  // namespace gifkit::tools
