// reader_pool.hpp — read connections to one registry shared by threads that
// read at the same time: the caller's own connection first, and up to a
// limit more opened on demand (each thread reads through its own: one
// SQLite connection, or one PostgreSQL session, runs one statement at a
// time). A lease lends one connection to one thread until it ends; with no
// opener, or at the limit, a lease waits for a connection to come back.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries {

class ReaderPool {
 public:
  // Opens another read-only connection to the registry first reads.
  using Opener = std::function<RegistryDb()>;

  // first: lent first (the caller's, which must outlive the pool). open:
  // how to open more ({}: first alone, lent to one thread at a time).
  // limit: connections at most, first included (≥ 1).
  ReaderPool(const RegistryDb& first, Opener open, std::size_t limit = 8);
  ~ReaderPool();
  ReaderPool(const ReaderPool&) = delete;
  ReaderPool& operator=(const ReaderPool&) = delete;

  class Lease {
   public:
    Lease(Lease&& other) noexcept : pool_(other.pool_), db_(other.db_) { other.db_ = nullptr; }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (db_ != nullptr) pool_->give_back(db_);
    }
    // The lent connection: this thread's alone while the lease lives.
    const RegistryDb& db() const { return *db_; }

   private:
    friend class ReaderPool;
    Lease(const ReaderPool* pool, const RegistryDb* db) : pool_(pool), db_(db) {}
    const ReaderPool* pool_;
    const RegistryDb* db_;
  };

  // A connection no other lease holds: an idle one, else one opened when
  // the pool may open more, else the next one given back. A connection that
  // fails to open is not tried again (the pool goes on with those it has).
  Lease lease() const;
  // How many connections were opened beside first.
  std::size_t opened() const;

 private:
  void give_back(const RegistryDb* db) const;

  Opener open_;
  std::size_t limit_;
  mutable std::mutex mutex_;
  mutable std::condition_variable returned_;
  mutable std::vector<const RegistryDb*> idle_;              // under mutex_
  mutable std::vector<std::unique_ptr<RegistryDb>> opened_;  // under mutex_
  mutable std::size_t opening_ = 0;                          // under mutex_
  mutable bool open_failed_ = false;                         // under mutex_
};

}  // namespace gifkit::registries
