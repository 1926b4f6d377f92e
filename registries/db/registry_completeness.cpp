// registry_completeness.cpp — see registry_completeness.hpp.
#include "registries/db/registry_completeness.hpp"

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

std::string completeness_text(const Completeness& completeness) {
  if (!completeness.recorded) return "not recorded (built before gifkit recorded it)";
  if (completeness.complete()) return "complete";
  std::string text = completeness.accepted ? "incomplete (accepted):" : "incomplete:";
  for (const std::string& part : completeness.missing) text += "\n    " + part;
  return text;
}

}  // namespace gifkit::registries
