// test_registry_probe.cpp — /healthz's look at a registry file
// (sqlite_registry_damage): nothing on a registry as built; a problem naming
// the file once pages in its middle are overwritten, once it is cut short or
// gone; and the look keeps the locks the process's other connections hold on
// the file (the look the server had before opened and closed the file by hand,
// which dropped SQLite's POSIX locks: a writer then committed under a reader).
// room: db
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "registries/db/sqlite_backend.hpp"
#include "registry_test_support.hpp"

using gifkit::registries::sqlite_registry_damage;
using namespace registry_test;

namespace {

std::filesystem::path built(const ScratchDir& dir) {
  REQUIRE(build_registry(dir / "houjin.db", {kDiffUtf8}).empty());
  return dir / "houjin.db";
}

// True when another process can take the file's write lock at once.
bool another_process_can_write(const std::filesystem::path& path) {
  const pid_t child = fork();
  if (child == 0) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) _exit(2);
    const int rc = sqlite3_exec(db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr);
    _exit(rc == SQLITE_OK ? 0 : 1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

TEST_CASE("probe-1.1 a registry as built looks whole; damaged, cut or gone it does not",
          "[registry][probe]") {
  ScratchDir dir;
  const auto path = built(dir);
  CHECK(sqlite_registry_damage(path, 0) == "");
  CHECK(sqlite_registry_damage(path, 7) == "");
  const auto size = std::filesystem::file_size(path);

  SECTION("pages overwritten in the middle") {
    {
      std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
      for (std::uint64_t at = size / 3; at < 2 * size / 3; at += 4096) {
        file.seekp(static_cast<std::streamoff>(at + 1024));
        file.write(std::string(2048, '\xff').data(), 2048);
      }
    }
    const std::string problem = sqlite_registry_damage(path, 0);
    CHECK(problem.rfind("houjin.db: page ", 0) == 0);
    CHECK(problem.find("is damaged") != std::string::npos);
    CHECK(problem.find(dir.path().string()) == std::string::npos);
  }
  SECTION("cut short") {
    std::filesystem::resize_file(path, size * 2 / 3);
    CHECK(sqlite_registry_damage(path, 0).rfind("houjin.db: ", 0) == 0);
  }
  SECTION("gone") {
    std::filesystem::remove(path);
    CHECK(sqlite_registry_damage(path, 0).find("houjin.db: the file is gone") == 0);
  }
  SECTION("an SQLite file that is no registry") {
    std::filesystem::remove(path);
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "CREATE TABLE t(a)", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(other);
    CHECK(sqlite_registry_damage(path, 0).find("houjin.db: not a gifkit registry") == 0);
  }
  SECTION("no registry at all") {
    std::ofstream(path, std::ios::trunc) << "no database";
    CHECK(sqlite_registry_damage(path, 0).rfind("houjin.db: ", 0) == 0);
  }
}

TEST_CASE("probe-1.2 the look keeps the read lock another connection of the process holds",
          "[registry][probe][lock]") {
  ScratchDir dir;
  const auto path = built(dir);
  sqlite3* reader = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &reader, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_exec(reader, "BEGIN; SELECT count(*) FROM sqlite_master", nullptr, nullptr,
                       nullptr) == SQLITE_OK);
  REQUIRE_FALSE(another_process_can_write(path));  // the reader's shared lock
  CHECK(sqlite_registry_damage(path, 0) == "");
  CHECK_FALSE(another_process_can_write(path));  // still held after the look
  sqlite3_exec(reader, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(reader);
  CHECK(another_process_can_write(path));
}
