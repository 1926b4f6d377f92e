// houjin_search.hpp — the name index of a registry's corporations and the
// search behind `gifkit lookup corporation --name/--furigana/--en-name`.
// Index: one normalized key per corporation and field (name_key.hpp) in
// corporation_search_key; an FTS5 trigram index over the keys for queries of
// 3 or more characters; and corporation_search_gram, an ordinary indexed
// table of each key's bigrams and last character, for 1–2 character queries
// (which trigrams cannot answer). See docs/lookup.md.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/houjin/houjin_lookup.hpp"

namespace gifkit::registries::houjin {

// (Re)creates the name index from the corporation table: drops any old one,
// then fills the key, trigram and gram tables. Run once after the load, in
// the build's transaction (create_houjin_indexes does).
void build_name_search_index(RegistryDb& db);

enum class SearchField { name, furigana, en_name };

struct NameQuery {
  SearchField field = SearchField::name;
  std::string text;        // as typed; normalized with name_key
  std::string prefecture;  // prefectureName equals this ("" = any)
  std::string city;        // cityName equals this ("" = any)
  std::string kind;        // kind code equals this ("" = any)
  bool open_only = false;  // only corporations without a closeDate
  std::int64_t limit = 20;
};

enum class MatchKind { exact = 0, prefix = 1, substring = 2 };

struct NameMatch {
  HoujinRecord record;
  MatchKind match = MatchKind::substring;
};

// The corporations whose key of query.field contains the normalized query
// text and that pass the filters: exact matches first, then prefix, then
// substring matches, ties by key length then corporate number; at most
// query.limit. Empty when the normalized query is empty. Throws
// RegistryError when the registry has no name index.
std::vector<NameMatch> search_corporations(const RegistryDb& db, const NameQuery& query);

std::string_view match_kind_name(MatchKind kind);  // "exact", "prefix", "substring"

}  // namespace gifkit::registries::houjin
