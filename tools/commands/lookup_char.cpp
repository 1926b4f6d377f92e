// lookup_char.cpp — see lookup_char.hpp.
#include "tools/commands/lookup_char.hpp"
#include "registries/db/pg_backend.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <ostream>

#include "grammars/identifiers.hpp"
#include "registries/moji/character_info.hpp"
#include "registries/moji/moji_store.hpp"
#include "tools/output/character_view.hpp"

namespace gifkit::tools {

namespace moji = gifkit::registries::moji;

void CharLookup::add_to(CLI::App& lookup) {
  subcommand_ = lookup.add_subcommand(
      "char",
      "a character by itself, U+9AD9, an IVS sequence (U+908A U+E0102), an MJ number "
      "(MJ028902) or a JIS X 0213 面区点 (1-94-20): JIS/MJ membership, readings, variants, 縮退");
  subcommand_->add_option("keys", keys_, "characters or keys; - reads them from stdin, one a line")
      ->required();
  registry_.add_to(*subcommand_, ", with character data")->required();
  subcommand_->add_option("--to", to_,
                          "the set the replacement is chosen for (default jisx0208; a set name or "
                          "a set file)");
  add_format_option(*subcommand_, format_, CharacterView::kFormats);
}

bool CharLookup::selected() const {
  return subcommand_ != nullptr && subcommand_->parsed();
}

int CharLookup::run(const CommandContext& context, const CommonOptions& common) {
  const std::string who = "gifkit lookup char: ";
  auto session = registry_.open(common, context);
  if (!session) return kExitUsage;
  const std::shared_ptr<const models::CharacterChecker> characters = registry_characters(*session);
  if (!characters) {
    context.err << who << registries::redacted_registry_name(registry_.location())
                << " has no character data (build it with the files of ../shared/data/moji: "
                   "gifkit registry build --out DB …/moji)\n";
    return kExitUsage;
  }
  const moji::CharacterData& data = characters->data();
  // An unknown --to set: the RegistryError ends the command in run_gifkit.
  const CharacterSetsInUse sets(data, to_);
  std::vector<std::string> keys;
  for (const auto& key : keys_) {
    if (key != "-") {
      keys.push_back(key);
      continue;
    }
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) keys.push_back(line);
    }
  }
  CharacterView view(data, sets);
  int status = kExitOk;
  Json all = Json::array();
  bool first_text = true;
  for (const auto& key : keys) {
    moji::CharacterKey resolved = moji::resolve_character_key(data, key);
    if (resolved.status != moji::CharacterKey::Status::found) {
      const bool malformed = resolved.status == moji::CharacterKey::Status::malformed;
      context.err << who << grammars::mask_individual_numbers_in(resolved.message) << "\n";
      status = std::max(status, malformed ? int{kExitUsage} : int{kExitDataNotOk});
      Json error = character_key_error_json(key, resolved.message);
      if (format_ == OutputFormat::json) all.push_back(error);
      if (format_ == OutputFormat::ndjson) context.out << json_text(error) << "\n";
      continue;
    }
    Json json = view.json(key, resolved.text);
    if (format_ == OutputFormat::json) {
      all.push_back(json);
    } else if (format_ == OutputFormat::ndjson) {
      context.out << json_text(json) << "\n";
    } else {
      if (!first_text) context.out << "\n";
      first_text = false;
      CharacterView::write_text(context.out, json);
    }
  }
  if (format_ == OutputFormat::json) context.out << json_text(all, 2) << "\n";
  return status;
}

}  // namespace gifkit::tools
