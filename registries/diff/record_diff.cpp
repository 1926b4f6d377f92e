// record_diff.cpp — one table of two registry builds compared record by
// record (part_diffs.hpp diff_records): the comparison every part shares;
// the parts give the table, the key, the label and the names of the kinds.
#include <algorithm>

#include "registries/diff/part_diffs.hpp"

namespace gifkit::registries::diff {

void diff_records(const RegistryDb& old_db, const RegistryDb& new_db, const RecordRules& rules,
                  PartSummary& summary, const ChangeSink& on_change) {
  const std::size_t key_width = rules.walk.key.size();
  std::vector<std::size_t> compared = rules.compared;
  if (compared.empty()) {
    for (std::size_t i = 0; i < rules.walk.columns.size(); ++i) compared.push_back(i);
  }
  std::vector<std::size_t> shown_columns = rules.shown;
  if (shown_columns.empty()) {
    for (std::size_t i = 0; i < rules.walk.columns.size(); ++i) shown_columns.push_back(i);
  }
  RecordChange change;
  change.part = rules.part;
  change.table = rules.walk.table;
  std::vector<std::size_t> changed;
  auto field = [&](std::size_t column, const WalkedRow* before, const WalkedRow* after) {
    return FieldChange{
        rules.field_names.empty() ? rules.walk.columns[column] : rules.field_names[column],
        before ? (*before)[key_width + column] : std::string(),
        after ? (*after)[key_width + column] : std::string()};
  };
  const WalkCounts counts =
      walk_table(old_db, new_db, rules.walk, [&](const WalkedRow* before, const WalkedRow* after) {
        change.kinds.clear();
        change.fields.clear();
        change.in_old = before != nullptr;
        change.in_new = after != nullptr;
        if (before && after) {
          changed.clear();
          for (std::size_t column : compared)
            if ((*before)[key_width + column] != (*after)[key_width + column])
              changed.push_back(column);
          if (changed.empty()) {
            ++summary.unchanged;
            return;
          }
          change.kinds = rules.kinds ? rules.kinds(*before, *after, changed)
                                     : std::vector<std::string>{"changed"};
          for (std::size_t column : changed) change.fields.push_back(field(column, before, after));
        } else {
          const WalkedRow& row = after ? *after : *before;
          if (after && rules.added_kinds)
            change.kinds = rules.added_kinds(*after);
          else
            change.kinds.push_back(after ? rules.added : rules.removed);
          for (std::size_t column : shown_columns)
            if (!row[key_width + column].empty())
              change.fields.push_back(field(column, before, after));
        }
        const WalkedRow& shown = after ? *after : *before;
        change.key = rules.key(shown);
        change.label = rules.label(shown);
        if (change.label.empty() && before && after) change.label = rules.label(*before);
        for (const std::string& kind : change.kinds) ++summary.kinds[kind];
        ++summary.changed_records;
        on_change(change);
      });
  summary.old_records += counts.old_rows;
  summary.new_records += counts.new_rows;
}

}  // namespace gifkit::registries::diff
