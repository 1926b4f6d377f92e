// registry_holdings.cpp — see registry_holdings.hpp.
#include "registries/builder/registry_holdings.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "grammars/text/listing.hpp"
#include "registries/abr/abr_lookup.hpp"

namespace gifkit::registries {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
}

// One file name: NN_romaji_all_YYYYMMDD… (a bulk file), or a name with the
// word diff in it (diff_20210714.csv, …_diff_2017-01-01_…).
HoujinFile houjin_file_of_name(std::string_view name) {
  HoujinFile file;
  const std::size_t all = name.find("_all_");
  if (name.size() > 3 && all != std::string_view::npos && all > 3 && name[2] == '_' &&
      all_digits(name.substr(0, 2))) {
    const int code = (name[0] - '0') * 10 + (name[1] - '0');
    if (code == 0) {
      file.kind = HoujinFileKind::national_bulk;
    } else if ((code >= 1 && code <= 47) || code == 99) {
      file.kind = HoujinFileKind::prefecture_bulk;
      file.prefecture = code;
    }
    return file;
  }
  for (std::size_t at = name.find("diff"); at != std::string_view::npos;
       at = name.find("diff", at + 1)) {
    const bool starts = at == 0 || name[at - 1] == '_' || name[at - 1] == '-';
    const std::size_t end = at + 4;
    const bool ends = end < name.size() && (name[end] == '_' || name[end] == '-');
    if (starts && ends) {
      file.kind = HoujinFileKind::diff;
      return file;
    }
  }
  return file;
}

}  // namespace

std::string source_file_name(std::string_view source_file) {
  const std::size_t entry = source_file.find(".zip:");
  const std::string_view file =
      entry == std::string_view::npos ? source_file : source_file.substr(0, entry + 4);
  const std::size_t slash = file.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? source_file : source_file.substr(slash + 1));
}

HoujinFile houjin_file(std::string_view source_file) {
  const std::string name = source_file_name(source_file);
  const std::size_t colon = name.find(".zip:");
  if (colon == std::string::npos) return houjin_file_of_name(name);
  // The archive's name (13_tokyo_all_20240329.zip) or its entry's.
  HoujinFile file = houjin_file_of_name(std::string_view(name).substr(0, colon + 4));
  if (file.kind != HoujinFileKind::other) return file;
  return houjin_file_of_name(std::string_view(name).substr(colon + 5));
}

std::string_view holding_name(HoujinHolding holding) {
  switch (holding) {
    case HoujinHolding::complete:
      return "complete";
    case HoujinHolding::diffs_only:
      return "diffs-only";
    case HoujinHolding::partial:
      return "partial";
    case HoujinHolding::none:
      break;
  }
  return "none";
}

HoujinHoldings houjin_holdings(const std::vector<Provenance>& sources) {
  HoujinHoldings holdings;
  bool national = false;
  std::set<int> prefectures;
  for (const Provenance& source : sources) {
    if (source.source_kind.rfind("houjin-", 0) != 0) continue;
    const HoujinFile file = houjin_file(source.source_file);
    switch (file.kind) {
      case HoujinFileKind::national_bulk:
        national = true;
        ++holdings.bulk_files;
        break;
      case HoujinFileKind::prefecture_bulk:
        prefectures.insert(file.prefecture);
        ++holdings.bulk_files;
        break;
      case HoujinFileKind::diff:
        ++holdings.diff_files;
        break;
      case HoujinFileKind::other:
        ++holdings.other_files;
        break;
    }
  }
  holdings.bulk_prefectures.assign(prefectures.begin(), prefectures.end());
  // Every prefecture (01–47) and 国外 (99).
  const bool every_prefecture = prefectures.size() == 48;
  if (national || every_prefecture) {
    holdings.holding = HoujinHolding::complete;
  } else if (holdings.diff_files > 0 && holdings.bulk_files == 0 && holdings.other_files == 0) {
    holdings.holding = HoujinHolding::diffs_only;
  } else if (holdings.bulk_files + holdings.diff_files + holdings.other_files > 0) {
    holdings.holding = HoujinHolding::partial;
  }
  return holdings;
}

std::string houjin_absence_unproven_because(const HoujinHoldings& holdings) {
  if (holdings.holding == HoujinHolding::complete) return {};
  if (holdings.holding == HoujinHolding::none)
    return "the registry records no 法人番号 source file, so no bulk 全件 file: a number not in it "
           "may still be registered";
  if (holdings.holding == HoujinHolding::diffs_only)
    return "the registry holds only 法人番号 diff files, no bulk 全件 file: a number not in them "
           "may still be registered";
  std::vector<std::string> held;
  if (!holdings.bulk_prefectures.empty()) {
    std::vector<std::string> codes;
    for (const int code : holdings.bulk_prefectures)
      codes.push_back(std::string(code < 10 ? "0" : "") + std::to_string(code));
    held.push_back(
        "the 法人番号 bulk files of " +
        std::string(holdings.bulk_prefectures.size() == 1 ? "prefecture " : "prefectures ") +
        grammars::listed(codes));
  }
  if (holdings.diff_files > 0)
    held.push_back(std::to_string(holdings.diff_files) +
                   (holdings.diff_files == 1 ? " diff file" : " diff files"));
  if (holdings.other_files > 0)
    held.push_back(std::to_string(holdings.other_files) +
                   (holdings.other_files == 1 ? " other file" : " other files") +
                   " (Web-API answers, files of other names)");
  if (holdings.bulk_prefectures.empty())
    return "the registry holds no 法人番号 bulk 全件 file (only " + grammars::listed(held) +
           "): a number not in them may still be registered";
  return "the registry holds " + grammars::listed(held) +
         " only: a number not in them may be registered in another prefecture";
}

namespace {

constexpr std::string_view kAddressHoldingsMetaKey = "address_holdings";

// The cities' counts, counted now: three GROUP BY over the ABR tables.
std::map<std::string, CityHoldings> count_address_holdings(const RegistryDb& db) {
  std::map<std::string, CityHoldings> cities;
  auto count = [&](std::string_view table, std::string_view what,
                   std::int64_t CityHoldings::*into) {
    if (!db.has_table(table)) return;
    Statement select = db.prepare("SELECT lg_code, COUNT(" + std::string(what) + ") FROM " +
                                  std::string(table) + " GROUP BY lg_code");
    while (select.step()) {
      const std::string code(select.column_text(0));
      CityHoldings& city = cities[code];
      city.lg_code = code;
      city.*into = select.column_int64(1);
    }
  };
  count("abr_town", "DISTINCT machiaza_id", &CityHoldings::towns);
  count("abr_rsdt", "*", &CityHoldings::residences);
  count("abr_parcel", "*", &CityHoldings::parcels);
  return cities;
}

// The counts recorded by the build, or nullopt when none are recorded or
// the ABR sources changed since.
std::optional<std::map<std::string, CityHoldings>> recorded_address_holdings(const RegistryDb& db) {
  std::istringstream text(db.meta(kAddressHoldingsMetaKey));
  std::string line;
  if (!std::getline(text, line) || line != provenance_token(db.provenance(), "abr_"))
    return std::nullopt;
  std::map<std::string, CityHoldings> cities;
  while (std::getline(text, line)) {
    std::istringstream fields(line);
    CityHoldings city;
    if (!(fields >> city.lg_code >> city.towns >> city.residences >> city.parcels))
      return std::nullopt;
    cities.emplace(city.lg_code, std::move(city));
  }
  return cities;
}

}  // namespace

void record_address_holdings(RegistryDb& db) {
  std::string text = provenance_token(db.provenance(), "abr_") + "\n";
  for (const auto& [code, city] : count_address_holdings(db))
    text += code + "\t" + std::to_string(city.towns) + "\t" + std::to_string(city.residences) +
            "\t" + std::to_string(city.parcels) + "\n";
  db.set_meta(kAddressHoldingsMetaKey, text);
}

std::vector<CityHoldings> address_holdings(const RegistryDb& db) {
  std::map<std::string, CityHoldings> cities;
  if (auto recorded = recorded_address_holdings(db)) {
    cities = std::move(*recorded);
  } else {
    cities = count_address_holdings(db);
  }
  std::vector<CityHoldings> held;
  for (auto& [code, city] : cities) {
    if (auto area = abr::find_area(db, code)) {
      city.name = std::string(abr::field(*area, "pref")) +
                  std::string(abr::field(*area, "county")) +
                  std::string(abr::field(*area, "city")) + std::string(abr::field(*area, "ward"));
    }
    held.push_back(std::move(city));
  }
  return held;
}

}  // namespace gifkit::registries
