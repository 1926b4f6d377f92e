// column_kinds.cpp — see column_kinds.hpp.
#include "models/engine/checks/column_kinds.hpp"

#include <algorithm>

#include "grammars/contact.hpp"
#include "grammars/date.hpp"
#include "grammars/identifiers.hpp"
#include "grammars/utf8.hpp"

namespace gifkit::models {
namespace {

// 北海道, 東京都, 京都府, 大阪府, or two or three characters and 県: a
// prefecture's name by its form.
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

}  // namespace

ValueKind kind_of_value(std::string_view value) {
  if (value.empty()) return ValueKind::none;
  if (value.find('@') != std::string_view::npos)
    return grammars::check_email(value).ok() ? ValueKind::email : ValueKind::none;
  if (value.starts_with("http://") || value.starts_with("https://"))
    return grammars::check_url(value).ok() ? ValueKind::url : ValueKind::none;
  // A telephone number has hyphens between its digit groups (03-5253-5111);
  // a postal code is 7 digits or 3-4 with a hyphen; a date YYYY-MM-DD.
  if (grammars::check_date(value).ok()) return ValueKind::date;
  if (grammars::check_postal_code(value).ok() ||
      (value.size() == 8 && value[3] == '-' &&
       grammars::check_postal_code(std::string(value.substr(0, 3)) + std::string(value.substr(4)))
           .ok()))
    return ValueKind::postal_code;
  if (value.find('-') != std::string_view::npos && grammars::check_phone_number(value).ok())
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
    case ValueKind::none:
      break;
  }
  return "nothing in particular";
}

ColumnKinds::ColumnKinds(const std::vector<const FieldSpec*>& columns) : columns_(columns.size()) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const FieldSpec* field = columns[i];
    // Columns of a form only: free text (備考, 名称), numbers and codes may
    // hold anything that looks like something else.
    if (field == nullptr) continue;
    switch (field->type) {
      case ValueType::halfwidth_alnum:
      case ValueType::phone:
      case ValueType::email:
      case ValueType::url:
      case ValueType::postal_code:
      case ValueType::date:
      case ValueType::date_time:
      case ValueType::time:
        break;
      default:
        continue;
    }
    columns_[i].typed = true;
    columns_[i].own = kind_of_field(*field);
  }
}

void ColumnKinds::add(std::size_t column, std::uint64_t row, std::uint64_t line,
                      std::string_view value) {
  if (column >= columns_.size() || !columns_[column].typed) return;
  Column& state = columns_[column];
  ++state.filled;
  const ValueKind kind = kind_of_value(value);
  ++state.counts[static_cast<int>(kind)];
  if (kind != ValueKind::none && kind != state.own && state.cells.size() < kMaxCells)
    state.cells.push_back({column, row, line, std::string(value), kind});
}

std::vector<ColumnKinds::WrongCell> ColumnKinds::wrong_cells() const {
  std::vector<WrongCell> found;
  for (const Column& state : columns_) {
    if (!state.typed || state.filled == 0) continue;
    // The kind most of the column's values have, when it is not the column's own.
    for (int kind = 1; kind < 7; ++kind) {
      if (static_cast<ValueKind>(kind) == state.own) continue;
      if (state.counts[kind] * 2 <= state.filled) continue;
      for (const WrongCell& cell : state.cells)
        if (cell.looks_like == static_cast<ValueKind>(kind)) found.push_back(cell);
    }
  }
  return found;
}

}  // namespace gifkit::models
