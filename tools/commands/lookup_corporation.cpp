// lookup_corporation.cpp — `gifkit lookup corporation --registry DB
// NUMBER`: the registry's state of a corporation (and with --history every
// imported row), by 法人番号, or the corporations found by --name,
// --furigana or --en-name (with --pref/--city/--kind/--open-only filters),
// as text, JSON, NDJSON or CSV with the NTA's own field names. Registered
// by lookup.cpp. See docs/lookup.md.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <ostream>

#include "grammars/values/identifiers.hpp"
#include "registries/houjin/lookup/houjin_lookup.hpp"
#include "registries/houjin/names/houjin_search.hpp"
#include "registries/houjin/names/name_key.hpp"
#include "registries/session/registry_readers.hpp"
#include "tools/command.hpp"
#include "tools/commands/lookup_subcommands.hpp"
#include "tools/output/corporation_view.hpp"
#include "tools/output/output_format.hpp"
#include "tools/registry_option.hpp"

namespace gifkit::tools {
namespace {

namespace houjin = gifkit::registries::houjin;

class LookupCorporationCommand : public Command {
 public:
  explicit LookupCorporationCommand(const CommonOptions& common) : common_(common) {}

  void setup(CLI::App& app) override {
    app.add_option("number", number_, "the 13-digit corporate number");
    app.add_option("--name", name_, "search by name (any part, 1 or more characters)");
    app.add_option("--furigana", furigana_, "search by furigana (hiragana or katakana)");
    app.add_option("--en-name", en_name_, "search by English name");
    app.add_option("--pref", query_.prefecture, "name search: prefectureName, e.g. 東京都");
    app.add_option("--city", query_.city, "name search: cityName, e.g. 千代田区");
    app.add_option("--kind", query_.kind, "name search: kind code, e.g. 301");
    app.add_flag("--open-only", query_.open_only,
                 "name search: only without a closeDate (and not deleted)");
    app.add_flag("--include-hidden", query_.include_hidden,
                 "name search: also corporations with hihyoji=1 (hidden by the NTA's "
                 "own search)");
    app.add_option("--limit", query_.limit, "name search: at most N results (default 20)")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{100000}));
    registry_.add_to(app)->required();
    app.add_flag("--history", history_, "also list every imported row, oldest first");
    add_format_option(app, format_, kLookupFormats);
  }

  int run(const CommandContext& context) override {
    int searches = !number_.empty() + !name_.empty() + !furigana_.empty() + !en_name_.empty();
    if (searches != 1) {
      context.err << "gifkit lookup corporation: give exactly one of NUMBER, --name, --furigana, "
                     "--en-name\n";
      return kExitUsage;
    }
    if (number_.empty()) return search(context);
    auto verdict = grammars::check_corporate_number(number_);
    if (!verdict.ok()) {
      // The number as given may be a 個人番号 (12 digits): never echoed.
      context.err << "gifkit lookup corporation: '" << grammars::mask_individual_numbers_in(number_)
                  << "' is not a corporate number: "
                  << (verdict.status == grammars::ValueStatus::invalid_check_digit
                          ? "wrong check digit, "
                          : "")
                  << verdict.reason;
      if (!verdict.suggestion.empty())
        context.err << " (did you mean " << verdict.suggestion << "?)";
      context.err << "\n";
      return kExitUsage;
    }
    auto session = registry_.open(common_, context);
    if (!session) return kExitUsage;
    // A registry without 法人番号 data, or one that fails while it is read:
    // the RegistryError ends the command in run_gifkit.
    const registries::RegistryRead read(session->registry());
    const registries::CorporationReader corporations(read);
    auto found = corporations.find(number_);
    if (!found) {
      context.err << "gifkit lookup corporation: " << number_ << " is not in "
                  << registries::redacted_registry_name(registry_.location()) << "\n";
      return kExitDataNotOk;
    }
    std::vector<houjin::HoujinRecord> history;
    if (history_) history = corporations.history(number_);
    write(context.out, *found, history);
    return kExitOk;
  }

 private:
  // A name search: exit 0 with the matches, 1 when nothing matches.
  int search(const CommandContext& context) {
    if (history_) {
      context.err << "gifkit lookup corporation: --history needs a NUMBER\n";
      return kExitUsage;
    }
    query_.field = !name_.empty()       ? houjin::SearchField::name
                   : !furigana_.empty() ? houjin::SearchField::furigana
                                        : houjin::SearchField::en_name;
    query_.text = !name_.empty() ? name_ : !furigana_.empty() ? furigana_ : en_name_;
    if (houjin::name_key(query_.text).empty()) {
      context.err << "gifkit lookup corporation: '"
                  << grammars::mask_individual_numbers_in(query_.text)
                  << "' has nothing to search for once legal-form words (株式会社, (株), ...) "
                     "and spaces are removed\n";
      return kExitUsage;
    }
    auto session = registry_.open(common_, context);
    if (!session) return kExitUsage;
    const registries::RegistryRead read(session->registry());
    const registries::CorporationReader corporations(read);
    auto matches = corporations.search(query_);
    write_matches(context.out, matches);
    if (matches.empty()) {
      context.err << "gifkit lookup corporation: no corporation matches '"
                  << grammars::mask_individual_numbers_in(query_.text) << "' in "
                  << registries::redacted_registry_name(registry_.location()) << "\n";
      const bool beyond_ascii = std::any_of(query_.text.begin(), query_.text.end(),
                                            [](char c) { return (c & 0x80) != 0; });
      if (beyond_ascii && !corporations.names_fold()) {
        context.err << "  (" << registries::redacted_registry_name(registry_.location())
                    << " has no character data, so old and variant forms such as 髙 and 高 are "
                       "compared as written; build it with the files of ../shared/data/moji "
                       "too to fold them)\n";
      }
      return kExitDataNotOk;
    }
    return kExitOk;
  }

  // Text: one line per match (number, name, address, kind, closeDate, how it
  // matched). JSON: an array of records; NDJSON: one record a line; CSV: the
  // header and one row per match.
  void write_matches(std::ostream& out, const std::vector<houjin::NameMatch>& matches) const {
    if (format_ == OutputFormat::json) {
      Json json = Json::array();
      for (const auto& match : matches) json.push_back(corporation_json(match.record));
      out << json_text(json, 2) << "\n";
    } else if (format_ == OutputFormat::ndjson) {
      for (const auto& match : matches) out << json_text(corporation_json(match.record)) << "\n";
    } else if (format_ == OutputFormat::csv) {
      out << corporation_csv_header();
      for (const auto& match : matches) out << corporation_csv_row(match.record);
    } else {
      for (const auto& match : matches) write_corporation_match_line(out, match);
    }
  }

  void write(std::ostream& out, const houjin::HoujinRecord& current,
             const std::vector<houjin::HoujinRecord>& history) const {
    if (format_ == OutputFormat::json) {
      if (!history_) {
        out << json_text(corporation_json(current), 2) << "\n";
        return;
      }
      Json json = {{"corporation", corporation_json(current)}, {"history", Json::array()}};
      for (const auto& row : history) json["history"].push_back(corporation_json(row));
      out << json_text(json, 2) << "\n";
    } else if (format_ == OutputFormat::ndjson) {
      if (!history_) out << json_text(corporation_json(current)) << "\n";
      for (const auto& row : history) out << json_text(corporation_json(row)) << "\n";
    } else if (format_ == OutputFormat::csv) {
      out << corporation_csv_header();
      if (!history_) out << corporation_csv_row(current);
      for (const auto& row : history) out << corporation_csv_row(row);
    } else {
      write_corporation_text(out, current);
      if (!history_) return;
      out << "\nhistory (" << history.size() << " rows, oldest first):\n";
      for (const auto& row : history) write_corporation_history_line(out, row);
    }
  }

  std::string number_;
  std::string name_;
  std::string furigana_;
  std::string en_name_;
  houjin::NameQuery query_;
  RegistryOption registry_;
  bool history_ = false;
  OutputFormat format_ = OutputFormat::text;
  const CommonOptions& common_;
};

}  // namespace

std::unique_ptr<Command> make_lookup_corporation_command(const CommonOptions& common) {
  return std::make_unique<LookupCorporationCommand>(common);
}

}  // namespace gifkit::tools
