// lost_characters.hpp — a character lost in an encoding round trip: a UTF-8
// text saved as Shift_JIS and read back has ? (or U+FFFD, 〓) where a
// character the encoding lacks stood (11:00?13:30 for 11:00〜13:30, Caff? maar,
// 尾?神社, 3?135). The marks are data, models/dictionaries/
// lost_character_marks.tsv (compiled in, dictionaries.hpp); the rule of where
// a question mark stands for a lost character, and where it is a question
// (営業中ですか?, a URL's ?id=3, Q&A?), is find_lost_character's, the one
// function every check asks.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::grammars {

// The kinds of lost_character_marks.tsv.
enum class LostMarkKind {
  replacement,  // U+FFFD, 〓: never written for itself
  substitute,   // ?: an encoder's substitute, and a real question mark
  question,     // ？: a question mark no encoder writes for a lost character
};

struct LostCharacterMarks {
  struct Mark {
    char32_t character = 0;
    LostMarkKind kind = LostMarkKind::substitute;
  };
  std::vector<Mark> marks;
  // The kind of cp, or nothing when cp is no mark.
  std::optional<LostMarkKind> kind_of(char32_t cp) const;
};

// Reads the table from text, the content of a lost_character_marks.tsv:
// lines of `kind<TAB>mark|mark…`, each mark one character. Errors
// ("source:line: reason") go to errors; those lines are left out.
LostCharacterMarks read_lost_character_marks(std::string_view text, std::string_view source,
                                             std::vector<std::string>& errors);

// The compiled-in models/dictionaries/lost_character_marks.tsv, read once.
const LostCharacterMarks& lost_character_marks();

// Where value has a character lost: the first run of marks that stands where
// a character must have been.
struct LostCharacter {
  std::size_t offset = 0;  // byte offset of the run of marks
  std::size_t length = 0;  // its bytes
  std::size_t count = 0;   // its characters (?? is 2)
};

// The first lost character of value, or nothing. A replacement mark (U+FFFD,
// 〓) anywhere; a question mark (a run of them, ? or ？) where no question
// ends:
//   - between two characters of words (digits, letters, kana, kanji:
//     11:00?13:30, 本町2?16?45, 尾?神社, Caf?s), except after hiragana, where a
//     Japanese question ends (ですか?はい) — an ASCII ? there, before a kanji,
//     katakana or digit, is a lost character still (の?澤醸造): a Japanese
//     question mark is written full-width;
//   - doubled before a word's character (??村ﾋﾞﾙ);
//   - at the start of the value or after a space, punctuation or bracket,
//     before a digit, kana or kanji (、?卯辰山公園: a question never begins
//     there);
//   - after a digit, before 、。，） (21,500?、: a unit such as ㎡ lost);
//   - after a lowercase Latin letter, before a space and a lowercase word
//     (Caff? maar: a question goes on with a capital).
// Never in a URL (a token with :// or starting www.) nor before a query's
// name= (map?id=3); never a value that is only marks (? for "unknown").
std::optional<LostCharacter> find_lost_character(std::string_view value);

// What a message says of lost, found in value: "? at character 11 where a
// character was probably lost in an encoding round trip (saved as Shift_JIS
// and read back)" ("?? at character 7 where characters were …").
std::string describe_lost_character(std::string_view value, const LostCharacter& lost);

}  // namespace gifkit::grammars
