// number_marks.cpp — see number_marks.hpp.
#include "grammars/dictionaries/number_marks.hpp"

#include <algorithm>
#include <utility>

#include "grammars/dictionaries/dictionaries.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {
namespace {

constexpr std::string_view kNumberMarksFile = "number_marks.tsv";

constexpr std::pair<std::string_view, NumberMark> kMarkNames[] = {
    {"chome", NumberMark::chome}, {"banchi", NumberMark::banchi}, {"ban", NumberMark::ban},
    {"go", NumberMark::go},       {"no", NumberMark::no},         {"hyphen", NumberMark::hyphen},
};

NumberMark mark_named(std::string_view name) {
  for (const auto& [mark_name, mark] : kMarkNames)
    if (mark_name == name) return mark;
  return NumberMark::none;
}

}  // namespace

const NumberMarkSpelling* NumberMarks::at_start(std::string_view text) const {
  for (const NumberMarkSpelling& spelling : spellings_)
    if (text.starts_with(spelling.text)) return &spelling;
  return nullptr;
}

bool NumberMarks::in_a_mark(char32_t cp) const {
  return std::binary_search(characters_.begin(), characters_.end(), cp);
}

NumberMarks read_number_marks(std::string_view text, std::string_view source,
                              std::vector<std::string>& errors) {
  std::vector<NumberMark> seen;
  const auto entries =
      read_dictionary_entries(text, source, 1, errors, [&](DictionaryEntry& entry) {
        const NumberMark mark = mark_named(entry.fields[0]);
        if (mark == NumberMark::none)
          return "mark is '" + std::string(entry.fields[0]) +
                 "'; expected chome, banchi, ban, go, no or hyphen";
        if (std::find(seen.begin(), seen.end(), mark) != seen.end())
          return "mark " + std::string(entry.fields[0]) + " is given twice";
        seen.push_back(mark);
        return std::string();
      });
  NumberMarks table;
  for (const DictionaryEntry& entry : entries) {
    for (const std::string& spelling : entry.spellings) {
      table.spellings_.push_back({spelling, mark_named(entry.fields[0])});
      for (std::size_t pos = 0; pos < spelling.size();)
        table.characters_.push_back(decode_utf8(spelling, pos));
    }
  }
  std::stable_sort(table.spellings_.begin(), table.spellings_.end(),
                   [](const auto& a, const auto& b) { return a.text.size() > b.text.size(); });
  std::sort(table.characters_.begin(), table.characters_.end());
  return table;
}

const NumberMarks& number_marks() {
  static const NumberMarks table = read_compiled_dictionary(kNumberMarksFile, read_number_marks);
  return table;
}

}  // namespace gifkit::grammars
