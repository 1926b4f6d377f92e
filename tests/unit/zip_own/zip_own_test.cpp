// zip_own_test.cpp — zip_archive.hpp as the browser build has it: over the own
// zip reader (zip_archive_own.cpp, linked here instead of libzip's adapter).
// The same contract as files_test.cpp's zip cases (entries, sizes, a stream,
// its messages), the byte cap stopping a bomb while it streams, headers that
// understate the size caught by the cap, a damaged entry's read_failed().
// room: grammars
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "../grammars/zip_test_support.hpp"
#include "grammars/io/zip_archive.hpp"

using namespace gifkit::grammars;
namespace fs = std::filesystem;

namespace {

using zip_test::file_bytes;
using zip_test::read_stream;
using zip_test::TempFolder;
using zip_test::write_zip;

}  // namespace

TEST_CASE("zip-own-1 entries, sizes and a stream over one entry", "[zip]") {
  TempFolder folder;
  zip_test::check_entries_and_stream(folder.path);
}

TEST_CASE("zip-own-2 the byte cap stops a bomb while it streams", "[zip]") {
  TempFolder folder;
  const fs::path path = folder.path / "bomb.zip";
  write_zip(path, {{"big", std::string(64 << 20, '0')}});  // 64 MiB in ~64 KiB
  CHECK(fs::file_size(path) < (1 << 20));
  ZipEntryStream stream(path, "big", 64 * 1024);
  const std::string text = read_stream(stream.file());
  CHECK(stream.limit_exceeded());
  CHECK_FALSE(stream.read_failed());
  CHECK(stream.bytes_read() <= 64 * 1024 + 65536);
  CHECK(text.size() <= 64 * 1024 + 65536);
  // Headers that understate the size: counted as it streams, the cap still stops it.
  zip_test::understate_size(path, "big", 1000);
  ZipEntryStream hidden(path, "big", 64 * 1024);
  CHECK(hidden.declared_size() == 1000);
  read_stream(hidden.file());
  CHECK(hidden.limit_exceeded());
  // Without a cap the entry is read to its end, its CRC right: as libzip, no failure.
  ZipEntryStream uncapped(path, "big");
  CHECK(read_stream(uncapped.file()).size() == std::size_t{64} << 20);
  CHECK_FALSE(uncapped.read_failed());
}

TEST_CASE("zip-own-3 not a zip, a missing entry, an encrypted entry, a cut archive, damage",
          "[zip]") {
  TempFolder folder;
  const fs::path text = folder.path / "plain.txt";
  std::ofstream(text) << "not a zip";
  CHECK_FALSE(starts_like_zip(text));
  CHECK_THROWS_WITH(ZipArchive(text),
                    text.string() + ": not a readable zip archive (Not a zip archive)");
  CHECK_THROWS_WITH(ZipArchive(folder.path / "none.zip"),
                    Catch::Contains("not a readable zip archive (No such file)"));
  const fs::path path = folder.path / "a.zip";
  write_zip(path, {{"one.csv", std::string(5000, 'a') + "b"}});
  CHECK_THROWS_WITH(ZipEntryStream(path, "two.csv"),
                    path.string() + ":two.csv: cannot read the zip entry (No such file)");
  const fs::path locked = folder.path / "locked.zip";
  write_zip(locked, {{"secret.xml", "<x/>"}}, "password");
  CHECK_THROWS_WITH(ZipEntryStream(locked, "secret.xml"), Catch::Contains("encrypted"));
  const fs::path cut = folder.path / "cut.zip";
  std::string bytes = file_bytes(path);
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  CHECK_THROWS_WITH(ZipArchive(cut), Catch::Contains("not a readable zip archive"));
  // A byte of the deflated data changed: the stream ends early, read_failed().
  const std::size_t data_at = 30 + static_cast<unsigned char>(bytes[26]) +  // name, extra
                              static_cast<unsigned char>(bytes[28]);
  bytes[data_at + 3] = static_cast<char>(bytes[data_at + 3] ^ 0x21);
  const fs::path damaged = folder.path / "damaged.zip";
  std::ofstream(damaged, std::ios::binary) << bytes;
  ZipEntryStream stream(damaged, "one.csv");
  read_stream(stream.file());
  CHECK(stream.read_failed());
}
