// export_model.cpp — reads a model into what the export forms write (see
// export_model.hpp): headers, value rules as patterns, code lists as
// enumerations, required items with their alternative forms, the required
// patterns of a base class, and the gaps.
#include "models/engine/export/export_model.hpp"

#include <algorithm>
#include <cassert>
#include <map>
#include <stdexcept>

#include "models/engine/dataset/header_matcher.hpp"
#include "models/engine/model/code_lists.hpp"
#include "models/engine/model/model_catalog.hpp"

namespace gifkit::models {
namespace {

// The gaps, each said once. The forms list the ones they cannot express.
const std::map<std::string, std::string>& gap_texts() {
  static const std::map<std::string, std::string> texts = {
      {"check-digit",
       "法人番号 and 全国地方公共団体コード carry a check digit, which gifkit checks "
       "(invalid-check-digit): 法人番号's first digit is 9 − (S mod 9), S the sum of the other 12 "
       "digits, each counted twice when its place from the right is even; the sixth digit of a "
       "全国地方公共団体コード is (11 − (6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5) mod 11) mod 10"},
      {"character-set",
       "the characters an item may hold (JIS X 0213 for names, kana and address text): gifkit "
       "checks them against the character data (character-not-allowed)"},
      {"calendar-date",
       "a date that is not in the calendar (2023-02-30) has the form YYYY-MM-DD: gifkit refuses it "
       "(invalid-value)"},
      {"coordinate-range",
       "緯度 and 経度 must lie in Japan (latitude 20–46, longitude 122–154, decimal degrees): "
       "gifkit "
       "checks the range (invalid-value)"},
      {"value-form",
       "電話番号 (DS-445), メールアドレス, URL, 番地以下 (DS-442), 期間 and 期間の長さ (DS-441) "
       "are "
       "checked by gifkit's own grammars; the export gives their rule in words only"},
      {"pattern-syntax",
       "an item's own pattern uses XML Schema classes ECMAScript lacks (\\p{IsKatakana}): left out "
       "of the ECMAScript forms"},
      {"alternatives",
       "an item required in one form or another (氏 + 名 or 氏名; the address as parts or as "
       "連結表記): any complete form satisfies it"},
      {"required-patterns",
       "the class's required patterns (必須パターン): a record must satisfy at least one"},
      {"duplicate-key", "the key items must not repeat across rows (duplicate-key)"},
      {"registry",
       "the checks against a base registry (法人番号, Address Base Registry), made only by gifkit "
       "validate --registry"},
      {"blank-allowed", "a required item whose empty value is a value: its column must be there"},
      {"warnings",
       "gifkit accepts with a warning, and its fix, a value in the wrong width (full-width "
       "digits, half-width katakana), with spaces around it, or a code list's label for its code "
       "(code-label); the forms refuse them"},
      {"headers",
       "gifkit also accepts the items' equivalent names (姓 for 氏) and reports non-standard "
       "ones; the forms know the standard header only"},
      {"column-set",
       "Table Schema v1 reads a table whose header is every field in order; gifkit reads any "
       "subset of the items in any order"},
  };
  return texts;
}

// An XML Schema pattern is ECMAScript-compatible unless it uses the classes
// only XML Schema has (\p{Is…} blocks, \i \c name characters, class subtraction).
bool ecma_compatible(const std::string& pattern) {
  for (const char* xsd_only : {"\\p{Is", "\\P{Is", "\\i", "\\I", "\\c", "\\C"}) {
    if (pattern.find(xsd_only) != std::string::npos) return false;
  }
  // A class subtraction: "-[" inside a character class ([a-z-[aeiou]]).
  int depth = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      ++i;
    } else if (pattern[i] == '[') {
      if (depth > 0 && i > 0 && pattern[i - 1] == '-') return false;
      ++depth;
    } else if (pattern[i] == ']' && depth > 0) {
      --depth;
    }
  }
  return true;
}

std::string ecma_anchored(const std::string& pattern) {
  return pattern.empty() || !ecma_compatible(pattern) ? std::string() : "^(" + pattern + ")$";
}

// The value type's form as an XML Schema pattern ("" when gifkit's rule is
// no regular language it can say, or none), and its rule in words.
struct TypeRule {
  std::string pattern;
  std::string words;
  std::string gap;  // the gap the type has beyond its pattern ("" none)
};

TypeRule type_rule(ValueType type) {
  switch (type) {
    case ValueType::text:
      return {"", "", ""};
    case ValueType::katakana:
      return {"[ァ-ヾ 　]+", "full-width katakana (ァ–ヾ, ・, ー, spaces)", ""};
    case ValueType::address_kana:
      return {"[ァ-ヾ 　0-9\\-]+",
              "full-width katakana with half-width digits and hyphens (DS-442: "
              "カスミガセキニチョウメ1-2)",
              ""};
    case ValueType::halfwidth_alnum:
      return {"[ -~]+", "half-width letters, digits and symbols", ""};
    case ValueType::integer:
      return {"[+-]?[0-9]+", "a whole number in half-width digits", ""};
    case ValueType::decimal:
      return {"[+-]?[0-9]+(\\.[0-9]+)?", "a number in half-width digits", ""};
    case ValueType::latitude:
      return {"[+-]?[0-9]+(\\.[0-9]+)?", "緯度 in decimal degrees, 20 to 46", "coordinate-range"};
    case ValueType::longitude:
      return {"[+-]?[0-9]+(\\.[0-9]+)?", "経度 in decimal degrees, 122 to 154", "coordinate-range"};
    case ValueType::date:
      return {"[0-9]{4}(-[0-9]{2}-[0-9]{2})?", "a date YYYY-MM-DD, or a year alone YYYY (DS-441)",
              "calendar-date"};
    case ValueType::date_time:
      return {"[0-9]{4}-[0-9]{2}-[0-9]{2}(T.+)?", "a date-time YYYY-MM-DDThh:mm:ss (DS-441)",
              "calendar-date"};
    case ValueType::time:
      return {"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?|24:00(:00)?",
              "a time hh:mm or hh:mm:ss (24:00 the end of a day)", ""};
    case ValueType::period:
      return {"",
              "a period start/end (DS-441 4: YYYY-MM-DD/YYYY-MM-DD and its shortened ends, "
              "YYYY-MM-DDThh:mm:ss+hh:mm/…, hh:mm/hh:mm)",
              "value-form"};
    case ValueType::duration:
      return {"", "a duration: ISO 8601 PnYnMnD or PTnHnM (DS-441 4.6), or hh:mm (4.5)",
              "value-form"};
    case ValueType::code:
      return {"", "a code of the code list", ""};
    case ValueType::corporate_number:
      return {"[1-9][0-9]{12}", "法人番号: 13 half-width digits, the first a check digit",
              "check-digit"};
    case ValueType::local_government_code:
      return {
          "(0[1-9]|[1-3][0-9]|4[0-7])[0-9]{4}",
          "全国地方公共団体コード: 6 half-width digits, prefecture 01–47, the last a check digit",
          "check-digit"};
    case ValueType::street_address_id:
      return {"[0-9]{7}", "町字ID: 7 half-width digits (Address Base Registry)", ""};
    case ValueType::postal_code:
      return {"[0-9]{7}", "郵便番号: 7 half-width digits without hyphen (DS-443)", ""};
    case ValueType::phone:
      return {"", "a telephone number as DS-445 writes it (03-5253-5111)", "value-form"};
    case ValueType::email:
      return {"", "an e-mail address", "value-form"};
    case ValueType::url:
      return {"", "an absolute http(s) URL", "value-form"};
    case ValueType::city_block:
      return {"", "番地以下 in half-width digits joined by hyphens (DS-442: 1-2-3)", "value-form"};
  }
  return {"", "", ""};
}

void add_gap_name(std::vector<std::string>& gaps, const std::string& name) {
  assert(gap_texts().count(name) == 1);
  if (std::find(gaps.begin(), gaps.end(), name) == gaps.end()) gaps.push_back(name);
}

ExportField read_export_field(const FieldSpec& spec, const CodeLists& code_lists,
                              const std::string& vocabulary) {
  ExportField field;
  field.spec = &spec;
  // The header gifkit's reports name the item by: a dataset standard's own
  // name (所在地_市区町村), else its label, with its part's prefix where the
  // prefix is not optional (代表者_氏名). validate accepts it as the item itself.
  field.header = HeaderMatcher::display_label(spec);
  field.title = spec.id_generated ? spec.label : spec.path;
  field.iri = vocabulary + (spec.id_generated ? spec.id : spec.path);
  const TypeRule rule = type_rule(spec.type);
  field.date = spec.type == ValueType::date;
  std::string own_pattern = spec.pattern;
  if (!rule.pattern.empty()) {
    field.pattern = rule.pattern;
    field.extra_pattern = own_pattern;
  } else {
    field.pattern = own_pattern;
  }
  field.ecma_pattern = ecma_anchored(field.pattern);
  field.ecma_extra_pattern = ecma_anchored(field.extra_pattern);
  if ((!field.pattern.empty() && field.ecma_pattern.empty()) ||
      (!field.extra_pattern.empty() && field.ecma_extra_pattern.empty()))
    add_gap_name(field.gaps, "pattern-syntax");
  if (!rule.gap.empty()) add_gap_name(field.gaps, rule.gap);
  if (!spec.charset.any()) add_gap_name(field.gaps, "character-set");
  std::string words = rule.words;
  if (spec.type == ValueType::code) {
    const std::vector<CodeEntry>* entries = code_lists.find(spec.codelist);
    if (entries == nullptr)
      throw std::runtime_error("the code list " + spec.codelist + " of " + spec.path +
                               " is not in GIF_Core_CodeList.xsd");
    std::string listed;
    for (const CodeEntry& entry : *entries) {
      field.enumeration.push_back(entry.code);
      if (listed.size() < 400)
        listed += (listed.empty() ? "" : ", ") + entry.code + " " + entry.name;
    }
    words =
        "a code of " + spec.codelist + " (" + listed + (listed.size() >= 400 ? ", …" : "") + ")";
  }
  if (!spec.values.empty()) {
    field.enumeration = spec.values;
    words = (words.empty() ? "" : words + "; ") + "one of the vocabulary's values";
  }
  if (spec.width == Width::fullwidth) words += (words.empty() ? "" : "; ") + std::string("全角");
  if (!spec.charset.any())
    words += (words.empty() ? "" : "; ") + std::string("characters of ") + spec.charset.name;
  field.description = spec.description;
  if (!words.empty())
    field.description += (field.description.empty() ? "" : " ") + std::string("[") + words + "]";
  return field;
}

// The requirements of a model's fields, as indices into fields (found by path).
ExportRequiredSet read_required_set(const Model& model, const std::vector<ExportField>& fields) {
  ExportRequiredSet set;
  set.model_id = model.id;
  set.label = model.label;
  auto index_of = [&fields](const std::string& path) -> std::ptrdiff_t {
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (fields[i].spec->path == path) return static_cast<std::ptrdiff_t>(i);
    return -1;
  };
  for (const FieldSpec& spec : model.fields) {
    if (spec.min_occurs <= 0 || spec.blank_allowed) continue;
    const std::ptrdiff_t own = index_of(spec.path);
    if (own < 0) continue;  // a pattern's item the exported model does not hold
    ExportRequirement requirement;
    requirement.item = fields[static_cast<std::size_t>(own)].header;
    requirement.forms.push_back({static_cast<std::size_t>(own)});
    // Any complete other form of an alternative the item is in (header_binding's rule).
    for (const Alternative& alternative : model.alternatives) {
      bool in_alternative = false;
      for (const auto& form : alternative.forms)
        in_alternative =
            in_alternative || std::find(form.begin(), form.end(), spec.path) != form.end();
      if (!in_alternative) continue;
      for (const auto& form : alternative.forms) {
        if (std::find(form.begin(), form.end(), spec.path) != form.end()) continue;
        std::vector<std::size_t> indices;
        for (const std::string& path : form) {
          const std::ptrdiff_t at = index_of(path);
          if (at < 0) {
            indices.clear();
            break;
          }
          indices.push_back(static_cast<std::size_t>(at));
        }
        if (!indices.empty()) requirement.forms.push_back(std::move(indices));
      }
    }
    set.requirements.push_back(std::move(requirement));
  }
  return set;
}

bool has_alternatives(const ExportRequiredSet& set) {
  for (const ExportRequirement& requirement : set.requirements)
    if (requirement.forms.size() > 1) return true;
  return false;
}

// The model a chain of extends starts from (gif:Person for gif:Person_MP03).
const Model& root_model(const Model& model, const ModelCatalog& catalog) {
  const Model* current = &model;
  for (int depth = 0; depth < 16 && !current->extends.empty(); ++depth) {
    const Model* base = catalog.find(current->extends);
    if (base == nullptr) break;
    current = base;
  }
  return *current;
}

}  // namespace

bool ExportModel::has_gap(const std::string& name) const {
  return std::any_of(gaps.begin(), gaps.end(),
                     [&](const ExportGap& gap) { return gap.name == name; });
}

const ExportField* ExportModel::find(const std::string& header) const {
  for (const ExportField& field : fields)
    if (field.header == header) return &field;
  return nullptr;
}

ExportModel read_export_model(const Model& model, const ModelCatalog& catalog,
                              const CodeLists& code_lists) {
  ExportModel result;
  result.model = &model;
  result.class_iri = kExportVocabulary + root_model(model, catalog).id;
  result.vocabulary = result.class_iri + "#";
  for (const FieldSpec& spec : model.fields) {
    result.fields.push_back(read_export_field(spec, code_lists, result.vocabulary));
    if (spec.key) result.key.push_back(result.fields.size() - 1);
  }
  result.own = read_required_set(model, result.fields);
  for (const ExportRequirement& requirement : result.own.requirements)
    if (requirement.forms.size() == 1 && requirement.forms.front().size() == 1)
      result.fields[requirement.forms.front().front()].required = true;
  for (const Model* other : catalog.models()) {
    if (other->extends != model.id || !other->is_pattern || other == &model) continue;
    result.patterns.push_back(read_required_set(*other, result.fields));
  }
  std::vector<std::string> names;
  for (const ExportField& field : result.fields)
    for (const std::string& gap : field.gaps) add_gap_name(names, gap);
  bool alternatives = has_alternatives(result.own);
  for (const ExportRequiredSet& pattern : result.patterns)
    alternatives = alternatives || has_alternatives(pattern);
  if (alternatives) add_gap_name(names, "alternatives");
  if (!result.patterns.empty()) add_gap_name(names, "required-patterns");
  if (!result.key.empty()) add_gap_name(names, "duplicate-key");
  if (!model.registry_checks.empty()) add_gap_name(names, "registry");
  for (const FieldSpec& spec : model.fields)
    if (spec.min_occurs > 0 && spec.blank_allowed) add_gap_name(names, "blank-allowed");
  add_gap_name(names, "warnings");
  add_gap_name(names, "headers");
  add_gap_name(names, "column-set");
  for (const std::string& name : names) result.gaps.push_back({name, gap_texts().at(name)});
  return result;
}

std::string export_summary(const ExportModel& model) {
  assert(model.model != nullptr);
  const Model& source = *model.model;
  std::string text = source.label + " (" + source.id + ")";
  if (!source.release.empty()) text += ", GIF release " + source.release;
  text +=
      ", exported by gifkit model export. One record is one row of a CSV file: its values are "
      "strings as the CSV holds them, an empty cell is no value.";
  if (!model.patterns.empty()) {
    text += " Required patterns, any of which a record may satisfy:";
    for (const ExportRequiredSet& pattern : model.patterns) text += " " + pattern.model_id;
    text += ".";
  }
  return text;
}

}  // namespace gifkit::models
