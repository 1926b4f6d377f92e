// moji_import.cpp — see moji_import.hpp.
#include "registries/moji/moji_import.hpp"

#include <algorithm>
#include <cassert>
#include <memory>
#include <utility>
#include <vector>

#include "grammars/text/utf8.hpp"
#include "registries/db/source_files.hpp"
#include "registries/moji/character_data.hpp"
#include "registries/moji/moji_sources.hpp"
#include "registries/moji/moji_store.hpp"
#include "registries/moji/name_fold.hpp"

namespace gifkit::registries::moji {
namespace {

// The entries of a source: "" for a plain file, else its text entries.
std::vector<std::string> entries_of(const std::filesystem::path& path) {
  if (!is_zip_source(path)) return {""};
  return zip_text_entries(path);
}

Recognition recognise_moji(const std::filesystem::path& path) {
  std::vector<std::string> entries = entries_of(path);
  if (entries.empty()) return {false, "the zip archive holds no .csv, .tsv or .txt"};
  std::unique_ptr<SourceStream> head;
  try {
    head = std::make_unique<SourceStream>(path, entries.front());
  } catch (const RegistryError&) {
    return {false, "cannot be read"};
  }
  MojiKindGuess guess = detect_moji_kind(*head);
  return {guess.kind.has_value(), ""};
}

ImportedSource import_entry(RegistryDb& db, const std::filesystem::path& path,
                            const std::string& entry, const std::string& checksum,
                            std::optional<MojiKind> given, const RejectedRowHandler& on_rejected) {
  MojiKind kind;
  if (given) {
    kind = *given;
  } else {
    SourceStream head(path, entry);
    MojiKindGuess guess = detect_moji_kind(head);
    if (!guess.kind) {
      throw NotCharacterSource(head.display_name() + ": not a recognised registry source: not " +
                               std::string(kMojiSourcesExpected) + ": " + guess.seen);
    }
    kind = *guess.kind;
  }
  SourceStream source(path, entry);
  ImportedSource imported;
  Provenance& provenance = imported.provenance;
  provenance.source_file = source.display_name();
  provenance.sha256 = checksum;
  provenance.imported_at = utc_timestamp_now();
  provenance.source_kind = kind_name(kind);
  provenance.table_name = table_of(kind);
  provenance.id = db.add_provenance(provenance);
  MojiRowStore store(db, provenance.id);
  store.set_ivs_table(kind == MojiKind::mj_ivs);
  const std::string set_name = set_name_of(
      entry.empty() ? path.filename().string() : std::filesystem::path(entry).filename().string());
  MojiReadCounts counts = read_moji_source(source, kind, set_name, store, on_rejected);
  if (source.zip_read_failed())
    throw RegistryError(source.display_name() + ": cannot be read to the end: read error");
  provenance.row_count = store.added();
  provenance.rejected_count = counts.rejected;
  db.finish_provenance(provenance.id, provenance.row_count, provenance.rejected_count, "");
  imported.summary = std::string(kind_name(kind)) + ", " + std::to_string(provenance.row_count) +
                     " rows imported into " + provenance.table_name + ", " +
                     std::to_string(provenance.rejected_count) + " rejected";
  if (kind == MojiKind::set) imported.summary += " (set " + set_name + ")";
  if (store.duplicates() > 0) {
    imported.summary +=
        ", " + std::to_string(store.duplicates()) + " rows already stored skipped (the first kept)";
  }
  return imported;
}

std::vector<ImportedSource> import_as(RegistryDb& db, const std::filesystem::path& path,
                                      std::string_view kind,
                                      const RejectedRowHandler& on_rejected) {
  return import_moji_source(db, path, kind, on_rejected);
}

// The MJ index by code point (moji_mj_base): the MJ numbers of every
// sequence's first code point, so that a run reads the MJ rows of the
// characters it meets, not the whole table.
void write_mj_index(RegistryDb& db, const CharacterData& data) {
  std::vector<std::pair<char32_t, std::int64_t>> entries;
  for (const MjCharacter& character : data.mj_characters()) {
    for (const std::string& sequence : character.sequences) {
      std::size_t pos = 0;
      const char32_t base = sequence.empty() ? 0 : grammars::decode_utf8(sequence, pos);
      entries.emplace_back(base, character.mj);
    }
  }
  std::sort(entries.begin(), entries.end());
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  write_mj_base_index(db, entries);
}

// The name fold (moji_fold), derived from the character tables just
// imported (name_fold.hpp derive_name_fold). Names (the corporations' name
// index) and addresses are compared through it.
std::vector<ImportedSource> finish(RegistryDb& db) {
  assert(db.in_transaction());  // source_importer.hpp: finish runs inside the transaction
  write_membership_pack(db);
  CharacterData data(db);
  write_mj_index(db, data);
  if (!can_derive_name_fold(data)) return {};
  ImportedSource derived;
  Provenance& provenance = derived.provenance;
  provenance.source_file = "derived from moji_nta, moji_mj, moji_mj_ivs, moji_jis";
  provenance.sha256 = "";
  provenance.imported_at = utc_timestamp_now();
  provenance.source_kind = "moji-fold-derived";
  provenance.table_name = "moji_fold";
  provenance.id = db.add_provenance(provenance);
  Statement insert =
      db.prepare("INSERT INTO moji_fold (cp, folded, provenance_id) VALUES (?1, ?2, ?3)");
  derive_name_fold(data, [&](char32_t cp, std::string_view folded) {
    insert.bind_int64(1, cp);
    insert.bind_text(2, folded);
    insert.bind_int64(3, provenance.id);
    insert.run_and_reset();
    ++provenance.row_count;
  });
  db.finish_provenance(provenance.id, provenance.row_count, 0, "");
  derived.summary = std::to_string(provenance.row_count) +
                    " rows in moji_fold (the characters outside JIS X 0208 and what names and "
                    "addresses are compared as)";
  return {derived};
}

}  // namespace

std::vector<ImportedSource> import_moji_source(RegistryDb& db, const std::filesystem::path& path,
                                               std::string_view kind,
                                               const RejectedRowHandler& on_rejected) {
  assert(db.in_transaction());  // moji_import.hpp: inside a transaction
  std::optional<MojiKind> given;
  if (!kind.empty()) {
    given = parse_kind(kind);
    if (!given)
      throw NotCharacterSource("unknown character source kind '" + std::string(kind) + "'");
  }
  return import_source_entries<NotCharacterSource>(
      path, &zip_text_entries, ".csv, .tsv or .txt",
      [&](const std::string& entry, const std::string& checksum) {
        return import_entry(db, path, entry, checksum, given, on_rejected);
      });
}

SourceImporter moji_importer() {
  SourceImporter importer(kMojiSourcesExpected, &recognise_moji, &create_moji_tables, &import_as,
                          &finish);
  for (MojiKind kind : kMojiKinds) importer.kinds.push_back(kind_name(kind));
  importer.page_size = 16384;
  return importer;
}

}  // namespace gifkit::registries::moji
