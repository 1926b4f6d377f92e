// address_reverse.cpp — see address_reverse.hpp. The search grows a circle:
// it asks the R*Tree of 町字 cells (point_cells.hpp) which 町字 have points
// in the box around a circle of 100 m (or the radius, when smaller), reads
// those 町字' points (once a query), takes the points truly inside the
// circle, and stops when it holds `limit` of them or the circle has reached
// the radius; else the circle doubles. Every point within r of the query
// lies in the box of r, and so does its cell's box, so the points found
// inside the circle are the nearest of all: the answer is exact. A registry
// built before the cells (registry schema 2 and 3) holds an R*Tree of one
// entry a point instead (abr_point_rtree), searched the same way.
#include "registries/abr/address_reverse.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "grammars/values/geo.hpp"
#include "registries/abr/abr_lookup.hpp"

namespace gifkit::registries::abr {
namespace {

constexpr double kFirstSearchRadiusM = 100;
constexpr double kSearchGrowth = 2;

// The R*Tree of one entry a point (kPointIndexTable): the points in a box,
// with their exact positions from the _pos table of their kind (the id's
// low two bits).
constexpr const char* kPointsInBox =
    "SELECT k.id % 4, k.lg_code, k.machiaza_id, k.place_id, "
    "CASE k.id % 4 WHEN 0 THEN r.rep_lat WHEN 1 THEN p.rep_lat ELSE t.rep_lat END, "
    "CASE k.id % 4 WHEN 0 THEN r.rep_lon WHEN 1 THEN p.rep_lon ELSE t.rep_lon END "
    "FROM abr_point_rtree k "
    "LEFT JOIN abr_rsdt_pos r ON k.id % 4 = 0 AND r.lg_code = k.lg_code AND "
    "r.machiaza_id = k.machiaza_id AND r.blk_id = substr(k.place_id, 1, 3) AND "
    "r.rsdt_id = substr(k.place_id, 4, 3) AND r.rsdt2_id = substr(k.place_id, 7) "
    "LEFT JOIN abr_parcel_pos p ON k.id % 4 = 1 AND p.lg_code = k.lg_code AND "
    "p.machiaza_id = k.machiaza_id AND p.prc_id = k.place_id "
    "LEFT JOIN abr_town_pos t ON k.id % 4 = 2 AND t.lg_code = k.lg_code AND "
    "t.machiaza_id = k.machiaza_id AND t.rsdt_addr_flg = k.place_id "
    "WHERE k.max_lon >= ?1 AND k.min_lon <= ?2 AND k.max_lat >= ?3 AND k.min_lat <= ?4 AND "
    "k.min_lat >= ?5";
// ?5: the box's south edge less kPointSlack. Every entry is a point (its min
// and max one float32 step apart at most), so this drops nothing the R*Tree
// finds; it bounds the B-tree on min_lat that stands for the R*Tree on
// PostgreSQL (registry_push.cpp).
constexpr double kPointSlack = 1e-3;

// The R*Tree of 町字 cells: the 町字 with points of a kind in a box. ?5 as
// above, less kPointCellSlack (an entry is at most a cell tall).
constexpr const char* kTownsInBox =
    "SELECT id % 4, lg_code, machiaza_id FROM abr_point_cells "
    "WHERE max_lon >= ?1 AND min_lon <= ?2 AND max_lat >= ?3 AND min_lat <= ?4 AND "
    "min_lat >= ?5";

// The names of a 町字 (the row of the wanted rsdt_addr_flg first) and of
// its city (abr_city; NULL columns when the city is known only from its
// 町字).
constexpr const char* kTownNames =
    "SELECT t.pref, t.county, t.city, t.ward, t.oaza_cho, t.chome, t.koaza "
    "FROM abr_town t WHERE t.lg_code = ?1 AND t.machiaza_id = ?2 "
    "ORDER BY t.rsdt_addr_flg = ?3 DESC LIMIT 1";
constexpr const char* kCityNames =
    "SELECT c.pref, c.county, c.city, c.ward FROM abr_city c WHERE c.lg_code = ?1";
constexpr const char* kResidence =
    "SELECT blk_num, rsdt_num, rsdt_num2, city, ward, oaza_cho, chome, koaza FROM abr_rsdt "
    "WHERE lg_code = ?1 AND machiaza_id = ?2 AND blk_id = substr(?3, 1, 3) AND "
    "rsdt_id = substr(?3, 4, 3) AND rsdt2_id = substr(?3, 7)";
constexpr const char* kParcel =
    "SELECT prc_num1, prc_num2, prc_num3, city, ward, oaza_cho, chome, koaza FROM abr_parcel "
    "WHERE lg_code = ?1 AND machiaza_id = ?2 AND prc_id = ?3";

// A point inside the search circle.
struct Candidate {
  ReverseLevel level = ReverseLevel::residence;
  std::string lg_code, machiaza_id, place_id;
  double lat = 0, lon = 0, distance_m = 0;
};

bool nearer(const Candidate& a, const Candidate& b) {
  return std::tie(a.distance_m, a.level, a.lg_code, a.machiaza_id, a.place_id) <
         std::tie(b.distance_m, b.level, b.lg_code, b.machiaza_id, b.place_id);
}

// Throws RegistryError unless db holds ABR data with a non-empty index of
// positions; whether it is the index of 町字 cells (else of points).
bool require_point_index(const RegistryDb& db) {
  require_abr_tables(db);
  const bool cells = db.has_table(kPointCellTable);
  if (!cells && !db.has_table(kPointIndexTable))
    throw RegistryError(db.path().string() + ": the registry has no index of the ABR positions (" +
                        std::string(kPointCellTable) +
                        "): it was built before reverse geocoding existed; rebuild it with "
                        "`gifkit registry build` from the same ABR files");
  Statement any = db.prepare(std::string("SELECT 1 FROM ") +
                             std::string(cells ? kPointCellTable : kPointIndexTable) + " LIMIT 1");
  if (!any.step())
    throw RegistryError(db.path().string() +
                        ": the registry's ABR data holds no positions (no mt_rsdtdsp_rsdt_pos, "
                        "mt_parcel_pos or mt_town_pos file was imported): nothing to reverse "
                        "geocode against");
  return cells;
}

// The points within a radius of a query's point, through the registry's
// index; the 町字 read stay read for the next, wider circle.
class PointSearch {
 public:
  explicit PointSearch(const RegistryDb& db)
      : cells_(require_point_index(db)), boxes_(db.prepare(cells_ ? kTownsInBox : kPointsInBox)) {
    if (cells_) towns_reader_.emplace(db);
  }

  // Every searched point within radius_m of the query's point.
  std::vector<Candidate> within(const ReverseQuery& query, double radius_m) {
    std::vector<Candidate> found;
    for (const grammars::GeoBox& box : boxes_around(query, radius_m)) {
      boxes_.reset();
      boxes_.bind_double(1, box.min_lon);
      boxes_.bind_double(2, box.max_lon);
      boxes_.bind_double(3, box.min_lat);
      boxes_.bind_double(4, box.max_lat);
      boxes_.bind_double(5, box.min_lat - (cells_ ? kPointCellSlack : kPointSlack));
      if (cells_) {
        read_towns_in_box();
      } else {
        add_points_in_box(query, radius_m, found);
      }
    }
    if (!cells_) return found;
    for (const auto& [town, points] : towns_) {
      for (const TownPoint& point : points) {
        const double distance = grammars::distance_m(query.lat, query.lon, point.lat, point.lon);
        if (distance > radius_m) continue;
        found.push_back({std::get<0>(town), std::get<1>(town), std::get<2>(town), point.place_id,
                         point.lat, point.lon, distance});
      }
    }
    return found;
  }

 private:
  // The box around the circle, a hair wider (1e-7 degrees, about 1 cm) so
  // that rounding never drops a point at the circle's edge (the distance
  // decides), split in two where it crosses the antimeridian.
  static std::vector<grammars::GeoBox> boxes_around(const ReverseQuery& query, double radius_m) {
    grammars::GeoBox box = grammars::box_around(query.lat, query.lon, radius_m);
    constexpr double kMargin = 1e-7;
    box = {box.min_lat - kMargin, box.max_lat + kMargin, box.min_lon - kMargin,
           box.max_lon + kMargin};
    if (box.min_lon < -180)
      return {{box.min_lat, box.max_lat, box.min_lon + 360, 180},
              {box.min_lat, box.max_lat, -180, box.max_lon}};
    if (box.max_lon > 180)
      return {{box.min_lat, box.max_lat, box.min_lon, 180},
              {box.min_lat, box.max_lat, -180, box.max_lon - 360}};
    return {box};
  }

  // Reads the points of each 町字 and kind the bound box query finds that
  // were not read yet.
  void read_towns_in_box() {
    std::set<TownKey> wanted;
    while (boxes_.step()) {
      TownKey town{static_cast<ReverseLevel>(boxes_.column_int64(0)),
                   std::string(boxes_.column_text(1)), std::string(boxes_.column_text(2))};
      if (!towns_.contains(town)) wanted.insert(std::move(town));
    }
    for (const TownKey& town : wanted)
      towns_.emplace(town,
                     towns_reader_->read(std::get<0>(town), std::get<1>(town), std::get<2>(town)));
  }

  // The points of the bound box query of the index of points, within radius_m.
  void add_points_in_box(const ReverseQuery& query, double radius_m,
                         std::vector<Candidate>& found) {
    while (boxes_.step()) {
      const std::optional<LatLon> position =
          searched_position(boxes_.column_text(4), boxes_.column_text(5));
      if (!position) continue;  // its _pos row is gone: not a point any more
      const double distance =
          grammars::distance_m(query.lat, query.lon, position->lat, position->lon);
      if (distance > radius_m) continue;
      found.push_back({static_cast<ReverseLevel>(boxes_.column_int64(0)),
                       std::string(boxes_.column_text(1)), std::string(boxes_.column_text(2)),
                       std::string(boxes_.column_text(3)), position->lat, position->lon, distance});
    }
  }

  using TownKey = std::tuple<ReverseLevel, std::string, std::string>;
  bool cells_;
  Statement boxes_;
  std::optional<TownPointReader> towns_reader_;
  std::map<TownKey, std::vector<TownPoint>> towns_;
};

// Reads the names and numbers of the place at point into hit.
void fill_place(const RegistryDb& db, const Candidate& point, ReverseHit& hit) {
  hit.lg_code = point.lg_code;
  hit.machiaza_id = point.machiaza_id;
  // The 住居表示 (rsdt_addr_flg 1) row of a 町字 for a residence, the 地番 (0)
  // row for a parcel, the point's own row for a 町字.
  const std::string flag = point.level == ReverseLevel::residence ? "1"
                           : point.level == ReverseLevel::parcel  ? "0"
                                                                  : point.place_id;
  Statement town = db.prepare(kTownNames);
  town.bind_text(1, point.lg_code);
  town.bind_text(2, point.machiaza_id);
  town.bind_text(3, flag);
  if (town.step()) {
    std::string* names[] = {&hit.pref,     &hit.county, &hit.city, &hit.ward,
                            &hit.oaza_cho, &hit.chome,  &hit.koaza};
    for (int i = 0; i < 7; ++i) *names[i] = town.column_text(i);
  }
  if (point.level != ReverseLevel::machiaza) {
    bool residence = point.level == ReverseLevel::residence;
    Statement place = db.prepare(residence ? kResidence : kParcel);
    place.bind_text(1, point.lg_code);
    place.bind_text(2, point.machiaza_id);
    place.bind_text(3, point.place_id);
    if (place.step()) {
      std::string* numbers[2][3] = {{&hit.blk_num, &hit.rsdt_num, &hit.rsdt_num2},
                                    {&hit.prc_num1, &hit.prc_num2, &hit.prc_num3}};
      for (int i = 0; i < 3; ++i) *numbers[residence ? 0 : 1][i] = place.column_text(i);
      // A 町字 missing from abr_town: the names its residence or parcel gives.
      if (hit.city.empty()) {
        std::string* names[] = {&hit.city, &hit.ward, &hit.oaza_cho, &hit.chome, &hit.koaza};
        for (int i = 0; i < 5; ++i) *names[i] = place.column_text(3 + i);
      }
    }
  }
  // The city's names as abr_city writes them (what `address normalize` uses).
  Statement city = db.prepare(kCityNames);
  city.bind_text(1, point.lg_code);
  if (city.step()) {
    std::string* names[] = {&hit.pref, &hit.county, &hit.city, &hit.ward};
    for (int i = 0; i < 4; ++i) *names[i] = city.column_text(i);
  }
}

}  // namespace

std::optional<std::string> reverse_query_problem(const ReverseQuery& query) {
  if (!std::isfinite(query.lat) || query.lat < -90 || query.lat > 90)
    return "latitude must be a number from -90 to 90 (decimal degrees)";
  if (!std::isfinite(query.lon) || query.lon < -180 || query.lon > 180)
    return "longitude must be a number from -180 to 180 (decimal degrees)";
  if (!std::isfinite(query.radius_m) || query.radius_m < 0 || query.radius_m > kMaxReverseRadiusM)
    return "radius must be a number of metres from 0 to " +
           std::to_string(static_cast<int>(kMaxReverseRadiusM));
  if (query.limit < 1 || query.limit > kMaxReverseLimit)
    return "limit must be a whole number from 1 to " + std::to_string(kMaxReverseLimit);
  if (query.offset < 0 || query.offset > kMaxReverseOffset)
    return "offset must be a whole number from 0 to " + std::to_string(kMaxReverseOffset);
  return std::nullopt;
}

ReversePage reverse_geocode_page(const RegistryDb& db, const ReverseQuery& query) {
  if (auto problem = reverse_query_problem(query)) throw InvalidReverseQuery(*problem);
  PointSearch search(db);
  // The page, and one more point to tell whether more follow.
  const auto wanted = static_cast<std::size_t>(query.offset) + query.limit + 1;
  double radius =
      query.exact_count ? query.radius_m : std::min(query.radius_m, kFirstSearchRadiusM);
  std::vector<Candidate> found = search.within(query, radius);
  while (found.size() < wanted && radius < query.radius_m) {
    radius = std::min(radius * kSearchGrowth, query.radius_m);
    found = search.within(query, radius);
  }
  ReversePage page;
  page.count_at_least = found.size();
  if (radius >= query.radius_m) page.count = found.size();
  const auto offset = std::min(found.size(), static_cast<std::size_t>(query.offset));
  const auto end = std::min(found.size(), offset + static_cast<std::size_t>(query.limit));
  page.more = found.size() > end;
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(end), found.end(),
                    nearer);
  for (std::size_t i = offset; i < end; ++i) {
    const Candidate& point = found[i];
    ReverseHit hit;
    hit.level = point.level;
    hit.distance_m = point.distance_m;
    hit.lat = point.lat;
    hit.lon = point.lon;
    fill_place(db, point, hit);
    hit.gif = gif_address(hit, city_block_of(hit), "");
    hit.output = address_line(hit.gif, "");
    page.hits.push_back(std::move(hit));
  }
  return page;
}

std::vector<ReverseHit> reverse_geocode(const RegistryDb& db, const ReverseQuery& query) {
  return reverse_geocode_page(db, query).hits;
}

std::string_view reverse_level_name(ReverseLevel level) {
  switch (level) {
    case ReverseLevel::residence:
      return "residence";
    case ReverseLevel::parcel:
      return "parcel";
    case ReverseLevel::machiaza:
      return "machiaza";
  }
  return "residence";
}

}  // namespace gifkit::registries::abr
