// kind_words.cpp — see kind_words.hpp.
#include "models/engine/dataset/kind_words.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "grammars/text/script_words.hpp"

namespace gifkit::models {
namespace {

// A kind's label without the 一覧 every list's label ends with.
std::string label_words_source(const std::string& label) {
  const std::string list = "一覧";
  if (label.size() > list.size() && label.ends_with(list))
    return label.substr(0, label.size() - list.size());
  return label;
}

}  // namespace

std::vector<KindWordsInHeader> kind_words_in(const ModelCatalog& catalog,
                                             const std::vector<std::string>& headers) {
  std::vector<std::string> kinds;                           // in the catalog's order
  std::map<std::string, std::set<std::string>> word_kinds;  // word → the kinds using it
  std::set<std::string> common_words;
  for (const Model* model : catalog.base_models()) {
    if (model->file_name.empty()) continue;
    if (std::find(kinds.begin(), kinds.end(), model->file_name) == kinds.end())
      kinds.push_back(model->file_name);
    std::set<std::string> common_labels;
    if (const Model* block = model->common.empty() ? nullptr : catalog.find(model->common))
      for (const FieldSpec& field : block->fields) {
        common_labels.insert(field.label);
        for (std::string& word : grammars::script_words(field.label))
          common_words.insert(std::move(word));
      }
    std::vector<std::string> sources{label_words_source(model->label)};
    for (const FieldSpec& field : model->fields)
      if (field.part.empty() && common_labels.count(field.label) == 0)
        sources.push_back(field.label);
    for (const std::string& source : sources)
      for (std::string& word : grammars::script_words(source))
        word_kinds[std::move(word)].insert(model->file_name);
  }
  std::map<std::string, std::vector<std::string>> words_of;  // kind → its own words
  for (const auto& [word, owners] : word_kinds)
    if (owners.size() == 1 && common_words.count(word) == 0)
      words_of[*owners.begin()].push_back(word);
  std::vector<KindWordsInHeader> found;
  for (const std::string& kind : kinds) {
    KindWordsInHeader entry{kind, 0, {}};
    for (const std::string& header : headers) {
      bool counted = false;
      for (const std::string& word : words_of[kind]) {
        if (header.find(word) == std::string::npos) continue;
        if (!counted) ++entry.columns;
        counted = true;
        if (std::find(entry.words.begin(), entry.words.end(), word) == entry.words.end())
          entry.words.push_back(word);
      }
    }
    if (entry.columns > 0) found.push_back(std::move(entry));
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.columns > b.columns; });
  return found;
}

}  // namespace gifkit::models
