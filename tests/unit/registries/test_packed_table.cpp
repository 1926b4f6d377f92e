// test_packed_table.cpp — a packed table reads as the plain table it stands
// for: the real ABR rows of 和歌山市's 地番 positions and 文京区's residences,
// stored both ways from the file's rows (given in a shuffled order, with
// duplicates, through a buffer small enough to write each 町字 several
// times), give the same rows, values and types to every shape of query the
// registry's readers use; the packing of rows reads back cell for cell, and
// bytes that are not a packing are refused, never read past.
// room: db
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "abr_test_support.hpp"
#include "registries/db/packed_rows.hpp"
#include "registries/db/packed_table.hpp"

namespace {

namespace packed = gifkit::registries::packed;
using gifkit::registries::PackedTableSpec;
using gifkit::registries::PackedTableWriter;
using gifkit::registries::RegistryDb;
using gifkit::registries::Statement;

// A file's rows as the importer stores them: a key part "" is '', any other
// "" NULL; provenance_id an INTEGER.
struct FileRows {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

FileRows read_file_rows(const std::filesystem::path& zip) {
  const std::string text = abr_test::zip_entry_text(zip);
  std::FILE* file = fmemopen(const_cast<char*>(text.data()), text.size(), "r");
  REQUIRE(file != nullptr);
  FileRows out;
  {
    gifkit::grammars::CsvReader reader(file, zip.string(), {}, {});
    gifkit::grammars::CsvRecord record;
    REQUIRE(reader.next(record));
    out.header.assign(record.fields.begin(), record.fields.end());
    while (reader.next(record)) out.rows.emplace_back(record.fields.begin(), record.fields.end());
  }
  std::fclose(file);
  return out;
}

PackedTableSpec spec_for(const std::string& name, const FileRows& file,
                         const std::vector<std::string>& key) {
  PackedTableSpec spec;
  spec.name = name;
  spec.columns.emplace_back("provenance_id INTEGER");
  for (const auto& column : file.header) {
    const bool in_key = std::find(key.begin(), key.end(), column) != key.end();
    spec.columns.push_back(column + (in_key ? " TEXT NOT NULL" : " TEXT"));
  }
  spec.key = key;
  spec.group = 2;
  return spec;
}

// Every row of a query as text, NULL and each value's type told.
std::vector<std::string> rows_of(const RegistryDb& db, const std::string& sql) {
  Statement select = db.prepare(sql);
  std::vector<std::string> rows;
  while (select.step()) {
    std::string row;
    for (int column = 0;; ++column) {
      // Statement has no column count: the queries below end with a sentinel.
      if (!select.column_is_null(column) && select.column_text(column) == "<end>") break;
      row += select.column_is_null(column) ? std::string("<NULL>")
                                           : std::string(select.column_text(column));
      row += '|';
    }
    rows.push_back(row);
  }
  return rows;
}

struct TwinTables {
  registry_test::ScratchDir dir;
  RegistryDb db = RegistryDb::create_for_bulk_load(dir / "twin.sqlite");
  std::string plain, packed_name;
  std::size_t duplicates = 0;
  std::vector<std::uint64_t> duplicate_lines;
};

// Stores file's rows in table NAME (packed) and NAME_plain (WITHOUT ROWID,
// INSERT OR IGNORE: the first row of a key kept), each row given twice —
// the second time with provenance 2 and another value — in a shuffled
// order, through a writer that holds at most buffer_bytes.
void store_twice(TwinTables& twin, const FileRows& file, const std::vector<std::string>& key,
                 const std::string& name, std::size_t buffer_bytes) {
  const PackedTableSpec spec = spec_for(name, file, key);
  twin.packed_name = name;
  twin.plain = name + "_plain";
  twin.db.execute(gifkit::registries::packed_table_sql(spec));
  std::string create = "CREATE TABLE " + twin.plain + " (";
  for (const auto& column : spec.columns) create += column + ", ";
  create += "PRIMARY KEY (";
  for (std::size_t i = 0; i < key.size(); ++i) create += (i ? ", " : "") + key[i];
  twin.db.execute(create + ")) WITHOUT ROWID");
  std::string insert = "INSERT OR IGNORE INTO " + twin.plain + " VALUES (?1";
  for (std::size_t i = 0; i < file.header.size(); ++i) insert += ", ?" + std::to_string(i + 2);
  Statement plain = twin.db.prepare(insert + ")");
  PackedTableWriter writer(
      twin.db, spec,
      [&](const std::vector<packed::Cell>& kept, const std::vector<packed::Cell>& dropped,
          std::uint64_t line) {
        ++twin.duplicates;
        twin.duplicate_lines.push_back(line);
        CHECK(kept[0].integer == 1);  // the first given is kept
        CHECK(dropped[0].integer == 2);
      },
      buffer_bytes);
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < file.rows.size() * 2; ++i) order.push_back(i);
  std::shuffle(order.begin(), order.end(), std::mt19937(59));
  // The second copy of each row after its first: swap where needed.
  std::vector<std::size_t> first_seen(file.rows.size(), order.size());
  for (std::size_t at = 0; at < order.size(); ++at) {
    const std::size_t row = order[at] % file.rows.size();
    if (first_seen[row] == order.size()) {
      first_seen[row] = at;
      order[at] = row;
    } else {
      order[at] = row + file.rows.size();
    }
  }
  std::vector<packed::Cell> cells(spec.columns.size());
  std::vector<std::string> changed(file.header.size());
  for (std::size_t at = 0; at < order.size(); ++at) {
    const bool second = order[at] >= file.rows.size();
    const auto& row = file.rows[order[at] % file.rows.size()];
    cells[0] = packed::Cell::of_integer(second ? 2 : 1);
    plain.bind_int64(1, second ? 2 : 1);
    for (std::size_t c = 0; c < file.header.size(); ++c) {
      const bool in_key = std::find(key.begin(), key.end(), file.header[c]) != key.end();
      changed[c] = row[c];
      if (second && !in_key) changed[c] += "x";
      cells[c + 1] = changed[c].empty() && !in_key ? packed::Cell::null_cell()
                                                   : packed::Cell::of_text(changed[c]);
      plain.bind_text(static_cast<int>(c + 2), changed[c], /*null_if_empty=*/!in_key);
    }
    plain.run_and_reset();
    writer.add(cells.data(), at + 2);
    if (writer.full()) writer.flush();
  }
  writer.flush();
}

// The same query of both tables gives the same rows.
void check_same(const TwinTables& twin, const std::string& query_of_table) {
  auto with = [&](const std::string& table) {
    std::string sql = query_of_table;
    for (std::size_t at; (at = sql.find("$T")) != std::string::npos;) sql.replace(at, 2, table);
    return sql;
  };
  INFO(with(twin.packed_name));
  const auto packed_rows = rows_of(twin.db, with(twin.packed_name));
  const auto plain_rows = rows_of(twin.db, with(twin.plain));
  CHECK(packed_rows.size() == plain_rows.size());
  CHECK(packed_rows == plain_rows);
}

}  // namespace

TEST_CASE("packed-table-1.1 a packed table reads as the plain table: 和歌山市's 地番 positions",
          "[packed][db]") {
  const FileRows file =
      read_file_rows(abr_test::kAbr / "wakayama" / "mt_parcel_pos_city302015.csv.zip");
  REQUIRE(file.rows.size() > 1000);
  TwinTables twin;
  store_twice(twin, file, {"lg_code", "machiaza_id", "prc_id"}, "parcel_pos", 256 << 10);
  CHECK(twin.duplicates == file.rows.size());
  // Some line of the file's, a 町字 and a 地番 of it.
  const auto& some = file.rows[file.rows.size() / 3];
  const std::string lg = some[0], town = some[1], prc = some[2];
  for (const std::string& where : std::vector<std::string>{
           "",
           " WHERE lg_code = '" + lg + "'",
           " WHERE lg_code = '" + lg + "' AND machiaza_id = '" + town + "'",
           " WHERE lg_code = '" + lg + "' AND machiaza_id = '" + town + "' AND prc_id = '" + prc +
               "'",
           " WHERE lg_code = '" + lg + "' AND machiaza_id = '" + town + "' AND prc_id = 'none'",
           " WHERE lg_code = '" + lg + "' AND machiaza_id = 'none'",
           " WHERE machiaza_id = '" + town + "'",
           " WHERE prc_id = '" + prc + "'",
           " WHERE lg_code = " + lg,  // an INTEGER against TEXT
           std::string(" WHERE lg_code = NULL"),
           std::string(" WHERE lg_code IS NULL"),
           " WHERE lg_code = '" + lg + "' AND machiaza_id > '" + town + "'",
           std::string(" WHERE rep_lon > '135.2'"),
       }) {
    check_same(twin, "SELECT *, '<end>' FROM $T" + where);
    check_same(twin,
               "SELECT typeof(provenance_id), typeof(rep_srid), prc_id, '<end>' FROM $T" + where);
  }
  check_same(twin, "SELECT *, '<end>' FROM $T ORDER BY prc_id DESC, machiaza_id LIMIT 50");
  // The walks of the keys (registry build's completeness check).
  for (const std::string& bound : {std::string(">"), std::string(">=")}) {
    check_same(twin, "SELECT lg_code, '<end>' FROM $T WHERE lg_code " + bound + " '" + lg +
                         "' ORDER BY lg_code LIMIT 1");
    check_same(twin, "SELECT lg_code, '<end>' FROM $T WHERE lg_code " + bound +
                         " '' ORDER BY lg_code LIMIT 1");
    check_same(twin, "SELECT machiaza_id, prc_id, '<end>' FROM $T WHERE lg_code = '" + lg +
                         "' AND machiaza_id " + bound + " '" + town +
                         "' ORDER BY lg_code, machiaza_id LIMIT 3");
    check_same(twin, "SELECT count(*), '<end>' FROM $T WHERE lg_code = '" + lg +
                         "' AND machiaza_id " + bound + " '" + town + "'");
    check_same(twin, "SELECT count(*), '<end>' FROM $T WHERE lg_code = '" + lg +
                         "' AND machiaza_id " + bound + " " + town);  // an INTEGER bound
  }
  check_same(twin, "SELECT machiaza_id, count(*), min(rep_lat), '<end>' FROM $T GROUP BY 1");
  check_same(twin,
             "SELECT a.prc_id, b.rep_lon, '<end>' FROM $T a JOIN $T b ON b.lg_code = a.lg_code AND "
             "b.machiaza_id = a.machiaza_id AND b.prc_id = a.prc_id ORDER BY 1 LIMIT 2000");
  check_same(
      twin,
      "SELECT count(*), '<end>' FROM $T p WHERE EXISTS (SELECT 1 FROM $T b WHERE b.lg_code = "
      "p.lg_code AND b.machiaza_id = p.machiaza_id AND b.prc_id = p.prc_id)");
  check_same(
      twin,
      "SELECT name, type, \"notnull\", pk, '<end>' FROM pragma_table_info('$T') ORDER BY cid");
}

TEST_CASE("packed-table-1.2 a key with an empty part: 文京区's residences (rsdt2_id '')",
          "[packed][db]") {
  const FileRows file =
      read_file_rows(abr_test::kAbr / "bunkyo" / "mt_rsdtdsp_rsdt_pref13.csv.zip");
  REQUIRE(file.rows.size() > 1000);
  TwinTables twin;
  store_twice(twin, file, {"lg_code", "machiaza_id", "blk_id", "rsdt_id", "rsdt2_id"}, "rsdt",
              1 << 20);
  CHECK(twin.duplicates == file.rows.size());
  const auto& some = file.rows[file.rows.size() / 2];
  const std::string where = " WHERE lg_code = '" + some[0] + "' AND machiaza_id = '" + some[1] +
                            "' AND blk_id = '" + some[2] + "'";
  check_same(twin, "SELECT *, '<end>' FROM $T");
  check_same(twin, "SELECT *, '<end>' FROM $T" + where);
  check_same(twin, "SELECT *, '<end>' FROM $T" + where + " AND rsdt_id = '" + some[3] +
                       "' AND rsdt2_id = '" + some[4] + "'");
  check_same(twin, "SELECT count(*), '<end>' FROM $T WHERE rsdt2_id = ''");
}

TEST_CASE("packed-table-2.1 packed rows read back cell for cell, whatever the cells",
          "[packed][db]") {
  using packed::Cell;
  const std::string with_nul("a\0b", 3);
  const std::vector<Cell> values = {
      Cell::null_cell(),
      Cell::of_text(""),
      Cell::of_text("0"),
      Cell::of_text("00"),
      Cell::of_text("000060000000000"),
      Cell::of_text("999999999999999999"),   // 18 digits
      Cell::of_text("1234567890123456789"),  // 19: text
      Cell::of_text("141.376102514"),
      Cell::of_text("141.376102515"),
      Cell::of_text("-0.5"),
      Cell::of_text("-0.0"),  // a negative zero: text
      Cell::of_text("00.5"),
      Cell::of_text("1."),
      Cell::of_text(".5"),
      Cell::of_text("1.50"),
      Cell::of_text("-141.0"),
      Cell::of_text("99999999999999999.9"),
      Cell::of_text("１２"),
      Cell::of_text(with_nul),
      Cell::of_text("EPSG:6668"),
      Cell::of_integer(0),
      Cell::of_integer(-1),
      Cell::of_integer(std::numeric_limits<std::int64_t>::min()),
      Cell::of_integer(std::numeric_limits<std::int64_t>::max()),
  };
  // Rows of three columns walking every pair of values in turn, so that each
  // value follows each other one in a column.
  std::vector<std::vector<Cell>> rows;
  for (const auto& a : values)
    for (const auto& b : values) rows.push_back({a, b, values[rows.size() % values.size()]});
  packed::RowPacker packer(3);
  for (const auto& row : rows) packer.add(row.data());
  const std::string bytes = packer.finish();
  packed::UnpackedRows unpacked;
  REQUIRE(packed::unpack_rows(bytes, unpacked));
  REQUIRE(unpacked.rows() == rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < 3; ++c) {
      INFO("row " << r << " column " << c << ": " << static_cast<int>(unpacked.kind(r, c)) << " '"
                  << unpacked.text(r, c) << "' " << unpacked.integer(r, c) << " / "
                  << static_cast<int>(rows[r][c].kind) << " '" << rows[r][c].text << "' "
                  << rows[r][c].integer);
      CHECK(unpacked.cell(r, c) == rows[r][c]);
    }

  SECTION("every prefix and every byte changed: refused or read, never read past") {
    packed::UnpackedRows again;
    for (std::size_t size = 0; size < bytes.size(); ++size)
      CHECK_FALSE(packed::unpack_rows(std::string_view(bytes).substr(0, size), again));
    std::string damaged = bytes;
    for (std::size_t at = 0; at < std::min<std::size_t>(damaged.size(), 400); ++at) {
      damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
      (void)packed::unpack_rows(damaged, again);  // ASan: no read past the bytes
      damaged[at] = bytes[at];
    }
    CHECK_FALSE(packed::unpack_rows(bytes + "x", again));
  }
}
