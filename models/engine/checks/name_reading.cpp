// name_reading.cpp — see name_reading.hpp.
#include "models/engine/checks/name_reading.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <optional>
#include <unordered_map>

#include "grammars/dictionaries/enamdict_names.hpp"
#include "grammars/dictionaries/latin_kana.hpp"
#include "grammars/dictionaries/legal_forms.hpp"
#include "grammars/text/kana_reading.hpp"
#include "grammars/text/listing.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/text_units.hpp"
#include "grammars/text/utf8.hpp"
#include "models/engine/checks/name_forms.hpp"

namespace gifkit::models {

namespace {

using grammars::fold_reading;

constexpr std::size_t kKnownShown = 6;     // readings a result lists at most (of a 氏名: pairs)
constexpr std::size_t kReadingsNamed = 3;  // readings a message names, the commonest first
// The longest reading a character may stand for that no list holds (a 名乗り no dictionary shows).
// Two: on the hold-out benchmark (docs/performance.md) three left 5.7 % of the names nobody
// knows not checked with 2.7 % of the right ones a mismatch, two 4.4 % with 3.6 %, one 1.2 %
// with 6.3 %.
constexpr std::size_t kMostUnlistedKana = 2;
constexpr std::string_view kUnknownName =
    "the name dictionary does not know it, and its characters' readings do not make the kana";
constexpr std::string_view kNoCharacterReading =
    "no name dictionary knows it, and its characters' readings cannot make the kana, not even "
    "with one of them read another way";

bool is_name_space(char32_t cp) {
  return cp == U' ' || cp == U'　';
}

bool is_reading_kana(char32_t cp) {
  return (cp >= U'ァ' && cp <= U'ヺ') || cp == U'ー';
}

// A folded reading holds only katakana (a kana value with letters, digits or
// kanji cannot be judged).
bool all_reading_kana(const std::u32string& reading) {
  return !reading.empty() && std::all_of(reading.begin(), reading.end(), is_reading_kana);
}

// The code points of a name as its characters are looked up: 異体字 folded
// through characters, variation selectors and spaces dropped.
std::u32string name_characters(CharacterLookup* characters, std::string_view name) {
  const std::string folded =
      characters != nullptr ? characters->fold_characters(name) : std::string(name);
  std::u32string out;
  std::size_t pos = 0;
  while (pos < folded.size()) {
    const char32_t cp = grammars::decode_utf8(folded, pos);
    if (grammars::is_variation_selector(cp) || is_name_space(cp)) continue;
    out.push_back(cp);
  }
  return out;
}

std::string name_utf8(std::u32string_view text) {
  std::string out;
  for (char32_t cp : text) grammars::append_utf8(out, cp);
  return out;
}

// The readings a result's dictionary gave, as a message lists them: "サトウ
// or サトウ ハナコ".
std::string listed_readings(const std::vector<std::string>& known) {
  return grammars::listed_alternatives(known, kReadingsNamed);
}

}  // namespace

namespace reading_detail {

// The judgement's working memory: the candidate readings of each character,
// looked up once for all the splits a 氏名 is tried at and, in a
// NameReadingJudge, for every name it judges.
class Judge {
 public:
  Judge(const NameReadings* dictionary, CharacterLookup* characters)
      : dictionary_(dictionary), characters_(characters) {}

  const NameReadings* dictionary() const { return dictionary_; }
  CharacterLookup* characters() const { return characters_; }

  // The dictionary's readings of name as part (else as the other part: a
  // name the dictionary lists only as the other is still a name it knows);
  // nullptr when it knows neither.
  // The last few answers are kept: a 氏名 without a space in its カナ asks
  // for the same two parts at every place they may meet.
  const std::vector<std::string>* known(const std::u32string& name, NamePart part) {
    if (dictionary_ == nullptr || name.empty()) return nullptr;
    for (const KnownName& recent : recent_)
      if (recent.part == part && recent.name == name) return recent.readings;
    const std::string text = name_utf8(name);
    const NamePart other = part == NamePart::family ? NamePart::given : NamePart::family;
    const auto* readings = dictionary_->readings(text, part);
    if (readings == nullptr) readings = dictionary_->readings(text, other);
    recent_[next_recent_] = {name, part, readings};
    next_recent_ = (next_recent_ + 1) % recent_.size();
    return readings;
  }

  // True when one of a known name's readings, folded, is kana. The folded
  // readings are kept for the names judged (at most kFoldedKept of them).
  bool known_reads_as(const std::vector<std::string>& readings, const std::u32string& kana) {
    auto [slot, added] = folded_.try_emplace(&readings);
    if (added) {
      if (folded_.size() > kFoldedKept) {
        folded_.clear();
        slot = folded_.try_emplace(&readings).first;
      }
      for (const std::string& reading : readings) slot->second.push_back(fold_reading(reading));
    }
    return std::find(slot->second.begin(), slot->second.end(), kana) != slot->second.end();
  }

  // One part (family or given) against a folded kana. Without explain, the
  // verdict alone (no readings listed, no why): a 氏名 asks it at every place
  // its parts may meet.
  ReadingResult part(const std::u32string& name, const std::u32string& kana, NamePart part,
                     bool explain = true) {
    assert(part != NamePart::full);
    ReadingResult result;
    if (name.empty() || kana.empty()) return result;
    const std::vector<std::string>* readings = known(name, part);
    if (readings != nullptr) {
      if (explain) result.known = *readings;
      if (known_reads_as(*readings, kana)) {
        result.verdict = ReadingVerdict::plausible;
        if (explain) result.why = "the name dictionary reads it so";
        return result;
      }
    }
    // A name the dictionaries know is made of its characters' own readings
    // (MJ's, one-character names) only: the readings learnt from other names
    // are loose enough to make most kana of its length.
    if (composes(name, kana, 0, readings == nullptr)) {
      result.verdict = ReadingVerdict::plausible;
      result.by_characters = true;
      if (explain) result.why = "its characters read so";
    } else if (readings != nullptr) {
      result.verdict = ReadingVerdict::mismatch;
      if (explain) result.why = "the name dictionary reads it " + listed_readings(result.known);
    } else if (mismatch_by_characters(name, kana)) {
      result.verdict = ReadingVerdict::mismatch;
      if (explain) result.why = kNoCharacterReading;
    } else if (explain) {
      result.why = kUnknownName;
    }
    return result;
  }

  // True when the characters' readings, one after another, make kana; up to
  // free of the characters may stand for a reading none of their lists
  // holds (one to kMostUnlistedKana kana: a 名乗り no dictionary gives).
  bool composes(const std::u32string& name, const std::u32string& kana, std::size_t free = 0,
                bool learnt = true) {
    assert(free <= 2);
    // reach[g][at]: kana[0, at) made by the characters so far with g of them free.
    std::array<std::vector<char>, 3>& reach = reach_;
    std::array<std::vector<char>, 3>& next = next_;
    for (std::size_t g = 0; g <= free; ++g) {
      reach[g].assign(kana.size() + 1, 0);
      next[g].assign(kana.size() + 1, 0);
    }
    reach[0][0] = 1;
    for (std::size_t i = 0; i < name.size(); ++i) {
      const std::vector<std::u32string>& readings = candidates(name, i, learnt);
      if (readings.empty() && free == 0) return false;
      bool any = false;
      for (std::size_t g = 0; g <= free; ++g) std::fill(next[g].begin(), next[g].end(), 0);
      for (std::size_t g = 0; g <= free; ++g) {
        for (std::size_t at = 0; at < kana.size(); ++at) {
          if (!reach[g][at]) continue;
          for (const std::u32string& reading : readings) {
            if (matches_at(kana, at, reading)) {
              next[g][at + reading.size()] = 1;
              any = true;
            }
          }
          if (g < free) {
            for (std::size_t length = 1; length <= kMostUnlistedKana && at + length <= kana.size();
                 ++length) {
              if (slip_of_a_reading(kana, at, length, readings)) continue;
              next[g + 1][at + length] = 1;
              any = true;
            }
          }
        }
      }
      if (!any) return false;
      std::swap(reach, next);
    }
    for (std::size_t g = 0; g <= free; ++g)
      if (reach[g][kana.size()]) return true;
    return false;
  }

  // True when every character of name has readings to compose from.
  bool all_characters_read(const std::u32string& name) {
    for (std::size_t i = 0; i < name.size(); ++i)
      if (candidates(name, i).empty()) return false;
    return true;
  }

  // A name no dictionary knows, which its characters' readings do not make:
  // a mismatch when the dictionaries are there (their names give the 名乗り),
  // every character has readings, and not even free characters read in a way
  // no list holds (one: a 氏 or a 名; two: a 氏名 of three characters or more)
  // make the kana, the others read by their own readings (MJ's, one-character
  // names'); else not checked. The 名乗り learnt from other names make a name
  // plausible but do not join a free character here: short and many (美 コ, ウ),
  // with one character free they made most wrong kana of the length "not
  // checked" (docs/performance.md: on the names held out, 8.7 % not checked
  // and 2.0 % of the right ones a mismatch with them, 4.4 % and 3.6 % without).
  bool mismatch_by_characters(const std::u32string& name, const std::u32string& kana,
                              std::size_t free = 1) {
    return dictionary_ != nullptr && characters_ != nullptr && all_characters_read(name) &&
           !composes(name, kana, free, false);
  }

 private:
  // True when kana[at, at + length) is one of readings with one kana's vowel
  // changed (中 ナカ written ナク): a slip in the カナ, not a reading no list
  // holds.
  static bool slip_of_a_reading(const std::u32string& kana, std::size_t at, std::size_t length,
                                const std::vector<std::u32string>& readings) {
    for (const std::u32string& reading : readings) {
      if (reading.size() != length) continue;
      std::size_t differ = 0;
      bool vowel_only = true;
      for (std::size_t k = 0; k < length; ++k) {
        if (reading[k] == kana[at + k]) continue;
        ++differ;
        vowel_only = vowel_only &&
                     grammars::kana_with_vowel(reading[k], grammars::reading_vowel(kana[at + k])) ==
                         kana[at + k];
      }
      if (differ == 1 && vowel_only) return true;
    }
    return false;
  }

  // True when reading stands in kana at at. The fold made ウ after an オ-row
  // kana オ (and イ after an エ-row one エ) across what may be two characters'
  // readings (小 コ + 内 ウチ = コウチ, folded コオチ): a reading's first ウ or イ
  // also stands for that オ or エ.
  static bool matches_at(const std::u32string& kana, std::size_t at,
                         const std::u32string& reading) {
    if (reading.empty() || at + reading.size() > kana.size()) return false;
    for (std::size_t k = 0; k < reading.size(); ++k) {
      const char32_t want = reading[k];
      const char32_t have = kana[at + k];
      if (want == have) continue;
      if (k == 0 && at > 0 &&
          ((want == U'ウ' && have == U'オ' && grammars::reading_vowel(kana[at - 1]) == U'オ') ||
           (want == U'イ' && have == U'エ' && grammars::reading_vowel(kana[at - 1]) == U'エ')))
        continue;
      return false;
    }
    return true;
  }

  // The candidate readings of name's i-th character, folded: a kana is read
  // as itself; 々 as the character before it; a kanji by its MJ readings (訓
  // with their stems: たかい → タカ, and ク キ チ ツ at the end also as ッ) and
  // its readings as a one-character name of the dictionary (名乗り: 一 カズ);
  // from the second character on, each also with its first kana voiced (連濁).
  const std::vector<std::u32string>& candidates(const std::u32string& name, std::size_t i,
                                                bool learnt = true) {
    const char32_t cp = name[i];
    const char32_t key = (cp == U'々' || cp == U'〻') && i > 0 ? name[i - 1] : cp;
    const bool later = i > 0;
    auto& slot = cache_[Key{key, later, learnt}];
    if (slot) return *slot;
    slot.emplace();
    std::vector<std::u32string>& out = *slot;
    auto add = [&out](std::u32string reading) {
      if (!reading.empty() && all_reading_kana(reading) &&
          std::find(out.begin(), out.end(), reading) == out.end())
        out.push_back(std::move(reading));
    };
    const std::string text = grammars::utf8_of(key);
    if (is_reading_kana(key) || (key >= U'ぁ' && key <= U'ゖ')) {
      add(fold_reading(text));
      // ヶ (ケ, ヵ) between the words of a name reads ガ or カ (松ヶ谷 マツガヤ, 一ヶ谷 イチカヤ).
      if (i > 0 && (key == U'ヶ' || key == U'ケ' || key == U'ヵ' || key == U'ゖ')) {
        add(U"カ");
        add(U"ガ");
      }
    } else {
      if (characters_ != nullptr) {
        std::string_view rest;
        const std::string all = characters_->character_readings(text);
        rest = all;
        while (!rest.empty()) {
          const std::size_t dot = rest.find("・");
          const std::string_view one = rest.substr(0, dot);
          rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 3);
          add_reading_forms(one, add);
        }
      }
      if (dictionary_ != nullptr) {
        for (NamePart part : {NamePart::family, NamePart::given})
          if (const auto* readings = dictionary_->readings(text, part))
            for (const std::string& reading : *readings) add(fold_reading(reading));
        // The readings the dictionaries' names show the character taking (名乗り: 心 ミ).
        if (const auto* shown = learnt ? dictionary_->character_readings(key) : nullptr)
          for (const std::u32string& reading : *shown) add(fold_reading(name_utf8(reading)));
      }
    }
    if (later) {
      const std::size_t plain = out.size();
      for (std::size_t k = 0; k < plain; ++k) {
        std::vector<std::u32string> voiced;
        grammars::append_rendaku_forms(out[k], voiced);
        for (auto& form : voiced) add(std::move(form));
      }
    }
    return out;
  }

  // A reading of the MJ table with the forms a name may use of it: the
  // reading; a 訓 (hiragana) without its okurigana (たかい → たか, たかまる →
  // たか: the last one or two kana when it ends as a verb or an adjective
  // does); an 音 ending in ク キ チ ツ with ッ there (学 ガク → ガッ, folded ガツ).
  template <typename Add>
  static void add_reading_forms(std::string_view reading, Add& add) {
    if (reading.empty()) return;
    const std::u32string folded = fold_reading(reading);
    add(folded);
    std::size_t pos = 0;
    const char32_t first = grammars::decode_utf8(reading, pos);
    const bool kun = first >= U'ぁ' && first <= U'ゖ';
    static constexpr std::u32string_view endings = U"イウクグスツヌブムルズ";
    // 転音: a 訓 ending in the エ row reads in the ア row before another word
    // (金 カネ → カナ, 酒 サケ → サカ, 船 フネ → フナ); a one-kana 訓 of
    // the イ row in the オ row (木 キ → コ, 火 ヒ → ホ).
    if (kun && folded.size() >= 2) {
      const char32_t last = folded.back();
      if (grammars::reading_vowel(last) == U'エ') {
        std::u32string bound = folded;
        bound.back() = grammars::kana_with_vowel(last, U'ア');
        add(std::move(bound));
      }
    }
    if (kun && folded.size() == 1 && grammars::reading_vowel(folded[0]) == U'イ')
      add(std::u32string(1, grammars::kana_with_vowel(folded[0], U'オ')));
    if (kun && folded.size() >= 2 && endings.find(folded.back()) != std::u32string_view::npos) {
      add(folded.substr(0, folded.size() - 1));
      if (folded.size() >= 4) add(folded.substr(0, folded.size() - 2));
    }
    static constexpr std::u32string_view stops = U"クキチツ";
    if (!kun && folded.size() >= 2 && stops.find(folded.back()) != std::u32string_view::npos) {
      std::u32string geminate = folded;
      geminate.back() = U'ツ';
      add(std::move(geminate));
    }
  }

  const NameReadings* dictionary_;
  CharacterLookup* characters_;
  struct KnownName {
    std::u32string name;
    NamePart part = NamePart::family;
    const std::vector<std::string>* readings = nullptr;
  };
  std::array<KnownName, 4> recent_;
  std::array<std::vector<char>, 3> reach_;  // composes' working rows, kept between calls
  std::array<std::vector<char>, 3> next_;
  std::size_t next_recent_ = 0;
  static constexpr std::size_t kFoldedKept = 1 << 16;
  std::unordered_map<const std::vector<std::string>*, std::vector<std::u32string>> folded_;
  struct Key {
    char32_t character;
    bool later;
    bool learnt;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const noexcept {
      return std::hash<char32_t>{}(key.character) * 4 + (key.later ? 2 : 0) + (key.learnt ? 1 : 0);
    }
  };
  std::unordered_map<Key, std::optional<std::vector<std::u32string>>, KeyHash> cache_;
};

}  // namespace reading_detail

namespace {

using reading_detail::Judge;

// Two parts' results as one: a mismatch when either is, plausible when both
// are, else not checked; the known readings paired ("サトウ ハナコ") when both
// parts are known, else those of the part the dictionary knows, and why (with explain).
ReadingResult combine_parts(const ReadingResult& family, const ReadingResult& given,
                            bool explain = true) {
  ReadingResult result;
  if (family.verdict == ReadingVerdict::mismatch || given.verdict == ReadingVerdict::mismatch) {
    result.verdict = ReadingVerdict::mismatch;
  } else if (family.verdict == ReadingVerdict::plausible &&
             given.verdict == ReadingVerdict::plausible) {
    result.verdict = ReadingVerdict::plausible;
    result.by_characters = family.by_characters || given.by_characters;
  }
  if (!explain) return result;
  if (!family.known.empty() && !given.known.empty()) {
    for (const auto& a : family.known)
      for (const auto& b : given.known)
        if (result.known.size() < kKnownShown) result.known.push_back(a + " " + b);
  } else {
    result.known = family.known.empty() ? given.known : family.known;
  }
  const bool family_off = family.verdict == ReadingVerdict::mismatch;
  const bool given_off = given.verdict == ReadingVerdict::mismatch;
  if (family_off && given_off) {
    result.why = "the name dictionary reads it " + listed_readings(result.known);
  } else if (family_off) {
    result.why = "the name dictionary reads its 氏 " + listed_readings(family.known);
  } else if (given_off) {
    result.why = "the name dictionary reads its 名 " + listed_readings(given.known);
  } else {
    result.why = family.verdict == ReadingVerdict::plausible ? given.why : family.why;
  }
  return result;
}

// Splits text at its first space (full- or half-width); nullopt without one.
std::optional<std::pair<std::string_view, std::string_view>> split_name_at_space(
    std::string_view text) {
  const std::string_view trimmed = grammars::trim_spaces(text);
  std::size_t at = trimmed.find(' ');
  std::size_t width = 1;
  const std::size_t wide = trimmed.find("　");
  if (wide != std::string_view::npos && (at == std::string_view::npos || wide < at)) {
    at = wide;
    width = 3;
  }
  if (at == std::string_view::npos) return std::nullopt;
  return std::make_pair(grammars::trim_spaces(trimmed.substr(0, at)),
                        grammars::trim_spaces(trimmed.substr(at + width)));
}

// A 氏名 split into family and given (both code points), its カナ folded in
// one piece or in two (kana_split).
ReadingResult judge_split(Judge& judge, const std::u32string& family, const std::u32string& given,
                          const std::u32string& kana,
                          const std::optional<std::size_t>& kana_split) {
  if (kana_split) {
    return combine_parts(judge.part(family, kana.substr(0, *kana_split), NamePart::family),
                         judge.part(given, kana.substr(*kana_split), NamePart::given));
  }
  // Without a space in the カナ: every place the two parts may meet. Plausible
  // when one place makes both plausible; a mismatch when every place has a
  // mismatch; else not checked.
  // Each place is asked for its verdict alone; the place answered (the
  // plausible one, else the first) again with its readings and why.
  const auto at_place = [&](std::size_t at, bool explain) {
    return combine_parts(judge.part(family, kana.substr(0, at), NamePart::family, explain),
                         judge.part(given, kana.substr(at), NamePart::given, explain), explain);
  };
  if (kana.size() < 2) return ReadingResult{};  // a カナ of one kana
  ReadingVerdict verdict = ReadingVerdict::mismatch;
  for (std::size_t at = 1; at < kana.size(); ++at) {
    const ReadingVerdict here = at_place(at, false).verdict;
    if (here == ReadingVerdict::plausible) return at_place(at, true);
    if (here == ReadingVerdict::not_checked) verdict = ReadingVerdict::not_checked;
  }
  ReadingResult result = at_place(1, true);
  result.verdict = verdict;
  result.by_characters = false;
  return result;
}

}  // namespace

std::string_view verdict_name(ReadingVerdict verdict) {
  switch (verdict) {
    case ReadingVerdict::plausible:
      return "plausible";
    case ReadingVerdict::mismatch:
      return "mismatch";
    case ReadingVerdict::not_checked:
      return "not checked";
  }
  return "not checked";
}

namespace {

// A name in kana judged against its カナ: the same reading once folded, or not.
ReadingResult judge_kana_name(std::string_view name, std::string_view kana) {
  ReadingResult result;
  const std::u32string left = fold_reading(name);
  const std::u32string right = fold_reading(kana);
  if (left == right) {
    result.verdict = ReadingVerdict::plausible;
    result.why = "both are kana and read the same";
  } else {
    result.verdict = ReadingVerdict::mismatch;
    result.known.push_back(grammars::fold_kana_reading(name));
    result.why = "the name is written in kana and reads " + result.known.front();
  }
  return result;
}

// A 氏名 written without a space. The name as one word when the dictionary
// knows it so (田中 / ワタナベ: a 氏 alone), and after each surname the dictionary
// knows at its front. Plausible when one reading of it is; else the one-word
// name's verdict when the dictionary knows the whole; else a mismatch when
// every split tried is one; else from the characters of the whole.
ReadingResult judge_unspaced_full_name(Judge& judge, const NameReadings* dictionary,
                                       const std::u32string& name, const std::u32string& kana,
                                       const std::optional<std::size_t>& kana_split) {
  ReadingResult result;
  const std::vector<std::string>* famous = nullptr;
  if (dictionary != nullptr) {  // a particular person's full name (田中角栄 タナカカクエイ)
    if (const auto* readings = dictionary->readings(name_utf8(name), NamePart::full)) {
      famous = readings;
      for (const std::string& reading : *readings) {
        if (fold_reading(reading) == kana) {
          result.verdict = ReadingVerdict::plausible;
          result.known = {reading};
          result.why = "the name dictionary reads it so";
          return result;
        }
      }
    }
  }
  std::optional<ReadingResult> whole;
  if (!kana_split && judge.known(name, NamePart::family) != nullptr) {
    whole = judge.part(name, kana, NamePart::family);
    if (whole->verdict == ReadingVerdict::plausible) return *whole;
  }
  const std::size_t longest =
      dictionary != nullptr ? std::min(dictionary->longest_family(), name.size() - 1) : 0;
  bool tried = false;
  bool all_mismatch = true;
  bool known_split = false;  // a split whose 氏 and 名 the dictionaries both know
  bool known_splits_mismatch = true;
  std::optional<ReadingResult> first_known_split;
  for (std::size_t length = longest; length >= 1; --length) {
    const std::u32string family = name.substr(0, length);
    if (dictionary->readings(name_utf8(family), NamePart::family) == nullptr) continue;
    const std::u32string given = name.substr(length);
    ReadingResult here = judge_split(judge, family, given, kana, kana_split);
    if (here.verdict == ReadingVerdict::plausible) return here;
    if (!tried) result = here;
    tried = true;
    if (here.verdict != ReadingVerdict::mismatch) all_mismatch = false;
    if (judge.known(given, NamePart::given) != nullptr) {
      known_split = true;
      if (here.verdict != ReadingVerdict::mismatch) known_splits_mismatch = false;
      if (!first_known_split) first_known_split = std::move(here);
    }
  }
  if (whole) return *whole;
  // A particular person's name read otherwise: plausible when its characters' own readings
  // make the カナ (another person of that name), else a mismatch (田中角栄 タナクカクエイ).
  if (famous != nullptr) {
    result = ReadingResult{};
    result.known = *famous;
    if (judge.composes(name, kana, 0, false)) {
      result.verdict = ReadingVerdict::plausible;
      result.by_characters = true;
      result.why = "its characters read so";
    } else {
      result.verdict = ReadingVerdict::mismatch;
      result.why = "the name dictionary reads it " + listed_readings(result.known);
    }
    return result;
  }
  // Every split into two names the dictionaries know a mismatch (佐藤|花子 read スズキハナコ;
  // 池|信平八朗 is not such a split): a mismatch. Without such a split the name may part
  // where no dictionary knows its 氏 (出樽|太郎): judged from its characters below, with
  // one character read another way, not two.
  if (known_split && known_splits_mismatch) return *first_known_split;
  // No surname known (or a split not settled): the whole name from its characters.
  result = ReadingResult{};
  if (judge.composes(name, kana)) {
    result.verdict = ReadingVerdict::plausible;
    result.by_characters = true;
    result.why = "its characters read so";
  } else if (judge.mismatch_by_characters(name, kana,
                                          (tried && all_mismatch) || name.size() < 3 ? 1 : 2)) {
    result.verdict = ReadingVerdict::mismatch;
    result.why = kNoCharacterReading;
  } else {
    result.why = kUnknownName;
  }
  return result;
}

// A name in Latin letters against its カナ (grammars/dictionaries/latin_kana):
// each word by the table's spellings, or as the dictionaries write a foreign
// name of that spelling.
ReadingResult judge_latin_written_name(const NameReadings* dictionary, std::string_view name,
                                       std::string_view kana) {
  const grammars::LatinNameResult latin = grammars::judge_latin_name(
      name, kana,
      [dictionary](std::string_view word) -> const std::vector<std::string>* {
        return dictionary != nullptr ? dictionary->foreign_readings(grammars::fold_latin_word(word))
                                     : nullptr;
      },
      [dictionary](std::string_view romaji) {
        return dictionary != nullptr && dictionary->is_romaji_of_a_name(romaji);
      });
  ReadingResult result;
  switch (latin.verdict) {
    case grammars::LatinReading::plausible:
      result.verdict = ReadingVerdict::plausible;
      result.why = "its letters read so: " + latin.reason;
      break;
    case grammars::LatinReading::mismatch:
      result.verdict = ReadingVerdict::mismatch;
      result.why = "its letters do not read so: " + latin.reason;
      break;
    case grammars::LatinReading::not_checked:
      result.why = "its letters neither read so for sure nor otherwise: " + latin.reason;
      break;
  }
  return result;
}

// One plain form of a name (name_forms) against one of its カナ.
ReadingResult judge_plain_name(Judge& judge, std::string_view kanji, std::string_view kana,
                               NamePart part) {
  const NameReadings* dictionary = judge.dictionary();
  CharacterLookup* characters = judge.characters();
  ReadingResult result;
  const NameScript script = name_script(kanji);
  if (script == NameScript::empty || name_script(kana) != NameScript::kana) {
    result.why = script == NameScript::empty ? "the name is empty" : "the カナ is not kana";
    return result;
  }
  if (script == NameScript::kana) return judge_kana_name(kanji, kana);
  if (script == NameScript::latin) return judge_latin_written_name(dictionary, kanji, kana);
  if (part != NamePart::full) {
    const std::u32string folded = fold_reading(kana);
    if (!all_reading_kana(folded)) return result;
    return judge.part(name_characters(characters, kanji), folded, part);
  }
  // The カナ's own space, when it has one, says where its parts meet.
  std::u32string folded_kana;
  std::optional<std::size_t> kana_split;
  if (const auto parts = split_name_at_space(kana)) {
    const std::u32string family = fold_reading(parts->first);
    folded_kana = family + fold_reading(parts->second);
    if (!family.empty()) kana_split = family.size();
  } else {
    folded_kana = fold_reading(kana);
  }
  if (!all_reading_kana(folded_kana)) return result;
  if (const auto parts = split_name_at_space(kanji)) {
    return judge_split(judge, name_characters(characters, parts->first),
                       name_characters(characters, parts->second), folded_kana, kana_split);
  }
  const std::u32string name = name_characters(characters, kanji);
  if (name.empty()) return result;
  return judge_unspaced_full_name(judge, dictionary, name, folded_kana, kana_split);
}

// The order of verdicts when several forms are judged: one plausible form
// makes the name plausible; a mismatch stands only when every form is one.
int verdict_rank(ReadingVerdict verdict) {
  switch (verdict) {
    case ReadingVerdict::plausible:
      return 2;
    case ReadingVerdict::not_checked:
      return 1;
    case ReadingVerdict::mismatch:
      return 0;
  }
  return 1;
}

}  // namespace

NameReadingJudge::NameReadingJudge(const NameReadings* dictionary, CharacterLookup* characters)
    : judge_(std::make_unique<reading_detail::Judge>(dictionary, characters)) {}

NameReadingJudge::~NameReadingJudge() = default;

ReadingResult NameReadingJudge::judge(std::string_view kanji, std::string_view kana,
                                      NamePart part) {
  const std::vector<std::string> names = name_forms(kanji);
  const std::vector<std::string> kanas = name_forms(kana);
  std::optional<ReadingResult> best;
  for (const std::string& name : names) {
    for (const std::string& reading : kanas) {
      ReadingResult here = judge_plain_name(*judge_, name, reading, part);
      if (!best || verdict_rank(here.verdict) > verdict_rank(best->verdict)) best = std::move(here);
      if (best->verdict == ReadingVerdict::plausible) return *best;
    }
  }
  return best ? *best : ReadingResult{};
}

ReadingResult judge_name_reading(const NameReadings* dictionary, CharacterLookup* characters,
                                 std::string_view kanji, std::string_view kana, NamePart part) {
  return NameReadingJudge(dictionary, characters).judge(kanji, kana, part);
}

ReadingVerdict check_name_reading(const NameReadings& dictionary, CharacterLookup* characters,
                                  std::string_view kanji, std::string_view kana, NamePart part) {
  return judge_name_reading(&dictionary, characters, kanji, kana, part).verdict;
}

ReadingResult judge_reading_by_characters(const NameReadings* dictionary,
                                          CharacterLookup* characters, std::string_view text,
                                          std::string_view kana) {
  ReadingResult result;
  const std::u32string folded = fold_reading(kana);
  const std::u32string name = name_characters(characters, text);
  if (name.empty() || !all_reading_kana(folded)) return result;
  Judge judge(dictionary, characters);
  if (judge.composes(name, folded)) {
    result.verdict = ReadingVerdict::plausible;
    result.by_characters = true;
  }
  return result;
}

namespace {

// The kind of a name item by its id (the last part of its path).
ReadingItem reading_item_of(const FieldSpec& name) {
  const std::string_view id = name.id.empty() ? std::string_view(name.path) : name.id;
  if (id == "familyName") return ReadingItem::family;
  if (id == "givenName") return ReadingItem::given;
  if (id == "fullName") return ReadingItem::full;
  if (id == "tradeName") return ReadingItem::corporate;
  return ReadingItem::other;
}

// A corporation's name without its legal forms (written out first: ㈱ is
// 株式会社), wherever they stand; the name as it is when nothing else is left.
std::string without_legal_forms(std::string_view name) {
  const grammars::LegalForms& forms = grammars::legal_forms();
  std::string text = forms.write_out(name);
  for (const grammars::LegalForm& form : forms.forms()) {
    std::size_t at = 0;
    while ((at = text.find(form.canonical, at)) != std::string::npos)
      text.erase(at, form.canonical.size());
  }
  return grammars::trim_spaces(text).empty() ? std::string(name) : text;
}

}  // namespace

std::vector<ReadingPair> reading_pairs(const Model& model,
                                       const std::function<int(const std::string&)>& column_of) {
  std::vector<ReadingPair> pairs;
  constexpr std::string_view kKanaId = "Kana";
  static constexpr std::string_view kKanaLabels[] = {"_カナ", "（カナ）"};
  for (const FieldSpec& kana : model.fields) {
    const FieldSpec* name = nullptr;
    if (kana.path.size() > kKanaId.size() && kana.path.ends_with(kKanaId)) {
      const std::string base = kana.path.substr(0, kana.path.size() - kKanaId.size());
      for (const FieldSpec& field : model.fields)
        if (field.path == base) name = &field;
    }
    for (std::string_view suffix : kKanaLabels) {
      if (name != nullptr || kana.label.size() <= suffix.size() || !kana.label.ends_with(suffix))
        continue;
      const std::string_view base =
          std::string_view(kana.label).substr(0, kana.label.size() - suffix.size());
      for (const FieldSpec& field : model.fields)
        if (field.label == base && field.part == kana.part) name = &field;
    }
    if (name == nullptr) continue;
    const int name_column = column_of(name->path);
    const int kana_column = column_of(kana.path);
    if (name_column < 0 || kana_column < 0) continue;
    pairs.push_back({static_cast<std::size_t>(name_column), static_cast<std::size_t>(kana_column),
                     reading_item_of(*name)});
  }
  return pairs;
}

ReadingResult judge_item_reading(const NameReadings* dictionary, CharacterLookup* characters,
                                 ReadingItem item, std::string_view name, std::string_view kana) {
  switch (item) {
    case ReadingItem::family:
      return judge_name_reading(dictionary, characters, name, kana, NamePart::family);
    case ReadingItem::given:
      return judge_name_reading(dictionary, characters, name, kana, NamePart::given);
    case ReadingItem::full:
      return judge_name_reading(dictionary, characters, name, kana, NamePart::full);
    case ReadingItem::corporate: {
      ReadingResult result =
          judge_reading_by_characters(dictionary, characters, without_legal_forms(name), kana);
      if (result.verdict == ReadingVerdict::plausible) return result;
      return judge_reading_by_characters(dictionary, characters,
                                         grammars::legal_forms().write_out(name), kana);
    }
    case ReadingItem::other:
      break;
  }
  return judge_reading_by_characters(dictionary, characters, name, kana);
}

}  // namespace gifkit::models
