// build_registry.hpp — building a registry file from published sources: the
// one recipe that `gifkit registry build`, the tests and the fuzz targets
// call. Each source file (folders expanded) goes to the importer that
// recognises it (source_importer.hpp), or to the one reading the kind given;
// everything is written to a temporary file renamed over the target only
// when every source was read (registry_build.hpp).
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "registries/db/rejected_row.hpp"
#include "registries/db/source_importer.hpp"

namespace gifkit::registries {

struct RegistryBuildOptions {
  std::filesystem::path out;                   // the registry file to write
  std::vector<std::filesystem::path> sources;  // files and folders
  std::string source_kind = "auto";            // or a kind every source is read as
  // The progress hook: called after each source (or zip entry) is imported
  // and after each derivation of a finish step. May be empty.
  std::function<void(const ImportedSource&)> on_imported;
  // Called for a .txt or .tsv file found in a folder that no importer
  // recognises (a README beside the data): it is skipped. May be empty.
  std::function<void(const std::filesystem::path&, const std::string& why)> on_skipped;
  // Recorded with the parts missing (meta completeness, source_completeness.hpp): the
  // registry was built incomplete on purpose (--accept-incomplete).
  bool accept_incomplete = false;
};

struct RegistryBuildResult {
  std::size_t files = 0;      // source files read (folders expanded, skipped ones not counted)
  std::int64_t rows = 0;      // rows imported from them (derived rows not counted)
  std::int64_t rejected = 0;  // rows reported and skipped
  // What is missing, one part a line (sources with rejected rows, then
  // missing_abr_parts): empty when the source set is whole. Recorded in the registry.
  std::vector<std::string> missing;
  double check_seconds = 0;  // the time missing_abr_parts took
};

// Builds options.out. Rejected rows go to on_rejected (may be empty) and are
// counted; the registry is still written, as it is when a part is missing
// (RegistryBuildResult::missing, recorded in meta completeness). Throws RegistryError (out not
// writable, no source files, a source unreadable), NotRegistrySource (a
// source no importer recognises, or not of the kind given) — the target is
// then left as it was.
RegistryBuildResult build_registry(const RegistryBuildOptions& options,
                                   const RejectedRowHandler& on_rejected);

}  // namespace gifkit::registries
