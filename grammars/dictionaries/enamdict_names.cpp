// enamdict_names.cpp — see enamdict_names.hpp.
#include "grammars/dictionaries/enamdict_names.hpp"

#include <cstring>

#include "grammars/text/edit_distance.hpp"
#include "grammars/text/euc_jp.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {

namespace {

// The base letter of U+00C0–U+017F; '*' for the two-letter ones (see
// two_letters), '-' for a sign that is no letter.
constexpr std::string_view kLatinBase =
    "aaaaaa*ceeeeiiiidnooooo-ouuuuy**aaaaaa*ceeeeiiiidnooooo-ouuuuy*y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooo**rrrrrrs"
    "sssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

std::string_view two_letters(char32_t cp) {
  switch (cp) {
    case 0xC6:
    case 0xE6:
      return "ae";
    case 0xDE:
    case 0xFE:
      return "th";
    case 0xDF:
      return "ss";
    case 0x132:
    case 0x133:
      return "ij";
    default:
      return "oe";  // U+0152, U+0153
  }
}

bool is_enamdict_katakana(char32_t cp) {
  return (cp >= U'ァ' && cp <= U'ヺ') || cp == U'ー' || cp == U'・' || cp == U'ヽ' || cp == U'ヾ';
}

bool is_enamdict_kana(char32_t cp) {
  return is_enamdict_katakana(cp) || (cp >= U'ぁ' && cp <= U'ゖ') || cp == U'ゝ' || cp == U'ゞ';
}

bool all_of(std::string_view utf8, bool (*test)(char32_t)) {
  std::size_t pos = 0;
  while (pos < utf8.size())
    if (!test(decode_utf8(utf8, pos))) return false;
  return !utf8.empty();
}

// The romanisation of one kana (katakana), or "" for a small kana and marks.
std::string_view romaji_of(char32_t cp) {
  static constexpr std::string_view kTable[] = {
      // ァ ア ィ イ ゥ ウ ェ エ ォ オ
      "", "a", "", "i", "", "u", "", "e", "", "o",
      // カ ガ キ ギ ク グ ケ ゲ コ ゴ
      "ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go",
      // サ ザ シ ジ ス ズ セ ゼ ソ ゾ
      "sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo",
      // タ ダ チ ヂ ッ ツ ヅ テ デ ト ド
      "ta", "da", "chi", "ji", "", "tsu", "zu", "te", "de", "to", "do",
      // ナ ニ ヌ ネ ノ
      "na", "ni", "nu", "ne", "no",
      // ハ バ パ ヒ ビ ピ フ ブ プ ヘ ベ ペ ホ ボ ポ
      "ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho", "bo", "po",
      // マ ミ ム メ モ
      "ma", "mi", "mu", "me", "mo",
      // ャ ヤ ュ ユ ョ ヨ
      "", "ya", "", "yu", "", "yo",
      // ラ リ ル レ ロ
      "ra", "ri", "ru", "re", "ro",
      // ヮ ワ ヰ ヱ ヲ ン ヴ
      "", "wa", "i", "e", "o", "n", "vu"};
  if (cp < U'ァ' || cp > U'ヴ') return {};
  return kTable[cp - U'ァ'];
}

bool is_vowel(char c) {
  return c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o';
}

}  // namespace

std::string fold_latin_word(std::string_view utf8) {
  std::string out;
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const char32_t cp = decode_utf8(utf8, pos);
    if (cp >= 'A' && cp <= 'Z') {
      out.push_back(static_cast<char>(cp - 'A' + 'a'));
    } else if (cp >= 'a' && cp <= 'z') {
      out.push_back(static_cast<char>(cp));
    } else if (cp == '\'' || cp == '-' || cp == '.' || cp == U'’') {
      continue;
    } else if (cp >= 0xC0 && cp <= 0x17F) {
      const char base = kLatinBase[cp - 0xC0];
      if (base == '-') return {};
      if (base == '*') {
        out += two_letters(cp);
      } else {
        out.push_back(base);
      }
    } else {
      return {};
    }
  }
  return out;
}

std::string romanize_reading(std::u32string_view reading, std::vector<std::size_t>& ends) {
  std::string out;
  ends.assign(reading.size(), 0);
  bool double_next = false;
  for (std::size_t i = 0; i < reading.size(); ++i) {
    char32_t cp = reading[i];
    if (cp >= U'ぁ' && cp <= U'ゖ') cp += U'ァ' - U'ぁ';
    const std::string_view romaji = romaji_of(cp);
    if (cp == U'ッ') {
      double_next = true;
    } else if (cp == U'ャ' || cp == U'ュ' || cp == U'ョ') {
      const char vowel = cp == U'ャ' ? 'a' : cp == U'ュ' ? 'u' : 'o';
      if (!out.empty() && out.back() == 'i') out.pop_back();
      const bool palatal = out.size() >= 2 && (out.ends_with("sh") || out.ends_with("ch"));
      if (!palatal && !(out.ends_with("j"))) out.push_back('y');
      out.push_back(vowel);
    } else if (cp == U'ァ' || cp == U'ィ' || cp == U'ゥ' || cp == U'ェ' || cp == U'ォ') {
      static constexpr std::string_view vowels = "aiueo";
      if (!out.empty() && is_vowel(out.back())) out.pop_back();
      out.push_back(vowels[(cp - U'ァ') / 2]);
    } else if (cp == U'ー') {
      if (!out.empty() && is_vowel(out.back())) out.push_back(out.back());
    } else if (!romaji.empty()) {
      if (double_next) out.push_back(romaji.front() == 'c' ? 't' : romaji.front());
      out += romaji;
      double_next = false;
    }
    ends[i] = out.size();
  }
  // A part cannot end before a small kana or ッ's next kana.
  for (std::size_t i = 0; i + 1 < reading.size(); ++i) {
    char32_t next = reading[i + 1];
    if (next >= U'ぁ' && next <= U'ゖ') next += U'ァ' - U'ぁ';
    if (romaji_of(next).empty() && next != U'ッ' && next != U'ン') ends[i] = 0;
    char32_t here = reading[i];
    if (here == U'っ' || here == U'ッ') ends[i] = 0;
  }
  return out;
}

namespace {

constexpr unsigned kFamily = 1, kGiven = 2, kFull = 4, kUnclassified = 8;

// The person bits of a tag list "s,g" (other tags: 0).
unsigned person_bits(std::string_view tags) {
  unsigned bits = 0;
  while (!tags.empty()) {
    const std::size_t comma = tags.find(',');
    const std::string_view tag = tags.substr(0, comma);
    if (tag == "s") bits |= kFamily;
    if (tag == "g" || tag == "f" || tag == "m") bits |= kGiven;
    if (tag == "h") bits |= kFull;
    if (tag == "u") bits |= kUnclassified;
    if (comma == std::string_view::npos) break;
    tags.remove_prefix(comma + 1);
  }
  return bits;
}

// The words of a gloss before any "(" (dates, notes), split at spaces.
std::vector<std::string> gloss_words(std::string_view gloss) {
  const std::size_t paren = gloss.find('(');
  if (paren != std::string_view::npos) gloss = gloss.substr(0, paren);
  std::string text;
  euc_jp_to_utf8(gloss, text);
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t space = text.find(' ', pos);
    const std::size_t end = space == std::string::npos ? text.size() : space;
    if (end > pos) words.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return words;
}

// An h name's reading split where its gloss's first word ends: the family
// word romanised must be the reading's start, ending at a kana's end.
void add_split(NameReadings& into, const std::string& headword, const std::string& reading,
               const std::vector<std::string>& words) {
  if (words.size() != 2) return;
  const std::string family = fold_latin_word(words[0]);
  if (family.empty() || fold_latin_word(words[1]).empty()) return;
  const std::u32string kana = to_code_points(reading);
  std::vector<std::size_t> ends;
  const std::string romaji = romanize_reading(kana, ends);
  if (!romaji.starts_with(family)) return;
  for (std::size_t i = 0; i + 1 < kana.size(); ++i) {
    if (ends[i] != family.size()) continue;
    into.add_full_split(headword, utf8_of(kana.substr(0, i + 1)), utf8_of(kana.substr(i + 1)));
    return;
  }
}

// A katakana headword's foreign readings: one word of a person's gloss; an h
// name's parts between ・ against its gloss's words.
void add_foreign(NameReadings& into, const std::string& headword, unsigned bits,
                 const std::vector<std::string>& words) {
  if ((bits & (kFamily | kGiven | kUnclassified)) != 0 && words.size() == 1) {
    std::string katakana;
    for (char32_t cp : to_code_points(headword))
      if (cp != U'・') append_utf8(katakana, cp);
    into.add_foreign(words[0], std::move(katakana));
  } else if ((bits & kFull) != 0 && words.size() >= 2) {
    std::vector<std::string> parts(1);
    for (char32_t cp : to_code_points(headword)) {
      if (cp == U'・') {
        parts.emplace_back();
      } else {
        append_utf8(parts.back(), cp);
      }
    }
    if (parts.size() != words.size()) return;
    for (std::size_t i = 0; i < parts.size(); ++i)
      if (!parts[i].empty()) into.add_foreign(words[i], parts[i]);
  }
}

// The EUC-JP bytes of a reading with its hiragana (row 4, lead byte 0xA4)
// turned to katakana (row 5, 0xA5): the readings are stored in katakana.
void katakana_bytes(std::string_view euc, std::string& out) {
  out.assign(euc);
  for (std::size_t i = 0; i < out.size();) {
    const auto byte = static_cast<unsigned char>(out[i]);
    if (byte < 0x80) {
      ++i;
    } else if (byte == 0x8F) {
      i += 3;
    } else {
      if (byte == 0xA4 && i + 1 < out.size() && static_cast<unsigned char>(out[i + 1]) <= 0xF3)
        out[i] = static_cast<char>(0xA5);
      i += 2;
    }
  }
}

}  // namespace

std::uint64_t parse_enamdict_into(std::string_view text, NameReadings& into,
                                  const KeepHeadword& keep) {
  std::uint64_t added = 0;
  std::string headword, reading, katakana;
  std::vector<std::pair<unsigned, std::string_view>> glosses;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char* newline =
        static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
    const std::size_t end = newline == nullptr ? text.size() : newline - text.data();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    // The tags first (ASCII), so that a line of places is never decoded.
    const std::size_t slash = line.find(" /");
    if (slash == std::string_view::npos) continue;
    std::string_view rest = line.substr(slash + 2);
    unsigned bits = 0, gloss_bits = 0;
    glosses.clear();
    while (!rest.empty()) {
      const std::size_t next = rest.find('/');
      std::string_view gloss = rest.substr(0, next);
      rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
      if (gloss.starts_with('(')) {
        const std::size_t close = gloss.find(')');
        if (close != std::string_view::npos) {
          gloss_bits = person_bits(gloss.substr(1, close - 1));
          gloss = gloss.substr(close + 1);
          if (gloss.starts_with(' ')) gloss.remove_prefix(1);
        }
      }
      bits |= gloss_bits;
      if (gloss_bits != 0 && !gloss.empty()) glosses.emplace_back(gloss_bits, gloss);
    }
    if (bits == 0) continue;
    std::string_view head = line.substr(0, slash);
    std::string_view kana;
    if (const std::size_t open = head.find(" ["); open != std::string_view::npos) {
      if (!head.ends_with(']')) continue;
      kana = head.substr(open + 2, head.size() - open - 3);
      head = head.substr(0, open);
    }
    headword.clear();
    reading.clear();
    if (head.empty() || euc_jp_to_utf8(head, headword) != std::string_view::npos) continue;
    katakana_bytes(kana, katakana);
    if (!kana.empty() && euc_jp_to_utf8(katakana, reading) != std::string_view::npos) continue;
    if (keep && !keep(headword)) continue;
    ++added;
    if (reading.empty()) {  // a name in kana: its own reading
      if (all_of(headword, is_enamdict_katakana))
        for (const auto& [gloss_bits_of, gloss] : glosses)
          add_foreign(into, headword, gloss_bits_of, gloss_words(gloss));
      if (all_of(headword, is_enamdict_kana)) continue;
      reading = hiragana_to_katakana(headword);
    }
    if ((bits & kFamily) != 0) into.add_one(NamePart::family, headword, reading);
    if ((bits & kGiven) != 0) into.add_one(NamePart::given, headword, reading);
    if ((bits & kUnclassified) != 0) into.add_unclassified(headword, {reading});
    if ((bits & kFull) != 0) {
      into.add_one(NamePart::full, headword, reading);
      for (const auto& [gloss_bits_of, gloss] : glosses)
        if ((gloss_bits_of & kFull) != 0) add_split(into, headword, reading, gloss_words(gloss));
    }
  }
  return added;
}

}  // namespace gifkit::grammars
