// registry_watch.cpp — see registry_watch.hpp.
#include "registries/session/registry_watch.hpp"

#include <sys/stat.h>

#include "registries/db/pg_backend.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries {

RegistryWatch::RegistryWatch(std::string registry)
    : registry_(std::move(registry)), on_server_(is_postgres_registry(registry_)) {}

RegistryWatch::~RegistryWatch() = default;

std::optional<std::string> RegistryWatch::current() {
  if (!on_server_) {
    struct stat status {};
    if (::stat(registry_.c_str(), &status) != 0) return std::nullopt;
    return std::to_string(status.st_dev) + ":" + std::to_string(status.st_ino) + ":" +
           std::to_string(status.st_size) + ":" + std::to_string(status.st_mtim.tv_sec) + "." +
           std::to_string(status.st_mtim.tv_nsec);
  }
  try {
    if (!server_ || server_->broken()) server_ = open_postgres_server(registry_);
    std::string version = pg_registry_version(*server_);
    if (version.empty()) return std::nullopt;
    return version;
  } catch (const RegistryError&) {
    server_.reset();  // connect again next time
    return std::nullopt;
  }
}

std::string RegistryWatch::pg_schema(const std::string& token) const {
  return on_server_ ? pg_schema_of_version(token) : std::string();
}

}  // namespace gifkit::registries
