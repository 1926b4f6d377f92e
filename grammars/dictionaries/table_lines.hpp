// table_lines.hpp — the small tab-separated tables gifkit keeps as data
// (models/dictionaries/*.tsv): text read a line at a time, a CR before the
// line end dropped, blank lines and lines starting with # skipped, the
// others split at each tab. The readers of each table check the fields.
#pragma once
#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace gifkit::grammars {

// Calls on_line with the 1-based line number and the fields of every line of
// text that is neither blank nor a # comment. A line without a tab is one
// field. The fields point into text.
void for_each_table_line(
    std::string_view text,
    const std::function<void(std::size_t line, const std::vector<std::string_view>& fields)>&
        on_line);

}  // namespace gifkit::grammars
