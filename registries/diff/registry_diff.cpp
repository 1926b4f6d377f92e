// registry_diff.cpp — see registry_diff.hpp: the builds opened read-only,
// each read in one transaction (one state even while `registry update`
// commits), and the parts compared in turn (part_diffs.hpp).
#include "registries/diff/registry_diff.hpp"

#include <algorithm>
#include <cassert>

#include "registries/db/registry_db.hpp"
#include "registries/db/table_walk.hpp"
#include "registries/diff/part_diffs.hpp"

namespace gifkit::registries {

namespace diff {

const std::vector<std::string_view>& part_tables(RegistryPart part) {
  static const std::vector<std::string_view> corporations = {"corporation"};
  static const std::vector<std::string_view> abr = {"abr_town"};
  static const std::vector<std::string_view> characters = {"moji_mj", "moji_jis", "moji_nta",
                                                           "moji_set_member"};
  switch (part) {
    case RegistryPart::corporations:
      return corporations;
    case RegistryPart::abr:
      return abr;
    case RegistryPart::characters:
      return characters;
  }
  return characters;
}

}  // namespace diff

namespace {

constexpr RegistryPart kParts[] = {RegistryPart::corporations, RegistryPart::abr,
                                   RegistryPart::characters};

bool holds(const RegistryDb& db, RegistryPart part) {
  const auto& tables = diff::part_tables(part);
  return std::any_of(tables.begin(), tables.end(),
                     [&](std::string_view table) { return db.has_table(table); });
}

}  // namespace

std::optional<RegistryPart> parse_registry_part(std::string_view name) {
  for (RegistryPart part : kParts)
    if (registry_part_name(part) == name) return part;
  return std::nullopt;
}

std::string_view registry_part_name(RegistryPart part) {
  switch (part) {
    case RegistryPart::corporations:
      return "corporations";
    case RegistryPart::abr:
      return "abr";
    case RegistryPart::characters:
      return "characters";
  }
  return "";
}

RegistryDiffSummary diff_registries(const RegistryDiffOptions& options,
                                    const std::function<void(const RecordChange&)>& on_change) {
  assert(options.kinds != nullptr);
  RegistryDb old_db = RegistryDb::open_existing(options.old_path);
  RegistryDb new_db = RegistryDb::open_existing(options.new_path);
  ReadTransaction old_read(old_db);
  ReadTransaction new_read(new_db);

  RegistryDiffSummary summary;
  summary.old_data_date = registry_data_date(old_db);
  summary.new_data_date = registry_data_date(new_db);
  std::vector<RegistryPart> parts = options.parts;
  if (parts.empty()) {
    for (RegistryPart part : kParts)
      if (holds(old_db, part) || holds(new_db, part)) parts.push_back(part);
  }
  for (RegistryPart part : parts) {
    if (!holds(old_db, part) && !holds(new_db, part)) {
      throw RegistryError("neither " + old_db.path().string() + " nor " + new_db.path().string() +
                          " holds " + std::string(registry_part_name(part)) + " data");
    }
  }
  for (RegistryPart part : parts) {
    PartSummary& counts = summary.parts.emplace_back();
    counts.part = part;
    switch (part) {
      case RegistryPart::corporations:
        diff::diff_corporations(old_db, new_db, *options.kinds, counts, on_change);
        break;
      case RegistryPart::abr:
        diff::diff_towns(old_db, new_db, counts, on_change);
        break;
      case RegistryPart::characters:
        diff::diff_characters(old_db, new_db, counts, on_change);
        break;
    }
  }
  return summary;
}

}  // namespace gifkit::registries
