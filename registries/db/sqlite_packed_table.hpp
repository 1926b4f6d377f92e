// sqlite_packed_table.hpp — SQLite's virtual table module gifkit_packed,
// through which a packed table (packed_table.hpp) is read as the plain table
// it stands for: its columns as declared, its rows in primary-key order, an
// equality on the leading key columns (the group's, then the rest) used to
// read one group and the rows of that key only. Read-only: the table is
// written by PackedTableWriter. Every gifkit connection to an SQLite
// registry registers it (sqlite_backend.cpp); the sqlite3 shell, which does
// not have it, reads every other table of the file.
#pragma once

struct sqlite3;

namespace gifkit::registries {

// Registers the module on connection db (SQLITE_OK or SQLite's error code).
int register_packed_module(sqlite3* db);

}  // namespace gifkit::registries
