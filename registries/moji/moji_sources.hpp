// moji_sources.hpp — the published character data as the registry reads it
// (../shared/data/moji, see docs/registry.md): the kinds of file, telling
// them apart from their content, and reading each into typed rows:
//  - moji-mj        the MJ table (mojikiban_moji.csv: mj, kanji, lines, yomi, shrink, jis);
//  - moji-mj-ivs    its IVS table (mojikiban_moji_ivs.csv: mj, ucs "3404_E0101", …);
//  - moji-jisx0213  Project X0213's JIS X 0213:2004 ↔ Unicode table;
//  - moji-set       a character set in the IMI format (imi_*.txt: hex code points),
//                   or any set file in that format a municipality holds;
//  - moji-nta-map   the National Tax Agency's JIS縮退マップ (two header rows, TSV).
// The readers are the one place these formats are known: the importer
// stores their rows (moji_store.hpp) and the character data can be built
// from them directly (character_data.hpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/rejected_row.hpp"
#include "registries/db/source_importer.hpp"

namespace gifkit::registries {
class SourceStream;
}

namespace gifkit::registries::moji {

// A file that is not character data of the kind expected (or, detected
// automatically, of any kind). what() names the file.
class NotCharacterSource : public NotRegistrySource {
 public:
  using NotRegistrySource::NotRegistrySource;
};

enum class MojiKind { mj, mj_ivs, jisx0213, set, nta_map };

// "moji-mj", "moji-mj-ivs", "moji-jisx0213", "moji-set", "moji-nta-map".
std::string_view kind_name(MojiKind kind);
std::optional<MojiKind> parse_kind(std::string_view name);
inline constexpr MojiKind kMojiKinds[] = {MojiKind::mj, MojiKind::mj_ivs, MojiKind::jisx0213,
                                          MojiKind::set, MojiKind::nta_map};

// What the character sources are, for messages.
inline constexpr std::string_view kMojiSourcesExpected =
    "character data (the MJ table mj,kanji,…, its IVS table mj,ucs,…, the JIS X 0213 mapping "
    "0xXXXX<TAB>U+XXXX, a set of hex code points in the IMI format, or the National Tax "
    "Agency's JIS縮退マップ)";

// A place in JIS X 0213: 面 (plane 1–2), 区 (row 1–94), 点 (cell 1–94).
struct JisPosition {
  int plane = 0;
  int row = 0;
  int cell = 0;
  bool operator==(const JisPosition&) const = default;
  // "1-25-66"
  std::string text() const;
};

// A 面区点 written "1-25-66", "01-25-66" or "1-94-20"; nullopt when malformed
// or out of range.
std::optional<JisPosition> parse_jis_position(std::string_view text);

// The JIS X 0213 level of a kanji at position (1–4, JIS X 0213's own
// ranges: level 1 and 2 are JIS X 0208's kanji, level 3 the other kanji of
// plane 1, level 4 plane 2); 0 for a non-kanji place (plane 1, rows 1–13).
int jis_level(const JisPosition& position);

// One line of the JIS X 0213 mapping.
struct JisRow {
  JisPosition position;
  std::string sequence;              // UTF-8: one code point, or two (か゚ = U+304B U+309A)
  std::vector<char32_t> alternates;  // "Fullwidth: U+FF0C", "Windows: U+FF5E": the same place
  int added = 0;                     // 2000 or 2004 when JIS X 0213 added the place, else 0
};

// One MJ character (a row of the MJ table, or of its IVS table).
struct MjRow {
  std::int64_t mj = 0;                 // the MJ number (MJ028902 → 28902)
  std::vector<std::string> sequences;  // UTF-8: the code point, or base + selector; the IVS
                                       // table may give a second sequence (535A_E010A;2B9E4_E0100)
  int strokes = 0;                     // 0 when not given
  std::string readings;                // as published: "コウ・たかい・…"
  std::string shrink;                  // the MJ 縮退 candidates as published ("邉辺邊")
  std::string jis_counterpart;  // the `jis` column: 面区点 of the JIS counterpart ("" if none)
};

// What a set file says of itself (its comment header), when anything.
struct SetInfo {
  std::string name;   // the set's name in the registry: the file name without its extension
  std::string uri;    // 参照 URI: "https://imi.go.jp/CommonCharacterSets/…"
  std::string title;  // 名称
};

// How the NTA map replaces a character.
enum class NtaRule {
  none,     // no replacement (the NTA's own system writes '_' there)
  code,     // コード変換: one character
  string,   // 文字列変換: a string of up to four characters (applied first)
  similar,  // 備考 類似字形u+XXXX: that character is converted to this one
};
std::string_view nta_rule_name(NtaRule rule);  // "none", "code", "string", "similar"

// One character of the NTA's JIS縮退マップ.
struct NtaRow {
  std::string source;                   // UTF-8: the character (two code points for か゚)
  std::optional<JisPosition> position;  // its 面区点 (none for the half-width rows)
  std::string kubun;        // JIS区分: 非漢字, 追加非漢字, JIS1水…JIS4水, ""
  std::string replacement;  // UTF-8, "" when none
  NtaRule rule = NtaRule::none;
  std::string note;  // 備考
};

// The parts of the character data, each read on its own: the JIS mapping
// and the sets (what the membership of the named sets needs), the MJ tables
// (the MJ table and its IVS table), and the NTA map.
enum class MojiPart { membership, mj, nta };
// The part a kind of source fills.
MojiPart part_of(MojiKind kind);

// Where the rows of a source go. Every method has an empty default.
class MojiRowHandler {
 public:
  virtual ~MojiRowHandler() = default;
  virtual void jis(const JisRow&) {}
  virtual void mj(MjRow&&) {}  // the handler may keep the row
  virtual void set(const SetInfo&) {}
  // sequence: UTF-8, one code point or base + selector ("908A_E0102" in a file)
  virtual void set_member(std::string_view set_name, std::string_view sequence) {
    (void)set_name;
    (void)sequence;
  }
  virtual void nta(const NtaRow&) {}
};

// The kind the start of source shows (consumes up to 64 KiB of it), or
// nullopt with seen saying what it is ("the first line is …").
struct MojiKindGuess {
  std::optional<MojiKind> kind;
  std::string seen;
};
MojiKindGuess detect_moji_kind(SourceStream& source);

// Reads source (from its start) as kind: every good row to rows, every bad
// one to on_rejected (file and line, the reading goes on). set_name names
// the set of a moji-set file. Returns the rows read and rejected. Throws
// NotCharacterSource when the content is not of the kind (a missing header).
struct MojiReadCounts {
  std::int64_t rows = 0;
  std::int64_t rejected = 0;
};
MojiReadCounts read_moji_source(SourceStream& source, MojiKind kind, const std::string& set_name,
                                MojiRowHandler& rows, const RejectedRowHandler& on_rejected);

// The set name of a set file: its file name without the extension.
std::string set_name_of(std::string_view file_name);

// "MJ028902" for 28902; the number of "MJ028902" (also "MJ28902", "mj028902";
// "MJ000000" is well formed, though no MJ character has it), or nullopt.
std::string mj_name(std::int64_t mj);
std::optional<std::int64_t> parse_mj_name(std::string_view text);

// "U+9AD9" → 0x9AD9 (also "u+9ad9", "9AD9" when bare is set); nullopt when
// malformed or above U+10FFFF.
std::optional<char32_t> parse_code_point(std::string_view text, bool bare = false);

}  // namespace gifkit::registries::moji
