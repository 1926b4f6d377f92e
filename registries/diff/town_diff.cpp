// town_diff.cpp — the 町字 of two Address Base Registry builds compared
// (part_diffs.hpp): abr_town by its key (全国地方公共団体コード, 町字ID,
// 住居表示フラグ). A 町字 is abolished when its 廃止日 (ablt_date) is set
// (the ABR keeps an abolished 町字's row, dated), renamed when a part of its
// name (都道府県 … 小字) changed, changed for any other column; added or
// removed when one build lacks it. Columns gifkit computes (town_key, …) are not
// compared.
#include <algorithm>

#include "registries/abr/abr_columns.hpp"
#include "registries/diff/part_diffs.hpp"

namespace gifkit::registries::diff {
namespace {

constexpr std::string_view kNameColumns[] = {"pref",     "county", "city", "ward",
                                             "oaza_cho", "chome",  "koaza"};

bool is_name_column(std::string_view column) {
  return std::find(std::begin(kNameColumns), std::end(kNameColumns), column) !=
         std::end(kNameColumns);
}

}  // namespace

void diff_towns(const RegistryDb& old_db, const RegistryDb& new_db, PartSummary& summary,
                const ChangeSink& on_change) {
  const abr::AbrTable* town = abr::find_table("abr_town");
  RecordRules rules;
  rules.part = RegistryPart::abr;
  rules.walk.table = std::string(town->name);
  for (std::string_view key : town->key) rules.walk.key.push_back({std::string(key), false});
  for (std::string_view column : town->columns)
    if (std::find(town->key.begin(), town->key.end(), column) == town->key.end())
      rules.walk.columns.emplace_back(column);
  const auto& columns = rules.walk.columns;
  auto index_of = [&columns](std::string_view name) {
    return static_cast<std::size_t>(std::find(columns.begin(), columns.end(), name) -
                                    columns.begin());
  };
  std::vector<std::size_t> name_columns;
  for (std::string_view name : kNameColumns) name_columns.push_back(index_of(name));
  rules.shown = name_columns;
  rules.shown.push_back(index_of("efct_date"));
  rules.shown.push_back(index_of("ablt_date"));
  const std::size_t abolished_at = index_of("ablt_date");
  // key: lg_code/machiaza_id, with the 住居表示 flag when it is 1 (a 町字 may
  // have a row of each).
  rules.key = [](const WalkedRow& row) {
    return row[0] + "/" + row[1] + (row[2] == "1" ? " (住居表示)" : "");
  };
  rules.label = [name_columns](const WalkedRow& row) {
    std::string name;
    for (std::size_t column : name_columns) name += row[3 + column];
    return name;
  };
  rules.kinds = [&columns, abolished_at](const WalkedRow& before, const WalkedRow& after,
                                         const std::vector<std::size_t>& changed) {
    std::vector<std::string> kinds;
    if (before[3 + abolished_at].empty() && !after[3 + abolished_at].empty())
      kinds.emplace_back("abolished");
    if (std::any_of(changed.begin(), changed.end(),
                    [&](std::size_t column) { return is_name_column(columns[column]); }))
      kinds.emplace_back("renamed");
    if (kinds.empty()) kinds.emplace_back("changed");
    return kinds;
  };
  diff_records(old_db, new_db, rules, summary, on_change);
}

}  // namespace gifkit::registries::diff
