// rejected_row.hpp — a source row an importer reported and skipped (file,
// line, reason), and the callback importers report it through. Shared by the
// registries' importers (the ABR importer; houjin_store.hpp has its own
// identical type and could alias this one).
#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace gifkit::registries {

struct RejectedSourceRow {
  std::string file;
  std::uint64_t line = 0;  // 1-based physical line where the row starts
  std::string reason;
};
using RejectedSourceRowHandler = std::function<void(const RejectedSourceRow&)>;

}  // namespace gifkit::registries
