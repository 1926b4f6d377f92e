// character_data.hpp — the character data in memory, for the checks, the
// 縮退 and the lookups: per code point what it is (JIS X 0208, JIS X 0213 by
// level and plane, JIS X 0212, MJ, the NTA map), the MJ characters by
// sequence and by base, the NTA map, the JIS places, and the character sets
// by name (character_set.hpp). Built from the rows the source readers give
// (moji_sources.hpp), whether they come from the registry's tables or
// straight from the published files; the membership part (the JIS mapping
// and the sets) is loaded at once, the MJ tables and the NTA map each when
// first asked for (a question the NTA map answers does not read the 2.2 MB
// MJ table). A source that can read them in part (a registry: its MJ index
// by code point, the NTA map's key) gives the MJ characters of one base,
// one MJ number or the NTA row of one character when asked, and the whole
// part only for what needs all of it (mj_characters, mj_count, nta_count).
// Read-only once built, the partial reads under one lock: safe to share
// between threads.
#pragma once
#include <atomic>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/moji/character_set.hpp"
#include "registries/moji/moji_sources.hpp"

namespace gifkit::registries::moji {

// What a code point is, as bits.
enum CodePointFlag : std::uint16_t {
  kInJisX0208 = 1 << 0,  // JIS X 0208 (the mapping's places not added in 2000/2004, the IMI
                         // JIS X 0208 kanji, their full-width and CP932 alternates)
  kInJisX0213 = 1 << 1,  // JIS X 0213:2004 (every place of the mapping, the IMI 0213 kanji)
  kInJisX0212 = 1 << 2,  // JIS X 0212 (the IMI JIS X 0212 kanji)
  kJisLevelShift = 3,    // 3 bits: the JIS X 0213 level of a kanji (1–4), 0 otherwise
  kJisLevelMask = 7 << 3,
  kJisPlane2 = 1 << 6,    // its JIS X 0213 place is on plane 2
  kImiKatakana = 1 << 7,  // the IMI katakana set (ISO/IEC 10646 Annex G)
};

// The URIs of the IMI sets whose members make the JIS and katakana flags.
inline constexpr std::string_view kImiJisX0208Uri =
    "https://imi.go.jp/CommonCharacterSets/ISOIEC10646-CJK-JISX0208-1990-compliant";
inline constexpr std::string_view kImiJisX0212Uri =
    "https://imi.go.jp/CommonCharacterSets/ISOIEC10646-CJK-JISX0212-1990-compliant";
inline constexpr std::string_view kImiJisX0213Uri =
    "https://imi.go.jp/CommonCharacterSets/ISOIEC10646-CJK-JISX0213-2004-compliant";
inline constexpr std::string_view kImiKatakanaUri =
    "https://imi.go.jp/CommonCharacterSets/ISOIEC10646Annex-G-supplement-KATAKANA-compliant";

// A place of the JIS X 0213 mapping with what it holds.
struct JisPlace {
  JisPosition position;
  std::string sequence;  // UTF-8
  int level = 0;         // jis_level(position)
  int added = 0;         // 2000, 2004 or 0 (a JIS X 0208 place)
};

// An MJ character (MjRow) in memory.
using MjCharacter = MjRow;

// Where the rows come from: the registry's tables, or the published files
// of a folder (../shared/data/moji). Reads one part each call.
class MojiRowSource {
 public:
  virtual ~MojiRowSource() = default;
  virtual void read(MojiPart part, MojiRowHandler& rows) = 0;
  // Partial reads (CharacterData calls them under one lock, never two at
  // once). Each feeds what read(part) would feed of its rows and returns
  // true, or returns false, nothing fed, when this source cannot read that
  // part in pieces (then the whole part is read). The defaults: false.
  // The MJ rows of every MJ number with a sequence whose first code point is base.
  virtual bool read_mj_of_base(char32_t base, MojiRowHandler& rows);
  // The MJ rows of one MJ number.
  virtual bool read_mj_number(std::int64_t mj, MojiRowHandler& rows);
  // The NTA map's row of one character (UTF-8).
  virtual bool read_nta_of(std::string_view source, MojiRowHandler& rows);
  // Whether part holds any row, or nullopt when only reading it tells.
  virtual std::optional<bool> holds(MojiPart part);
  // For messages: the registry file or the folder.
  virtual std::string name() const = 0;
};

// The rows of a registry file (opened read-only when a part is read).
std::unique_ptr<MojiRowSource> registry_rows(std::filesystem::path registry);
// The rows of the character files in folder (every file's kind detected
// from its content; files of no character kind are left alone). A file that
// cannot be read fails the part with RegistryError.
std::unique_ptr<MojiRowSource> folder_rows(std::filesystem::path folder);

class CharacterData {
 public:
  // Loads the membership part now (throws RegistryError when the source
  // cannot be read); the details when first asked for.
  explicit CharacterData(std::unique_ptr<MojiRowSource> source);
  // Built from an open registry (all parts now), for the build's finish step.
  explicit CharacterData(const RegistryDb& db);
  ~CharacterData();
  CharacterData(const CharacterData&) = delete;
  CharacterData& operator=(const CharacterData&) = delete;

  // The flags of cp (CodePointFlag).
  std::uint16_t flags(char32_t cp) const {
    return cp < flags_.size() ? flags_[cp] : std::uint16_t{0};
  }
  bool in_jisx0208(char32_t cp) const { return (flags(cp) & kInJisX0208) != 0; }
  bool in_jisx0213(char32_t cp) const { return (flags(cp) & kInJisX0213) != 0; }
  int jis_level(char32_t cp) const { return (flags(cp) & kJisLevelMask) >> kJisLevelShift; }
  // True when the JIS X 0213 mapping was loaded (there is something to check with).
  bool has_jis() const { return !jis_.empty(); }

  // The places of the JIS X 0213 mapping holding sequence (UTF-8), and the
  // one at a place.
  std::vector<const JisPlace*> jis_places(std::string_view sequence) const;
  const JisPlace* jis_place(const JisPosition& position) const;
  // The sequences JIS X 0213 holds that are more than one code point (か゚).
  const std::vector<std::string>& jis_sequences() const { return jis_sequences_; }

  // The sets imported or read (name → what their files said of them).
  const std::map<std::string, SetInfo>& sets() const { return set_infos_; }
  // The members of a set read from the rows (imported sets).
  const CharacterSet* imported_set(std::string_view name) const;

  // The details: MJ characters (the MJ part, loaded on the first call that
  // needs it) and the NTA map (the NTA part, likewise).
  bool has_mj() const;
  bool has_nta() const;
  // The MJ characters of exactly this sequence (UTF-8), in MJ-number order.
  std::vector<const MjCharacter*> mj_of_sequence(std::string_view sequence) const;
  // Every MJ character whose first code point is base (plain and with selectors).
  std::vector<const MjCharacter*> mj_of_base(char32_t base) const;
  // Every MJ character, in MJ-number order.
  const std::vector<MjCharacter>& mj_characters() const;
  // The MJ character with this number, or nullptr.
  const MjCharacter* mj_number(std::int64_t mj) const;
  // The NTA map's row of the character (UTF-8), or nullptr.
  const NtaRow* nta(std::string_view sequence) const;
  // The number of MJ characters and of NTA rows.
  std::size_t mj_count() const;
  std::size_t nta_count() const;

  // Where the data came from (registry file or folder).
  const std::string& source_name() const { return source_name_; }

 private:
  class Builder;
  class MjBuilder;
  friend class Builder;
  friend class MjBuilder;
  struct MjDetails;
  struct NtaDetails;
  struct Partial;
  // The partial reads: nullopt when the source cannot (or the part is read whole).
  std::optional<std::vector<const MjCharacter*>> partial_mj_of_base(char32_t base) const;
  std::optional<const MjCharacter*> partial_mj_number(std::int64_t mj) const;
  std::optional<const NtaRow*> partial_nta(std::string_view sequence) const;
  std::optional<bool> partial_holds(MojiPart part) const;
  void load_membership(MojiRowSource& source);
  void load_mj_from(MojiRowSource& source) const;
  void load_nta_from(MojiRowSource& source) const;
  const MjDetails& mj_details() const;
  const NtaDetails& nta_details() const;

  std::unique_ptr<MojiRowSource> source_;
  std::string source_name_;
  std::vector<std::uint16_t> flags_;  // by code point, up to U+2FFFF
  // The places in the order read: a deque, so its growth neither copies the places nor
  // touches fresh memory twice (every gifkit run that checks characters builds it).
  std::deque<JisPlace> jis_;
  // Indices into jis_ ordered by sequence (then by index): jis_places' equal_range. Built
  // once the places are read (load_membership), instead of a map of 11,000 small vectors.
  std::vector<std::uint32_t> jis_by_sequence_;
  std::vector<std::string> jis_sequences_;
  std::map<std::string, SetInfo> set_infos_;
  std::map<std::string, CharacterSet, std::less<>> imported_sets_;

  mutable std::unique_ptr<MjDetails> mj_;
  mutable std::once_flag mj_once_;
  mutable std::unique_ptr<NtaDetails> nta_;
  mutable std::once_flag nta_once_;
  // Set once the whole part is read (then the partial reads are not used).
  mutable std::atomic<bool> mj_whole_{false};
  mutable std::atomic<bool> nta_whole_{false};
  // What the partial reads gave, under its own lock.
  std::unique_ptr<Partial> partial_;
};

}  // namespace gifkit::registries::moji
