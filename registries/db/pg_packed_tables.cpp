// pg_packed_tables.cpp — see pg_packed_tables.hpp. The PL/pgSQL below reads
// the bytes packed_rows.cpp writes, check for check as unpack_rows does:
// version 1, then varint columns and rows; per row a bitmap of the cells
// that changed, each such cell a tag and its operands (LEB128 varints,
// zigzag for signed ones). A varint is read by one snippet (read_varint),
// spliced in where the function needs one: PL/pgSQL has no cheap call.
#include "registries/db/pg_packed_tables.hpp"

#include "registries/db/packed_table.hpp"
#include "registries/db/sql_backend.hpp"

namespace gifkit::registries {
namespace {

// PL/pgSQL that reads the varint at byte offset `at` of b into target
// (bigint; the 64 bits as they are), moving `at` past it.
std::string read_varint(const std::string& target) {
  return target +
         " := 0; shift := 0;\n"
         "  LOOP\n"
         "    IF at >= size THEN RAISE EXCEPTION 'gifkit: a packing ends at byte % within "
         "a number', at; END IF;\n"
         "    byte := get_byte(b, at); at := at + 1;\n"
         "    " +
         target + " := " + target +
         " | ((byte & 127)::bigint << shift);\n"
         "    EXIT WHEN byte < 128;\n"
         "    shift := shift + 7;\n"
         "    IF shift > 63 THEN RAISE EXCEPTION 'gifkit: a packing''s varint longer than ten "
         "bytes at byte %', at; END IF;\n"
         "  END LOOP;\n";
}

// PL/pgSQL: the signed number of the zigzag varint in a.
constexpr const char* kUnzigzag = "((a >> 1) & 9223372036854775807) # (-(a & 1))";

}  // namespace

std::string pg_packed_functions_sql() {
  std::string sql =
      "CREATE FUNCTION gifkit_packed_row_count(head bytea) RETURNS bigint\n"
      "LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $gifkit$\n"
      "DECLARE\n"
      "  b bytea := head; size integer := length(head); at integer := 1;\n"
      "  a bigint; byte integer; shift integer;\n"
      "BEGIN\n"
      "  IF length(b) < 1 OR get_byte(b, 0) <> 1 THEN\n"
      "    RAISE EXCEPTION 'gifkit_packed_row_count: not a packing of format 1';\n"
      "  END IF;\n"
      "  " +
      read_varint("a") + "  " + read_varint("a") +
      "  RETURN a;\n"
      "END\n"
      "$gifkit$;\n"
      "CREATE FUNCTION gifkit_unpacked_rows(packing bytea) RETURNS SETOF text[]\n"
      "LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE ROWS 400 AS $gifkit$\n"
      "DECLARE\n"
      "  b bytea := packing || '\\x'::bytea;  -- detoasted once\n"
      "  size integer := length(b);\n"
      "  at integer := 1;  -- the next byte's offset (get_byte counts from 0)\n"
      "  ncolumns integer; nrows bigint; bitmap_size integer; bitmap_at integer;\n"
      "  cells text[]; numbers bigint[]; shapes integer[]; integers bigint[];\n"
      "  powers bigint[] := ARRAY[1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,\n"
      "    100000000, 1000000000, 10000000000, 100000000000, 1000000000000, 10000000000000,\n"
      "    100000000000000, 1000000000000000, 10000000000000000, 100000000000000000,\n"
      "    1000000000000000000];\n"
      "  tag integer; a bigint; v bigint; byte integer; shift integer; shape integer;\n"
      "  magnitude bigint; power bigint; c integer;\n"
      "BEGIN\n"
      "  IF size < 1 OR get_byte(b, 0) <> 1 THEN\n"
      "    RAISE EXCEPTION 'gifkit_unpacked_rows: not a packing of format 1';\n"
      "  END IF;\n"
      "  " +
      read_varint("a") + "  ncolumns := a;\n  " + read_varint("a") +
      "  nrows := a;\n"
      "  IF ncolumns < 1 OR ncolumns > 4096 OR nrows < 0 OR nrows > size THEN\n"
      "    RAISE EXCEPTION 'gifkit_unpacked_rows: % columns, % rows', ncolumns, nrows;\n"
      "  END IF;\n"
      "  bitmap_size := (ncolumns + 7) / 8;\n"
      "  cells := array_fill(NULL::text, ARRAY[ncolumns]);\n"
      "  numbers := array_fill(0::bigint, ARRAY[ncolumns]);\n"
      "  shapes := array_fill(0, ARRAY[ncolumns]);\n"
      "  integers := array_fill(0::bigint, ARRAY[ncolumns]);\n"
      "  FOR r IN 1 .. nrows LOOP\n"
      "    IF at + bitmap_size > size THEN\n"
      "      RAISE EXCEPTION 'gifkit_unpacked_rows: row % ends early', r;\n"
      "    END IF;\n"
      "    bitmap_at := at; at := at + bitmap_size;\n"
      "    FOR i IN 1 .. ncolumns LOOP\n"
      "      c := i - 1;\n"
      "      CONTINUE WHEN (get_byte(b, bitmap_at + c / 8) & (1 << (c % 8))) = 0;\n"
      "      IF at >= size THEN\n"
      "        RAISE EXCEPTION 'gifkit_unpacked_rows: the packing ends in row %', r;\n"
      "      END IF;\n"
      "      tag := get_byte(b, at); at := at + 1;\n"
      "      IF tag = 0 THEN\n"
      "        cells[i] := NULL;\n"
      "      ELSIF tag = 1 THEN\n"
      "        " +
      read_varint("a") +
      "        IF a < 0 OR a > size - at THEN\n"
      "          RAISE EXCEPTION 'gifkit_unpacked_rows: a text of % bytes past the end', a;\n"
      "        END IF;\n"
      "        cells[i] := convert_from(substring(b FROM at + 1 FOR a::integer), 'UTF8');\n"
      "        at := at + a::integer;\n"
      "      ELSIF tag = 2 THEN\n"
      "        " +
      read_varint("a") + "        integers[i] := integers[i] + (" + kUnzigzag +
      ");\n"
      "        cells[i] := integers[i]::text;\n"
      "      ELSIF tag = 3 THEN\n"
      "        " +
      read_varint("a") +
      "        shape := shapes[i];\n"
      "        IF shape < 1 OR shape > 18 THEN\n"
      "          RAISE EXCEPTION 'gifkit_unpacked_rows: digits after no digits';\n"
      "        END IF;\n"
      "        numbers[i] := numbers[i] + (" +
      kUnzigzag +
      ");\n"
      "        IF numbers[i] < 0 OR numbers[i] >= powers[shape + 1] THEN\n"
      "          RAISE EXCEPTION 'gifkit_unpacked_rows: digits out of range';\n"
      "        END IF;\n"
      "        cells[i] := lpad(numbers[i]::text, shape, '0');\n"
      "      ELSIF tag = 4 THEN\n"
      "        " +
      read_varint("a") + "        " + read_varint("v") +
      "        IF a < 1 OR a > 18 THEN\n"
      "          RAISE EXCEPTION 'gifkit_unpacked_rows: % digits', a;\n"
      "        END IF;\n"
      "        shape := a;\n"
      "        IF v < 0 OR v >= powers[shape + 1] THEN\n"
      "          RAISE EXCEPTION 'gifkit_unpacked_rows: % digits of value %', shape, v;\n"
      "        END IF;\n"
      "        shapes[i] := shape; numbers[i] := v;\n"
      "        cells[i] := lpad(v::text, shape, '0');\n"
      "      ELSIF tag = 5 OR tag = 6 THEN\n"
      "        IF tag = 5 THEN\n"
      "          " +
      read_varint("a") +
      "          shape := shapes[i] - 32;\n"
      "          IF shape < 1 OR shape > 17 THEN\n"
      "            RAISE EXCEPTION 'gifkit_unpacked_rows: a decimal after no decimal';\n"
      "          END IF;\n"
      "          v := numbers[i] + (" +
      kUnzigzag +
      ");\n"
      "        ELSE\n"
      "          " +
      read_varint("a") +
      "          IF a < 1 OR a > 17 THEN\n"
      "            RAISE EXCEPTION 'gifkit_unpacked_rows: % fraction digits', a;\n"
      "          END IF;\n"
      "          shape := a;\n"
      "          " +
      read_varint("a") + "          v := " + kUnzigzag +
      ";\n"
      "        END IF;\n"
      "        IF v <= -powers[19] OR v >= powers[19] THEN\n"
      "          RAISE EXCEPTION 'gifkit_unpacked_rows: a decimal out of range';\n"
      "        END IF;\n"
      "        shapes[i] := 32 + shape; numbers[i] := v;\n"
      "        magnitude := abs(v); power := powers[shape + 1];\n"
      "        cells[i] := CASE WHEN v < 0 THEN '-' ELSE '' END || (magnitude / power)::text ||\n"
      "          '.' || lpad((magnitude % power)::text, shape, '0');\n"
      "      ELSE\n"
      "        RAISE EXCEPTION 'gifkit_unpacked_rows: tag % at byte %', tag, at;\n"
      "      END IF;\n"
      "    END LOOP;\n"
      "    RETURN NEXT cells;\n"
      "  END LOOP;\n"
      "  IF at <> size THEN\n"
      "    RAISE EXCEPTION 'gifkit_unpacked_rows: % bytes after the last row', size - at;\n"
      "  END IF;\n"
      "END\n"
      "$gifkit$";
  return sql;
}

std::string pg_packed_view_sql(const std::string& name, const std::string& storage,
                               const std::vector<PackedViewColumn>& columns) {
  std::string sql = "CREATE VIEW " + sql_quoted_name(name) + " AS SELECT ";
  int packed = 0;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const PackedViewColumn& column = columns[i];
    sql += i == 0 ? "" : ", ";
    if (column.in_group) {
      sql += "p." + sql_quoted_name(column.name);
      continue;
    }
    const std::string cell = "(u.r)[" + std::to_string(++packed) + "]";
    if (column.pg_type.starts_with("text"))
      sql += "(" + cell + " COLLATE \"C\")";
    else
      sql += cell + "::" + column.pg_type;
    sql += " AS " + sql_quoted_name(column.name);
  }
  return sql + " FROM " + sql_quoted_name(storage) +
         " p CROSS JOIN LATERAL gifkit_unpacked_rows(p." + sql_quoted_name(kPackedRowsColumn) +
         ") AS u(r)";
}

}  // namespace gifkit::registries
