// charset_table.hpp — membership of characters in JIS X 0208 and JIS X 0213,
// loaded at run time from the published tables (../shared/data/moji): the IMI
// kanji sets (imi_*.txt) and Project X0213's mapping (jisx0213-2004-8bit-std.txt)
// for the non-kanji. ASCII is always allowed (JIS X 0201 roman).
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::registries {

enum class CharacterSet { jisx0208, jisx0213 };

class CharsetTable {
 public:
  // Loads the tables from moji_dir. Returns false and sets error when a
  // required file is missing or unreadable.
  bool load(const std::filesystem::path& moji_dir, std::string& error);
  bool loaded() const { return loaded_; }

  // True when cp belongs to the set (ASCII, full-width forms of characters the
  // set holds, and the set's own characters).
  bool contains(CharacterSet set, char32_t cp) const;

  // The first character of utf8 text outside the set: its code point and
  // 1-based character index, or {0, 0} when all are inside.
  struct Outside {
    char32_t cp = 0;
    std::size_t index = 0;
  };
  Outside first_outside(CharacterSet set, std::string_view utf8) const;

 private:
  bool loaded_ = false;
  std::vector<bool> jisx0208_;  // indexed by code point, up to U+2FFFF
  std::vector<bool> jisx0213_;
};

}  // namespace gifkit::registries
