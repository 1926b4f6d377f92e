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
//   moji_nta         the NTA JIS縮退マップ: source, plane, row, cell, kubun, replacement, rule,
//   note moji_fold        derived: a code point outside JIS X 0208 and what names fold it to
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
// then those of moji_mj_ivs). Does nothing for a registry without them.
void read_moji_rows(const RegistryDb& db, MojiPart part, MojiRowHandler& rows);

}  // namespace gifkit::registries::moji
