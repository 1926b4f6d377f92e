// column_by_values.hpp — the item a column no header binds is, by its values
// (ColumnKinds' profile) and its header (grammars::header_words): validate
// suggests it (column-by-values, info), transform binds it when certain. A
// column's values point at an item when at least kLargeMajority percent of
// them (of its first kMaxProfiled), and kMinValues at least, are of the item's kind — the labels of
// its code list, telephone numbers, e-mail addresses, URLs, dates, postal codes, prefectures'
// names, 全国地方公共団体コード (with their check digit; in the registry when one is given) or
// 法人番号 (with their check digit) — and the item has no column. It is certain only when nothing
// else could be meant: the labels of the item's own code list (only 組織種別 holds 株式会社 and
// その他の設立登記法人), or a header that names the item (電話 for 電話番号,
// by header_words.tsv) with values of its kind. Anything else is a
// suggestion: a column of dates is not 設立年月日 because the model has one.
#pragma once
#include <string>
#include <vector>

#include "models/engine/checks/column_kinds.hpp"
#include "models/engine/model/model.hpp"

namespace gifkit::models {

struct ValueBinding {
  std::size_t column = 0;                // 0-based
  const FieldSpec* field = nullptr;      // the item it is, or the first it may be
  std::vector<const FieldSpec*> others;  // the other items it may be (not certain then)
  bool certain = false;                  // bound by transform; suggested otherwise
  bool by_header = false;                // its header names the item too
  // What says so, for a report: "3 of its 3 values are labels of
  // LegalEntityKindCodeList", "its header names 電話番号 and 4 of its 4
  // values are telephone numbers".
  std::string evidence;
};

// True when header names the item field otherwise than by an accepted name:
// its label, its display label or an alias, less a suffix or in another
// spelling of a word (grammars::header_words).
bool header_points_at(std::string_view header, const FieldSpec& field);

// The columns of headers that no item is bound to (bound[i] nullptr) whose
// values (kinds: the ColumnKinds that saw the rows, made with model) point
// at an item of model no column is bound to; each item at most once, the
// certain ones first claimed.
std::vector<ValueBinding> columns_by_values(const Model& model,
                                            const std::vector<std::string>& headers,
                                            const std::vector<const FieldSpec*>& bound,
                                            const ColumnKinds& kinds);

}  // namespace gifkit::models
