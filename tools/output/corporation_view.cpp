// corporation_view.cpp — see corporation_view.hpp.
#include "tools/output/corporation_view.hpp"

#include <algorithm>
#include <ostream>

#include "grammars/io/csv_writer.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools {

using grammars::csv_field;
namespace {

namespace houjin = gifkit::registries::houjin;

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

// True for the columns whose values are codes with names (code_value_name).
bool has_code_value_name(std::size_t column) {
  return column == houjin::kProcess || column == houjin::kKind || column == houjin::kCloseCause;
}

// Calls visit(key, value) for each field of the record's JSON object, in
// order: its NTA field name and value, each code followed by its name.
template <class Visit>
void for_each_corporation_field(const houjin::HoujinRecord& record, Visit visit) {
  for (std::size_t i = 0; i < houjin::kHoujinColumnCount; ++i) {
    const std::string_view name = houjin::kHoujinColumns[i].nta_name;
    visit(name, std::string_view(record[i]));
    if (has_code_value_name(i)) {
      visit(std::string(name) + "Name", code_value_name(i, record[i]));
    }
  }
}

}  // namespace

Json corporation_json(const houjin::HoujinRecord& record) {
  Json json = Json::object();
  for_each_corporation_field(record, [&](std::string_view key, std::string_view value) {
    json[std::string(key)] = std::string(value);
  });
  return json;
}

std::string corporation_json_text(const houjin::HoujinRecord& record) {
  std::string text;
  text.reserve(1024);
  text += '{';
  for_each_corporation_field(record, [&](std::string_view key, std::string_view value) {
    if (text.size() > 1) text += ',';
    append_json_string(text, key);
    text += ':';
    append_json_string(text, value);
  });
  text += '}';
  return text;
}

std::string corporation_csv_header() {
  std::string line;
  for (std::size_t i = 0; i < houjin::kHoujinColumnCount; ++i) {
    if (i > 0) line += ',';
    line += houjin::kHoujinColumns[i].nta_name;
  }
  return line + "\n";
}

std::string corporation_csv_row(const houjin::HoujinRecord& record) {
  std::string line;
  for (std::size_t i = 0; i < houjin::kHoujinColumnCount; ++i) {
    if (i > 0) line += ',';
    line += csv_field(record[i]);
  }
  return line + "\n";
}

void write_corporation_text(std::ostream& out, const houjin::HoujinRecord& record) {
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

void write_corporation_match_line(std::ostream& out, const houjin::NameMatch& match) {
  const auto& r = match.record;
  out << r[houjin::kCorporateNumber] << "  " << r[houjin::kName] << "  "
      << r[houjin::kPrefectureName] << r[houjin::kCityName];
  std::string_view kind = houjin::kind_name(r[houjin::kKind]);
  if (!kind.empty()) out << "  " << kind;
  if (!r[houjin::kCloseDate].empty()) out << "  closed " << r[houjin::kCloseDate];
  out << "  (" << houjin::match_kind_name(match.match) << ")\n";
}

void write_corporation_history_line(std::ostream& out, const houjin::HoujinRecord& row) {
  out << "  " << row[houjin::kUpdateDate] << "  process " << row[houjin::kProcess] << " ("
      << houjin::process_name(row[houjin::kProcess]) << "), changed " << row[houjin::kChangeDate]
      << ", latest " << row[houjin::kLatest] << ": " << row[houjin::kName] << ", "
      << row[houjin::kPrefectureName] << row[houjin::kCityName] << row[houjin::kStreetNumber]
      << "\n";
}

}  // namespace gifkit::tools
