// reading_view.cpp — see reading_view.hpp.
#include "tools/output/reading_view.hpp"

#include "grammars/values/identifiers.hpp"

namespace gifkit::tools {

std::string_view name_part_name(grammars::NamePart part) {
  switch (part) {
    case grammars::NamePart::family:
      return "family";
    case grammars::NamePart::given:
      return "given";
    case grammars::NamePart::full:
      return "full";
  }
  return "full";
}

std::optional<grammars::NamePart> parse_name_part(std::string_view word) {
  for (const auto part :
       {grammars::NamePart::family, grammars::NamePart::given, grammars::NamePart::full})
    if (word == name_part_name(part)) return part;
  return std::nullopt;
}

Json reading_json(std::string_view name, std::string_view kana, grammars::NamePart part,
                  const models::ReadingResult& result) {
  return {{"name", grammars::mask_individual_numbers_in(name)},
          {"kana", grammars::mask_individual_numbers_in(kana)},
          {"part", name_part_name(part)},
          {"verdict", models::verdict_name(result.verdict)},
          {"why", result.why},
          {"readings", result.known},
          {"byCharacters", result.by_characters}};
}

void write_reading_text(std::ostream& out, const Json& reading) {
  out << reading["name"].get<std::string>() << " / " << reading["kana"].get<std::string>() << ": "
      << reading["verdict"].get<std::string>();
  const std::string why = reading["why"].get<std::string>();
  if (!why.empty()) out << " (" << why << ")";
  out << "\n";
}

}  // namespace gifkit::tools
