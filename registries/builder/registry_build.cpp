// registry_build.cpp — see registry_build.hpp.
#include "registries/builder/registry_build.hpp"

namespace gifkit::registries {
namespace {

grammars::AtomicFile reserve(const std::filesystem::path& target) {
  std::error_code error;
  if (std::filesystem::is_directory(target, error))
    throw RegistryError(target.string() + ": is a directory, not a registry file");
  try {
    return grammars::AtomicFile(target);
  } catch (const grammars::AtomicFileError& failure) {
    throw RegistryError(failure.what());
  }
}

}  // namespace

RegistryBuild::RegistryBuild(std::filesystem::path target) : file_(reserve(target)) {
  db_.emplace(RegistryDb::create_for_bulk_load(file_.temporary_path()));
}

RegistryBuild::~RegistryBuild() {
  db_.reset();
}

void RegistryBuild::commit() {
  db_->close();
  try {
    file_.commit();
  } catch (const grammars::AtomicFileError& failure) {
    throw RegistryError(failure.what());
  }
}

}  // namespace gifkit::registries
