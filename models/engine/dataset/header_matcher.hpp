// header_matcher.hpp — maps a dataset's header labels to a model's fields:
// the GIF item name itself, its English id, an equivalent everyday name (姓 for
// 氏), a known non-standard name (セイ for 氏（カナ）), or a near miss (a typo
// of an item name). Labels are compared after fold_label (width, brackets, spaces).
#pragma once
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/model/model.hpp"
#include "models/engine/model/model_catalog.hpp"

namespace gifkit::models {

enum class HeaderMatch {
  exact,        // the GIF item name or English id
  equivalent,   // an equivalent everyday name: accepted
  nonstandard,  // a known non-standard name of the item: error
  look_alike,   // an accepted name written with a look-alike character
                // (a space, the other width, ― for ー): error
  near_miss,    // one or two characters off an item name: error
  unknown,      // nothing in the model
  mapped,       // as a user's mapping file says (validate --mapping): to an item
                // (field), or to none, whatever the header (ModelChoice::mapped)
};

struct ColumnBinding {
  std::string header;                // as written in the file
  const FieldSpec* field = nullptr;  // nullptr for unknown
  HeaderMatch match = HeaderMatch::unknown;
  std::string standard_label;  // the label the header should have (with part prefix)
};

// Precomputed lookup of every acceptable label of a model.
class HeaderMatcher {
 public:
  explicit HeaderMatcher(const Model& model);

  ColumnBinding match(std::string_view header) const;
  std::vector<ColumnBinding> match_all(const std::vector<std::string>& headers) const;

  // How well a header fits this model: columns recognised (any match but
  // unknown), used to pick a model when none is given.
  int score(const std::vector<std::string>& headers) const;
  // The same score from bindings already matched.
  static int score_bindings(const std::vector<ColumnBinding>& bindings);

  // What makes a look-alike header differ from its item, for a message:
  // "a space", "full-width Ｉ, full-width Ｄ", "half-width katakana", "― for ー".
  static std::string describe_lookalike(std::string_view header);

  // The label a field should have in a header: its item name, prefixed with
  // its part's label when the part's prefix is not optional.
  static std::string display_label(const FieldSpec& field);

 private:
  // A header written with a part prefix and a separator (登記住所_都道府県,
  // 登記住所(都道府県)) in the form the table holds (登記住所都道府県).
  std::string canonical_header(std::string folded) const;
  // True when header is an accepted name exactly as the model writes it
  // (ASCII case and bracket width aside), bare or after a part prefix and a separator.
  bool written_as_defined(std::string_view header) const;

  struct Entry {
    const FieldSpec* field;
    HeaderMatch match;
  };
  std::map<std::string, Entry, std::less<>> by_folded_label_;
  // The English labels and ids, by lowercase letters and digits only.
  std::map<std::string, Entry, std::less<>> by_english_key_;
  // The folded labels again, keyed with every look-alike of ー as ー.
  std::map<std::string, Entry, std::less<>> by_lookalike_key_;
  std::set<std::string> literal_labels_;    // accepted names, by literal_key
  std::set<std::string> literal_prefixes_;  // part prefixes, by literal_key
  std::vector<std::pair<std::string, const FieldSpec*>> item_labels_;  // for near misses
  std::set<std::string> prefixes_;                                     // folded part prefixes
};

// The header matcher of a model, built once for a model the catalog holds
// (ModelCatalog::derived) and anew for any other.
std::shared_ptr<const HeaderMatcher> header_matcher_of(const ModelCatalog& catalog,
                                                       const Model& model);

}  // namespace gifkit::models
