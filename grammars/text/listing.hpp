// listing.hpp — names listed in a message's English: "a, b and c", or the
// first few of them and how many more ("a, b, c and 4 more"); alternatives
// with "or" ("a, b or c"). The one place
// that writes a list into a note, a problem's message or a fix.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace gifkit::grammars {

// "a", "a and b", "a, b and c"; "" for no items.
std::string listed(const std::vector<std::string>& items);

// The first `shown` items joined by ", ", then " and N more" when there are
// N more: "a, b, c and 4 more"; "a, b" when two is all there are.
std::string listed_first(const std::vector<std::string>& items, std::size_t shown);

// Alternatives: "a", "a or b", "a, b or c"; past `shown` of them, the first
// `shown` and how many more: "a, b, c or 7 more".
std::string listed_alternatives(const std::vector<std::string>& items, std::size_t shown);

}  // namespace gifkit::grammars
