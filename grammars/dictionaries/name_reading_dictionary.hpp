// name_reading_dictionary.hpp — the persons' names of the field's name
// dictionaries with their readings, read at run time from where Debian
// installs them (never shipped): NAIST-jdic's 姓 and 名 (naist-jdic-utf8), the
// EDRDG's ENAMDICT (enamdict: family, given and full names, foreign names in
// katakana with their Latin spelling; enamdict_names.hpp) and UniDic's
// 人名 (unidic-mecab; unidic_names.hpp). From all of them together, once they
// are read (finish), the readings each character takes in names (名乗り:
// 一 → カズ), learnt by aligning names with their readings. Readings are
// katakana; the form in which a reading is compared is fold_reading
// (grammars/text/kana_reading.hpp). Used by the name-reading check
// (models/engine/checks/name_reading.hpp): validate's name-reading-mismatch
// and link's reading-equal level. The files are read once per process, the
// first time a check asks for them (default_name_readings), never before.
//
// The NAIST-jdic file: /usr/share/chasen/dic/naist-jdic-utf8/naist-jdic.dic,
// one S-expression line per entry, `(品詞 (名詞 固有名詞 人名 姓)) ((見出し語
// (佐藤 1667)) (読み サトウ) (発音 サトー) )`, several readings written
// `(読み {コウノ/カワノ})`.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "grammars/text/kana_reading.hpp"

namespace gifkit::grammars {

// Which part of a person's name a text is: 氏 (family), 名 (given), or the
// whole 氏名 (full: ENAMDICT's names of particular persons, 田中角栄).
enum class NamePart : std::uint8_t { family, given, full };

// A full name's two parts, as ENAMDICT's romanised gloss shows where family
// and given meet (`田中角栄 [たなかかくえい] /(h) Tanaka Kakuei/`: its first word
// is the family name's reading). The readings are always split; the
// headword's parts (family, given) are "" when no split of it agrees with a
// family or given name the dictionaries know with that reading.
struct FullNameSplit {
  std::string family;          // 田中, or ""
  std::string given;           // 角栄, or ""
  std::string family_reading;  // タナカ
  std::string given_reading;   // カクエイ
};

// One dictionary file: whether it was there and what reading it found.
struct NameSource {
  std::string name;            // "NAIST-jdic", "ENAMDICT", "UniDic"
  std::filesystem::path path;  // where it was looked for
  bool found = false;          // the file was there and could be read
  std::uint64_t entries = 0;   // name entries added (after the hold-out)
  double load_ms = 0;          // reading and parsing it
  // Loaded from the cache of finished dictionaries (name_readings_cache.hpp)
  // rather than read: load_ms is then what reading it took in the process
  // that wrote the cache, not in this one.
  bool from_cache = false;
};

// Which headwords a reader adds (the benchmark's hold-out keeps some out);
// an empty function keeps all.
using KeepHeadword = std::function<bool(std::string_view headword)>;

// How finish learns the characters' readings (the defaults are what
// default_name_readings uses; docs/validate.md "Name readings" has the
// measurement they were chosen by).
struct CharacterReadingOptions {
  std::uint32_t min_names = 3;    // a reading is kept when this many names show it
  std::uint32_t rounds = 1;       // alignment rounds after the first count
  std::uint32_t max_kana = 4;     // kana a character is aligned with, at most (1–4)
  bool use_unclassified = false;  // also ENAMDICT's (u) names (person or place)
};

// The hash of the name maps: any string type looked up without a copy.
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};

}  // namespace gifkit::grammars

#ifdef __GLIBCXX__
// libstdc++ keeps a node's hash only for a hash it deems slow; without it every
// step along a bucket hashes the node's string again (measured: a sixth of
// the load time of the dictionaries, 500k names).
template <>
struct std::__is_fast_hash<gifkit::grammars::NameHash> : std::false_type {};
#endif

namespace gifkit::grammars {

// The dictionaries' persons' names: headword → its readings, per part.
class NameReadings {
 public:
  // The readings (katakana, in the dictionaries' order, each once) of
  // headword as a family name, a given name or (full) a particular person's
  // full name without a space; nullptr when no dictionary knows it as that.
  const std::vector<std::string>* readings(std::string_view headword, NamePart part) const;

  // ENAMDICT's (u) names — a person's or a place's, it does not say — with
  // their readings; nullptr when unknown. Never in readings().
  const std::vector<std::string>* unclassified_readings(std::string_view headword) const;

  // Where a full name's parts meet, one split per reading ENAMDICT gives
  // with a two-word gloss; nullptr when none.
  const std::vector<FullNameSplit>* full_name_splits(std::string_view headword) const;

  // The katakana a foreign name is written in, from ENAMDICT's katakana
  // headwords with a Latin gloss: latin_word lower-case ASCII without
  // accents or marks (joel → ジョエル, and joelle → ジョエル); nullptr when unknown.
  const std::vector<std::string>* foreign_readings(std::string_view latin_word) const;

  // The readings (katakana code points) a character takes in names, learnt
  // by finish from one-character names and by aligning the others with
  // their readings; nullptr before finish or for a character never learnt.
  // A reading seen only after another character is kept in the form it was
  // seen in (崎 → ザキ as well as サキ).
  const std::vector<std::u32string>* character_readings(char32_t character) const;

  // Whether some family or given name reads as romaji, a spelling of
  // romaji_words.hpp (タナカ → tanaka, ユウコ → yuko): a Latin word that is the
  // romaji of a Japanese name. The index is built on the first call (some
  // 0.2 s for the whole of the dictionaries), once, whatever the threads.
  bool is_romaji_of_a_name(std::string_view romaji) const;

  // Calls visit with every headword of part and its readings (unordered):
  // what a benchmark draws its names from.
  void for_each(NamePart part,
                const std::function<void(const std::string& headword,
                                         const std::vector<std::string>& readings)>& visit) const;

  // Room for about this many headwords of both parts.
  void reserve(std::size_t headwords);
  void reserve_more(std::size_t full, std::size_t unclassified, std::size_t foreign);
  // Adds one entry (the readers, and tests that build a small dictionary):
  // a family, given or full name; readings in katakana (hiragana is turned
  // to katakana). A headword given twice keeps the readings of both.
  void add(NamePart part, std::string headword, std::vector<std::string> readings);
  // add with one reading, already katakana (the readers' path: no vector).
  void add_one(NamePart part, std::string_view headword, std::string_view reading);
  // Adds an unclassified (u) name.
  void add_unclassified(std::string headword, std::vector<std::string> readings);
  // Adds a full name with where its reading splits: family_reading is the
  // reading's first part (finish finds the headword's parts).
  void add_full_split(std::string headword, std::string family_reading, std::string given_reading);
  // Adds a foreign name's katakana for a Latin word (folded as
  // foreign_readings says; "" after the fold adds nothing).
  void add_foreign(std::string_view latin_word, std::string katakana);
  // Moves other's names (not yet finished) into this one: of a headword
  // both have, other's readings first; other's sources, counts (entries,
  // skipped) and pending splits join this one's, other's sources first.
  void merge(NameReadings&& other);
  // Records a dictionary file's presence and count.
  void add_source(NameSource source);

  // Splits the full names whose parts are known, adds the parts (those keep
  // keeps) as family and given names, and learns the characters' readings
  // from every family and given name. Call once after every add.
  void finish(const CharacterReadingOptions& options = {}, const KeepHeadword& keep = {});

  // The number of headwords per part, and the longest family headword in
  // code points (how far a 氏名 without a space is tried for a surname).
  std::size_t family_count() const { return family_.size(); }
  std::size_t given_count() const { return given_.size(); }
  std::size_t full_count() const { return full_.size(); }
  std::size_t unclassified_count() const { return unclassified_.size(); }
  std::size_t foreign_count() const { return foreign_.size(); }
  std::size_t character_count() const { return characters_.size(); }
  std::size_t longest_family() const { return longest_family_; }

  // The dictionary files read (read_name_dictionaries: NAIST-jdic, UniDic,
  // ENAMDICT; empty for a dictionary built by add alone).
  const std::vector<NameSource>& sources() const { return sources_; }

  // The cache's writer and reader (name_readings_cache.cpp) see every map.
  friend struct NameReadingsCodec;

  // What reading NAIST-jdic found: person lines read, and person lines that
  // could not be read (skipped, never fatal). Its readings of a headword come
  // before UniDic's, and these before ENAMDICT's.
  std::uint64_t entries = 0;
  std::uint64_t skipped = 0;

 private:
  using Hash = NameHash;
  using Map = std::unordered_map<std::string, std::vector<std::string>, Hash, std::equal_to<>>;
  struct PendingSplit {
    std::string headword, family_reading, given_reading;
  };
  Map family_;
  Map given_;
  Map full_;
  Map unclassified_;
  Map foreign_;
  std::unordered_map<std::string, std::vector<FullNameSplit>, Hash, std::equal_to<>> splits_;
  std::vector<PendingSplit> pending_splits_;
  std::unordered_map<char32_t, std::vector<std::u32string>> characters_;
  std::vector<NameSource> sources_;
  std::size_t longest_family_ = 0;
  // is_romaji_of_a_name's index, built once on demand (behind a pointer: the
  // dictionary moves, a once_flag does not).
  struct RomajiIndex {
    std::once_flag built;
    std::unordered_set<std::string, Hash, std::equal_to<>> spellings;
  };
  std::unique_ptr<RomajiIndex> romaji_ = std::make_unique<RomajiIndex>();
};

// Reads the persons' names (the lines of 品詞 `名詞 固有名詞 人名 姓` and `… 人名 名`)
// of NAIST-jdic's text; every other line is left alone. A person line
// whose 見出し語 or 読み cannot be read is counted in skipped. A headword
// given twice (two lines) keeps the readings of both. keep as in
// read_name_dictionaries; into, when given, receives the names instead.
NameReadings parse_name_readings(std::string_view text);
std::uint64_t parse_name_readings_into(std::string_view text, NameReadings& into,
                                       const KeepHeadword& keep);

// Reads NAIST-jdic's file at path alone (no finish); nullopt when it cannot be read.
std::optional<NameReadings> read_name_readings(const std::filesystem::path& path);

// Where each dictionary is looked for.
struct NameDictionaryPaths {
  std::filesystem::path naist;     // NAIST-jdic's naist-jdic.dic
  std::filesystem::path enamdict;  // ENAMDICT (EUC-JP)
  std::filesystem::path unidic;    // UniDic's lex.csv
};

// The installed paths, each overridden by its variable when set (tests
// point one at another file, or at none: a missing file is that dictionary
// missing): $GIFKIT_NAME_DICTIONARY, $GIFKIT_ENAMDICT, $GIFKIT_UNIDIC_LEX.
NameDictionaryPaths default_name_dictionary_paths();
std::filesystem::path default_name_readings_path();  // .naist of the above

// Reads every dictionary of paths that is there (mapped, never copied),
// adding only the headwords keep keeps, records each in sources(), and
// finishes (the characters' readings then come from the kept names only).
// ENAMDICT is read on a second thread while the others are read on this
// one, so keep is called from two threads at once.
// What a judgement of name readings lacks when a name dictionary is not
// installed, for a note: "" when all three were read; else which are
// missing (with the Debian package and the path looked at) and what is then
// not checked. readings: default_name_readings() (nullptr: none was found).
std::string missing_name_dictionaries_note(const NameReadings* readings);

NameReadings read_name_dictionaries(const NameDictionaryPaths& paths, const KeepHeadword& keep = {},
                                    const CharacterReadingOptions& options = {});

// The dictionaries of default_name_dictionary_paths(), read on the first
// call (once per process, thread-safe); nullptr when none of them is there
// (sources() of a non-null one tells which are missing). A process after the
// first loads them finished from the cache (name_readings_cache.hpp; then
// every source's from_cache is true). default_name_readings_load_ms() is
// what this process spent on them: the read with finish, or the cache's load.
const NameReadings* default_name_readings();
double default_name_readings_load_ms();

// Reads a file in blocks of whole lines (4 MiB, the last one perhaps
// without its newline) and calls use with each; false when it cannot be
// opened, is not a regular file or a read fails (an empty file: no call).
bool with_file_lines(const std::filesystem::path& path,
                     const std::function<void(std::string_view)>& use);

// fold_reading (the form readings are compared in) and append_rendaku_forms (a
// reading's voiced forms) are grammars/text/kana_reading.hpp's.

}  // namespace gifkit::grammars
