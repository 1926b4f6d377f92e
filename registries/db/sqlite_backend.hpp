// sqlite_backend.hpp — the registry in one SQLite file (the default): opening
// an existing registry to read or to update it in place, and creating a new
// one for a bulk load. RegistryDb (registry_db.hpp) calls these; nothing
// else includes SQLite.
#pragma once
#include <filesystem>
#include <memory>

#include "registries/db/sql_backend.hpp"

namespace gifkit::registries {

// Opens an existing SQLite registry file. Throws RegistryError when the
// file is missing, is not an SQLite database or lacks gifkit's application
// id.
std::unique_ptr<ConnectionBackend> open_sqlite_registry(const std::filesystem::path& path,
                                                        bool read_only);
// Opens an existing SQLite registry file read-write, with a rollback journal,
// the busy timeout, and the write lock taken at once (BEGIN IMMEDIATE).
// Throws RegistryError when it is missing, read-only or not a registry;
// RegistryLocked when another process holds a lock on it.
std::unique_ptr<ConnectionBackend> open_sqlite_registry_for_update(
    const std::filesystem::path& path, int busy_timeout_ms);
// Creates a new SQLite file for a bulk load (no journal, no syncs: the file
// is a temporary one thrown away on failure), with gifkit's application id.
std::unique_ptr<ConnectionBackend> create_sqlite_registry(const std::filesystem::path& path);

}  // namespace gifkit::registries
