// test_registry_session.cpp — the one door to a registry
// (registries/session/): a session on a REAL registry built from the NTA's
// sample diff files, the reads over it (one connection in one read
// transaction, given back without one), the typed readers (a corporation by
// number and by name, its named view, what a registry without ABR tables
// answers), and choose_character_data, the one place the character data is
// chosen: the data folder's real moji/ tables, a folder without them, and a
// registry's own tables asked of no registry.
// room: session
#include <catch2/catch.hpp>

#include "registries/session/character_choice.hpp"
#include "registries/session/registry_readers.hpp"
#include "registry_test_support.hpp"

namespace reg = gifkit::registries;
namespace houjin = gifkit::registries::houjin;

namespace {

const std::filesystem::path& houjin_registry() {
  return registry_test::houjin_sample_registry();
}

}  // namespace

TEST_CASE("session-1.1 a session says what its registry holds", "[session]") {
  auto session = reg::open_registry_session(houjin_registry(), {}, {});
  CHECK(session->has_corporations());
  CHECK_FALSE(session->has_address_tables());
  CHECK_FALSE(session->registry_has_characters());
  CHECK_FALSE(session->data_date().empty());
  CHECK(session->address_matcher() == nullptr);  // no ABR tables, no fold tables
  CHECK_FALSE(session->addresses_missing().empty());
  // No character data of its own, no data folder: none, and why.
  CHECK(session->characters().data == nullptr);
  CHECK(session->characters().note.find("no data folder") != std::string::npos);
  CHECK(session->registry_characters() == nullptr);
}

TEST_CASE("session-1.2 a read holds one connection in one transaction", "[session]") {
  auto session = reg::open_registry_session(houjin_registry(), {}, {});
  {
    const reg::RegistryRead read(*session);
    CHECK(read.db().in_transaction());
    const reg::RegistryRead statement(*session, reg::RegistryRead::Reads::one_statement);
    CHECK_FALSE(statement.db().in_transaction());  // a second connection, none begun
    CHECK(&statement.db() != &read.db());
  }
  // Given back without a transaction open: the next read begins its own.
  const reg::RegistryRead again(*session, reg::RegistryRead::Reads::one_statement);
  CHECK_FALSE(again.db().in_transaction());
}

TEST_CASE("session-1.3 the corporation reader", "[session]") {
  auto session = reg::open_registry_session(houjin_registry(), {}, {});
  const reg::RegistryRead read(*session);
  reg::CorporationReader corporations(read);
  SECTION("by number: the row, and its named view") {
    auto record = corporations.find("1010401172493");
    REQUIRE(record);
    const houjin::Corporation corporation = houjin::corporation_of(*record);
    CHECK(corporation.number == "1010401172493");
    CHECK(corporation.name == "株式会社桃と花と咲と");
    CHECK(corporation.close_date == "2025-03-05");
    CHECK(corporation.close_cause_name == "合併による解散等");
    CHECK(corporation.successor == "1010501039436");
    CHECK(corporation.closed());
    CHECK_FALSE(corporations.find("7000012050002"));
  }
  SECTION("find_state reads the same view straight") {
    houjin::Corporation state;
    REQUIRE(corporations.find_state("1010001072706", state));
    CHECK(state.name == "東京増田医療器株式会社");
    CHECK(state.address() == "東京都文京区湯島２丁目６番２号");
    CHECK(state.process_name == houjin::process_name("01"));
    CHECK_FALSE(state.closed());
    CHECK_FALSE(corporations.find_state("7000012050002", state));
  }
  SECTION("by name: the exact matches, at most the limit") {
    auto named = corporations.named("東京増田医療器株式会社", 5);
    REQUIRE(named.size() == 1);
    CHECK(named.front().number == "1010001072706");
    CHECK(corporations.named("東京増田医療器株式会社", 0).empty());
  }
  SECTION("history, oldest first") {
    auto history = corporations.history("4010401114096");
    REQUIRE(history.size() == 6);
    CHECK(history.back()[houjin::kProcess] == "12");
  }
}

TEST_CASE("session-1.4 a registry without ABR tables says so, naming it", "[session]") {
  auto session = reg::open_registry_session(houjin_registry(), {}, {});
  const reg::RegistryRead read(*session);
  reg::AddressReader addresses(read);
  CHECK_FALSE(addresses.holds_towns_of("131016"));
  try {
    addresses.require_tables();
    FAIL("require_tables passed a registry without ABR tables");
  } catch (const reg::RegistryError& error) {
    CHECK(std::string(error.what()).find(houjin_registry().filename().string()) !=
          std::string::npos);
  }
}

TEST_CASE("session-1.5 the character data is chosen in one place", "[session]") {
  const std::filesystem::path data(GIFKIT_TEST_DATA_DIR);
  SECTION("the data folder's real moji/ tables, without a registry") {
    reg::CharacterPlaces places;
    places.data_folder = data;
    const reg::CharacterChoice choice = reg::choose_character_data(places);
    REQUIRE(choice.data);
    CHECK(choice.data->has_jis());
    CHECK(choice.source == reg::CharacterSource::data_folder);
    CHECK(choice.note.empty());
  }
  SECTION("a folder without them: none, and why") {
    registry_test::ScratchDir empty;
    reg::CharacterPlaces places;
    places.data_folder = empty.path();
    const reg::CharacterChoice choice = reg::choose_character_data(places);
    CHECK(choice.data == nullptr);
    CHECK(choice.source == reg::CharacterSource::none);
    CHECK(choice.note.find("character tables not loaded") != std::string::npos);
    CHECK(choice.note.find("character-set checks skipped") != std::string::npos);
  }
  SECTION("a registry's own tables asked of no registry") {
    reg::CharacterPlaces places;
    places.data_folder = data;  // not read: the registry's own were asked for
    const reg::CharacterChoice choice =
        reg::choose_character_data(places, reg::CharacterWanted::registry_own);
    CHECK(choice.data == nullptr);
    CHECK(choice.note == "no registry");
  }
}
