// test_lookups.cpp — the engine's lookup interfaces (models/engine/lookups/)
// implemented by small fakes, one interface at a time: each engine caller
// needs only the registry data it reads (a CharacterLookup for comparing
// names, an AddressLookup for the address split, a CorporationLookup for a
// number), and the writers of a MatchedAddress.
// room: lookups
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "models/engine/checks/registry_rules.hpp"
#include "models/engine/lookups/address_lookup.hpp"
#include "models/engine/lookups/character_lookup.hpp"
#include "models/engine/lookups/corporation_lookup.hpp"
#include "models/engine/transform/form_conversions.hpp"

using namespace gifkit::models;

namespace {

// Folds 髙 to 高, as the registry's character data does.
class FoldingCharacters : public CharacterLookup {
 public:
  std::string fold_characters(std::string_view text) override {
    std::string folded(text);
    for (std::size_t at = folded.find("髙"); at != std::string::npos; at = folded.find("髙"))
      folded.replace(at, std::string("髙").size(), "高");
    return folded;
  }
};

// 東京都千代田区霞が関二丁目 1-2, whatever is asked.
MatchedAddress kasumigaseki() {
  MatchedAddress found;
  found.lg_code = "131016";
  found.machiaza_id = "0001002";
  found.prefecture = "東京都";
  found.city_and_county = "千代田区";
  found.town = "霞が関二丁目";
  found.oaza_cho = "霞が関";
  found.chome = "二丁目";
  found.city_block = "1-2";
  found.output = "東京都千代田区霞が関二丁目1-2";
  return found;
}

class OneAddress : public AddressLookup {
 public:
  bool has_addresses() const override { return true; }
  bool normalize_address(std::string_view /*address*/, MatchedAddress& out) override {
    out = kasumigaseki();
    return true;
  }
  bool find_town(std::string_view lg_code, std::string_view machiaza_id,
                 RegisteredTown& out) override {
    if (lg_code != "131016" || machiaza_id != "0001002") return false;
    out = {"霞が関", "二丁目", "2", "", "1000013"};
    return true;
  }
  std::string description() const override { return "one-address"; }
};

class OneCorporation : public CorporationLookup {
 public:
  bool find_corporation(std::string_view number, RegisteredCorporation& out) override {
    if (number != "1010001072706") return false;
    out.number = number;
    out.name = "株式会社高島屋";
    return true;
  }
  std::string description() const override { return "one-corporation"; }
};

}  // namespace

TEST_CASE("lookups-1 a CharacterLookup alone decides a name compared with its registered one") {
  FoldingCharacters folding;
  CharacterLookup plain;  // no character data: text as it is
  CHECK(agrees_with_registered(RegisteredValue::name, "株式会社髙島屋", "株式会社高島屋", folding));
  CHECK_FALSE(
      agrees_with_registered(RegisteredValue::name, "株式会社髙島屋", "株式会社高島屋", plain));
}

TEST_CASE("lookups-2 an AddressLookup alone serves the address split") {
  OneAddress registry;
  auto split = make_address_split(AddressInput::one_line, registry);
  std::vector<std::string> out;
  ConversionDoubt doubt;
  REQUIRE(split->convert({"東京都千代田区霞が関２丁目１－２"}, out, doubt));
  CHECK(out == std::vector<std::string>{"131016", "0001002", "東京都", "千代田区", "霞が関二丁目",
                                        "1-2", "", "東京都千代田区霞が関2-1-2"});
  CHECK(doubt.rewritten == "東京都千代田区霞が関二丁目1-2");
  std::string lg_code, machiaza_id;
  CHECK(registry.locate_town("霞が関二丁目", lg_code, machiaza_id));
  CHECK(lg_code == "131016");
  CHECK(machiaza_id == "0001002");
}

TEST_CASE("lookups-3 a CorporationLookup alone answers a number") {
  OneCorporation registry;
  CHECK(registry.has_corporations());
  CHECK_FALSE(registry.corporation("7000012050002").has_value());
  REQUIRE(registry.corporation("1010001072706").has_value());
  CHECK(registry.corporation("1010001072706")->name == "株式会社高島屋");
  std::vector<RegistryChange> changes{{"renamed", "…"}};
  CHECK_FALSE(registry.corporation_changes("1010001072706", "2025-01-01", changes));
  CHECK(changes.empty());
}

TEST_CASE("lookups-4 the writers of a MatchedAddress are the registry's") {
  const MatchedAddress found = kasumigaseki();
  CHECK(address_line(found, "") == "東京都千代田区霞が関二丁目1-2");
  CHECK(address_line(found, "紀尾井タワー") == "東京都千代田区霞が関二丁目1-2 紀尾井タワー");
  CHECK(ds442_numbers(found, "2") == "2-1-2");
  CHECK(ds442_town_and_block(found, "2") == "霞が関2-1-2");
  MatchedAddress with_koaza = found;  // a 小字 keeps the 丁目 as written
  with_koaza.koaza = "字東";
  CHECK(ds442_numbers(with_koaza, "2") == "1-2");
  CHECK(ds442_town_and_block(with_koaza, "2") == "霞が関二丁目字東1-2");
}
