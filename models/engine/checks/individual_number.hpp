// individual_number.hpp — finds the columns of a table that hold 個人番号
// (マイナンバー), which must never leave (DESIGN.md §9): by the header's name
// and by the column's values. Used by validate (problem individual-number)
// and by transform, which calls the same three things:
//
//   IndividualNumberHeaders names;            // loaded once from
//   names.load(models / "dictionaries" / "individual_number_headers.tsv", errors);
//   header_names_individual_number(header, names)   // per header
//   IndividualNumberColumn column;            // one per column
//   column.add(cell);                         // every cell, in order
//   column.holds_individual_numbers()         // at any time; final once true
//
// One value proves nothing: about 1 random 12-digit number in 10 has a right
// check digit (2 in 11 of those ending in 0). A column is decided on the
// evidence of all its values; docs/validate.md "個人番号 (マイナンバー)" gives
// the rule and its arithmetic.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace gifkit::models {

// The header names that say a column holds 個人番号 (マイナンバー, My Number,
// …): a lexical fact kept in models/dictionaries/individual_number_headers.tsv
// and nowhere else. Empty until loaded: then no header names it.
class IndividualNumberHeaders {
 public:
  // Reads the list: one name a line, blank lines and lines starting with #
  // skipped. False, with "file:line: reason" in errors, when the file cannot
  // be read or a name is empty or repeats another once folded.
  bool load(const std::filesystem::path& file, std::vector<std::string>& errors);

  bool empty() const { return folded_.empty(); }
  std::size_t size() const { return folded_.size(); }

 private:
  friend bool header_names_individual_number(std::string_view header,
                                             const IndividualNumberHeaders& names);
  std::vector<std::string> folded_;  // grammars::fold_label of each name, sorted
};

// True when header is one of the names once both are folded with
// grammars::fold_label (width, brackets, spaces, ASCII case): マイナンバー,
// ﾏｲﾅﾝﾊﾞｰ, 個人番号（マイナンバー）, My Number, MYNUMBER. Exact names only:
// 個人番号カード交付日 or マイナンバーカード保有 are about the card, not the
// number (their values still count, through IndividualNumberColumn).
bool header_names_individual_number(std::string_view header, const IndividualNumberHeaders& names);

// Decides whether one column holds 個人番号 from its values, as they come.
//
// Each distinct value written like a 個人番号 (grammars::individual_number_digits:
// 12 digits, or 4-4-4) is one piece of evidence: one with a right check digit
// multiplies it by kPassFactor, one without by kFailFactor (a value seen
// before adds nothing: a repeated code is no new evidence). The column holds
// 個人番号 once the evidence reaches kThreshold, and keeps holding them: the
// answer may be asked after any value and never turns back to false. Values
// not written like a 個人番号 (names, 13-digit 法人番号, telephone numbers) do
// not count either way.
//
// Why this is safe both ways: 12-digit numbers that are not 個人番号 pass
// the check digit at most 2 times in 11 (unless made to fit this very check
// digit), so the evidence is then a nonnegative supermartingale and reaches
// 10⁶ with probability at most 10⁻⁶ however long the column (Ville's
// inequality) — in particular however early a streaming writer asks. A
// column of 個人番号 (all pass) is decided at its 10th distinct value
// (4.4¹⁰ ≈ 2.7 × 10⁶; 4.4⁹ ≈ 6.2 × 10⁵); each typo costs about one more
// (4.4 × 0.244 ≈ 1.08); columns where fewer than about half the 12-digit
// values pass (49 %: 0.487 ln 4.4 = 0.513 ln(1/0.244)) are never decided.
class IndividualNumberColumn {
 public:
  // The rule's constants (see above).
  static constexpr double kPassRateIfNot = 2.0 / 11.0;  // at most, for numbers that are not
  static constexpr double kPassRateIfSo = 0.8;          // the alternative tested against
  static constexpr double kPassFactor = kPassRateIfSo / kPassRateIfNot;              // 4.4
  static constexpr double kFailFactor = (1 - kPassRateIfSo) / (1 - kPassRateIfNot);  // 0.244…
  static constexpr double kThreshold = 1e6;
  // Distinct 12-digit values remembered to tell a repeat; past that, only a
  // repeat of the value just before is told (the evidence is long settled).
  static constexpr std::size_t kRemembered = 4096;

  // One cell of the column, in order; empty cells are skipped.
  void add(std::string_view value) {
    if (value.empty()) return;
    // Most cells are no 個人番号 by their first bytes alone (grammars::
    // individual_number_digits wants a digit, a space, ０-９ or U+3000 first)
    // and are not masked ('*' first): counted, nothing more.
    const auto lead = static_cast<unsigned char>(value[0]);
    const auto next = value.size() > 1 ? static_cast<unsigned char>(value[1]) : 0;
    if (value.size() >= 12 || lead == '*') {
      if ((lead >= '0' && lead <= '9') || lead == ' ' || lead == '*' ||
          (lead == 0xEF && next == 0xBC) || (lead == 0xE3 && next == 0x80))
        return add_cell(value);
    }
    ++values_;
  }
  // One non-empty cell known to be no 個人番号 and not masked (its item's
  // value plan accepted it as a 法人番号, a date, …): counted, nothing more.
  void add_no_number() { ++values_; }

  // True once the values so far hold 個人番号 by the evidence; final once true.
  bool holds_individual_numbers() const { return decided_at_ != 0; }
  // THE column rule, asked once every value is in (validate, transform,
  // link, chars shrink): the evidence (holds_individual_numbers), or — a
  // short column, where it cannot reach kThreshold — two or more distinct
  // values that pass the check digit and none written like a 個人番号 that
  // fails it. 12-digit codes that are no 個人番号 all pass with probability
  // at most (2/11)^k for k distinct ones (3.3 % for 2, 0.11 % for 4), and a
  // single failing one (a code column: 9 in 10 fail) keeps the column out.
  bool is_individual_number_column() const {
    return holds_individual_numbers() || (distinct_valid_ >= 2 && distinct_failed_ == 0);
  }
  // The column rule for one lone value (transform masks it, the rest kept):
  // a value that passes, among other values or with no 12-digit value that
  // fails beside it (a code column's chance passes are left as written).
  bool has_lone_individual_numbers() const {
    return valid_ > 0 && (candidates_ * 2 < values_ || distinct_failed_ == 0);
  }
  // The count of non-empty values at which it became true (0: not yet): a
  // streaming writer knows from there on.
  std::uint64_t decided_at() const { return decided_at_; }

  std::uint64_t values() const { return values_; }          // non-empty values added
  std::uint64_t candidates() const { return candidates_; }  // written like a 個人番号
  std::uint64_t valid() const { return valid_; }            // of those, with a right check digit
  // Values written masked (grammars::mask_individual_number: digits as '*').
  std::uint64_t masked() const { return masked_; }
  // True when the column has values and every one is masked: a column named
  // 個人番号 that `transform --mask individual-number` wrote holds no number.
  bool all_masked() const { return values_ > 0 && masked_ == values_; }

 private:
  void add_cell(std::string_view value);  // add's whole look at a non-empty value

  std::uint64_t values_ = 0;
  std::uint64_t candidates_ = 0;
  std::uint64_t valid_ = 0;
  std::uint64_t decided_at_ = 0;
  std::uint64_t masked_ = 0;
  // Distinct values that pass and that fail the check digit (counted until
  // decided_at_; up to kRemembered of them told apart).
  std::uint64_t distinct_valid_ = 0;
  std::uint64_t distinct_failed_ = 0;
  double log_evidence_ = 0;  // ln of the product of the factors
  std::unordered_set<std::uint64_t> seen_;
  std::uint64_t previous_ = ~std::uint64_t{0};
};

// THE rule of a value written into a dataset read once (transform of
// standard input, chars shrink's copy): adds value to its column, then masks
// (grammars::mask_individual_number) the whole value when the column is
// named so (named) or holds 個人番号 so far, a value that is a 個人番号
// itself, and a labelled one inside a text
// (grammars::mask_labelled_individual_numbers). True, with masked set, when
// something was masked; false, masked untouched, otherwise.
bool mask_streamed_value(IndividualNumberColumn& column, bool named, std::string_view value,
                         std::string& masked);

}  // namespace gifkit::models
