// table_lines.cpp — see table_lines.hpp.
#include "grammars/dictionaries/table_lines.hpp"

namespace gifkit::grammars {

void for_each_table_line(
    std::string_view text,
    const std::function<void(std::size_t line, const std::vector<std::string_view>& fields)>&
        on_line) {
  std::size_t line_number = 0;
  std::vector<std::string_view> fields;
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    fields.clear();
    for (std::size_t start = 0;;) {
      auto tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    on_line(line_number, fields);
  }
}

}  // namespace gifkit::grammars
