// address_matcher.hpp — the address normalizer as a library: an options
// struct, the result of one address (the field names of the Digital
// Agency's geocoder, and the GIF form of DS-442), and AddressMatcher, which
// folds an address (grammars/values/address_fold.hpp) and matches it against the
// Address Base Registry held in memory (address_index.hpp) to the deepest
// level it reaches: prefecture, city, 町字, 住居表示 block and residence, or
// 地番 parcel. One matcher can serve several threads, each with its own
// AddressMatcher::Scratch. Used by `gifkit address normalize`; see
// docs/address.md.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "grammars/values/address_fold.hpp"
#include "registries/abr/address_fields.hpp"
#include "registries/abr/address_index.hpp"
#include "registries/abr/match_stop.hpp"
#include "registries/db/registry_db.hpp"

namespace gifkit::registries::moji {
class CharacterData;
class LazyDerivedFold;
}  // namespace gifkit::registries::moji

namespace gifkit::registries::abr {

enum class MatchLevel {
  unknown,
  prefecture,
  city,
  machiaza,
  machiaza_detail,
  residential_block,
  residential_detail,
  parcel,
};
// "unknown", "prefecture", … "parcel".
std::string_view match_level_name(MatchLevel level);

struct AddressMatcherOptions {
  std::filesystem::path fold_tables;   // address_fold.tsv (variants, street markers)
  std::size_t max_input_chars = 1000;  // longer lines are not matched (level unknown)
  // The published character tables (--data's moji/), or nullptr. When the
  // registry holds no character data (no moji_fold), the variant fold the
  // fold table lacks (本鄕 = 本郷) is derived from these instead, a character
  // at a time as the input needs it. Must outlive the matcher.
  const moji::CharacterData* character_data = nullptr;
  // The budget of the cities' places the index keeps (AddressIndex: the
  // least recently used beyond it are dropped and read again when needed).
  std::size_t cache_bytes = AddressIndex::kDefaultCacheBytes;
  // Opens another read-only connection to the matcher's registry, for
  // threads that read places at the same time (a service); {}: the reads
  // take turns on the matcher's one connection.
  ReaderPool::Opener open_reader;
};

// Where the variant kanji the fold table lacks come from.
enum class VariantSource {
  none,              // the fold table only
  registry,          // the registry's moji_fold
  character_tables,  // derived from AddressMatcherOptions::character_data
};

// One result: the geocoder's fields, the GIF form, and why it stopped.
// The parts found (lg_code … prc_num3) are the AddressFields.
struct NormalizedAddress : AddressFields {
  std::string input;
  std::string output;  // the normalized address
  MatchLevel match_level = MatchLevel::unknown;
  std::string others;  // what remained unmatched (a building, unknown numbers)
  AbrPoint point;      // lat/lon of the deepest level that has one
  // Where point comes from (docs/address.md): "residence", "block",
  // "parcel", "machiaza", "machiaza_centroid" (the centroid of the 町字's
  // residences and parcels: the ABR gives the 町字 no point), "city",
  // "prefecture"; "" when there is none.
  std::string coordinate_level;
  GifAddress gif;
  std::string postal_code;  // a postal code read in front of the address
  std::string reason;       // why the match stopped ("" when it reached a number level)
  MatchStop stop = MatchStop::complete;  // the same, for programs
  bool ambiguous = false;                // several places fit; the result stops above them
  // The input has a character lost in an encoding round trip (本町2?16?45:
  // grammars::find_lost_character); reason begins with "damaged input: " and
  // where, whatever was matched.
  bool damaged = false;
};

struct CityMatch;  // address_city_match.hpp

// One matcher may be shared by several threads: normalize is const and
// safe to call from several threads at once, each passing its own Scratch
// (the index reads a city once, under its lock: see AddressIndex).
class AddressMatcher {
 public:
  // The working memory of normalize: the folded line, its key and a probe
  // string, kept between calls so that their buffers are reused. Make one
  // per thread and pass it to every normalize that thread makes; one
  // Scratch must never be used by two threads at once. What it holds
  // between calls means nothing to the caller.
  class Scratch {
   public:
    Scratch() = default;

   private:
    friend class AddressMatcher;
    grammars::FoldedAddress folded;
    grammars::AddressKey key;
    std::string probe;
  };

  // Loads the fold tables and the prefectures and cities of db (which must
  // outlive the matcher). Throws RegistryError when db holds no ABR data or
  // the fold tables cannot be read (what() names the file).
  AddressMatcher(const RegistryDb& db, AddressMatcherOptions options);
  ~AddressMatcher();

  // Normalizes one address line, with scratch as working memory (see
  // Scratch). Never throws for bad input: an empty, over-long, invalid or
  // unknown address gets level unknown and a reason. Safe to call from
  // several threads at once, each with its own scratch; the result does not
  // depend on the scratch or on what it was used for before. Reading a
  // city from the registry the first time may throw RegistryError.
  NormalizedAddress normalize(std::string_view line, Scratch& scratch) const;

  const AddressIndex& index() const { return *index_; }
  VariantSource variant_source() const { return variant_source_; }

 private:
  // normalize without the damaged-input note.
  NormalizedAddress match(std::string_view line, Scratch& scratch) const;
  struct CityCandidates;
  // Adds the registry's character fold (moji_fold) to the fold tables, or
  // the one derived from options_.character_data when it has none.
  void add_character_fold(const RegistryDb& db);
  // The prefecture and the cities the key starts with (the pref optional,
  // 郡 optional, an island name skipped, a 政令市 expanded to its wards).
  CityCandidates find_cities(std::string_view key) const;
  // Fills result from how far a city took the address; returns the building.
  std::string fill_from_city(const CityMatch& match, std::string_view text,
                             NormalizedAddress& result) const;
  AddressMatcherOptions options_;
  VariantSource variant_source_ = VariantSource::none;
  std::unique_ptr<moji::LazyDerivedFold> derived_fold_;  // VariantSource::character_tables
  grammars::AddressFoldTables tables_;                   // the inputs' fold
  grammars::AddressFoldTables index_tables_;             // the ABR names' fold: the same, but for
                                                         // derived variants (fold_or_keep)
  std::unique_ptr<AddressIndex> index_;
};

}  // namespace gifkit::registries::abr
