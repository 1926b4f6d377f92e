// test_name_dictionary_bench.cpp — how far the characters' readings learnt
// from the name dictionaries (grammars/dictionaries/name_reading_dictionary.hpp,
// NameReadings::character_readings) go for a name no dictionary knows: 10 % of
// the family and given headwords (by an FNV-1a hash of the headword) are held
// out of the dictionaries and of the learning; each held-out (name, reading)
// pair is composed from its characters' readings (learnt, MJ, both: one after
// another, 連濁 on the first kana after the first character, 々 as the one
// before), and so are wrong pairs made by giving each held-out name the
// reading of another of as many characters and about as many kana, and
// harder ones made by changing one kana of the right reading. Prints
// the coverage of the right pairs and the false coverage of the wrong ones
// per setting. Hidden (needs the installed dictionaries and the MJ table):
//   build/tests/test_models "[.bench]" -s
// room: checks
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "grammars/dictionaries/name_reading_dictionary.hpp"
#include "grammars/text/edit_distance.hpp"
#include "grammars/text/kana_reading.hpp"
#include "grammars/text/utf8.hpp"
#include "model_test_support.hpp"
#include "models/engine/checks/character_data_lookup.hpp"
#include "registries/moji/character_data.hpp"

using namespace gifkit::models;
namespace grammars = gifkit::grammars;
namespace moji = gifkit::registries::moji;
using gifkit::models::testing::kDataDir;

namespace {

bool held_out(std::string_view headword) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char byte : headword) hash = (hash ^ byte) * 16777619u;
  return hash % 10 == 0;
}

bool kanji_name(const std::u32string& name) {
  if (name.empty() || name.size() > 4 || name[0] == U'々') return false;
  for (char32_t cp : name)
    if (!((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || cp == U'々' ||
          (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF)))
      return false;
  return true;
}

struct Pair {
  std::string name;
  std::u32string characters;
  std::u32string reading;  // folded
};

// The candidate readings of one character, folded (as the check composes them).
class Composer {
 public:
  Composer(const grammars::NameReadings* learnt, CharacterLookup* mj) : learnt_(learnt), mj_(mj) {}

  bool composes(const std::u32string& name, const std::u32string& kana) {
    std::vector<char> reach(kana.size() + 1, 0);
    reach[0] = 1;
    for (std::size_t i = 0; i < name.size(); ++i) {
      const auto& readings = candidates(name, i);
      std::vector<char> next(kana.size() + 1, 0);
      bool any = false;
      for (std::size_t at = 0; at < kana.size(); ++at) {
        if (!reach[at]) continue;
        for (const auto& reading : readings)
          if (matches_at(kana, at, reading)) {
            next[at + reading.size()] = 1;
            any = true;
          }
      }
      if (!any) return false;
      reach.swap(next);
    }
    return reach[kana.size()] != 0;
  }

 private:
  static char row(char32_t cp) {
    static constexpr std::u32string_view o = U"オコゴソゾトドノホボポモヨョロヲ";
    static constexpr std::u32string_view e = U"エケゲセゼテデネヘベペメレ";
    if (o.find(cp) != std::u32string_view::npos) return 'o';
    if (e.find(cp) != std::u32string_view::npos) return 'e';
    return 0;
  }
  static bool matches_at(const std::u32string& kana, std::size_t at,
                         const std::u32string& reading) {
    if (reading.empty() || at + reading.size() > kana.size()) return false;
    for (std::size_t k = 0; k < reading.size(); ++k) {
      const char32_t want = reading[k], have = kana[at + k];
      if (want == have) continue;
      if (k == 0 && at > 0 &&
          ((want == U'ウ' && have == U'オ' && row(kana[at - 1]) == 'o') ||
           (want == U'イ' && have == U'エ' && row(kana[at - 1]) == 'e')))
        continue;
      return false;
    }
    return true;
  }

  const std::vector<std::u32string>& candidates(const std::u32string& name, std::size_t i) {
    const char32_t key = name[i] == U'々' && i > 0 ? name[i - 1] : name[i];
    auto& slot = cache_[{key, i > 0}];
    if (!slot.empty()) return slot;
    auto add = [&slot](std::u32string reading) {
      if (!reading.empty() && std::find(slot.begin(), slot.end(), reading) == slot.end())
        slot.push_back(std::move(reading));
    };
    if (mj_ != nullptr) {
      const std::string all = mj_->character_readings(grammars::utf8_of(key));
      std::string_view rest = all;
      while (!rest.empty()) {
        const std::size_t dot = rest.find("・");
        const std::string_view one = rest.substr(0, dot);
        rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 3);
        if (one.empty()) continue;
        const std::u32string folded = grammars::fold_reading(one);
        add(folded);
        const bool kun = static_cast<unsigned char>(one[1]) == 0x81 ||
                         (static_cast<unsigned char>(one[1]) == 0x82 &&
                          static_cast<unsigned char>(one[2]) < 0xA0);
        static constexpr std::u32string_view endings = U"イウクグスツヌブムルズ";
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
    }
    if (learnt_ != nullptr)
      if (const auto* readings = learnt_->character_readings(key))
        for (const auto& reading : *readings)
          add(grammars::fold_reading(grammars::utf8_of(reading)));
    if (i > 0) {
      const std::size_t plain = slot.size();
      for (std::size_t k = 0; k < plain; ++k) {
        std::vector<std::u32string> voiced;
        grammars::append_rendaku_forms(slot[k], voiced);
        for (auto& form : voiced) add(std::move(form));
      }
    }
    if (slot.empty()) slot.push_back(U"\uFFFF");  // nothing: never matches
    return slot;
  }

  const grammars::NameReadings* learnt_;
  CharacterLookup* mj_;
  std::map<std::pair<char32_t, bool>, std::vector<std::u32string>> cache_;
};

double percent(std::size_t part, std::size_t all) {
  return all == 0 ? 0 : 100.0 * static_cast<double>(part) / static_cast<double>(all);
}

}  // namespace

TEST_CASE("name-dictionary-bench composing held-out names from learnt readings", "[.bench]") {
  const auto paths = grammars::default_name_dictionary_paths();
  if (!std::filesystem::exists(paths.enamdict) ||
      !std::filesystem::exists(kDataDir / "moji" / "mojikiban_moji.csv")) {
    WARN("ENAMDICT or the MJ table not found: skipped");
    return;
  }
  static const moji::CharacterData data(moji::folder_rows(kDataDir / "moji"));
  CharacterDataLookup mj(data);

  // The right pairs: every reading of each held-out headword, from the whole dictionaries.
  const grammars::NameReadings all = grammars::read_name_dictionaries(paths);
  std::vector<Pair> positives;
  std::map<std::string, std::vector<std::u32string>> truth;
  for (auto part : {grammars::NamePart::family, grammars::NamePart::given}) {
    all.for_each(part, [&](const std::string& headword, const std::vector<std::string>& readings) {
      if (!held_out(headword)) return;
      const std::u32string characters = grammars::to_code_points(headword);
      if (!kanji_name(characters)) return;
      for (const auto& reading : readings) {
        std::u32string folded = grammars::fold_reading(reading);
        auto& known = truth[headword];
        if (std::find(known.begin(), known.end(), folded) != known.end()) continue;
        known.push_back(folded);
        positives.push_back({headword, characters, folded});
      }
    });
  }
  std::sort(positives.begin(), positives.end(), [](const Pair& a, const Pair& b) {
    return std::tie(a.characters, a.reading) < std::tie(b.characters, b.reading);
  });
  // The wrong pairs: a name with the reading of another held-out name of as
  // many characters and a reading at most one kana longer or shorter.
  std::vector<Pair> negatives;
  {
    std::vector<std::size_t> order(positives.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return positives[a].characters.size() < positives[b].characters.size();
    });
    for (std::size_t k = 0; k < order.size(); ++k) {
      const Pair& name = positives[order[k]];
      for (std::size_t step = 97; step < 97 + 50; ++step) {
        const Pair& other = positives[order[(k + step) % order.size()]];
        if (other.characters.size() != name.characters.size()) continue;
        const auto gap =
            static_cast<long>(other.reading.size()) - static_cast<long>(name.reading.size());
        if (gap < -1 || gap > 1) continue;
        const auto& known = truth[name.name];
        if (std::find(known.begin(), known.end(), other.reading) != known.end()) continue;
        negatives.push_back({name.name, name.characters, other.reading});
        break;
      }
    }
  }
  // Harder wrong pairs: the right reading with one kana changed (a typo's
  // distance), at a place and to a kana chosen by the pair's index.
  std::vector<Pair> near;
  {
    static constexpr std::u32string_view kana =
        U"アイウエオカキクケコサシスセソタチツテトナニヌネノ"
        U"ハヒフヘホマミムメモヤユヨラリルレロワンガギグゲゴ";
    for (std::size_t k = 0; k < positives.size(); ++k) {
      const Pair& pair = positives[k];
      if (pair.reading.empty()) continue;
      std::u32string changed = pair.reading;
      const std::size_t at = k % changed.size();
      changed[at] = kana[(kana.find(changed[at]) + 1 + k % 7) % kana.size()];
      const auto& known = truth[pair.name];
      if (std::find(known.begin(), known.end(), changed) != known.end()) continue;
      near.push_back({pair.name, pair.characters, changed});
    }
  }
  std::printf(
      "held-out pairs: %zu right, %zu wrong, %zu with one kana changed (of %zu family + %zu "
      "given headwords)\n",
      positives.size(), negatives.size(), near.size(), all.family_count(), all.given_count());

  auto run = [&](const char* label, const grammars::NameReadings* learnt, CharacterLookup* chars) {
    Composer composer(learnt, chars);
    std::size_t right = 0, wrong = 0;
    std::map<std::size_t, std::pair<std::size_t, std::size_t>> by_length;
    for (const Pair& pair : positives) {
      const bool yes = composer.composes(pair.characters, pair.reading);
      right += yes;
      auto& [hit, of] = by_length[pair.characters.size()];
      hit += yes;
      ++of;
    }
    for (const Pair& pair : negatives) wrong += composer.composes(pair.characters, pair.reading);
    std::size_t typo = 0;
    for (const Pair& pair : near) typo += composer.composes(pair.characters, pair.reading);
    std::printf("%-58s right composed %6zu/%zu = %5.1f %%  wrong composed %6zu/%zu = %5.1f %%  |",
                label, right, positives.size(), percent(right, positives.size()), wrong,
                negatives.size(), percent(wrong, negatives.size()));
    std::printf(" one kana changed %5.1f %% |", percent(typo, near.size()));
    for (const auto& [length, counts] : by_length)
      std::printf(" %zu chars %.1f %%", length, percent(counts.first, counts.second));
    std::printf("\n");
  };
  run("MJ only", nullptr, &mj);
  struct Setting {
    std::uint32_t min_names, rounds, max_kana;
    bool unclassified;
  };
  std::vector<Setting> settings{{3, 1, 4, false}};  // the defaults
  if (std::getenv("GIFKIT_BENCH_SWEEP") != nullptr)
    settings = {{2, 3, 4, false}, {3, 3, 4, false}, {5, 3, 4, false}, {10, 3, 4, false},
                {2, 3, 4, true},  {3, 3, 4, true},  {3, 2, 4, false}, {3, 1, 4, false},
                {3, 3, 3, false}, {3, 2, 3, false}};
  for (const Setting& setting : settings) {
    grammars::CharacterReadingOptions options;
    options.min_names = setting.min_names;
    options.rounds = setting.rounds;
    options.max_kana = setting.max_kana;
    options.use_unclassified = setting.unclassified;
    const auto start = std::chrono::steady_clock::now();
    const grammars::NameReadings learnt = grammars::read_name_dictionaries(
        paths, [](std::string_view headword) { return !held_out(headword); }, options);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    char label[120];
    std::snprintf(label, sizeof label, "N=%u rounds=%u kana<=%u%s (%zu chars, %.0f ms) learnt",
                  setting.min_names, setting.rounds, setting.max_kana,
                  setting.unclassified ? " +u" : "", learnt.character_count(), ms);
    run(label, &learnt, nullptr);
    std::snprintf(label, sizeof label, "N=%u rounds=%u kana<=%u%s learnt + MJ", setting.min_names,
                  setting.rounds, setting.max_kana, setting.unclassified ? " +u" : "");
    run(label, &learnt, &mj);
  }
  CHECK(!positives.empty());
}
