// record_spool_test.cpp — the record spool and the external sort
// (grammars/io/record_spool.hpp, external_sort.hpp): records read back by
// offset in any order, empty fields and long ones; records sorted in memory
// and, with a small budget, in runs on disk merged back — the same order
// std::stable_sort gives.
// room: grammars
#include <catch2/catch.hpp>
#include <random>

#include "grammars/io/external_sort.hpp"
#include "grammars/io/record_spool.hpp"

using gifkit::grammars::ExternalSorter;
using gifkit::grammars::RecordSpool;

namespace {

struct Item {
  std::uint64_t key;
  std::uint32_t order;
};

struct ByKey {
  bool operator()(const Item& a, const Item& b) const { return a.key < b.key; }
};

// key, then order: a total order (sorted with std::sort).
struct ByKeyThenOrder {
  static constexpr bool kTotalOrder = true;
  bool operator()(const Item& a, const Item& b) const {
    return a.key != b.key ? a.key < b.key : a.order < b.order;
  }
};

template <typename Less = ByKey>
std::vector<Item> sorted_by(std::size_t memory, const std::vector<Item>& items, std::size_t& runs) {
  ExternalSorter<Item, Less> sorter(memory);
  for (const Item& item : items) sorter.push(item);
  sorter.finish();
  runs = sorter.runs();
  std::vector<Item> out;
  Item item{};
  while (sorter.next(item)) out.push_back(item);
  return out;
}

}  // namespace

TEST_CASE("spool-1.1 records come back by their offset, in any order") {
  RecordSpool spool;
  std::vector<std::vector<std::string>> records;
  std::vector<std::uint64_t> offsets;
  std::mt19937 random(7);
  for (int i = 0; i < 5000; ++i) {
    std::vector<std::string> fields;
    const int count = i % 7;
    for (int f = 0; f < count; ++f)
      fields.push_back(i % 13 == 0 ? std::string(100000, 'x') : "値" + std::to_string(i * f));
    if (i % 5 == 0) fields.push_back("");
    std::vector<std::string_view> views(fields.begin(), fields.end());
    offsets.push_back(spool.append(views));
    records.push_back(std::move(fields));
  }
  std::vector<std::size_t> order(records.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), random);
  std::vector<std::string> back;
  for (std::size_t i : order) {
    spool.read(offsets[i], back);
    REQUIRE(back == records[i]);
  }
  for (std::size_t i = 0; i < records.size(); ++i) {  // in order: one read a block
    spool.read(offsets[i], back);
    REQUIRE(back == records[i]);
  }
}

TEST_CASE("sort-1.2 a total order is sorted the same, in memory and on disk") {
  static_assert(gifkit::grammars::TotalOrder<ByKeyThenOrder>);
  static_assert(!gifkit::grammars::TotalOrder<ByKey>);
  std::mt19937_64 random(12);
  std::vector<Item> items;
  for (std::uint32_t i = 0; i < 100000; ++i) items.push_back({random() % 3000, i});
  std::vector<Item> expected = items;
  std::stable_sort(expected.begin(), expected.end(), ByKey());
  std::size_t runs = 0;
  for (std::size_t memory : {std::size_t{64} << 20, std::size_t{16} << 10}) {
    const std::vector<Item> sorted = sorted_by<ByKeyThenOrder>(memory, items, runs);
    CHECK(runs == (memory == 16 << 10 ? 25u : 0u));
    REQUIRE(sorted.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) REQUIRE(sorted[i].order == expected[i].order);
  }
}

TEST_CASE("spool-1.2 a spool in a folder that does not exist is an error naming it") {
  CHECK_THROWS_WITH(RecordSpool("/nonexistent/gifkit-spool"),
                    Catch::Contains("cannot create a temporary file in /nonexistent/gifkit-spool"));
}

TEST_CASE("sort-1.1 in memory and in runs on disk: the same order as a stable sort") {
  std::mt19937_64 random(11);
  std::vector<Item> items;
  for (std::uint32_t i = 0; i < 200000; ++i) items.push_back({random() % 50000, i});
  std::vector<Item> expected = items;
  std::stable_sort(expected.begin(), expected.end(), ByKey());
  std::size_t runs = 0;
  const std::vector<Item> in_memory = sorted_by(64 << 20, items, runs);
  CHECK(runs == 0);
  REQUIRE(in_memory.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    REQUIRE(in_memory[i].order == expected[i].order);
  // 16 KiB of budget: 4,096 records a run (the least it takes), 49 runs.
  const std::vector<Item> on_disk = sorted_by(16 << 10, items, runs);
  CHECK(runs == 49);
  REQUIRE(on_disk.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    REQUIRE(on_disk[i].key == expected[i].key);
    REQUIRE(on_disk[i].order == expected[i].order);  // runs merged earlier-run first: stable
  }
  // Nothing pushed: nothing comes back.
  CHECK(sorted_by(1 << 20, {}, runs).empty());
}
