// test_registry_diff.cpp — two registry builds compared
// (registries/diff/registry_diff.hpp) and the walk beneath it
// (registries/db/table_walk.hpp): keys of both tables met once each in key
// order (integers by value, not as text), a table that one build lacks read
// as empty, and the corporations of two builds of the real edge-case
// extracts classified with the real table of kinds; a build compared with
// itself is equal; the failure paths (a part neither build holds, a file
// that is not a registry).
// room: registry-diff
#include <catch2/catch.hpp>
#include <utility>

#include "registries/db/registry_db.hpp"
#include "registries/db/table_walk.hpp"
#include "registries/diff/registry_diff.hpp"
#include "registries/houjin/changes/change_kinds.hpp"
#include "registry_test_support.hpp"

using namespace gifkit::registries;
using namespace registry_test;

namespace {

// A registry holding table t (k INTEGER PRIMARY KEY, v TEXT) with these rows.
std::filesystem::path keyed_registry(const ScratchDir& dir, const std::string& name,
                                     const std::vector<std::pair<int, std::string>>& rows) {
  const auto path = dir / name;
  RegistryDb db = RegistryDb::create_for_bulk_load(path);
  db.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
  for (const auto& [key, value] : rows)
    db.execute("INSERT INTO t VALUES (" + std::to_string(key) + ", '" + value + "')");
  return path;
}

std::vector<RecordChange> changes_of(const RegistryDiffOptions& options,
                                     RegistryDiffSummary& summary) {
  std::vector<RecordChange> changes;
  summary = diff_registries(options, [&](const RecordChange& c) { changes.push_back(c); });
  return changes;
}

}  // namespace

TEST_CASE("registry-diff-1.1 the walk meets each key once, integers in the order of their value") {
  ScratchDir dir;
  const auto old_path = keyed_registry(dir, "old.db", {{9, "a"}, {10, "b"}, {100, "c"}});
  const auto new_path = keyed_registry(dir, "new.db", {{10, "b"}, {100, "C"}, {1000, "d"}});
  RegistryDb old_db = RegistryDb::open_existing(old_path);
  RegistryDb new_db = RegistryDb::open_existing(new_path);
  std::vector<std::string> seen;
  const WalkCounts counts = walk_table(
      old_db, new_db, {"t", {{"k", true}}, {"v"}},
      [&](const WalkedRow* before, const WalkedRow* after) {
        seen.push_back((before ? (*before)[0] + "=" + (*before)[1] : std::string("-")) + " " +
                       (after ? (*after)[0] + "=" + (*after)[1] : std::string("-")));
      });
  CHECK(seen == std::vector<std::string>{"9=a -", "10=b 10=b", "100=c 100=C", "- 1000=d"});
  CHECK(counts.old_rows == 3);
  CHECK(counts.new_rows == 3);
}

TEST_CASE("registry-diff-1.2 a table one build lacks reads as empty there") {
  ScratchDir dir;
  const auto old_path = keyed_registry(dir, "old.db", {{1, "a"}});
  RegistryDb::create_for_bulk_load(dir / "empty.db");
  RegistryDb old_db = RegistryDb::open_existing(old_path);
  RegistryDb empty = RegistryDb::open_existing(dir / "empty.db");
  CHECK(old_db.has_table("t"));
  CHECK_FALSE(empty.has_table("t"));
  int removed = 0;
  walk_table(old_db, empty, {"t", {{"k", true}}, {"v"}},
             [&](const WalkedRow* before, const WalkedRow* after) {
               removed += before != nullptr && after == nullptr;
             });
  CHECK(removed == 1);
}

TEST_CASE(
    "registry-diff-1.3 corporations of two builds of the real extracts, by the table of kinds") {
  ScratchDir dir;
  build_registry(dir / "old.db", {kEdgeUtf8});
  build_registry(dir / "new.db", {kEdgeUtf8, kEdgeSjis});
  RegistryDiffOptions options;
  options.old_path = dir / "old.db";
  options.new_path = dir / "new.db";
  options.kinds = &change_kinds();
  RegistryDiffSummary summary;
  const auto changes = changes_of(options, summary);
  REQUIRE(summary.parts.size() == 1);
  const PartSummary& part = summary.parts[0];
  CHECK(part.part == RegistryPart::corporations);
  CHECK_FALSE(summary.equal());
  CHECK(part.changed_records == changes.size());
  std::uint64_t only_new = 0;
  for (const RecordChange& change : changes) {
    CHECK_FALSE(change.kinds.empty());
    CHECK(change.table == "corporation");
    if (!change.in_old) {
      ++only_new;
      REQUIRE_FALSE(change.kinds.empty());
      CHECK(change.kinds[0] == "new");  // then closed, merged or deleted when it already is
      CHECK(change.kinds.size() <= 2);
    } else {
      CHECK_FALSE(change.fields.empty());
      for (const FieldChange& field : change.fields) CHECK(field.before != field.after);
    }
    CHECK(change.in_new);  // a build that adds a file never loses a corporation
  }
  CHECK(part.new_records == part.old_records + only_new);
  CHECK(part.unchanged + part.changed_records - only_new == part.old_records);
  // Keys in the order of the number.
  for (std::size_t i = 1; i < changes.size(); ++i) CHECK(changes[i - 1].key < changes[i].key);

  // The same build twice is equal.
  options.new_path = options.old_path;
  changes_of(options, summary);
  CHECK(summary.equal());
  CHECK(summary.parts[0].unchanged == summary.parts[0].old_records);
}

TEST_CASE(
    "registry-diff-1.4 failure paths: a part neither build holds, a file that is no registry") {
  ScratchDir dir;
  build_registry(dir / "houjin.db", {kEdgeUtf8});
  RegistryDiffOptions options;
  options.old_path = dir / "houjin.db";
  options.new_path = dir / "houjin.db";
  options.kinds = &change_kinds();
  options.parts = {RegistryPart::abr};
  RegistryDiffSummary summary;
  CHECK_THROWS_WITH(changes_of(options, summary), Catch::Contains("holds abr data"));
  write_file(dir / "text.db", "not a registry");
  options.parts.clear();
  options.new_path = dir / "text.db";
  CHECK_THROWS_AS(changes_of(options, summary), RegistryError);
  CHECK(parse_registry_part("abr") == RegistryPart::abr);
  CHECK_FALSE(parse_registry_part("people"));
}
