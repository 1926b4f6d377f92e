// name_key.cpp — see name_key.hpp.
#include "registries/houjin/names/name_key.hpp"

#include <algorithm>
#include <array>

#include "grammars/text_fold.hpp"
#include "grammars/text_units.hpp"
#include "grammars/utf8.hpp"
#include "registries/moji/name_fold.hpp"

namespace gifkit::registries::houjin {
namespace {

// Enclosed ideographs and the square ㍿ as their bracketed/plain forms,
// variation selectors dropped and, with a fold, each character it folds
// replaced — in one pass over the name.
std::string expand_enclosed(std::string_view utf8, const moji::NameFold* fold) {
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
    switch (cp) {
      case 0x3231:
        out += "(株)";
        break;
      case 0x3232:
        out += "(有)";
        break;
      case 0x3233:
        out += "(社)";
        break;
      case 0x3236:
        out += "(財)";
        break;
      case 0x337F:
        out += "株式会社";
        break;
      default:
        grammars::append_utf8(out, cp);
    }
  }
  return out;
}

// Legal-form words removed from keys, longest first; 會社 is the old form
// (旧字体) of 会社, still seen in older registrations.
constexpr std::array<std::string_view, 15> kLegalForms = {
    "株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "株式會社", "有限會社", "合同會社",
    "合資會社", "合名會社", "(株)",     "(有)",     "(同)",     "(資)",     "(名)",
};

void remove_all(std::string& text, std::string_view word) {
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at))
    text.erase(at, word.size());
}

}  // namespace

std::string name_key(std::string_view utf8, const moji::NameFold* fold) {
  std::string text = expand_enclosed(utf8, fold);
  text = grammars::fold_ascii_width(text);
  text = grammars::halfwidth_to_fullwidth_kana(text);
  text = grammars::hiragana_to_katakana(text);
  for (std::string_view word : kLegalForms) remove_all(text, word);
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
