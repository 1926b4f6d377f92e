// chars_check_view.cpp — see chars_check_view.hpp.
#include "tools/output/chars_check_view.hpp"

#include <algorithm>
#include <ostream>

#include "grammars/io/csv_writer.hpp"
#include "grammars/values/identifiers.hpp"
#include "tools/output/character_view.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools {

using grammars::csv_field;
namespace {

// A value shown beside a finding: at most this many bytes (cut at a character).
constexpr std::size_t kValueShown = 400;

// Every value, file name and header shown passes through the one text
// rule of 個人番号 first (a cut after it never splits a number to show).
std::string shown(std::string_view text) {
  return grammars::mask_individual_numbers_in(text);
}

// A value or a column name shown beside a finding, cut at kValueShown bytes.
// Only its start is masked, not the whole of a long value for each of its
// findings (a line of 100,000 of them took minutes): a masked digit is one
// byte where a full-width one was three, so the start taken is three times
// what is shown plus a number's length, and a number across its end lands
// past the cut.
std::string shown_value(std::string_view text) {
  constexpr std::size_t kTaken = 3 * kValueShown + 128;
  const bool long_text = text.size() > kTaken;
  const std::string value = shown(long_text ? text.substr(0, kTaken) : text);
  if (value.size() <= kValueShown && !long_text) return value;
  std::size_t cut = std::min(kValueShown, value.size());
  while (cut > 0 && cut < value.size() && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80)
    --cut;
  return value.substr(0, cut) + "…";
}

Json place_json(const models::CharacterPlace& place) {
  Json json = {{"file", shown(place.file)}, {"line", place.line}};
  json["row"] = place.row == 0 ? Json(nullptr) : Json(place.row);
  json["field"] = place.field == 0 ? Json(nullptr) : Json(place.field);
  json["column"] = place.field == 0 ? Json(nullptr) : Json(shown_value(place.column));
  if (!place.cell.empty()) json["cell"] = place.cell;  // a workbook's
  json["position"] = place.position;
  return json;
}

Json character_json(const models::OffendingCharacter& character, std::string_view unit) {
  Json json = {{"character", std::string(unit)},
               {"codePoints", code_point_list_json(character.code_points)}};
  Json mj = Json::array();
  for (auto number : character.mj) mj.push_back(moji::mj_name(number));
  json["mj"] = mj;
  json["mjOfBase"] = character.mj_of_base;
  json["selectorInMj"] =
      character.has_selector ? Json(!character.selector_not_in_mj) : Json(nullptr);
  json["issue"] = character.issue.empty() ? Json(nullptr) : Json(character.issue);
  const moji::ShrinkCandidate* only = character.choice.replacement();
  json["replacement"] = only == nullptr ? Json(nullptr) : Json(only->text);
  json["unique"] = character.choice.unique();
  Json candidates = Json::array();
  for (const auto& candidate : character.choice.candidates) {
    candidates.push_back({{"character", candidate.text},
                          {"rule", std::string(moji::shrink_rule_name(candidate.rule))},
                          {"from", candidate.from}});
  }
  json["candidates"] = candidates;
  json["whyNone"] =
      character.choice.why_none.empty() ? Json(nullptr) : Json(character.choice.why_none);
  return json;
}

// "names.csv:3: 氏名 (field 2), character 1" / "notes.txt:7: character 4" /
// "names.xlsx:3: 氏名 (cell B3), character 1" (3: the sheet row)
std::string place_text(const models::CharacterPlace& place) {
  std::string text = shown(place.file) + ":" + std::to_string(place.line) + ": ";
  if (place.field != 0) {
    const std::string where =
        place.cell.empty() ? "field " + std::to_string(place.field) : "cell " + place.cell;
    text += (place.column.empty() ? where : shown_value(place.column) + " (" + where + ")") + ", ";
  }
  return text + "character " + std::to_string(place.position);
}

// " → 高 (mj-shrink: MJ028902)", " → 牛 (…) or 井 (…): a person chooses",
// ": no replacement (why)"
std::string choice_text(const moji::ShrinkChoice& choice) {
  if (choice.candidates.empty()) return ": no replacement (" + choice.why_none + ")";
  std::string text = " → ";
  for (std::size_t i = 0; i < choice.candidates.size(); ++i) {
    const auto& candidate = choice.candidates[i];
    text += (i ? " or " : "") + candidate.text + " (" +
            std::string(moji::shrink_rule_name(candidate.rule)) + ": " + candidate.from + ")";
  }
  return choice.unique() ? text : text + ": a person chooses";
}

// "髙 U+9AD9 MJ028902", "U+E0102 (a variation selector with no character before it)"
std::string character_text(const models::OffendingCharacter& character, std::string_view unit) {
  std::string text;
  const bool printable = character.issue.empty() || character.issue.starts_with("a private-use") ||
                         character.issue.starts_with("a second");
  if (printable) text += std::string(unit) + " ";
  text += character.code_points;
  std::string mj = mj_names_of(character, 3);
  if (!mj.empty()) text += " " + mj;
  if (character.selector_not_in_mj) text += " (selector not in MJ)";
  if (!character.issue.empty()) text += " (" + character.issue + ")";
  return text;
}

class TextWriter : public CharsCheckWriter {
 public:
  TextWriter(std::ostream& out, bool summary_only) : out_(out), summary_only_(summary_only) {}
  void character(const models::CharacterPlace& place, const models::OffendingCharacter& character,
                 std::string_view unit, std::string_view) override {
    if (summary_only_) return;
    out_ << place_text(place) << ": " << character_text(character, unit)
         << choice_text(character.choice) << "\n";
  }
  void problem(const std::string& file, std::uint64_t line, const std::string& message) override {
    out_ << shown(file);
    if (line > 0) out_ << ":" << line;
    out_ << ": problem: " << shown(message) << "\n";
  }
  void finish(const models::TextChecker& checker) override {
    const auto& totals = checker.totals();
    const auto distinct = checker.distinct();
    const std::string set = checker.set().description() + " (" + checker.set().name() + ")";
    const std::uint64_t unchecked = totals.unreadable + totals.unknown_columns;
    const std::string read =
        counted(totals.files - std::min(totals.files, totals.unknown_columns), "file") + ", " +
        counted(totals.records, "record") +
        (unchecked == 0 ? std::string()
                        : "; " + counted(unchecked, "file") + " not checked (see above)");
    if (totals.characters == 0) {
      out_ << "no character outside " << set << " in " << read << "\n";
      return;
    }
    out_ << (summary_only_ ? "" : "\n") << counted(totals.characters, "character") << " outside "
         << set << ", " << distinct.size() << " distinct, in " << read << ":\n";
    for (const auto* character : distinct) {
      out_ << "  " << character_text(*character, character->text) << "  " << character->count
           << "×, first " << place_text(character->first) << choice_text(character->choice) << "\n";
    }
  }

 private:
  std::ostream& out_;
  bool summary_only_;
};

Json summary_json(const models::OffendingCharacter& character) {
  Json json = character_json(character, character.text);
  json["count"] = character.count;
  json["first"] = place_json(character.first);
  return json;
}

Json totals_json(const models::TextChecker& checker) {
  const auto& totals = checker.totals();
  return {{"charset", checker.set().name()}, {"charsetTitle", checker.set().description()},
          {"files", totals.files},           {"unreadableFiles", totals.unreadable},
          {"bytes", totals.bytes},           {"records", totals.records},
          {"characters", totals.characters}, {"distinct", checker.distinct().size()},
          {"problems", totals.problems}};
}

class NdjsonWriter : public CharsCheckWriter {
 public:
  NdjsonWriter(std::ostream& out, bool summary_only) : out_(out), summary_only_(summary_only) {}
  void character(const models::CharacterPlace& place, const models::OffendingCharacter& character,
                 std::string_view unit, std::string_view value) override {
    if (summary_only_) return;
    Json json = {{"type", "character"}};
    json.update(place_json(place));
    json.update(character_json(character, unit));
    json["value"] = shown_value(value);
    out_ << json_text(json) << "\n";
  }
  void problem(const std::string& file, std::uint64_t line, const std::string& message) override {
    Json json = {{"type", "problem"},
                 {"file", shown(file)},
                 {"line", line == 0 ? Json(nullptr) : Json(line)},
                 {"message", shown(message)}};
    out_ << json_text(json) << "\n";
  }
  void finish(const models::TextChecker& checker) override {
    for (const auto* character : checker.distinct()) {
      Json json = {{"type", "summary"}};
      json.update(summary_json(*character));
      out_ << json_text(json) << "\n";
    }
    Json totals = {{"type", "totals"}};
    totals.update(totals_json(checker));
    out_ << json_text(totals) << "\n";
  }

 private:
  std::ostream& out_;
  bool summary_only_;
};

// {"findings": [streamed…], "problems": […], "summary": […], "totals": {…}}
class JsonWriter : public CharsCheckWriter {
 public:
  JsonWriter(std::ostream& out, bool summary_only) : out_(out), summary_only_(summary_only) {
    out_ << "{\n  \"findings\": [";
  }
  void character(const models::CharacterPlace& place, const models::OffendingCharacter& character,
                 std::string_view unit, std::string_view value) override {
    if (summary_only_) return;
    Json json = place_json(place);
    json.update(character_json(character, unit));
    json["value"] = shown_value(value);
    out_ << (first_ ? "\n    " : ",\n    ") << json_text(json);
    first_ = false;
  }
  void problem(const std::string& file, std::uint64_t line, const std::string& message) override {
    if (problems_.size() >= kProblemsKept) {
      ++problems_not_kept_;
      return;
    }
    problems_.push_back({{"file", shown(file)},
                         {"line", line == 0 ? Json(nullptr) : Json(line)},
                         {"message", shown(message)}});
  }
  void finish(const models::TextChecker& checker) override {
    out_ << (first_ ? "]" : "\n  ]") << ",\n  \"problems\": ";
    Json problems = problems_;
    out_ << json_text(problems.empty() ? Json::array() : problems);
    out_ << ",\n  \"problemsNotListed\": " << problems_not_kept_ << ",\n  \"summary\": [";
    bool first = true;
    for (const auto* character : checker.distinct()) {
      out_ << (first ? "\n    " : ",\n    ") << json_text(summary_json(*character));
      first = false;
    }
    out_ << (first ? "]" : "\n  ]") << ",\n  \"totals\": " << json_text(totals_json(checker))
         << "\n}\n";
  }

 private:
  static constexpr std::size_t kProblemsKept = 1000;
  std::ostream& out_;
  bool summary_only_;
  bool first_ = true;
  std::vector<Json> problems_;
  std::uint64_t problems_not_kept_ = 0;
};

}  // namespace

std::string counted(std::uint64_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

std::string mj_names_of(const models::OffendingCharacter& character, std::size_t most) {
  std::string names;
  for (std::size_t i = 0; i < character.mj.size() && i < most; ++i)
    names += (names.empty() ? "" : ", ") + moji::mj_name(character.mj[i]);
  if (character.mj.size() > most)
    names += ", … (" + std::to_string(character.mj.size()) + " in all)";
  if (!names.empty() && character.mj_of_base) names = "base " + names;
  return names;
}

std::string candidates_text(const moji::ShrinkChoice& choice) {
  std::string text;
  for (const auto& candidate : choice.candidates) {
    text += (text.empty() ? "" : " | ") + candidate.text + " (" +
            std::string(moji::shrink_rule_name(candidate.rule)) + ": " + candidate.from + ")";
  }
  return text;
}

std::unique_ptr<CharsCheckWriter> make_chars_check_writer(OutputFormat format, std::ostream& out,
                                                          bool summary_only) {
  if (format == OutputFormat::json) return std::make_unique<JsonWriter>(out, summary_only);
  if (format == OutputFormat::ndjson) return std::make_unique<NdjsonWriter>(out, summary_only);
  return std::make_unique<TextWriter>(out, summary_only);
}

ShrinkOutputs::ShrinkOutputs(std::ostream& review, std::ostream& log, std::ostream& err)
    : review_(review), log_(log), err_(err) {
  review_ << "file,line,row,field,column,position,character,code_points,mj,reason,candidates,"
             "value\n";
}

void ShrinkOutputs::character(const models::CharacterPlace& place,
                              const models::OffendingCharacter& character, std::string_view unit,
                              std::string_view value) {
  if (character.choice.unique()) return;  // replaced: in the log
  std::string reason = character.issue;
  if (character.choice.candidates.size() > 1) {
    reason = std::to_string(character.choice.candidates.size()) + " candidates: a person chooses";
  } else if (character.choice.candidates.empty()) {
    reason = "no replacement: " + character.choice.why_none;
  }
  review_ << csv_field(shown(place.file)) << "," << place.line << ","
          << (place.row == 0 ? std::string() : std::to_string(place.row)) << ","
          << (place.field == 0 ? std::string() : std::to_string(place.field)) << ","
          << csv_field(shown(place.column)) << "," << place.position << "," << csv_field(unit)
          << "," << csv_field(character.code_points) << "," << csv_field(mj_names_of(character))
          << "," << csv_field(reason) << "," << csv_field(candidates_text(character.choice)) << ","
          << csv_field(shown(value)) << "\n";
}

void ShrinkOutputs::problem(const std::string& file, std::uint64_t line,
                            const std::string& message) {
  ++problems_;
  err_ << file;
  if (line > 0) err_ << ":" << line;
  err_ << ": " << message << "\n";
}

void ShrinkOutputs::change(const models::ShrinkChange& change) {
  Json json = place_json(change.place);
  json.erase("position");
  json["original"] = shown(change.original);
  json["shrunk"] = shown(change.shrunk);
  Json replacements = Json::array();
  for (const auto& replacement : change.replacements) {
    replacements.push_back({{"position", replacement.position},
                            {"from", replacement.from},
                            {"to", replacement.to},
                            {"rule", std::string(moji::shrink_rule_name(replacement.rule))},
                            {"source", replacement.source}});
  }
  json["replacements"] = replacements;
  log_ << json_text(json) << "\n";
}

}  // namespace gifkit::tools
