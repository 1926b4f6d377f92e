// kind_words.hpp — the words of a dataset kind's own items that a header
// uses, as a person reads a header none of the models fits: 23 of the 35
// columns of 和歌山県's tourist-toilet list say トイレ, 洋式, 和式 or
// オストメイト (公衆トイレ一覧's words), though only 住所, 緯度 and 経度 are
// items by name. A kind's words are the script words (grammars/text/
// script_words) of its models' own item labels and of its label, which no
// other kind's items and no common block's items use; they are read from the
// models, never listed by hand. They only order the closest models named by
// no-model-fits (header_binding's choose_model); they never choose a model.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "models/engine/model/model_catalog.hpp"

namespace gifkit::models {

struct KindWordsInHeader {
  std::string kind;                // Model::file_name ("public_toilet")
  std::size_t columns = 0;         // headers that hold one of its words
  std::vector<std::string> words;  // the words found, in the headers' order
};

// The kinds whose words the headers hold, the most columns first (ties in
// the catalog's order); kinds with none are left out.
std::vector<KindWordsInHeader> kind_words_in(const ModelCatalog& catalog,
                                             const std::vector<std::string>& headers);

}  // namespace gifkit::models
