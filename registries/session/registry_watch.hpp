// registry_watch.hpp — which version of a registry is current, asked again
// and again by a long-running reader (gifkit serve) to learn that it must
// open the registry anew: for a file, its identity (device, inode, size,
// modification time: a build renamed over it, or an update, changes it);
// for a PostgreSQL server, the schema its pointer row names and when that
// row last changed (a push or a rollback switches the schema; an update
// changes the registry in place and the row's time).
#pragma once
#include <memory>
#include <optional>
#include <string>

namespace gifkit::registries {

class ConnectionBackend;

class RegistryWatch {
 public:
  // registry: a file path or a PostgreSQL connection string (pg_backend.hpp).
  // Connects to nothing yet.
  explicit RegistryWatch(std::string registry);
  ~RegistryWatch();
  RegistryWatch(const RegistryWatch&) = delete;
  RegistryWatch& operator=(const RegistryWatch&) = delete;

  // The current version's token (equal tokens: the same version), or nullopt
  // when it cannot be told now: the file is missing, or the server cannot be
  // reached (the watch connects again on the next call) or holds no
  // registry. Never throws for those.
  std::optional<std::string> current();

  // For PostgreSQL: the schema a token names; "" for a file, whose readers
  // open the path.
  std::string pg_schema(const std::string& token) const;

 private:
  std::string registry_;
  bool on_server_;
  std::unique_ptr<ConnectionBackend> server_;  // PostgreSQL: kept between calls
};

}  // namespace gifkit::registries
