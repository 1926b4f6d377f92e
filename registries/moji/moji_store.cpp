// moji_store.cpp — see moji_store.hpp.
#include "registries/moji/moji_store.hpp"

#include <cassert>
#include <optional>
#include <vector>

#include "grammars/text/utf8.hpp"
#include "registries/moji/membership_pack.hpp"

namespace gifkit::registries::moji {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS moji_mj (
  mj INTEGER PRIMARY KEY,
  sequence TEXT NOT NULL,
  strokes INTEGER,
  readings TEXT,
  shrink TEXT,
  jis_counterpart TEXT,
  provenance_id INTEGER REFERENCES provenance(id)
);
CREATE TABLE IF NOT EXISTS moji_mj_ivs (
  mj INTEGER PRIMARY KEY,
  sequences TEXT NOT NULL,
  strokes INTEGER,
  readings TEXT,
  shrink TEXT,
  provenance_id INTEGER REFERENCES provenance(id)
);
CREATE TABLE IF NOT EXISTS moji_jis (
  plane INTEGER NOT NULL,
  row INTEGER NOT NULL,
  cell INTEGER NOT NULL,
  sequence TEXT NOT NULL,
  alternates TEXT,
  added INTEGER NOT NULL,
  level INTEGER NOT NULL,
  provenance_id INTEGER REFERENCES provenance(id),
  PRIMARY KEY (plane, row, cell)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS moji_set (
  name TEXT PRIMARY KEY,
  uri TEXT,
  title TEXT,
  provenance_id INTEGER REFERENCES provenance(id)
);
CREATE TABLE IF NOT EXISTS moji_set_member (
  name TEXT NOT NULL,
  sequence TEXT NOT NULL,
  PRIMARY KEY (name, sequence)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS moji_nta (
  source TEXT PRIMARY KEY,
  plane INTEGER,
  row INTEGER,
  cell INTEGER,
  kubun TEXT,
  replacement TEXT,
  rule TEXT NOT NULL,
  note TEXT,
  provenance_id INTEGER REFERENCES provenance(id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS moji_mj_base (
  base INTEGER NOT NULL,
  mj INTEGER NOT NULL,
  PRIMARY KEY (base, mj)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS moji_membership_pack (
  format INTEGER PRIMARY KEY,
  data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS moji_fold (
  cp INTEGER PRIMARY KEY,
  folded TEXT NOT NULL,
  provenance_id INTEGER REFERENCES provenance(id)
);
)sql";

// The alternates of a JIS row as stored: "FF0C FF5E" (hex, space-separated).
std::string alternates_text(const std::vector<char32_t>& alternates) {
  std::string text;
  char buffer[16];
  for (char32_t cp : alternates) {
    std::snprintf(buffer, sizeof buffer, "%s%04X", text.empty() ? "" : " ",
                  static_cast<unsigned>(cp));
    text += buffer;
  }
  return text;
}

std::vector<char32_t> parse_alternates(std::string_view text) {
  std::vector<char32_t> alternates;
  while (!text.empty()) {
    std::size_t space = text.find(' ');
    if (auto cp = parse_code_point(text.substr(0, space), true)) alternates.push_back(*cp);
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return alternates;
}

std::vector<std::string> split_sequences(std::string_view text) {
  std::vector<std::string> sequences;
  while (!text.empty()) {
    std::size_t semicolon = text.find(';');
    sequences.emplace_back(text.substr(0, semicolon));
    if (semicolon == std::string_view::npos) break;
    text.remove_prefix(semicolon + 1);
  }
  return sequences;
}

}  // namespace

void create_moji_tables(RegistryDb& db) {
  db.execute(kSchema);
}

bool has_moji_data(const RegistryDb& db) {
  if (!db.has_table("moji_jis")) return false;
  for (const char* table : {"moji_jis", "moji_mj", "moji_mj_ivs", "moji_set_member", "moji_nta"}) {
    Statement any = db.prepare(std::string("SELECT 1 FROM ") + table + " LIMIT 1");
    if (any.step()) return true;
  }
  return false;
}

std::string_view table_of(MojiKind kind) {
  switch (kind) {
    case MojiKind::mj:
      return "moji_mj";
    case MojiKind::mj_ivs:
      return "moji_mj_ivs";
    case MojiKind::jisx0213:
      return "moji_jis";
    case MojiKind::set:
      return "moji_set_member";
    case MojiKind::nta_map:
      return "moji_nta";
  }
  return "";
}

MojiRowStore::MojiRowStore(RegistryDb& db, std::int64_t provenance_id)
    : db_(db), provenance_id_(provenance_id) {
  assert(db.in_transaction());  // moji_store.hpp: stores inside a transaction
}

Statement& MojiRowStore::statement(std::optional<Statement>& slot, const char* sql) {
  if (!slot) slot.emplace(db_.prepare(sql));
  return *slot;
}

void MojiRowStore::count(Statement& statement) {
  statement.run_and_reset();
  if (statement.changes() > 0) {
    ++added_;
  } else {
    ++duplicates_;
  }
}

void MojiRowStore::jis(const JisRow& row) {
  Statement& insert = statement(
      jis_insert_,
      "INSERT OR IGNORE INTO moji_jis (plane, row, cell, sequence, alternates, added, level, "
      "provenance_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  insert.bind_int64(1, row.position.plane);
  insert.bind_int64(2, row.position.row);
  insert.bind_int64(3, row.position.cell);
  insert.bind_text(4, row.sequence);
  insert.bind_text(5, alternates_text(row.alternates), true);
  insert.bind_int64(6, row.added);
  insert.bind_int64(7, jis_level(row.position));
  insert.bind_int64(8, provenance_id_);
  count(insert);
}

void MojiRowStore::mj(MjRow&& row) {
  if (ivs_) {
    std::string sequences;
    for (const auto& sequence : row.sequences)
      sequences += (sequences.empty() ? "" : ";") + sequence;
    Statement& insert =
        statement(ivs_insert_,
                  "INSERT OR IGNORE INTO moji_mj_ivs (mj, sequences, strokes, readings, shrink, "
                  "provenance_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bind_int64(1, row.mj);
    insert.bind_text(2, sequences);
    insert.bind_int64(3, row.strokes);
    insert.bind_text(4, row.readings, true);
    insert.bind_text(5, row.shrink, true);
    insert.bind_int64(6, provenance_id_);
    count(insert);
    return;
  }
  Statement& insert = statement(
      mj_insert_,
      "INSERT OR IGNORE INTO moji_mj (mj, sequence, strokes, readings, shrink, jis_counterpart, "
      "provenance_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  insert.bind_int64(1, row.mj);
  insert.bind_text(2, row.sequences.front());
  insert.bind_int64(3, row.strokes);
  insert.bind_text(4, row.readings, true);
  insert.bind_text(5, row.shrink, true);
  insert.bind_text(6, row.jis_counterpart, true);
  insert.bind_int64(7, provenance_id_);
  count(insert);
}

void MojiRowStore::set(const SetInfo& info) {
  Statement& insert = statement(
      set_insert_,
      "INSERT OR IGNORE INTO moji_set (name, uri, title, provenance_id) VALUES (?1, ?2, ?3, ?4)");
  insert.bind_text(1, info.name);
  insert.bind_text(2, info.uri, true);
  insert.bind_text(3, info.title, true);
  insert.bind_int64(4, provenance_id_);
  insert.run_and_reset();
}

void MojiRowStore::set_member(std::string_view set_name, std::string_view sequence) {
  Statement& insert = statement(
      member_insert_, "INSERT OR IGNORE INTO moji_set_member (name, sequence) VALUES (?1, ?2)");
  insert.bind_text(1, set_name);
  insert.bind_text(2, sequence);
  count(insert);
}

void MojiRowStore::nta(const NtaRow& row) {
  Statement& insert = statement(
      nta_insert_,
      "INSERT OR IGNORE INTO moji_nta (source, plane, row, cell, kubun, replacement, rule, note, "
      "provenance_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  insert.bind_text(1, row.source);
  if (row.position) {
    insert.bind_int64(2, row.position->plane);
    insert.bind_int64(3, row.position->row);
    insert.bind_int64(4, row.position->cell);
  }
  insert.bind_text(5, row.kubun, true);
  insert.bind_text(6, row.replacement, true);
  insert.bind_text(7, nta_rule_name(row.rule));
  insert.bind_text(8, row.note, true);
  insert.bind_int64(9, provenance_id_);
  count(insert);
}

namespace {

// The JIS mapping and the sets.
void read_membership_rows(const RegistryDb& db, MojiRowHandler& rows) {
  Statement jis = db.prepare(
      "SELECT plane, row, cell, sequence, alternates, added FROM moji_jis "
      "ORDER BY plane, row, cell");
  while (jis.step()) {
    JisRow row;
    row.position = {static_cast<int>(jis.column_int64(0)), static_cast<int>(jis.column_int64(1)),
                    static_cast<int>(jis.column_int64(2))};
    row.sequence = jis.column_text(3);
    row.alternates = parse_alternates(jis.column_text(4));
    row.added = static_cast<int>(jis.column_int64(5));
    rows.jis(row);
  }
  Statement sets = db.prepare("SELECT name, uri, title FROM moji_set ORDER BY name");
  while (sets.step()) {
    rows.set({std::string(sets.column_text(0)), std::string(sets.column_text(1)),
              std::string(sets.column_text(2))});
  }
  Statement members = db.prepare("SELECT name, sequence FROM moji_set_member");
  while (members.step()) rows.set_member(members.column_text(0), members.column_text(1));
}

// The membership rows from the registry's pack (membership_pack.hpp), when
// it has one of this format; false (nothing fed) when not.
bool read_membership_pack(const RegistryDb& db, MojiRowHandler& rows) {
  if (!db.has_table("moji_membership_pack")) return false;
  Statement pack = db.prepare("SELECT data FROM moji_membership_pack WHERE format = ?1");
  pack.bind_int64(1, kMembershipPackFormat);
  if (!pack.step()) return false;
  unpack_membership(pack.column_blob(0), rows);
  return true;
}

// The MJ table's and then its IVS table's rows, each in MJ order; where
// (a clause on mj with at most one parameter, bound to key) picks some.
void read_mj_rows(const RegistryDb& db, MojiRowHandler& rows, std::string_view where = {},
                  std::int64_t key = 0) {
  const std::string filter = where.empty() ? std::string() : " WHERE " + std::string(where);
  Statement mj =
      db.prepare("SELECT mj, sequence, strokes, readings, shrink, jis_counterpart FROM moji_mj" +
                 filter + " ORDER BY mj");
  if (!where.empty()) mj.bind_int64(1, key);
  while (mj.step()) {
    MjRow row;
    row.mj = mj.column_int64(0);
    row.sequences.emplace_back(mj.column_text(1));
    row.strokes = static_cast<int>(mj.column_int64(2));
    row.readings = mj.column_text(3);
    row.shrink = mj.column_text(4);
    row.jis_counterpart = mj.column_text(5);
    rows.mj(std::move(row));
  }
  Statement ivs = db.prepare("SELECT mj, sequences, strokes, readings, shrink FROM moji_mj_ivs" +
                             filter + " ORDER BY mj");
  if (!where.empty()) ivs.bind_int64(1, key);
  while (ivs.step()) {
    MjRow row;
    row.mj = ivs.column_int64(0);
    row.sequences = split_sequences(ivs.column_text(1));
    row.strokes = static_cast<int>(ivs.column_int64(2));
    row.readings = ivs.column_text(3);
    row.shrink = ivs.column_text(4);
    rows.mj(std::move(row));
  }
}

// The NTA map, or its row of one character (source) when given.
void read_nta_rows(const RegistryDb& db, MojiRowHandler& rows,
                   std::optional<std::string_view> source = std::nullopt) {
  Statement nta =
      db.prepare(std::string("SELECT source, plane, row, cell, kubun, replacement, rule, note FROM "
                             "moji_nta") +
                 (source ? " WHERE source = ?1" : ""));
  if (source) nta.bind_text(1, *source);
  while (nta.step()) {
    NtaRow row;
    row.source = nta.column_text(0);
    if (!nta.column_is_null(1)) {
      row.position =
          JisPosition{static_cast<int>(nta.column_int64(1)), static_cast<int>(nta.column_int64(2)),
                      static_cast<int>(nta.column_int64(3))};
    }
    row.kubun = nta.column_text(4);
    row.replacement = nta.column_text(5);
    std::string_view rule = nta.column_text(6);
    row.rule = rule == "code"      ? NtaRule::code
               : rule == "string"  ? NtaRule::string
               : rule == "similar" ? NtaRule::similar
                                   : NtaRule::none;
    row.note = nta.column_text(7);
    rows.nta(row);
  }
}

}  // namespace

void read_moji_rows(const RegistryDb& db, MojiPart part, MojiRowHandler& rows) {
  if (!db.has_table("moji_jis")) return;
  switch (part) {
    case MojiPart::membership:
      if (!read_membership_pack(db, rows)) read_membership_rows(db, rows);
      return;
    case MojiPart::mj:
      read_mj_rows(db, rows);
      return;
    case MojiPart::nta:
      read_nta_rows(db, rows);
      return;
  }
}

void write_mj_base_index(RegistryDb& db,
                         const std::vector<std::pair<char32_t, std::int64_t>>& entries) {
  assert(db.in_transaction());  // moji_store.hpp: inside the build's transaction
  db.execute("DELETE FROM moji_mj_base");
  Statement insert = db.prepare("INSERT OR IGNORE INTO moji_mj_base (base, mj) VALUES (?1, ?2)");
  for (const auto& [base, mj] : entries) {
    insert.bind_int64(1, base);
    insert.bind_int64(2, mj);
    insert.run_and_reset();
  }
}

void write_membership_pack(RegistryDb& db) {
  assert(db.in_transaction());  // moji_store.hpp: inside the build's transaction
  MembershipPacker packer;
  if (db.has_table("moji_jis")) read_membership_rows(db, packer);
  db.execute("DELETE FROM moji_membership_pack");
  Statement insert = db.prepare("INSERT INTO moji_membership_pack (format, data) VALUES (?1, ?2)");
  insert.bind_int64(1, kMembershipPackFormat);
  insert.bind_blob(2, packer.pack());
  insert.run_and_reset();
}

bool has_mj_base_index(const RegistryDb& db) {
  return db.has_table("moji_mj_base");
}

bool read_mj_rows_of_base(const RegistryDb& db, char32_t base, MojiRowHandler& rows) {
  if (!has_mj_base_index(db)) return false;
  read_mj_rows(db, rows, "mj IN (SELECT mj FROM moji_mj_base WHERE base = ?1)", base);
  return true;
}

void read_mj_rows_of_number(const RegistryDb& db, std::int64_t mj, MojiRowHandler& rows) {
  if (!db.has_table("moji_jis")) return;
  read_mj_rows(db, rows, "mj = ?1", mj);
}

void read_nta_row_of(const RegistryDb& db, std::string_view source, MojiRowHandler& rows) {
  if (!db.has_table("moji_jis")) return;
  read_nta_rows(db, rows, source);
}

bool holds_moji_rows(const RegistryDb& db, MojiPart part) {
  if (!db.has_table("moji_jis")) return false;
  std::vector<const char*> tables;
  switch (part) {
    case MojiPart::membership:
      tables = {"moji_jis", "moji_set_member"};
      break;
    case MojiPart::mj:
      tables = {"moji_mj", "moji_mj_ivs"};
      break;
    case MojiPart::nta:
      tables = {"moji_nta"};
      break;
  }
  for (const char* table : tables) {
    Statement any = db.prepare(std::string("SELECT 1 FROM ") + table + " LIMIT 1");
    if (any.step()) return true;
  }
  return false;
}

}  // namespace gifkit::registries::moji
