// address_index.cpp — reading the ABR tables into the normalizer's
// in-memory index: a city's 町字 when a thread asks for a city not in the
// cache, a 町字's numbered places when a thread first needs them (each read
// under the place's stripe lock, on a leased connection), and dropping the
// least recently used cities when the cache passes its budget of bytes. See
// address_index.hpp.
#include "registries/abr/address_index.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <exception>

#include "grammars/dictionaries/place_qualifiers.hpp"
#include "registries/abr/abr_import.hpp"

namespace gifkit::registries::abr {

namespace {

// 大字池島 → 池島, 字スガ峯 → スガ峯.
std::string_view without_aza(std::string_view name) {
  return grammars::place_qualifiers().without_qualifier(name);
}

void add_key(KeyMap& map, std::string key, std::uint32_t index, std::size_t& longest) {
  if (key.empty()) return;
  auto& list = map[key];
  if (std::find(list.begin(), list.end(), index) == list.end()) list.push_back(index);
  longest = std::max(longest, key.size());
}

// Heap bytes of a string: none while it fits the small-string buffer.
std::size_t string_bytes(const std::string& text) {
  return text.capacity() > std::string().capacity() ? text.capacity() + 1 : 0;
}

// Heap bytes of an unordered_map: its buckets, and per entry a node (the
// pair, the next pointer and the cached hash) and what the entry holds
// beyond it (bytes_of).
template <typename Map, typename BytesOf>
std::size_t map_bytes(const Map& map, BytesOf bytes_of) {
  std::size_t bytes = map.bucket_count() * sizeof(void*);
  for (const auto& entry : map)
    bytes += sizeof(typename Map::value_type) + 2 * sizeof(void*) + bytes_of(entry);
  return bytes;
}

// One read transaction around the few queries of a city's or a 町字's read
// (SQLite: the shared lock taken and the journal checked once, not at each
// statement; the queries see one state of the file). Short, while the
// connection is leased: a writer waits for one read at most. Not on a server
// (a BEGIN and a COMMIT more a read), nor inside a transaction already open.
class ReadBatch {
 public:
  explicit ReadBatch(const RegistryDb& db) : db_(const_cast<RegistryDb&>(db)) {
    // The connection is this thread's while its lease lives (ReaderPool):
    // the transaction is begun and ended on it within the lease.
    if (db_.on_server() || db_.in_transaction()) return;
    db_.begin_read();
    own_ = true;
  }
  ~ReadBatch() {
    if (!own_) return;
    try {
      db_.commit();
    } catch (const std::exception&) {
      // Nothing was written: ended anyway, so that no shared lock is left
      // for a writer to wait on.
      try {
        db_.rollback();
      } catch (const std::exception&) {
      }
    }
  }
  ReadBatch(const ReadBatch&) = delete;
  ReadBatch& operator=(const ReadBatch&) = delete;

 private:
  RegistryDb& db_;
  bool own_ = false;
};

}  // namespace

PrefixMap make_prefix_map(const KeyMap& map) {
  PrefixMap prefixes;
  for (const auto& [key, entry] : map) {
    for (std::size_t length = 1; length <= key.size(); ++length) {
      // At a character boundary: the next byte is not a continuation byte.
      if (length < key.size() && (static_cast<unsigned char>(key[length]) & 0xC0) == 0x80) continue;
      auto [it, added] = prefixes.try_emplace(key.substr(0, length), nullptr);
      if (length == key.size()) it->second = &entry;
    }
  }
  return prefixes;
}

std::size_t CityPlaces::memory_bytes() const {
  std::size_t bytes = sizeof(CityPlaces) + towns.capacity() * sizeof(AbrTown);
  for (const AbrTown& town : towns)
    bytes += string_bytes(town.machiaza_id) + string_bytes(town.oaza_cho) +
             string_bytes(town.chome) + string_bytes(town.koaza);
  bytes += map_bytes(towns_by_key, [](const auto& entry) {
    return string_bytes(entry.first) + entry.second.capacity() * sizeof(std::uint32_t);
  });
  bytes += map_bytes(kana_keys, [](const auto& entry) {
    return string_bytes(entry.first) + string_bytes(entry.second);
  });
  bytes += town_readings.capacity() * sizeof(town_readings.front());
  for (const auto& [oaza, whole] : town_readings) bytes += string_bytes(oaza) + string_bytes(whole);
  if (town_slots_) {
    bytes += towns.size() * sizeof(TownSlot);
    for (std::uint32_t i = 0; i < towns.size(); ++i)
      if (const TownPlacesHandle numbered = town_places_if_read(i))
        bytes += numbered->memory_bytes();
  }
  return bytes;
}

const NumberedPlace* CityPlaces::find(const std::vector<NumberedPlace>& places, std::uint32_t town,
                                      std::uint32_t first, std::uint32_t second,
                                      std::uint32_t third) {
  NumberedPlace wanted;
  wanted.town_and_first = (std::uint64_t{town} << 32) | first;
  wanted.second_and_third = (std::uint64_t{second} << 32) | third;
  auto it = std::lower_bound(places.begin(), places.end(), wanted, place_less);
  if (it == places.end() || it->town_and_first != wanted.town_and_first ||
      it->second_and_third != wanted.second_and_third)
    return nullptr;
  return &*it;
}

AddressIndex::AddressIndex(const RegistryDb& db, const grammars::AddressFoldTables& tables,
                           std::size_t cache_bytes, ReaderPool::Opener open_reader)
    : tables_(tables), cache_bytes_(cache_bytes), readers_(db, std::move(open_reader)) {
  if (!has_abr_tables(db))
    throw RegistryError(db.path().string() +
                        ": no Address Base Registry data (build it with `gifkit registry build` "
                        "from the ABR files)");
  town_numbers_ = has_town_numbers(db);
  city_towns_ = has_city_towns(db);
  std::unordered_map<std::string, std::uint32_t> pref_of_name;
  Statement prefs = db.prepare(
      "SELECT p.lg_code, p.pref, q.rep_lon, q.rep_lat FROM abr_pref p "
      "LEFT JOIN abr_pref_pos q ON q.lg_code = p.lg_code WHERE p.ablt_date IS NULL OR "
      "p.ablt_date = '' ORDER BY p.lg_code");
  while (prefs.step()) {
    AbrPref pref{std::string(prefs.column_text(0)), std::string(prefs.column_text(1)),
                 read_point(prefs, 2, 3)};
    auto index = static_cast<std::uint32_t>(prefs_.size());
    pref_of_name.emplace(pref.name, index);
    add_key(prefs_by_key_, grammars::address_name_key(pref.name, tables_), index,
            longest_pref_key_);
    prefs_.push_back(std::move(pref));
  }
  // Cities of abr_city, and those known only from abr_town; whether it has
  // a 町字 (one lookup by primary key a city).
  Statement cities = db.prepare(
      "SELECT c.lg_code, c.pref, c.county, c.city, c.ward, q.rep_lon, q.rep_lat, CASE WHEN "
      "EXISTS (SELECT 1 FROM abr_town t WHERE t.lg_code = c.lg_code) THEN 1 ELSE 0 END "
      "FROM abr_city c LEFT JOIN abr_city_pos q ON q.lg_code = c.lg_code "
      "WHERE c.ablt_date IS NULL OR c.ablt_date = '' "
      "UNION ALL SELECT DISTINCT t.lg_code, t.pref, t.county, t.city, t.ward, NULL, NULL, 1 "
      "FROM abr_town t WHERE t.lg_code NOT IN (SELECT lg_code FROM abr_city) ORDER BY 1");
  while (cities.step()) {
    auto pref = pref_of_name.find(std::string(cities.column_text(1)));
    if (pref == pref_of_name.end()) continue;  // a city of an unknown prefecture
    AbrCity city{std::string(cities.column_text(0)), pref->second,
                 std::string(cities.column_text(2)), std::string(cities.column_text(3)),
                 std::string(cities.column_text(4)), read_point(cities, 5, 6),
                 cities.column_text(7) != "0"};
    auto index = static_cast<std::uint32_t>(cities_.size());
    // With or without its 郡; a 政令市's ward with its city (札幌市中央区) or
    // alone (港北区: one city when the name is unique in the country,
    // ambiguous like any shared name otherwise: 中央区, 北区).
    for (const auto& name : {city.county + city.city + city.ward, city.city + city.ward})
      add_key(cities_by_key_, grammars::address_name_key(name, tables_), index, longest_city_key_);
    if (!city.ward.empty())
      add_key(cities_by_key_, grammars::address_name_key(city.ward, tables_), index,
              longest_city_key_);
    cities_.push_back(std::move(city));
  }
  // In code order (the query's ORDER BY): cached_town_parts searches them.
  assert(std::is_sorted(cities_.begin(), cities_.end(),
                        [](const AbrCity& a, const AbrCity& b) { return a.lg_code < b.lg_code; }));
  pref_prefixes_ = make_prefix_map(prefs_by_key_);
  city_prefixes_ = make_prefix_map(cities_by_key_);
  if (prefs_.empty() || cities_.empty())
    throw RegistryError(db.path().string() +
                        ": the Address Base Registry data has no prefectures or cities (import "
                        "mt_pref_all and mt_city_all)");
  slots_ = std::vector<CitySlot>(cities_.size());  // atomics: made in place, never moved
  wards_.resize(cities_.size());
  std::unordered_map<std::string, std::uint32_t> parent_of_name;  // pref + city → 政令市 row
  for (std::uint32_t i = 0; i < cities_.size(); ++i)
    if (cities_[i].ward.empty())
      parent_of_name.emplace(std::to_string(cities_[i].pref) + "/" + cities_[i].city, i);
  for (std::uint32_t i = 0; i < cities_.size(); ++i) {
    if (cities_[i].ward.empty()) continue;
    auto parent = parent_of_name.find(std::to_string(cities_[i].pref) + "/" + cities_[i].city);
    if (parent != parent_of_name.end()) wards_[parent->second].push_back(i);
  }
}

AddressIndex::~AddressIndex() = default;

CityPlacesHandle AddressIndex::places_of(std::uint32_t city) const {
  CitySlot& slot = slots_.at(city);
  touch(slot);
  // Acquire: a thread that sees the places sees them whole.
  if (std::shared_ptr<CityPlaces> places = slot.places.load(std::memory_order_acquire))
    return places;
  return load_places(city, slot);
}

// Reads the places of city under its stripe unless a thread that held it
// before has; publishes them only once whole (a read that throws leaves the
// city unread), then drops other cities while the cache is over budget.
std::shared_ptr<CityPlaces> AddressIndex::load_places(std::uint32_t city, CitySlot& slot) const {
  std::lock_guard<std::mutex> stripe(city_stripe(city));
  if (std::shared_ptr<CityPlaces> places = slot.places.load(std::memory_order_acquire))
    return places;
  auto places = std::make_shared<CityPlaces>();
  if (cities_[city].has_towns) {
    const ReaderPool::Lease reader = readers_.lease();
    ReadBatch batch(reader.db());
    read_towns(reader.db(), cities_[city], *places);
  } else {
    // What read_towns makes of a city without a 町字, without a query.
    places->town_slots_ = std::make_unique<CityPlaces::TownSlot[]>(0);
  }
  std::lock_guard<std::mutex> cache(cache_mutex_);
  slot.bytes = places->memory_bytes();
  cached_bytes_.store(cached_bytes_.load(std::memory_order_relaxed) + slot.bytes,
                      std::memory_order_relaxed);
  slot.places.store(places, std::memory_order_release);
  places_read_.fetch_add(1, std::memory_order_relaxed);
  evict_beyond_budget(slot);
  return places;
}

// The heap of cached 町字 is ordered by the tick each entry carries, which is
// not later than its town's last_used (a town asked for again takes a later
// tick): the top whose tick is still its town's last_used is the least
// recently used of them all, and a top asked for since goes back with its new
// tick. The same choice as a scan of every cached 町字, in O(log n) a town
// (a scan at each eviction took half the server's time at SCALE 1).
bool AddressIndex::evict_oldest_town(std::size_t& cached, const void* keep_town) const {
  constexpr auto later = CachedTown::used_later;
  std::optional<CachedTown> kept;
  bool evicted = false;
  while (!cached_towns_.empty()) {
    std::pop_heap(cached_towns_.begin(), cached_towns_.end(), later);
    CachedTown entry = cached_towns_.back();
    cached_towns_.pop_back();
    CityPlaces::TownSlot& town = entry.places->town_slots_[entry.town];
    if (&town == keep_town) {
      kept = entry;
      continue;
    }
    const std::uint64_t tick = town.last_used.load(std::memory_order_relaxed);
    if (tick != entry.tick) {  // asked for since: back in its new place
      entry.tick = tick;
      cached_towns_.push_back(entry);
      std::push_heap(cached_towns_.begin(), cached_towns_.end(), later);
      continue;
    }
    assert(cached >= town.bytes && entry.city->bytes >= town.bytes);
    cached -= town.bytes;
    entry.city->bytes -= town.bytes;
    town.bytes = 0;
    // Readers holding its handle keep the places until they let go.
    town.places.store(nullptr, std::memory_order_release);
    town_evictions_.fetch_add(1, std::memory_order_relaxed);
    evicted = true;
    break;
  }
  if (kept) {
    cached_towns_.push_back(*kept);
    std::push_heap(cached_towns_.begin(), cached_towns_.end(), later);
  }
  return evicted;
}

void AddressIndex::evict_beyond_budget(const CitySlot& keep, const void* keep_town) const {
  std::size_t cached = cached_bytes_.load(std::memory_order_relaxed);
  while (cached > cache_bytes_) {
    // The least recently used 町字 first: a city's names stay while they can.
    if (evict_oldest_town(cached, keep_town)) continue;
    std::uint64_t oldest_tick = 0;
    CitySlot* oldest = nullptr;
    for (CitySlot& slot : slots_) {
      if (&slot == &keep || slot.bytes == 0) continue;  // bytes 0: not cached
      const std::uint64_t tick = slot.last_used.load(std::memory_order_relaxed);
      if (oldest == nullptr || tick < oldest_tick) {
        oldest = &slot;
        oldest_tick = tick;
      }
    }
    if (oldest == nullptr) break;  // only keep: it stays, over budget
    // No 町字 of it is cached (they went first; keep_town is keep's).
    assert(cached >= oldest->bytes);
    cached -= oldest->bytes;
    oldest->bytes = 0;
    // Readers holding its handle keep the places until they let go.
    oldest->places.store(nullptr, std::memory_order_release);
    evictions_.fetch_add(1, std::memory_order_relaxed);
  }
  cached_bytes_.store(cached, std::memory_order_relaxed);
}

void AddressIndex::read_towns(const RegistryDb& db, const AbrCity& city, CityPlaces& places) const {
  // One row of abr_city_towns, or the tables when the registry (or the
  // city) has none: the same 町字 in the same order.
  std::optional<CityTowns> read;
  if (city_towns_) read = read_city_towns(db, city.lg_code);
  if (!read) read = read_city_towns_from_tables(db, city.lg_code);
  places.towns.reserve(read->towns.size());
  places.town_readings.reserve(read->towns.size());
  for (TownRow& row : read->towns) {
    // The 大字・町 reading without the reading of its 大字/字, and the whole.
    std::string oaza_kana(grammars::place_qualifiers().reading_without_qualifier(
        row.town.oaza_cho, row.oaza_cho_kana));
    places.town_readings.emplace_back(std::move(oaza_kana), std::move(row.town_kana_key));
    places.towns.push_back(std::move(row.town));
  }
  for (std::uint32_t i = 0; i < places.towns.size(); ++i) {
    AbrTown& town = places.towns[i];
    std::string oaza(without_aza(town.oaza_cho));
    std::string key = grammars::address_name_key(
        oaza + town.chome + std::string(without_aza(town.koaza)), tables_);
    town.key_bytes = static_cast<std::uint32_t>(key.size());
    if (key.empty()) places.nameless_town = static_cast<int>(i);
    add_key(places.towns_by_key, std::move(key), i, places.longest_key);
    if (!town.chome.empty() || !town.koaza.empty())
      add_key(places.towns_by_key, grammars::address_name_key(oaza, tables_), i,
              places.longest_key);
  }
  // In machiaza_id order, both ways of reading them (cached_town_parts searches them).
  assert(std::is_sorted(
      places.towns.begin(), places.towns.end(),
      [](const AbrTown& a, const AbrTown& b) { return a.machiaza_id < b.machiaza_id; }));
  places.town_slots_ = std::make_unique<CityPlaces::TownSlot[]>(places.towns.size());
  places.residences = read->residences;
  places.parcels = read->parcels;
}

std::optional<AbrTownParts> AddressIndex::cached_town_parts(std::string_view lg_code,
                                                            std::string_view machiaza_id) const {
  // cities_ and each city's towns are in code order (their reads' ORDER BY).
  auto city =
      std::lower_bound(cities_.begin(), cities_.end(), lg_code,
                       [](const AbrCity& c, std::string_view code) { return c.lg_code < code; });
  if (city == cities_.end() || city->lg_code != lg_code) return std::nullopt;
  const std::shared_ptr<const CityPlaces> places =
      slots_[static_cast<std::size_t>(city - cities_.begin())].places.load(
          std::memory_order_acquire);
  if (!places) return std::nullopt;
  auto town =
      std::lower_bound(places->towns.begin(), places->towns.end(), machiaza_id,
                       [](const AbrTown& t, std::string_view id) { return t.machiaza_id < id; });
  if (town == places->towns.end() || town->machiaza_id != machiaza_id || !town->parts_known)
    return std::nullopt;
  return AbrTownParts{town->oaza_cho, town->chome, town->chome_number, town->koaza,
                      town->post_code};
}

CityPlacesHandle AddressIndex::places_with_readings(std::uint32_t city) const {
  std::shared_ptr<const CityPlaces> places = places_of(city);
  if (places->readings_keyed.load(std::memory_order_acquire)) return places;
  std::lock_guard<std::mutex> stripe(city_stripe(city));
  if (places->readings_keyed.load(std::memory_order_relaxed)) return places;
  // The places are this index's own (made mutable by load_places); no
  // reader looks at kana_keys before readings_keyed says they are made.
  auto& mutable_places = const_cast<CityPlaces&>(*places);
  key_readings(mutable_places);
  mutable_places.readings_keyed.store(true, std::memory_order_release);
  CitySlot& slot = slots_[city];
  std::lock_guard<std::mutex> cache(cache_mutex_);
  if (slot.places.load(std::memory_order_relaxed).get() == places.get()) {
    // Still cached: the kana keys count against the budget too.
    const std::size_t bytes = places->memory_bytes();
    cached_bytes_.store(cached_bytes_.load(std::memory_order_relaxed) + bytes - slot.bytes,
                        std::memory_order_relaxed);
    slot.bytes = bytes;
    evict_beyond_budget(slot);
  }
  return places;
}

// Fills places.kana_keys from places.town_readings.
void AddressIndex::key_readings(CityPlaces& places) const {
  // The 町字 written in kana, as the ABR reads it (はくさん, ハクサン1丁目): the
  // 大字・町 reading with the 丁目 as written, the whole reading, and the
  // 大字・町 reading alone. Hiragana and katakana key alike.
  for (std::size_t i = 0; i < places.towns.size() && i < places.town_readings.size(); ++i) {
    const AbrTown& town = places.towns[i];
    const auto& [oaza_kana, whole_kana] = places.town_readings[i];
    if (oaza_kana.empty()) continue;
    const std::string oaza(without_aza(town.oaza_cho));
    const std::string full_key = grammars::address_name_key(
        oaza + town.chome + std::string(without_aza(town.koaza)), tables_);
    auto add_kana = [&places](std::string kana_key, const std::string& key) {
      if (kana_key.empty() || key.empty()) return;
      places.longest_kana_key = std::max(places.longest_kana_key, kana_key.size());
      places.kana_keys.emplace(std::move(kana_key), key);  // the first reading wins
    };
    if (town.koaza.empty())
      add_kana(grammars::address_name_key(oaza_kana + town.chome, tables_), full_key);
    if (!whole_kana.empty()) add_kana(grammars::address_name_key(whole_kana, tables_), full_key);
    if (!town.chome.empty() || !town.koaza.empty())
      add_kana(grammars::address_name_key(oaza_kana, tables_),
               grammars::address_name_key(oaza, tables_));
  }
}

TownPlaces AddressIndex::read_numbered(
    const RegistryDb& db, const AbrCity& city, std::string_view machiaza_id,
    const std::unordered_map<std::string, std::uint32_t, KeyHash, std::equal_to<>>& town_of_id)
    const {
  TownPlaces numbered;
  // A numbered place belongs to a 町字 of the city: without them, none is
  // kept, and the reads are saved (a registry of a few areas).
  if (town_of_id.empty()) return numbered;
  // The rows come by 町字: its town looked up once.
  std::string last_id;
  bool looked_up = false;
  const std::uint32_t* last_town = nullptr;
  walk_numbered_rows(
      db, city.lg_code, machiaza_id,
      [&](std::string_view id, int kind, const std::uint32_t(&numbers)[3], const AbrPoint& point) {
        if (!looked_up || id != last_id) {
          looked_up = true;
          last_id.assign(id);
          auto town = town_of_id.find(id);
          last_town = town == town_of_id.end() ? nullptr : &town->second;
        }
        if (last_town == nullptr) return;
        NumberedPlace place;
        place.town_and_first = (std::uint64_t{*last_town} << 32) | numbers[0];
        place.second_and_third = (std::uint64_t{numbers[1]} << 32) | numbers[2];
        place.point = point;
        (numbered.*kNumberedLists[kind]).push_back(place);
      });
  for (const auto list : kNumberedLists)
    std::sort((numbered.*list).begin(), (numbered.*list).end(), place_less);
  return numbered;
}

TownPlacesHandle AddressIndex::publish_town(const CityPlacesHandle& places, std::uint32_t city,
                                            std::uint32_t town,
                                            std::shared_ptr<TownPlaces> numbered) const {
  for (auto* list : {&numbered->blocks, &numbered->residences, &numbered->parcel_places})
    list->shrink_to_fit();
  set_centroid(*numbered);
  const std::size_t bytes = numbered->memory_bytes();
  CityPlaces::TownSlot& town_slot = places->town_slots_[town];
  std::lock_guard<std::mutex> cache(cache_mutex_);
  // Read meanwhile by another thread (a whole city's read beside this
  // 町字's, under other stripes): the same rows; the first stays.
  if (TownPlacesHandle first = town_slot.places.load(std::memory_order_acquire)) return first;
  town_slot.places.store(numbered, std::memory_order_release);
  town_slot.last_used.store(clock_.fetch_add(1, std::memory_order_relaxed) + 1,
                            std::memory_order_relaxed);
  CitySlot& slot = slots_[city];
  if (slot.places.load(std::memory_order_relaxed).get() == places.get()) {
    // Still cached: the town's places count against the budget too.
    town_slot.bytes = bytes;
    slot.bytes += bytes;
    cached_bytes_.store(cached_bytes_.load(std::memory_order_relaxed) + bytes,
                        std::memory_order_relaxed);
    cached_towns_.push_back(
        {town_slot.last_used.load(std::memory_order_relaxed), &slot, places.get(), town});
    std::push_heap(cached_towns_.begin(), cached_towns_.end(), CachedTown::used_later);
    evict_beyond_budget(slot, &town_slot);
  }
  return numbered;
}

// Reads the numbered places of one town under its stripe unless a thread
// that held it before has; publishes them only once whole.
TownPlacesHandle AddressIndex::town_places_of(const CityPlacesHandle& places, std::uint32_t city,
                                              std::uint32_t town) const {
  assert(places && town < places->towns.size());
  CityPlaces::TownSlot& slot = places->town_slots_[town];
  slot.last_used.store(clock_.fetch_add(1, std::memory_order_relaxed) + 1,
                       std::memory_order_relaxed);
  if (TownPlacesHandle numbered = slot.places.load(std::memory_order_acquire)) return numbered;
  std::lock_guard<std::mutex> stripe(town_stripe(city, town));
  if (TownPlacesHandle numbered = slot.places.load(std::memory_order_acquire)) return numbered;
  const std::string& id = places->towns[town].machiaza_id;
  const std::int64_t row = places->towns[town].numbers_row;
  std::shared_ptr<TownPlaces> numbered;
  if (town_numbers_ && row == kNoNumbersRow) {
    numbered = std::make_shared<TownPlaces>();  // abr_city_towns says: nothing numbered
  } else if (town_numbers_) {
    // One row by its rowid when abr_city_towns gave it, else by the key's
    // index (a statement on its own needs no batch).
    const ReaderPool::Lease reader = readers_.lease();
    const std::string& lg_code = cities_.at(city).lg_code;
    numbered = std::make_shared<TownPlaces>(
        row > 0 ? read_town_numbers_at(reader.db(), row, lg_code, id, town)
                : read_town_numbers(reader.db(), lg_code, id, town));
  } else {
    const std::unordered_map<std::string, std::uint32_t, KeyHash, std::equal_to<>> town_of_id{
        {id, town}};
    const ReaderPool::Lease reader = readers_.lease();
    ReadBatch batch(reader.db());
    numbered =
        std::make_shared<TownPlaces>(read_numbered(reader.db(), cities_.at(city), id, town_of_id));
  }
  towns_read_.fetch_add(1, std::memory_order_relaxed);
  return publish_town(places, city, town, std::move(numbered));
}

WholeCity AddressIndex::whole_places_of(std::uint32_t city) const {
  WholeCity whole;
  whole.places = places_of(city);
  const CityPlaces& places = *whole.places;
  const auto towns = static_cast<std::uint32_t>(places.towns.size());
  whole.towns.resize(towns);
  bool missing = false;
  for (std::uint32_t town = 0; town < towns; ++town)
    missing |= !(whole.towns[town] = places.town_places_if_read(town));
  if (!missing) return whole;
  std::lock_guard<std::mutex> stripe(city_stripe(city));
  std::unordered_map<std::string, std::uint32_t, KeyHash, std::equal_to<>> town_of_id;
  for (std::uint32_t town = 0; town < towns; ++town)
    town_of_id.emplace(places.towns[town].machiaza_id, town);
  if (town_numbers_) {
    // Each 町字's row unpacked as its own read would give it; a 町字
    // without a row has nothing numbered.
    std::vector<std::shared_ptr<TownPlaces>> read(towns);
    {
      const ReaderPool::Lease reader = readers_.lease();
      walk_city_numbers(reader.db(), cities_.at(city).lg_code,
                        [&](std::string_view machiaza_id, std::string_view packed) {
                          auto town = town_of_id.find(machiaza_id);
                          if (town == town_of_id.end()) return;
                          std::optional<TownPlaces> numbered =
                              unpack_town_places(packed, town->second);
                          if (!numbered)
                            throw not_a_packing(reader.db(), cities_.at(city).lg_code, machiaza_id);
                          read[town->second] = std::make_shared<TownPlaces>(std::move(*numbered));
                        });
    }
    for (std::uint32_t town = 0; town < towns; ++town) {
      if (TownPlacesHandle cached = places.town_places_if_read(town)) {
        whole.towns[town] = std::move(cached);
        continue;
      }
      if (!read[town]) read[town] = std::make_shared<TownPlaces>();
      whole.towns[town] = publish_town(whole.places, city, town, std::move(read[town]));
    }
    return whole;
  }
  TownPlaces all;
  {
    const ReaderPool::Lease reader = readers_.lease();
    ReadBatch batch(reader.db());
    all = read_numbered(reader.db(), cities_.at(city), {}, town_of_id);
  }
  // Each list is sorted by town first: one town's places are a run of it.
  std::size_t at[3] = {0, 0, 0};
  std::vector<NumberedPlace> TownPlaces::*lists[3] = {&TownPlaces::blocks, &TownPlaces::residences,
                                                      &TownPlaces::parcel_places};
  for (std::uint32_t town = 0; town < towns; ++town) {
    auto numbered = std::make_shared<TownPlaces>();
    for (int kind = 0; kind < 3; ++kind) {
      const std::vector<NumberedPlace>& from = all.*lists[kind];
      std::size_t& i = at[kind];
      while (i < from.size() && (from[i].town_and_first >> 32) == town)
        (*numbered.*lists[kind]).push_back(from[i++]);
    }
    // A town cached (read before, or by another thread meanwhile) is kept
    // (publish_town checks again under the cache's lock): the same rows.
    if (TownPlacesHandle cached = places.town_places_if_read(town))
      whole.towns[town] = std::move(cached);
    else
      whole.towns[town] = publish_town(whole.places, city, town, std::move(numbered));
  }
  return whole;
}

std::mutex& AddressIndex::city_stripe(std::uint32_t city) const {
  return stripes_[city % kStripes];
}

std::mutex& AddressIndex::town_stripe(std::uint32_t city, std::uint32_t town) const {
  // Another mix than the city's: a city's 町字 spread over the stripes.
  return stripes_[(std::size_t{city} * 0x9E3779B1u + town) % kStripes];
}

}  // namespace gifkit::registries::abr
