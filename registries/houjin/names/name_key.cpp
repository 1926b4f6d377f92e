// name_key.cpp — see name_key.hpp.
#include "registries/houjin/names/name_key.hpp"

#include <algorithm>

#include "grammars/dictionaries/legal_forms.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/text_units.hpp"
#include "grammars/text/utf8.hpp"
#include "registries/moji/name_fold.hpp"

namespace gifkit::registries::houjin {
namespace {

// The name with variation selectors dropped and, with a fold, each
// character it folds replaced — in one pass over the name.
std::string fold_characters(std::string_view utf8, const moji::NameFold* fold) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    char32_t cp = grammars::decode_utf8(utf8, pos);
    if (cp >= 0xFE00 && grammars::is_variation_selector(cp)) continue;
    if (fold != nullptr && cp >= 0x80) {
      std::string_view folded = fold->fold(cp);
      if (!folded.empty()) {
        out.append(folded);
        continue;
      }
    }
    grammars::append_utf8(out, cp);
  }
  return out;
}

}  // namespace

std::string name_key(std::string_view utf8, const moji::NameFold* fold) {
  std::string text = fold_characters(utf8, fold);
  text = grammars::fold_ascii_width(text);
  text = grammars::halfwidth_to_fullwidth_kana(text);
  text = grammars::hiragana_to_katakana(text);
  text = grammars::legal_forms().search_spelling(text);
  std::string key;
  key.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t cp = grammars::decode_utf8(text, pos);
    if (cp == ' ' || cp == '\t' || cp == 0x3000 || cp == '\r' || cp == '\n') continue;
    if (cp >= 'A' && cp <= 'Z') cp = cp - 'A' + 'a';
    grammars::append_utf8(key, cp);
  }
  return key;
}

std::vector<std::string> key_grams(std::string_view key) {
  std::vector<std::string> grams;
  std::vector<std::size_t> starts;
  for (std::size_t pos = 0; pos < key.size();) {
    starts.push_back(pos);
    grammars::decode_utf8(key, pos);
  }
  starts.push_back(key.size());
  auto add = [&grams](std::string gram) {
    if (std::find(grams.begin(), grams.end(), gram) == grams.end())
      grams.push_back(std::move(gram));
  };
  for (std::size_t i = 0; i + 2 < starts.size(); ++i)
    add(std::string(key.substr(starts[i], starts[i + 2] - starts[i])));
  if (starts.size() >= 2) {
    std::size_t last = starts[starts.size() - 2];
    add(std::string(key.substr(last)));
  }
  return grams;
}

std::size_t key_length(std::string_view key) {
  return grammars::count_code_points(key);
}

}  // namespace gifkit::registries::houjin
