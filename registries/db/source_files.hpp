// source_files.hpp — reading the published source files of the registries:
// expanding folders to files, SHA-256 checksums for provenance, the one loop
// that imports a source entry by entry (import_source_entries), and opening
// a plain file or an entry of a zip archive (grammars/io/zip_archive) as a FILE* so that the
// streaming readers (grammars/io/csv_reader.hpp, the XML reader) read both the
// same way.
#pragma once
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "grammars/io/zip_archive.hpp"

namespace gifkit::registries {

// The files named by the arguments: a file as it is, a folder as its .csv,
// .xml and .zip files (recursively, in name order). Throws RegistryError for
// a path that does not exist.
std::vector<std::filesystem::path> expand_source_paths(const std::vector<std::string>& arguments);

// The same, with a folder's .tsv and .txt files too (character data), each
// file with whether it was found in a folder (rather than named): the
// builder skips what it does not recognise there.
struct SourcePath {
  std::filesystem::path path;
  bool found_in_folder = false;
};
std::vector<SourcePath> expand_source_folders(const std::vector<std::string>& arguments,
                                              bool with_text_files = true);

// Lowercase hex SHA-256 of the file's bytes. Throws RegistryError when it
// cannot be read.
std::string sha256_of_file(const std::filesystem::path& path);

// True when the file starts with a zip signature or is named *.zip.
bool is_zip_source(const std::filesystem::path& path);

// The data entries of a zip archive (names ending in .csv or .xml, any case;
// the detached .asc signatures are not data), in archive order. Throws
// RegistryError naming the file when it is not a readable zip archive.
std::vector<std::string> zip_data_entries(const std::filesystem::path& path);
// The same, .csv entries only.
std::vector<std::string> zip_csv_entries(const std::filesystem::path& path);
// The same, the text entries: .csv, .tsv and .txt.
std::vector<std::string> zip_text_entries(const std::filesystem::path& path);

// The loop of every importer's import of one source: its entries ("" for a
// plain file; for a zip archive, what zip_entries lists, in archive order),
// the file's SHA-256 for their provenance (read once, after the entries are
// listed), then import_entry(entry, checksum) of each entry in that order.
// Returns what each gave, in that order. A zip archive without such entries
// throws NotSource "<path>: the zip archive holds no <holds_no>", before the
// checksum is read.
template <class NotSource, class ImportEntry>
auto import_source_entries(const std::filesystem::path& path,
                           std::vector<std::string> (*zip_entries)(const std::filesystem::path&),
                           std::string_view holds_no, ImportEntry&& import_entry)
    -> std::vector<std::invoke_result_t<ImportEntry&, const std::string&, const std::string&>> {
  std::vector<std::string> entries = {""};
  if (is_zip_source(path)) {
    entries = zip_entries(path);
    if (entries.empty())
      throw NotSource(path.string() + ": the zip archive holds no " + std::string(holds_no));
  }
  const std::string checksum = sha256_of_file(path);
  std::vector<std::invoke_result_t<ImportEntry&, const std::string&, const std::string&>> imported;
  for (const std::string& entry : entries) imported.push_back(import_entry(entry, checksum));
  return imported;
}

// A readable FILE* over a plain file or one zip entry (decompressed while it
// is read, through fopencookie: memory stays flat). Closes everything it
// opened.
class SourceStream {
 public:
  // Opens path, or the entry zip_entry of the zip archive path when it is
  // not empty. Throws RegistryError naming the file.
  SourceStream(const std::filesystem::path& path, const std::string& zip_entry = "");
  ~SourceStream();
  SourceStream(const SourceStream&) = delete;
  SourceStream& operator=(const SourceStream&) = delete;

  std::FILE* file() const;
  // The name for messages: "file" or "archive.zip:entry".
  const std::string& display_name() const { return display_name_; }
  // True when a zip entry could not be decompressed (a damaged archive); the
  // stream then ended early and the import must fail.
  bool zip_read_failed() const;

 private:
  std::FILE* file_ = nullptr;                        // a plain file
  std::unique_ptr<grammars::ZipEntryStream> entry_;  // or a zip entry
  std::string display_name_;
};

}  // namespace gifkit::registries
