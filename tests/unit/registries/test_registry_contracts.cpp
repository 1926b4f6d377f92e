// test_registry_contracts.cpp — the stated preconditions of the registry
// layer are checked (assert, as SQLite's pager.c checks its own): the row
// stores and the importers of the 法人番号, ABR and character data run inside
// a transaction (houjin_store.hpp, houjin_csv.hpp, moji_store.hpp,
// moji_import.hpp, abr_import.hpp), and so does every importer's finish step
// (source_importer.hpp). Each misuse runs in a forked child, which must die
// of the assert (SIGABRT). Asserts are on in Debug builds (the sanitizer
// build); with NDEBUG the cases only say so.
// room: db
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <cstdio>
#include <functional>
#include <string>

#include "registries/abr/abr_import.hpp"
#include "registries/builder/importer_list.hpp"
#include "registries/db/registry_db.hpp"
#include "registries/db/source_importer.hpp"
#include "registries/houjin/import/houjin_csv.hpp"
#include "registries/houjin/import/houjin_store.hpp"
#include "registries/moji/moji_import.hpp"
#include "registries/moji/moji_store.hpp"
#include "registry_test_support.hpp"

using gifkit::registries::RejectedRowHandler;
namespace houjin = gifkit::registries::houjin;
namespace moji = gifkit::registries::moji;
namespace abr = gifkit::registries::abr;
using namespace registry_test;

namespace {
#ifndef NDEBUG

// True when misuse, run in a child process, ends it with SIGABRT.
bool dies_of_assert(const std::function<void()>& misuse) {
  std::fflush(nullptr);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::signal(SIGABRT, SIG_DFL);  // not Catch's handler: the child just dies
    try {
      misuse();
    } catch (...) {
      ::_exit(3);  // threw instead of asserting
    }
    ::_exit(0);  // went on
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

// A new registry with every importer's tables, and no transaction open.
RegistryDb registry_without_transaction(const ScratchDir& dir) {
  // A file of this process (each misuse runs in a child of its own): a bulk
  // load needs a new file.
  RegistryDb db =
      RegistryDb::create_for_bulk_load(dir / ("r" + std::to_string(::getpid()) + ".sqlite"));
  for (const auto& importer : gifkit::registries::source_importers()) importer.create_tables(db);
  REQUIRE_FALSE(db.in_transaction());
  return db;
}

#endif
}  // namespace

TEST_CASE("contracts-1.1 the row stores and importers assert that a transaction is open",
          "[registry][contracts]") {
#ifdef NDEBUG
  WARN("asserts are off in this build (NDEBUG): the sanitizer build (Debug) checks them");
#else
  ScratchDir dir;
  const RejectedRowHandler ignore = [](const auto&) {};
  const auto source = dir / "absent.csv";
  CHECK(dies_of_assert([&] {
    RegistryDb db = registry_without_transaction(dir);
    houjin::HoujinRowStore store(db, 1, "x.csv", ignore);
  }));
  CHECK(dies_of_assert([&] {
    RegistryDb db = registry_without_transaction(dir);
    houjin::import_houjin_source(db, source, ignore);
  }));
  CHECK(dies_of_assert([&] {
    RegistryDb db = registry_without_transaction(dir);
    moji::MojiRowStore store(db, 1);
  }));
  CHECK(dies_of_assert([&] {
    RegistryDb db = registry_without_transaction(dir);
    moji::import_moji_source(db, source, "", ignore);
  }));
  CHECK(dies_of_assert([&] {
    RegistryDb db = registry_without_transaction(dir);
    abr::import_abr_source(db, source, ignore);
  }));
  for (const auto& importer : gifkit::registries::source_importers()) {
    INFO(importer.kinds.front());
    CHECK(dies_of_assert([&] {
      RegistryDb db = registry_without_transaction(dir);
      importer.finish(db);
    }));
  }
  // Used as the contracts say, the same calls do not assert.
  CHECK_FALSE(dies_of_assert([&] {
    RegistryDb db = registry_without_transaction(dir);
    db.begin();
    { houjin::HoujinRowStore store(db, 1, "x.csv", ignore); }
    { moji::MojiRowStore store(db, 1); }
    for (const auto& importer : gifkit::registries::source_importers()) importer.finish(db);
    db.commit();
  }));
#endif
}
