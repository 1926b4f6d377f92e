// build_registry.cpp — see build_registry.hpp.
#include "registries/builder/build_registry.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <stdexcept>

#include "registries/builder/importer_list.hpp"
#include "registries/builder/registry_build.hpp"
#include "registries/builder/registry_holdings.hpp"
#include "registries/builder/source_completeness.hpp"
#include "registries/db/source_files.hpp"

namespace gifkit::registries {
namespace {

bool is_text_file(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension == ".txt" || extension == ".tsv";
}

// The importer of each file: the one reading kind, or the first that
// recognises the file's content. A .txt or .tsv file found in a folder that
// no importer recognises is skipped (on_skipped; a README), its importer
// nullptr. Throws NotRegistrySource naming the file and what every importer
// expected when none recognises another file.
// With options.accept_incomplete, a file none can read (a zip cut short) is skipped
// too, its importer nullptr, and named in unread.
std::vector<const SourceImporter*> importers_of(const std::vector<SourcePath>& files,
                                                const RegistryBuildOptions& options,
                                                std::vector<std::string>& unread) {
  std::vector<const SourceImporter*> importers;
  if (options.source_kind != "auto") {
    const SourceImporter* importer = importer_of_kind(options.source_kind);
    if (importer == nullptr)
      throw NotRegistrySource("unknown source kind '" + options.source_kind + "'");
    importers.assign(files.size(), importer);
    return importers;
  }
  for (const auto& [file, found_in_folder] : files) {
    const SourceImporter* found = nullptr;
    std::string not_recognised;
    bool readable = true;
    for (const SourceImporter& importer : source_importers()) {
      Recognition recognition;
      try {
        recognition = importer.recognise(file);
      } catch (const std::runtime_error& error) {
        if (!options.accept_incomplete) throw;
        // Named by its file name, never a path of the machine that built it.
        std::string why = error.what();
        if (why.rfind(file.string() + ": ", 0) == 0) why.erase(0, file.string().size() + 2);
        unread.push_back(source_file_name(file.string()) + ": not read: " + why);
        readable = false;
        break;
      }
      if (recognition.recognised) {
        found = &importer;
        break;
      }
      not_recognised += (not_recognised.empty() ? "" : "; ") + std::string("not ") +
                        std::string(importer.expected);
      if (!recognition.seen.empty()) not_recognised += ": " + recognition.seen;
    }
    if (!readable) {
      // named in unread
    } else if (found == nullptr && found_in_folder && is_text_file(file)) {
      if (options.on_skipped) options.on_skipped(file, "not a registry source");
    } else if (found == nullptr) {
      throw NotRegistrySource(file.string() +
                              ": not a recognised registry source: " + not_recognised);
    }
    importers.push_back(found);
  }
  return importers;
}

// The page size the importers in use that have a preference agree on, else
// SQLite's default (none has one, or two differ).
int agreed_page_size(const std::vector<const SourceImporter*>& importers) {
  int size = 0;
  for (const SourceImporter* importer : importers) {
    if (importer->page_size == 0) continue;
    if (size != 0 && importer->page_size != size) return 4096;
    size = importer->page_size;
  }
  return size == 0 ? 4096 : size;
}

}  // namespace

RegistryBuildResult build_registry(const RegistryBuildOptions& options,
                                   const RejectedRowHandler& on_rejected) {
  std::vector<std::string> arguments;
  for (const auto& source : options.sources) arguments.push_back(source.string());
  std::vector<SourcePath> files = expand_source_folders(arguments);
  if (files.empty())
    throw RegistryError("no .csv, .tsv, .txt, .xml or .zip files in the given folders");
  RegistryBuildResult result;
  std::vector<const SourceImporter*> importer_of_file =
      importers_of(files, options, result.missing);
  // The importers in use, in list order (the order their finish steps run).
  std::vector<const SourceImporter*> in_use;
  for (const SourceImporter& importer : source_importers()) {
    if (std::find(importer_of_file.begin(), importer_of_file.end(), &importer) !=
        importer_of_file.end())
      in_use.push_back(&importer);
  }
  if (in_use.empty()) throw RegistryError("no registry source among the files given");

  RegistryBuild registry_build(options.out);
  RegistryDb& db = registry_build.db();
  int page_size = agreed_page_size(in_use);
  if (page_size != 4096) db.set_page_size(page_size);
  for (const SourceImporter* importer : in_use) importer->create_tables(db);
  auto report = [&](const ImportedSource& source) {
    if (options.on_imported) options.on_imported(source);
  };
  std::string kind = options.source_kind == "auto" ? std::string() : options.source_kind;
  RejectedRowHandler rejected_to = on_rejected ? on_rejected : [](const RejectedRow&) {};
  db.begin();
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (importer_of_file[i] == nullptr) continue;  // skipped
    ++result.files;
    for (const ImportedSource& source :
         importer_of_file[i]->import(db, files[i].path, kind, rejected_to)) {
      result.rows += source.provenance.row_count;
      result.rejected += source.provenance.rejected_count;
      if (source.provenance.rejected_count > 0)
        result.missing.push_back(source_file_name(source.provenance.source_file) + ": " +
                                 std::to_string(source.provenance.rejected_count) +
                                 " rows rejected (not in the registry)");
      report(source);
    }
  }
  for (const SourceImporter* importer : in_use) {
    for (const ImportedSource& derived : importer->finish(db)) report(derived);
  }
  record_registry_data_date(db);
  // What registry info and the service show, counted once here, not at
  // every opening of the registry.
  record_table_counts(db);
  record_address_holdings(db);
  const auto checking = std::chrono::steady_clock::now();
  for (std::string& part : missing_abr_parts(db)) result.missing.push_back(std::move(part));
  result.check_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - checking).count();
  record_completeness(db, result.missing, options.accept_incomplete);
  db.commit();
  registry_build.commit();
  return result;
}

}  // namespace gifkit::registries
