// column_by_values.cpp — see column_by_values.hpp.
#include "models/engine/checks/column_by_values.hpp"

#include <algorithm>
#include <cassert>
#include <set>

#include "grammars/dictionaries/header_words.hpp"
#include "models/engine/dataset/header_matcher.hpp"

namespace gifkit::models {
namespace {

// What a column's values may be: a kind, or the labels of a code list.
struct ValueEvidence {
  ValueKind kind = ValueKind::none;
  std::string codelist;  // "" for a kind
  std::uint64_t count = 0;
};

bool large_majority(std::uint64_t count, std::uint64_t filled) {
  return filled >= ColumnKinds::kMinValues && count * 100 >= filled * ColumnKinds::kLargeMajority;
}

// The kinds and code lists a large majority of a profile's values are.
std::vector<ValueEvidence> evidence_of(const ColumnKinds::Profile& profile) {
  std::vector<ValueEvidence> found;
  for (int index = 1; index < kValueKinds; ++index) {
    if (large_majority(profile.kinds[index], profile.filled))
      found.push_back({static_cast<ValueKind>(index), "", profile.kinds[index]});
  }
  for (const auto& [list, count] : profile.labels)
    if (large_majority(count, profile.filled)) found.push_back({ValueKind::none, list, count});
  return found;
}

bool is_of(const FieldSpec& field, const ValueEvidence& evidence) {
  if (!evidence.codelist.empty())
    return field.type == ValueType::code && field.codelist == evidence.codelist;
  return kind_of_field(field) == evidence.kind;
}

// "4 of its 4 values are telephone numbers", "3 of its 3 values are labels of
// …", "10000 of its first 10000 values are …" (a profile that stopped counting).
std::string values_text(const ValueEvidence& evidence, const ColumnKinds::Profile& profile) {
  const std::uint64_t filled = profile.filled;
  std::string what;
  if (!evidence.codelist.empty()) {
    what = "labels of " + evidence.codelist;
  } else {
    what = std::string(kind_name(evidence.kind));
    // "a telephone number" → "telephone numbers"
    if (what.starts_with("a ")) what.erase(0, 2);
    if (what.starts_with("an ")) what.erase(0, 3);
    if (what.ends_with("'s name")) {
      what = what.substr(0, what.size() - 7) + "s' names";
    } else {
      what += "s";
    }
  }
  return std::to_string(evidence.count) + (profile.capped ? " of its first " : " of its ") +
         std::to_string(filled) + " values are " + what;
}

}  // namespace

bool header_points_at(std::string_view header, const FieldSpec& field) {
  const grammars::HeaderWords& words = grammars::header_words();
  if (words.name_one_item(header, HeaderMatcher::display_label(field))) return true;
  for (const AcceptedHeader& accepted : accepted_headers(field))
    if (words.name_one_item(header, accepted.text)) return true;
  return false;
}

std::vector<ValueBinding> columns_by_values(const Model& model,
                                            const std::vector<std::string>& headers,
                                            const std::vector<const FieldSpec*>& bound,
                                            const ColumnKinds& kinds) {
  assert(headers.size() == bound.size());
  std::set<const FieldSpec*> taken(bound.begin(), bound.end());
  std::vector<ValueBinding> found;
  for (std::size_t column = 0; column < headers.size(); ++column) {
    if (bound[column] != nullptr) continue;
    const ColumnKinds::Profile* profile = kinds.profile(column);
    if (profile == nullptr) continue;
    for (const ValueEvidence& evidence : evidence_of(*profile)) {
      std::vector<const FieldSpec*> items, named;
      for (const FieldSpec& field : model.fields) {
        if (taken.count(&field) != 0 || !is_of(field, evidence)) continue;
        items.push_back(&field);
        if (header_points_at(headers[column], field)) named.push_back(&field);
      }
      if (items.empty()) continue;
      ValueBinding binding;
      binding.column = column;
      binding.evidence = values_text(evidence, *profile);
      if (named.size() == 1) {
        binding.field = named.front();
        binding.by_header = true;
        binding.certain = true;
        binding.evidence = "its header names " + HeaderMatcher::display_label(*binding.field) +
                           " and " + binding.evidence;
      } else {
        binding.field = items.front();
        binding.others.assign(items.begin() + 1, items.end());
        // Only the item's own code list holds its labels.
        binding.certain = !evidence.codelist.empty() && items.size() == 1;
      }
      found.push_back(std::move(binding));
      break;  // one item a column: the first evidence that points at one
    }
  }
  // The certain bindings claim their items first; a suggestion never names
  // an item a certain binding took.
  std::stable_sort(found.begin(), found.end(), [](const ValueBinding& a, const ValueBinding& b) {
    return a.certain > b.certain;
  });
  std::vector<ValueBinding> out;
  std::set<const FieldSpec*> claimed;
  for (ValueBinding& binding : found) {
    if (claimed.count(binding.field) != 0) continue;
    if (binding.certain) claimed.insert(binding.field);
    out.push_back(std::move(binding));
  }
  std::sort(out.begin(), out.end(),
            [](const ValueBinding& a, const ValueBinding& b) { return a.column < b.column; });
  return out;
}

}  // namespace gifkit::models
