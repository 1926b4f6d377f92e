// listing_test.cpp — listed and listed_first: the English of a list in a
// message, for none, one, two and many items.
// room: grammars
#include <catch2/catch.hpp>

#include "grammars/text/listing.hpp"

using gifkit::grammars::listed;
using gifkit::grammars::listed_first;

TEST_CASE("listing-1.1 listed: a, b and c") {
  CHECK(listed({}).empty());
  CHECK(listed({"2022"}) == "2022");
  CHECK(listed({"2022", "2024"}) == "2022 and 2024");
  CHECK(listed({"01", "13", "27"}) == "01, 13 and 27");
}

TEST_CASE("listing-1.2 listed_first: the first few, then how many more") {
  CHECK(listed_first({}, 3).empty());
  CHECK(listed_first({"a", "b"}, 3) == "a, b");
  CHECK(listed_first({"a", "b", "c"}, 3) == "a, b, c");
  CHECK(listed_first({"a", "b", "c", "d", "e"}, 3) == "a, b, c and 2 more");
  CHECK(listed_first({"a", "b"}, 1) == "a and 1 more");
}

TEST_CASE("listing-1.3 listed_alternatives: a, b or c, and how many more") {
  using gifkit::grammars::listed_alternatives;
  CHECK(listed_alternatives({}, 3).empty());
  CHECK(listed_alternatives({"タナカ"}, 3) == "タナカ");
  CHECK(listed_alternatives({"コウノ", "カワノ"}, 3) == "コウノ or カワノ");
  CHECK(listed_alternatives({"a", "b", "c"}, 3) == "a, b or c");
  CHECK(listed_alternatives({"a", "b", "c", "d", "e"}, 3) == "a, b, c or 2 more");
}
