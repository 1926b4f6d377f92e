// lookup_address.hpp — `gifkit lookup address --registry DB`: the
// Address Base Registry in a registry, by 全国地方公共団体コード (--lg-code:
// the prefecture or city with its counts), by lg_code + 町字ID
// (--machiaza-id: the 町字 with every field and its position), or by the
// start of a 町字 name within a city (--town with --lg-code, --city or
// --pref). A sibling of `lookup corporation` in lookup.cpp, which
// registers it. See docs/lookup.md.
#pragma once
#include <cstdint>
#include <string>

#include "tools/command.hpp"
#include "tools/output/output_format.hpp"
#include "tools/registry_option.hpp"

namespace CLI {
class App;
}

namespace gifkit::tools {

class AddressLookup {
 public:
  // Adds the `address` subcommand and its options to lookup.
  void add_to(CLI::App& lookup);
  // True when the command line chose `lookup address`.
  bool selected() const;
  // Exit 0 found, 1 not found, 2 usage error or no ABR data in the registry.
  // common gives the models and data folders.
  int run(const CommandContext& context, const CommonOptions& common);

 private:
  CLI::App* subcommand_ = nullptr;
  RegistryOption registry_;
  std::string lg_code_;
  std::string machiaza_id_;
  std::string town_;
  std::string city_;
  std::string pref_;
  std::int64_t limit_ = 50;
  OutputFormat format_ = OutputFormat::text;
};

}  // namespace gifkit::tools
