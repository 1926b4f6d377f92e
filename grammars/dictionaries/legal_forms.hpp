// legal_forms.hpp — the legal forms (法人格) written in corporations' names:
// 株式会社 and its other spellings ㈱ ㍿ (株) 株式會社, and so on. The table is
// data, models/dictionaries/legal_forms.tsv (compiled in, dictionaries.hpp);
// this file reads it and applies it. The one table behind the name search
// key (registries/houjin/name_key.hpp), validate's comparison with the
// registered name (models/engine/checks/registry_fold.hpp) and `gifkit diff
// --fold legal-form`.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gifkit::grammars {

// One line of the table.
struct LegalForm {
  std::string canonical;              // 株式会社
  std::vector<std::string> variants;  // 株式會社 ㈱ ㍿ (株) （株） (株） （株)
  bool dropped_from_search = false;   // the name search ignores every spelling of it
};

class LegalForms {
 public:
  const std::vector<LegalForm>& forms() const { return forms_; }

  // The canonical spelling of a variant that is one code point (㈱ →
  // 株式会社, ㈾ → 合資会社); "" for any other code point.
  std::string_view single_character_form(char32_t cp) const;

  // utf8 with every variant written as its canonical spelling (at each
  // point the longest variant that starts there), nothing else changed:
  // "㈱山田商店" → "株式会社山田商店", "（資）太平" → "合資会社太平".
  std::string write_out(std::string_view utf8) const;

  // The legal forms of a name as the search key has them: every spelling
  // of a dropped form removed wherever it stands (longest spellings first,
  // each through the whole text once, as name keys have always been made),
  // then the variants of the kept forms written out. "㈾太平木工所" and
  // "合資会社太平木工所" both give "太平木工所"; "㈳日本" gives "社団法人日本".
  std::string search_spelling(std::string_view utf8) const;

 private:
  friend LegalForms read_legal_forms(std::string_view, std::string_view, std::vector<std::string>&);
  std::vector<LegalForm> forms_;
  std::vector<std::pair<std::string, std::size_t>> variants_;       // → form; longest first
  std::vector<std::string> dropped_spellings_;                      // longest first
  std::vector<std::pair<std::string, std::size_t>> kept_variants_;  // → form; longest first
  std::vector<char32_t> first_code_points_;                         // of variants_, sorted
};

// Reads the table from text, the content of a legal_forms.tsv: lines of
// `search<TAB>canonical|variant|…` (search is dropped or kept), blank lines
// and # comments skipped (grammars/dictionaries/table_lines.hpp). A variant in ASCII
// brackets, (株), also gives its full-width and mixed bracket forms.
// Errors ("source:line: reason") go to errors for a line without two
// fields, a search other than dropped or kept, an empty spelling or one
// with a space, and a spelling given twice in the file; the lines in error
// are left out of the table.
LegalForms read_legal_forms(std::string_view text, std::string_view source,
                            std::vector<std::string>& errors);

// The table compiled in from models/dictionaries/legal_forms.tsv, read once
// (read_legal_forms). Throws std::logic_error when it has an error; the
// unit tests read the same file, so a release never does.
const LegalForms& legal_forms();

}  // namespace gifkit::grammars
