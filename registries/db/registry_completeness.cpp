// registry_completeness.cpp — see registry_completeness.hpp.
#include "registries/db/registry_completeness.hpp"

#include <algorithm>
#include <sstream>

namespace gifkit::registries {
namespace {

constexpr std::string_view kCompletenessMetaKey = "completeness";

}  // namespace

Completeness registry_completeness(const RegistryDb& db) {
  Completeness completeness;
  std::istringstream text(db.meta(kCompletenessMetaKey));
  std::string line;
  if (!std::getline(text, line)) return completeness;
  completeness.recorded = line == "complete" || line.rfind("incomplete", 0) == 0;
  completeness.accepted = line == "incomplete accepted";
  while (std::getline(text, line))
    if (!line.empty()) completeness.missing.push_back(line);
  return completeness;
}

void record_completeness(RegistryDb& db, const std::vector<std::string>& missing, bool accepted) {
  std::string text = missing.empty() ? "complete" : accepted ? "incomplete accepted" : "incomplete";
  for (const std::string& part : missing) text += "\n" + part;
  db.set_meta(kCompletenessMetaKey, text);
}

void add_missing_part(RegistryDb& db, const std::string& part) {
  Completeness completeness = registry_completeness(db);
  if (!completeness.recorded) return;
  if (std::find(completeness.missing.begin(), completeness.missing.end(), part) !=
      completeness.missing.end())
    return;
  const bool accepted = completeness.missing.empty() || completeness.accepted;
  completeness.missing.push_back(part);
  record_completeness(db, completeness.missing, accepted);
}

void remove_missing_parts(RegistryDb& db, std::string_view prefix) {
  Completeness completeness = registry_completeness(db);
  if (!completeness.recorded) return;
  const std::size_t before = completeness.missing.size();
  std::erase_if(completeness.missing,
                [prefix](const std::string& part) { return part.starts_with(prefix); });
  if (completeness.missing.size() != before)
    record_completeness(db, completeness.missing, completeness.accepted);
}

std::string completeness_text(const Completeness& completeness) {
  if (!completeness.recorded) return "not recorded (built before gifkit recorded it)";
  if (completeness.complete()) return "complete";
  std::string text = completeness.accepted ? "incomplete (accepted):" : "incomplete:";
  for (const std::string& part : completeness.missing) text += "\n    " + part;
  return text;
}

}  // namespace gifkit::registries
