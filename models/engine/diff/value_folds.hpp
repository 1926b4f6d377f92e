// value_folds.hpp — the folds `gifkit diff --fold` compares values after:
// the same width, kana, dash and legal-form folds validate's checks and
// registry rules use (grammars/text/text_fold.hpp, checks/registry_fold.hpp), so
// that a difference only a fold removes (１－３ and 1-3, ㈱ and 株式会社) is
// reported as fold_only, not as a change.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gifkit::models {

enum Fold : std::uint8_t {
  kFoldWidth = 1,      // full-width ASCII and U+3000 as ASCII
  kFoldKana = 2,       // half-width katakana widened, hiragana as katakana
  kFoldDash = 4,       // every dash character as '-'
  kFoldLegalForm = 8,  // ㈱ (株) （株） … written out as 株式会社 …
};
using FoldSet = std::uint8_t;

// "width,kana,dash,legal-form" (any of them, comma-separated; "all" for
// every fold, "" or "none" for none) as a set; nullopt for an unknown name.
std::optional<FoldSet> parse_folds(std::string_view names);

// The names of the folds in set, comma-separated ("" for none).
std::string fold_names(FoldSet set);

// value with the folds of set applied (value itself when set is empty).
std::string apply_folds(FoldSet set, std::string_view value);

}  // namespace gifkit::models
