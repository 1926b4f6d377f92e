// sqlite_backend.hpp — the registry in one SQLite file (the default): opening
// an existing registry to read or to update it in place, and creating a new
// one for a bulk load. RegistryDb (registry_db.hpp) calls these; nothing
// else includes SQLite but the module of packed tables every connection
// registers (sqlite_packed_table.hpp).
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

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
// What looks damaged in the SQLite registry file at path, as /healthz asks
// ("" when nothing does): gone, not openable, its schema unreadable, or
// sqlite_pages.hpp's look at its header and a sample of its pages (turn: which
// sample), read through SQLite's own file handle within a read transaction
// (SQLite's shared lock; never the file opened by hand, which would drop the
// process's POSIX locks). A file being written (busy) is not looked at. The
// message names the file by its file name only.
std::string sqlite_registry_damage(const std::filesystem::path& path, std::uint64_t turn);

}  // namespace gifkit::registries
