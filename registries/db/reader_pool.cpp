// reader_pool.cpp — see reader_pool.hpp.
#include "registries/db/reader_pool.hpp"

#include <cassert>

namespace gifkit::registries {

ReaderPool::ReaderPool(const RegistryDb& first, Opener open, std::size_t limit)
    : open_(std::move(open)), limit_(limit) {
  assert(limit >= 1);
  idle_.push_back(&first);
}

ReaderPool::~ReaderPool() {
  // Every lease has ended: each connection is idle again.
  assert(idle_.size() == opened_.size() + 1);
}

ReaderPool::Lease ReaderPool::lease() const {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!idle_.empty()) {
      const RegistryDb* db = idle_.back();
      idle_.pop_back();
      return Lease(this, db);
    }
    const bool may_open = open_ && !open_failed_ && 1 + opened_.size() + opening_ < limit_;
    if (!may_open) {
      returned_.wait(lock);
      continue;
    }
    // Opened outside the lock: another thread may give one back meanwhile.
    ++opening_;
    lock.unlock();
    std::unique_ptr<RegistryDb> db;
    try {
      db = std::make_unique<RegistryDb>(open_());
    } catch (...) {
      db.reset();  // not tried again: the pool goes on with what it has
    }
    lock.lock();
    --opening_;
    if (!db) {
      open_failed_ = true;
      continue;
    }
    opened_.push_back(std::move(db));
    return Lease(this, opened_.back().get());
  }
}

std::size_t ReaderPool::opened() const {
  std::lock_guard lock(mutex_);
  return opened_.size();
}

void ReaderPool::give_back(const RegistryDb* db) const {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(db);
  }
  returned_.notify_one();
}

}  // namespace gifkit::registries
