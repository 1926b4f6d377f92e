// abr_record_view.cpp — see abr_record_view.hpp.
#include "tools/output/abr_record_view.hpp"

#include <algorithm>
#include <ostream>

#include "grammars/io/csv_writer.hpp"

namespace gifkit::tools {

using grammars::csv_field;
namespace {

namespace abr = gifkit::registries::abr;

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

}  // namespace

Json abr_record_json(const abr::AbrRecord& record) {
  Json json = Json::object();
  for (const auto& [name, value] : record) json[name] = value;
  return json;
}

void write_abr_records(std::ostream& out, OutputFormat format,
                       const std::vector<abr::AbrRecord>& records, AbrRecordsLayout layout) {
  if (format == OutputFormat::json) {
    if (layout.one_object && records.size() == 1) {
      out << json_text(abr_record_json(records[0]), 2) << "\n";
      return;
    }
    Json json = Json::array();
    for (const auto& record : records) json.push_back(abr_record_json(record));
    out << json_text(json, 2) << "\n";
  } else if (format == OutputFormat::ndjson) {
    for (const auto& record : records) out << json_text(abr_record_json(record)) << "\n";
  } else if (format == OutputFormat::csv) {
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
      if (layout.text_lines) {
        write_text_line(out, record);
      } else {
        write_text_record(out, record);
      }
    }
  }
}

}  // namespace gifkit::tools
