// pg_packed_tables.hpp — a packed table (packed_table.hpp) on a PostgreSQL
// server as `registry push --packed` leaves it: the storage table NAME_packed
// copied as it is (the group's key columns, the packing as bytea), and the
// table NAME a view over it that unpacks each group it reads through the
// PL/pgSQL function gifkit_unpacked_rows, the format of packed_rows.hpp
// decoded on the server. So every registry query reads NAME on the server
// as it reads it in the file (sql_backend.hpp: each query written once), and
// the server holds the file's bytes rather than the rows: at the national
// benchmark's SCALE 0.2 the plain 地番 and 住居表示 tables took 18 GB.
// A C++ module cannot run inside a server gifkit does not own, hence the
// second decoder; tests/e2e compares every row of every view with the file.
#pragma once
#include <string>
#include <vector>

namespace gifkit::registries {

// The functions the views call, made in the current schema (statements
// separated by semicolons):
// - gifkit_unpacked_rows(bytea) RETURNS SETOF text[]: each row of a packing,
//   its cells as text (an INTEGER as its decimal digits, NULL as NULL), in
//   the packing's order; a packing that is not one raises an error naming
//   what is wrong;
// - gifkit_packed_row_count(bytea) RETURNS bigint: the rows a packing holds,
//   read from its head (its first 21 bytes suffice), as packed_row_count.
std::string pg_packed_functions_sql();

// One column of a packed table as the view gives it.
struct PackedViewColumn {
  std::string name;
  std::string pg_type;    // bigint, double precision or text COLLATE "C"
  bool in_group = false;  // one of the storage table's key columns
};

// CREATE VIEW NAME AS … over NAME_packed (storage): the columns in the
// table's order, the group's from the storage row, the others from the
// unpacked row in order, each cast to its type.
std::string pg_packed_view_sql(const std::string& name, const std::string& storage,
                               const std::vector<PackedViewColumn>& columns);

}  // namespace gifkit::registries
