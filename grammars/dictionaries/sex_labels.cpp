// sex_labels.cpp — reads models/dictionaries/sex_labels.tsv (see
// sex_labels.hpp) and reads a written 性別 as its code.
#include "grammars/dictionaries/sex_labels.hpp"

#include <cctype>

#include "grammars/dictionaries/dictionaries.hpp"
#include "grammars/text/text_fold.hpp"

namespace gifkit::grammars {

namespace {

constexpr std::string_view kSexLabelsFile = "sex_labels.tsv";

// A spelling as compared: widths folded, trimmed, ASCII letters upper case.
std::string label_key(std::string_view text) {
  std::string key(trim_blanks(fold_ascii_width(text)));
  for (char& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return key;
}

}  // namespace

std::optional<int> SexLabels::code_of(std::string_view value) const {
  const std::string key = label_key(value);
  if (key.size() == 1 && key[0] >= '0' && key[0] <= '9') {
    const int code = key[0] - '0';
    for (const auto& [spelling, known] : codes_)
      if (known == code) return code;
    return std::nullopt;
  }
  const auto found = codes_.find(key);
  if (found == codes_.end()) return std::nullopt;
  return found->second;
}

SexLabels read_sex_labels(std::string_view text, std::string_view source,
                          std::vector<std::string>& errors) {
  SexLabels table;
  const auto entries =
      read_dictionary_entries(text, source, 1, errors, [](DictionaryEntry& entry) -> std::string {
        const std::string_view code = entry.fields.front();
        if (code.size() != 1 || code[0] < '0' || code[0] > '9') return "the code must be one digit";
        return "";
      });
  for (const DictionaryEntry& entry : entries) {
    const int code = entry.fields.front()[0] - '0';
    for (const std::string& spelling : entry.spellings) table.codes_[label_key(spelling)] = code;
  }
  return table;
}

const SexLabels& sex_labels() {
  static const SexLabels table = read_compiled_dictionary(kSexLabelsFile, read_sex_labels);
  return table;
}

}  // namespace gifkit::grammars
