// source_importer.hpp — what each base registry's importer gives the registry
// builder (build_registry.hpp): the source kinds it reads, how it recognises a
// source of its own from the content, its tables, the import of one source and
// what runs once every source is in. The importers themselves are listed in
// registries/builder/importer_list.hpp, the way tools/commands/command_list.cpp lists the
// commands: each importer implements this interface from below (abr/, houjin/,
// moji/), and only build/ knows them all.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/db/rejected_row.hpp"

namespace gifkit::registries {

// A file that is not a source of the kind expected, or, with the kind
// detected, of any kind. what() names the file. The importers' own
// exceptions (NotHoujinSource, NotAbrSource, NotCharacterSource) derive
// from it.
class NotRegistrySource : public RegistryError {
 public:
  using RegistryError::RegistryError;
};

// What importing one source file (or one zip entry), or one derivation made
// after the import, gave.
struct ImportedSource {
  Provenance provenance;  // as recorded
  // For a person, after "<file>: ": what was read into which table, with
  // the counts ("abr-town, 68 rows imported into abr_town, 0 rejected").
  std::string summary;
};

// Whether a file is a source of an importer, and if not, what it saw.
struct Recognition {
  bool recognised = false;
  std::string
      seen;  // when not recognised: what the start of the file shows ("" when nothing useful)
};

struct SourceImporter {
  // What its sources are, for messages: "the National Tax Agency's 法人番号 data (…)".
  std::string_view expected;
  // The --source-kind names it reads; provenance.source_kind is one of them.
  std::vector<std::string_view> kinds;
  // The page size (PRAGMA page_size) its tables load and read fastest with,
  // 0 when it measured no difference either way. A build uses the size the
  // importers with a preference agree on; SQLite's 4 KiB when none has one
  // or they disagree.
  int page_size = 0;
  // Reads the start of path (a zip: its first data entry) and tells whether
  // it is a source of this importer. Does not throw for an unreadable file
  // (not recognised) except for a damaged zip (RegistryError).
  Recognition (*recognise)(const std::filesystem::path& path) = nullptr;
  // Creates its tables when they do not exist yet (outside a transaction).
  void (*create_tables)(RegistryDb& db) = nullptr;
  // Imports one source (a file, or every data entry of a zip) as kind (one
  // of kinds), or detects each entry's kind when kind is "". Inside a
  // transaction, after create_tables. Rejected rows go to on_rejected.
  // Throws NotRegistrySource when the content is not of its kinds,
  // RegistryError when the file cannot be read to the end.
  std::vector<ImportedSource> (*import)(RegistryDb& db, const std::filesystem::path& path,
                                        std::string_view kind,
                                        const RejectedRowHandler& on_rejected) = nullptr;
  // Runs once after every source was imported (inside the transaction):
  // indexes, derived tables. Returns what it derived, as provenance rows.
  std::vector<ImportedSource> (*finish)(RegistryDb& db) = nullptr;

  // An importer with its four hooks; kinds and page_size are filled after.
  SourceImporter(std::string_view expected_sources, decltype(recognise) recognise_source,
                 decltype(create_tables) create, decltype(import) import_source,
                 decltype(finish) finish_import)
      : expected(expected_sources),
        recognise(recognise_source),
        create_tables(create),
        import(import_source),
        finish(finish_import) {}
};

}  // namespace gifkit::registries
