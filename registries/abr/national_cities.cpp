// national_cities.cpp — see national_cities.hpp.
#include "registries/abr/national_cities.hpp"

#include <algorithm>
#include <stdexcept>

#include "grammars/dictionaries/dictionaries.hpp"
#include "grammars/dictionaries/table_lines.hpp"
#include "grammars/values/identifiers.hpp"

namespace gifkit::registries::abr {
namespace {

constexpr std::string_view kDateLine = "# date: ";

bool by_code(const NationalCity& city, std::string_view code) {
  return city.lg_code < code;
}

// The prefectures' own codes (NN000 and its check digit), each with the name
// its cities give it.
std::vector<NationalCity> prefectures_of(const std::vector<NationalCity>& cities) {
  std::vector<NationalCity> prefectures;
  for (const NationalCity& city : cities) {
    std::string base = city.lg_code.substr(0, 2) + "000";
    base += static_cast<char>('0' + grammars::local_government_code_check_digit(base));
    if (!prefectures.empty() && prefectures.back().lg_code == base) continue;
    prefectures.push_back({base, city.prefecture, "", "", ""});
  }
  return prefectures;
}

}  // namespace

NationalCities read_national_cities(std::string_view text, std::string_view source,
                                    std::vector<std::string>& errors) {
  NationalCities table;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    if (line.starts_with(kDateLine)) {
      line.remove_prefix(kDateLine.size());
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      table.date = std::string(line);
      break;
    }
    start = end + 1;
  }
  if (table.date.empty()) errors.push_back(std::string(source) + ": no `# date: YYYY-MM-DD` line");
  grammars::for_each_table_line(text, [&](std::size_t line,
                                          const std::vector<std::string_view>& fields) {
    auto error = [&](const std::string& reason) {
      errors.push_back(std::string(source) + ":" + std::to_string(line) + ": " + reason);
    };
    if (fields.size() != 5) {
      error("expected 5 tab-separated fields (lg_code, 都道府県, 郡, 市区町村, 区), found " +
            std::to_string(fields.size()));
      return;
    }
    if (!grammars::check_local_government_code(fields[0]).ok() || fields[0].substr(2, 3) == "000") {
      error("lg_code \"" + std::string(fields[0]) + "\" is not a city's code");
      return;
    }
    if (fields[1].empty() || fields[3].empty()) {
      error("lg_code " + std::string(fields[0]) + " without its 都道府県 or 市区町村");
      return;
    }
    table.cities.push_back({std::string(fields[0]), std::string(fields[1]), std::string(fields[2]),
                            std::string(fields[3]), std::string(fields[4])});
  });
  std::stable_sort(
      table.cities.begin(), table.cities.end(),
      [](const NationalCity& a, const NationalCity& b) { return a.lg_code < b.lg_code; });
  for (std::size_t i = 1; i < table.cities.size(); ++i)
    if (table.cities[i].lg_code == table.cities[i - 1].lg_code)
      errors.push_back(std::string(source) + ": lg_code " + table.cities[i].lg_code +
                       " is given twice");
  return table;
}

const NationalCities& national_cities() {
  static const NationalCities table = [] {
    std::vector<std::string> errors;
    NationalCities read = read_national_cities(grammars::dictionary_text("national_cities.tsv"),
                                               "national_cities.tsv", errors);
    if (!errors.empty()) throw std::logic_error("models/dictionaries/" + errors.front());
    return read;
  }();
  return table;
}

const NationalCity* national_city(std::string_view lg_code) {
  static const std::vector<NationalCity> prefectures = prefectures_of(national_cities().cities);
  for (const std::vector<NationalCity>* list : {&national_cities().cities, &prefectures}) {
    auto at = std::lower_bound(list->begin(), list->end(), lg_code, by_code);
    if (at != list->end() && at->lg_code == lg_code) return &*at;
  }
  return nullptr;
}

}  // namespace gifkit::registries::abr
