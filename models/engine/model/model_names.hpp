// model_names.hpp — the names of model enums as written in model files and
// shown by `gifkit model show` (type="postal-code", width="fullwidth", ...).
#pragma once
#include <optional>
#include <string_view>

#include "models/engine/model/model.hpp"

namespace gifkit::models {

std::string_view value_type_name(ValueType type);
std::optional<ValueType> parse_value_type(std::string_view name);
std::string_view width_name(Width width);
// "any", the set name, or the set file's path.
std::string_view charset_name(const FieldCharset& charset);

}  // namespace gifkit::models
