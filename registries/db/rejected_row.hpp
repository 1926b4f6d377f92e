// rejected_row.hpp — a source row an importer reported and skipped (file,
// line, reason), and the callback every importer reports it through. The one
// type of it: the 法人番号, ABR and character importers all use it.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace gifkit::registries {

struct RejectedRow {
  std::string file;
  std::uint64_t line = 0;  // 1-based physical line where the row starts
  std::string reason;
};
using RejectedRowHandler = std::function<void(const RejectedRow&)>;

}  // namespace gifkit::registries
