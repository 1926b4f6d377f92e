// test_name_index_postings.cpp — the posting lists of the name index
// (registries/houjin/names/name_index_format.hpp, name_index_postings.hpp) on
// synthetic lists long enough for skip tables: chunks round-trip, a cursor's
// seeks and steps, the intersection and the union give the answers of plain
// sorted vectors; an index of the older format is refused and rebuilt.
// room: houjin
#include <algorithm>
#include <catch2/catch.hpp>
#include <iterator>
#include <random>

#include "registries/db/registry_db.hpp"
#include "registries/houjin/import/houjin_csv.hpp"
#include "registries/houjin/names/houjin_search.hpp"
#include "registries/houjin/names/name_index_format.hpp"
#include "registries/houjin/names/name_index_postings.hpp"
#include "registries/houjin/update/houjin_update.hpp"
#include "registry_test_support.hpp"

using namespace gifkit::registries::houjin;
using namespace registry_test;

namespace {

constexpr std::int64_t kLastId = 2'000'000;

std::int64_t list_gram(std::size_t list) {
  return name_index::gram_code(0, name_index::GramKind::bigram, U'a',
                               U'a' + static_cast<char32_t>(list));
}

// Ascending ids in [1, kLastId], each kept with probability density, plus
// a few long gaps (multi-byte deltas).
std::vector<std::int64_t> random_list(std::mt19937_64& random, double density) {
  std::bernoulli_distribution keep(density);
  std::vector<std::int64_t> ids;
  for (std::int64_t id = 1; id <= kLastId; ++id) {
    if (id % 400'000 == 0) id += 50'000;  // a hole
    if (keep(random)) ids.push_back(id);
  }
  return ids;
}

// Writes ids as chunks of random sizes (1 to 6,000 bytes of deltas), as
// the builder's flushes make them; returns the chunks' (first id, deltas).
std::vector<std::pair<std::int64_t, std::string>> write_list(RegistryDb& db, std::int64_t gram,
                                                             const std::vector<std::int64_t>& ids,
                                                             std::mt19937_64& random) {
  std::uniform_int_distribution<std::size_t> size(1, 6000);
  auto insert = db.prepare(
      "INSERT INTO corporation_search_posting (gram, first_id, last_id, ids) "
      "VALUES (?1, ?2, ?3, ?4)");
  std::vector<std::pair<std::int64_t, std::string>> chunks;
  std::size_t at = 0;
  while (at < ids.size()) {
    std::size_t bytes = size(random);
    std::int64_t first = ids[at++], last = first;
    std::string deltas;
    while (at < ids.size() && deltas.size() < bytes) {
      name_index::append_varint(deltas, static_cast<std::uint64_t>(ids[at] - last));
      last = ids[at++];
    }
    insert.bind_int64(1, gram);
    insert.bind_int64(2, first);
    insert.bind_int64(3, last);
    insert.bind_blob(4, name_index::encode_chunk(first, deltas));
    insert.run_and_reset();
    chunks.emplace_back(first, deltas);
  }
  return chunks;
}

}  // namespace

TEST_CASE("search-1.15 posting lists with skip tables give the answers of plain sorted lists") {
  ScratchDir dir;
  auto db = RegistryDb::create_for_bulk_load(dir / "postings.db");
  db.execute(std::string(name_index::kCreateTables));
  std::mt19937_64 random(115);
  const std::vector<double> densities = {0.5, 0.12, 0.02, 0.003, 0.0002};
  std::vector<std::vector<std::int64_t>> lists;
  for (std::size_t i = 0; i < densities.size(); ++i) {
    lists.push_back(random_list(random, densities[i]));
    auto chunks = write_list(db, list_gram(i), lists.back(), random);
    // Each chunk's blob gives back its deltas, and a skip point every
    // kSkipInterval ids at the offset after that id's delta.
    for (const auto& [first, deltas] : chunks) {
      std::string blob = name_index::encode_chunk(first, deltas);
      std::vector<name_index::SkipPoint> skips;
      CHECK(name_index::decode_chunk(first, blob, &skips) == deltas);
      std::int64_t id = first;
      std::size_t count = 0, next_skip = 0;
      for (std::size_t pos = 0; pos < deltas.size();) {
        id += static_cast<std::int64_t>(name_index::read_varint(deltas, pos));
        if (++count % name_index::kSkipInterval == 0) {
          REQUIRE(next_skip < skips.size());
          CHECK(skips[next_skip].id == id);
          CHECK(skips[next_skip].pos == pos);
          ++next_skip;
        }
      }
      CHECK(next_skip == skips.size());
    }
  }

  SECTION("seek and next stand on the first id at or after the target") {
    std::uniform_int_distribution<std::int64_t> step(0, 3000);
    std::bernoulli_distribution use_next(0.3);
    for (std::size_t i = 0; i < lists.size(); ++i) {
      INFO("list " << i);
      const auto& ids = lists[i];
      name_index::PostingCursor cursor(db, list_gram(i));
      auto expected = ids.begin();
      std::int64_t target = 0;
      while (expected != ids.end()) {
        REQUIRE(cursor.valid());
        REQUIRE(cursor.id() == *expected);
        if (use_next(random)) {
          cursor.next();
          ++expected;
        } else {
          target += step(random) * (i + 1);
          cursor.seek(target);
          expected = std::lower_bound(expected, ids.end(), target);
        }
      }
      CHECK_FALSE(cursor.valid());
    }
  }

  SECTION("the intersection, in any order of the lists, is the plain one") {
    for (const std::vector<std::size_t>& chosen :
         std::vector<std::vector<std::size_t>>{{0, 1}, {1, 0, 2}, {3, 2, 1, 0}, {4, 0, 2}}) {
      std::vector<std::int64_t> expected = lists[chosen[0]];
      std::vector<std::int64_t> grams;
      for (std::size_t list : chosen) {
        std::vector<std::int64_t> both;
        std::set_intersection(expected.begin(), expected.end(), lists[list].begin(),
                              lists[list].end(), std::back_inserter(both));
        expected = both;
        grams.push_back(list_gram(list));
      }
      for (std::int64_t first_id : {std::int64_t{1}, std::int64_t{777'777}}) {
        std::int64_t last_id = first_id == 1 ? kLastId : 1'500'000;
        name_index::ListIntersection intersection(db, grams);
        intersection.lead().seek(first_id);
        std::vector<std::int64_t> found;
        std::int64_t id = 0;
        while (intersection.next_common_id(last_id, id)) {
          found.push_back(id);
          intersection.lead().next();
        }
        std::vector<std::int64_t> in_range;
        std::copy_if(expected.begin(), expected.end(), std::back_inserter(in_range),
                     [&](std::int64_t value) { return value >= first_id && value <= last_id; });
        INFO("lists " << chosen.size() << ", from " << first_id);
        CHECK(found == in_range);
        CHECK_FALSE(in_range.empty());
      }
    }
  }

  SECTION("the union of a range of lists is the plain one") {
    std::vector<std::int64_t> expected;
    for (std::size_t list : {1, 2, 4})
      expected.insert(expected.end(), lists[list].begin(), lists[list].end());
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    std::erase_if(expected, [](std::int64_t id) { return id < 1000 || id > 1'234'567; });
    CHECK(name_index::union_of_lists(db, list_gram(1), list_gram(2), list_gram(4), 1000,
                                     1'234'567) == expected);
  }
}

TEST_CASE("search-1.16 a name index of the older format is refused by search, rebuilt by update") {
  ScratchDir dir;
  auto registry = dir / "houjin.db";
  REQUIRE(build_registry(registry, {kDiffUtf8, kDiffSjis}).empty());
  {
    // As an older gifkit left it: the same tables, no format mark.
    auto db = RegistryDb::open_existing(registry, /*read_only=*/false);
    CHECK(db.meta(name_index::kNameIndexFormatKey) == name_index::kNameIndexFormat);
    db.execute("DELETE FROM meta WHERE key = 'name_index_format'");
  }
  NameQuery query;
  query.text = "建設";
  {
    auto db = RegistryDb::open_existing(registry);
    CHECK_THROWS_WITH(search_corporations(db, query),
                      Catch::Contains("has no name index of this gifkit's format"));
  }
  UpdateOptions options;
  options.allow_out_of_order = true;
  // A few hundred corporations: with the mark, a segment would be added.
  update_registry(registry, {whole_day(kEdgeSjis)}, options, [](const RejectedRow&) {});
  auto db = RegistryDb::open_existing(registry);
  CHECK(db.meta(name_index::kNameIndexFormatKey) == name_index::kNameIndexFormat);
  auto segments = db.prepare("SELECT MAX(segment) FROM corporation_search_bucket");
  segments.step();
  CHECK(segments.column_int64(0) == 0);  // rebuilt whole, not a segment added
  CHECK_FALSE(search_corporations(db, query).empty());
}
