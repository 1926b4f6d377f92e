// registry_diff.hpp — what changed between two builds of a registry (issue
// #13, `gifkit diff --registries OLD NEW`): corporations new, renamed, moved,
// closed, merged, restored, deleted; ABR 町字 added, abolished, renamed;
// characters (MJ, JIS X 0213, the NTA 縮退 map, the sets' members) added,
// removed, changed. Each table is read once from each registry in key order
// (table_walk.hpp), so memory stays flat at any size. A library function
// with an options struct; tools/commands/diff.cpp is the thin command.
// docs/diff.md "Two registry builds" says what each kind means.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registries/houjin/changes/change_kinds.hpp"

namespace gifkit::registries {

enum class RegistryPart { corporations, abr, characters };

// "corporations", "abr", "characters"; nothing for another name.
std::optional<RegistryPart> parse_registry_part(std::string_view name);
std::string_view registry_part_name(RegistryPart part);

// One field of a changed record: its name, and its value in each build
// ("" where the record is absent or the value empty).
struct FieldChange {
  std::string field;
  std::string before;
  std::string after;
};

// One record (a corporation, a 町字, a character, a set member) that differs.
struct RecordChange {
  RegistryPart part = RegistryPart::corporations;
  std::string table;                // the registry table: "corporation", "abr_town", "moji_mj", …
  std::string key;                  // "1010401096288", "131059/0006002", "MJ028902", …
  std::string label;                // what people call it: the name, the 町字, the character
  std::vector<std::string> kinds;   // "renamed", "moved"; "added"; … (at least one)
  std::vector<FieldChange> fields;  // the fields that differ (for added/removed: the record's)
  bool in_old = true;               // false: the record is only in NEW (added, new)
  bool in_new = true;               // false: only in OLD (removed)
};

// What one part compared.
struct PartSummary {
  RegistryPart part = RegistryPart::corporations;
  std::uint64_t old_records = 0;
  std::uint64_t new_records = 0;
  std::uint64_t unchanged = 0;
  std::map<std::string, std::uint64_t> kinds;  // records per kind (a record may have two)
  std::uint64_t changed_records = 0;           // records reported
};

struct RegistryDiffSummary {
  std::string old_data_date;  // meta.data_date of each build ("" when unknown)
  std::string new_data_date;
  std::vector<PartSummary> parts;  // the parts compared, in the order asked
  bool equal() const {
    for (const PartSummary& part : parts)
      if (part.changed_records != 0) return false;
    return true;
  }
};

struct RegistryDiffOptions {
  std::filesystem::path old_path;
  std::filesystem::path new_path;
  // The parts to compare; empty: every part that either build holds.
  std::vector<RegistryPart> parts;
  // The kinds of change of the 法人番号 data (new, renamed, … from
  // models/dictionaries/houjin_change_kinds.tsv): the corporations' kinds
  // are named by the process code each change would have.
  const houjin::ChangeKinds* kinds = nullptr;
};

// Compares the two builds part by part and calls on_change for every
// record that differs, in key order within each table. Throws RegistryError
// naming the file when one cannot be opened or is not a registry of this
// gifkit's schema version, or when a part asked for is in neither build.
RegistryDiffSummary diff_registries(const RegistryDiffOptions& options,
                                    const std::function<void(const RecordChange&)>& on_change);

}  // namespace gifkit::registries
