// column_kinds.hpp — what the values of each column are: the one classifier
// by which validate, transform and diff understand a column by its values
// as well as by its header. Each value is classified by what it looks like
// (a telephone number, an e-mail address, a postal code, a URL, a date, a
// prefecture's name, a 全国地方公共団体コード or a 法人番号 with its check
// digit) and, in a column no item is bound to, by the code lists whose
// labels it is (株式会社 of LegalEntityKindCodeList). From the whole column:
// - value-in-wrong-column: a column of a form most of whose values are
//   another item's kind is decided to hold that item's values, and each such
//   cell is reported, even when it passes the column's own format; a
//   全国地方公共団体コード needs 90 % of at least 3 values, each the row's own
//   code (or, with a registry, a registered one), in a half-width column that
//   is no key and whose name names no code (a 法人番号 is never judged: a
//   correct list may repeat one under another item);
// - the profile of a column no item is bound to, which column_by_values.hpp
//   weighs to bind it (or suggest it) to the item its values are.
// The decision needs the whole column: cells are remembered (at most
// kMaxCells a column) and reported at the end of the file.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/checks/value_checks.hpp"
#include "models/engine/model/code_lists.hpp"
#include "models/engine/model/model.hpp"

namespace gifkit::models {

// 北海道, 東京都, 京都府, 大阪府, or two or three kanji and 県: a prefecture's
// name by its form (no list of the 47 is needed to tell one).
bool looks_like_prefecture(std::string_view value);

enum class ValueKind {
  none,
  phone,
  email,
  postal_code,
  url,
  date,
  prefecture,
  local_government_code,  // 6 digits, its check digit right, a prefecture 01–47
  corporate_number,       // 13 digits, its check digit right
};
inline constexpr int kValueKinds = 9;

// What a value looks like; none when nothing in particular. passed (not
// prefecture): a kind whose grammar is already known to accept value (the
// value's own column is of that kind and its checks found nothing), so it is
// not run again; the answer is the same as without it.
ValueKind kind_of_value(std::string_view value, ValueKind passed = ValueKind::none);
// The kind a field's own values have (none for a field of no such kind).
ValueKind kind_of_field(const FieldSpec& field);
// "a telephone number", "an e-mail address", …
std::string_view kind_name(ValueKind kind);

class ColumnKinds {
 public:
  static constexpr std::size_t kMaxCells = 10000;
  // The share (percent) and the number of a column's values a kind needs
  // where a value of it may be one by chance (6 or 13 digits whose check
  // digit happens to fit: a 全国地方公共団体コード, a 法人番号), and in a
  // column no item is bound to (column_by_values.hpp).
  static constexpr std::uint64_t kLargeMajority = 90;
  static constexpr std::uint64_t kMinValues = 3;
  // The values of a column no item is bound to that its profile counts: the
  // first ones, enough for a share (the cost of a wide file stays bounded).
  static constexpr std::uint64_t kMaxProfiled = 10000;
  // Distinct codes looked up in the registry, at most (1,965 codes exist).
  static constexpr std::size_t kMaxLookups = 4096;

  // columns: the bound field of each column (nullptr for unknown columns).
  // model (optional): whose code lists the values of unknown columns are
  // compared with — those of its code items no column is bound to. resources
  // (optional): the code lists, and the registry: a 全国地方公共団体コード
  // counts as one when it is the row's own or the registry (with addresses)
  // holds it.
  // judge: false when only the unbound columns' profiles are wanted (transform),
  // not value-in-wrong-column.
  explicit ColumnKinds(const std::vector<const FieldSpec*>& columns, const Model* model = nullptr,
                       const CheckResources* resources = nullptr, bool judge = true);

  // A passed value whose kind is known to be the column's own (its item's
  // value plan accepted it and names that kind: value_plan.hpp).
  static constexpr std::uint8_t kOwnKind = 2;

  // Looks at one row's values (skip: the columns not to look at in this row,
  // or nullptr; passed: the columns whose value its own item's checks passed
  // without a finding, or nullptr — their grammar is not run again; kOwnKind
  // there: the value is not looked at again, it is of the column's own kind).
  void add_row(std::uint64_t row, std::uint64_t line, const std::vector<std::string_view>& fields,
               const std::vector<std::uint8_t>* skip = nullptr,
               const std::vector<std::uint8_t>* passed = nullptr);

  struct WrongCell {
    std::size_t column = 0;
    std::uint64_t row = 0, line = 0;
    std::string value;
    ValueKind looks_like = ValueKind::none;
    int same_as = -1;  // the column of the row whose value it repeats (a code), or -1
  };
  // The cells of the columns decided to hold another kind, in row order
  // within each column.
  std::vector<WrongCell> wrong_cells() const;

  // What the values of a column no item is bound to are.
  struct Profile {
    std::uint64_t filled = 0;               // non-empty values counted (at most kMaxProfiled)
    bool capped = false;                    // the column has more non-empty values than it counted
    std::uint64_t kinds[kValueKinds] = {};  // values of each kind
    std::map<std::string, std::uint64_t> labels;  // code list → values that are its labels
  };
  // The profile of column (0-based), or nullptr for a column bound to an item.
  const Profile* profile(std::size_t column) const;

 private:
  struct Column {
    bool typed = false;   // a column of a form: its values are judged (value-in-wrong-column)
    bool strict = false;  // judged for the kinds a value may be by chance too
    bool unbound = false;
    ValueKind own = ValueKind::none;
    std::uint64_t filled = 0;
    std::uint64_t counts[kValueKinds] = {};
    std::vector<WrongCell> cells;  // cells of another kind than own
    Profile profile;               // an unbound column's
  };
  // The kind of value in column at of a row (fields), by what it looks like
  // and, for a 全国地方公共団体コード, by the registry or the row's own code.
  ValueKind kind_in_row(std::string_view value, const std::vector<std::string_view>& fields,
                        ValueKind passed, int& same_as);
  bool registered(std::string_view lg_code);

  std::vector<Column> columns_;
  std::vector<std::size_t> looked_at_;     // the columns add_row looks at: typed, strict or unbound
  std::vector<std::size_t> code_columns_;  // columns bound to a 全国地方公共団体コード item
  std::vector<std::pair<std::string, const std::vector<CodeEntry>*>> code_lists_;
  RegistryLookup* registry_ = nullptr;  // with addresses, else nullptr
  std::map<std::string, bool, std::less<>> registered_;
};

}  // namespace gifkit::models
