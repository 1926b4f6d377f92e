// edit_distance.hpp — the Levenshtein distance between two texts, over code
// points, with a limit past which it gives up: what a "one character off"
// header and a "did you mean" for a mistyped name are measured with.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace gifkit::grammars {

// The code points of UTF-8 text (an invalid byte as decode_utf8 reads it).
std::u32string to_code_points(std::string_view text);

// The number of code points to insert, delete or replace to make a into b;
// limit + 1 as soon as it must be more than limit.
std::size_t edit_distance(std::u32string_view a, std::u32string_view b, std::size_t limit);

}  // namespace gifkit::grammars
