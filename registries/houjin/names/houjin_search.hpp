// houjin_search.hpp — the name index of a registry's corporations and the
// search behind `gifkit lookup corporation --name/--furigana/--en-name`.
// Index: one normalized key per corporation and field (name_key.hpp); entry
// ids in ranking order (field, key length, corporate number); and posting
// lists of each key's first character, first bigram, bigrams and last
// character (name_index_format.hpp). A query walks the lists of its grams in
// id order and stops after `limit` results, so its cost does not grow with
// the number of matches. Works for 1- and 2-character queries (which
// SQLite's trigram tokenizer cannot answer) and for kanji (which its default
// tokenizer cannot split). See docs/lookup.md.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/houjin/lookup/houjin_lookup.hpp"

namespace gifkit::registries::houjin {

// (Re)creates the name index from the corporation table: drops any old one
// (older formats too), then fills the entry, bucket and posting tables. Run
// after the load, in the build's transaction (create_houjin_indexes does),
// and after an update. Defined in name_index_build.cpp.
void build_name_search_index(RegistryDb& db);

// Brings the name index up to date after sources were imported into a
// registry that had one: the corporations those sources changed (their
// provenance_id is min_provenance_id or later — the ids of the sources just
// imported) are indexed in a new segment, and their older entries become
// stale. Rebuilds the whole index instead when there is none of this
// format, when 16 segments exist, or when the re-indexed corporations would
// pass a tenth of the entries. Returns true when it added a segment.
bool update_name_search_index(RegistryDb& db, std::int64_t min_provenance_id);

enum class SearchField { name, furigana, en_name };

struct NameQuery {
  SearchField field = SearchField::name;
  std::string text;             // as typed; normalized with name_key
  std::string prefecture;       // prefectureName equals this ("" = any)
  std::string city;             // cityName equals this ("" = any)
  std::string kind;             // kind code equals this ("" = any)
  bool open_only = false;       // only corporations without a closeDate (nor deleted)
  bool include_hidden = false;  // also those with hihyoji = 1 (the NTA's search hides them)
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
// query.limit. Corporations flagged hihyoji = 1 only with include_hidden.
// Empty when the normalized query is empty. Throws RegistryError when the
// registry has no name index (or one of an older format). Reads in one
// read transaction (ReadTransaction: joins one already open), so that its
// statements see one state of a server's registry.
std::vector<NameMatch> search_corporations(RegistryDb& db, const NameQuery& query);

std::string_view match_kind_name(MatchKind kind);  // "exact", "prefix", "substring"

}  // namespace gifkit::registries::houjin
