// files_test.cpp — the ground floor's file I/O: AtomicFile (commit, abandon,
// unwritable places) and the zip reader (entries, a stream over an entry, the
// byte cap, encrypted and damaged archives), on real files in a temporary
// folder. Zips are written with libzip.
// room: grammars
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "grammars/io/atomic_file.hpp"
#include "grammars/io/zip_archive.hpp"
#include "zip_test_support.hpp"

using namespace gifkit::grammars;
namespace fs = std::filesystem;

namespace {

using zip_test::file_bytes;
using zip_test::read_stream;
using zip_test::TempFolder;
using zip_test::write_zip;

std::size_t count_files(const fs::path& folder) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) ++n;
  return n;
}

// folder/out.txt, holding "old": a file for an AtomicFile to replace.
fs::path old_file(const TempFolder& folder) {
  const fs::path target = folder.path / "out.txt";
  std::ofstream(target) << "old";
  return target;
}

}  // namespace

TEST_CASE("files-1.1 AtomicFile: commit replaces the target, nothing else is left") {
  TempFolder folder;
  const fs::path target = old_file(folder);
  {
    AtomicFile file(target);
    file.stream() << "new content";
    CHECK(file_bytes(target) == "old");  // not yet
    CHECK(count_files(folder.path) == 2);
    file.commit();
  }
  CHECK(file_bytes(target) == "new content");
  CHECK(count_files(folder.path) == 1);
  CHECK((fs::status(target).permissions() & fs::perms::others_read) != fs::perms::none);
}

TEST_CASE("files-1.2 AtomicFile: abandoned, the old file stays byte for byte") {
  TempFolder folder;
  const fs::path target = old_file(folder);
  {
    AtomicFile file(target);
    file.stream() << "half";
  }
  CHECK(file_bytes(target) == "old");
  CHECK(count_files(folder.path) == 1);
}

TEST_CASE("files-1.3 AtomicFile: a directory or a missing folder is an error naming it") {
  TempFolder folder;
  CHECK_THROWS_WITH(AtomicFile(folder.path), Catch::Contains("is a directory"));
  CHECK_THROWS_WITH(AtomicFile(folder.path / "no" / "such.txt"),
                    Catch::Contains("cannot create a temporary file in"));
}

TEST_CASE("files-1.4 AtomicFile: a writer that opens the temporary path itself") {
  TempFolder folder;
  const fs::path target = folder.path / "db";
  AtomicFile file(target);
  std::ofstream(file.temporary_path()) << "written by another writer";
  file.commit();
  CHECK(file_bytes(target) == "written by another writer");
}

TEST_CASE("files-1.5 AtomicFile: the temporary file is private (0600) until committed") {
  TempFolder folder;
  const fs::path target = folder.path / "out.csv";
  AtomicFile file(target);
  file.stream() << "secret";
  const fs::perms perms = fs::status(file.temporary_path()).permissions();
  CHECK((perms & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
  file.commit();
  CHECK((fs::status(target).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
         fs::perms::others_read));
}

TEST_CASE("files-1.6 AtomicFile: a killed writer's temporary file goes, a live one's stays") {
  TempFolder folder;
  const fs::path target = folder.path / "out.csv";
  std::ofstream(folder.path / ".out.csv.tmp-Ab3dEf") << "abandoned";
  std::ofstream(folder.path / ".out.csv.tmp-Gh5jKl-journal") << "its journal";
  std::ofstream(folder.path / ".other.csv.tmp-Ab3dEf") << "another target's";
  AtomicFile live(target);  // holds its lock
  live.stream() << "live";
  {
    AtomicFile next(target);
    CHECK(!fs::exists(folder.path / ".out.csv.tmp-Ab3dEf"));
    CHECK(!fs::exists(folder.path / ".out.csv.tmp-Gh5jKl-journal"));
    CHECK(fs::exists(live.temporary_path()));
    CHECK(fs::exists(folder.path / ".other.csv.tmp-Ab3dEf"));
    HeldLock lock;
    CHECK(!lock.try_take(next.temporary_path()));  // held by next
  }
  live.commit();
  CHECK(file_bytes(target) == "live");
  CHECK(count_files(folder.path) == 2);  // out.csv and the other target's
}

TEST_CASE("files-1.7 AtomicFile: a FIFO (as /dev/null, a device) is written into, never replaced") {
  // Renamed over, `-o /dev/null` made /dev/null a regular file for every program after.
  TempFolder folder;
  const fs::path fifo = folder.path / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string read;
  std::thread reader([&] { read = file_bytes(fifo); });
  {
    AtomicFile file(fifo);
    CHECK(file.temporary_path().parent_path() != folder.path);  // not beside the FIFO
    file.stream() << "through the pipe";
    file.commit();
    CHECK(!fs::exists(file.temporary_path()));
  }
  reader.join();
  CHECK(read == "through the pipe");
  CHECK(fs::is_fifo(fs::symlink_status(fifo)));
  CHECK(count_files(folder.path) == 1);
}

TEST_CASE("files-1.8 AtomicFile: a symbolic link stays one; the file it names is replaced") {
  TempFolder folder;
  fs::create_directory(folder.path / "real");
  const fs::path file_path = folder.path / "real" / "out.txt";
  const fs::path link = folder.path / "link.txt";
  std::ofstream(file_path) << "old";
  fs::create_symlink(file_path, link);
  {
    AtomicFile file(link);
    file.stream() << "new";
    file.commit();
  }
  CHECK(fs::is_symlink(link));
  CHECK(file_bytes(file_path) == "new");
  CHECK(count_files(folder.path / "real") == 1);
}

TEST_CASE("files-2.1 zip: entries, sizes and a stream over one entry") {
  TempFolder folder;
  zip_test::check_entries_and_stream(folder.path);
}

TEST_CASE("files-2.2 zip: the byte cap stops a stream that yields more") {
  TempFolder folder;
  const fs::path path = folder.path / "bomb.zip";
  write_zip(path, {{"big", std::string(1 << 20, '0')}});
  ZipEntryStream stream(path, "big", 64 * 1024);
  std::string text = read_stream(stream.file());
  CHECK(stream.limit_exceeded());
  CHECK(text.size() <= 64 * 1024 + 65536);
}

TEST_CASE("files-2.3 zip: not a zip, a missing entry, an encrypted entry, a cut archive") {
  TempFolder folder;
  const fs::path text = folder.path / "plain.txt";
  std::ofstream(text) << "not a zip";
  CHECK_FALSE(starts_like_zip(text));
  CHECK_THROWS_WITH(ZipArchive(text), Catch::Contains("not a readable zip archive"));
  const fs::path path = folder.path / "a.zip";
  write_zip(path, {{"one.csv", "a"}});
  CHECK_THROWS_WITH(ZipEntryStream(path, "two.csv"), Catch::Contains("a.zip:two.csv"));
  const fs::path locked = folder.path / "locked.zip";
  write_zip(locked, {{"secret.xml", "<x/>"}}, "password");
  CHECK_THROWS_WITH(ZipEntryStream(locked, "secret.xml"), Catch::Contains("encrypted"));
  const fs::path cut = folder.path / "cut.zip";
  std::string bytes = file_bytes(path);
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  CHECK_THROWS_WITH(ZipArchive(cut), Catch::Contains("not a readable zip archive"));
}
