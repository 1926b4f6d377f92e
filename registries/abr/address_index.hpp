// address_index.hpp — the Address Base Registry held in memory for the
// address normalizer: prefectures and cities (with 郡 and 政令市 wards) read
// once when opened, and per city, on first use, its 町字 (keyed by their
// folded names), 住居表示 blocks and residences and 地番 parcels with their
// positions. No SQL runs per address: a city is read once, with four
// queries, the first time an address reaches it.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "grammars/address_fold.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries::abr {

// A representative point ("" coordinates unknown: NaN).
struct AbrPoint {
  double lon = 0;
  double lat = 0;
  bool known = false;
};

struct AbrPref {
  std::string lg_code;
  std::string name;
  AbrPoint point;
};

struct AbrCity {
  std::string lg_code;
  std::uint32_t pref = 0;  // index in AddressIndex::prefs()
  std::string county;
  std::string city;
  std::string ward;
  AbrPoint point;
};

struct AbrTown {
  std::string machiaza_id;
  std::string oaza_cho;
  std::string chome;
  std::string koaza;
  bool residential = false;  // has 住居表示 (rsdt_addr_flg 1)
  bool parcels = false;      // has 地番 (rsdt_addr_flg 0)
  AbrPoint point;
  // The point is the centroid of the town's 住居表示 and 地番 points (the
  // ABR gives the 町字 none).
  bool point_is_centroid = false;
  std::uint32_t key_bytes = 0;  // length of its folded oaza_cho+chome+koaza key
};

// Transparent hashing: look up std::string keys with a string_view.
struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};
using KeyMap =
    std::unordered_map<std::string, std::vector<std::uint32_t>, KeyHash, std::equal_to<>>;

// A 住居表示 block, residence or parcel: a town and up to three numbers.
struct NumberedPlace {
  std::uint64_t town_and_first = 0;    // town index << 32 | first number
  std::uint64_t second_and_third = 0;  // second << 32 | third (0 when none)
  AbrPoint point;
};

// The 町字 of one city and what is numbered in them.
struct CityPlaces {
  std::vector<AbrTown> towns;
  // Folded name → towns: oaza_cho+chome+koaza (大字/字 dropped), and
  // oaza_cho alone (every town of that 大字, when it has chome or koaza).
  KeyMap towns_by_key;
  std::size_t longest_key = 0;  // bytes
  // The 町字 written in kana: the key of a reading (ハクサン, ハクサン1丁目) →
  // the towns_by_key key it stands for (白山, 白山1丁目). Made from
  // town_readings the first time an address of the city matches no name
  // (AddressIndex::ensure_readings): most inputs never need them.
  std::unordered_map<std::string, std::string, KeyHash, std::equal_to<>> kana_keys;
  std::size_t longest_kana_key = 0;                                // bytes
  std::vector<std::pair<std::string, std::string>> town_readings;  // per town: 大字・町, whole
  bool readings_keyed = false;
  int nameless_town = -1;  // the 町字 without a name (machiaza_id 0000000: 白浜町190), or -1
  std::vector<NumberedPlace> blocks;         // (town, blk_num), sorted
  std::vector<NumberedPlace> residences;     // (town, blk_num, rsdt_num, rsdt_num2), sorted
  std::vector<NumberedPlace> parcel_places;  // (town, prc_num1, prc_num2, prc_num3), sorted

  // The place with these numbers in places, or nullptr.
  static const NumberedPlace* find(const std::vector<NumberedPlace>& places, std::uint32_t town,
                                   std::uint32_t first, std::uint32_t second, std::uint32_t third);
};

class AddressIndex {
 public:
  // Reads the prefectures and cities of db (which must outlive the index).
  // Throws RegistryError when db holds no ABR tables or no prefecture/city.
  AddressIndex(const RegistryDb& db, const grammars::AddressFoldTables& tables);
  ~AddressIndex();

  const std::vector<AbrPref>& prefs() const { return prefs_; }
  const std::vector<AbrCity>& cities() const { return cities_; }
  // Makes the kana keys of a city (CityPlaces::kana_keys), reading its
  // places first if needed; returns them.
  const CityPlaces& places_with_readings(std::uint32_t city);
  const KeyMap& prefs_by_key() const { return prefs_by_key_; }
  // Folded city names → cities: county+city+ward, city+ward, county+city, city.
  const KeyMap& cities_by_key() const { return cities_by_key_; }
  std::size_t longest_pref_key() const { return longest_pref_key_; }
  std::size_t longest_city_key() const { return longest_city_key_; }

  // The wards of a 政令市 (its city row has no ward), else empty.
  const std::vector<std::uint32_t>& wards_of(std::uint32_t city) const { return wards_[city]; }

  // The 町字 and numbered places of city (an index in cities()), read from
  // the registry on the first call.
  const CityPlaces& places_of(std::uint32_t city);

  // How many cities have been read so far.
  std::size_t cities_read() const { return places_read_; }

 private:
  void read_towns(const AbrCity& city, CityPlaces& places);
  void read_numbered(const AbrCity& city, CityPlaces& places,
                     const std::unordered_map<std::string, std::uint32_t>& town_of_id);

  const RegistryDb& db_;
  const grammars::AddressFoldTables& tables_;
  std::vector<AbrPref> prefs_;
  std::vector<AbrCity> cities_;
  KeyMap prefs_by_key_;
  KeyMap cities_by_key_;
  std::size_t longest_pref_key_ = 0;
  std::size_t longest_city_key_ = 0;
  std::vector<std::vector<std::uint32_t>> wards_;
  std::vector<std::unique_ptr<CityPlaces>> places_;
  std::size_t places_read_ = 0;
};

}  // namespace gifkit::registries::abr
