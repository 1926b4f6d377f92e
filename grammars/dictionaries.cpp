// dictionaries.cpp — see dictionaries.hpp (embedded_dictionary is generated
// into the build tree by cmake/embed_files.cmake).
#include "grammars/dictionaries.hpp"

#include <stdexcept>

namespace gifkit::grammars {

std::string_view dictionary_text(std::string_view name) {
  const auto text = embedded_dictionary(name);
  if (!text) {
    throw std::logic_error("models/dictionaries/" + std::string(name) +
                           " is not compiled into gifkit (grammars/CMakeLists.txt)");
  }
  return *text;
}

std::vector<std::string> split_spellings(std::string_view field, std::string& why) {
  std::vector<std::string> spellings;
  for (std::size_t start = 0;;) {
    const std::size_t bar = field.find('|', start);
    const std::string_view spelling = field.substr(start, bar - start);
    if (spelling.empty()) {
      why = "an empty spelling (two | in a row, or one at an end)";
      return {};
    }
    if (spelling.find_first_of(" \r") != std::string_view::npos ||
        spelling.find("\u3000") != std::string_view::npos) {
      why = "the spelling '" + std::string(spelling) + "' holds a space";
      return {};
    }
    spellings.emplace_back(spelling);
    if (bar == std::string_view::npos) return spellings;
    start = bar + 1;
  }
}

}  // namespace gifkit::grammars
