// test_duplicate_keys.cpp — DuplicateKeys: the first row of a key, keys of
// several columns, rows without a key, and growth past the first table.
// room: checks
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/checks/duplicate_keys.hpp"

using gifkit::models::DuplicateKeys;

TEST_CASE("keys-1.1 a key seen before answers the row that first had it") {
  DuplicateKeys keys({0});
  std::vector<std::string_view> a{"1", "x"}, b{"2", "x"}, c{"1", "y"};
  CHECK(keys.first_row_with_key(a, 2) == 0);
  CHECK(keys.first_row_with_key(b, 3) == 0);
  CHECK(keys.first_row_with_key(c, 4) == 2);
  CHECK(keys.first_row_with_key(c, 5) == 2);  // still the first
}

TEST_CASE("keys-1.2 a key of two columns is not their concatenation") {
  DuplicateKeys keys({0, 1});
  std::vector<std::string_view> a{"a", "bc"}, b{"ab", "c"}, c{"a", "bc"};
  CHECK(keys.first_row_with_key(a, 2) == 0);
  CHECK(keys.first_row_with_key(b, 3) == 0);
  CHECK(keys.first_row_with_key(c, 4) == 2);
}

TEST_CASE("keys-1.3 empty or missing key columns are no key") {
  DuplicateKeys keys({2});
  std::vector<std::string_view> empty{"a", "b", ""}, short_row{"a"};
  CHECK(keys.first_row_with_key(empty, 2) == 0);
  CHECK(keys.first_row_with_key(empty, 3) == 0);
  CHECK(keys.first_row_with_key(short_row, 4) == 0);
  CHECK(keys.first_row_with_key(short_row, 5) == 0);
}

TEST_CASE("keys-1.4 100,000 distinct keys, then each again") {
  DuplicateKeys keys({0});
  std::vector<std::string> values;
  for (int i = 0; i < 100000; ++i) values.push_back(std::to_string(i));
  for (int i = 0; i < 100000; ++i) {
    std::vector<std::string_view> row{values[i]};
    REQUIRE(keys.first_row_with_key(row, i + 2) == 0);
  }
  for (int i = 0; i < 100000; i += 997) {
    std::vector<std::string_view> row{values[i]};
    CHECK(keys.first_row_with_key(row, 200000) == static_cast<std::uint64_t>(i + 2));
  }
}

TEST_CASE("keys-1.5 hash_key then first_row_with answers as first_row_with_key") {
  DuplicateKeys keys({0, 1});
  std::vector<std::string_view> a{"1", "x"}, b{"1", "y"}, none{"", ""};
  const DuplicateKeys::Key key_a = keys.hash_key(a);
  CHECK(key_a.any);
  CHECK(key_a.hash != 0);
  CHECK(keys.first_row_with(key_a, 2) == 0);
  CHECK(keys.first_row_with(keys.hash_key(b), 3) == 0);
  CHECK(keys.first_row_with(keys.hash_key(a), 4) == 2);
  CHECK(keys.first_row_with_key(b, 5) == 3);
  const DuplicateKeys::Key no_key = keys.hash_key(none);
  CHECK_FALSE(no_key.any);
  CHECK(keys.first_row_with(no_key, 6) == 0);
  CHECK(keys.first_row_with(no_key, 7) == 0);  // nothing remembered
}
