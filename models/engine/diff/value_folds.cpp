// value_folds.cpp — see value_folds.hpp.
#include "models/engine/diff/value_folds.hpp"

#include <array>
#include <utility>

#include "grammars/text/text_fold.hpp"
#include "models/engine/checks/registry_fold.hpp"

namespace gifkit::models {
namespace {

constexpr std::array<std::pair<std::string_view, Fold>, 4> kFolds = {{
    {"width", kFoldWidth},
    {"kana", kFoldKana},
    {"dash", kFoldDash},
    {"legal-form", kFoldLegalForm},
}};

}  // namespace

std::optional<FoldSet> parse_folds(std::string_view names) {
  if (names.empty() || names == "none") return FoldSet{0};
  if (names == "all") return FoldSet{kFoldWidth | kFoldKana | kFoldDash | kFoldLegalForm};
  FoldSet set = 0;
  while (!names.empty()) {
    const std::size_t comma = names.find(',');
    const std::string_view name = names.substr(0, comma);
    bool known = false;
    for (const auto& [fold_name, fold] : kFolds) {
      if (name != fold_name) continue;
      set |= fold;
      known = true;
    }
    if (!known) return std::nullopt;
    names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 1);
  }
  return set;
}

std::string fold_names(FoldSet set) {
  std::string names;
  for (const auto& [name, fold] : kFolds) {
    if ((set & fold) == 0) continue;
    if (!names.empty()) names += ',';
    names += name;
  }
  return names;
}

std::string apply_folds(FoldSet set, std::string_view value) {
  std::string out(value);
  if (set & kFoldLegalForm) out = expand_legal_forms(out);
  if (set & kFoldWidth) out = grammars::fold_ascii_width(out);
  if (set & kFoldKana)
    out = grammars::hiragana_to_katakana(grammars::halfwidth_to_fullwidth_kana(out));
  if (set & kFoldDash) out = grammars::normalize_dashes(out);
  return out;
}

}  // namespace gifkit::models
