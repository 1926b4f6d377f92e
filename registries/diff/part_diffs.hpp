// part_diffs.hpp — the comparisons of the registry diff, one per
// part (registry_diff.hpp): which tables each part reads, its key, and what
// each difference is called. Internal to registries/diff.
#pragma once
#include <functional>

#include "registries/db/registry_db.hpp"
#include "registries/db/table_walk.hpp"
#include "registries/diff/registry_diff.hpp"
#include "registries/houjin/changes/change_kinds.hpp"

namespace gifkit::registries::diff {

using ChangeSink = std::function<void(const RecordChange&)>;

// How one table's records are compared.
struct RecordRules {
  RegistryPart part = RegistryPart::corporations;
  TableWalk walk;
  // The record's key and label as RecordChange shows them.
  std::function<std::string(const WalkedRow&)> key;
  std::function<std::string(const WalkedRow&)> label;
  // The kinds of a record both builds hold whose columns `changed` differ
  // (indexes into walk.columns, never empty); unset: {"changed"}.
  std::function<std::vector<std::string>(const WalkedRow& before, const WalkedRow& after,
                                         const std::vector<std::size_t>& changed)>
      kinds;
  // Which columns count (indexes into walk.columns); empty: all. A record
  // whose counted columns agree is unchanged.
  std::vector<std::size_t> compared;
  // The columns shown for an added or removed record (when not empty);
  // empty: every non-empty column.
  std::vector<std::size_t> shown;
  // The fields' names as shown, one per column; empty: the column names.
  std::vector<std::string> field_names;
  std::string added = "added";
  // The kinds of a record only NEW holds, when more than `added` can be
  // said of it (a corporation new to the registry and already closed).
  std::function<std::vector<std::string>(const WalkedRow& after)> added_kinds;
  std::string removed = "removed";
};

// Walks rules.walk in both builds and reports each record that differs.
void diff_records(const RegistryDb& old_db, const RegistryDb& new_db, const RecordRules& rules,
                  PartSummary& summary, const ChangeSink& on_change);

// The tables of a part; a build holds the part when it has one of them.
const std::vector<std::string_view>& part_tables(RegistryPart part);

// The corporation table: new, removed, and for a number in both builds the
// kinds of the change table its differences would have (a new name:
// renamed, an address: moved, a close date: closed or merged, a close date
// gone: restored, …), else "changed".
void diff_corporations(const RegistryDb& old_db, const RegistryDb& new_db,
                       const houjin::ChangeKinds& kinds, PartSummary& summary,
                       const ChangeSink& on_change);

// abr_town: 町字 added, removed, abolished (a 廃止日 set), renamed (a name
// part changed) or changed (other columns).
void diff_towns(const RegistryDb& old_db, const RegistryDb& new_db, PartSummary& summary,
                const ChangeSink& on_change);

// moji_mj, moji_jis, moji_nta and moji_set_member: added, removed, changed.
void diff_characters(const RegistryDb& old_db, const RegistryDb& new_db, PartSummary& summary,
                     const ChangeSink& on_change);

}  // namespace gifkit::registries::diff
