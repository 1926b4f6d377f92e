// atomic_shared.hpp — AtomicShared<T>: a shared_ptr that one thread sets while
// others read it (the address index's cached places): std::atomic of a
// shared_ptr where the standard library has it (libstdc++), else a slot with
// the same load and store over the standard's atomic_load / atomic_store of a
// shared_ptr (the libc++ of emscripten 3.1.6: the browser build).
#pragma once
#include <atomic>
#include <memory>
#include <version>

namespace gifkit::registries::abr {

#if defined(__cpp_lib_atomic_shared_ptr)
template <class T>
using AtomicShared = std::atomic<std::shared_ptr<T>>;
#else
template <class T>
class AtomicShared {
 public:
  std::shared_ptr<T> load(std::memory_order order = std::memory_order_seq_cst) const {
    return std::atomic_load_explicit(&value_, order);
  }
  void store(std::shared_ptr<T> value, std::memory_order order = std::memory_order_seq_cst) {
    std::atomic_store_explicit(&value_, std::move(value), order);
  }

 private:
  std::shared_ptr<T> value_;
};
#endif

}  // namespace gifkit::registries::abr
