// registry_probe.hpp — /healthz's cheap look at a registry file (SQLite):
// its header, and a few of its pages checked for the structure SQLite gives
// every page, so that a file damaged while the server answers from it (pages
// overwritten in place) makes /healthz say degraded instead of ok. It is no
// PRAGMA integrity_check (that reads the whole file: seconds for a national
// registry, `gifkit registry verify`): each call reads the header and
// kSampledPages pages spread evenly over the file, one page further on at
// each call, so that a damaged stretch longer than 1/kSampledPages of the
// file is seen at the first call and any damaged page within pages /
// kSampledPages calls. Only bytes that no healthy file holds count as damage:
// a b-tree page whose header or cell pointers point outside the page, an
// overflow or freelist trunk page that names a page past the end, a header
// that is not SQLite's or names more pages than the file holds. A page of
// zeros is not found (a healthy file may hold one).
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace gifkit::tools::serve {

class RegistryFileProbe {
 public:
  static constexpr std::size_t kSampledPages = 64;
  // What looks damaged in the SQLite file at path ("" when nothing does); a
  // file that cannot be opened or read is damaged too, but not one deleted
  // (the server answers from the copy it holds open). The message names
  // the file by its file name only. Safe to call from any thread.
  std::string damage(const std::filesystem::path& path);

 private:
  std::atomic<std::uint64_t> turn_{0};
};

}  // namespace gifkit::tools::serve
