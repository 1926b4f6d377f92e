// address.cpp — `gifkit address normalize|reverse`: normalize addresses
// against the Address Base Registry of a registry, and find the ABR places
// nearest to a point. Each subcommand is a class in its own file
// (address_subcommands.hpp); this file registers them, each given -o,--output
// (with_output, output_option.hpp). See docs/address.md.
#include "tools/commands/address_subcommands.hpp"
#include "tools/output_option.hpp"

namespace gifkit::tools {

std::unique_ptr<Command> make_address_command() {
  // --models and --data where people put them: after the subcommand.
  return std::make_unique<CommandGroup>(
      std::vector<SubcommandEntry>{
          {"normalize",
           "normalize addresses to the GIF form with the Address Base Registry's codes (one "
           "result per line, to the deepest level matched)",
           &with_output<&make_address_normalize_command>},
          {"reverse",
           "the Address Base Registry places (residence, parcel or 町字) nearest to a point, with "
           "their distance; a negative LAT or LON may follow `--` (`-- -33.86 151.2`)",
           &with_output<&make_address_reverse_command>},
      },
      CommonOptionsPlace::each_subcommand);
}

}  // namespace gifkit::tools
