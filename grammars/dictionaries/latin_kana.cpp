// latin_kana.cpp — see latin_kana.hpp: the table of models/dictionaries/
// latin_kana.tsv read once, one Latin word aligned with one katakana word by
// a cheapest-path DP over the table (fixed arrays, no allocation per cell),
// and a whole name aligned word by word in the orders people write it (the
// words themselves: latin_name_words.cpp).
#include "grammars/dictionaries/latin_kana.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "grammars/dictionaries/dictionaries.hpp"
#include "grammars/dictionaries/romaji_words.hpp"
#include "grammars/dictionaries/table_lines.hpp"
#include "grammars/text/kana_reading.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {

namespace {

constexpr std::string_view kFile = "latin_kana.tsv";
constexpr char32_t kKanaFirst = 0x30A0;  // the katakana block, ゠ … ヿ
constexpr char32_t kLongVowel = U'ー';
constexpr std::uint8_t kNoVowel = 5;

enum class Kind : std::uint8_t { vowel, onset, whole, silent, letter };

// One spelling of a kana chunk (may be empty), with its cost; an onset's
// vowel (0–4: ア…オ).
struct Spelling {
  std::string latin;
  std::uint8_t cost = 0;
  Kind kind = Kind::whole;
  std::uint8_t vowel = kNoVowel;
};

// A kana chunk and its spellings by their first letter ([26]: the empty one).
struct Chunk {
  std::u32string kana;
  std::array<std::vector<Spelling>, 27> by_letter;
};

struct Table {
  std::array<std::vector<Chunk>, 96> by_kana;                   // by first kana − U+30A0
  std::array<std::vector<Spelling>, 26> silent;                 // by first letter
  std::array<std::array<std::vector<Spelling>, 26>, 5> vowels;  // ア…オ, by first letter
  std::array<std::vector<std::u32string>, 26> letter_names;     // エフ for f
  std::size_t count = 0;
};

// The vowel (0–4: ア イ ウ エ オ) a katakana is read with, kNoVowel for ン, ッ, ー.
std::uint8_t kana_vowel(char32_t cp) {
  static const std::array<std::uint8_t, 96> vowels = [] {
    static constexpr std::array<std::u32string_view, 5> rows = {
        U"アァカガサザタダナハバパマヤャラワヮ", U"イィキギシジチヂニヒビピミリヰ",
        U"ウゥクグスズツヅヌフブプムユュルヴ", U"エェケゲセゼテデネヘベペメレヱ",
        U"オォコゴソゾトドノホボポモヨョロヲ"};
    std::array<std::uint8_t, 96> table{};
    table.fill(kNoVowel);
    for (std::uint8_t v = 0; v < rows.size(); ++v)
      for (const char32_t kana : rows[v]) table[kana - kKanaFirst] = v;
    return table;
  }();
  return cp >= kKanaFirst && cp < kKanaFirst + 96 ? vowels[cp - kKanaFirst] : kNoVowel;
}

std::size_t letter_index(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<std::size_t>(c - 'a') : 26;
}

bool is_katakana(char32_t cp) {
  return (cp >= U'ァ' && cp <= U'ヺ') || cp == kLongVowel;
}
// Whether cp is one of kana, by a table of the katakana block built once per list.
template <const char32_t* kana>
bool in_kana_list(char32_t cp) {
  static const std::array<bool, 96> listed = [] {
    std::array<bool, 96> table{};
    for (const char32_t listed_kana : std::u32string_view(kana))
      table[listed_kana - kKanaFirst] = true;
    return table;
  }();
  return cp >= kKanaFirst && cp < kKanaFirst + 96 && listed[cp - kKanaFirst];
}
constexpr char32_t kSmallKana[] = U"ァィゥェォャュョヮ";
constexpr char32_t kVowelKana[] = U"アイウエオ";
bool is_small_kana(char32_t cp) {
  return in_kana_list<kSmallKana>(cp);
}
bool is_vowel_kana(char32_t cp) {
  return in_kana_list<kVowelKana>(cp);
}
bool is_vowel_letter(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

std::u32string decode(std::string_view text) {
  std::u32string out;
  for (std::size_t pos = 0; pos < text.size();) out.push_back(decode_utf8(text, pos));
  return out;
}

std::string encode(std::u32string_view text) {
  std::string out;
  for (const char32_t cp : text) append_utf8(out, cp);
  return out;
}

std::vector<std::string_view> split_bars(std::string_view field) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto bar = field.find('|', start);
    parts.push_back(field.substr(start, bar - start));
    if (bar == std::string_view::npos) return parts;
    start = bar + 1;
  }
}

Table read_table(std::string_view text, std::string_view source, std::vector<std::string>& errors) {
  Table table;
  for_each_table_line(text, [&](std::size_t line, const std::vector<std::string_view>& fields) {
    const auto fail = [&](const std::string& why) {
      errors.push_back(std::string(source) + ":" + std::to_string(line) + ": " + why);
    };
    if (fields.size() != 3 && fields.size() != 4)
      return fail("expected kana, kind, spellings and an optional cost, tab-separated");
    Kind kind;
    if (fields[1] == "vowel")
      kind = Kind::vowel;
    else if (fields[1] == "onset")
      kind = Kind::onset;
    else if (fields[1] == "whole")
      kind = Kind::whole;
    else if (fields[1] == "silent")
      kind = Kind::silent;
    else if (fields[1] == "letter")
      kind = Kind::letter;
    else
      return fail("the kind must be vowel, onset, whole, silent or letter");
    std::uint8_t cost = 0;
    if (fields.size() == 4) {
      if (fields[3].size() != 1 || fields[3][0] < '0' || fields[3][0] > '9')
        return fail("the cost must be one digit");
      cost = static_cast<std::uint8_t>(fields[3][0] - '0');
    }
    std::vector<std::string> spellings;
    for (const std::string_view spelling : split_bars(fields[2])) {
      if (spelling == "_") {
        spellings.emplace_back();
        continue;
      }
      if (spelling.empty() || !std::all_of(spelling.begin(), spelling.end(),
                                           [](char c) { return c >= 'a' && c <= 'z'; }))
        return fail("the spelling '" + std::string(spelling) +
                    "' is not lower-case ASCII letters or _");
      spellings.emplace_back(spelling);
    }
    for (const std::string_view chunk_text : split_bars(fields[0])) {
      if (kind == Kind::silent) {
        if (chunk_text != "_") return fail("a silent letter's kana must be _");
        for (const std::string& spelling : spellings) {
          if (spelling.empty()) return fail("a silent letter cannot be _");
          table.silent[letter_index(spelling[0])].push_back({spelling, cost, kind, kNoVowel});
          ++table.count;
        }
        continue;
      }
      const std::u32string chunk = decode(chunk_text);
      if (chunk.empty() || !std::all_of(chunk.begin(), chunk.end(), is_katakana))
        return fail("the kana '" + std::string(chunk_text) + "' is not katakana");
      const std::uint8_t vowel = kana_vowel(chunk.back());
      if (kind == Kind::letter) {
        if (spellings.size() != 1 || spellings[0].size() != 1)
          return fail("a letter's name must be given for one letter");
        table.letter_names[letter_index(spellings[0][0])].push_back(chunk);
        ++table.count;
        continue;
      }
      if (kind == Kind::vowel) {
        if (chunk.size() != 1 ||
            std::u32string_view(U"アイウエオ").find(chunk[0]) == std::u32string_view::npos)
          return fail("a vowel's kana must be ア, イ, ウ, エ or オ");
        for (const std::string& spelling : spellings) {
          if (spelling.empty()) return fail("a vowel cannot be spelled _");
          table.vowels[vowel][letter_index(spelling[0])].push_back({spelling, cost, kind, vowel});
          ++table.count;
        }
        continue;
      }
      if (kind == Kind::onset && vowel == kNoVowel)
        return fail("the onset '" + std::string(chunk_text) + "' has no vowel");
      std::vector<Chunk>& chunks = table.by_kana[chunk[0] - kKanaFirst];
      auto found = std::find_if(chunks.begin(), chunks.end(),
                                [&](const Chunk& c) { return c.kana == chunk; });
      if (found == chunks.end()) {
        chunks.push_back({chunk, {}});
        found = chunks.end() - 1;
      }
      for (const std::string& spelling : spellings) {
        found->by_letter[spelling.empty() ? 26 : letter_index(spelling[0])].push_back(
            {spelling, cost, kind, vowel});
        ++table.count;
      }
    }
  });
  return table;
}

const Table& table() {
  static const Table compiled = [] {
    std::vector<std::string> errors;
    Table read = read_table(dictionary_text(kFile), kFile, errors);
    if (!errors.empty()) throw std::logic_error("models/dictionaries/" + errors.front());
    return read;
  }();
  return compiled;
}

// What is left unexplained costs this much: a vowel letter or vowel kana
// less than anything else (English writes vowels loosely).
constexpr std::uint16_t kUnexplainedVowel = 2;
constexpr std::uint16_t kUnexplained = 3;
constexpr std::uint16_t kInfinite = 0xFFFF;
constexpr std::size_t kMaxKana = 48;
constexpr std::size_t kMaxLatin = 48;

// The DP of one Latin word against kana: cost[i][j] the cheapest alignment of
// kana[0, i) with latin[0, j).
struct Alignment {
  std::uint16_t cost[kMaxKana + 1][kMaxLatin + 1];
};

// Whether text[at…] starts with prefix (a loop: the spellings are a few
// letters, too short for memcmp's call to pay).
template <class View>
bool starts_with_loop(View text, std::size_t at, View prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k)
    if (text[at + k] != prefix[k]) return false;
  return true;
}
bool starts_with(std::string_view text, std::size_t at, std::string_view prefix) {
  return starts_with_loop(text, at, prefix);
}
bool starts_with(std::u32string_view text, std::size_t at, std::u32string_view prefix) {
  return starts_with_loop(text, at, prefix);
}

// Calls step(i2, j2, cost) for each way the alignment of kana and latin
// goes on from (i, j): a letter or kana read as nothing, or a chunk of the
// table read as one of its spellings. Every step moves on (i2 > i or j2 > j).
template <class Step>
void for_each_step(const Table& t, std::u32string_view kana, std::string_view latin, std::size_t i,
                   std::size_t j, Step&& step) {
  const std::size_t n = kana.size();
  const std::size_t m = latin.size();
  if (j < m) {
    const char letter = latin[j];
    // A letter written twice read once; silent letters; any letter, unexplained.
    if (j + 1 < m && latin[j + 1] == letter) step(i, j + 1, 0u);
    if (letter_index(letter) < 26)
      for (const Spelling& s : t.silent[letter_index(letter)])
        if (starts_with(latin, j, s.latin)) step(i, j + s.latin.size(), unsigned{s.cost});
    step(i, j + 1, is_vowel_letter(letter) ? kUnexplainedVowel : kUnexplained);
  }
  if (i == n) return;
  const char32_t cp = kana[i];
  const std::uint8_t vowel = kana_vowel(cp);
  // A long vowel written as a kana (オオ, ロウ, ケイ) read as nothing.
  if (i > 0 && is_vowel_kana(cp)) {
    const std::uint8_t before = kana_vowel(kana[i - 1]);
    if (before == vowel || (vowel == 2 && before == 4) || (vowel == 1 && before == 3))
      step(i + 1, j, 0u);
  }
  step(i + 1, j, is_small_kana(cp) ? 1u : is_vowel_kana(cp) ? kUnexplainedVowel : kUnexplained);
  if (cp < kKanaFirst || cp >= kKanaFirst + 96) return;
  // One spelling of a chunk read at (i, j): the whole, or the onset and its vowel.
  const auto read = [&](const Spelling& e, std::size_t i2) {
    const std::size_t j2 = j + e.latin.size();
    if (e.kind == Kind::whole) {
      step(i2, j2, unsigned{e.cost});
      return;
    }
    // The onset without its vowel, or with another vowel letter or two.
    if (!e.latin.empty()) step(i2, j2, e.cost + 1u);
    if (j2 == m) return;
    if (is_vowel_letter(latin[j2])) {
      step(i2, j2 + 1, e.cost + 1u);
      if (j2 + 1 < m && is_vowel_letter(latin[j2 + 1])) step(i2, j2 + 2, e.cost + 1u);
    }
    const std::size_t letter = letter_index(latin[j2]);
    if (letter == 26) return;
    for (const Spelling& v : t.vowels[e.vowel][letter])
      if (starts_with(latin, j2, v.latin)) step(i2, j2 + v.latin.size(), e.cost + unsigned{v.cost});
  };
  const std::size_t letter = j < m ? letter_index(latin[j]) : 26;
  for (const Chunk& chunk : t.by_kana[cp - kKanaFirst]) {
    if (!starts_with(kana, i, chunk.kana)) continue;
    const std::size_t i2 = i + chunk.kana.size();
    if (letter < 26)
      for (const Spelling& e : chunk.by_letter[letter])
        if (starts_with(latin, j, e.latin)) read(e, i2);
    for (const Spelling& e : chunk.by_letter[26]) read(e, i2);
  }
}

// Fills a from (0, 0): a.cost[i][j] the cheapest alignment of kana[0, i)
// with latin[0, j) (kana and latin within the maxima), left infinite where
// it would cost limit or more (a mismatch whatever follows).
void align(const Table& t, std::u32string_view kana, std::string_view latin, Alignment& a,
           unsigned limit) {
  const std::size_t n = kana.size();
  const std::size_t m = latin.size();
  for (std::size_t i = 0; i <= n; ++i) std::fill(a.cost[i], a.cost[i] + m + 1, kInfinite);
  a.cost[0][0] = 0;
  for (std::size_t i = 0; i <= n; ++i)
    for (std::size_t j = 0; j <= m; ++j) {
      const unsigned c = a.cost[i][j];
      if (c >= limit) continue;
      for_each_step(t, kana, latin, i, j, [&](std::size_t i2, std::size_t j2, unsigned w) {
        if (c + w < a.cost[i2][j2]) a.cost[i2][j2] = static_cast<std::uint16_t>(c + w);
      });
    }
}

// Fills a towards (n, m): a.cost[i][j] the cheapest alignment of kana[i, n)
// with latin[j, m) — a word's cost against every end of the kana at once.
void align_to_end(const Table& t, std::u32string_view kana, std::string_view latin, Alignment& a) {
  const std::size_t n = kana.size();
  const std::size_t m = latin.size();
  for (std::size_t i = n + 1; i-- > 0;)
    for (std::size_t j = m + 1; j-- > 0;) {
      unsigned best = i == n && j == m ? 0u : kInfinite;
      for_each_step(t, kana, latin, i, j, [&](std::size_t i2, std::size_t j2, unsigned w) {
        if (a.cost[i2][j2] != kInfinite && w + a.cost[i2][j2] < best) best = w + a.cost[i2][j2];
      });
      a.cost[i][j] = static_cast<std::uint16_t>(std::min(best, unsigned{kInfinite}));
    }
}

// The cost from which a word pair of this many characters is a mismatch:
// most of it unexplained (0.6 of a character each).
unsigned mismatch_from(std::size_t kana_size, std::size_t latin_size) {
  return static_cast<unsigned>(((kana_size + latin_size) * 6 + 9) / 10);
}

// The verdict on one word pair from its cheapest alignment: plausible when
// little is left unexplained (0.3 of a character each at most), a mismatch
// from mismatch_from.
LatinReading verdict_of(unsigned cost, std::size_t kana_size, std::size_t latin_size) {
  if (cost * 10 <= (kana_size + latin_size) * 3) return LatinReading::plausible;
  if (cost >= mismatch_from(kana_size, latin_size)) return LatinReading::mismatch;
  return LatinReading::not_checked;
}

bool is_ascii_letter(char32_t cp) {
  return cp < 0x80 && cp >= 'a' && cp <= 'z';
}

// The verdict on one word pair and its cost (the mismatch with infinite cost
// when a side cannot be read).
struct WordJudgement {
  LatinReading verdict = LatinReading::not_checked;
  unsigned cost = 0;
};

}  // namespace

namespace {

// One word pair: an initial against an initial, else the DP.
WordJudgement judge_word(const Table& t, std::string_view latin, std::u32string_view kana,
                         Alignment& scratch) {
  if (latin.empty() || kana.empty()) return {LatinReading::not_checked, 0};
  const bool kana_letters = std::any_of(kana.begin(), kana.end(), is_ascii_letter);
  if (kana_letters) {
    if (kana.size() == 1 && is_ascii_letter(kana[0]))
      return kana[0] == static_cast<char32_t>(latin[0]) ? WordJudgement{LatinReading::plausible, 0}
                                                        : WordJudgement{LatinReading::mismatch, 9};
    return {LatinReading::not_checked, 0};
  }
  if (!std::all_of(kana.begin(), kana.end(), is_katakana)) return {LatinReading::not_checked, 0};
  // An initial written as its letter's name (F as エフ).
  if (latin.size() == 1 && letter_index(latin[0]) < 26) {
    const auto& names = t.letter_names[letter_index(latin[0])];
    if (std::find(names.begin(), names.end(), kana) != names.end())
      return {LatinReading::plausible, 0};
  }
  if (kana.size() > kMaxKana || latin.size() > kMaxLatin) return {LatinReading::not_checked, 0};
  const unsigned limit = mismatch_from(kana.size(), latin.size());
  align(t, kana, latin, scratch, limit);
  const unsigned cost = std::min(unsigned{scratch.cost[kana.size()][latin.size()]}, limit);
  return {verdict_of(cost, kana.size(), latin.size()), cost};
}

}  // namespace

LatinReading latin_word_reads_as(std::string_view latin_word, std::u32string_view kana_word) {
  thread_local Alignment scratch;
  return judge_word(table(), latin_word, kana_word, scratch).verdict;
}

namespace {

constexpr std::size_t kMaxWords = 8;
constexpr unsigned kSkipMiddle = 2;  // a middle name the kana leaves out
constexpr unsigned kSkipEdge = 6;    // a first or last name the kana leaves out
constexpr unsigned kSkipKana = 6;    // a kana word no Latin word stands for

// A Latin word matched with kana[from, to), left out (from == to), or a kana
// word no Latin word stands for (word == kMaxWords).
struct Segment {
  std::size_t word;
  std::size_t from;
  std::size_t to;
  bool skipped;
  bool dictionary;
  LatinReading verdict;
};

// Whether a word of a kana written without separators may start with cp.
bool may_start_word(char32_t cp) {
  return cp != kLongVowel && cp != U'ッ' && cp != U'ン' && !is_small_kana(cp);
}

// The work of one judge_latin_name, on one thread: the DP tables, and the
// cost of each Latin word against kana[from, to) once computed.
struct NameWork {
  Alignment words;
  std::array<std::array<std::array<std::uint16_t, kMaxKana + 1>, kMaxKana + 1>, kMaxWords> memo;
  std::array<std::array<std::uint16_t, kMaxKana + 1>, kMaxWords> to_end;
  std::array<std::array<unsigned, kMaxKana + 1>, kMaxWords + 1> cost;
  std::array<std::array<Segment, kMaxKana + 1>, kMaxWords + 1> step;
};

// The verdict and reason of an alignment of a name's words.
LatinNameResult describe(const std::vector<Segment>& segments,
                         const std::vector<std::string>& words, std::u32string_view all) {
  LatinNameResult result{LatinReading::plausible, ""};
  for (const Segment& s : segments) {
    if (!result.reason.empty()) result.reason += ", ";
    const std::string segment = encode(std::u32string_view(all).substr(s.from, s.to - s.from));
    if (s.word == kMaxWords) {
      result.reason += segment + " (no Latin word)";
      if (result.verdict == LatinReading::plausible) result.verdict = LatinReading::not_checked;
      continue;
    }
    if (s.skipped) {
      result.reason += words[s.word] + " (left out)";
      if (s.verdict == LatinReading::not_checked && result.verdict == LatinReading::plausible)
        result.verdict = LatinReading::not_checked;
      continue;
    }
    switch (s.verdict) {
      case LatinReading::plausible:
        result.reason +=
            words[s.word] + " → " + segment + (s.dictionary ? " (dictionary)" : " (rules)");
        break;
      case LatinReading::mismatch:
        result.reason += words[s.word] + " ≠ " + segment;
        result.verdict = LatinReading::mismatch;
        break;
      case LatinReading::not_checked:
        result.reason += words[s.word] + " ? " + segment + " (unsure)";
        if (result.verdict == LatinReading::plausible) result.verdict = LatinReading::not_checked;
        break;
    }
  }
  return result;
}

// False when no reading of readings can be segment folded (fold_reading): a
// fold keeps a kana's place or drops it (a space, ・, the small vowel after
// ヴ, a combining or half-width sound mark), so the folded length lies
// between the segment's length less what may drop and its length. Spares
// folding a segment that no reading fits.
bool could_fold_to_one_of(std::u32string_view segment,
                          const std::vector<std::u32string>& readings) {
  std::size_t may_drop = 0;
  for (char32_t cp : segment)
    if (cp == U' ' || cp == U'　' || cp == U'・' || cp == U'゠' || cp == 0x3099 || cp == 0x309A ||
        cp == 0xFF9E || cp == 0xFF9F || cp == U'ァ' || cp == U'ィ' || cp == U'ェ' || cp == U'ォ')
      ++may_drop;
  const std::size_t longest = segment.size();
  const std::size_t shortest = longest - may_drop;
  return std::any_of(readings.begin(), readings.end(), [&](const std::u32string& reading) {
    return reading.size() >= shortest && reading.size() <= longest;
  });
}

}  // namespace

LatinNameResult judge_latin_name(
    std::string_view latin, std::string_view kana,
    const std::function<const std::vector<std::string>*(std::string_view word)>& known,
    const std::function<bool(std::string_view romaji)>& japanese_name) {
  const std::vector<std::string> words = latin_name_words(latin);
  if (words.empty()) return {LatinReading::not_checked, "the name is not in Latin letters"};
  const std::vector<std::u32string> kana_words = kana_name_words(kana);
  if (kana_words.empty()) return {LatinReading::not_checked, "the kana is empty"};
  for (const std::u32string& w : kana_words)
    for (const char32_t cp : w)
      if (!is_katakana(cp) && !is_ascii_letter(cp))
        return {LatinReading::not_checked, "the kana holds more than kana"};
  if (words.size() > kMaxWords || kana_words.size() > kMaxWords)
    return {LatinReading::not_checked, "too many words"};
  for (const std::string& w : words)
    if (w.size() > kMaxLatin) return {LatinReading::not_checked, "a word is too long"};

  // The kana as one string, the places a word may start or end, and how far
  // the word starting at each place may reach: to the end of its kana word,
  // or further when the kana has more words than the Latin (one Latin word
  // for two kana words: VANDYKE / ヴァン・ダイク).
  std::u32string all;
  std::array<bool, kMaxKana + 1> boundary{};
  std::array<std::size_t, kMaxKana + 1> reach{};
  boundary[0] = true;
  for (const std::u32string& w : kana_words) {
    if (all.size() + w.size() > kMaxKana)
      return {LatinReading::not_checked, "the kana is too long"};
    const std::size_t from = all.size();
    all += w;
    for (std::size_t p = from; p < all.size(); ++p) reach[p] = all.size();
    boundary[all.size()] = true;
  }
  const std::size_t n = all.size();
  const bool has_letters = std::any_of(all.begin(), all.end(), is_ascii_letter);
  // More Latin words than kana words: a kana word may hold several (タナカタロウ,
  // ジャンピエール for Jean-Pierre), split where a word may start.
  const bool free_splits = kana_words.size() == 1 && words.size() > 1;
  if (words.size() > kana_words.size())
    for (std::size_t p = 1; p < n; ++p) boundary[p] = boundary[p] || may_start_word(all[p]);
  if (kana_words.size() > words.size())
    std::fill(reach.begin(), reach.begin() + static_cast<std::ptrdiff_t>(n), n);

  const Table& t = table();
  thread_local NameWork work;
  std::array<std::array<bool, kMaxKana + 1>, kMaxWords> done{};
  std::array<bool, kMaxWords> done_to_end{};
  // The dictionary's readings of each word, folded (fold_reading), asked once.
  std::array<std::vector<std::u32string>, kMaxWords> readings;
  std::array<bool, kMaxWords> asked{};
  // Each word's spelling as Japanese romaji, when it is romaji (romaji_words.hpp).
  std::array<std::optional<std::string>, kMaxWords> romaji;
  std::array<bool, kMaxWords> read_as_romaji{};
  if (japanese_name)
    for (std::size_t w = 0; w < words.size(); ++w) {
      romaji[w] = romaji_spelling_of_latin(words[w]);
      if (romaji[w] && !japanese_name(*romaji[w])) romaji[w].reset();
    }

  const auto word_cost = [&](std::size_t w, std::size_t from, std::size_t to, bool& dictionary,
                             LatinReading& verdict) -> unsigned {
    dictionary = false;
    const std::string& word = words[w];
    const std::u32string_view segment = std::u32string_view(all).substr(from, to - from);
    if (known) {
      if (!asked[w]) {
        if (const std::vector<std::string>* found = known(word)) {
          for (const std::string& reading : *found) readings[w].push_back(fold_reading(reading));
          // The dictionary reads the word as its romaji only (タナカ for tanaka; not
          // rene, read レネー and ルネ): a Japanese name, not a foreign one.
          read_as_romaji[w] =
              romaji[w] && !found->empty() &&
              std::all_of(found->begin(), found->end(), [&](const std::string& reading) {
                return romaji_spelling_of_kana(decode(reading), true) == romaji[w];
              });
        }
        asked[w] = true;
      }
      if (!readings[w].empty() && could_fold_to_one_of(segment, readings[w])) {
        const std::u32string folded = fold_reading(encode(segment));
        if (std::find(readings[w].begin(), readings[w].end(), folded) != readings[w].end()) {
          dictionary = true;
          verdict = LatinReading::plausible;
          return 0;
        }
      }
    }
    if (romaji[w] && (readings[w].empty() || read_as_romaji[w]))
      if (const std::optional<std::string> spelled = romaji_spelling_of_kana(segment)) {
        verdict = *spelled == *romaji[w] ? LatinReading::plausible : LatinReading::mismatch;
        return verdict == LatinReading::plausible ? 0 : kUnexplained * (word.size() + 1);
      }
    if (word.size() == 1 ||
        (has_letters && std::any_of(segment.begin(), segment.end(), is_ascii_letter))) {
      const WordJudgement j = judge_word(t, word, segment, work.words);
      verdict = j.verdict;
      return j.verdict == LatinReading::plausible ? 0 : kUnexplained * (word.size() + 1);
    }
    if (free_splits && to == n && from > 0) {
      // The last word of a kana without separators: every start at once.
      if (!done_to_end[w]) {
        align_to_end(t, all, word, work.words);
        for (std::size_t p = 0; p <= n; ++p) work.to_end[w][p] = work.words.cost[p][0];
        done_to_end[w] = true;
      }
      const unsigned cost = work.to_end[w][from];
      verdict = verdict_of(cost, to - from, word.size());
      return cost;
    }
    if (!done[w][from]) {
      const std::size_t end = reach[from];
      align(t, std::u32string_view(all).substr(from, end - from), word, work.words,
            mismatch_from(end - from, word.size()));
      for (std::size_t q = from; q <= end; ++q)
        work.memo[w][from][q] = work.words.cost[q - from][word.size()];
      done[w][from] = true;
    }
    const unsigned cost =
        std::min(unsigned{work.memo[w][from][to]}, mismatch_from(to - from, word.size()));
    verdict = verdict_of(cost, to - from, word.size());
    return cost;
  };

  // The orders tried: as written, the last word first, the first word last.
  const std::size_t count = words.size();
  std::array<std::array<std::size_t, kMaxWords>, 3> orders{};
  std::size_t order_count = count == 1 ? 1 : count == 2 ? 2 : 3;
  for (std::size_t i = 0; i < count; ++i) {
    orders[0][i] = i;
    orders[1][i] = (i + count - 1) % count;
    orders[2][i] = (i + 1) % count;
  }

  // The cheapest alignment over the orders (its segments; empty when none):
  // with edge_skips, a first or last name may be absent from the kana.
  const auto best_alignment = [&](bool edge_skips) {
    unsigned best = kInfinite;
    std::vector<Segment> best_segments;
    for (std::size_t o = 0; o < order_count; ++o) {
      auto& cost = work.cost;
      auto& step = work.step;
      for (std::size_t a = 0; a <= count; ++a)
        std::fill(cost[a].begin(), cost[a].begin() + static_cast<std::ptrdiff_t>(n) + 1, kInfinite);
      cost[0][0] = 0;
      for (std::size_t a = 0; a <= count; ++a) {
        // A whole kana word no Latin word stands for (the Latin leaves a name out).
        if (kana_words.size() > words.size())
          for (std::size_t p = 0; p < n; ++p) {
            if (cost[a][p] == kInfinite || !boundary[p]) continue;
            std::size_t q = p + 1;
            while (q < n && !boundary[q]) ++q;
            if (cost[a][p] + kSkipKana < cost[a][q]) {
              cost[a][q] = cost[a][p] + kSkipKana;
              step[a][q] = {kMaxWords, p, q, true, false, LatinReading::not_checked};
            }
          }
        if (a == count) break;
        const std::size_t w = orders[o][a];
        // A middle name or an initial may be left out, and as written the last of three
        // words or more (FAMILY GIVEN MIDDLE, as passports write a name).
        // Only when the Latin has more words than the kana.
        const bool may_skip =
            words[w].size() == 1 ||
            (count > kana_words.size() &&
             ((a != 0 && a + 1 != count) || (o == 0 && count >= 3 && a + 1 == count)));
        const bool last = a + 1 == count && kana_words.size() <= words.size();
        for (std::size_t p = 0; p <= n; ++p) {
          if (cost[a][p] == kInfinite || !boundary[p]) continue;
          if (may_skip || (edge_skips && count > kana_words.size())) {
            // A first or last name the kana has not (ゴーギャン for Paul Gauguin): not
            // evidence of another person, nor of this one.
            const unsigned skip = cost[a][p] + (words[w].size() == 1 ? 0
                                                : may_skip           ? kSkipMiddle
                                                                     : kSkipEdge);
            if (skip < cost[a + 1][p]) {
              cost[a + 1][p] = skip;
              step[a + 1][p] = {
                  w,    p,     p,
                  true, false, may_skip ? LatinReading::plausible : LatinReading::not_checked};
            }
          }
          for (std::size_t q = p + 1; q <= reach[p] && p < n; ++q) {
            // The last word ends the kana, unless a kana word may follow it unread.
            if (!boundary[q] || (last && q < n)) continue;
            bool dictionary = false;
            LatinReading verdict = LatinReading::not_checked;
            const unsigned c = cost[a][p] + word_cost(w, p, q, dictionary, verdict);
            if (c < cost[a + 1][q]) {
              cost[a + 1][q] = c;
              step[a + 1][q] = {w, p, q, false, dictionary, verdict};
            }
          }
        }
      }
      if (cost[count][n] >= best) continue;
      best = cost[count][n];
      best_segments.clear();
      for (std::size_t a = count, p = n; a > 0 || p > 0;) {
        const Segment& s = step[a][p];
        best_segments.push_back(s);
        p = s.from;
        if (s.word != kMaxWords) --a;
      }
      std::reverse(best_segments.begin(), best_segments.end());
      // Every word read as its kana: no other order does better.
      if (std::all_of(best_segments.begin(), best_segments.end(), [](const Segment& s) {
            return s.word != kMaxWords && s.verdict == LatinReading::plausible;
          }))
        break;
    }
    return best_segments;
  };
  std::vector<Segment> segments = best_alignment(false);
  if (segments.empty()) return {LatinReading::not_checked, "the words do not pair"};

  LatinNameResult result = describe(segments, words, all);
  // A name whose kana has fewer words than the Latin and that does not pair
  // as written may be a kana of one of its names only (ゴーギャン for Paul
  // Gauguin): not checked when every other word reads as its kana.
  if (result.verdict == LatinReading::mismatch && count > kana_words.size()) {
    const std::vector<Segment> partial = best_alignment(true);
    if (!partial.empty() && std::all_of(partial.begin(), partial.end(), [](const Segment& s) {
          return s.skipped || s.verdict == LatinReading::plausible;
        })) {
      result = describe(partial, words, all);
      result.verdict = LatinReading::not_checked;
    }
  }
  return result;
}

std::size_t check_latin_kana_table(std::string_view text, std::string_view source,
                                   std::vector<std::string>& errors) {
  return read_table(text, source, errors).count;
}

}  // namespace gifkit::grammars
