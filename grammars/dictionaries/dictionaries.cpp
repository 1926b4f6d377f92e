// dictionaries.cpp — see dictionaries.hpp (embedded_dictionary is generated
// into the build tree by cmake/embed_files.cmake).
#include "grammars/dictionaries/dictionaries.hpp"

#include <algorithm>
#include <stdexcept>

#include "grammars/dictionaries/table_lines.hpp"

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

std::vector<DictionaryEntry> read_dictionary_entries(
    std::string_view text, std::string_view source, std::size_t leading_fields,
    std::vector<std::string>& errors, const std::function<std::string(DictionaryEntry&)>& check) {
  std::vector<DictionaryEntry> entries;
  std::vector<std::string> seen;
  for_each_table_line(text, [&](std::size_t line, const std::vector<std::string_view>& fields) {
    auto bad = [&](const std::string& why) {
      errors.push_back(std::string(source) + ":" + std::to_string(line) + ": " + why);
    };
    if (fields.size() != leading_fields + 1) {
      bad("expected " + std::to_string(leading_fields + 1) +
          " tab-separated fields, the last canonical|variant|…, found " +
          std::to_string(fields.size()));
      return;
    }
    DictionaryEntry entry;
    entry.line = line;
    entry.fields.assign(fields.begin(), fields.end() - 1);
    std::string why;
    entry.spellings = split_spellings(fields.back(), why);
    if (entry.spellings.empty()) {
      bad(why);
      return;
    }
    why = check(entry);
    if (!why.empty()) {
      bad(why);
      return;
    }
    for (const std::string& spelling : entry.spellings) {
      if (std::find(seen.begin(), seen.end(), spelling) != seen.end()) {
        bad("the spelling '" + spelling + "' is given twice");
        return;
      }
    }
    seen.insert(seen.end(), entry.spellings.begin(), entry.spellings.end());
    entries.push_back(std::move(entry));
  });
  return entries;
}

}  // namespace gifkit::grammars
