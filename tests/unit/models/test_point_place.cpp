// test_point_place.cpp — validate's point-versus-place rule
// (RegistryRules::check_point, docs/validate.md "Point versus place") on
// one row of opendata:fire-hydrant, the registry a fake whose places_near
// answer each case scripts: near the claimed place, near its own city's
// places or point, farther and nearer to another city (a warning, or an
// error when certain), and a registry that knows no point of the city.
// room: checks
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "model_test_support.hpp"
#include "models/engine/checks/registry_rules.hpp"
#include "models/engine/lookups/registry_lookup.hpp"

using namespace gifkit::models;

namespace {

// 和歌山県和歌山市大垣内 (a 町字 whose point is at 34.2200, 135.3000), whatever is asked;
// the places around any point as the case sets them.
class ScriptedPlaces : public RegistryLookup {
 public:
  PlacesNear near;
  bool knows_city = true;
  bool has_addresses() const override { return true; }
  bool find_area(std::string_view lg_code, RegisteredArea& out) override {
    if (lg_code != "302015") return false;
    out = {"和歌山県", "", "和歌山市", ""};
    return true;
  }
  bool normalize_address(std::string_view /*address*/, MatchedAddress& out) override {
    out = MatchedAddress();
    out.lg_code = "302015";
    out.machiaza_id = "0010000";
    out.prefecture = "和歌山県";
    out.city_and_county = "和歌山市";
    out.town = "大垣内";
    out.oaza_cho = "大垣内";
    out.output = "和歌山県和歌山市大垣内";
    out.stop = AddressStop::complete;
    out.point = {34.2200, 135.3000, true};
    return true;
  }
  bool find_town(std::string_view /*lg_code*/, std::string_view /*machiaza_id*/,
                 RegisteredTown& out) override {
    out = {"大垣内", "", "", "", ""};
    return true;
  }
  bool places_near(std::string_view /*lg_code*/, double /*lat*/, double /*lon*/, double /*near_m*/,
                   PlacesNear& out) override {
    out = near;
    return knows_city;
  }
  std::string description() const override { return "scripted"; }
  bool find_corporation(std::string_view /*number*/, RegisteredCorporation& /*out*/) override {
    return false;
  }
};

const std::vector<std::string> kHeaders{
    "全国地方公共団体コード", "ID", "地方公共団体名", "名称", "所在地_連結表記", "緯度", "経度"};

// The inconsistent-address findings of one row at (lat, lon).
std::vector<RegistryFinding> point_findings(ScriptedPlaces& registry, const char* lat,
                                            const char* lon) {
  const Model& model = testing::shipped_model("opendata:fire-hydrant");
  const std::vector<std::string> paths{"localGovernmentCode",
                                       "identifier",
                                       "localGovernmentName",
                                       "name",
                                       "location.fullAddress",
                                       "latitude",
                                       "longitude"};
  auto column_of = [&](const std::string& path) {
    for (std::size_t i = 0; i < paths.size(); ++i)
      if (paths[i] == path) return static_cast<int>(i);
    return -1;
  };
  RegistryRules rules(model, kHeaders, column_of, registry, [](std::string_view) { return true; });
  const std::vector<std::string_view> fields{"302015", "H1", "", "消火栓", "和歌山県和歌山市大垣内",
                                             lat,      lon};
  std::vector<std::uint8_t> problems(fields.size(), 0);
  std::vector<RegistryFinding> findings;
  rules.check_row(fields, problems, findings);
  std::erase_if(findings,
                [](const RegistryFinding& f) { return f.code != "inconsistent-address"; });
  return findings;
}

std::string reason(const RegistryFinding& finding) {
  return finding.values.at("reason");
}

}  // namespace

TEST_CASE("point-place-1 near the claimed 町字's point: the registry is not asked further") {
  ScriptedPlaces registry;
  registry.near.own_has_places = true;
  registry.near.own_m = 50000;  // would be an error if asked
  registry.near.other_found = true;
  registry.near.other_m = 10;
  CHECK(point_findings(registry, "34.2290", "135.3000").empty());  // 1.0 km from 大垣内's point
}

TEST_CASE("point-place-2 near a place of its own city, or its city's point: consistent") {
  ScriptedPlaces registry;
  registry.near.other_found = true;
  registry.near.other_m = 100;
  registry.near.own_has_places = true;
  registry.near.own_m = 1900;
  CHECK(point_findings(registry, "34.3000", "135.3000").empty());
  registry.near.own_has_places = false;  // only the city's point: within its reach
  registry.near.own_reach_m = 60000;
  registry.near.own_m = 59000;  // a merged city's former town, an island
  CHECK(point_findings(registry, "34.3000", "135.3000").empty());
}

TEST_CASE("point-place-3 farther, but nearer to its own city than to any other: consistent") {
  ScriptedPlaces registry;
  registry.near.own_has_places = true;
  registry.near.own_m = 5000;
  CHECK(point_findings(registry, "34.3000", "135.3000").empty());  // no other city nearer
  registry.knows_city = false;                                     // no point of the city at all
  CHECK(point_findings(registry, "34.3000", "135.3000").empty());
}

TEST_CASE("point-place-4 with the city's places known: an error only when certain") {
  ScriptedPlaces registry;
  registry.near.own_has_places = true;
  registry.near.own_m = 5000;
  registry.near.own_place = "湯屋谷";
  registry.near.other_found = true;
  registry.near.other_name = "和歌山県岩出市押川";
  registry.near.other_by_place = true;
  registry.near.other_m = 300;  // among another city's places
  auto found = point_findings(registry, "34.3000", "135.3000");
  REQUIRE(found.size() == 1);
  CHECK_FALSE(found[0].severity.has_value());  // the code's own: error
  CHECK(found[0].field == "緯度/経度");
  CHECK(reason(found[0]) ==
        "is 5.0 km from every place of 和歌山県和歌山市 the ABR has (the nearest: 湯屋谷) and "
        "nearer to 和歌山県岩出市押川 (0.3 km)");

  registry.near.other_m = 4000;  // nearer, but not among its places: uncertain
  found = point_findings(registry, "34.3000", "135.3000");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::warning);
  CHECK(reason(found[0]).find("check the point") != std::string::npos);

  registry.near.other_by_place = false;  // another city's point only, and far beyond its own
  registry.near.other_name = "大阪府大阪市北区";
  registry.near.own_m = 12000;
  registry.near.other_m = 11000;
  found = point_findings(registry, "34.3000", "135.3000");
  REQUIRE(found.size() == 1);
  CHECK_FALSE(found[0].severity.has_value());
  CHECK(reason(found[0]).find("(11.0 km, its city's point)") != std::string::npos);
}

TEST_CASE("point-place-5 with only the city's point: a warning unless outside the prefecture") {
  ScriptedPlaces registry;
  registry.near.own_m = 19400;
  registry.near.own_reach_m = 60000;
  registry.near.other_found = true;
  registry.near.other_name = "和歌山県海南市";
  registry.near.other_m = 8200;
  registry.near.other_same_prefecture = true;
  registry.near.prefecture_m = 8200;
  // Within the reach of the city's point (a merged city's former town, an
  // island): inside the city's extent as far as the registry can tell.
  CHECK(point_findings(registry, "34.3000", "135.3000").empty());

  registry.near.own_m = 71400;  // beyond it, and nearer to another city
  auto found = point_findings(registry, "34.3000", "135.3000");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::warning);
  CHECK(reason(found[0]) ==
        "is 71.4 km from the ABR's point of 和歌山県和歌山市 (the registry has no point of its "
        "町字; its places lie within 60.0 km of that point) and nearer to 和歌山県海南市 (8.2 km, "
        "its city's point): the ABR has no boundaries, check the point");

  registry.near.other_same_prefecture = false;  // another prefecture's city, but near this one's
  registry.near.prefecture_m = 30000;
  found = point_findings(registry, "34.3000", "135.3000");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::warning);

  registry.near.prefecture_m = 70000;  // beyond every city of the prefecture
  found = point_findings(registry, "34.3000", "135.3000");
  REQUIRE(found.size() == 1);
  CHECK_FALSE(found[0].severity.has_value());
  CHECK(reason(found[0]).find("70.0 km from every city of 和歌山県, and nearer to") !=
        std::string::npos);
}
