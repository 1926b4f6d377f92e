// command_lookup_address.cpp — see command_lookup_address.hpp.
#include "tools/command_lookup_address.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>

#include "grammars/identifiers.hpp"
#include "grammars/text_fold.hpp"
#include "registries/abr/abr_lookup.hpp"
#include "tools/output/csv_field.hpp"

namespace gifkit::tools {
namespace {

namespace abr = gifkit::registries::abr;

nlohmann::ordered_json record_json(const abr::AbrRecord& record) {
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  for (const auto& [name, value] : record) json[name] = value;
  return json;
}

// 東京都文京区白山１丁目: the names of the record from the prefecture down.
std::string address_of(const abr::AbrRecord& record) {
  std::string address;
  for (auto name : {"pref", "county", "city", "ward", "oaza_cho", "chome", "koaza"})
    address += abr::field(record, name);
  return address;
}

void write_text_record(std::ostream& out, const abr::AbrRecord& record) {
  out << abr::field(record, "lg_code");
  if (!abr::field(record, "machiaza_id").empty()) out << " " << abr::field(record, "machiaza_id");
  out << "  " << address_of(record) << "\n";
  for (const auto& [name, value] : record) {
    if (value.empty() || name == "lg_code" || name == "machiaza_id") continue;
    std::string label = name;
    label.resize(std::max<std::size_t>(label.size(), 20), ' ');
    out << "  " << label << value << "\n";
  }
}

// One line per 町字: codes, name, kana, 住居表示 or not, abolished.
void write_text_line(std::ostream& out, const abr::AbrRecord& record) {
  out << abr::field(record, "lg_code") << " " << abr::field(record, "machiaza_id") << "  "
      << address_of(record) << "  " << abr::field(record, "oaza_cho_kana")
      << abr::field(record, "chome_kana") << abr::field(record, "koaza_kana")
      << (abr::field(record, "rsdt_addr_flg") == "1" ? "  住居表示" : "  地番");
  if (!abr::field(record, "ablt_date").empty())
    out << "  abolished " << abr::field(record, "ablt_date");
  out << "\n";
}

// records in format; one_object: JSON is the single record, not an array.
void write_records(std::ostream& out, const std::string& format,
                   const std::vector<abr::AbrRecord>& records, bool one_object, bool lines) {
  if (format == "json") {
    if (one_object && records.size() == 1) {
      out << record_json(records[0]).dump(2) << "\n";
      return;
    }
    nlohmann::ordered_json json = nlohmann::ordered_json::array();
    for (const auto& record : records) json.push_back(record_json(record));
    out << json.dump(2) << "\n";
  } else if (format == "ndjson") {
    for (const auto& record : records) out << record_json(record).dump() << "\n";
  } else if (format == "csv") {
    if (records.empty()) return;
    for (std::size_t i = 0; i < records[0].size(); ++i)
      out << (i ? "," : "") << records[0][i].first;
    out << "\n";
    for (const auto& record : records) {
      for (std::size_t i = 0; i < records[0].size(); ++i)
        out << (i ? "," : "") << csv_field(abr::field(record, records[0][i].first));
      out << "\n";
    }
  } else {
    for (const auto& record : records) {
      if (lines) {
        write_text_line(out, record);
      } else {
        write_text_record(out, record);
      }
    }
  }
}

}  // namespace

void AddressLookup::add_to(CLI::App& lookup) {
  subcommand_ = lookup.add_subcommand(
      "address",
      "the Address Base Registry: a city by --lg-code, a 町字 by --lg-code and --machiaza-id, "
      "or the 町字 of a city whose name starts with --town");
  subcommand_->add_option("--registry", registry_, "registry file (gifkit registry build)")
      ->required();
  subcommand_->add_option("--lg-code", lg_code_,
                          "全国地方公共団体コード (6 digits), e.g. 131059 (文京区)");
  subcommand_->add_option("--machiaza-id", machiaza_id_, "町字ID (7 digits), e.g. 0001001");
  subcommand_->add_option("--town", town_,
                          "the start of a 町字 name (大字/字 optional, any width) or of its kana");
  subcommand_->add_option("--city", city_, "--town: the city or ward by name, e.g. 文京区");
  subcommand_->add_option("--pref", pref_, "--town: the prefecture by name, e.g. 東京都");
  subcommand_->add_option("--limit", limit_, "--town: at most N results (default 50)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{100000}));
  subcommand_->add_option("-f,--format", format_, "text, json, ndjson or csv")
      ->check(CLI::IsMember({"text", "json", "ndjson", "csv"}));
}

bool AddressLookup::selected() const {
  return subcommand_ != nullptr && subcommand_->parsed();
}

int AddressLookup::run(const CommandContext& context) {
  auto usage = [&](const std::string& message) {
    context.err << "gifkit lookup address: " << message << "\n";
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
        "give --lg-code, --lg-code with --machiaza-id, or --town with --lg-code, --city or --pref");
  if (town_.empty() && (!city_.empty() || !pref_.empty()))
    return usage("--city and --pref select the cities of a --town search");
  if (!town_.empty() && lg_code_.empty() && city_.empty() && pref_.empty())
    return usage("--town needs the city: --lg-code, --city or --pref");
  try {
    auto db = registries::RegistryDb::open_existing(registry_);
    abr::require_abr_tables(db);
    std::vector<abr::AbrRecord> records;
    std::string wanted;
    if (!town_.empty()) {
      abr::TownQuery query;
      query.lg_codes = lg_code_.empty() ? abr::find_city_codes(db, city_, pref_)
                                        : std::vector<std::string>{lg_code_};
      query.prefix = town_;
      query.limit = limit_;
      if (query.lg_codes.empty()) {
        context.err << "gifkit lookup address: no city named '" << city_ << "'"
                    << (pref_.empty() ? "" : " in " + pref_) << " in " << registry_ << "\n";
        return kExitDataNotOk;
      }
      records = abr::search_towns(db, query);
      wanted = "町字 starting with '" + town_ + "'";
    } else if (!machiaza_id_.empty()) {
      records = abr::find_machiaza(db, lg_code_, machiaza_id_);
      wanted = "町字 " + lg_code_ + " " + machiaza_id_;
    } else if (auto area = abr::find_area(db, lg_code_)) {
      records.push_back(std::move(*area));
    } else {
      wanted = "lg_code " + lg_code_;
    }
    write_records(context.out, format_, records, town_.empty(), !town_.empty());
    if (records.empty()) {
      context.err << "gifkit lookup address: no " << wanted << " in " << registry_ << "\n";
      return kExitDataNotOk;
    }
    return kExitOk;
  } catch (const registries::RegistryError& error) {
    context.err << "gifkit lookup address: " << error.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace gifkit::tools
