// character_diff.cpp — the character data of two registry builds compared
// (part_diffs.hpp): the MJ characters (moji_mj, by MJ number), the places of
// JIS X 0213 (moji_jis, by 面区点), the NTA 縮退 map (moji_nta, by source
// character) and the members of each character set (moji_set_member):
// added, removed or changed.
#include <cstdio>

#include "registries/diff/part_diffs.hpp"

namespace gifkit::registries::diff {
namespace {

RecordRules character_rules(TableWalk walk) {
  RecordRules rules;
  rules.part = RegistryPart::characters;
  rules.walk = std::move(walk);
  return rules;
}

}  // namespace

void diff_characters(const RegistryDb& old_db, const RegistryDb& new_db, PartSummary& summary,
                     const ChangeSink& on_change) {
  RecordRules mj =
      character_rules({"moji_mj",
                       {{"mj", true}},
                       {"sequence", "strokes", "readings", "shrink", "jis_counterpart"}});
  mj.key = [](const WalkedRow& row) {
    char number[16];
    std::snprintf(number, sizeof number, "MJ%06lld", std::stoll(row[0]));
    return std::string(number);
  };
  mj.label = [](const WalkedRow& row) { return row[1]; };
  diff_records(old_db, new_db, mj, summary, on_change);

  RecordRules jis = character_rules({"moji_jis",
                                     {{"plane", true}, {"row", true}, {"cell", true}},
                                     {"sequence", "alternates", "added", "level"}});
  jis.key = [](const WalkedRow& row) { return row[0] + "-" + row[1] + "-" + row[2]; };
  jis.label = [](const WalkedRow& row) { return row[3]; };
  diff_records(old_db, new_db, jis, summary, on_change);

  RecordRules nta =
      character_rules({"moji_nta",
                       {{"source", false}},
                       {"plane", "row", "cell", "kubun", "replacement", "rule", "note"}});
  nta.key = [](const WalkedRow& row) { return "NTA " + row[0]; };
  nta.label = [](const WalkedRow& row) { return row[0]; };
  diff_records(old_db, new_db, nta, summary, on_change);

  RecordRules members =
      character_rules({"moji_set_member", {{"name", false}, {"sequence", false}}, {}});
  members.key = [](const WalkedRow& row) { return row[0]; };
  members.label = [](const WalkedRow& row) { return row[1]; };
  diff_records(old_db, new_db, members, summary, on_change);
}

}  // namespace gifkit::registries::diff
