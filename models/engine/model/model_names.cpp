// model_names.cpp — see model_names.hpp.
#include "models/engine/model/model_names.hpp"

#include <array>
#include <utility>

namespace gifkit::models {
namespace {

constexpr std::array<std::pair<ValueType, std::string_view>, 22> kTypeNames = {{
    {ValueType::text, "text"},
    {ValueType::katakana, "katakana"},
    {ValueType::address_kana, "address-kana"},
    {ValueType::halfwidth_alnum, "halfwidth-alnum"},
    {ValueType::integer, "integer"},
    {ValueType::decimal, "decimal"},
    {ValueType::date, "date"},
    {ValueType::date_time, "date-time"},
    {ValueType::time, "time"},
    {ValueType::period, "period"},
    {ValueType::duration, "duration"},
    {ValueType::code, "code"},
    {ValueType::corporate_number, "corporate-number"},
    {ValueType::local_government_code, "local-government-code"},
    {ValueType::street_address_id, "street-address-id"},
    {ValueType::postal_code, "postal-code"},
    {ValueType::phone, "phone"},
    {ValueType::email, "email"},
    {ValueType::url, "url"},
    {ValueType::city_block, "city-block"},
    {ValueType::latitude, "latitude"},
    {ValueType::longitude, "longitude"},
}};

}  // namespace

std::string_view value_type_name(ValueType type) {
  for (const auto& [value, name] : kTypeNames)
    if (value == type) return name;
  return "text";
}

std::optional<ValueType> parse_value_type(std::string_view name) {
  for (const auto& [value, type_name] : kTypeNames)
    if (type_name == name) return value;
  return std::nullopt;
}

std::string_view width_name(Width width) {
  switch (width) {
    case Width::fullwidth:
      return "fullwidth";
    case Width::halfwidth:
      return "halfwidth";
    case Width::any:
      break;
  }
  return "any";
}

std::string_view charset_name(const FieldCharset& charset) {
  return charset.any() ? std::string_view("any") : std::string_view(charset.name);
}

}  // namespace gifkit::models
