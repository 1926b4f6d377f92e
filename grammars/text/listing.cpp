// listing.cpp — see listing.hpp.
#include "grammars/text/listing.hpp"

#include <cassert>

namespace gifkit::grammars {

std::string listed(const std::vector<std::string>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i)
    text += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return text;
}

std::string listed_first(const std::vector<std::string>& items, std::size_t shown) {
  assert(shown > 0);
  std::string text;
  for (std::size_t i = 0; i < items.size() && i < shown; ++i)
    text += (i == 0 ? "" : ", ") + items[i];
  if (items.size() > shown) text += " and " + std::to_string(items.size() - shown) + " more";
  return text;
}

}  // namespace gifkit::grammars
