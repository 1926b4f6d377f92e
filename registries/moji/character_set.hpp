// character_set.hpp — a set of characters a field may hold: single code
// points as a bit per code point (the check's inner loop is one load and a
// shift), and the sequences of more than one code point it holds (an MJ
// character with its variation selector, JIS X 0213's か゚). Named sets are
// made from the character data (named_sets.hpp) or read from a set file.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace gifkit::registries::moji {

class CharacterSet {
 public:
  CharacterSet();
  CharacterSet(std::string name, std::string description);

  const std::string& name() const { return name_; }
  const std::string& description() const { return description_; }

  void add(char32_t cp) {
    if (cp < kCodePoints) bits_[cp >> 6] |= std::uint64_t{1} << (cp & 63);
  }
  void add_range(char32_t first, char32_t last) {
    for (char32_t cp = first; cp <= last; ++cp) add(cp);
  }
  // Adds a UTF-8 sequence: one code point goes to the bits, more to the
  // sequences.
  void add_sequence(std::string_view utf8);

  bool contains(char32_t cp) const {
    return cp < kCodePoints && ((bits_[cp >> 6] >> (cp & 63)) & 1) != 0;
  }
  // True when the set holds this sequence of more than one code point.
  bool contains_sequence(std::string_view utf8) const {
    return !sequences_.empty() && sequences_.count(std::string(utf8)) != 0;
  }
  // True when the set holds the unit (UTF-8, one person-visible character:
  // one code point, or a sequence the set holds).
  bool contains_unit(std::string_view utf8, std::uint32_t code_points, char32_t base) const {
    return code_points == 1 ? contains(base) : contains_sequence(utf8);
  }
  std::size_t sequence_count() const { return sequences_.size(); }
  // The number of single code points held.
  std::size_t code_point_count() const;

  static constexpr char32_t kCodePoints = 0x110000;

 private:
  std::string name_;
  std::string description_;
  std::vector<std::uint64_t> bits_;
  std::unordered_set<std::string> sequences_;
};

}  // namespace gifkit::registries::moji
