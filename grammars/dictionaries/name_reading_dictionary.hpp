// name_reading_dictionary.hpp — the persons' names of NAIST-jdic with their
// readings (姓 and 名: 佐藤 → サトウ, 山崎 → ヤマザキ/ヤマサキ), read from the
// ChaSen dictionary file Debian's naist-jdic-utf8 writes at install
// (/usr/share/chasen/dic/naist-jdic-utf8/naist-jdic.dic: one S-expression line
// per entry, `(品詞 (名詞 固有名詞 人名 姓)) ((見出し語 (佐藤 1667)) (読み サトウ)
// (発音 サトー) )`, several readings written `(読み {コウノ/カワノ})`), and the
// form in which a reading is compared (fold_reading: hiragana, widths, small
// kana, ヴ, 長音, ヂ/ヅ). Used by the name-reading check
// (models/engine/checks/name_reading.hpp): validate's name-reading-mismatch
// and link's reading-equal level. The file is read once per process, the
// first time a check asks for it (default_name_readings), never before.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#include "grammars/text/kana_reading.hpp"

namespace gifkit::grammars {

// Which part of a person's name a text is: 氏 (family), 名 (given), or the
// whole 氏名 (full; the dictionary itself holds family and given only).
enum class NamePart : std::uint8_t { family, given, full };

// The dictionary's persons' names: headword → its readings, per part.
class NameReadings {
 public:
  // The readings (katakana as the dictionary writes them, in its order) of
  // headword as a family or a given name (part is not full); nullptr when
  // the dictionary does not know it as that part.
  const std::vector<std::string>* readings(std::string_view headword, NamePart part) const;

  // Room for about this many headwords of both parts.
  void reserve(std::size_t headwords);
  // Adds one entry (the reader, and tests that build a small dictionary).
  void add(NamePart part, std::string headword, std::vector<std::string> readings);

  // The number of headwords per part, and the longest family headword in
  // code points (how far a 氏名 without a space is tried for a surname).
  std::size_t family_count() const { return family_.size(); }
  std::size_t given_count() const { return given_.size(); }
  std::size_t longest_family() const { return longest_family_; }

  // What reading the file found: person lines read, and person lines that
  // could not be read (skipped, never fatal).
  std::uint64_t entries = 0;
  std::uint64_t skipped = 0;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
      return std::hash<std::string_view>{}(text);
    }
  };
  using Map = std::unordered_map<std::string, std::vector<std::string>, Hash, std::equal_to<>>;
  Map family_;
  Map given_;
  std::size_t longest_family_ = 0;
};

// Reads the persons' names (the lines of 品詞 `名詞 固有名詞 人名 姓` and `… 人名 名`)
// of the dictionary text; every other line is left alone. A person line
// whose 見出し語 or 読み cannot be read is counted in skipped. A headword
// given twice (two lines) keeps the readings of both.
NameReadings parse_name_readings(std::string_view text);

// Reads the file at path; nullopt when it cannot be read.
std::optional<NameReadings> read_name_readings(const std::filesystem::path& path);

// Where the dictionary is: $GIFKIT_NAME_DICTIONARY when set (tests point it
// at another file, or at none), else Debian's naist-jdic-utf8 path.
std::filesystem::path default_name_readings_path();

// The dictionary of default_name_readings_path(), read on the first call
// (once per process, thread-safe); nullptr when the file is absent or
// unreadable. default_name_readings_load_ms() is what that read took.
const NameReadings* default_name_readings();
double default_name_readings_load_ms();

// fold_reading (the form readings are compared in) and append_rendaku_forms (a
// reading's voiced forms) are grammars/text/kana_reading.hpp's.

}  // namespace gifkit::grammars
