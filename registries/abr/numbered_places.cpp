// numbered_places.cpp — a 町字's numbered places read from the ABR tables
// (walk_numbered_rows) or from the derived abr_town_numbers, and that table
// written at build from the former. See numbered_places.hpp.
#include "registries/abr/numbered_places.hpp"

#include "grammars/text/decimal_text.hpp"
#include "registries/abr/abr_import.hpp"
#include "registries/abr/packing.hpp"
#include "registries/db/varint.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>

namespace gifkit::registries::abr {

namespace {

using packing::put;
using packing::take;

// A number of an ABR row ("" → 0); false when it is not digits.
bool read_number(std::string_view text, std::uint32_t& value) {
  value = 0;
  if (text.empty()) return true;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

// A table of numbered places and its table of positions, read side by side:
// both in the order of their primary key (lg_code, machiaza_id, ids…),
// byte order on either backend (a pushed registry's text is COLLATE "C"),
// so that each place meets its position in one pass — not one lookup in the
// positions' index per place. Each query in two forms: a whole city's
// (?1 lg_code) and one 町字's (?2 machiaza_id too), both on the primary key.
struct NumberedSource {
  const char* places_sql[2];     // machiaza_id, the ids…, the three numbers
  const char* positions_sql[2];  // machiaza_id, the ids…, rep_lon, rep_lat
  int ids;                       // how many id columns follow machiaza_id
  int kind;                      // an index in kNumberedLists
};

#define GIFKIT_NUMBERED_SQL(select, table, order)                                        \
  {                                                                                      \
    select " FROM " table " WHERE lg_code = ?1 ORDER BY " order,                         \
        select " FROM " table " WHERE lg_code = ?1 AND machiaza_id = ?2 ORDER BY " order \
  }

const NumberedSource kNumberedSources[] = {
    {GIFKIT_NUMBERED_SQL("SELECT machiaza_id, blk_id, blk_num, '', ''", "abr_rsdt_blk",
                         "machiaza_id, blk_id"),
     GIFKIT_NUMBERED_SQL("SELECT machiaza_id, blk_id, rep_lon, rep_lat", "abr_rsdt_blk_pos",
                         "machiaza_id, blk_id"),
     1, 0},
    {GIFKIT_NUMBERED_SQL("SELECT machiaza_id, blk_id, rsdt_id, rsdt2_id, blk_num, rsdt_num, "
                         "rsdt_num2",
                         "abr_rsdt", "machiaza_id, blk_id, rsdt_id, rsdt2_id"),
     GIFKIT_NUMBERED_SQL("SELECT machiaza_id, blk_id, rsdt_id, rsdt2_id, rep_lon, rep_lat",
                         "abr_rsdt_pos", "machiaza_id, blk_id, rsdt_id, rsdt2_id"),
     3, 1},
    {GIFKIT_NUMBERED_SQL("SELECT machiaza_id, prc_id, prc_num1, prc_num2, prc_num3", "abr_parcel",
                         "machiaza_id, prc_id"),
     GIFKIT_NUMBERED_SQL("SELECT machiaza_id, prc_id, rep_lon, rep_lat", "abr_parcel_pos",
                         "machiaza_id, prc_id"),
     1, 2},
};

#undef GIFKIT_NUMBERED_SQL

// The key of a row (machiaza_id and up to three ids: columns 0 to ids),
// read once per row from column first (1 when every row has the one
// machiaza_id bound: only the ids tell rows apart): valid until its
// statement steps again.
struct RowKey {
  std::string_view parts[4];
  int first = 0;
  int count = 0;
};

RowKey key_of(const Statement& row, int first, int ids) {
  assert(first == 0 || first == 1);
  RowKey key;
  key.first = first;
  key.count = 1 + ids;
  for (int column = first; column < key.count; ++column)
    key.parts[column] = row.column_text(column);
  return key;
}

// <0, 0, >0 as a's key sorts before, with or after b's (byte order); both
// read from the same first column.
int compare_keys(const RowKey& a, const RowKey& b) {
  assert(a.first == b.first && a.count == b.count);
  for (int part = a.first; part < a.count; ++part)
    if (int order = a.parts[part].compare(b.parts[part]); order != 0) return order;
  return 0;
}

// The first packing (the releases before the compact one; still read): each
// list's count as a uint32, then one record a place of three numbers, the
// point's lon and lat as doubles and whether it is known.
constexpr std::size_t kPackedPlaceBytes = 3 * sizeof(std::uint32_t) + 2 * sizeof(double) + 1;

std::optional<TownPlaces> unpack_fixed_places(std::string_view packed, std::uint32_t town) {
  TownPlaces numbered;
  if (packed.size() < 3 * sizeof(std::uint32_t)) return std::nullopt;
  const char* at = packed.data();
  std::uint32_t counts[3];
  std::size_t places = 0;
  for (auto& count : counts) places += count = take<std::uint32_t>(at);
  if (packed.size() != 3 * sizeof(std::uint32_t) + places * kPackedPlaceBytes) return std::nullopt;
  for (int kind = 0; kind < 3; ++kind) {
    std::vector<NumberedPlace>& into = numbered.*kNumberedLists[kind];
    // Each place made whole and appended: a resize would zero them first.
    into.reserve(counts[kind]);
    for (std::uint32_t i = 0; i < counts[kind]; ++i) {
      const std::uint32_t first = take<std::uint32_t>(at), second = take<std::uint32_t>(at),
                          third = take<std::uint32_t>(at);
      const double lon = take<double>(at), lat = take<double>(at);
      const bool known = *at++ != 0;
      into.push_back(NumberedPlace{(std::uint64_t{town} << 32) | first,
                                   (std::uint64_t{second} << 32) | third,
                                   AbrPoint{lon, lat, known}});
    }
  }
  assert(at == packed.data() + packed.size());
  return numbered;
}

// The compact packing: kCompactMagic (as a first packing's count it would
// ask for 4 G places, which no row holds), kCompactFormat, each list's
// count (varint), the 町字's decimal scale d (a byte, 0 to kMaxDecimalScale),
// then the places list by list. A place is a head varint — the first
// number's step from the list's previous place's (mod 2^32) << 5, the
// second's field up to kSecondInHead << 3, 4 when a third number follows,
// and its PointForm — then the rest of the second's field when it is
// kSecondInHead or more, the third if any, and the point. The second's
// field is the second number, or its step from the previous place's when
// the first is the same (a 号 after a 号 of the same 街区, a 枝番 after
// one of the same 本番): mostly 0 to 2, in the head. A scaled coordinate
// is the zigzag difference of its k (value = k / 10^d, bit for bit) from
// the previous scaled one's of its axis in the 町字; one that has no such
// k is its raw 8 bytes.
constexpr std::uint32_t kCompactMagic = 0xFFFFFFFFu;
constexpr std::uint8_t kCompactFormat = 1;

// How a place's point is kept (the low two bits of its head).
enum PointForm : std::uint8_t {
  kScaledPoint = 0,   // known, both coordinates scaled
  kUnknownPoint = 1,  // unknown, lon and lat +0.0 (AbrPoint{}); nothing follows
  kFlaggedPoint = 2,  // a byte of kFlag* flags, then each coordinate as it says
};
constexpr std::uint8_t kFlagKnown = 1, kFlagLonRaw = 2, kFlagLatRaw = 4;
constexpr std::uint64_t kHasThird = 4;
constexpr std::uint32_t kSecondInHead = 3;

constexpr int kMaxDecimalScale = 15;
constexpr double kPowersOfTen[kMaxDecimalScale + 1] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
// Beyond it a k is not every integer a double holds.
constexpr std::int64_t kMaxScaled = std::int64_t{1} << 53;

// The coordinate of k at scale d: the one expression the packing checks and
// the reading computes. k and 10^d are exact doubles and the division is
// correctly rounded, so the k of a decimal text of at most d decimals gives
// back the double strtod made of that text.
double unscale(std::int64_t k, int d) {
  return static_cast<double>(k) / kPowersOfTen[d];
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof(double)) == 0;
}

// The k of value at scale d; false when unscale(k, d) is not value bit for
// bit (NaN, -0.0, 0.1 + 0.2, more decimals than d).
bool scale_coordinate(double value, int d, std::int64_t& k) {
  const double product = value * kPowersOfTen[d];
  if (!(std::fabs(product) < static_cast<double>(kMaxScaled))) return false;
  k = std::llround(product);
  return k > -kMaxScaled && k < kMaxScaled && same_bits(unscale(k, d), value);
}

// The smallest scale at which every known coordinate of the 町字 scales
// (the largest of each one's own smallest); a coordinate that scales at
// none is left to the raw escape, and so is one that a larger scale than
// its own puts beyond kMaxScaled (a longitude of 135.x beside a coordinate
// of 14 decimals: none in the ABR, whose coordinates have 9).
int decimal_scale_of(const TownPlaces& numbered) {
  int d = 0;
  std::int64_t k;
  for (const auto list : kNumberedLists) {
    for (const NumberedPlace& place : numbered.*list) {
      if (!place.point.known) continue;
      for (const double value : {place.point.lon, place.point.lat}) {
        if (scale_coordinate(value, d, k)) continue;
        for (int more = d + 1; more <= kMaxDecimalScale; ++more) {
          if (scale_coordinate(value, more, k)) {
            d = more;
            break;
          }
        }
      }
    }
  }
  return d;
}

// The points of one 町字 written in order: the scale and each axis's last k.
struct PointWriter {
  std::string& out;
  int d;
  std::int64_t last[2] = {0, 0};  // lon, lat

  void put_scaled(int axis, std::int64_t k) {
    varint::put(out, varint::zigzag(k - last[axis]));
    last[axis] = k;
  }
};

// Appends one place: its head, numbers and point (see kCompactMagic).
void put_compact_place(PointWriter& points, const NumberedPlace& place,
                       const NumberedPlace* previous) {
  std::string& out = points.out;
  const auto first = static_cast<std::uint32_t>(place.town_and_first);
  const auto second = static_cast<std::uint32_t>(place.second_and_third >> 32);
  const auto third = static_cast<std::uint32_t>(place.second_and_third);
  const auto previous_first = previous ? static_cast<std::uint32_t>(previous->town_and_first) : 0u;
  const bool same_first = previous && first == previous_first;
  const AbrPoint& point = place.point;
  std::int64_t k[2];
  const bool scaled[2] = {scale_coordinate(point.lon, points.d, k[0]),
                          scale_coordinate(point.lat, points.d, k[1])};
  PointForm form = kFlaggedPoint;
  if (point.known && scaled[0] && scaled[1])
    form = kScaledPoint;
  else if (!point.known && same_bits(point.lon, 0.0) && same_bits(point.lat, 0.0))
    form = kUnknownPoint;
  const std::uint32_t first_step = first - previous_first;
  const auto previous_second =
      same_first ? static_cast<std::uint32_t>(previous->second_and_third >> 32) : 0u;
  const std::uint32_t second_field = second - previous_second;
  const std::uint32_t second_in_head = std::min(second_field, kSecondInHead);
  varint::put(out, (std::uint64_t{first_step} << 5) | (second_in_head << 3) |
                       (third != 0 ? kHasThird : 0) | form);
  if (second_in_head == kSecondInHead) varint::put(out, second_field - kSecondInHead);
  if (third != 0) varint::put(out, third);
  if (form == kUnknownPoint) return;
  if (form == kFlaggedPoint) {
    out.push_back(static_cast<char>((point.known ? kFlagKnown : 0) | (scaled[0] ? 0 : kFlagLonRaw) |
                                    (scaled[1] ? 0 : kFlagLatRaw)));
  }
  const double values[2] = {point.lon, point.lat};
  for (int axis = 0; axis < 2; ++axis) {
    if (scaled[axis])
      points.put_scaled(axis, k[axis]);
    else
      put(out, values[axis]);
  }
}

// Reads a compact packing's bytes in order; every take checks the end.
struct CompactReader {
  const char* at;
  const char* end;
  int d = 0;
  std::int64_t last[2] = {0, 0};  // lon, lat

  bool varint(std::uint64_t& value) { return varint::take(at, end, value); }

  // A number of at most 32 bits.
  bool number(std::uint32_t& value) {
    std::uint64_t wide;
    if (!varint(wide) || wide > 0xFFFFFFFFu) return false;
    value = static_cast<std::uint32_t>(wide);
    return true;
  }

  bool raw(double& value) {
    if (end - at < static_cast<std::ptrdiff_t>(sizeof(double))) return false;
    value = take<double>(at);
    return true;
  }

  bool scaled(int axis, double& value) {
    std::uint64_t step;
    if (!varint(step)) return false;
    // Modulo 2^64: a step no packing writes ends out of range, refused.
    const auto k = static_cast<std::int64_t>(static_cast<std::uint64_t>(last[axis]) +
                                             static_cast<std::uint64_t>(varint::unzigzag(step)));
    if (k <= -kMaxScaled || k >= kMaxScaled) return false;
    last[axis] = k;
    value = unscale(k, d);
    return true;
  }
};

// One place as put_compact_place wrote it, after previous (none first).
bool take_compact_place(CompactReader& in, std::uint32_t town, const NumberedPlace* previous,
                        NumberedPlace& place) {
  std::uint64_t head;
  if (!in.varint(head) || (head >> 5) > 0xFFFFFFFFu) return false;
  auto second = static_cast<std::uint32_t>((head >> 3) & 3);
  std::uint32_t third = 0;
  if (second == kSecondInHead) {
    std::uint32_t rest;
    if (!in.number(rest) || rest > 0xFFFFFFFFu - kSecondInHead) return false;
    second += rest;
  }
  if ((head & kHasThird) != 0 && !in.number(third)) return false;
  const auto previous_first = previous ? static_cast<std::uint32_t>(previous->town_and_first) : 0u;
  const std::uint32_t first = previous_first + static_cast<std::uint32_t>(head >> 5);
  if (previous && first == previous_first)
    second += static_cast<std::uint32_t>(previous->second_and_third >> 32);
  place.town_and_first = (std::uint64_t{town} << 32) | first;
  place.second_and_third = (std::uint64_t{second} << 32) | third;
  AbrPoint& point = place.point;
  switch (head & 3) {
    case kScaledPoint:
      point.known = true;
      return in.scaled(0, point.lon) && in.scaled(1, point.lat);
    case kUnknownPoint:
      point = AbrPoint{};
      return true;
    case kFlaggedPoint: {
      if (in.at == in.end) return false;
      const auto flags = static_cast<std::uint8_t>(*in.at++);
      if ((flags & ~(kFlagKnown | kFlagLonRaw | kFlagLatRaw)) != 0) return false;
      point.known = (flags & kFlagKnown) != 0;
      return ((flags & kFlagLonRaw) ? in.raw(point.lon) : in.scaled(0, point.lon)) &&
             ((flags & kFlagLatRaw) ? in.raw(point.lat) : in.scaled(1, point.lat));
    }
    default:
      return false;
  }
}

// The places of a compact packing, at..end after the magic and the format.
std::optional<TownPlaces> unpack_compact_places(CompactReader in, std::uint32_t town) {
  std::uint64_t counts[3];
  for (auto& count : counts) {
    // A place takes a byte at least: a count beyond the bytes left is
    // refused before anything is reserved for it.
    if (!in.varint(count) || count > static_cast<std::uint64_t>(in.end - in.at))
      return std::nullopt;
  }
  if (in.at == in.end) return std::nullopt;
  in.d = static_cast<std::uint8_t>(*in.at++);
  if (in.d > kMaxDecimalScale) return std::nullopt;
  TownPlaces numbered;
  for (int kind = 0; kind < 3; ++kind) {
    std::vector<NumberedPlace>& into = numbered.*kNumberedLists[kind];
    into.reserve(counts[kind]);
    for (std::uint64_t i = 0; i < counts[kind]; ++i) {
      NumberedPlace place;
      if (!take_compact_place(in, town, into.empty() ? nullptr : &into.back(), place))
        return std::nullopt;
      into.push_back(place);
    }
  }
  if (in.at != in.end) return std::nullopt;
  return numbered;
}

}  // namespace

AbrPoint read_point(const Statement& row, int lon_column, int lat_column) {
  AbrPoint point;
  auto lon = row.column_text(lon_column);
  auto lat = row.column_text(lat_column);
  if (lon.empty() || lat.empty()) return point;
  auto lon_end = grammars::read_double(lon.data(), lon.data() + lon.size(), point.lon);
  auto lat_end = grammars::read_double(lat.data(), lat.data() + lat.size(), point.lat);
  point.known = lon_end.ec == std::errc() && lat_end.ec == std::errc();
  return point;
}

bool place_less(const NumberedPlace& a, const NumberedPlace& b) {
  return a.town_and_first != b.town_and_first ? a.town_and_first < b.town_and_first
                                              : a.second_and_third < b.second_and_third;
}

// The centroid of the known points of one town's places, summed blocks,
// residences, parcels in their sorted order.
void set_centroid(TownPlaces& numbered) {
  double lat_sum = 0, lon_sum = 0;
  std::uint32_t points = 0;
  for (const auto* places : {&numbered.blocks, &numbered.residences, &numbered.parcel_places}) {
    for (const NumberedPlace& place : *places) {
      if (!place.point.known) continue;
      lat_sum += place.point.lat;
      lon_sum += place.point.lon;
      ++points;
    }
  }
  if (points > 0) numbered.centroid = AbrPoint{lon_sum / points, lat_sum / points, true};
}

std::size_t TownPlaces::memory_bytes() const {
  std::size_t bytes = sizeof(TownPlaces);
  for (const auto* numbered : {&blocks, &residences, &parcel_places})
    bytes += numbered->capacity() * sizeof(NumberedPlace);
  return bytes;
}

void walk_numbered_rows(const RegistryDb& db, std::string_view lg_code,
                        std::string_view machiaza_id, const NumberedRowSink& sink) {
  const int form = machiaza_id.empty() ? 0 : 1;
  for (const auto& source : kNumberedSources) {
    Statement rows = db.prepare(source.places_sql[form]);
    rows.bind_text(1, lg_code);
    if (form == 1) rows.bind_text(2, machiaza_id);
    // No place of this kind (a 町字 of 地番 has no block): its positions,
    // if any, are of none, and are not read.
    if (!rows.step()) continue;
    Statement positions = db.prepare(source.positions_sql[form]);
    positions.bind_text(1, lg_code);
    if (form == 1) positions.bind_text(2, machiaza_id);
    // One 町字's rows: its machiaza_id is bound, not read (nor compared).
    const int key_from = form;
    bool position_row = positions.step();
    RowKey position_key;
    if (position_row) position_key = key_of(positions, key_from, source.ids);
    const int first_number = 1 + source.ids;
    do {
      // The row's position, if any: the positions before it are of no place.
      const RowKey row_key = key_of(rows, key_from, source.ids);
      int order = 1;
      while (position_row && (order = compare_keys(position_key, row_key)) < 0) {
        position_row = positions.step();
        if (position_row) position_key = key_of(positions, key_from, source.ids);
      }
      std::uint32_t numbers[3];
      if (!read_number(rows.column_text(first_number), numbers[0]) ||
          !read_number(rows.column_text(first_number + 1), numbers[1]) ||
          !read_number(rows.column_text(first_number + 2), numbers[2]))
        continue;
      const AbrPoint point = position_row && order == 0
                                 ? read_point(positions, first_number, first_number + 1)
                                 : AbrPoint{};
      sink(form == 1 ? machiaza_id : row_key.parts[0], source.kind, numbers, point);
    } while (rows.step());
  }
}

bool has_town_numbers(const RegistryDb& db) {
  return db.has_table(kTownNumbersTable);
}

std::string pack_town_places(const TownPlaces& numbered) {
  std::string out;
  put(out, kCompactMagic);
  out.push_back(static_cast<char>(kCompactFormat));
  for (const auto list : kNumberedLists) varint::put(out, (numbered.*list).size());
  PointWriter points{out, decimal_scale_of(numbered)};
  out.push_back(static_cast<char>(points.d));
  for (const auto list : kNumberedLists) {
    const NumberedPlace* previous = nullptr;
    for (const NumberedPlace& place : numbered.*list) {
      put_compact_place(points, place, previous);
      previous = &place;
    }
  }
  return out;
}

std::optional<TownPlaces> unpack_town_places(std::string_view packed, std::uint32_t town) {
  const char* at = packed.data();
  if (packed.size() < sizeof(kCompactMagic) || take<std::uint32_t>(at) != kCompactMagic)
    return unpack_fixed_places(packed, town);
  if (at == packed.data() + packed.size() || static_cast<std::uint8_t>(*at++) != kCompactFormat)
    return std::nullopt;
  return unpack_compact_places(CompactReader{at, packed.data() + packed.size()}, town);
}

TownPlaces read_town_numbers(const RegistryDb& db, std::string_view lg_code,
                             std::string_view machiaza_id, std::uint32_t town) {
  Statement row =
      db.prepare("SELECT places FROM abr_town_numbers WHERE lg_code = ?1 AND machiaza_id = ?2");
  row.bind_text(1, lg_code);
  row.bind_text(2, machiaza_id);
  if (!row.step()) return {};
  std::optional<TownPlaces> numbered = unpack_town_places(row.column_blob(0), town);
  if (!numbered) throw not_a_packing(db, lg_code, machiaza_id);
  return std::move(*numbered);
}

TownPlaces read_town_numbers_at(const RegistryDb& db, std::int64_t row, std::string_view lg_code,
                                std::string_view machiaza_id, std::uint32_t town) {
  assert(row > 0);
  Statement select =
      db.prepare("SELECT lg_code, machiaza_id, places FROM abr_town_numbers WHERE id = ?1");
  select.bind_int64(1, row);
  if (!select.step() || select.column_text(0) != lg_code || select.column_text(1) != machiaza_id)
    return read_town_numbers(db, lg_code, machiaza_id, town);
  std::optional<TownPlaces> numbered = unpack_town_places(select.column_blob(2), town);
  if (!numbered) throw not_a_packing(db, lg_code, machiaza_id);
  return std::move(*numbered);
}

RegistryError not_a_packing(const RegistryDb& db, std::string_view lg_code,
                            std::string_view machiaza_id) {
  return RegistryError(db.path().string() + ", 町字 " + std::string(lg_code) + " " +
                       std::string(machiaza_id) +
                       ": abr_town_numbers holds bytes that are not a 町字's numbered places "
                       "(rebuild the registry with `gifkit registry build`)");
}

void walk_city_numbers(const RegistryDb& db, std::string_view lg_code,
                       const std::function<void(std::string_view, std::string_view)>& sink) {
  Statement rows = db.prepare(
      "SELECT machiaza_id, places FROM abr_town_numbers WHERE lg_code = ?1 ORDER BY machiaza_id");
  rows.bind_text(1, lg_code);
  while (rows.step()) sink(rows.column_text(0), rows.column_blob(1));
}

std::optional<Provenance> build_town_numbers(RegistryDb& db) {
  assert(db.in_transaction());
  db.execute(
      // A rowid table and an index of the keys, not a WITHOUT ROWID table:
      // there a row is its key, and every comparison of a search reads the
      // whole row, overflow pages of a ~12 KB packing included — 42 page
      // reads a 町字 at SCALE 0.2, against 3.4 this way (docs/performance.md).
      "DROP TABLE IF EXISTS abr_town_numbers;"
      "CREATE TABLE abr_town_numbers (id INTEGER PRIMARY KEY, lg_code TEXT NOT NULL, "
      "machiaza_id TEXT NOT NULL, places BLOB NOT NULL);"
      "DELETE FROM provenance WHERE source_kind = 'abr-town-numbers'");
  std::vector<std::string> cities;
  {
    Statement select =
        db.prepare("SELECT lg_code FROM abr_city UNION SELECT lg_code FROM abr_town ORDER BY 1");
    while (select.step()) cities.emplace_back(select.column_text(0));
  }
  Statement insert =
      db.prepare("INSERT INTO abr_town_numbers (lg_code, machiaza_id, places) VALUES (?1, ?2, ?3)");
  std::int64_t rows = 0;
  for (const std::string& city : cities) {
    // Each 町字's rows in the order its own read gives them, then sorted as
    // that read sorts them: the places packed are the places read.
    std::map<std::string, TownPlaces, std::less<>> towns;
    walk_numbered_rows(db, city, {},
                       [&towns](std::string_view machiaza_id, int kind,
                                const std::uint32_t(&numbers)[3], const AbrPoint& point) {
                         auto town = towns.find(machiaza_id);
                         if (town == towns.end())
                           town = towns.emplace(std::string(machiaza_id), TownPlaces{}).first;
                         NumberedPlace place;
                         place.town_and_first = numbers[0];
                         place.second_and_third = (std::uint64_t{numbers[1]} << 32) | numbers[2];
                         place.point = point;
                         (town->second.*kNumberedLists[kind]).push_back(place);
                       });
    for (auto& [machiaza_id, numbered] : towns) {
      for (const auto list : kNumberedLists)
        std::sort((numbered.*list).begin(), (numbered.*list).end(), place_less);
      insert.bind_text(1, city);
      insert.bind_text(2, machiaza_id);
      insert.bind_blob(3, pack_town_places(numbered));
      insert.run_and_reset();
      ++rows;
    }
  }
  // Made after the rows, which came in its order.
  db.execute(
      "CREATE UNIQUE INDEX abr_town_numbers_by_town ON abr_town_numbers (lg_code, machiaza_id)");
  if (rows == 0) return std::nullopt;
  return record_derived_table(db, "abr_rsdt_blk, abr_rsdt, abr_parcel and their positions",
                              "abr-town-numbers", kTownNumbersTable, rows);
}

}  // namespace gifkit::registries::abr
