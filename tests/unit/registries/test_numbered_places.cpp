// test_numbered_places.cpp — abr_town_numbers, the derived table of each
// 町字's numbered places: it holds for every 町字 of the real ABR areas what
// the ABR tables give for it (the same places, numbers, points, order), its
// packing reads back as written, bit for bit (the compact packing, and the
// first packing that registries of the earlier releases hold), and bytes that
// are not a packing are refused with the 町字 named.
// room: abr
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "abr_test_support.hpp"
#include "registries/abr/numbered_places.hpp"

namespace {

namespace abr = gifkit::registries::abr;
using gifkit::registries::RegistryDb;
using gifkit::registries::RegistryError;
using gifkit::registries::Statement;

// One 町字's places as the ABR tables give them, sorted as a 町字's read sorts.
abr::TownPlaces from_tables(const RegistryDb& db, const std::string& lg_code,
                            const std::string& machiaza_id) {
  abr::TownPlaces numbered;
  abr::walk_numbered_rows(db, lg_code, machiaza_id,
                          [&](std::string_view id, int kind, const std::uint32_t(&numbers)[3],
                              const abr::AbrPoint& point) {
                            CHECK(id == machiaza_id);
                            abr::NumberedPlace place;
                            place.town_and_first = numbers[0];
                            place.second_and_third = (std::uint64_t{numbers[1]} << 32) | numbers[2];
                            place.point = point;
                            (numbered.*abr::kNumberedLists[kind]).push_back(place);
                          });
  for (const auto list : abr::kNumberedLists)
    std::sort((numbered.*list).begin(), (numbered.*list).end(), abr::place_less);
  return numbered;
}

// Equal place by place: keys, and the points' bits.
bool same_places(const abr::TownPlaces& a, const abr::TownPlaces& b) {
  for (const auto list : abr::kNumberedLists) {
    const auto &x = a.*list, &y = b.*list;
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (x[i].town_and_first != y[i].town_and_first ||
          x[i].second_and_third != y[i].second_and_third || x[i].point.known != y[i].point.known ||
          std::memcmp(&x[i].point.lon, &y[i].point.lon, sizeof(double)) != 0 ||
          std::memcmp(&x[i].point.lat, &y[i].point.lat, sizeof(double)) != 0)
        return false;
    }
  }
  return true;
}

// The places as the releases before the compact packing packed them: each
// list's count, then per place three uint32 numbers, lon and lat as
// doubles and whether known, little-endian.
std::string pack_fixed(const abr::TownPlaces& numbered) {
  std::string out;
  const auto put = [&out](const auto value) {
    char bytes[sizeof(value)];
    std::memcpy(bytes, &value, sizeof(value));
    out.append(bytes, sizeof(value));
  };
  for (const auto list : abr::kNumberedLists)
    put(static_cast<std::uint32_t>((numbered.*list).size()));
  for (const auto list : abr::kNumberedLists) {
    for (const abr::NumberedPlace& place : numbered.*list) {
      put(static_cast<std::uint32_t>(place.town_and_first));
      put(static_cast<std::uint32_t>(place.second_and_third >> 32));
      put(static_cast<std::uint32_t>(place.second_and_third));
      put(place.point.lon);
      put(place.point.lat);
      out.push_back(place.point.known ? 1 : 0);
    }
  }
  return out;
}

// Packs numbered, reads it back (town 0) and packs that again: the same
// places bit for bit, the same bytes; the packing.
std::string round_trip(const abr::TownPlaces& numbered) {
  const std::string packed = abr::pack_town_places(numbered);
  const std::optional<abr::TownPlaces> back = abr::unpack_town_places(packed, 0);
  REQUIRE(back);
  CHECK(same_places(numbered, *back));
  CHECK(abr::pack_town_places(*back) == packed);
  return packed;
}

abr::NumberedPlace make_place(std::uint32_t first, std::uint32_t second, std::uint32_t third,
                              abr::AbrPoint point) {
  abr::NumberedPlace place;
  place.town_and_first = first;
  place.second_and_third = (std::uint64_t{second} << 32) | third;
  place.point = point;
  return place;
}

}  // namespace

TEST_CASE("numbered places 1: abr_town_numbers holds what the ABR tables give, 町字 by 町字",
          "[numbered_places]") {
  auto db = RegistryDb::open_existing(abr_test::real_abr_registry());
  REQUIRE(abr::has_town_numbers(db));
  // Every 町字 with a numbered row of any kind, and the places of each.
  Statement towns = db.prepare(
      "SELECT lg_code, machiaza_id FROM abr_rsdt_blk UNION SELECT lg_code, machiaza_id FROM "
      "abr_rsdt UNION SELECT lg_code, machiaza_id FROM abr_parcel ORDER BY 1, 2");
  std::size_t checked = 0, places = 0, differing = 0;
  while (towns.step()) {
    const std::string lg_code(towns.column_text(0)), machiaza_id(towns.column_text(1));
    const abr::TownPlaces expected = from_tables(db, lg_code, machiaza_id);
    const abr::TownPlaces derived = abr::read_town_numbers(db, lg_code, machiaza_id, 0);
    if (!same_places(expected, derived)) {
      if (++differing <= 5) UNSCOPED_INFO("differs: " << lg_code << " " << machiaza_id);
    }
    for (const auto list : abr::kNumberedLists) places += (derived.*list).size();
    ++checked;
  }
  CHECK(differing == 0);
  // The real areas: 和歌山市's 地番, 文京区's 住居表示, 屋久島町's.
  CHECK(checked == 754);
  CHECK(places > 500000);
  Statement rows = db.prepare("SELECT count(*) FROM abr_town_numbers");
  REQUIRE(rows.step());
  CHECK(static_cast<std::size_t>(rows.column_int64(0)) == checked);
  // Recorded as a derivation, with its row count.
  bool recorded = false;
  for (const auto& source : db.provenance()) {
    if (source.source_kind != "abr-town-numbers") continue;
    recorded = true;
    CHECK(source.table_name == "abr_town_numbers");
    CHECK(source.row_count == static_cast<std::int64_t>(checked));
  }
  CHECK(recorded);
  // A 町字 with nothing numbered has no row, and reads as empty.
  const abr::TownPlaces none = abr::read_town_numbers(db, "000000", "0000000", 0);
  CHECK((none.blocks.empty() && none.residences.empty() && none.parcel_places.empty()));
}

TEST_CASE("numbered places 2: a packing reads back, keyed with the town asked for",
          "[numbered_places]") {
  abr::TownPlaces numbered;
  abr::NumberedPlace block;
  block.town_and_first = 7;
  block.point = {135.5, 34.25, true};
  numbered.blocks.push_back(block);
  abr::NumberedPlace residence;
  residence.town_and_first = 3;
  residence.second_and_third = (std::uint64_t{12} << 32) | 4;
  numbered.residences.push_back(residence);  // no point
  abr::NumberedPlace parcel;
  parcel.town_and_first = 4294967295u;  // the largest number a row may give
  parcel.second_and_third = (std::uint64_t{1} << 32) | 2;
  parcel.point = {std::nan(""), 0, false};
  numbered.parcel_places.push_back(parcel);
  numbered.parcel_places.push_back(block);
  const std::string packed = abr::pack_town_places(numbered);
  const std::optional<abr::TownPlaces> unpacked = abr::unpack_town_places(packed, 9);
  REQUIRE(unpacked);
  const abr::TownPlaces& back = *unpacked;
  REQUIRE(back.parcel_places.size() == 2);
  CHECK(back.blocks[0].town_and_first == ((std::uint64_t{9} << 32) | 7));
  CHECK(back.blocks[0].point.lon == 135.5);
  CHECK(back.blocks[0].point.known);
  CHECK(back.residences[0].second_and_third == ((std::uint64_t{12} << 32) | 4));
  CHECK_FALSE(back.residences[0].point.known);
  CHECK(back.parcel_places[0].town_and_first == ((std::uint64_t{9} << 32) | 4294967295u));
  CHECK(std::isnan(back.parcel_places[0].point.lon));
  abr::TownPlaces again = back;
  for (const auto list : abr::kNumberedLists)
    for (auto& place : again.*list) place.town_and_first &= 0xFFFFFFFFu;
  CHECK(abr::pack_town_places(again) == packed);
}

TEST_CASE("numbered places 3: bytes that are not a packing are refused, the 町字 named",
          "[numbered_places]") {
  abr::TownPlaces numbered;
  numbered.blocks.resize(2);
  const std::string packed = abr::pack_town_places(numbered);
  // Shorter than the magic; the magic and the format alone; a place short.
  for (const std::string& bad : {std::string(), packed.substr(0, 3), packed.substr(0, 5),
                                 packed.substr(0, packed.size() - 1), packed + "x"})
    CHECK_FALSE(abr::unpack_town_places(bad, 0));
  CHECK(abr::unpack_town_places(packed, 0));
  auto db = RegistryDb::open_existing(abr_test::real_abr_registry());
  const RegistryError error = abr::not_a_packing(db, "302015", "0001001");
  CHECK_THAT(error.what(), Catch::Contains(abr_test::real_abr_registry().string()) &&
                               Catch::Contains("302015 0001001") &&
                               Catch::Contains("abr_town_numbers") &&
                               Catch::Contains("registry build"));
}

TEST_CASE("numbered places 4: a 町字's row is found through the index of its keys",
          "[numbered_places]") {
  // Not a WITHOUT ROWID table: there every comparison of a search reads
  // the whole row, its overflow pages of packed places included.
  auto db = RegistryDb::open_existing(abr_test::real_abr_registry());
  Statement table = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'abr_town_numbers'");
  REQUIRE(table.step());
  CHECK_THAT(std::string(table.column_text(0)),
             !Catch::Contains("WITHOUT ROWID", Catch::CaseSensitive::No));
  for (const char* read : {"SELECT places FROM abr_town_numbers WHERE lg_code = '302015' AND "
                           "machiaza_id = '0001001'",
                           "SELECT machiaza_id, places FROM abr_town_numbers WHERE lg_code = "
                           "'302015' ORDER BY machiaza_id"}) {
    Statement plan = db.prepare(std::string("EXPLAIN QUERY PLAN ") + read);
    std::string details;
    while (plan.step()) details += std::string(plan.column_text(3)) + "\n";
    INFO(read << "\n" << details);
    CHECK_THAT(details, Catch::Contains("abr_town_numbers_by_town"));
    CHECK_THAT(details, !Catch::Contains("TEMP B-TREE"));
  }
}

TEST_CASE("numbered places 5: every 町字 of the real areas packs compactly, bit for bit",
          "[numbered_places]") {
  auto db = RegistryDb::open_existing(abr_test::real_abr_registry());
  Statement towns = db.prepare("SELECT lg_code, machiaza_id, places FROM abr_town_numbers");
  std::size_t checked = 0, compact_bytes = 0, fixed_bytes = 0;
  while (towns.step()) {
    const std::string lg_code(towns.column_text(0)), machiaza_id(towns.column_text(1));
    const std::string stored(towns.column_blob(2));
    const abr::TownPlaces expected = from_tables(db, lg_code, machiaza_id);
    INFO(lg_code << " " << machiaza_id);
    // The row is the compact packing of the tables' places, and reads back
    // as it was written.
    const std::string packed = round_trip(expected);
    CHECK(stored == packed);
    // The first packing of the same places reads as the same places.
    const std::string fixed = pack_fixed(expected);
    const std::optional<abr::TownPlaces> from_fixed = abr::unpack_town_places(fixed, 0);
    REQUIRE(from_fixed);
    CHECK(same_places(expected, *from_fixed));
    compact_bytes += packed.size();
    fixed_bytes += fixed.size();
    ++checked;
  }
  CHECK(checked == 754);
  // Measured: 15.1 MB in the first packing.
  INFO("compact " << compact_bytes << " bytes, first packing " << fixed_bytes);
  CHECK(compact_bytes * 2 < fixed_bytes);
}

TEST_CASE("numbered places 6: edge values read back bit for bit", "[numbered_places]") {
  const double third = 1 / 3.0, tenths = 0.1 + 0.2, minus_zero = -0.0;
  const double nan = std::nan(""), huge = 1e300, tiny = 5e-324;
  const abr::AbrPoint unknown{};
  abr::TownPlaces numbered;
  SECTION("empty lists") {}
  SECTION("negative, zero, fifteen digits") {
    numbered.blocks = {make_place(1, 0, 0, {-135.123456789, -0.000000001, true}),
                       make_place(2, 0, 0, {0, 0, true}),
                       make_place(3, 0, 0, {135.123456789012, -34.1234567890123, true})};
    numbered.parcel_places = {make_place(5, 1, 0, {-180, 90, true})};
    const std::string packed = round_trip(numbered);
    // Scaled, not raw: under the 8 bytes a coordinate.
    CHECK(packed.size() < 4 + 1 + 3 + 1 + 4 * 16);
  }
  SECTION("fifteen decimals") {
    numbered.blocks = {make_place(1, 0, 0, {1e-15, -2e-15, true}),
                       make_place(2, 0, 0, {3e-15, 0.000000000000004, true})};
    CHECK(round_trip(numbered).size() < 4 + 1 + 3 + 1 + 2 * 8);
    numbered.blocks.push_back(make_place(3, 0, 0, {0.123456789012345, -8.99999999999999, true}));
  }
  SECTION("coordinates with no decimal form of at most 15 decimals take the raw escape") {
    numbered.residences = {
        make_place(1, 1, 0, {third, 34.5, true}), make_place(1, 2, 0, {135.25, tenths, true}),
        make_place(1, 3, 7, {minus_zero, huge, true}), make_place(2, 1, 0, {nan, tiny, true}),
        make_place(2, 2, 0, {135.125, 34.0625, true})};
    round_trip(numbered);
  }
  SECTION("a 町字 whose every point needs the escape") {
    numbered.blocks = {make_place(1, 0, 0, {third, tenths, true}),
                       make_place(2, 0, 0, {tenths, third, true})};
    round_trip(numbered);
  }
  SECTION("unknown points, whatever they hold") {
    numbered.blocks = {make_place(1, 0, 0, unknown), make_place(2, 0, 0, {nan, 0, false}),
                       make_place(3, 0, 0, {135.5, 34.25, false}),
                       make_place(4, 0, 0, {minus_zero, nan, false})};
    numbered.parcel_places = {make_place(9, 9, 9, unknown)};
    round_trip(numbered);
  }
  SECTION("a 町字 of unknown points only, 3 bytes a place") {
    for (std::uint32_t i = 1; i <= 100; ++i)
      numbered.parcel_places.push_back(make_place(i, i % 3, 0, unknown));
    CHECK(round_trip(numbered).size() <= 4 + 1 + 3 + 1 + 2 * 100);
  }
  SECTION("the largest numbers, and lists not in order") {
    const std::uint32_t most = 4294967295u;
    numbered.blocks = {make_place(most, most, most, {135.5, 34.25, true}),
                       make_place(0, most, 0, {135.5, 34.25, true}),
                       make_place(most, 0, most, unknown), make_place(most, most, 1, unknown)};
    numbered.residences = {make_place(7, 3, 0, unknown), make_place(7, 1, 0, unknown),
                           make_place(7, 1, most, unknown)};
    round_trip(numbered);
  }
  round_trip(numbered);
  // The town asked for is in every key.
  const std::optional<abr::TownPlaces> back =
      abr::unpack_town_places(abr::pack_town_places(numbered), 4294967295u);
  REQUIRE(back);
  for (const auto list : abr::kNumberedLists)
    for (const abr::NumberedPlace& place : *back.*list)
      CHECK((place.town_and_first >> 32) == 4294967295u);
}

TEST_CASE("numbered places 7: a packing of the first layout still reads", "[numbered_places]") {
  abr::TownPlaces numbered;
  numbered.blocks = {make_place(1, 0, 0, {135.5, 34.25, true})};
  numbered.residences = {make_place(1, 2, 3, {1 / 3.0, -0.0, true}),
                         make_place(4, 5, 0, {std::nan(""), 0, false})};
  const std::string fixed = pack_fixed(numbered);
  REQUIRE(fixed.size() == 12 + 3 * 29);
  const std::optional<abr::TownPlaces> back = abr::unpack_town_places(fixed, 0);
  REQUIRE(back);
  CHECK(same_places(numbered, *back));
  // Written again, it is written compactly.
  CHECK(abr::pack_town_places(*back) == abr::pack_town_places(numbered));
  CHECK(abr::pack_town_places(*back).substr(0, 4) == std::string(4, '\xFF'));
  // Its truncations and its lengthenings are refused as before.
  for (std::size_t size = 0; size < fixed.size(); ++size)
    CHECK_FALSE(abr::unpack_town_places(fixed.substr(0, size), 0));
  CHECK_FALSE(abr::unpack_town_places(fixed + '\0', 0));
}

TEST_CASE("numbered places 8: truncated or corrupted packings never read past their end",
          "[numbered_places]") {
  abr::TownPlaces numbered;
  numbered.blocks = {make_place(1, 0, 0, {135.123456789, 34.5, true}),
                     make_place(300, 0, 0, {1 / 3.0, 34.6, true})};
  numbered.residences = {make_place(300, 1, 0, {135.2, 34.7, true}),
                         make_place(300, 2, 5, {std::nan(""), 0, false}),
                         make_place(301, 1, 0, {})};
  numbered.parcel_places = {make_place(4294967295u, 4294967295u, 4294967295u, {-1, -2, true})};
  const std::string packed = round_trip(numbered);
  // Every prefix is refused, and so is every lengthening.
  for (std::size_t size = 0; size < packed.size(); ++size) {
    // A copy of its own, so that a read past it is one past the allocation.
    const std::unique_ptr<char[]> prefix(new char[size + 1]);
    std::memcpy(prefix.get(), packed.data(), size);
    INFO("the first " << size << " bytes");
    CHECK_FALSE(abr::unpack_town_places(std::string_view(prefix.get(), size), 0));
  }
  for (const char extra : {'\0', '\x01', '\xFF'})
    CHECK_FALSE(abr::unpack_town_places(packed + extra, 0));
  // Every byte changed to every value: refused or some places, never a
  // crash; a changed format byte and a scale beyond 15 are refused.
  std::size_t refused = 0;
  for (std::size_t at = 0; at < packed.size(); ++at) {
    for (int value = 0; value < 256; ++value) {
      if (static_cast<char>(value) == packed[at]) continue;
      std::string bad = packed;
      bad[at] = static_cast<char>(value);
      if (!abr::unpack_town_places(bad, 0)) ++refused;
    }
  }
  CHECK(refused > 0);
  const std::size_t scale_at = 4 + 1 + 3;
  for (const char format : {'\0', '\x02', '\xFF'}) {
    std::string bad = packed;
    bad[4] = format;
    CHECK_FALSE(abr::unpack_town_places(bad, 0));
  }
  for (const char scale : {'\x10', '\x7F', '\xFF'}) {
    std::string bad = packed;
    bad[scale_at] = scale;
    CHECK_FALSE(abr::unpack_town_places(bad, 0));
  }
  // Varints of more than ten bytes, or of more than 64 bits, as a count;
  // and counts of more places than there are bytes.
  const std::string head = packed.substr(0, 5);
  CHECK_FALSE(abr::unpack_town_places(head + std::string(11, '\x80') + '\x01', 0));
  CHECK_FALSE(abr::unpack_town_places(head + std::string(9, '\xFF') + '\x02', 0));
  CHECK_FALSE(abr::unpack_town_places(head + std::string(9, '\xFF') + '\x01' + "\0\0\x09", 0));
  CHECK_FALSE(abr::unpack_town_places(head + std::string("\x7F\0\0\x09", 4), 0));
  // The empty packing is magic, format, three zero counts and the scale.
  CHECK(abr::unpack_town_places(head + std::string(4, '\0'), 0));
  // Random bytes after the magic and the format, each in an allocation of
  // its own size: read or refused, never past their end (valgrind tells).
  std::mt19937 random(59);
  std::size_t read = 0;
  for (int blob = 0; blob < 20000; ++blob) {
    const std::size_t size = 5 + random() % 40;
    const std::unique_ptr<char[]> bytes(new char[size]);
    std::memcpy(bytes.get(), head.data(), 5);
    for (std::size_t at = 5; at < size; ++at)
      bytes[at] = static_cast<char>(random() % 8 ? random() % 8 : random());
    if (abr::unpack_town_places(std::string_view(bytes.get(), size), 0)) ++read;
  }
  CHECK(read > 0);
}
