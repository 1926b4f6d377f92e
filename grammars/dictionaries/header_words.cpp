// header_words.cpp — see header_words.hpp.
#include "grammars/dictionaries/header_words.hpp"

#include <algorithm>
#include <cassert>

#include "grammars/dictionaries/dictionaries.hpp"
#include "grammars/text/text_fold.hpp"

namespace gifkit::grammars {
namespace {

constexpr std::string_view kHeaderWordsFile = "header_words.tsv";

}  // namespace

std::string HeaderWords::canonical(std::string folded) const {
  for (const auto& [spelling, canonical] : words_)
    if (spelling == folded) return canonical;
  return folded;
}

std::vector<std::string> HeaderWords::forms(std::string_view header) const {
  const std::string folded = fold_label(header);
  std::vector<std::string> out{canonical(folded)};
  for (const std::string& suffix : suffixes_) {
    if (folded.size() <= suffix.size() || !folded.ends_with(suffix)) continue;
    std::string stem = canonical(folded.substr(0, folded.size() - suffix.size()));
    if (std::find(out.begin(), out.end(), stem) == out.end()) out.push_back(std::move(stem));
    break;  // one suffix: the longest that fits
  }
  return out;
}

bool HeaderWords::names_code(std::string_view header) const {
  const std::string folded = fold_label(header);
  return std::any_of(code_suffixes_.begin(), code_suffixes_.end(),
                     [&](const std::string& suffix) { return folded.ends_with(suffix); });
}

std::string HeaderWords::variant_stem(std::string_view header) const {
  const std::string folded = fold_label(header);
  for (const std::string& suffix : variant_suffixes_)
    if (folded.size() > suffix.size() && folded.ends_with(suffix))
      return folded.substr(0, folded.size() - suffix.size());
  std::size_t end = folded.size();
  while (end > 0 && folded[end - 1] >= '0' && folded[end - 1] <= '9') --end;
  if (end == folded.size()) return {};
  if (end > 0 && (folded[end - 1] == '_' || folded[end - 1] == '-')) --end;
  return folded.substr(0, end);
}

bool HeaderWords::name_one_item(std::string_view a, std::string_view b) const {
  const std::vector<std::string> of_a = forms(a);
  for (const std::string& form : forms(b))
    if (std::find(of_a.begin(), of_a.end(), form) != of_a.end()) return true;
  return false;
}

HeaderWords read_header_words(std::string_view text, std::string_view source,
                              std::vector<std::string>& errors) {
  std::vector<std::string> folded_seen;
  const auto entries =
      read_dictionary_entries(text, source, 1, errors, [&](DictionaryEntry& entry) {
        const std::string_view kind = entry.fields[0];
        if (kind != "suffix" && kind != "code-suffix" && kind != "variant" && kind != "word")
          return "kind is '" + std::string(kind) +
                 "'; expected suffix, code-suffix, variant or word";
        if (kind != "word" && entry.spellings.size() != 1)
          return std::string("a suffix is one spelling, without variants");
        std::vector<std::string> folded;
        for (const std::string& spelling : entry.spellings) {
          std::string key = fold_label(spelling);
          if (std::find(folded_seen.begin(), folded_seen.end(), key) != folded_seen.end() ||
              std::find(folded.begin(), folded.end(), key) != folded.end())
            return "the spelling '" + spelling + "' folds like one given before";
          folded.push_back(std::move(key));
        }
        folded_seen.insert(folded_seen.end(), folded.begin(), folded.end());
        return std::string();
      });
  HeaderWords table;
  for (const DictionaryEntry& entry : entries) {
    if (entry.fields[0] == "variant") {
      table.variant_suffixes_.push_back(fold_label(entry.spellings.front()));
      continue;
    }
    if (entry.fields[0] != "word") {
      table.suffixes_.push_back(fold_label(entry.spellings.front()));
      if (entry.fields[0] == "code-suffix") table.code_suffixes_.push_back(table.suffixes_.back());
      continue;
    }
    const std::string canonical = fold_label(entry.spellings.front());
    for (const std::string& spelling : entry.spellings)
      table.words_.emplace_back(fold_label(spelling), canonical);
  }
  const auto longest_first = [](const auto& a, const auto& b) { return a.size() > b.size(); };
  std::stable_sort(table.suffixes_.begin(), table.suffixes_.end(), longest_first);
  std::stable_sort(table.variant_suffixes_.begin(), table.variant_suffixes_.end(), longest_first);
  return table;
}

const HeaderWords& header_words() {
  static const HeaderWords table = read_compiled_dictionary(kHeaderWordsFile, read_header_words);
  return table;
}

}  // namespace gifkit::grammars
