// name_character_readings.cpp — see name_character_readings.hpp.
#include "grammars/dictionaries/name_character_readings.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {

namespace {

constexpr std::size_t kMaxPiece = 4;         // kana one character reads as, at most
constexpr std::size_t kMaxOneCharacter = 6;  // a one-character name's reading, at most
constexpr std::size_t kMaxName = 8;          // characters of a name aligned, at most
constexpr std::uint32_t kKana = std::numeric_limits<std::uint32_t>::max();

bool is_learnt_katakana(char32_t cp) {
  return (cp >= U'ァ' && cp <= U'ヶ') || cp == U'ー';
}

// A character's reading cannot begin with a small kana, ン, ッ or ー.
bool can_begin(char32_t cp) {
  switch (cp) {
    case U'ァ':
    case U'ィ':
    case U'ゥ':
    case U'ェ':
    case U'ォ':
    case U'ッ':
    case U'ャ':
    case U'ュ':
    case U'ョ':
    case U'ヮ':
    case U'ヵ':
    case U'ヶ':
    case U'ン':
    case U'ー':
      return false;
    default:
      return true;
  }
}

// (character, reading of at most four kana) as one number: 21 bits of the
// character, 7 bits a kana.
std::uint64_t key_of(char32_t character, std::u32string_view piece) {
  std::uint64_t key = character;
  for (std::size_t k = 0; k < kMaxPiece; ++k)
    key = key << 7 | (k < piece.size() ? piece[k] - 0x30A0 : 0);
  return key;
}

char32_t character_of(std::uint64_t key) {
  return static_cast<char32_t>(key >> (7 * kMaxPiece));
}

std::u32string piece_of(std::uint64_t key) {
  std::u32string piece;
  for (std::size_t k = kMaxPiece; k-- > 0;) {
    const auto kana = static_cast<char32_t>(key >> (7 * k) & 0x7F);
    if (kana != 0) piece.push_back(0x30A0 + kana);
  }
  return piece;
}

// The unvoiced form of a reading's first kana (ガ → カ, ザ → サ, ジ → シ, ズ →
// ス, ダ → タ, バ/パ → ハ …); 0 when it is not voiced.
char32_t unvoiced(char32_t cp) {
  if ((cp >= U'ガ' && cp <= U'ド' && (cp - U'ガ') % 2 == 0 && cp != U'ッ' && cp < U'ッ') ||
      (cp >= U'ヅ' && cp <= U'ド' && (cp - U'ヅ') % 2 == 0))
    return cp - 1;
  if (cp >= U'バ' && cp <= U'ポ') {
    const int offset = static_cast<int>(cp - U'ハ') % 3;
    if (offset != 0) return cp - static_cast<char32_t>(offset);
  }
  return 0;
}

struct Candidate {
  std::uint32_t id;  // kKana for a kana standing for itself
  std::uint8_t character;
  std::uint8_t from;
  std::uint8_t to;
};

struct Name {
  std::uint32_t first;  // its candidates: [first, last)
  std::uint32_t last;
  std::uint8_t characters;
  std::uint8_t kana;
};

class Learner {
 public:
  explicit Learner(const CharacterReadingOptions& options)
      : options_(options), max_kana_(std::clamp<std::size_t>(options.max_kana, 1, kMaxPiece)) {}

  void add(const NameAndReading& pair) {
    decode(pair.reading, reading_);
    const std::u32string& reading = reading_;
    if (reading.empty() || !std::all_of(reading.begin(), reading.end(), is_learnt_katakana)) return;
    decode(pair.name, name_);
    std::u32string& name = name_;
    for (std::size_t i = 0; i < name.size(); ++i) {
      if (name[i] == U'々' || name[i] == U'〻') {
        if (i == 0) return;
        name[i] = name[i - 1];
      }
    }
    if (name.size() == 1) {
      if (reading.size() <= kMaxOneCharacter && !is_kana(name[0]))
        direct_[name[0]].push_back(reading);
      return;
    }
    if (name.empty() || name.size() > kMaxName || reading.size() < name.size() ||
        reading.size() > max_kana_ * name.size())
      return;
    const std::size_t n = name.size(), m = reading.size();
    const auto first = static_cast<std::uint32_t>(candidates_.size());
    for (std::size_t i = 0; i < n; ++i) {
      const char32_t kana = kana_of(name[i]);
      for (std::size_t p = i; p <= i * max_kana_ && p < m; ++p) {
        if (!can_begin(reading[p])) continue;
        for (std::size_t q = p + 1; q <= p + max_kana_ && q <= m; ++q) {
          const std::size_t left = n - 1 - i;
          if (m - q < left || m - q > left * max_kana_) continue;
          if (q < m && !can_begin(reading[q])) continue;
          std::uint32_t id = kKana;
          if (kana != 0) {
            if (q != p + 1 || reading[p] != kana) continue;
          } else {
            id = intern(key_of(name[i], std::u32string_view(reading).substr(p, q - p)));
          }
          candidates_.push_back({id, static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(p),
                                 static_cast<std::uint8_t>(q)});
        }
      }
    }
    names_.push_back({first, static_cast<std::uint32_t>(candidates_.size()),
                      static_cast<std::uint8_t>(n), static_cast<std::uint8_t>(m)});
  }

  CharacterReadingMap learn() {
    link_unvoiced();
    count_every_alignment();
    for (std::uint32_t round = 0; round < options_.rounds; ++round) count_likeliest();
    CharacterReadingMap out;
    std::vector<std::pair<double, std::uint32_t>> kept;
    for (std::uint32_t id = 0; id < counts_.size(); ++id)
      if (counts_[id] >= options_.min_names) kept.emplace_back(-counts_[id], id);
    std::sort(kept.begin(), kept.end());
    for (const auto& [count, id] : kept)
      out[character_of(keys_[id])].push_back(piece_of(keys_[id]));
    for (auto& [character, readings] : direct_) {
      auto& have = out[character];
      for (auto& reading : readings)
        if (std::find(have.begin(), have.end(), reading) == have.end())
          have.push_back(std::move(reading));
    }
    return out;
  }

 private:
  static bool is_kana(char32_t cp) {
    return (cp >= U'ぁ' && cp <= U'ゖ') || (cp >= U'ァ' && cp <= U'ヺ');
  }
  static char32_t kana_of(char32_t cp) {
    if (cp >= U'ぁ' && cp <= U'ゖ') return cp + (U'ァ' - U'ぁ');
    return cp >= U'ァ' && cp <= U'ヺ' ? cp : 0;
  }

  static void decode(std::string_view utf8, std::u32string& out) {
    out.clear();
    std::size_t pos = 0;
    while (pos < utf8.size()) out.push_back(decode_utf8(utf8, pos));
  }

  // The id of key (open addressing, linear probing; keys are never 0).
  std::uint32_t intern(std::uint64_t key) {
    if ((keys_.size() + 1) * 2 > slots_.size()) grow();
    std::size_t at = slot_of(key);
    while (slots_[at].key != 0) {
      if (slots_[at].key == key) return slots_[at].id;
      at = (at + 1) & (slots_.size() - 1);
    }
    slots_[at] = {key, static_cast<std::uint32_t>(keys_.size())};
    keys_.push_back(key);
    return slots_[at].id;
  }

  // The id of key, or kKana when it has none.
  std::uint32_t find(std::uint64_t key) const {
    if (slots_.empty()) return kKana;
    std::size_t at = slot_of(key);
    while (slots_[at].key != 0) {
      if (slots_[at].key == key) return slots_[at].id;
      at = (at + 1) & (slots_.size() - 1);
    }
    return kKana;
  }

  std::size_t slot_of(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & (slots_.size() - 1);
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? std::size_t{1} << 16 : old.size() * 2, Slot{});
    for (const Slot& slot : old) {
      if (slot.key == 0) continue;
      std::size_t at = slot_of(slot.key);
      while (slots_[at].key != 0) at = (at + 1) & (slots_.size() - 1);
      slots_[at] = slot;
    }
  }

  // Each reading's unvoiced form, where that is a reading seen too.
  void link_unvoiced() {
    unvoiced_.assign(keys_.size(), kKana);
    character_index_.assign(keys_.size(), 0);
    std::unordered_map<char32_t, std::uint32_t> characters;
    for (std::uint32_t id = 0; id < keys_.size(); ++id) {
      const char32_t character = character_of(keys_[id]);
      character_index_[id] =
          characters.try_emplace(character, static_cast<std::uint32_t>(characters.size()))
              .first->second;
      std::u32string piece = piece_of(keys_[id]);
      const char32_t plain = unvoiced(piece[0]);
      if (plain == 0) continue;
      piece[0] = plain;
      unvoiced_[id] = find(key_of(character, piece));
    }
    totals_.assign(characters.size(), 0);
    counts_.assign(keys_.size(), 0);
  }

  // Round 0: every alignment of a name counts 1 / (its number of alignments).
  void count_every_alignment() {
    std::vector<double> forward, backward;
    for (const Name& name : names_) {
      const std::size_t width = name.kana + 1;
      forward.assign((name.characters + 1) * width, 0);
      backward.assign((name.characters + 1) * width, 0);
      forward[0] = 1;
      backward[name.characters * width + name.kana] = 1;
      for (std::uint32_t c = name.first; c < name.last; ++c) {
        const Candidate& cand = candidates_[c];
        forward[(cand.character + 1) * width + cand.to] +=
            forward[cand.character * width + cand.from];
      }
      for (std::uint32_t c = name.last; c-- > name.first;) {
        const Candidate& cand = candidates_[c];
        backward[cand.character * width + cand.from] +=
            backward[(cand.character + 1) * width + cand.to];
      }
      const double all = forward[name.characters * width + name.kana];
      if (all <= 0) continue;
      for (std::uint32_t c = name.first; c < name.last; ++c) {
        const Candidate& cand = candidates_[c];
        if (cand.id == kKana) continue;
        const double share = forward[cand.character * width + cand.from] *
                             backward[(cand.character + 1) * width + cand.to] / all;
        counts_[cand.id] += share;
      }
    }
    add_totals();
  }

  void add_totals() {
    std::fill(totals_.begin(), totals_.end(), 0);
    for (std::uint32_t id = 0; id < counts_.size(); ++id)
      totals_[character_index_[id]] += counts_[id];
  }

  // Each reading's log share of its character's counts, at the name's
  // first character (first_) and after it (later_, its unvoiced form's
  // counts added).
  void score_all() {
    first_.resize(counts_.size());
    later_.resize(counts_.size());
    for (std::uint32_t id = 0; id < counts_.size(); ++id) {
      const double total = std::log(totals_[character_index_[id]] + 1);
      first_[id] = static_cast<float>(std::log(counts_[id] + 0.01) - total);
      later_[id] =
          unvoiced_[id] == kKana
              ? first_[id]
              : static_cast<float>(std::log(counts_[id] + counts_[unvoiced_[id]] + 0.01) - total);
    }
  }

  double score(const Candidate& cand) const {
    if (cand.id == kKana) return 0;
    return cand.character > 0 ? later_[cand.id] : first_[cand.id];
  }

  // A round: each name counts once, for its likeliest alignment.
  void count_likeliest() {
    score_all();
    std::vector<double> next(counts_.size(), 0);
    std::vector<double> best;
    std::vector<std::uint32_t> from;
    constexpr double kNone = -std::numeric_limits<double>::infinity();
    for (const Name& name : names_) {
      const std::size_t width = name.kana + 1;
      best.assign((name.characters + 1) * width, kNone);
      from.assign((name.characters + 1) * width, kKana);
      best[0] = 0;
      for (std::uint32_t c = name.first; c < name.last; ++c) {
        const Candidate& cand = candidates_[c];
        const double before = best[cand.character * width + cand.from];
        if (before == kNone) continue;
        const double here = before + score(cand);
        double& slot = best[(cand.character + 1) * width + cand.to];
        if (here > slot) {
          slot = here;
          from[(cand.character + 1) * width + cand.to] = c;
        }
      }
      std::size_t at = name.characters * width + name.kana;
      if (best[at] == kNone) continue;
      while (at != 0) {
        const Candidate& cand = candidates_[from[at]];
        if (cand.id != kKana) next[cand.id] += 1;
        at = cand.character * width + cand.from;
      }
    }
    counts_.swap(next);
    add_totals();
  }

  const CharacterReadingOptions& options_;
  std::size_t max_kana_;
  std::vector<Candidate> candidates_;
  std::vector<Name> names_;
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t id = 0;
  };
  std::vector<Slot> slots_;
  std::vector<float> first_, later_;
  std::u32string name_, reading_;
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> unvoiced_;
  std::vector<std::uint32_t> character_index_;
  std::vector<double> counts_;
  std::vector<double> totals_;
  std::unordered_map<char32_t, std::vector<std::u32string>> direct_;
};

}  // namespace

CharacterReadingMap learn_character_readings(const std::vector<NameAndReading>& names,
                                             const CharacterReadingOptions& options) {
  Learner learner(options);
  for (const NameAndReading& pair : names) learner.add(pair);
  return learner.learn();
}

}  // namespace gifkit::grammars
