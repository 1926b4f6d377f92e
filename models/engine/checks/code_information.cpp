// code_information.cpp — reads the 種別 of a コード情報型 written as JSON in one
// cell (see code_information.hpp).
#include "models/engine/checks/code_information.hpp"

#include <nlohmann/json.hpp>

namespace gifkit::models {

bool written_as_code_information(std::string_view value) {
  const std::size_t first = value.find_first_not_of(" \t");
  return first != std::string_view::npos && value[first] == '{';
}

std::optional<std::string> code_information_kind(std::string_view value) {
  const nlohmann::json object = nlohmann::json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (!object.is_object()) return std::nullopt;
  const auto kind = object.find("種別");
  if (kind == object.end() || !kind->is_string()) return std::nullopt;
  return kind->get<std::string>();
}

}  // namespace gifkit::models
