// character_view.cpp — see character_view.hpp.
#include "tools/output/character_view.hpp"

#include <ostream>

#include "grammars/text/text_units.hpp"
#include "grammars/text/utf8.hpp"
#include "grammars/values/identifiers.hpp"
#include "registries/moji/character_info.hpp"
#include "registries/moji/named_sets.hpp"
#include "registries/moji/shrink.hpp"

namespace gifkit::tools {
namespace {

namespace moji = gifkit::registries::moji;

Json code_points_json(std::string_view text) {
  return code_point_list_json(grammars::code_points_text(text));
}

// "コウ・たかい" → ["コウ", "たかい"]
Json readings_json(std::string_view readings) {
  Json list = Json::array();
  constexpr std::string_view kDot = "・";
  while (!readings.empty()) {
    std::size_t dot = readings.find(kDot);
    if (dot != 0) list.push_back(std::string(readings.substr(0, dot)));
    if (dot == std::string_view::npos) break;
    readings.remove_prefix(dot + kDot.size());
  }
  return list;
}

Json characters_json(std::string_view text) {
  Json list = Json::array();
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t start = pos;
    grammars::decode_utf8(text, pos);
    list.push_back(std::string(text.substr(start, pos - start)));
  }
  return list;
}

Json mj_json(const moji::MjCharacter& character) {
  Json json = {{"mj", moji::mj_name(character.mj)},
               {"character", character.sequences.front()},
               {"codePoints", code_points_json(character.sequences.front())}};
  if (character.sequences.size() > 1) {
    json["otherSequences"] = Json::array();
    for (std::size_t i = 1; i < character.sequences.size(); ++i)
      json["otherSequences"].push_back(code_points_json(character.sequences[i]));
  }
  json["strokes"] = character.strokes;
  json["readings"] = readings_json(character.readings);
  json["shrink"] = characters_json(character.shrink);
  json["jisCounterpart"] =
      character.jis_counterpart.empty() ? Json(nullptr) : Json(character.jis_counterpart);
  return json;
}

}  // namespace

Json code_point_list_json(const std::string& code_points) {
  Json list = Json::array();
  if (code_points.starts_with("bytes")) {
    list.push_back(code_points);
    return list;
  }
  std::size_t start = 0;
  while (start < code_points.size()) {
    std::size_t space = code_points.find(' ', start);
    list.push_back(code_points.substr(start, space - start));
    if (space == std::string::npos) break;
    start = space + 1;
  }
  return list;
}

CharacterSetsInUse::CharacterSetsInUse(const moji::CharacterData& data, const std::string& to) {
  // Membership is shown in every set the data can make (a registry without
  // the MJ table makes no mj set, say).
  for (const auto& info : moji::named_sets()) {
    try {
      sets.push_back(moji::make_character_set(data, info.name));
    } catch (const registries::RegistryError&) {
    }
  }
  for (const auto& [name, info] : data.sets()) sets.push_back(moji::make_character_set(data, name));
  target = moji::character_set_by_argument(data, to);
}

Json character_key_error_json(const std::string& key, const std::string& message) {
  return {{"key", grammars::mask_individual_numbers_in(key)},
          {"error", grammars::mask_individual_numbers_in(message)}};
}

Json CharacterView::json(const std::string& key, const std::string& text) const {
  moji::CharacterInfo info = moji::describe_character(data_, text);
  grammars::TextUnitReader reader(text);
  grammars::TextUnit unit;
  reader.next(unit);
  Json json = {{"key", key}, {"character", text}, {"codePoints", code_points_json(text)}};
  if (unit.issue != grammars::UnitIssue::none)
    json["issue"] = std::string(grammars::unit_issue_text(unit.issue));
  json["mj"] = Json::array();
  for (const auto* character : info.mj) json["mj"].push_back(mj_json(*character));
  json["mjOfBase"] = info.mj_of_base;
  json["selectorInMj"] = info.selector == 0 ? Json(nullptr) : Json(!info.selector_not_in_mj);
  const bool single = unit.code_points == 1 && unit.issue == grammars::UnitIssue::none;
  json["jisx0208"] = single && (info.flags & moji::kInJisX0208) != 0;
  json["jisx0212"] = single && (info.flags & moji::kInJisX0212) != 0;
  Json places = Json::array();
  for (const auto* place : info.jis) {
    places.push_back({{"menKuTen", place->position.text()},
                      {"plane", place->position.plane},
                      {"level", place->level},
                      {"addedIn", place->added == 0 ? Json(nullptr) : Json(place->added)}});
  }
  const bool in_0213 = !info.jis.empty() || (single && (info.flags & moji::kInJisX0213) != 0);
  json["jisx0213"] = in_0213;
  json["jisPlaces"] = places;
  Json in_sets = Json::array();
  for (const auto& set : sets_.sets)
    if (set.contains_unit(text, unit.code_points, unit.base)) in_sets.push_back(set.name());
  json["sets"] = in_sets;
  json["ivsVariants"] = Json::array();
  for (const auto* variant : info.variants) {
    json["ivsVariants"].push_back({{"mj", moji::mj_name(variant->mj)},
                                   {"character", variant->sequences.front()},
                                   {"codePoints", code_points_json(variant->sequences.front())}});
  }
  if (info.nta == nullptr) {
    json["nta"] = nullptr;
  } else {
    json["nta"] = {
        {"character", info.nta->source},
        {"menKuTen", info.nta->position ? Json(info.nta->position->text()) : Json(nullptr)},
        {"kubun", info.nta->kubun},
        {"rule", std::string(moji::nta_rule_name(info.nta->rule))},
        {"replacement", info.nta->replacement},
        {"note", info.nta->note}};
  }
  Json replacement = {{"to", sets_.target.name()}};
  if (sets_.target.contains_unit(text, unit.code_points, unit.base)) {
    replacement["inSet"] = true;
  } else {
    moji::ShrinkChoice choice = moji::choose_replacement(data_, text, unit, sets_.target);
    replacement["inSet"] = false;
    replacement["unique"] = choice.unique();
    replacement["candidates"] = Json::array();
    for (const auto& candidate : choice.candidates) {
      replacement["candidates"].push_back(
          {{"character", candidate.text},
           {"rule", std::string(moji::shrink_rule_name(candidate.rule))},
           {"from", candidate.from}});
    }
    if (!choice.why_none.empty()) replacement["whyNone"] = choice.why_none;
  }
  json["replacement"] = replacement;
  return json;
}

void CharacterView::write_text(std::ostream& out, const Json& json) {
  out << json["character"].get<std::string>() << "  ";
  for (const auto& cp : json["codePoints"]) out << cp.get<std::string>() << " ";
  out << "(key " << json["key"].get<std::string>() << ")\n";
  if (json.contains("issue")) out << "  !           " << json["issue"].get<std::string>() << "\n";
  if (json["mj"].empty()) out << "  MJ          none\n";
  for (const auto& mj : json["mj"]) {
    out << "  MJ          " << mj["mj"].get<std::string>() << " "
        << mj["character"].get<std::string>()
        << (json["mjOfBase"].get<bool>() ? " (of its base)" : "") << ", "
        << mj["strokes"].get<int>() << " strokes, readings ";
    bool first = true;
    for (const auto& reading : mj["readings"])
      out << (first ? "" : "・") << reading.get<std::string>(), first = false;
    out << ", 縮退 ";
    for (const auto& c : mj["shrink"]) out << c.get<std::string>();
    if (!mj["jisCounterpart"].is_null())
      out << ", JIS counterpart " << mj["jisCounterpart"].get<std::string>();
    out << "\n";
  }
  if (!json["selectorInMj"].is_null() && !json["selectorInMj"].get<bool>())
    out << "  !           selector not in MJ (its base's MJ characters are listed)\n";
  out << "  JIS X 0208  " << (json["jisx0208"].get<bool>() ? "yes" : "no") << "\n";
  out << "  JIS X 0213  ";
  if (json["jisPlaces"].empty()) out << (json["jisx0213"].get<bool>() ? "yes" : "no");
  for (const auto& place : json["jisPlaces"]) {
    out << place["menKuTen"].get<std::string>() << " (plane " << place["plane"].get<int>() << ", "
        << (place["level"].get<int>() == 0 ? std::string("non-kanji")
                                           : "level " + std::to_string(place["level"].get<int>()));
    if (!place["addedIn"].is_null()) out << ", added in " << place["addedIn"].get<int>();
    out << ") ";
  }
  out << "\n  JIS X 0212  " << (json["jisx0212"].get<bool>() ? "yes" : "no") << "\n";
  out << "  sets        ";
  for (const auto& set : json["sets"]) out << set.get<std::string>() << " ";
  out << "\n";
  if (json["ivsVariants"].size() > 1 ||
      (json["ivsVariants"].size() == 1 &&
       json["ivsVariants"][0]["character"] != json["character"])) {
    out << "  variants    ";
    for (const auto& variant : json["ivsVariants"])
      out << variant["character"].get<std::string>() << " " << variant["mj"].get<std::string>()
          << "  ";
    out << "\n";
  }
  if (!json["nta"].is_null()) {
    const auto& nta = json["nta"];
    const std::string kubun = nta["kubun"].get<std::string>();
    out << "  NTA map     " << (kubun.empty() ? nta["note"].get<std::string>() : kubun) << ", "
        << nta["rule"].get<std::string>();
    if (!nta["replacement"].get<std::string>().empty())
      out << " → " << nta["replacement"].get<std::string>();
    out << "\n";
  }
  const auto& replacement = json["replacement"];
  out << "  → " << replacement["to"].get<std::string>() << "  ";
  if (replacement["inSet"].get<bool>()) {
    out << "in the set\n";
    return;
  }
  if (replacement["candidates"].empty()) {
    out << "no replacement: " << replacement["whyNone"].get<std::string>() << "\n";
    return;
  }
  bool first = true;
  for (const auto& candidate : replacement["candidates"]) {
    out << (first ? "" : " or ") << candidate["character"].get<std::string>() << " ("
        << candidate["rule"].get<std::string>() << ", " << candidate["from"].get<std::string>()
        << ")";
    first = false;
  }
  out << (replacement["unique"].get<bool>() ? "  unique\n" : "  several: a person chooses\n");
}

}  // namespace gifkit::tools
