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
  // A name two items claim (one's English id, the English name a definition
  // sheet gives the other): the other item; match_all decides between them.
  const FieldSpec* rival = nullptr;
  std::string unbound_because;  // a claimed name neither item could take: why
};

// The folded item names of every GIF release (ModelCatalog::gif_item_labels).
using KnownItemLabels = std::shared_ptr<const std::set<std::string, std::less<>>>;

// Precomputed lookup of every acceptable label of a model.
//
// How a header is bound (one rule, here): by the item's own name or English
// id, a listed equivalent or non-standard name, the same written with a
// look-alike character — or as a near miss (one or two characters off one
// item's name), but only a header that is no name in its own right: not an
// item of any GIF release (known_items), not a variant of an item (名称_カナ,
// 市区町村（カナ）, 画像2: grammars::HeaderWords::variant_stem) — and, in
// match_all, only onto an item no other column of the file is bound to (業種
// beside 業態, 通称 beside 名称 are unknown). A near miss two columns share is
// neither's.
class HeaderMatcher {
 public:
  explicit HeaderMatcher(const Model& model, KnownItemLabels known_items = nullptr);

  // One header alone (no other column known; the first two parts of the rule).
  ColumnBinding match(std::string_view header) const;
  // The header of a file: every column as match() binds it; a name two items
  // claim goes to the one no other column holds (unknown when the others do
  // not say: never silently the wrong one); then a near miss onto an item
  // another column holds (or another near miss claims) unknown.
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
  // True when the folded header is a name in its own right: an item of a GIF
  // release, or a variant (名称_カナ, 画像2) of an item of the model or a release.
  bool names_item_of_its_own(const std::string& folded) const;

  struct Entry {
    const FieldSpec* field;
    HeaderMatch match;
  };
  std::map<std::string, Entry, std::less<>> by_folded_label_;
  // A name that is an item's own (exact) and another item's equivalent alias
  // (公衆トイレ一覧's sheet shifts items 25–27's English names by one:
  // japaneseStyleFemaleToilet is 女性トイレ数（和式）'s id and the sheet's name
  // of 女性トイレ数（洋式）): the alias's item, by folded name and by English key.
  std::map<std::string, const FieldSpec*, std::less<>> rival_by_folded_label_;
  std::map<std::string, const FieldSpec*, std::less<>> rival_by_english_key_;
  // Decides the names two items claim by the file's other columns.
  void settle_rivals(std::vector<ColumnBinding>& bindings) const;
  // The English labels and ids, by lowercase letters and digits only.
  std::map<std::string, Entry, std::less<>> by_english_key_;
  // The folded labels again, keyed with every look-alike of ー as ー.
  std::map<std::string, Entry, std::less<>> by_lookalike_key_;
  std::set<std::string> literal_labels_;    // accepted names, by literal_key
  std::set<std::string> literal_prefixes_;  // part prefixes, by literal_key
  std::vector<std::pair<std::string, const FieldSpec*>> item_labels_;  // for near misses
  std::set<std::string> prefixes_;                                     // folded part prefixes
  KnownItemLabels known_items_;  // may be null: a model matched without a catalog
};

// The header matcher of a model, built once for a model the catalog holds
// (ModelCatalog::derived) and anew for any other.
std::shared_ptr<const HeaderMatcher> header_matcher_of(const ModelCatalog& catalog,
                                                       const Model& model);

}  // namespace gifkit::models
