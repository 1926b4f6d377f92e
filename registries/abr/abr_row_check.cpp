// abr_row_check.cpp — see abr_row_check.hpp.
#include "registries/abr/abr_row_check.hpp"

#include <charconv>

#include "grammars/text/decimal_text.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/values/date.hpp"
#include "grammars/values/identifiers.hpp"

namespace gifkit::registries::abr {
namespace {

bool digits_of_length(std::string_view value, std::size_t length) {
  return value.size() == length && grammars::is_ascii_digits(value);
}

bool is_decimal(std::string_view value) {
  if (!value.empty() && (value.front() == '-' || value.front() == '+')) value.remove_prefix(1);
  std::size_t dot = value.find('.');
  std::string_view whole = value.substr(0, dot);
  std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : value.substr(dot + 1);
  if (whole.empty() && fraction.empty()) return false;
  return (whole.empty() || grammars::is_ascii_digits(whole)) &&
         (fraction.empty() || grammars::is_ascii_digits(fraction)) &&
         !(dot != std::string_view::npos && fraction.empty());
}

double decimal_value(std::string_view value) {
  double number = 0;
  grammars::read_double(value.data(), value.data() + value.size(), number);
  return number;
}

std::string quoted(std::string_view value) {
  constexpr std::size_t kShown = 40;
  return "'" + std::string(value.substr(0, kShown)) + (value.size() > kShown ? "…'" : "'");
}

// True when value has the shape column.check asks for (value is not "").
// The common case of every row: no string is made.
bool has_shape(const ColumnSpec& column, std::string_view value) {
  switch (column.check) {
    case ColumnCheck::text:
      return true;
    case ColumnCheck::lg_code:
      return grammars::check_local_government_code(value).ok();
    case ColumnCheck::machiaza_id:
    case ColumnCheck::post_code:
      return digits_of_length(value, 7);
    case ColumnCheck::three_digits:
      return digits_of_length(value, 3);
    case ColumnCheck::digits:
      return grammars::is_ascii_digits(value);
    case ColumnCheck::prc_id:
      return digits_of_length(value, 15);
    case ColumnCheck::date:
      return grammars::parse_iso_date(value).has_value();
    case ColumnCheck::code:
      return value.size() == 1 && column.codes.find(value[0]) != std::string_view::npos;
    case ColumnCheck::decimal:
      return is_decimal(value);
    case ColumnCheck::srid:
      return value.starts_with("EPSG:") && value.size() > 5 &&
             grammars::is_ascii_digits(value.substr(5));
  }
  return true;
}

// Why value has not the shape of column (has_shape is false).
std::string shape_problem(const ColumnSpec& column, std::string_view value) {
  switch (column.check) {
    case ColumnCheck::text:
      return {};
    case ColumnCheck::lg_code:
      return "not a valid 全国地方公共団体コード: " +
             grammars::check_local_government_code(value).reason;
    case ColumnCheck::machiaza_id:
      return "not a 7-digit 町字ID";
    case ColumnCheck::three_digits:
      return "not 3 digits";
    case ColumnCheck::digits:
      return "not digits";
    case ColumnCheck::prc_id:
      return "not a 15-digit 地番ID";
    case ColumnCheck::date:
      return "not a YYYY-MM-DD date";
    case ColumnCheck::code:
      return "not one of the codes " + std::string(column.codes);
    case ColumnCheck::post_code:
      return "not a 7-digit postal code";
    case ColumnCheck::decimal:
      return "not a decimal number";
    case ColumnCheck::srid:
      return "not an EPSG:NNNN reference system";
  }
  return {};
}

}  // namespace

std::string check_abr_value(const ColumnSpec& column, std::string_view value, bool required) {
  if (value.empty()) return required ? std::string(column.name) + " is empty (a key column)" : "";
  if (has_shape(column, value)) return {};
  return std::string(column.name) + " " + quoted(value) + " is " + shape_problem(column, value);
}

bool position_swapped(std::string_view rep_lon, std::string_view rep_lat) {
  if (!is_decimal(rep_lon) || !is_decimal(rep_lat)) return false;
  double lat = decimal_value(rep_lat);
  double lon = decimal_value(rep_lon);
  return lat > 90 && lon >= -90 && lon <= 90;
}

}  // namespace gifkit::registries::abr
