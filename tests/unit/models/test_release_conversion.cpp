// test_release_conversion.cpp — what the crosswalk is used for: the
// correspondences of two models (release_diff.hpp, `gifkit model diff`) and
// the reading of an earlier release's columns by transform
// (release_columns.hpp). An earlier release's model is written here (a small
// 2022-form 個人 with a few of the catalog's items), so that these tests do not
// depend on the shipped 2022 models.
// room: model
#include "model_test_support.hpp"
#include "models/engine/model/crosswalk.hpp"
#include "models/engine/model/release_diff.hpp"
#include "models/engine/transform/release_columns.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

constexpr const char* kPerson2022 = R"(<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="urn:gifkit:model:1" id="test2022:Person" release="2022" label="個人">
  <field id="identificationGroup" label="ID群" type="text" min="1" max="unbounded"/>
  <field id="familyName" label="氏" type="text" min="1"/>
  <field id="age" label="年齢" type="decimal"/>
  <field id="remarksInformation" label="備考情報" type="text" max="unbounded"/>
  <part id="residenceAddress" ref="gif:Address" label="居住住所" prefix-optional="true"/>
</model>
)";

struct ReleaseFixture {
  ModelCatalog catalog;
  Crosswalk crosswalk = read_crosswalk(crosswalk_path(kModelsDir));
  const Model* person2022 = nullptr;
  TempDir dir;

  ReleaseFixture() {
    std::vector<ModelLoadError> errors;
    REQUIRE(catalog.load_directory(kModelsDir, errors));
    std::ofstream(dir.path() / "person2022.xml") << kPerson2022;
    person2022 = catalog.load_file(dir.path() / "person2022.xml", errors);
    INFO(describe(errors));
    REQUIRE(person2022 != nullptr);
  }
};

const ItemCorrespondence& entry_from(const ReleaseDiff& diff, const std::string& item) {
  for (const ItemCorrespondence& entry : diff.items)
    if (entry.from_item == item && entry.from) return entry;
  FAIL("no entry from " << item);
  throw;
}

}  // namespace

TEST_CASE(
    "crosswalk-1.6 model diff: a 2022 model against gif:Person, and a class against its pattern",
    "[crosswalk]") {
  ReleaseFixture fixture;
  const ReleaseDiff diff =
      diff_releases(*fixture.person2022, shipped_model("gif:Person"), fixture.crosswalk);
  CHECK(diff.from_release == "2022");
  CHECK(diff.to_release == "2026");  // gif:Person is v2.3's class (its items 2025's)
  CHECK(diff.from_class == "Person");
  const ItemCorrespondence& id_group = entry_from(diff, "identificationGroup");
  CHECK(id_group.relation == CrossRelation::renamed);
  REQUIRE(id_group.to);
  CHECK(id_group.to_item == "idGroup");
  CHECK(id_group.differences == std::vector<std::string>{"cardinality 1..n → 0..n"});
  const ItemCorrespondence& age = entry_from(diff, "age");
  CHECK(age.relation == CrossRelation::removed);
  CHECK_FALSE(age.to);
  const ItemCorrespondence& address = entry_from(diff, "residenceAddress");
  CHECK(address.relation == CrossRelation::renamed);
  CHECK(address.to_item == "address_MP00");
  CHECK(address.value == ValueCarry::carry);
  const ItemCorrespondence& remarks = entry_from(diff, "remarksInformation");
  CHECK(remarks.value == ValueCarry::review);
  // gif:Person's items no item of the small model reached: listed with the crosswalk's relation.
  const auto given_name =
      std::find_if(diff.items.begin(), diff.items.end(),
                   [](const ItemCorrespondence& e) { return e.to_item == "givenName"; });
  REQUIRE(given_name != diff.items.end());
  CHECK(given_name->relation == CrossRelation::same);
  CHECK_FALSE(given_name->from);
  // The same release: a class and its pattern, by name; only the cardinality differs.
  const ReleaseDiff pattern = diff_releases(shipped_model("gif:Person"),
                                            shipped_model("gif:Person_MP01"), fixture.crosswalk);
  CHECK(entry_from(pattern, "familyName").differences ==
        std::vector<std::string>{"cardinality 0..1 → 1..1"});
  // A model of no release cannot be compared.
  CHECK_THROWS_AS(diff_releases(shipped_model("gif:Person"), shipped_model("opendata:fire-hydrant"),
                                fixture.crosswalk),
                  ReleaseDiffError);
}

TEST_CASE("crosswalk-1.7 transform reads an earlier release's columns by the crosswalk",
          "[crosswalk]") {
  ReleaseFixture fixture;
  ReleaseColumns columns(shipped_model("gif:Person"), fixture.catalog, fixture.crosswalk);
  REQUIRE_FALSE(columns.empty());
  columns.read_header({"ID群", "氏", "年齢", "備考情報", "居住住所都道府県"});
  CHECK(columns.earlier_form());
  // The shipped gif2022:Person and gif2024:Person know these columns as well: the newest is read.
  CHECK_THAT(columns.note(), Catch::Contains("test2022:Person"));
  CHECK_THAT(columns.note(), Catch::Contains("5 of 5 columns known, gif:Person 2"));
  // Renamed, its value carries: the item it became.
  const std::optional<ReleaseColumn> id_group = columns.match("ID群");
  REQUIRE(id_group);
  REQUIRE(id_group->target != nullptr);
  CHECK(id_group->target->path == "idGroup");
  CHECK(id_group->rule == "rename-release");
  // A part's item: the part and the item both converted.
  const std::optional<ReleaseColumn> prefecture = columns.match("居住住所都道府県");
  REQUIRE(prefecture);
  REQUIRE(prefecture->target != nullptr);
  CHECK(prefecture->target->path == "address.prefecture");
  // No place in 2025, and a value that needs a person: reviewed, never a target.
  const std::optional<ReleaseColumn> age = columns.match("年齢");
  REQUIRE(age);
  CHECK(age->target == nullptr);
  CHECK(age->rule == "release-no-place");
  CHECK_THAT(age->why, Catch::Contains("Person.age has no item in release 2025"));
  const std::optional<ReleaseColumn> remarks = columns.match("備考情報");
  REQUIRE(remarks);
  CHECK(remarks->target == nullptr);
  REQUIRE(remarks->became != nullptr);
  CHECK(remarks->became->path == "remark");
  CHECK(remarks->rule == "release-review");
  // A header no earlier model knows, and a near miss of one: not the crosswalk's.
  CHECK_FALSE(columns.match("会員番号"));
  CHECK_FALSE(columns.match("年令"));
  // A header gif:Person knows better than the earlier model: not read as the earlier release.
  columns.read_header({"氏", "備考", "住所郵便番号", "年齢"});
  CHECK_FALSE(columns.earlier_form());
}
