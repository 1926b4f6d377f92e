// command_lookup_char.cpp — see command_lookup_char.hpp.
#include "tools/command_lookup_char.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "grammars/text_units.hpp"
#include "grammars/utf8.hpp"
#include "registries/moji/character_info.hpp"
#include "registries/moji/moji_store.hpp"
#include "registries/moji/named_sets.hpp"
#include "registries/moji/shrink.hpp"

namespace gifkit::tools {
namespace {

namespace moji = gifkit::registries::moji;

nlohmann::ordered_json code_points_json(std::string_view text) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  std::string points = grammars::code_points_text(text);
  std::size_t start = 0;
  while (start < points.size()) {
    std::size_t space = points.find(' ', start);
    list.push_back(points.substr(start, space - start));
    if (space == std::string::npos) break;
    start = space + 1;
  }
  return list;
}

// "コウ・たかい" → ["コウ", "たかい"]
nlohmann::ordered_json readings_json(std::string_view readings) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  constexpr std::string_view kDot = "・";
  while (!readings.empty()) {
    std::size_t dot = readings.find(kDot);
    if (dot != 0) list.push_back(std::string(readings.substr(0, dot)));
    if (dot == std::string_view::npos) break;
    readings.remove_prefix(dot + kDot.size());
  }
  return list;
}

nlohmann::ordered_json characters_json(std::string_view text) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t start = pos;
    grammars::decode_utf8(text, pos);
    list.push_back(std::string(text.substr(start, pos - start)));
  }
  return list;
}

nlohmann::ordered_json mj_json(const moji::MjCharacter& character) {
  nlohmann::ordered_json json = {{"mj", moji::mj_name(character.mj)},
                                 {"character", character.sequences.front()},
                                 {"codePoints", code_points_json(character.sequences.front())}};
  if (character.sequences.size() > 1) {
    json["otherSequences"] = nlohmann::ordered_json::array();
    for (std::size_t i = 1; i < character.sequences.size(); ++i)
      json["otherSequences"].push_back(code_points_json(character.sequences[i]));
  }
  json["strokes"] = character.strokes;
  json["readings"] = readings_json(character.readings);
  json["shrink"] = characters_json(character.shrink);
  json["jisCounterpart"] = character.jis_counterpart.empty()
                               ? nlohmann::ordered_json(nullptr)
                               : nlohmann::ordered_json(character.jis_counterpart);
  return json;
}

// The sets a lookup reports membership in, built once.
struct SetsInUse {
  std::vector<moji::CharacterSet> sets;
  const moji::CharacterSet* target = nullptr;
};

class CharReport {
 public:
  CharReport(const moji::CharacterData& data, const SetsInUse& sets) : data_(data), sets_(sets) {}

  nlohmann::ordered_json json(const std::string& key, const std::string& text) const {
    moji::CharacterInfo info = moji::describe_character(data_, text);
    grammars::TextUnitReader reader(text);
    grammars::TextUnit unit;
    reader.next(unit);
    nlohmann::ordered_json json = {
        {"key", key}, {"character", text}, {"codePoints", code_points_json(text)}};
    if (unit.issue != grammars::UnitIssue::none)
      json["issue"] = std::string(grammars::unit_issue_text(unit.issue));
    json["mj"] = nlohmann::ordered_json::array();
    for (const auto* character : info.mj) json["mj"].push_back(mj_json(*character));
    json["mjOfBase"] = info.mj_of_base;
    json["selectorInMj"] = info.selector == 0 ? nlohmann::ordered_json(nullptr)
                                              : nlohmann::ordered_json(!info.selector_not_in_mj);
    const bool single = unit.code_points == 1 && unit.issue == grammars::UnitIssue::none;
    json["jisx0208"] = single && (info.flags & moji::kInJisX0208) != 0;
    json["jisx0212"] = single && (info.flags & moji::kInJisX0212) != 0;
    nlohmann::ordered_json places = nlohmann::ordered_json::array();
    for (const auto* place : info.jis) {
      places.push_back({{"menKuTen", place->position.text()},
                        {"plane", place->position.plane},
                        {"level", place->level},
                        {"addedIn", place->added == 0 ? nlohmann::ordered_json(nullptr)
                                                      : nlohmann::ordered_json(place->added)}});
    }
    const bool in_0213 = !info.jis.empty() || (single && (info.flags & moji::kInJisX0213) != 0);
    json["jisx0213"] = in_0213;
    json["jisPlaces"] = places;
    nlohmann::ordered_json in_sets = nlohmann::ordered_json::array();
    for (const auto& set : sets_.sets)
      if (set.contains_unit(text, unit.code_points, unit.base)) in_sets.push_back(set.name());
    json["sets"] = in_sets;
    json["ivsVariants"] = nlohmann::ordered_json::array();
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
          {"menKuTen", info.nta->position ? nlohmann::ordered_json(info.nta->position->text())
                                          : nlohmann::ordered_json(nullptr)},
          {"kubun", info.nta->kubun},
          {"rule", std::string(moji::nta_rule_name(info.nta->rule))},
          {"replacement", info.nta->replacement},
          {"note", info.nta->note}};
    }
    nlohmann::ordered_json replacement = {{"to", sets_.target->name()}};
    if (sets_.target->contains_unit(text, unit.code_points, unit.base)) {
      replacement["inSet"] = true;
    } else {
      moji::ShrinkChoice choice = moji::choose_replacement(data_, text, unit, *sets_.target);
      replacement["inSet"] = false;
      replacement["unique"] = choice.unique();
      replacement["candidates"] = nlohmann::ordered_json::array();
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

  static void write_text(std::ostream& out, const nlohmann::ordered_json& json) {
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
          << (place["level"].get<int>() == 0
                  ? std::string("non-kanji")
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

 private:
  const moji::CharacterData& data_;
  const SetsInUse& sets_;
};

}  // namespace

void CharLookup::add_to(CLI::App& lookup) {
  subcommand_ = lookup.add_subcommand(
      "char",
      "a character by itself, U+9AD9, an IVS sequence (U+908A U+E0102), an MJ number "
      "(MJ028902) or a JIS X 0213 面区点 (1-94-20): JIS/MJ membership, readings, variants, 縮退");
  subcommand_->add_option("keys", keys_, "characters or keys; - reads them from stdin, one a line")
      ->required();
  subcommand_->add_option("--registry", registry_, "registry file with character data")->required();
  subcommand_->add_option("--to", to_,
                          "the set the replacement is chosen for (default jisx0208; a set name or "
                          "a set file)");
  subcommand_->add_option("-f,--format", format_, "text, json or ndjson")
      ->check(CLI::IsMember({"text", "json", "ndjson"}));
}

bool CharLookup::selected() const {
  return subcommand_ != nullptr && subcommand_->parsed();
}

int CharLookup::run(const CommandContext& context) {
  const std::string who = "gifkit lookup char: ";
  std::unique_ptr<moji::CharacterData> data;
  SetsInUse sets;
  moji::CharacterSet target;
  try {
    {
      auto db = registries::RegistryDb::open_existing(registry_);
      if (!moji::has_moji_data(db)) {
        context.err << who << registry_
                    << " has no character data (build it with the files of ../shared/data/moji: "
                       "gifkit registry build --out DB …/moji)\n";
        return kExitUsage;
      }
    }
    data = std::make_unique<moji::CharacterData>(moji::registry_rows(registry_));
    // Membership is shown in every set the data can make (a registry
    // without the MJ table makes no mj set, say).
    for (const auto& info : moji::named_sets()) {
      try {
        sets.sets.push_back(moji::make_character_set(*data, info.name));
      } catch (const registries::RegistryError&) {
      }
    }
    for (const auto& [name, info] : data->sets())
      sets.sets.push_back(moji::make_character_set(*data, name));
    target = moji::character_set_by_argument(*data, to_);
    sets.target = &target;
  } catch (const registries::RegistryError& error) {
    context.err << who << error.what() << "\n";
    return kExitUsage;
  }
  std::vector<std::string> keys;
  for (const auto& key : keys_) {
    if (key != "-") {
      keys.push_back(key);
      continue;
    }
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) keys.push_back(line);
    }
  }
  CharReport report(*data, sets);
  int status = kExitOk;
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  bool first_text = true;
  for (const auto& key : keys) {
    moji::CharacterKey resolved = moji::resolve_character_key(*data, key);
    if (resolved.status != moji::CharacterKey::Status::found) {
      const bool malformed = resolved.status == moji::CharacterKey::Status::malformed;
      context.err << who << resolved.message << "\n";
      status = std::max(status, malformed ? int{kExitUsage} : int{kExitDataNotOk});
      nlohmann::ordered_json error = {{"key", key}, {"error", resolved.message}};
      if (format_ == "json") all.push_back(error);
      if (format_ == "ndjson") context.out << error.dump() << "\n";
      continue;
    }
    nlohmann::ordered_json json = report.json(key, resolved.text);
    if (format_ == "json") {
      all.push_back(json);
    } else if (format_ == "ndjson") {
      context.out << json.dump() << "\n";
    } else {
      if (!first_text) context.out << "\n";
      first_text = false;
      CharReport::write_text(context.out, json);
    }
  }
  if (format_ == "json") context.out << all.dump(2) << "\n";
  return status;
}

}  // namespace gifkit::tools
