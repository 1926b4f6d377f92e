// shared_cache.hpp — what a registry session has already read from its
// registry (an area by its code, a 町字 by its id), kept for every lookup and
// thread of the session: the facts are those of the one version of the
// registry the session reads, so a later request of the service answers
// from memory without a read transaction (issue #29: reading 町字 rows was a
// fifth of a 1-row POST /v1/validate). Bounded: cleared when it reaches its
// capacity. Readers share a lock; a miss is read outside it.
#pragma once
#include <cassert>
#include <cstddef>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace gifkit::models {

template <typename Value>
class SharedCache {
 public:
  explicit SharedCache(std::size_t capacity) : capacity_(capacity) { assert(capacity > 0); }

  // The value kept for key (nullopt: the registry has none) into out;
  // false when key was never read: then the caller reads it and puts it.
  bool find(const std::string& key, std::optional<Value>& out) const {
    std::shared_lock lock(mutex_);
    auto found = values_.find(key);
    if (found == values_.end()) return false;
    out = found->second;
    return true;
  }

  // Keeps what the registry holds for key (nullopt: nothing).
  void put(std::string key, std::optional<Value> value) {
    std::unique_lock lock(mutex_);
    if (values_.size() >= capacity_) values_.clear();
    values_.insert_or_assign(std::move(key), std::move(value));
  }

 private:
  const std::size_t capacity_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::optional<Value>> values_;
};

}  // namespace gifkit::models
