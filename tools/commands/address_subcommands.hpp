// address_subcommands.hpp — the subcommands of `gifkit address`, each a
// Command class in its own file (address_normalize.cpp,
// address_reverse.cpp), registered by address.cpp. See docs/address.md.
#pragma once
#include <memory>

#include "tools/command.hpp"

namespace gifkit::tools {

std::unique_ptr<Command> make_address_normalize_command(const CommonOptions& common);
std::unique_ptr<Command> make_address_reverse_command(const CommonOptions& common);

}  // namespace gifkit::tools
