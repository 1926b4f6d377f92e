// test_registry_locks.cpp — what a reader does when another process holds
// the registry file's lock (a backup tool, a sqlite3 shell, an update): the
// statement that met the lock fails with RegistryLocked and is reset, so the
// same prepared statement (a service keeps its statements) answers again
// once the lock is gone (issue #28, defect 1: it failed every later bind
// with "bad parameter or other API misuse" until the service reopened).
// room: db
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "registries/db/registry_db.hpp"
#include "registry_test_support.hpp"

using gifkit::registries::RegistryLocked;
using namespace registry_test;

namespace {

// A second connection, as another process would hold it: BEGIN EXCLUSIVE
// takes the file's exclusive lock at once; release() ends it.
class ExclusiveLock {
 public:
  explicit ExclusiveLock(const std::filesystem::path& path) {
    REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  }
  ~ExclusiveLock() { release(); }
  ExclusiveLock(const ExclusiveLock&) = delete;
  ExclusiveLock& operator=(const ExclusiveLock&) = delete;
  void release() {
    if (db_ == nullptr) return;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
    db_ = nullptr;
  }

 private:
  sqlite3* db_ = nullptr;
};

// A registry of the real 2021-07-14 diff in dir, opened to read with a busy
// timeout of busy_timeout_ms.
RegistryDb opened_2021(const ScratchDir& dir, int busy_timeout_ms) {
  REQUIRE(build_registry(dir / "houjin.db", {kDiffUtf8}).empty());
  RegistryDb db = RegistryDb::open_existing(dir / "houjin.db");
  db.set_busy_timeout(busy_timeout_ms);
  return db;
}

}  // namespace

TEST_CASE("locks-1.1 a statement that meets a lock is reset and answers once it is gone",
          "[registry][failure][lock]") {
  ScratchDir dir;
  RegistryDb db = opened_2021(dir, 0);
  auto any = db.prepare("SELECT corporate_number FROM corporation ORDER BY corporate_number");
  REQUIRE(any.step());
  const std::int64_t number = any.column_int64(0);
  any.reset();

  auto lookup = db.prepare("SELECT name FROM corporation WHERE corporate_number = ?1");
  lookup.bind_int64(1, number);
  REQUIRE(lookup.step());
  const std::string name(lookup.column_text(0));
  lookup.reset();

  ExclusiveLock lock(dir / "houjin.db");
  for (int attempt = 0; attempt < 3; ++attempt) {
    lookup.bind_int64(1, number);
    try {
      lookup.step();
      FAIL("the step did not meet the lock");
    } catch (const RegistryLocked& error) {
      CHECK_THAT(error.what(), Catch::Contains("houjin.db is locked by another process"));
    }
  }
  lock.release();
  // The same statement, bound again as a service's cached lookup would be.
  lookup.bind_int64(1, number);
  REQUIRE(lookup.step());
  CHECK(lookup.column_text(0) == name);
  lookup.reset();
}

TEST_CASE("locks-1.2 a reader with a busy timeout waits out a short lock", "[registry][lock]") {
  ScratchDir dir;
  RegistryDb db = opened_2021(dir, 5000);
  auto count = db.prepare("SELECT count(*) FROM corporation");
  ExclusiveLock lock(dir / "houjin.db");
  auto started = std::chrono::steady_clock::now();
  std::thread releaser([&lock] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    lock.release();
  });
  bool stepped = false;
  try {
    stepped = count.step();
  } catch (const RegistryError&) {
  }
  releaser.join();
  CHECK(stepped);
  CHECK(count.column_int64(0) > 0);
  CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(250));
}
