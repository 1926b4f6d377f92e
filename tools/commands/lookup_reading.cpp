// lookup_reading.cpp — `gifkit lookup reading NAME KANA`: whether a カナ is a
// plausible reading of a person's name, judged by the one function validate's
// name-reading-mismatch and link's reading level call
// (models/engine/checks/name_reading.hpp): plausible, mismatch or not checked,
// with the readings the dictionaries give and why. NAME and KANA as pairs; `-`
// reads pairs from stdin, one a line, NAME and KANA separated by a tab. The
// characters' readings and 異体字 fold come from --registry's character data,
// else the data folder's moji/ tables. Exit 1 when a pair is a mismatch.
// Registered by lookup.cpp. See docs/lookup.md.
#include <CLI/CLI.hpp>
#include <iostream>
#include <ostream>

#include "grammars/dictionaries/name_reading_dictionary.hpp"
#include "grammars/values/identifiers.hpp"
#include "models/engine/checks/character_checks.hpp"
#include "models/engine/checks/character_data_lookup.hpp"
#include "models/engine/checks/name_reading.hpp"
#include "models/session/lookup_session.hpp"
#include "models/session/session_lookup.hpp"
#include "registries/session/character_choice.hpp"
#include "tools/commands/lookup_subcommands.hpp"
#include "tools/output/json_text.hpp"
#include "tools/output/output_format.hpp"
#include "tools/output/reading_view.hpp"
#include "tools/registry_option.hpp"

namespace gifkit::tools {

namespace {

constexpr std::string_view kWho = "gifkit lookup reading: ";

struct NamePair {
  std::string name, kana;
};

class LookupReadingCommand : public Command {
 public:
  explicit LookupReadingCommand(const CommonOptions& common) : common_(common) {}

  void setup(CLI::App& app) override {
    app.add_option("pairs", words_,
                   "a name and its カナ, and more pairs after them; - reads pairs from stdin, "
                   "one a line, the name and the カナ separated by a tab")
        ->required();
    app.add_option("--part", part_,
                   "what the names are: family (氏), given (名) or full (氏名, default)")
        ->check(CLI::IsMember({"family", "given", "full"}));
    registry_.add_to(app, ", with character data (else the data folder's moji/ tables)");
    add_format_option(app, format_, {OutputFormat::text, OutputFormat::json, OutputFormat::ndjson});
  }

  int run(const CommandContext& context) override {
    std::vector<NamePair> pairs;
    if (!read_pairs(context, pairs)) return kExitUsage;
    std::unique_ptr<models::LookupSession> session;
    std::unique_ptr<models::SessionLookup> registry;
    std::unique_ptr<models::CharacterDataLookup> tables;
    std::shared_ptr<const models::CharacterChecker> checker;
    models::CharacterLookup* characters = nullptr;
    if (registry_.given()) {
      if (!(session = registry_.open(common_, context))) return kExitUsage;
      registry = session->lookup();
      characters = registry.get();
    } else {
      registries::CharacterPlaces places;
      places.data_folder = common_.data();
      const registries::CharacterChoice choice = registries::choose_character_data(places);
      checker = models::character_checker(choice);
      if (checker) {
        tables = std::make_unique<models::CharacterDataLookup>(checker->data());
        characters = tables.get();
      } else {
        context.err << kWho << choice.note << "\n";
      }
    }
    const grammars::NameReadings* dictionary = grammars::default_name_readings();
    if (const std::string missing = grammars::missing_name_dictionaries_note(dictionary);
        !missing.empty())
      context.err << kWho << missing << "\n";
    const grammars::NamePart part = parse_name_part(part_).value_or(grammars::NamePart::full);
    models::NameReadingJudge judge(dictionary, characters);
    int status = kExitOk;
    Json all = Json::array();
    for (const NamePair& pair : pairs) {
      const models::ReadingResult result = judge.judge(pair.name, pair.kana, part);
      if (result.verdict == models::ReadingVerdict::mismatch) status = kExitDataNotOk;
      Json json = reading_json(pair.name, pair.kana, part, result);
      if (format_ == OutputFormat::json) {
        all.push_back(std::move(json));
      } else if (format_ == OutputFormat::ndjson) {
        context.out << json_text(json) << "\n";
      } else {
        write_reading_text(context.out, json);
      }
    }
    if (format_ == OutputFormat::json) context.out << json_text(all, 2) << "\n";
    return status;
  }

 private:
  // The pairs of the command line and, for each `-`, of stdin; false (said)
  // when a name has no カナ or a line of stdin no tab.
  bool read_pairs(const CommandContext& context, std::vector<NamePair>& pairs) const {
    std::vector<std::string> pending;
    for (const std::string& word : words_) {
      if (word != "-") {
        pending.push_back(word);
        if (pending.size() == 2) {
          pairs.push_back({pending[0], pending[1]});
          pending.clear();
        }
        continue;
      }
      std::string line;
      for (std::uint64_t number = 1; std::getline(std::cin, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const std::size_t tab = line.find('\t');
        if (tab == std::string::npos) {
          context.err << kWho << "stdin, line " << number
                      << ": expected a name, a tab and its カナ\n";
          return false;
        }
        pairs.push_back({line.substr(0, tab), line.substr(tab + 1)});
      }
    }
    if (!pending.empty()) {
      context.err << kWho << "the name " << grammars::mask_individual_numbers_in(pending.front())
                  << " has no カナ after it: give pairs, NAME KANA\n";
      return false;
    }
    return true;
  }

  const CommonOptions& common_;
  RegistryOption registry_;
  std::vector<std::string> words_;
  std::string part_ = "full";
  OutputFormat format_ = OutputFormat::text;
};

}  // namespace

std::unique_ptr<Command> make_lookup_reading_command(const CommonOptions& common) {
  return std::make_unique<LookupReadingCommand>(common);
}

}  // namespace gifkit::tools
