// lookup_char.cpp — `gifkit lookup char --registry DB KEY...`: what
// the registry's character data says of characters looked up by the
// character itself, U+9AD9, an IVS sequence (U+908A U+E0102), an MJ number
// (MJ028902) or a JIS X 0213 面区点 (1-94-20): membership in JIS X 0208, JIS X
// 0213 (level, plane, place), JIS X 0212, MJ and the other sets; readings and
// strokes; the IVS variants of its base; the MJ 縮退 candidates; the NTA
// map's row; and the replacement into a target set (--charset, default
// jisx0208; its old spelling --to still works, with a note). KEY "-" reads keys from stdin, one a
// line. Registered by lookup.cpp. See docs/lookup.md.
#include "registries/session/registry_session.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <ostream>

#include "grammars/values/identifiers.hpp"
#include "registries/moji/character_info.hpp"
#include "registries/moji/moji_store.hpp"
#include "tools/commands/lookup_subcommands.hpp"
#include "tools/old_spelling.hpp"
#include "tools/output/character_view.hpp"
#include "tools/output/output_format.hpp"
#include "tools/registry_option.hpp"

namespace gifkit::tools {

namespace moji = gifkit::registries::moji;

namespace {

class LookupCharCommand : public Command {
 public:
  explicit LookupCharCommand(const CommonOptions& common) : common_(common) {}

  void setup(CLI::App& app) override {
    app.add_option("keys", keys_, "characters or keys; - reads them from stdin, one a line")
        ->required();
    registry_.add_to(app, ", with character data")->required();
    auto* charset = app.add_option("--charset", charset_,
                                   "the set the replacement is chosen for, as chars check's "
                                   "--charset: a set name or a set file (default jisx0208)");
    old_to_.add_option(app, charset, "--to", charset_, "SET");
    add_format_option(app, format_, CharacterView::kFormats);
  }

  int run(const CommandContext& context) override {
    const std::string who = "gifkit lookup char: ";
    if (!old_to_.resolve(context)) return kExitUsage;
    auto session = registry_.open(common_, context);
    if (!session) return kExitUsage;
    const std::shared_ptr<const models::CharacterChecker> characters =
        registry_characters(*session);
    if (!characters) {
      context.err << who << registries::redacted_registry_name(registry_.location())
                  << " has no character data (build it with the files of ../shared/data/moji: "
                     "gifkit registry build --out DB …/moji)\n";
      return kExitUsage;
    }
    const moji::CharacterData& data = characters->data();
    // An unknown --charset set: the RegistryError ends the command in run_gifkit.
    const CharacterSetsInUse sets(data, charset_);
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

 private:
  const CommonOptions& common_;
  RegistryOption registry_;
  std::vector<std::string> keys_;
  std::string charset_ = "jisx0208";
  OldSpelling old_to_;  // --to SET, the first spelling of --charset
  OutputFormat format_ = OutputFormat::text;
};

}  // namespace

std::unique_ptr<Command> make_lookup_char_command(const CommonOptions& common) {
  return std::make_unique<LookupCharCommand>(common);
}

}  // namespace gifkit::tools
