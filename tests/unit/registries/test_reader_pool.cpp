// test_reader_pool.cpp — ReaderPool: the caller's connection lent first,
// more opened only while every one is lent, given back and lent again; with
// no opener, or when opening fails, a lease waits for one to come back.
// room: db
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <thread>

#include "registry_test_support.hpp"
#include "registries/db/reader_pool.hpp"

namespace {

using gifkit::registries::ReaderPool;
using gifkit::registries::RegistryDb;
using gifkit::registries::RegistryError;

// An empty registry: the pool lends connections, whatever they hold (the ABR
// test registry would cost this room its 10 s build).
const std::filesystem::path& empty_registry() {
  static registry_test::ScratchDir dir;
  static const std::filesystem::path path = [] {
    auto target = dir / "empty.sqlite";
    RegistryDb::create_for_bulk_load(target);
    return target;
  }();
  return path;
}

RegistryDb open_test_registry() { return RegistryDb::open_existing(empty_registry()); }

// Leases on another thread; done says when it has one.
struct WaitingLease {
  std::atomic<bool> done{false};
  const RegistryDb* got = nullptr;
  std::thread thread;
  explicit WaitingLease(const ReaderPool& pool) {
    thread = std::thread([this, &pool] {
      const ReaderPool::Lease lease = pool.lease();
      got = &lease.db();
      done = true;
    });
  }
  ~WaitingLease() {
    if (thread.joinable()) thread.join();
  }
};

}  // namespace

TEST_CASE("reader pool 1: the caller's connection first, another only while it is lent",
          "[reader_pool]") {
  const RegistryDb first = open_test_registry();
  int opens = 0;
  const ReaderPool pool(first, [&opens] {
    ++opens;
    return open_test_registry();
  });
  {
    const ReaderPool::Lease a = pool.lease();
    CHECK(&a.db() == &first);
    CHECK(opens == 0);
    const ReaderPool::Lease b = pool.lease();
    CHECK(&b.db() != &first);
    CHECK(opens == 1);
    CHECK(pool.opened() == 1);
  }
  // Both given back: lent again, nothing opened.
  const ReaderPool::Lease c = pool.lease();
  const ReaderPool::Lease d = pool.lease();
  CHECK(opens == 1);
  CHECK(&c.db() != &d.db());
}

TEST_CASE("reader pool 2: with no opener a lease waits for the one connection", "[reader_pool]") {
  const RegistryDb first = open_test_registry();
  const ReaderPool pool(first, {});
  auto held = std::make_unique<ReaderPool::Lease>(pool.lease());
  WaitingLease waiting(pool);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(waiting.done);  // waits while the one connection is lent
  held.reset();
  waiting.thread.join();
  CHECK(waiting.done);
  CHECK(waiting.got == &first);
  CHECK(pool.opened() == 0);
}

TEST_CASE("reader pool 3: an opener that fails is not tried again; the pool goes on",
          "[reader_pool]") {
  const RegistryDb first = open_test_registry();
  int tries = 0;
  const ReaderPool pool(first, [&tries]() -> RegistryDb {
    ++tries;
    throw RegistryError("no more connections");
  });
  auto held = std::make_unique<ReaderPool::Lease>(pool.lease());
  WaitingLease waiting(pool);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(waiting.done);
  held.reset();
  waiting.thread.join();
  CHECK(waiting.got == &first);
  CHECK(tries == 1);
  {
    auto again = std::make_unique<ReaderPool::Lease>(pool.lease());
    WaitingLease none_left(pool);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK_FALSE(none_left.done);
    again.reset();
  }
  CHECK(tries == 1);  // not tried again
}

TEST_CASE("reader pool 4: no more than the limit are open", "[reader_pool]") {
  const RegistryDb first = open_test_registry();
  const ReaderPool pool(first, open_test_registry, 2);
  auto a = std::make_unique<ReaderPool::Lease>(pool.lease());
  auto b = std::make_unique<ReaderPool::Lease>(pool.lease());
  CHECK(pool.opened() == 1);
  WaitingLease waiting(pool);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(waiting.done);  // at the limit: waits
  b.reset();
  waiting.thread.join();
  CHECK(waiting.done);
  CHECK(pool.opened() == 1);
}
