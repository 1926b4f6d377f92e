// corporation_diff.cpp — the corporations of two registry builds compared
// (part_diffs.hpp). The kinds are the change table's
// (models/dictionaries/houjin_change_kinds.tsv), named through the process
// code a change of that sort has, so that `diff --registries` and `registry
// changes` call a change by one name: a new name is renamed (11), an
// address moved (12, 13), a close date closed or merged (21, by whether a
// successor is named), a close date gone restored (22), a deletion deleted
// (99); what none of these covers (a furigana, an English name) is changed.
// A corporation new to the registry is new, with closed, merged or deleted
// beside it when its state already says so.
#include <algorithm>

#include "registries/diff/part_diffs.hpp"
#include "registries/houjin/changes/change_feed.hpp"
#include "registries/houjin/columns/houjin_columns.hpp"

namespace gifkit::registries::diff {
namespace {

namespace hj = houjin;

// walk.columns are the 30 columns in kHoujinColumns' order after the key,
// so a column's index there is its HoujinColumnIndex.
const std::string& value(const WalkedRow& row, std::size_t column) {
  return row[1 + column];
}

bool is_address_column(std::size_t column) {
  return column == hj::kPrefectureName || column == hj::kCityName || column == hj::kStreetNumber;
}

std::vector<std::string> corporation_kinds(const hj::ChangeKinds& kinds, const WalkedRow& before,
                                           const WalkedRow& after,
                                           const std::vector<std::size_t>& changed) {
  std::vector<std::string> names;
  auto add = [&](std::string_view process, bool successor = false) {
    const hj::ChangeKindRule* rule = kinds.rule_for(process, successor);
    if (rule && std::find(names.begin(), names.end(), rule->kind) == names.end())
      names.push_back(rule->kind);
  };
  auto differs = [&](std::size_t column) {
    return std::find(changed.begin(), changed.end(), column) != changed.end();
  };
  const std::string& process = value(after, hj::kProcess);
  if (process == "99" && value(before, hj::kProcess) != "99") add("99");
  if (differs(hj::kName)) add(process == "81" ? "81" : "11");
  if (std::any_of(changed.begin(), changed.end(), is_address_column)) add("12");
  if (differs(hj::kAddressOutside)) add("13");
  const bool closed_before = !value(before, hj::kCloseDate).empty();
  const bool closed_after = !value(after, hj::kCloseDate).empty();
  if (closed_after && (!closed_before || differs(hj::kCloseDate)))
    add("21", !value(after, hj::kSuccessorCorporateNumber).empty());
  if (closed_before && !closed_after) add("22");
  if (differs(hj::kChangeCause) && (process == "71" || process == "72")) add(process);
  if (names.empty()) names.emplace_back("changed");
  return names;
}

// A corporation only NEW holds: new, and closed or merged when its state is
// closed already, deleted when it was deleted.
std::vector<std::string> new_corporation_kinds(const hj::ChangeKinds& kinds,
                                               const WalkedRow& after) {
  std::vector<std::string> names;
  auto add = [&](std::string_view process, bool successor = false) {
    if (const hj::ChangeKindRule* rule = kinds.rule_for(process, successor))
      names.push_back(rule->kind);
  };
  add("01");
  if (value(after, hj::kProcess) == "99")
    add("99");
  else if (!value(after, hj::kCloseDate).empty())
    add("21", !value(after, hj::kSuccessorCorporateNumber).empty());
  return names;
}

}  // namespace

void diff_corporations(const RegistryDb& old_db, const RegistryDb& new_db,
                       const hj::ChangeKinds& kinds, PartSummary& summary,
                       const ChangeSink& on_change) {
  RecordRules rules;
  rules.part = RegistryPart::corporations;
  rules.walk = {"corporation", {{"corporate_number", true}}, {}};
  for (std::size_t i = 0; i < hj::kHoujinColumnCount; ++i) {
    rules.walk.columns.emplace_back(hj::kHoujinColumns[i].sql_name);
    rules.field_names.emplace_back(hj::kHoujinColumns[i].nta_name);
    if (hj::is_state_column(i)) rules.compared.push_back(i);
  }
  rules.shown = {hj::kName,     hj::kKind,         hj::kPrefectureName,
                 hj::kCityName, hj::kStreetNumber, hj::kCloseDate};
  rules.key = [](const WalkedRow& row) { return value(row, hj::kCorporateNumber); };
  rules.label = [](const WalkedRow& row) { return value(row, hj::kName); };
  rules.kinds = [&kinds](const WalkedRow& before, const WalkedRow& after,
                         const std::vector<std::size_t>& changed) {
    return corporation_kinds(kinds, before, after, changed);
  };
  rules.added_kinds = [&kinds](const WalkedRow& after) {
    return new_corporation_kinds(kinds, after);
  };
  diff_records(old_db, new_db, rules, summary, on_change);
}

}  // namespace gifkit::registries::diff
