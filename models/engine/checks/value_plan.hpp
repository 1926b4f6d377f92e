// value_plan.hpp — a column's check plan, compiled once from its FieldSpec
// (its type, width, length, vocabulary, code list and character set): a
// fast acceptor that, in one pass over a value's bytes, decides that the
// value certainly has no finding of check_value (value_checks.hpp). The
// values it cannot vouch for go to check_value, which is unchanged, so the
// findings and their messages stay what they were; the plan only spares the
// usual, correct value the several scans check_value makes of it.
//
//   ValuePlan plan(field, resources);   // once a column
//   if (!plan.accepts(value)) check_value(field, value, resources, findings);
//
// A value plan.accepts() passes needs no fix either (transform's ValueFixer).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "models/engine/checks/column_kinds.hpp"
#include "models/engine/checks/value_checks.hpp"
#include "models/engine/model/model.hpp"

namespace gifkit::models {

class ValuePlan {
 public:
  // Accepts nothing (every value goes to check_value).
  ValuePlan() = default;
  // The plan of field's values under resources (which must outlive the plan:
  // its character set is made from them on the first non-ASCII value).
  ValuePlan(const FieldSpec& field, const CheckResources& resources);

  // True when check_value(field, value, resources, findings) certainly
  // appends nothing for this non-empty value; false says nothing (ask
  // check_value). Not thread-safe on its first non-ASCII value (the plan's
  // character table is built then): one plan per validation thread.
  bool accepts(std::string_view value) const;

  // The first certain fix check_value gives this non-empty value (the fix's
  // result into to, its rule into rule), worked out without check_value for
  // the usual ways a date or a telephone number is written wrong: a date in
  // a form grammars::read_usual_date reads (2015/4/1, 平成27年4月1日,
  // H27.4.1 → date-form), a telephone number in full-width digits and
  // hyphens (０３－５２５３－５１１１ → halfwidth-ascii). false says
  // nothing (ask check_value); to is then unspecified.
  bool fixes(std::string_view value, std::string& to, std::string_view& rule) const;
  // True when accepts() passes every value fixes() makes (no list of values
  // nor length to check beside the form: an ISO date, a plain telephone).
  bool accepts_what_it_fixes() const {
    return (shape_ == Shape::date || shape_ == Shape::phone) && field_ != nullptr &&
           field_->values.empty() && !count_length_;
  }

  // The kind kind_of_value (column_kinds.hpp) gives every value accepts()
  // passes, or nullopt when it is not the same for all of them.
  // When set, it is kind_of_field(field) too.
  std::optional<ValueKind> accepted_kind() const { return accepted_kind_; }
  // True when no value accepts() passes is written like a 個人番号 or masked
  // as one (individual_number.hpp): numbers of other lengths, dates, URLs.
  bool accepts_no_individual_number() const { return no_individual_number_; }

 private:
  enum class Shape : std::uint8_t {
    none,              // accepts nothing
    text,              // text or katakana: code points of the table, the ASCII bytes of ascii_ok_
    corporate_number,  // 13 ASCII digits, the check digit right
    postal_code,       // 7 ASCII digits
    date,              // YYYY-MM-DD, a real date
    phone,             // domestic digit groups joined by '-', 0 first, 10 or 11 digits
    url,               // http(s)://host/path of plain characters
    code,              // one of the code list's codes, as written
    city_block,        // half-width digits joined by single '-'
    halfwidth_alnum,   // grammars::is_halfwidth_alnum
  };
  bool accepts_text(std::string_view value, std::size_t& characters) const;
  void build_table() const;

  Shape shape_ = Shape::none;
  const FieldSpec* field_ = nullptr;
  const CheckResources* resources_ = nullptr;
  bool count_length_ = false;  // min or max length set: counted
  bool ascii_ok_[128] = {};    // text: ASCII bytes that cause no finding in an ASCII value
  // text: per BMP code point, 1 when it causes no finding in a value with
  // non-ASCII characters; built on the first such value.
  mutable std::unique_ptr<std::uint64_t[]> table_;
  // code: the list's codes (no blanks at their ends) of up to 7 bytes, each
  // packed in a number (pack_code), sorted; the longer ones, in resources'
  // code lists, as strings.
  std::vector<std::uint64_t> short_codes_;
  std::unordered_set<std::string_view> long_codes_;
  std::optional<ValueKind> accepted_kind_;
  bool no_individual_number_ = false;
};

// The plans of a table's columns (nullptr: a column no item is bound to,
// whose plan accepts nothing).
std::vector<ValuePlan> compile_value_plans(const std::vector<const FieldSpec*>& fields,
                                           const CheckResources& resources);

}  // namespace gifkit::models
