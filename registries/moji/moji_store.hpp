// moji_store.hpp — the character data in the registry file: its tables
// (one per published table, as published, plus the derived name fold), the
// store that writes the rows the source readers give (moji_sources.hpp), and
// reading them back. The one place the character schema is written.
//
//   moji_mj          the MJ table: mj, sequence, strokes, readings, shrink, jis_counterpart
//   moji_mj_ivs      the MJ IVS table: mj, sequences (';'-separated), strokes, readings, shrink
//   moji_jis         the JIS X 0213 mapping: plane, row, cell, sequence, alternates, added, level
//   moji_set         the sets: name, uri, title
//   moji_set_member  their members: name, sequence
//   moji_nta         the NTA JIS縮退マップ: source, plane, row, cell, kubun, replacement,
//                    rule, note
//   moji_mj_base     derived: (base, mj) — the MJ numbers with a sequence starting with the code
//                    point base (both MJ tables): reading the MJ rows of one character
//   moji_membership_pack  derived: (format, data) — one row, the JIS mapping, the sets and
//                    their members packed (membership_pack.hpp): read with one query
//   moji_fold        derived: a code point outside JIS X 0208 and what names fold it to
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/moji/moji_sources.hpp"

namespace gifkit::registries::moji {

// Creates the character tables when they do not exist yet.
void create_moji_tables(RegistryDb& db);

// True when the registry holds the character tables (any of them filled).
bool has_moji_data(const RegistryDb& db);

// The table the rows of a kind go to (provenance.table_name).
std::string_view table_of(MojiKind kind);

// Stores the rows of one source under one provenance id (inside a
// transaction, after create_moji_tables). A row whose key is already stored
// (the same MJ number, 面区点, set member or NTA character) is skipped and
// counted as a duplicate, the first kept.
class MojiRowStore : public MojiRowHandler {
 public:
  MojiRowStore(RegistryDb& db, std::int64_t provenance_id);
  void jis(const JisRow& row) override;
  void mj(MjRow&& row) override;
  void set(const SetInfo& info) override;
  void set_member(std::string_view set_name, std::string_view sequence) override;
  void nta(const NtaRow& row) override;

  // Rows added to the source's table, and rows skipped as duplicates.
  std::int64_t added() const { return added_; }
  std::int64_t duplicates() const { return duplicates_; }
  // An MJ row read from an IVS table goes to moji_mj_ivs, not moji_mj.
  void set_ivs_table(bool ivs) { ivs_ = ivs; }

 private:
  // The prepared insert of slot (made on first use).
  Statement& statement(std::optional<Statement>& slot, const char* sql);
  void count(Statement& statement);
  RegistryDb& db_;
  std::optional<Statement> jis_insert_;
  std::optional<Statement> mj_insert_;
  std::optional<Statement> ivs_insert_;
  std::optional<Statement> set_insert_;
  std::optional<Statement> member_insert_;
  std::optional<Statement> nta_insert_;
  std::int64_t provenance_id_;
  bool ivs_ = false;
  std::int64_t added_ = 0;
  std::int64_t duplicates_ = 0;
};

// Feeds the rows of part stored in db to rows (MJ rows: those of moji_mj,
// then those of moji_mj_ivs; membership: from moji_membership_pack when it
// holds a pack of this format, else from the tables, the same rows in the
// same order). Does nothing for a registry without them.
void read_moji_rows(const RegistryDb& db, MojiPart part, MojiRowHandler& rows);

// The parts of the details, read from db (a registry, file or server):
// True when db holds rows of part (a registry without the character tables: false).
bool holds_moji_rows(const RegistryDb& db, MojiPart part);
// True when db has the MJ index by code point (moji_mj_base: a registry built
// before it has none).
bool has_mj_base_index(const RegistryDb& db);
// Feeds the MJ rows (as read_moji_rows gives them: moji_mj's, then
// moji_mj_ivs', each in MJ order) of every MJ number that has a sequence
// whose first code point is base; false, nothing fed, without the index.
bool read_mj_rows_of_base(const RegistryDb& db, char32_t base, MojiRowHandler& rows);
// Feeds the MJ rows of one MJ number (none when it is not there).
void read_mj_rows_of_number(const RegistryDb& db, std::int64_t mj, MojiRowHandler& rows);
// Feeds the NTA map's row of one character (UTF-8), when it has one.
void read_nta_row_of(const RegistryDb& db, std::string_view source, MojiRowHandler& rows);
// Writes the membership pack (moji_membership_pack) from the membership
// tables. Inside the build's transaction, after the sources were imported;
// replaces what was there.
void write_membership_pack(RegistryDb& db);
// Writes the MJ index by code point: entries are (first code point of a
// sequence, MJ number) of every MJ character. Inside the build's
// transaction, after create_moji_tables; replaces what was there.
void write_mj_base_index(RegistryDb& db,
                         const std::vector<std::pair<char32_t, std::int64_t>>& entries);

}  // namespace gifkit::registries::moji
