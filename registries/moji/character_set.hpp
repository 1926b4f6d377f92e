// character_set.hpp — a set of characters a field may hold: single code
// points as a bit per code point (the check's inner loop is one load and a
// shift), and the sequences of more than one code point it holds (an MJ
// character with its variation selector, JIS X 0213's か゚). Named sets are
// made from the character data (named_sets.hpp) or read from a set file.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace gifkit::registries::moji {

// The allocator of a set's bit table (139 KB): the memory comes from calloc, which gets a
// block this big zeroed from the kernel, and the elements are default-initialised, so the
// zeros are not written again. A page of the table is touched only when a bit in it is —
// each touched page is a page fault, and every gifkit run that checks characters makes
// several sets (docs/performance.md, "CI time", round 7).
template <class T>
struct ZeroedAllocator {
  using value_type = T;
  ZeroedAllocator() = default;
  template <class U>
  ZeroedAllocator(const ZeroedAllocator<U>&) {}
  T* allocate(std::size_t n) {
    void* memory = std::calloc(n, sizeof(T));
    if (memory == nullptr) throw std::bad_alloc();
    return static_cast<T*>(memory);
  }
  void deallocate(T* memory, std::size_t) { std::free(memory); }
  template <class U>
  void construct(U* at) {
    ::new (static_cast<void*>(at)) U;  // the memory is zero already
  }
  template <class U, class... Args>
  void construct(U* at, Args&&... args) {
    ::new (static_cast<void*>(at)) U(std::forward<Args>(args)...);
  }
  friend bool operator==(const ZeroedAllocator&, const ZeroedAllocator&) { return true; }
};

class CharacterSet {
 public:
  CharacterSet();
  CharacterSet(std::string name, std::string description);

  const std::string& name() const { return name_; }
  const std::string& description() const { return description_; }

  void add(char32_t cp) {
    if (cp >= kCodePoints || contains(cp)) return;
    bits_[cp >> 6] |= std::uint64_t{1} << (cp & 63);
    if (cp >= 0x800 && cp < 0x10000 && (cp < 0xD800 || cp > 0xDFFF))
      three_byte_[cp >> 6] |= std::uint64_t{1} << (cp & 63);
    if (cp >= 0x20 && cp < 0x7F) ++printable_ascii_held_;
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

  // The byte offset of the first code point at or after from that the set
  // does not hold, or text.size() when there is none: the scan of `chars
  // check`, hundreds of MB/s. TAB, LF and CR count as held (they are the
  // text's structure); bytes that are not UTF-8, surrogates and overlong
  // forms count as not held. A code point that only starts a unit the set
  // holds as a sequence (か of か゚, 邉 of 邉+IVS) is found at its mark or
  // selector: the caller reads the unit around it (text_units.hpp).
  std::size_t find_outside(std::string_view text, std::size_t from = 0) const;
  // The number of single code points held.
  std::size_t code_point_count() const;

  static constexpr char32_t kCodePoints = 0x110000;

 private:
  std::string name_;
  std::string description_;
  std::vector<std::uint64_t, ZeroedAllocator<std::uint64_t>> bits_;
  // The bits of the code points a 3-byte UTF-8 sequence may encode (U+0800–
  // U+FFFF without the surrogates; 8 KiB): indexed by the lead's 4 bits and
  // the first continuation byte's 6, a bit by the second's, so that the scan
  // tests such a sequence without decoding it or checking its range.
  std::vector<std::uint64_t, ZeroedAllocator<std::uint64_t>> three_byte_;
  std::unordered_set<std::string> sequences_;
  // Printable ASCII all held: runs of ASCII skip 8 bytes at a time.
  bool all_ascii_held() const { return printable_ascii_held_ == 0x7F - 0x20; }
  int printable_ascii_held_ = 0;
};

}  // namespace gifkit::registries::moji
