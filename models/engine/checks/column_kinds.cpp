// column_kinds.cpp — see column_kinds.hpp.
#include "models/engine/checks/column_kinds.hpp"

#include <algorithm>
#include <cassert>
#include <optional>

#include "grammars/dictionaries/header_words.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"
#include "grammars/values/contact.hpp"
#include "grammars/values/date.hpp"
#include "grammars/values/identifiers.hpp"
#include "models/engine/lookups/registry_lookup.hpp"

namespace gifkit::models {
namespace {

// The kinds a value may be by chance (digits whose check digit happens to
// fit): they need a large majority and, for a code, more than its form.
bool by_chance(ValueKind kind) {
  return kind == ValueKind::local_government_code || kind == ValueKind::corporate_number;
}

}  // namespace

bool looks_like_prefecture(std::string_view value) {
  if (value == "北海道" || value == "東京都" || value == "京都府" || value == "大阪府") return true;
  if (!value.ends_with("県")) return false;
  const std::size_t characters = grammars::count_code_points(value);
  if (characters < 3 || characters > 4) return false;
  // Kanji only (CJK unified ideographs: 3 bytes, E4–E9 leads).
  for (std::size_t i = 0; i < value.size(); i += 3)
    if (static_cast<unsigned char>(value[i]) < 0xE4 || static_cast<unsigned char>(value[i]) > 0xE9)
      return false;
  return true;
}

ValueKind kind_of_value(std::string_view value, ValueKind passed) {
  assert(passed != ValueKind::prefecture);  // no grammar: looks_like_prefecture is always asked
  if (value.empty()) return ValueKind::none;
  // passed: the grammar of that kind already accepted value, so it is not run again.
  auto accepted = [passed](ValueKind kind, auto&& check) { return passed == kind || check(); };
  if (value.find('@') != std::string_view::npos)
    return accepted(ValueKind::email, [&] { return grammars::check_email(value).ok(); })
               ? ValueKind::email
               : ValueKind::none;
  if (value.starts_with("http://") || value.starts_with("https://"))
    return accepted(ValueKind::url, [&] { return grammars::check_url(value).ok(); })
               ? ValueKind::url
               : ValueKind::none;
  // A telephone number has hyphens between its digit groups (03-5253-5111);
  // a postal code is 7 digits or 3-4 with a hyphen; a date YYYY-MM-DD; a
  // 全国地方公共団体コード 6 digits and a 法人番号 13, each with its check digit.
  // check_date accepts the ISO form alone (other forms get a suggestion,
  // never ok), so parse_iso_date is the same question without the loose
  // reading.
  if (accepted(ValueKind::date, [&] { return grammars::parse_iso_date(value).has_value(); }))
    return ValueKind::date;
  if (grammars::is_postal_code(value) ||
      (value.size() == 8 && value[3] == '-' &&
       grammars::is_postal_code(std::string(value.substr(0, 3)) + std::string(value.substr(4)))))
    return ValueKind::postal_code;
  if (value.size() == 6 && grammars::is_ascii_digits(value) &&
      accepted(ValueKind::local_government_code,
               [&] { return grammars::check_local_government_code(value).ok(); }))
    return ValueKind::local_government_code;
  if (value.size() == 13 && grammars::is_ascii_digits(value) &&
      accepted(ValueKind::corporate_number,
               [&] { return grammars::check_corporate_number(value).ok(); }))
    return ValueKind::corporate_number;
  if (value.find('-') != std::string_view::npos &&
      accepted(ValueKind::phone, [&] { return grammars::check_phone_number(value).ok(); }))
    return ValueKind::phone;
  if (looks_like_prefecture(value)) return ValueKind::prefecture;
  return ValueKind::none;
}

ValueKind kind_of_field(const FieldSpec& field) {
  switch (field.type) {
    case ValueType::phone:
      return ValueKind::phone;
    case ValueType::email:
      return ValueKind::email;
    case ValueType::postal_code:
      return ValueKind::postal_code;
    case ValueType::url:
      return ValueKind::url;
    case ValueType::date:
      return ValueKind::date;
    case ValueType::local_government_code:
      return ValueKind::local_government_code;
    case ValueType::corporate_number:
      return ValueKind::corporate_number;
    case ValueType::katakana:
    case ValueType::address_kana:
    case ValueType::halfwidth_alnum:
      return ValueKind::none;  // a reading or an English form (都道府県（カナ）): no name in kanji
    default:
      return field.label.find("都道府県") != std::string::npos ? ValueKind::prefecture
                                                               : ValueKind::none;
  }
}

std::string_view kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::phone:
      return "a telephone number";
    case ValueKind::email:
      return "an e-mail address";
    case ValueKind::postal_code:
      return "a postal code";
    case ValueKind::url:
      return "a URL";
    case ValueKind::date:
      return "a date";
    case ValueKind::prefecture:
      return "a prefecture's name";
    case ValueKind::local_government_code:
      return "a 全国地方公共団体コード";
    case ValueKind::corporate_number:
      return "a 法人番号";
    case ValueKind::none:
      break;
  }
  return "nothing in particular";
}

ColumnKinds::ColumnKinds(const std::vector<const FieldSpec*>& columns, const Model* model,
                         const CheckResources* resources, bool judge)
    : columns_(columns.size()) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const FieldSpec* field = columns[i];
    if (field == nullptr) {
      columns_[i].unbound = true;
      continue;
    }
    if (field->type == ValueType::local_government_code) code_columns_.push_back(i);
    if (!judge) continue;
    // Columns of a form only: free text (備考, 名称), numbers and codes may
    // hold anything that looks like something else. A half-width text
    // (内線番号) is judged for a 全国地方公共団体コード alone; a key (ID), or an
    // item whose name names a code or an identifier (地域コード, NO,
    // 情報の管理主体_法人番号: grammars/dictionaries/header_words.hpp), never for one: its
    // values are whatever codes its publisher chose.
    switch (field->type) {
      case ValueType::halfwidth_alnum:
      case ValueType::phone:
      case ValueType::email:
      case ValueType::url:
      case ValueType::postal_code:
      case ValueType::date:
      case ValueType::date_time:
      case ValueType::time:
        columns_[i].typed = true;
        break;
      case ValueType::text:
        break;
      default:
        continue;
    }
    columns_[i].strict = !field->key && (columns_[i].typed || field->width == Width::halfwidth) &&
                         !grammars::header_words().names_code(field->label);
    columns_[i].own = kind_of_field(*field);
  }
  for (std::size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i].typed || columns_[i].strict || columns_[i].unbound) looked_at_.push_back(i);
  if (resources != nullptr && resources->registry != nullptr &&
      resources->registry->has_addresses())
    registry_ = resources->registry;
  // The code lists of the model's code items no column is bound to.
  if (model == nullptr || resources == nullptr || resources->code_lists == nullptr) return;
  for (const FieldSpec& field : model->fields) {
    if (field.type != ValueType::code || field.codelist.empty()) continue;
    if (std::find(columns.begin(), columns.end(), &field) != columns.end()) continue;
    const auto* entries = resources->code_lists->find(field.codelist);
    if (entries == nullptr) continue;
    if (std::none_of(code_lists_.begin(), code_lists_.end(),
                     [&](const auto& list) { return list.first == field.codelist; }))
      code_lists_.emplace_back(field.codelist, entries);
  }
}

bool ColumnKinds::registered(std::string_view lg_code) {
  assert(registry_ != nullptr);
  if (const auto found = registered_.find(lg_code); found != registered_.end())
    return found->second;
  // A column of many distinct 6-digit numbers is no column of codes: past
  // kMaxLookups values, the registry is not asked again (they do not count).
  if (registered_.size() >= kMaxLookups) return false;
  RegisteredArea area;
  const bool known = registry_->find_area(lg_code, area);
  registered_.emplace(std::string(lg_code), known);
  return known;
}

ValueKind ColumnKinds::kind_in_row(std::string_view value,
                                   const std::vector<std::string_view>& fields, ValueKind passed,
                                   int& same_as) {
  same_as = -1;
  const ValueKind kind = kind_of_value(value, passed);
  if (kind != ValueKind::local_government_code) return kind;
  for (std::size_t column : code_columns_) {
    if (column < fields.size() && fields[column] == value) {
      same_as = static_cast<int>(column);
      break;
    }
  }
  // A code counts when it is the row's own code or the registry holds it:
  // six digits pass a check digit one time in ten.
  if (same_as >= 0 || (registry_ != nullptr && registered(value))) return kind;
  return ValueKind::none;
}

void ColumnKinds::add_row(std::uint64_t row, std::uint64_t line,
                          const std::vector<std::string_view>& fields,
                          const std::vector<std::uint8_t>* skip,
                          const std::vector<std::uint8_t>* passed) {
  const std::size_t n = std::min(fields.size(), columns_.size());
  for (const std::size_t column : looked_at_) {
    if (column >= n) break;  // looked_at_ is in column order
    Column& state = columns_[column];
    const std::string_view value = fields[column];
    if (value.empty()) continue;
    if (skip != nullptr && column < skip->size() && (*skip)[column]) continue;
    if (state.unbound && state.profile.filled >= kMaxProfiled) {
      state.profile.capped = true;
      continue;
    }
    int same_as = -1;
    // A prefecture has no grammar: its form is always looked at.
    const std::uint8_t passed_as =
        passed != nullptr && column < passed->size() ? (*passed)[column] : std::uint8_t{0};
    const bool own_passed = passed_as != 0 && state.own != ValueKind::prefecture;
    // kOwnKind: kind_of_value would answer the column's own kind (never a
    // 全国地方公共団体コード, the one kind_in_row looks further at).
    assert(passed_as != kOwnKind ||
           (state.own != ValueKind::local_government_code && state.own != ValueKind::prefecture));
    const ValueKind kind =
        passed_as == kOwnKind
            ? state.own
            : kind_in_row(value, fields, own_passed ? state.own : ValueKind::none, same_as);
    if (state.unbound) {
      Profile& profile = state.profile;
      ++profile.filled;
      ++profile.kinds[static_cast<int>(kind)];
      // The value folded once for all the lists (a fold is the costly part).
      std::optional<std::string> folded;
      for (const auto& [list, entries] : code_lists_) {
        const CodeEntry* label = find_exact_code_label(*entries, value);
        if (label == nullptr) {
          if (!folded) folded = grammars::fold_label(value);
          label = find_folded_code_label(*entries, *folded);
        }
        if (label != nullptr) ++profile.labels[list];
      }
      continue;
    }
    // Seven bare digits say "postal code" only against a column's own form (a
    // telephone number, a date); in a column of any half-width letters and
    // digits they are as likely an ID or a number of the publisher's.
    const ValueKind counted = kind == ValueKind::postal_code && state.own == ValueKind::none &&
                                      grammars::is_ascii_digits(value)
                                  ? ValueKind::none
                                  : kind;
    ++state.filled;
    ++state.counts[static_cast<int>(counted)];
    if (counted != ValueKind::none && counted != state.own && state.cells.size() < kMaxCells)
      state.cells.push_back({column, row, line, std::string(value), counted, same_as});
  }
}

std::vector<ColumnKinds::WrongCell> ColumnKinds::wrong_cells() const {
  std::vector<WrongCell> found;
  for (const Column& state : columns_) {
    if (state.unbound || state.filled == 0) continue;
    // The kind most of the column's values have, when it is not the column's own.
    for (int index = 1; index < kValueKinds; ++index) {
      const auto kind = static_cast<ValueKind>(index);
      if (kind == state.own) continue;
      const std::uint64_t count = state.counts[index];
      if (kind == ValueKind::corporate_number) continue;  // for unbound columns only
      if (by_chance(kind)) {
        if (!state.strict || state.filled < kMinValues ||
            count * 100 < state.filled * kLargeMajority)
          continue;
      } else if (!state.typed || count * 2 <= state.filled) {
        continue;
      }
      for (const WrongCell& cell : state.cells)
        if (cell.looks_like == kind) found.push_back(cell);
    }
  }
  return found;
}

const ColumnKinds::Profile* ColumnKinds::profile(std::size_t column) const {
  return column < columns_.size() && columns_[column].unbound ? &columns_[column].profile : nullptr;
}

}  // namespace gifkit::models
