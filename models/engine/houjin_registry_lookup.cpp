// houjin_registry_lookup.cpp — see houjin_registry_lookup.hpp.
#include "models/engine/houjin_registry_lookup.hpp"

#include "registries/houjin/houjin_columns.hpp"

namespace gifkit::models {

namespace houjin = registries::houjin;

HoujinRegistryLookup::HoujinRegistryLookup(const std::filesystem::path& path)
    : db_(registries::RegistryDb::open_existing(path)), finder_(db_) {}

bool HoujinRegistryLookup::find_corporation(std::string_view number, RegisteredCorporation& out) {
  if (!finder_.find_into(number, record_)) return false;
  out.number = record_[houjin::kCorporateNumber];
  out.process = record_[houjin::kProcess];
  out.process_name = houjin::process_name(out.process);
  out.update_date = record_[houjin::kUpdateDate];
  out.name = record_[houjin::kName];
  out.furigana = record_[houjin::kFurigana];
  out.prefecture = record_[houjin::kPrefectureName];
  out.city = record_[houjin::kCityName];
  out.street = record_[houjin::kStreetNumber];
  out.close_date = record_[houjin::kCloseDate];
  out.close_cause = record_[houjin::kCloseCause];
  out.close_cause_name = houjin::close_cause_name(out.close_cause);
  out.successor = record_[houjin::kSuccessorCorporateNumber];
  return true;
}

std::string HoujinRegistryLookup::description() const {
  return db_.path().filename().string();
}

}  // namespace gifkit::models
