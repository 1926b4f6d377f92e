// listing.cpp — see listing.hpp.
#include "grammars/text/listing.hpp"

#include <algorithm>
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

std::string listed_alternatives(const std::vector<std::string>& items, std::size_t shown) {
  assert(shown > 0);
  const std::size_t named = std::min(items.size(), shown);
  const bool more = items.size() > shown;
  std::string text;
  for (std::size_t i = 0; i < named; ++i)
    text += (i == 0 ? "" : !more && i + 1 == named ? " or " : ", ") + items[i];
  if (more) text += " or " + std::to_string(items.size() - shown) + " more";
  return text;
}

}  // namespace gifkit::grammars
