// registry_build.hpp — the atomic build of a registry file: everything is
// written to a temporary file beside the target (.<out>.tmp-XXXXXX, through
// grammars::AtomicFile) and renamed over the target only when the whole
// build succeeded. A failed or
// abandoned build removes the temporary file and leaves the old registry
// byte for byte as it was.
#pragma once
#include <filesystem>
#include <optional>

#include "grammars/io/atomic_file.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries {

class RegistryBuild {
 public:
  // Creates the temporary file in target's directory and a fresh registry in
  // it. Throws RegistryError when the directory is missing or not writable.
  explicit RegistryBuild(std::filesystem::path target);
  // Removes the temporary file unless commit() succeeded.
  ~RegistryBuild();
  RegistryBuild(const RegistryBuild&) = delete;
  RegistryBuild& operator=(const RegistryBuild&) = delete;

  RegistryDb& db() { return *db_; }
  const std::filesystem::path& temporary_path() const { return file_.temporary_path(); }

  // Closes the registry, fsyncs it and renames it over the target (then
  // fsyncs the directory). Throws RegistryError on failure; the target is
  // then untouched.
  void commit();

 private:
  grammars::AtomicFile file_;  // declared first: the registry closes before it is removed
  std::optional<RegistryDb> db_;
};

}  // namespace gifkit::registries
