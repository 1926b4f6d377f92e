// change_view.cpp — see change_view.hpp.
#include "tools/output/change_view.hpp"

#include <ostream>

#include "grammars/io/csv_writer.hpp"
#include "tools/output/corporation_view.hpp"

namespace gifkit::tools {

namespace houjin = gifkit::registries::houjin;
using grammars::csv_field;

namespace {

const std::string& event_name(const houjin::ChangeEvent& event) {
  if (!event.after[houjin::kName].empty() || !event.before) return event.after[houjin::kName];
  return (*event.before)[houjin::kName];
}

// The fixed columns of the CSV, before the state's.
constexpr std::string_view kEventColumns =
    "corporateNumber,name,kind,process,processName,correction,updateDate,changeDate,changed";

}  // namespace

Json change_json(const houjin::ChangeEvent& event) {
  Json changed = Json::array();
  for (std::size_t column : event.changed)
    changed.push_back(std::string(houjin::kHoujinColumns[column].nta_name));
  return {{"corporateNumber", event.corporate_number()},
          {"name", event_name(event)},
          {"kind", event.kind()},
          {"process", event.process()},
          {"processName", std::string(houjin::process_name(event.process()))},
          {"correction", event.correction},
          {"updateDate", event.update_date()},
          {"changeDate", event.change_date()},
          {"changed", std::move(changed)},
          {"before", event.before ? corporation_json(*event.before) : Json(nullptr)},
          {"after", corporation_json(event.after)}};
}

std::string change_csv_header() {
  std::string line(kEventColumns);
  for (const char* side : {"before_", "after_"}) {
    for (std::size_t i = 0; i < houjin::kHoujinColumnCount; ++i)
      if (houjin::is_state_column(i))
        line += "," + std::string(side) + std::string(houjin::kHoujinColumns[i].nta_name);
  }
  return line + "\n";
}

std::string change_csv_row(const houjin::ChangeEvent& event) {
  std::string changed;
  for (std::size_t column : event.changed)
    changed += (changed.empty() ? "" : " ") + std::string(houjin::kHoujinColumns[column].nta_name);
  std::string line = event.corporate_number() + "," + csv_field(event_name(event)) + "," +
                     event.kind() + "," + event.process() + "," +
                     csv_field(houjin::process_name(event.process())) + "," +
                     (event.correction ? "1" : "0") + "," + event.update_date() + "," +
                     event.change_date() + "," + csv_field(changed);
  for (const houjin::HoujinRecord* side : {event.before ? &*event.before : nullptr, &event.after}) {
    for (std::size_t i = 0; i < houjin::kHoujinColumnCount; ++i)
      if (houjin::is_state_column(i)) line += "," + (side ? csv_field((*side)[i]) : std::string());
  }
  return line + "\n";
}

void write_change_text(std::ostream& out, const houjin::ChangeEvent& event) {
  out << event.corporate_number() << "  " << event_name(event) << "  "
      << houjin::change_summary(event) << "\n";
}

}  // namespace gifkit::tools
