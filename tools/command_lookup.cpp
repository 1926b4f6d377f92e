// command_lookup.cpp — `gifkit lookup corporation --registry DB NUMBER`:
// the registry's state of a corporation (and with --history every imported
// row), by 法人番号, as text, JSON, NDJSON or CSV with the NTA's own field
// names. See docs/lookup.md.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>

#include "grammars/identifiers.hpp"
#include "registries/houjin/houjin_lookup.hpp"
#include "tools/command.hpp"

namespace gifkit::tools {
namespace {

namespace houjin = gifkit::registries::houjin;

// The record with the NTA's field names, in the NTA's column order.
nlohmann::ordered_json record_json(const houjin::HoujinRecord& record) {
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < houjin::kHoujinColumnCount; ++i)
    json[std::string(houjin::kHoujinColumns[i].nta_name)] = record[i];
  return json;
}

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

// The name of a code value shown after it in text output, or "".
std::string_view code_value_name(std::size_t column, std::string_view value) {
  switch (column) {
    case houjin::kProcess:
      return houjin::process_name(value);
    case houjin::kKind:
      return houjin::kind_name(value);
    case houjin::kCloseCause:
      return houjin::close_cause_name(value);
    default:
      return {};
  }
}

void write_text(std::ostream& out, const houjin::HoujinRecord& record) {
  out << record[houjin::kCorporateNumber] << "  " << record[houjin::kName] << "\n";
  for (std::size_t i = 0; i < houjin::kHoujinColumnCount; ++i) {
    if (record[i].empty() || i == houjin::kCorporateNumber || i == houjin::kName) continue;
    std::string label(houjin::kHoujinColumns[i].nta_name);
    label.resize(std::max<std::size_t>(label.size(), 26), ' ');
    out << "  " << label << record[i];
    std::string_view name = code_value_name(i, record[i]);
    if (!name.empty()) out << " (" << name << ")";
    out << "\n";
  }
}

class LookupCommand : public Command {
 public:
  void setup(CLI::App& app) override {
    app.require_subcommand(1);
    auto* corporation = app.add_subcommand(
        "corporation", "a corporation by its 13-digit 法人番号 (corporate number)");
    corporation->add_option("number", number_, "the 13-digit corporate number")->required();
    corporation->add_option("--registry", registry_, "registry file (gifkit registry build)")
        ->required();
    corporation->add_flag("--history", history_, "also list every imported row, oldest first");
    corporation->add_option("-f,--format", format_, "text, json, ndjson or csv")
        ->check(CLI::IsMember({"text", "json", "ndjson", "csv"}));
    common_.add_to(app);
  }

  int run(const CommandContext& context) override {
    auto verdict = grammars::check_corporate_number(number_);
    if (!verdict.ok()) {
      context.err << "gifkit lookup corporation: '" << number_ << "' is not a corporate number: "
                  << (verdict.status == grammars::ValueStatus::invalid_check_digit
                          ? "wrong check digit, "
                          : "")
                  << verdict.reason;
      if (!verdict.suggestion.empty())
        context.err << " (did you mean " << verdict.suggestion << "?)";
      context.err << "\n";
      return kExitUsage;
    }
    try {
      auto db = registries::RegistryDb::open_existing(registry_);
      auto found = houjin::find_corporation(db, number_);
      if (!found) {
        context.err << "gifkit lookup corporation: " << number_ << " is not in " << registry_
                    << "\n";
        return kExitDataNotOk;
      }
      std::vector<houjin::HoujinRecord> history;
      if (history_) history = houjin::corporation_history(db, number_);
      write(context.out, *found, history);
      return kExitOk;
    } catch (const registries::RegistryError& error) {
      context.err << "gifkit lookup corporation: " << error.what() << "\n";
      return kExitUsage;
    }
  }

 private:
  void write(std::ostream& out, const houjin::HoujinRecord& current,
             const std::vector<houjin::HoujinRecord>& history) const {
    if (format_ == "json") {
      if (!history_) {
        out << record_json(current).dump(2) << "\n";
        return;
      }
      nlohmann::ordered_json json = {{"corporation", record_json(current)},
                                     {"history", nlohmann::ordered_json::array()}};
      for (const auto& row : history) json["history"].push_back(record_json(row));
      out << json.dump(2) << "\n";
    } else if (format_ == "ndjson") {
      if (!history_) out << record_json(current).dump() << "\n";
      for (const auto& row : history) out << record_json(row).dump() << "\n";
    } else if (format_ == "csv") {
      for (std::size_t i = 0; i < houjin::kHoujinColumnCount; ++i)
        out << (i ? "," : "") << houjin::kHoujinColumns[i].nta_name;
      out << "\n";
      auto write_row = [&out](const houjin::HoujinRecord& row) {
        for (std::size_t i = 0; i < houjin::kHoujinColumnCount; ++i)
          out << (i ? "," : "") << csv_field(row[i]);
        out << "\n";
      };
      if (!history_) write_row(current);
      for (const auto& row : history) write_row(row);
    } else {
      write_text(out, current);
      if (!history_) return;
      out << "\nhistory (" << history.size() << " rows, oldest first):\n";
      for (const auto& row : history) {
        out << "  " << row[houjin::kUpdateDate] << "  process " << row[houjin::kProcess] << " ("
            << houjin::process_name(row[houjin::kProcess]) << "), changed "
            << row[houjin::kChangeDate] << ", latest " << row[houjin::kLatest] << ": "
            << row[houjin::kName] << ", " << row[houjin::kPrefectureName] << row[houjin::kCityName]
            << row[houjin::kStreetNumber] << "\n";
      }
    }
  }

  std::string number_;
  std::string registry_;
  bool history_ = false;
  std::string format_ = "text";
  CommonOptions common_;
};

}  // namespace

std::unique_ptr<Command> make_lookup_command() {
  return std::make_unique<LookupCommand>();
}

}  // namespace gifkit::tools
