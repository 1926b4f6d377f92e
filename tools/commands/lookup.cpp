// lookup.cpp — `gifkit lookup corporation|address|char|reading`: look a registry
// up. Each subcommand is a class in its own file (lookup_subcommands.hpp);
// this file registers them, each given -o,--output (with_output,
// output_option.hpp). See docs/lookup.md.
#include "tools/commands/lookup_subcommands.hpp"
#include "tools/output_option.hpp"

namespace gifkit::tools {

std::unique_ptr<Command> make_lookup_command() {
  return std::make_unique<CommandGroup>(std::vector<SubcommandEntry>{
      {"corporation", "a corporation by its 13-digit 法人番号 (corporate number) or by name",
       &with_output<&make_lookup_corporation_command>},
      {"address",
       "the Address Base Registry: a city by --lg-code, a 町字 by --lg-code and --machiaza-id, "
       "or the 町字 of a city whose name starts with --town",
       &with_output<&make_lookup_address_command>},
      {"char",
       "a character by itself, U+9AD9, an IVS sequence (U+908A U+E0102), an MJ number "
       "(MJ028902) or a JIS X 0213 面区点 (1-94-20): JIS/MJ membership, readings, variants, 縮退",
       &with_output<&make_lookup_char_command>},
      {"reading",
       "whether a カナ is a plausible reading of a person's name (NAME KANA): plausible, "
       "mismatch or not checked, with the readings the name dictionaries give and why",
       &with_output<&make_lookup_reading_command>},
  });
}

}  // namespace gifkit::tools
