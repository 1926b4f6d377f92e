// header_matcher.cpp — builds the label table of a model and matches headers
// against it (see header_matcher.hpp).
#include "models/engine/dataset/header_matcher.hpp"

#include <algorithm>
#include <string_view>

#include "grammars/dictionaries/header_words.hpp"
#include "grammars/text/edit_distance.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::models {
namespace {

// The characters people put between a part's label and an item's label in a
// flattened header: 登記住所_都道府県, 登記住所.都道府県, 登記住所・都道府県, ...
constexpr std::string_view kPrefixSeparators[] = {"_", ".", "・", "/", "-", ":", "：", "／"};

// An English column name reduced to lowercase letters and digits
// (corporate_number, corporateNumber, Corporate Number → corporatenumber);
// "" for a name that is not ASCII.
std::string english_key(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0x80) return {};
    if (std::isalnum(static_cast<unsigned char>(c)))
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

// A name as written, but for ASCII case and the width of brackets: the GIF's
// own documents write 建物名等(方書) and 建物名等（方書） alike, so neither is
// a look-alike of the other.
std::string literal_key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = grammars::decode_utf8(text, pos);
    if (cp == U'\uFF08' || cp == U'\uFF09' || cp == U'\uFF3B' || cp == U'\uFF3D') cp -= 0xFEE0;
    if (cp >= U'A' && cp <= U'Z') cp += U'a' - U'A';
    grammars::append_utf8(out, cp);
  }
  return out;
}

bool is_katakana(char32_t cp) {
  return cp >= U'\u30A1' && cp <= U'\u30FA';
}

// True for a character that passes for the prolonged sound mark ー: a dash
// (― ‐ − ─ …), or the kanji 一 after a katakana letter (メ一ル).
bool passes_for_prolonged_mark(char32_t cp, char32_t previous) {
  return grammars::is_dash(cp) || (cp == U'\u4E00' && is_katakana(previous));
}

// A folded label with every character that passes for the prolonged sound
// mark ー mapped to it: the dashes (― ‐ − ─ …) and the kanji 一 after a
// katakana letter (メ一ル). Labels that differ only there are look-alikes.
std::string lookalike_key(std::string_view folded) {
  std::string out;
  out.reserve(folded.size());
  std::size_t pos = 0;
  char32_t previous = 0;
  while (pos < folded.size()) {
    char32_t cp = grammars::decode_utf8(folded, pos);
    if (passes_for_prolonged_mark(cp, previous)) cp = U'\u30FC';
    grammars::append_utf8(out, cp);
    previous = cp;
  }
  return out;
}

// A header written with a part prefix and a separator (登記住所_都道府県,
// 登記住所(都道府県)) rejoined as prefix + item (登記住所都道府県) when
// is_known says that form is in the table; text unchanged otherwise.
template <typename IsKnown>
std::string rejoin_prefixed(std::string text, const std::set<std::string>& prefixes,
                            const IsKnown& is_known) {
  if (is_known(text)) return text;
  for (const auto& prefix : prefixes) {
    if (text.size() <= prefix.size() || text.compare(0, prefix.size(), prefix) != 0) continue;
    std::string_view rest = std::string_view(text).substr(prefix.size());
    if (rest.size() > 2 && rest.front() == '(' && rest.back() == ')') {
      rest = rest.substr(1, rest.size() - 2);
    } else {
      for (std::string_view separator : kPrefixSeparators) {
        if (rest.substr(0, separator.size()) == separator) {
          rest.remove_prefix(separator.size());
          break;
        }
      }
    }
    std::string candidate = prefix + std::string(rest);
    if (is_known(candidate)) return candidate;
  }
  return text;
}

}  // namespace

std::string HeaderMatcher::describe_lookalike(std::string_view header) {
  std::vector<std::string> kinds;
  auto note = [&kinds](std::string kind) {
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
      kinds.push_back(std::move(kind));
  };
  std::string full_width;  // the full-width letters, digits and signs
  std::size_t pos = 0;
  char32_t previous = 0;
  while (pos < header.size()) {
    const std::size_t start = pos;
    const char32_t cp = grammars::decode_utf8(header, pos);
    const std::string written(header.substr(start, pos - start));
    if (cp == U' ' || cp == U'\t' || cp == U'\u3000' || cp == U'\u00A0') {
      note("a space");
    } else if (cp >= U'\uFF01' && cp <= U'\uFF5E' && cp != U'\uFF08' && cp != U'\uFF09' &&
               cp != U'\uFF3B' && cp != U'\uFF3D') {
      if (full_width.empty()) note("full-width ");  // completed below
      full_width += written;
    } else if (cp >= U'\uFF61' && cp <= U'\uFF9F') {
      note("half-width katakana");
    } else if (passes_for_prolonged_mark(cp, previous)) {
      note(written + " for \u30FC");
    }
    previous = cp;
  }
  std::string out;
  for (const auto& kind : kinds)
    out += (out.empty() ? "" : ", ") + (kind == "full-width " ? kind + full_width : kind);
  return out;
}

std::string HeaderMatcher::display_label(const FieldSpec& field) {
  // A dataset standard's own name for a part's item (所在地_市区町村).
  for (const Alias& alias : field.aliases)
    if (alias.kind == AliasKind::standard) return alias.label;
  if (field.part.empty() || field.prefix_optional || field.part_prefixes.empty()) {
    return field.label;
  }
  return field.part_prefixes.front() + "_" + field.label;
}

HeaderMatcher::HeaderMatcher(const Model& model, KnownItemLabels known_items)
    : known_items_(std::move(known_items)) {
  // Own fields first, then parts' fields, so a model's own item wins a clash.
  std::vector<const FieldSpec*> ordered;
  for (const auto& field : model.fields)
    if (field.part.empty()) ordered.push_back(&field);
  for (const auto& field : model.fields)
    if (!field.part.empty()) ordered.push_back(&field);

  auto add_to = [](auto& map, auto& rivals, const std::string& key, const FieldSpec* field,
                   HeaderMatch kind) {
    if (key.empty()) return;
    auto it = map.find(key);
    if (it == map.end()) {
      map.emplace(key, Entry{field, kind});
      return;
    }
    const Entry held = it->second;
    if (kind == HeaderMatch::exact && held.match != HeaderMatch::exact)
      it->second = Entry{field, kind};  // an item name beats an alias
    // An item's name that is another item's equivalent: both claim it.
    const bool one_exact = (kind == HeaderMatch::exact) != (held.match == HeaderMatch::exact);
    const bool other_equivalent =
        kind == HeaderMatch::equivalent || held.match == HeaderMatch::equivalent;
    if (held.field != field && one_exact && other_equivalent)
      rivals.emplace(key, kind == HeaderMatch::exact ? held.field : field);
  };
  auto add = [&](const std::string& text, const FieldSpec* field, HeaderMatch kind) {
    const std::string key = grammars::fold_label(text);
    add_to(by_folded_label_, rival_by_folded_label_, key, field, kind);
    add_to(by_english_key_, rival_by_english_key_, english_key(key), field, kind);
    literal_labels_.insert(literal_key(text));
  };
  for (const FieldSpec* field : ordered) {
    for (const auto& header : accepted_headers(*field)) {
      HeaderMatch kind = HeaderMatch::exact;
      if (header.alias_kind == AliasKind::equivalent) kind = HeaderMatch::equivalent;
      if (header.alias_kind == AliasKind::nonstandard) kind = HeaderMatch::nonstandard;
      add(header.text, field, kind);
    }
    // A generated id (item01) is no name anyone writes: not a header.
    if (!field->id.empty() && !field->id_generated &&
        (field->part.empty() || field->prefix_optional)) {
      add(field->id, field, HeaderMatch::exact);
    }
    for (const auto& prefix : field->part_prefixes) {
      prefixes_.insert(grammars::fold_label(prefix));
      literal_prefixes_.insert(literal_key(prefix));
    }
  }
  for (const auto& [key, entry] : by_folded_label_)
    by_lookalike_key_.emplace(lookalike_key(key), entry);
  for (const FieldSpec* field : ordered) {
    item_labels_.emplace_back(grammars::fold_label(display_label(*field)), field);
  }
}

std::string HeaderMatcher::canonical_header(std::string folded) const {
  return rejoin_prefixed(std::move(folded), prefixes_, [this](const std::string& key) {
    return by_folded_label_.count(key) != 0;
  });
}

bool HeaderMatcher::written_as_defined(std::string_view header) const {
  const std::string rejoined =
      rejoin_prefixed(literal_key(header), literal_prefixes_,
                      [this](const std::string& text) { return literal_labels_.count(text) != 0; });
  return literal_labels_.count(rejoined) != 0;
}

bool HeaderMatcher::names_item_of_its_own(const std::string& folded) const {
  auto known = [this](const std::string& name) {
    return by_folded_label_.count(canonical_header(name)) != 0 ||
           (known_items_ && known_items_->count(name) != 0);
  };
  if (known_items_ && known_items_->count(folded) != 0) return true;
  const std::string stem = grammars::header_words().variant_stem(folded);
  return !stem.empty() && known(stem);
}

ColumnBinding HeaderMatcher::match(std::string_view header) const {
  ColumnBinding binding;
  binding.header = std::string(header);
  std::string folded = canonical_header(grammars::fold_label(header));
  const Entry* entry = nullptr;
  if (auto it = by_folded_label_.find(folded); it != by_folded_label_.end()) {
    entry = &it->second;
    if (auto rival = rival_by_folded_label_.find(folded); rival != rival_by_folded_label_.end())
      binding.rival = rival->second;
  } else if (const std::string key = english_key(folded); !key.empty()) {
    // An English name written another way (corporate_number for corporateNumber).
    if (auto english = by_english_key_.find(key); english != by_english_key_.end())
      entry = &english->second;
    if (auto rival = rival_by_english_key_.find(key); rival != rival_by_english_key_.end())
      binding.rival = rival->second;
  }
  bool lookalike = false;
  if (entry == nullptr) {
    if (auto it = by_lookalike_key_.find(lookalike_key(folded)); it != by_lookalike_key_.end()) {
      entry = &it->second;
      lookalike = true;
    }
  }
  if (entry != nullptr) {
    binding.field = entry->field;
    binding.match = entry->match;
    binding.standard_label = display_label(*binding.field);
    // An accepted name written with a look-alike character: a space, the
    // other width, ― for ー. (English names bind in any spelling.)
    if (entry->match == HeaderMatch::exact &&
        (lookalike || (english_key(header).empty() && !written_as_defined(header))))
      binding.match = HeaderMatch::look_alike;
    return binding;
  }
  // A near miss: one character off (two for long labels), and only when
  // exactly one item is that close.
  std::u32string header_points = grammars::to_code_points(folded);
  if (header_points.size() < 2 || names_item_of_its_own(folded)) return binding;
  std::size_t limit = header_points.size() >= 8 ? 2 : 1;
  const FieldSpec* best = nullptr;
  std::size_t best_distance = limit + 1;
  bool tie = false;
  for (const auto& [label, field] : item_labels_) {
    std::u32string label_points = grammars::to_code_points(label);
    if (label_points.size() < 2) continue;
    std::size_t distance = grammars::edit_distance(header_points, label_points, limit);
    if (distance < best_distance) {
      best = field;
      best_distance = distance;
      tie = false;
    } else if (distance == best_distance && best != nullptr && field != best) {
      tie = true;
    }
  }
  if (best != nullptr && !tie && best_distance > 0 && best_distance <= limit) {
    binding.field = best;
    binding.match = HeaderMatch::near_miss;
    binding.standard_label = display_label(*best);
  }
  return binding;
}

std::vector<ColumnBinding> HeaderMatcher::match_all(const std::vector<std::string>& headers) const {
  std::vector<ColumnBinding> bindings;
  bindings.reserve(headers.size());
  std::map<const FieldSpec*, int> bound_by_name;  // an item's columns bound by a name
  std::map<const FieldSpec*, int> near_misses;    // an item's columns bound as a near miss
  for (const auto& header : headers) bindings.push_back(match(header));
  settle_rivals(bindings);
  for (const ColumnBinding& binding : bindings) {
    if (binding.field == nullptr) continue;
    ++(binding.match == HeaderMatch::near_miss ? near_misses : bound_by_name)[binding.field];
  }
  for (ColumnBinding& binding : bindings) {
    if (binding.match != HeaderMatch::near_miss) continue;
    if (bound_by_name.count(binding.field) == 0 && near_misses[binding.field] == 1) continue;
    binding.field = nullptr;  // the item is another column's: this one is no typo of it
    binding.match = HeaderMatch::unknown;
    binding.standard_label.clear();
  }
  return bindings;
}

// A name two items claim goes to the item no other column holds, the file's
// other columns settled first: in a file headed with the sheet's names
// urinalFemaleToilet holds 女性トイレ数（和式）, so japaneseStyleFemaleToilet is
// the sheet's 女性トイレ数（洋式） and westernStyleFemaleToilet its 男女共用トイレ総数;
// in one headed with the ids, totalUnisexToilet holds 男女共用トイレ総数 and the
// names are their items' ids. A name whose items the others do not tell apart
// (both held, or neither) is bound to neither.
void HeaderMatcher::settle_rivals(std::vector<ColumnBinding>& bindings) const {
  std::vector<bool> open(bindings.size(), false);
  bool any = false;
  for (std::size_t i = 0; i < bindings.size(); ++i) {
    open[i] = bindings[i].rival != nullptr && bindings[i].field != nullptr;
    any = any || open[i];
  }
  if (!any) return;
  auto held_elsewhere = [&](const FieldSpec* field, std::size_t by) {
    for (std::size_t j = 0; j < bindings.size(); ++j)
      if (j != by && !open[j] && bindings[j].field == field) return true;
    return false;
  };
  for (bool settled = true; settled;) {
    settled = false;
    for (std::size_t i = 0; i < bindings.size(); ++i) {
      if (!open[i]) continue;
      ColumnBinding& binding = bindings[i];
      const bool own = held_elsewhere(binding.field, i);
      const bool rival = held_elsewhere(binding.rival, i);
      if (own == rival) continue;
      if (own) {
        binding.field = binding.rival;
        binding.match = HeaderMatch::equivalent;
        binding.standard_label = display_label(*binding.field);
      }
      open[i] = false;
      settled = true;
    }
  }
  for (std::size_t i = 0; i < bindings.size(); ++i) {
    if (!open[i]) continue;
    ColumnBinding& binding = bindings[i];
    binding.unbound_because = "names two items, " + display_label(*binding.field) +
                              " (its English name) and " + display_label(*binding.rival) +
                              " (the English name its definition sheet gives it), and the "
                              "file's other columns do not say which: write the item's "
                              "Japanese name";
    binding.field = nullptr;
    binding.match = HeaderMatch::unknown;
    binding.standard_label.clear();
  }
}

int HeaderMatcher::score(const std::vector<std::string>& headers) const {
  return score_bindings(match_all(headers));
}

int HeaderMatcher::score_bindings(const std::vector<ColumnBinding>& bindings) {
  int recognised = 0;
  for (const auto& binding : bindings) {
    if (binding.match == HeaderMatch::exact || binding.match == HeaderMatch::equivalent ||
        binding.match == HeaderMatch::look_alike) {
      recognised += 2;
    } else if (binding.match != HeaderMatch::unknown) {
      recognised += 1;
    }
  }
  return recognised;
}

std::shared_ptr<const HeaderMatcher> header_matcher_of(const ModelCatalog& catalog,
                                                       const Model& model) {
  // Taken before derived(), which holds the catalog's lock while it makes one.
  KnownItemLabels known_items = catalog.gif_item_labels();
  return catalog.derived<HeaderMatcher>(model, [&known_items](const Model& of) {
    return std::make_shared<const HeaderMatcher>(of, known_items);
  });
}

}  // namespace gifkit::models
