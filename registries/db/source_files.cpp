// source_files.cpp — see source_files.hpp.
#include "registries/db/source_files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

#include "grammars/io/regular_file.hpp"
#include "grammars/io/sha256.hpp"
#include "grammars/io/zip_archive.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries {
namespace {

bool has_extension(const std::filesystem::path& path, std::string_view extension) {
  std::string name = path.extension().string();
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name == extension;
}

// A name the registry reads: .csv or .xml, and .zip when zip_allowed.
bool is_data_file(const std::string& name, bool zip_allowed) {
  return has_extension(name, ".csv") || has_extension(name, ".xml") ||
         (zip_allowed && has_extension(name, ".zip"));
}

// A text file of character data: .tsv or .txt.
bool is_text_file(const std::string& name) {
  return has_extension(name, ".tsv") || has_extension(name, ".txt");
}

}  // namespace

std::vector<SourcePath> expand_source_folders(const std::vector<std::string>& arguments,
                                              bool with_text_files) {
  std::vector<SourcePath> files;
  for (const auto& argument : arguments) {
    std::filesystem::path path(argument);
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      std::vector<std::filesystem::path> found;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path, error)) {
        const std::string name = entry.path().string();
        if (entry.is_regular_file() &&
            (is_data_file(name, true) || (with_text_files && is_text_file(name))))
          found.push_back(entry.path());
      }
      if (error) throw RegistryError(argument + ": cannot list the folder: " + error.message());
      std::sort(found.begin(), found.end());
      for (auto& file : found) files.push_back({std::move(file), true});
    } else if (std::filesystem::exists(path, error)) {
      // A FIFO or a device would block the read or never end.
      if (const std::string why = grammars::not_regular_file_reason(path); !why.empty())
        throw RegistryError(argument + ": " + why);
      files.push_back({path, false});
    } else {
      throw RegistryError(argument + ": no such file or folder");
    }
  }
  return files;
}

std::vector<std::filesystem::path> expand_source_paths(const std::vector<std::string>& arguments) {
  std::vector<std::filesystem::path> files;
  for (auto& source : expand_source_folders(arguments, false))
    files.push_back(std::move(source.path));
  return files;
}

std::string sha256_of_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RegistryError(path.string() + ": cannot read: " + std::strerror(errno));
  grammars::Sha256 hasher;
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    hasher.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) throw RegistryError(path.string() + ": read error");
  return grammars::hex_digest(hasher.finish());
}

bool is_zip_source(const std::filesystem::path& path) {
  return has_extension(path, ".zip") || grammars::starts_like_zip(path);
}

namespace {

// The entries of the archive whose names is_wanted accepts, in archive order.
std::vector<std::string> zip_entries_named(const std::filesystem::path& path,
                                           bool (*is_wanted)(const std::string&)) {
  std::vector<std::string> names;
  try {
    for (const auto& entry : grammars::ZipArchive(path).entries())
      if (is_wanted(entry.name)) names.push_back(entry.name);
  } catch (const grammars::ZipError& error) {
    throw RegistryError(error.what());
  }
  return names;
}

}  // namespace

std::vector<std::string> zip_data_entries(const std::filesystem::path& path) {
  return zip_entries_named(path, [](const std::string& name) { return is_data_file(name, false); });
}

std::vector<std::string> zip_csv_entries(const std::filesystem::path& path) {
  return zip_entries_named(path,
                           [](const std::string& name) { return has_extension(name, ".csv"); });
}

std::vector<std::string> zip_text_entries(const std::filesystem::path& path) {
  return zip_entries_named(path, [](const std::string& name) {
    return has_extension(name, ".csv") || is_text_file(name);
  });
}

SourceStream::SourceStream(const std::filesystem::path& path, const std::string& zip_entry)
    : display_name_(zip_entry.empty() ? path.string() : path.string() + ":" + zip_entry) {
  if (zip_entry.empty()) {
    file_ = std::fopen(path.c_str(), "rb");
    if (file_ == nullptr)
      throw RegistryError(display_name_ + ": cannot open: " + std::strerror(errno));
    return;
  }
  try {
    entry_ = std::make_unique<grammars::ZipEntryStream>(path, zip_entry);
  } catch (const grammars::ZipError& error) {
    throw RegistryError(error.what());
  }
}

SourceStream::~SourceStream() {
  if (!entry_ && file_ != nullptr) std::fclose(file_);
}

std::FILE* SourceStream::file() const {
  return entry_ ? entry_->file() : file_;
}

bool SourceStream::zip_read_failed() const {
  return entry_ && entry_->read_failed();
}

}  // namespace gifkit::registries
