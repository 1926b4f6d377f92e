// zip_test_support.hpp — for the grammars tests that read files: a temporary
// folder removed at the end of the test, and zip archives written with libzip
// (optionally encrypted with AES-256), and the faults of a hostile archive: an
// entry whose headers understate what it inflates to, or any header field rewritten;
// and the first cases of zip_archive.hpp's contract, which both of its
// implementations pass (files_test.cpp: libzip's; zip_own_test.cpp: the own reader).
#pragma once
#include <stdlib.h>
#include <zip.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "grammars/io/zip_archive.hpp"

namespace zip_test {

// The bytes of a file (of a pipe too: read to its end).
inline std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct TempFolder {
  std::filesystem::path path;
  TempFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "gifkit-test-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~TempFolder() { std::filesystem::remove_all(path); }
};

using Entries = std::vector<std::pair<std::string, std::string>>;  // name, content

inline void write_zip(const std::filesystem::path& path, const Entries& files,
                      const char* password = nullptr) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  for (const auto& [name, content] : files) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE);
    REQUIRE(index >= 0);
    if (password != nullptr)
      REQUIRE(zip_file_set_encryption(archive, static_cast<zip_uint64_t>(index), ZIP_EM_AES_256,
                                      password) == 0);
  }
  REQUIRE(zip_close(archive) == 0);
}

// Rewrites a 4-byte field of entry's two headers in the archive at path: at
// local_at of its local header and central_at of its central one.
inline void patch_headers(const std::filesystem::path& path, const std::string& entry,
                          std::size_t local_at, std::size_t central_at, std::uint32_t value) {
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  int patched = 0;
  // Local header: signature PK\3\4, name length at 26, name at 30.
  // Central header: PK\1\2, name length at 28, name at 46.
  for (const auto& [signature, field_at, length_at, name_at] :
       {std::tuple{"PK\x03\x04", local_at, std::size_t{26}, std::size_t{30}},
        std::tuple{"PK\x01\x02", central_at, std::size_t{28}, std::size_t{46}}}) {
    for (std::size_t at = bytes.find(signature); at != std::string::npos;
         at = bytes.find(signature, at + 4)) {
      const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[at + i]); };
      const std::size_t length = byte(length_at) | (byte(length_at + 1) << 8);
      if (length != entry.size() || bytes.compare(at + name_at, length, entry) != 0) continue;
      for (int i = 0; i < 4; ++i) bytes[at + field_at + i] = static_cast<char>(value >> (8 * i));
      ++patched;
    }
  }
  REQUIRE(patched == 2);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Rewrites the archive at path so that the headers (local and central) of
// entry say it inflates to `size` bytes: a zip bomb that hides its size.
inline void understate_size(const std::filesystem::path& path, const std::string& entry,
                            std::uint32_t size) {
  patch_headers(path, entry, 22, 24, size);
}

// All that file reads from file.
inline std::string read_stream(std::FILE* file) {
  std::string text;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
  return text;
}

// An archive of two entries written in folder: ZipArchive lists them with their
// sizes and finds one by name; a ZipEntryStream yields one whole, and says so.
inline void check_entries_and_stream(const std::filesystem::path& folder) {
  using namespace gifkit::grammars;
  const std::filesystem::path path = folder / "a.zip";
  const std::string big(100000, 'x');
  write_zip(path, {{"one.csv", "a,b\n1,2\n"}, {"dir/two.txt", big}});
  CHECK(starts_like_zip(path));
  ZipArchive archive(path);
  auto entries = archive.entries();
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].name == "one.csv");
  CHECK(entries[1].size == big.size());
  CHECK(entries[1].compressed_size < big.size());
  ZipEntryInfo info;
  CHECK(archive.find("dir/two.txt", info));
  CHECK(info.size == big.size());
  CHECK_FALSE(archive.find("three", info));
  ZipEntryStream stream(path, "dir/two.txt");
  CHECK(read_stream(stream.file()) == big);
  CHECK_FALSE(stream.read_failed());
  CHECK(stream.bytes_read() == big.size());
  CHECK(stream.declared_size() == big.size());
  CHECK(stream.display_name() == path.string() + ":dir/two.txt");
}

}  // namespace zip_test
