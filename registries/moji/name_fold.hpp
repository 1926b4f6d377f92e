// name_fold.hpp — what a name's characters outside JIS X 0208 are compared
// as: the registry's moji_fold table (the character importer derives it from
// the NTA's JIS縮退マップ and the MJ 縮退, shrink.hpp), so that 髙島屋 finds
// 高島屋 and 﨑 finds 崎, as the National Tax Agency's own name search does.
// Variation selectors are dropped. A registry without character data has no
// fold: names are then compared as written.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries::moji {

class CharacterData;
class CharacterSet;

// True when data has what the name fold is derived from: JIS X 0208/0213 and
// the MJ or the NTA tables.
bool can_derive_name_fold(const CharacterData& data);

// The name fold derived from character data, in code point order: each
// character outside JIS X 0208 that the NTA map, MJ or JIS X 0213 knows, and
// its first 縮退 candidate inside JIS X 0208 (shrink.hpp) when there is one.
// The registry build stores these rows (moji_fold); NameFold::derived makes
// the same fold from the published files for a registry without them.
void derive_name_fold(const CharacterData& data,
                      const std::function<void(char32_t cp, std::string_view folded)>& visit);

// The rule derive_name_fold applies to one code point: what cp is compared
// as, or "" when it is not folded (inside JIS X 0208, unknown to the tables,
// or without a 縮退 candidate).
std::string derived_fold_of(const CharacterData& data, const CharacterSet& jisx0208, char32_t cp);

// The same fold derived one character at a time, the first time each is
// asked for: for a reader with the published tables but a registry without
// moji_fold. Characters inside JIS X 0208 are answered from the tables'
// membership alone; the NTA map is loaded at the first other character, the
// MJ tables only at the first the NTA map does not answer. Safe to call
// from several threads. data must outlive it.
class LazyDerivedFold {
 public:
  explicit LazyDerivedFold(const CharacterData& data);
  ~LazyDerivedFold();
  // The one character cp is compared as, or cp itself (not folded, or
  // folded to more than one character).
  char32_t fold_one(char32_t cp) const;
  // What cp is compared as when it has been decided; else decides that it
  // stays itself (without reading the details). For the registry's own
  // names: a character the registry writes is kept, so the same character
  // in an input matches it, and the details are read only for characters
  // that the inputs bring.
  char32_t fold_or_keep(char32_t cp) const;

 private:
  const CharacterData& data_;
  // Per code point below U+30000: 0 until decided, then the answer.
  mutable std::vector<std::atomic<char32_t>> decided_;
  mutable std::mutex deriving_;  // the details and jisx0208_ are made under it
  mutable std::unique_ptr<CharacterSet> jisx0208_;
};

class NameFold {
 public:
  NameFold() = default;
  // The whole table (for a build that folds every name).
  static NameFold load(const RegistryDb& db);
  // A fold that reads the table a code point at a time, the first time each
  // is asked for (for a query: its few characters and those of the names it
  // checks). db must outlive it.
  static NameFold lazy(const RegistryDb& db);
  // The fold derive_name_fold makes from data (empty when it cannot).
  static NameFold derived(const CharacterData& data);

  bool empty() const { return pool_.empty() && !lookup_; }
  // text with every variation selector dropped and each folded character
  // replaced (invalid UTF-8 bytes kept as they are).
  std::string apply(std::string_view text) const;
  // What cp is compared as, or "" when it is not folded.
  std::string_view fold(char32_t cp) const;
  // Every entry loaded (a lazy fold: those looked up so far), by code point.
  void for_each(const std::function<void(char32_t cp, std::string_view folded)>& visit) const;

 private:
  void add(char32_t cp, std::string_view folded) const;
  // per code point below U+30000: 1 + offset in pool_, 0: none (known)
  mutable std::vector<std::uint32_t> start_;
  mutable std::string pool_;  // each entry: a length byte, then the folded text
  // The lazy fold: the statement, and the code points already looked up.
  mutable std::unique_ptr<Statement> lookup_;
  mutable std::vector<bool> looked_up_;
};

}  // namespace gifkit::registries::moji
