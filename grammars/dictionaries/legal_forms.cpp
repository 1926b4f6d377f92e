// legal_forms.cpp — see legal_forms.hpp.
#include "grammars/dictionaries/legal_forms.hpp"

#include <algorithm>

#include "grammars/dictionaries/dictionaries.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {
namespace {

constexpr std::string_view kLegalFormsFile = "legal_forms.tsv";

// (株) as (株) （株） (株） （株); any other spelling as itself.
std::vector<std::string> bracket_widths(const std::string& spelling) {
  if (spelling.size() < 3 || spelling.front() != '(' || spelling.back() != ')') return {spelling};
  const std::string inside = spelling.substr(1, spelling.size() - 2);
  std::vector<std::string> forms;
  for (std::string_view open : {"(", "（"})
    for (std::string_view close : {")", "）"})
      forms.push_back(std::string(open) + inside + std::string(close));
  return forms;
}

bool longer(const std::string& a, const std::string& b) {
  return a.size() > b.size();
}

void remove_all(std::string& text, std::string_view word) {
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at))
    text.erase(at, word.size());
}

// text with every variant of table (longest first) that starts at a code
// point in first_code_points written as its form's canonical spelling.
std::string replace_variants(std::string_view utf8,
                             const std::vector<std::pair<std::string, std::size_t>>& table,
                             const std::vector<char32_t>& first_code_points,
                             const std::vector<LegalForm>& forms) {
  std::string out;
  out.reserve(utf8.size() + 16);
  for (std::size_t pos = 0; pos < utf8.size();) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(utf8, pos);
    if (std::binary_search(first_code_points.begin(), first_code_points.end(), cp)) {
      const std::string_view rest = utf8.substr(start);
      const auto variant = std::find_if(table.begin(), table.end(), [&](const auto& entry) {
        return rest.starts_with(entry.first);
      });
      if (variant != table.end()) {
        out += forms[variant->second].canonical;
        pos = start + variant->first.size();
        continue;
      }
    }
    out.append(utf8, start, pos - start);
  }
  return out;
}

}  // namespace

std::string_view LegalForms::single_character_form(char32_t cp) const {
  if (!std::binary_search(first_code_points_.begin(), first_code_points_.end(), cp)) return {};
  for (const auto& [variant, form] : variants_) {
    std::size_t pos = 0;
    if (decode_utf8(variant, pos) == cp && pos == variant.size()) return forms_[form].canonical;
  }
  return {};
}

std::string LegalForms::write_out(std::string_view utf8) const {
  return replace_variants(utf8, variants_, first_code_points_, forms_);
}

std::string LegalForms::search_spelling(std::string_view utf8) const {
  std::string text(utf8);
  for (const std::string& spelling : dropped_spellings_) remove_all(text, spelling);
  if (kept_variants_.empty()) return text;
  return replace_variants(text, kept_variants_, first_code_points_, forms_);
}

LegalForms read_legal_forms(std::string_view text, std::string_view source,
                            std::vector<std::string>& errors) {
  LegalForms table;
  const auto entries =
      read_dictionary_entries(text, source, 1, errors, [](DictionaryEntry& entry) -> std::string {
        if (entry.fields[0] != "dropped" && entry.fields[0] != "kept")
          return "search is '" + std::string(entry.fields[0]) + "'; expected dropped or kept";
        std::vector<std::string> spellings{entry.spellings.front()};
        for (std::size_t i = 1; i < entry.spellings.size(); ++i)
          for (std::string& variant : bracket_widths(entry.spellings[i]))
            spellings.push_back(std::move(variant));
        entry.spellings = std::move(spellings);
        return {};
      });
  for (const DictionaryEntry& entry : entries) {
    LegalForm form;
    form.dropped_from_search = entry.fields[0] == "dropped";
    form.canonical = entry.spellings.front();
    form.variants.assign(entry.spellings.begin() + 1, entry.spellings.end());
    table.forms_.push_back(std::move(form));
  }
  for (std::size_t index = 0; index < table.forms_.size(); ++index) {
    const LegalForm& form = table.forms_[index];
    for (const std::string& variant : form.variants) {
      table.variants_.emplace_back(variant, index);
      if (!form.dropped_from_search) table.kept_variants_.emplace_back(variant, index);
      std::size_t pos = 0;
      table.first_code_points_.push_back(decode_utf8(variant, pos));
    }
    if (form.dropped_from_search) {
      table.dropped_spellings_.push_back(form.canonical);
      table.dropped_spellings_.insert(table.dropped_spellings_.end(), form.variants.begin(),
                                      form.variants.end());
    }
  }
  auto by_length = [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); };
  std::stable_sort(table.variants_.begin(), table.variants_.end(), by_length);
  std::stable_sort(table.kept_variants_.begin(), table.kept_variants_.end(), by_length);
  std::stable_sort(table.dropped_spellings_.begin(), table.dropped_spellings_.end(), longer);
  std::sort(table.first_code_points_.begin(), table.first_code_points_.end());
  return table;
}

const LegalForms& legal_forms() {
  static const LegalForms table = read_compiled_dictionary(kLegalFormsFile, read_legal_forms);
  return table;
}

}  // namespace gifkit::grammars
