// reading_view.hpp — a name-reading judgement (models/engine/checks/
// name_reading.hpp) as `gifkit lookup reading` and the service's GET
// /v1/names/reading answer it: the name and カナ (each 個人番号 in them masked),
// the part, the verdict, why, the readings the dictionaries give and whether
// it rests on the characters' readings alone; and its one line of text.
#pragma once
#include <ostream>
#include <string_view>

#include "models/engine/checks/name_reading.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools {

// "family", "given" or "full".
std::string_view name_part_name(grammars::NamePart part);
// The part of a name, "family", "given" or "full"; nullopt for another word.
std::optional<grammars::NamePart> parse_name_part(std::string_view word);

Json reading_json(std::string_view name, std::string_view kana, grammars::NamePart part,
                  const models::ReadingResult& result);

// "佐藤 / スズキ: mismatch (the name dictionary reads it サトウ)\n".
void write_reading_text(std::ostream& out, const Json& reading);

}  // namespace gifkit::tools
