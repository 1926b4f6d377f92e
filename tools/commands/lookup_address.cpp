// lookup_address.cpp — `gifkit lookup address --registry DB`: the
// Address Base Registry in a registry, by 全国地方公共団体コード (--lg-code:
// the prefecture or city with its counts), by lg_code + 町字ID
// (--machiaza-id: the 町字 with every field and its position), or by the
// start of a 町字 name within a city (--town with --lg-code, --city or
// --pref). Registered by lookup.cpp. See docs/lookup.md.

#include <CLI/CLI.hpp>
#include <ostream>

#include "grammars/text/text_fold.hpp"
#include "grammars/values/identifiers.hpp"
#include "registries/abr/abr_lookup.hpp"
#include "registries/session/registry_readers.hpp"
#include "tools/commands/lookup_subcommands.hpp"
#include "tools/output/abr_record_view.hpp"
#include "tools/output/output_format.hpp"
#include "tools/registry_option.hpp"

namespace gifkit::tools {

namespace abr = gifkit::registries::abr;

namespace {

class LookupAddressCommand : public Command {
 public:
  explicit LookupAddressCommand(const CommonOptions& common) : common_(common) {}

  void setup(CLI::App& app) override {
    registry_.add_to(app)->required();
    app.add_option("--lg-code", lg_code_,
                   "全国地方公共団体コード (6 digits), e.g. 131059 (文京区)");
    app.add_option("--machiaza-id", machiaza_id_, "町字ID (7 digits), e.g. 0001001");
    app.add_option("--town", town_,
                   "the start of a 町字 name (大字/字 optional, any width) or of its kana");
    app.add_option("--city", city_, "--town: the city or ward by name, e.g. 文京区");
    app.add_option("--pref", pref_, "--town: the prefecture by name, e.g. 東京都");
    app.add_option("--limit", limit_, "--town: at most N results (default 50)")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{100000}));
    app.add_option("--offset", offset_, "--town: skip the first N results (the next page)")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{1000000}));
    add_format_option(app, format_, kLookupFormats);
  }

  int run(const CommandContext& context) override {
    auto usage = [&](const std::string& message) {
      context.err << "gifkit lookup address: " << grammars::mask_individual_numbers_in(message)
                  << "\n";
      return kExitUsage;
    };
    if (!lg_code_.empty()) {
      auto verdict = grammars::check_local_government_code(lg_code_);
      if (!verdict.ok()) {
        return usage(
            "'" + lg_code_ + "' is not a 全国地方公共団体コード: " + verdict.reason +
            (verdict.suggestion.empty() ? "" : " (did you mean " + verdict.suggestion + "?)"));
      }
    }
    if (!machiaza_id_.empty() &&
        (machiaza_id_.size() != 7 || !grammars::is_ascii_digits(machiaza_id_)))
      return usage("'" + machiaza_id_ + "' is not a 町字ID (7 digits, e.g. 0001001)");
    if (!machiaza_id_.empty() && (lg_code_.empty() || !town_.empty()))
      return usage("--machiaza-id needs --lg-code (and no --town)");
    if (town_.empty() && lg_code_.empty())
      return usage(
          "give --lg-code, --lg-code with --machiaza-id, or --town with --lg-code, --city or "
          "--pref");
    if (town_.empty() && (!city_.empty() || !pref_.empty()))
      return usage("--city and --pref select the cities of a --town search");
    if (!town_.empty() && lg_code_.empty() && city_.empty() && pref_.empty())
      return usage("--town needs the city: --lg-code, --city or --pref");
    auto session = registry_.open(common_, context);
    if (!session) return kExitUsage;
    // A registry without ABR data, or one that fails while it is read: the
    // RegistryError ends the command in run_gifkit.
    const registries::RegistryRead read(session->registry());
    const registries::AddressReader addresses(read);
    addresses.require_tables();
    std::vector<abr::AbrRecord> records;
    std::string wanted;
    std::string pages_note;
    if (!town_.empty()) {
      abr::TownQuery query;
      query.lg_codes = lg_code_.empty() ? addresses.city_codes(city_, pref_)
                                        : std::vector<std::string>{lg_code_};
      query.prefix = town_;
      query.limit = limit_;
      query.offset = offset_;
      if (query.lg_codes.empty()) {
        context.err << grammars::mask_individual_numbers_in(
                           "gifkit lookup address: no city named '" + city_ + "'" +
                           (pref_.empty() ? "" : " in " + pref_))
                    << " in " << registries::redacted_registry_name(registry_.location()) << "\n";
        return kExitDataNotOk;
      }
      records = addresses.search_towns(query);
      wanted = "町字 starting with '" + town_ + "'";
      // A page that is not the whole list says so, and how to go on.
      const std::int64_t count = addresses.count_towns(query);
      const auto shown = static_cast<std::int64_t>(records.size());
      if (!records.empty() && (offset_ > 0 || offset_ + shown < count)) {
        pages_note = "rows " + std::to_string(offset_ + 1) + "–" + std::to_string(offset_ + shown) +
                     " of " + std::to_string(count) + " " + wanted +
                     (offset_ + shown < count
                          ? "; --offset " + std::to_string(offset_ + shown) + " for the next"
                          : "");
      }
      // No 町字 found in a city the registry holds no 町字 of: say that, not "no such 町字".
      if (records.empty() && query.lg_codes.size() == 1 && offset_ == 0) {
        const abr::TownCoverage coverage = addresses.town_coverage(query.lg_codes[0]);
        if (coverage != abr::TownCoverage::towns)
          wanted +=
              " (the registry holds no 町字 of " + query.lg_codes[0] +
              (coverage == abr::TownCoverage::city_only ? ", only the city)" : ", nor the city)");
      }
    } else if (!machiaza_id_.empty()) {
      records = addresses.machiaza(lg_code_, machiaza_id_);
      wanted = "町字 " + lg_code_ + " " + machiaza_id_;
    } else if (auto area = addresses.area(lg_code_)) {
      records.push_back(std::move(*area));
    } else {
      wanted = "lg_code " + lg_code_;
    }
    write_abr_records(context.out, format_, records,
                      {.one_object = town_.empty(), .text_lines = !town_.empty()});
    if (records.empty()) {
      context.err << "gifkit lookup address: no " << grammars::mask_individual_numbers_in(wanted)
                  << " in " << registries::redacted_registry_name(registry_.location()) << "\n";
      return kExitDataNotOk;
    }
    if (!pages_note.empty())
      context.err << "gifkit lookup address: " << grammars::mask_individual_numbers_in(pages_note)
                  << "\n";
    return kExitOk;
  }

 private:
  const CommonOptions& common_;
  RegistryOption registry_;
  std::string lg_code_;
  std::string machiaza_id_;
  std::string town_;
  std::string city_;
  std::string pref_;
  std::int64_t limit_ = 50;
  std::int64_t offset_ = 0;
  OutputFormat format_ = OutputFormat::text;
};

}  // namespace

std::unique_ptr<Command> make_lookup_address_command(const CommonOptions& common) {
  return std::make_unique<LookupAddressCommand>(common);
}

}  // namespace gifkit::tools
