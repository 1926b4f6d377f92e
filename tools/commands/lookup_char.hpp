// lookup_char.hpp — `gifkit lookup char --registry DB KEY...`: what
// the registry's character data says of characters looked up by the
// character itself, U+9AD9, an IVS sequence (U+908A U+E0102), an MJ number
// (MJ028902) or a JIS X 0213 面区点 (1-94-20): membership in JIS X 0208, JIS X
// 0213 (level, plane, place), JIS X 0212, MJ and the other sets; readings and
// strokes; the IVS variants of its base; the MJ 縮退 candidates; the NTA
// map's row; and the replacement into a target set (--to, default
// jisx0208). KEY "-" reads keys from stdin, one a line. A sibling of `lookup
// corporation` in lookup.cpp, which registers it. See docs/lookup.md.
#pragma once
#include <string>
#include <vector>

#include "tools/command.hpp"
#include "tools/output/output_format.hpp"
#include "tools/registry_option.hpp"

namespace CLI {
class App;
}

namespace gifkit::tools {

class CharLookup {
 public:
  // Adds the `char` subcommand and its options to lookup.
  void add_to(CLI::App& lookup);
  // True when the command line chose `lookup char`.
  bool selected() const;
  // Exit 0 every key found, 1 some key names nothing, 2 a malformed key, a
  // registry without character data, an unknown --to set.
  // common gives the models and data folders.
  int run(const CommandContext& context, const CommonOptions& common);

 private:
  CLI::App* subcommand_ = nullptr;
  RegistryOption registry_;
  std::vector<std::string> keys_;
  std::string to_ = "jisx0208";
  OutputFormat format_ = OutputFormat::text;
};

}  // namespace gifkit::tools
