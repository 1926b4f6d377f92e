// registry_completeness.hpp — what a registry says of its own completeness: meta
// completeness, written by the build (the ABR parts missing from its source set,
// builder/source_completeness.hpp) and by `registry update` (a 法人番号 diff applied
// in part with --accept-rejects), read by `registry info`, the service's
// GET /v1/registry and validate. Its first line is "complete", "incomplete" or
// "incomplete accepted"; each further line one part missing, in words.
#pragma once
#include <string>
#include <vector>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries {

// What meta completeness says: complete (no part missing), or the parts missing; not
// recorded for a registry built before the key existed.
struct Completeness {
  bool recorded = false;
  bool accepted = false;  // built with --accept-incomplete
  std::vector<std::string> missing;
  bool complete() const { return recorded && missing.empty(); }
};
Completeness registry_completeness(const RegistryDb& db);
// Records missing (empty: complete) in meta completeness.
void record_completeness(RegistryDb& db, const std::vector<std::string>& missing, bool accepted);
// Adds part to the parts missing (unless it is there): the registry becomes incomplete,
// accepted unless it was incomplete and not accepted. Nothing when completeness is not
// recorded (a registry built before it was: its source set was never checked, and
// removing the part later must not make it "complete").
void add_missing_part(RegistryDb& db, const std::string& part);
// Removes the parts missing that start with prefix; complete when none is left. Nothing
// when completeness is not recorded.
void remove_missing_parts(RegistryDb& db, std::string_view prefix);
// "complete", "incomplete: PART; PART", or "not recorded (…)": a line of registry info.
std::string completeness_text(const Completeness& completeness);

}  // namespace gifkit::registries
