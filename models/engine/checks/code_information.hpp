// code_information.hpp — GIF's コード情報型 written in one cell, as the 2022
// item catalogs' examples write it: {"種別": "2", "種別関連情報": "女性"}. The
// code checks of a code-information item (FieldSpec::code_information) read
// its 種別 here.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace gifkit::models {

// True when value is written as an object (its first non-blank character is
// '{'): a code-information item's value then is checked by its 種別.
bool written_as_code_information(std::string_view value);

// The 種別 of a コード情報型 written as a JSON object, or nullopt when value is no
// JSON object, or its 種別 is missing or not a string. 種別関連情報 is optional.
std::optional<std::string> code_information_kind(std::string_view value);

}  // namespace gifkit::models
