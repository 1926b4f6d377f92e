// lost_characters.cpp — reads models/dictionaries/lost_character_marks.tsv
// and finds where a mark stands for a character lost in an encoding round
// trip (see lost_characters.hpp).
#include "grammars/values/lost_characters.hpp"

#include <algorithm>

#include "grammars/dictionaries/dictionaries.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {

namespace {
namespace lost_scan {

constexpr std::string_view kMarksFile = "lost_character_marks.tsv";

bool is_digit(char32_t cp) {
  return (cp >= U'0' && cp <= U'9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

bool is_latin_letter(char32_t cp) {
  return (cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z') ||
         (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A) ||
         (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

bool is_lowercase_latin(char32_t cp) {
  return (cp >= U'a' && cp <= U'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7);
}

bool is_hiragana(char32_t cp) {
  return cp >= 0x3041 && cp <= 0x309F;
}

// Katakana (with ー), half-width katakana, kanji (CJK unified ideographs and
// their extensions, compatibility ideographs) and 々 〆.
bool is_katakana_or_kanji(char32_t cp) {
  return (cp >= 0x30A1 && cp <= 0x30FF) || (cp >= 0xFF66 && cp <= 0xFF9F) ||
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) || cp == 0x3005 ||
         cp == 0x3006;
}

// A character of a word: a digit, a letter, kana or kanji.
bool is_word(char32_t cp) {
  return is_digit(cp) || is_latin_letter(cp) || is_hiragana(cp) || is_katakana_or_kanji(cp);
}

bool is_space(char32_t cp) {
  return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == 0x3000;
}

// Where no question can end just before: a space, punctuation, a bracket (、?卯辰山公園).
bool opens_a_phrase(char32_t cp) {
  return cp == 0 || is_space(cp) || (cp >= 0x3001 && cp <= 0x3003) ||
         (cp >= 0x3008 && cp <= 0x3011) || cp == 0xFF08 || cp == 0xFF09 || cp == 0xFF0C ||
         cp == 0xFF0E || cp == 0x30FB || cp == U'(' || cp == U')' || cp == U'[' || cp == U']';
}

// What follows a number whose unit was lost (21,500?、, 幅約1?、).
bool ends_a_phrase(char32_t cp) {
  return cp == 0x3001 || cp == 0x3002 || cp == 0xFF0C || cp == 0xFF09 || cp == 0x300D || cp == U')';
}

char32_t previous_code_point(std::string_view text, std::size_t pos) {
  if (pos == 0) return 0;
  std::size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return decode_utf8(text, start);
}

char32_t code_point_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  return decode_utf8(text, pos);
}

// The token around [begin, end) (up to a space or Japanese punctuation) is a
// URL, or the marks open a URL's query (?id=3, ?mode=office&…).
bool in_a_url(std::string_view value, std::size_t begin, std::size_t end) {
  auto stops = [](char32_t cp) { return is_space(cp) || (cp >= 0x3001 && cp <= 0x3011); };
  std::size_t first = begin;
  while (first > 0) {
    const char32_t cp = previous_code_point(value, first);
    if (stops(cp)) break;
    std::size_t back = first - 1;
    while (back > 0 && (static_cast<unsigned char>(value[back]) & 0xC0) == 0x80) --back;
    first = back;
  }
  std::size_t last = end;
  while (last < value.size()) {
    std::size_t next = last;
    if (stops(decode_utf8(value, next))) break;
    last = next;
  }
  const std::string_view token = value.substr(first, last - first);
  if (token.find("://") != std::string_view::npos || token.rfind("www.", 0) == 0) return true;
  // name= right after the marks: a query string.
  std::size_t pos = end;
  while (pos < value.size()) {
    const char c = value[pos];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
        c == '-' || c == '.' || c == '%') {
      ++pos;
      continue;
    }
    return c == '=' && pos > end;
  }
  return false;
}

// Whether a run of count question marks (? or ？; kind substitute when one is
// ?) between before and after (0 at an end of the value) stands for lost
// characters; after2 is the character after after.
bool question_marks_lost(LostMarkKind kind, std::size_t count, char32_t before, char32_t after,
                         char32_t after2) {
  if (is_hiragana(before)) {
    // A Japanese question ends after kana (ですか?はい); a ? an encoder wrote
    // stands before kanji, katakana or a digit still (の?澤醸造).
    return kind == LostMarkKind::substitute && (is_katakana_or_kanji(after) || is_digit(after));
  }
  if (is_word(before) && is_word(after)) return true;
  if (count >= 2 && is_word(after)) return true;
  if (opens_a_phrase(before) &&
      (is_digit(after) || is_hiragana(after) || is_katakana_or_kanji(after)))
    return true;
  if (is_digit(before) && ends_a_phrase(after)) return true;
  return kind == LostMarkKind::substitute && is_lowercase_latin(before) && after == U' ' &&
         is_lowercase_latin(after2);
}

}  // namespace lost_scan
}  // namespace

std::optional<LostMarkKind> LostCharacterMarks::kind_of(char32_t cp) const {
  for (const Mark& mark : marks)
    if (mark.character == cp) return mark.kind;
  return std::nullopt;
}

LostCharacterMarks read_lost_character_marks(std::string_view text, std::string_view source,
                                             std::vector<std::string>& errors) {
  LostCharacterMarks table;
  const auto entries =
      read_dictionary_entries(text, source, 1, errors, [](DictionaryEntry& entry) -> std::string {
        const std::string_view kind = entry.fields.front();
        if (kind != "replacement" && kind != "substitute" && kind != "question")
          return "the kind must be replacement, substitute or question";
        for (const std::string& mark : entry.spellings) {
          std::size_t pos = 0;
          decode_utf8(mark, pos);
          if (pos != mark.size()) return "each mark is one character: " + mark;
        }
        return "";
      });
  for (const DictionaryEntry& entry : entries) {
    const std::string_view name = entry.fields.front();
    const LostMarkKind kind = name == "replacement"  ? LostMarkKind::replacement
                              : name == "substitute" ? LostMarkKind::substitute
                                                     : LostMarkKind::question;
    for (const std::string& mark : entry.spellings) {
      std::size_t pos = 0;
      table.marks.push_back({decode_utf8(mark, pos), kind});
    }
  }
  return table;
}

const LostCharacterMarks& lost_character_marks() {
  static const LostCharacterMarks table =
      read_compiled_dictionary(lost_scan::kMarksFile, read_lost_character_marks);
  return table;
}

std::optional<LostCharacter> find_lost_character(std::string_view value) {
  const LostCharacterMarks& marks = lost_character_marks();
  // Only marks (and spaces): "unknown", not a lost character.
  bool only_marks = true;
  for (std::size_t pos = 0; pos < value.size() && only_marks;) {
    const char32_t cp = decode_utf8(value, pos);
    const auto kind = marks.kind_of(cp);
    only_marks = lost_scan::is_space(cp) || (kind && *kind != LostMarkKind::replacement);
  }
  if (only_marks) return std::nullopt;
  for (std::size_t pos = 0; pos < value.size();) {
    const std::size_t begin = pos;
    const auto kind = marks.kind_of(decode_utf8(value, pos));
    if (!kind) continue;
    // The run of marks from begin.
    LostMarkKind run_kind = *kind;
    std::size_t count = 1;
    std::size_t end = pos;
    while (end < value.size()) {
      std::size_t next = end;
      const auto more = marks.kind_of(decode_utf8(value, next));
      if (!more) break;
      if (*more == LostMarkKind::replacement || run_kind == LostMarkKind::replacement)
        run_kind = LostMarkKind::replacement;
      else if (*more == LostMarkKind::substitute)
        run_kind = LostMarkKind::substitute;
      ++count;
      end = next;
    }
    pos = end;
    if (run_kind != LostMarkKind::replacement) {
      if (lost_scan::in_a_url(value, begin, end)) continue;
      std::size_t after_pos = end;
      const char32_t after = lost_scan::code_point_at(value, after_pos);
      if (after != 0) decode_utf8(value, after_pos);
      if (!lost_scan::question_marks_lost(run_kind, count,
                                          lost_scan::previous_code_point(value, begin), after,
                                          lost_scan::code_point_at(value, after_pos)))
        continue;
    }
    return LostCharacter{begin, end - begin, count};
  }
  return std::nullopt;
}

std::string describe_lost_character(std::string_view value, const LostCharacter& lost) {
  const std::size_t at = count_code_points(value.substr(0, lost.offset)) + 1;
  return std::string(value.substr(lost.offset, lost.length)) + " at character " +
         std::to_string(at) +
         (lost.count > 1 ? " where characters were" : " where a character was") +
         " probably lost in an encoding round trip (saved as Shift_JIS and read back)";
}

}  // namespace gifkit::grammars
