// diff_completeness.cpp — see diff_completeness.hpp.
#include "registries/houjin/update/diff_completeness.hpp"

#include <algorithm>
#include <fstream>

#include "registries/db/registry_db.hpp"
#include "registries/db/source_files.hpp"

namespace gifkit::registries::houjin {

std::string cut_short_reason(const std::filesystem::path& path) {
  if (is_zip_source(path)) return "";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RegistryError(path.string() + ": cannot read");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size <= 0) return "";
  // The last line: at most 64 KiB back (an NTA row is under 2 KiB).
  const std::streamoff tail = std::min<std::streamoff>(size, 65536);
  std::string bytes(static_cast<std::size_t>(tail), '\0');
  in.seekg(size - tail);
  in.read(bytes.data(), tail);
  if (bytes.back() == '\n' || bytes.back() == '\r') return "";
  std::size_t line_start = bytes.find_last_of('\n');
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  std::string_view last_line(bytes.data() + line_start, bytes.size() - line_start);
  const auto quotes = std::count(last_line.begin(), last_line.end(), '"');
  if (quotes % 2 != 0) {
    return "its last record is cut short (the file ends inside a quoted field, without a "
           "line end)";
  }
  if (last_line.back() == ',') {
    return "its last record is cut short (the file ends after a comma, without a line end)";
  }
  return "";
}

}  // namespace gifkit::registries::houjin
