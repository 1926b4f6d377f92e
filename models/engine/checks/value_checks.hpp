// value_checks.hpp — checks one cell value against its field: type and
// format (through grammars/), width, character set, length and code list.
// Called for every non-empty cell, so the ok path allocates nothing.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/model/model.hpp"
#include "models/engine/report/report.hpp"

namespace gifkit::models {

class CharacterChecker;
class CodeLists;
class RegistryLookup;

// What a check found: a problem code, its severity, a reason (completes the
// code's message template), and either a fix (the fixed value, when it can
// be derived: set_fix keeps the suggestion equal to fix.to) or a suggestion
// in words ("one of: 1 男性, 2 女性").
struct Finding {
  std::string_view code;
  Severity severity = Severity::error;
  std::string reason;
  std::string suggestion;
  Fix fix;
  std::string codelist;  // for not-in-code-list
  // Reported once for its column, with the number of its cells (validate's
  // cell findings): a mark written for 1 in a 1-or-blank item (○ → 1).
  bool per_column = false;

  // The fix of value by rule; the suggestion is its `to`.
  void set_fix(std::string_view rule, std::string_view from, std::string to,
               FixCertainty certainty = FixCertainty::certain) {
    fix.rule = rule;
    fix.from = from;
    fix.to = std::move(to);
    fix.certainty = certainty;
    suggestion = fix.to;
  }
};

// Shared resources the checks use; any may be null (the corresponding checks
// are then skipped). The registry is not const: a lookup keeps its prepared
// statement's state, so one validation uses it at a time.
struct CheckResources {
  const CodeLists* code_lists = nullptr;
  const CharacterChecker* characters = nullptr;  // the fields' character sets
  RegistryLookup* registry = nullptr;            // for the models' registry rules
};

// Checks a non-empty value. Appends what is wrong to findings (which the
// caller clears); appends nothing when the value is fine.
void check_value(const FieldSpec& field, std::string_view value, const CheckResources& resources,
                 std::vector<Finding>& findings);

// A field's xs:pattern (the XML Schema regular-expression language, implicitly
// anchored), compiled once with libxml2. An empty pattern matches everything.
class FieldPattern {
 public:
  FieldPattern() = default;
  explicit FieldPattern(const std::string& pattern);
  ~FieldPattern();
  FieldPattern(FieldPattern&& other) noexcept;
  FieldPattern& operator=(FieldPattern&& other) noexcept;
  FieldPattern(const FieldPattern&) = delete;
  FieldPattern& operator=(const FieldPattern&) = delete;

  bool empty() const { return compiled_ == nullptr; }
  // True when the whole value matches (always true for an empty pattern).
  bool matches(std::string_view value) const;

 private:
  void* compiled_ = nullptr;    // xmlRegexpPtr
  mutable std::string buffer_;  // NUL-terminated copy of the value
};

// True for the text items of an address that write its numbers (gif:Address's
// 連結表記 (the old sheets' 住所), 町字 and 町字以下): their digits and the
// dashes between them are half-width in every model (DS-442; the old
// 推奨データセット's 共通ルール: 英数字は半角), whether or not a registry holds the
// 町字. The value plan sends a value with full-width digits or dashes to
// check_value.
bool is_address_line(const FieldSpec& field);

// value with its full-width digits half-width and every dash between numbers
// '-' (１丁目１－３８ → 1丁目1-38, １５１５ → 1515); kanji numerals, 丁目 and
// 番地 stay as written (the form of the marks is each sheet's own rule).
std::string address_numbers_halfwidth(std::string_view value);

// The suggested DS-442 番地以下 form of a value ("１－３" → "1-3", "1番3号" →
// "1-3", "一番地三" → "1-3"), or "" when none can be derived (letters, kana, 甲乙).
std::string suggest_city_block(std::string_view value);

}  // namespace gifkit::models
