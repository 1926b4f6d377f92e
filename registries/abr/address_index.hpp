// address_index.hpp — the Address Base Registry held in memory for the
// address normalizer: prefectures and cities (with 郡 and 政令市 wards) read
// once when opened; per city, on first use, its 町字 (keyed by their folded
// names); and per 町字, when an address first needs its numbers, its 住居表示
// blocks and residences and 地番 parcels with their positions. No SQL runs
// per address once read: a city's 町字 are one query, a 町字's numbered
// places one row of abr_town_numbers (or, in a registry built before it,
// two indexed queries per kind for one (lg_code, machiaza_id)); a city's
// 町字 one row of abr_city_towns (or one query of abr_town) — a
// cold city costs milliseconds however many 地番 it has. Cities are kept
// while the cities read (with the 町字 read in them) fit a budget of bytes;
// the least recently used are dropped whole beyond it, and read again when
// asked for. One index may be shared by several threads (see AddressIndex).
#pragma once
#include <array>
#include <atomic>
#include <cassert>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "grammars/values/address_fold.hpp"
#include "registries/abr/abr_lookup.hpp"
#include "registries/abr/atomic_shared.hpp"
#include "registries/abr/city_towns.hpp"
#include "registries/abr/numbered_places.hpp"
#include "registries/db/reader_pool.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries::abr {

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
  // The registry holds a 町字 of it (abolished or not) when the index was
  // made: a city without is never read (most cities of a registry of a few
  // areas; an input names them all the same).
  bool has_towns = true;
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

// Every prefix of a KeyMap's keys that ends at a character boundary, the
// keys themselves included → the key's entry when the prefix is a key,
// else nullptr: a longest-prefix search walks up an input and stops where
// no key goes on (longest_prefix in address_city_match.hpp). The pointers
// are into the KeyMap's nodes, valid while it lives unchanged.
using PrefixMap =
    std::unordered_map<std::string, const std::vector<std::uint32_t>*, KeyHash, std::equal_to<>>;
PrefixMap make_prefix_map(const KeyMap& map);

// A 町字's numbered places as a caller holds them: valid while the handle
// lives, even when the index drops them from its cache.
using TownPlacesHandle = std::shared_ptr<const TownPlaces>;

// The 町字 of one city, and what is numbered in those read and cached.
struct CityPlaces {
  std::vector<AbrTown> towns;
  // Folded name → towns: oaza_cho+chome+koaza (大字/字 dropped), and
  // oaza_cho alone (every town of that 大字, when it has chome or koaza).
  KeyMap towns_by_key;
  std::size_t longest_key = 0;  // bytes
  // The 町字 written in kana: the key of a reading (ハクサン, ハクサン1丁目) →
  // the towns_by_key key it stands for (白山, 白山1丁目). Made from
  // town_readings the first time an address of the city matches no name
  // (AddressIndex::places_with_readings): most inputs never need them.
  // Empty, and not to be read, in the places AddressIndex::places_of
  // returns until places_with_readings has returned them for the city.
  std::unordered_map<std::string, std::string, KeyHash, std::equal_to<>> kana_keys;
  std::size_t longest_kana_key = 0;                                // bytes
  std::vector<std::pair<std::string, std::string>> town_readings;  // per town: 大字・町, whole
  int nameless_town = -1;  // the 町字 without a name (machiaza_id 0000000: 白浜町190), or -1
  // The city has a 住居表示 block in one of its 町字, a 地番 in one of them
  // (some registries hold only the 町字 of a city, or its 住居表示 without
  // its 地番): a number missing from a kind the registry lacks is not checked.
  bool residences = false;
  bool parcels = false;
  // kana_keys has been made (set by AddressIndex::places_with_readings).
  std::atomic<bool> readings_keyed{false};

  // The numbered places of town (an index in towns) when they have been
  // read (AddressIndex::town_places_of) and are still cached, else empty.
  // Any thread.
  TownPlacesHandle town_places_if_read(std::uint32_t town) const {
    assert(town < towns.size());
    return town_slots_[town].places.load(std::memory_order_acquire);
  }

  // The approximate heap bytes these places hold (vector capacities,
  // strings beyond the small-string buffer, hash tables' buckets and
  // nodes, the 町字 cached), what the index's cache budget counts.
  std::size_t memory_bytes() const;

  // The place with these numbers in places, or nullptr.
  static const NumberedPlace* find(const std::vector<NumberedPlace>& places, std::uint32_t town,
                                   std::uint32_t first, std::uint32_t second, std::uint32_t third);

 private:
  friend class AddressIndex;
  // One per town: its numbered places, set and cleared under the index's
  // lock, read by anyone; last_used the index clock's tick when last asked
  // for, bytes their memory_bytes while cached (under the lock).
  struct TownSlot {
    AtomicShared<const TownPlaces> places;
    std::atomic<std::uint64_t> last_used{0};
    std::size_t bytes = 0;
  };
  std::unique_ptr<TownSlot[]> town_slots_;
};

// A city's places as a caller holds them: they stay valid while the
// handle lives, even when the index drops the city from its cache.
using CityPlacesHandle = std::shared_ptr<const CityPlaces>;

// A city with every 町字's numbered places (AddressIndex::whole_places_of):
// towns[i] those of places->towns[i], held for as long as this lives.
struct WholeCity {
  CityPlacesHandle places;
  std::vector<TownPlacesHandle> towns;
};

// The ABR in memory. Safe to call from several threads: the prefectures
// and cities are fixed once constructed; a city's places, its kana keys
// and each 町字's numbered places are built by the first thread that asks
// for them, under one of a set of locks chosen by the city or the 町字 (two
// threads read two places at once, never one place twice), each read on a
// connection of its own (ReaderPool: db, and more opened by open_reader
// when threads read at once; without it the reads take turns on db), and
// are then read without a lock (a cached city or 町字 costs an atomic load
// of its handle and a tick of the clock). The cache's accounting and
// eviction have a lock of their own, never held while reading.
// When the bytes cached pass cache_bytes, the least recently asked-for
// 町字's numbered places are dropped first (never the one just read), then,
// when no other is left, the least recently asked-for cities (never the
// city just read into): the cities' 町字 names, small, stay while the bulk
// (the numbered places) turns over. A caller's handles keep what they hold
// alive until it lets go. The index's lock covers only its own reads: no
// other thread may use db while the index can still read a city.
class AddressIndex {
 public:
  // The default budget of the places cached: 512 MiB, which keeps a service
  // or a normalize run under 1 GB of RSS whatever the registry. A 町字 read
  // again after its eviction costs about half a millisecond (a few hundred
  // rows by primary key), not the city's whole read of the first lazy
  // registries (0.3–0.8 s for 和歌山市); docs/performance.md, "Lazy registries".
  static constexpr std::size_t kDefaultCacheBytes = std::size_t{512} << 20;

  // Reads the prefectures and cities of db (which must outlive the index).
  // open_reader opens another read-only connection to the same registry,
  // for threads that read places at the same time ({}: db alone). Throws
  // RegistryError when db holds no ABR tables or no prefecture/city.
  AddressIndex(const RegistryDb& db, const grammars::AddressFoldTables& tables,
               std::size_t cache_bytes = kDefaultCacheBytes, ReaderPool::Opener open_reader = {});
  ~AddressIndex();

  const std::vector<AbrPref>& prefs() const { return prefs_; }
  const std::vector<AbrCity>& cities() const { return cities_; }
  // The places of city (places_of) with their kana keys
  // (CityPlaces::kana_keys), made on the first call for the city's cached
  // places. Safe to call from several threads. Throws what places_of throws.
  CityPlacesHandle places_with_readings(std::uint32_t city) const;
  const KeyMap& prefs_by_key() const { return prefs_by_key_; }
  // Folded city names → cities: county+city+ward, city+ward, county+city, city.
  const KeyMap& cities_by_key() const { return cities_by_key_; }
  std::size_t longest_pref_key() const { return longest_pref_key_; }
  std::size_t longest_city_key() const { return longest_city_key_; }
  // The prefixes of prefs_by_key's and cities_by_key's keys (PrefixMap).
  const PrefixMap& pref_prefixes() const { return pref_prefixes_; }
  const PrefixMap& city_prefixes() const { return city_prefixes_; }

  // The wards of a 政令市 (its city row has no ward), else empty.
  const std::vector<std::uint32_t>& wards_of(std::uint32_t city) const { return wards_[city]; }

  // The 町字 of city (an index in cities()), read from the registry when the
  // city is not in the cache; a cached city takes no lock. Their numbered
  // places are read one 町字 at a time by town_places_of. Safe to call from
  // several threads: a city is read by one, the others wait for it. Throws
  // std::out_of_range for a city not in cities(), and what the registry's
  // reads throw (RegistryError); the next call tries again.
  CityPlacesHandle places_of(std::uint32_t city) const;

  // The numbered places of town (an index in places->towns) of city, whose
  // places (from places_of or places_with_readings) the caller holds: read
  // with one query per kind of place for its (lg_code, machiaza_id) when
  // not cached, else without a lock. Safe from several threads; throws what
  // the registry's reads throw.
  TownPlacesHandle town_places_of(const CityPlacesHandle& places, std::uint32_t city,
                                  std::uint32_t town) const;

  // The places of city with every town's numbered places read (those not
  // yet read are read with one query per kind for the whole city): for the
  // callers that scan a whole city (address_nearby.cpp). Throws what
  // places_of throws.
  WholeCity whole_places_of(std::uint32_t city) const;

  // What find_town_parts (abr_lookup.hpp) reads for the 町字 (lg_code,
  // machiaza_id), from the index when its city is cached now and its row of
  // abr_city_towns carried them (AbrTown::parts_known); none otherwise,
  // and the caller asks the registry. Never reads the registry; any thread.
  std::optional<AbrTownParts> cached_town_parts(std::string_view lg_code,
                                                std::string_view machiaza_id) const;

  // How many times a city has been read so far, a city read again after
  // its eviction counted again (safe from any thread).
  std::size_t cities_read() const { return places_read_.load(std::memory_order_relaxed); }
  // How many times one 町字's numbered places have been read so far
  // (town_places_of; whole_places_of's reads of a whole city not counted).
  std::size_t towns_read() const { return towns_read_.load(std::memory_order_relaxed); }
  // How many 町字's numbered places have been dropped from the cache so far.
  std::size_t towns_evicted() const { return town_evictions_.load(std::memory_order_relaxed); }
  // How many cities have been dropped from the cache so far.
  std::size_t cities_evicted() const { return evictions_.load(std::memory_order_relaxed); }
  // The bytes (CityPlaces::memory_bytes) of the cities in the cache now.
  std::size_t cached_bytes() const { return cached_bytes_.load(std::memory_order_relaxed); }
  std::size_t cache_budget() const { return cache_bytes_; }
  // How many connections were opened beside db for reads at the same time.
  std::size_t readers_opened() const { return readers_.opened(); }

 private:
  // A city's cached places: set and cleared under cache_mutex_, read by
  // anyone (AtomicShared); last_used is the clock's tick
  // when it was last asked for, bytes its places' memory_bytes when cached.
  struct CitySlot {
    AtomicShared<CityPlaces> places;
    std::atomic<std::uint64_t> last_used{0};
    std::size_t bytes = 0;  // under cache_mutex_
  };
  // The places of slot's city, read under its stripe when not cached.
  std::shared_ptr<CityPlaces> load_places(std::uint32_t city, CitySlot& slot) const;
  // While the cache holds more than its budget, drops the least recently
  // used 町字's numbered places other than keep_town, then, when none is
  // left, the least recently used cities other than keep. Under cache_mutex_.
  void evict_beyond_budget(const CitySlot& keep, const void* keep_town = nullptr) const;
  // Drops the least recently used cached 町字 other than keep_town, taking
  // its bytes from cached; false when there is none. Under cache_mutex_.
  bool evict_oldest_town(std::size_t& cached, const void* keep_town) const;
  void touch(CitySlot& slot) const {
    slot.last_used.store(clock_.fetch_add(1, std::memory_order_relaxed) + 1,
                         std::memory_order_relaxed);
  }
  // Reads with db, a connection leased from readers_.
  void read_towns(const RegistryDb& db, const AbrCity& city, CityPlaces& places) const;
  // The numbered places of city's towns in town_of_id (machiaza_id → town
  // index), of the one town machiaza_id unless it is empty (then of all).
  TownPlaces read_numbered(const RegistryDb& db, const AbrCity& city, std::string_view machiaza_id,
                           const std::unordered_map<std::string, std::uint32_t, KeyHash,
                                                    std::equal_to<>>& town_of_id) const;
  // Sets town's slot in places to numbered unless another thread has set it
  // (then its places are returned), counting its bytes when places are still
  // city's cached ones. Takes cache_mutex_.
  TownPlacesHandle publish_town(const CityPlacesHandle& places, std::uint32_t city,
                                std::uint32_t town, std::shared_ptr<TownPlaces> numbered) const;
  void key_readings(CityPlaces& places) const;

  const grammars::AddressFoldTables& tables_;
  std::vector<AbrPref> prefs_;
  std::vector<AbrCity> cities_;
  KeyMap prefs_by_key_;
  KeyMap cities_by_key_;
  std::size_t longest_pref_key_ = 0;
  std::size_t longest_city_key_ = 0;
  PrefixMap pref_prefixes_;
  PrefixMap city_prefixes_;
  std::vector<std::vector<std::uint32_t>> wards_;
  // Filled lazily by places_of and places_with_readings and emptied by
  // evict_beyond_budget (const: the index is shared read-only), one slot
  // per city.
  mutable std::vector<CitySlot> slots_;
  std::size_t cache_bytes_;
  // Reading a city's 町字 or its whole numbered places, keying its
  // readings (city_stripe), reading one 町字's numbered places
  // (town_stripe): one of kStripes locks, so that threads read different
  // places at once and one place once. A thread holds one stripe at a time.
  static constexpr std::size_t kStripes = 64;
  mutable std::array<std::mutex, kStripes> stripes_;
  std::mutex& city_stripe(std::uint32_t city) const;
  std::mutex& town_stripe(std::uint32_t city, std::uint32_t town) const;
  // The cache's accounting (each slot's bytes, cached_bytes_, cached_towns_)
  // and eviction; taken under a stripe, never held while reading.
  mutable std::mutex cache_mutex_;
  ReaderPool readers_;
  // The registry has abr_town_numbers: a 町字's places are one row of it.
  bool town_numbers_ = false;
  // The registry has abr_city_towns: a city's 町字 are one row of it.
  bool city_towns_ = false;
  mutable std::atomic<std::uint64_t> clock_{0};
  mutable std::atomic<std::size_t> cached_bytes_{0};  // written under cache_mutex_
  mutable std::atomic<std::size_t> places_read_{0};
  mutable std::atomic<std::size_t> towns_read_{0};
  mutable std::atomic<std::size_t> town_evictions_{0};
  // The 町字 whose numbered places are cached, in cities still cached:
  // what eviction looks at first. A min-heap by tick (used_later), tick the
  // town's last_used when it was pushed (evict_oldest_town). Under cache_mutex_.
  struct CachedTown {
    std::uint64_t tick;
    CitySlot* city;
    const CityPlaces* places;
    std::uint32_t town;
    static bool used_later(const CachedTown& a, const CachedTown& b) { return a.tick > b.tick; }
  };
  mutable std::vector<CachedTown> cached_towns_;
  mutable std::atomic<std::size_t> evictions_{0};
};

}  // namespace gifkit::registries::abr
