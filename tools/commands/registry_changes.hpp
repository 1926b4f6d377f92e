// registry_changes.hpp — `gifkit registry changes DB --since DATE`:
// the 法人番号 change feed (registries/houjin/changes/change_feed.hpp), one event per
// change with the state before and after it, filtered by date (published or
// effective), kind and prefecture, as text, JSON, NDJSON or CSV. A sibling
// of build/update/info/verify in registry.cpp, which registers it.
// See docs/registry.md "registry changes".
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

class RegistryChanges {
 public:
  // Adds the `changes` subcommand and its options to registry.
  void add_to(CLI::App& registry);
  // True when the command line chose `registry changes`.
  bool selected() const;
  // Exit 0 listed (none is still 0), 2 a bad option, a registry without
  // 法人番号 history, or a table of kinds that does not load. common gives
  // the models folder.
  int run(const CommandContext& context, const CommonOptions& common);

 private:
  CLI::App* subcommand_ = nullptr;
  RegistryOption registry_;
  std::string since_;
  std::string until_;
  std::string by_ = "update";
  std::vector<std::string> kinds_;
  std::vector<std::string> prefectures_;
  OutputFormat format_ = OutputFormat::text;
};

}  // namespace gifkit::tools
