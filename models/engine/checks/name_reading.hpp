// name_reading.hpp — whether a カナ is a plausible reading of a 漢字 name: the
// check behind validate's name-reading-mismatch and link's reading-equal
// level. It asks the persons' names of NAIST-jdic
// (grammars/dictionaries/name_reading_dictionary.hpp) and, for a name the dictionary does
// not know, composes the readings of its characters (the MJ table's, through
// CharacterLookup::character_readings, and the dictionary's one-character
// names) with 連濁 and the stems of 訓 readings. Readings are compared folded
// (grammars::fold_reading: hiragana, widths, small kana, ヴ, 長音, ヂ/ヅ); 異体字
// are folded through CharacterLookup::fold_characters first (髙 → 高).
//
// The rule for a mismatch (docs/validate.md "Name readings"): only a name
// the dictionary knows — as that part, or every part of a 氏名 — none of whose
// dictionary readings and none of whose compositions from its characters'
// readings equals the カナ. A name the dictionary does not know is plausible
// when a composition equals the カナ and otherwise not checked, never a
// mismatch: the MJ table holds no 名乗り (the readings used only in names), so
// its silence proves nothing.
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/dictionaries/name_reading_dictionary.hpp"
#include "models/engine/lookups/character_lookup.hpp"
#include "models/engine/model/model.hpp"

namespace gifkit::models {

using grammars::NamePart;
using grammars::NameReadings;

enum class ReadingVerdict { plausible, mismatch, not_checked };

// "plausible", "mismatch", "not checked".
std::string_view verdict_name(ReadingVerdict verdict);

// A verdict with what it rests on.
struct ReadingResult {
  ReadingVerdict verdict = ReadingVerdict::not_checked;
  // The dictionary's readings of the name (of a 氏名: "サトウ ハナコ" for each
  // pair of its parts' readings, the first few), for the message; empty when
  // it does not know the name.
  std::vector<std::string> known;
  // Plausible only through the characters' readings (the dictionary did not
  // give the カナ).
  bool by_characters = false;
  // Why, in words a message can end with: "the name dictionary reads it
  // サトウ", "both are kana and read differently", "its characters read so".
  std::string why;
};

namespace reading_detail {
class Judge;
}

// The judgement of names against their カナ with what it has looked up kept
// for the next name: each character's candidate readings (MJ's, the
// dictionaries' 名乗り, their voiced forms) are worked out once. One per
// thread: it is not safe to share. dictionary and characters as
// judge_name_reading's, and they must outlive it.
class NameReadingJudge {
 public:
  NameReadingJudge(const NameReadings* dictionary, CharacterLookup* characters);
  ~NameReadingJudge();
  NameReadingJudge(const NameReadingJudge&) = delete;
  NameReadingJudge& operator=(const NameReadingJudge&) = delete;

  // judge_name_reading's judgement.
  ReadingResult judge(std::string_view kanji, std::string_view kana, NamePart part);

 private:
  std::unique_ptr<reading_detail::Judge> judge_;
};

// Judges kana as a reading of kanji, a family name, a given name or a full
// 氏名 (split at its first space — full-width or half-width —, and without a
// space, at each surname the dictionary knows as a prefix; its カナ split at
// its space or, without one, wherever the two parts fit). dictionary may be
// null (then only compositions, never a mismatch); characters may be null
// (then no 異体字 fold and only the dictionary's one-character names for the
// characters). An empty kanji or kana, or a kana that is not kana, is not
// checked.
ReadingResult judge_name_reading(const NameReadings* dictionary, CharacterLookup* characters,
                                 std::string_view kanji, std::string_view kana, NamePart part);

// The verdict alone (link's comparison level).
ReadingVerdict check_name_reading(const NameReadings& dictionary, CharacterLookup* characters,
                                  std::string_view kanji, std::string_view kana, NamePart part);

// Judges kana as a reading of a name that is no person's (a 商号 without its
// legal form, a facility's 名称) from its characters' readings alone:
// plausible or not checked, never a mismatch.
ReadingResult judge_reading_by_characters(const NameReadings* dictionary,
                                          CharacterLookup* characters, std::string_view text,
                                          std::string_view kana);

// What a name item of a model is, for the check: a part of a person's name,
// a corporation's name (商号, judged without its legal form), or another name
// (a facility's, an event's: from its characters only).
enum class ReadingItem { family, given, full, corporate, other };

// A name item and its カナ item, by their 0-based columns.
struct ReadingPair {
  std::size_t name_column = 0;
  std::size_t kana_column = 0;
  ReadingItem item = ReadingItem::other;
};

// The pairs of model's items that a file has both columns of (column_of: an
// item's path → its 0-based column, or -1): an item whose path ends in
// "Kana" with the item of the path without it (gif:Person familyNameKana
// with familyName, givenNameKana, fullNameKana; gif:LegalEntity
// tradeNameKana with tradeName), and an item whose label ends in "_カナ" or
// "（カナ）" with the item of the label before it (the municipal datasets'
// 名称_カナ with 名称). The kind comes from the name item's id: familyName,
// givenName and fullName are a person's, tradeName a corporation's, any
// other is other.
std::vector<ReadingPair> reading_pairs(const Model& model,
                                       const std::function<int(const std::string&)>& column_of);

// Judges kana as a reading of the name item's value: a person's part with
// judge_name_reading; a corporation's name with its legal form removed
// (grammars/dictionaries/legal_forms: 株式会社ＧＩＦ is read as ＧＩＦ, and the カナ may or
// may not read the legal form too) and any other name from its characters
// (judge_reading_by_characters).
ReadingResult judge_item_reading(const NameReadings* dictionary, CharacterLookup* characters,
                                 ReadingItem item, std::string_view name, std::string_view kana);

}  // namespace gifkit::models
