// command_list.cpp — the one registration list of gifkit's subcommands. It
// feeds dispatch, `gifkit help` and the README's command table.
#include "tools/command.hpp"

namespace gifkit::tools {

const std::vector<CommandEntry>& command_list() {
  static const std::vector<CommandEntry> commands = {
      {"validate", "check datasets (CSV/TSV, GIF XML) against a GIF model (and a registry)",
       &make_validate_command},
      {"model", "list, show, check and export the GIF models (list | show ID | check | export ID)",
       &make_model_command},
      {"registry",
       "build or update a registry file (法人番号, Address Base Registry, characters), show and "
       "verify it, list what changed in it since a date",
       &make_registry_command},
      {"lookup",
       "look up a registry: corporations by 法人番号 or name, addresses by code or town name, "
       "characters by themselves, U+, MJ number or 面区点",
       &make_lookup_command},
      {"address",
       "normalize addresses to the GIF form with Address Base Registry codes (address normalize)",
       &make_address_command},
      {"chars",
       "find the characters a set does not hold (chars check) and replace them by the "
       "standard's 縮退 (chars shrink)",
       &make_chars_command},
      {"transform",
       "rewrite a dataset in a model's GIF form (items, values, split/combined forms, codes) "
       "with a change log and a review list",
       &make_transform_command},
      {"diff",
       "what changed between two versions of a dataset: rows added, removed and changed (the "
       "items that changed), columns added, removed and renamed",
       &make_diff_command},
      {"link",
       "find the same person across lists (LEFT RIGHT) or within one (FILE) on 氏名, 生年月日, "
       "性別 and 住所, each link explained",
       &make_link_command},
#ifndef GIFKIT_BROWSER_BUILD  // the page serves nothing (cmake/browser.cmake)
      {"serve",
       "serve the registry over HTTP/JSON: corporations, their changes, addresses, characters, "
       "validation, and a page for people",
       &make_serve_command},
#endif
      {"help", "show the commands, or the help of one command", &make_help_command},
  };
  return commands;
}

}  // namespace gifkit::tools
