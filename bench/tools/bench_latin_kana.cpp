// bench_latin_kana.cpp — how well and how fast grammars::judge_latin_name
// tells a カナ that reads a Latin-letter name from one that does not, measured
// on ENAMDICT (public: /usr/share/edict/enamdict, EUC-JP, given here already
// converted to UTF-8 by run_latin_kana_bench.sh). Positives are its own pairs:
// (a) a katakana headword and its one Latin gloss (ジョエル /(m) Joel/), (b) a
// kanji headword's reading and its romanised gloss (田中 [たなか] /(s) Tanaka/ →
// Tanaka / タナカ), (c) two (a) names as a full name, kana with a space, in the
// same and the swapped order and without the space, (d) its full names (h)
// with a Latin gloss of two or more words, (e) as (a) with every one-word
// gloss of an entry of several (ジョン: Jon, John, Gjon, Jonathan; harsher).
// Negatives: the same Latin with the kana of another entry of about the same
// length (±1 character; for (c) one word's kana replaced). Rules only (no
// dictionary). Prints per set the verdicts on positives and negatives, the
// share right (a positive not called mismatch, a negative called mismatch),
// the share not checked, and pairs per second of the thread's CPU time (one
// core; and per wall second). Usage:
// bench_latin_kana ENAMDICT_UTF8 [SHOW [SETS]]: SHOW prints that many wrong
// verdicts of each set, SETS the sets to run (default abcde).
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "grammars/dictionaries/latin_kana.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"

using namespace gifkit::grammars;

namespace {

struct Pair {
  std::string latin;
  std::string kana;
  bool positive = true;
};

struct Entry {
  std::string latin;
  std::string kana;
  std::size_t length = 0;  // kana code points
};

// Whether text is not empty and each of its code points is in [first, last] or ー.
bool is_kana_word(const std::string& text, char32_t first, char32_t last) {
  if (text.empty()) return false;
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = decode_utf8(text, pos);
    if (!((cp >= first && cp <= last) || cp == U'ー')) return false;
  }
  return true;
}
bool is_katakana_word(const std::string& text) {
  return is_kana_word(text, U'ァ', U'ヺ');
}
bool is_hiragana_word(const std::string& text) {
  return is_kana_word(text, U'ぁ', U'ゖ');
}

// ASCII letters only, words separated by single spaces; count of words.
std::size_t latin_words(const std::string& text) {
  if (text.empty() || text.front() == ' ' || text.back() == ' ') return 0;
  std::size_t words = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ') {
      if (text[i + 1] == ' ') return 0;
      ++words;
    } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      return 0;
    }
  }
  return words;
}

// The glosses of an entry's line with the tag each stands under: "/(m) Joel/(f) Joelle/".
std::vector<std::pair<std::string, std::string>> glosses(const std::string& body) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string tag;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('/', start);
    if (end == std::string::npos) end = body.size();
    std::string gloss = body.substr(start, end - start);
    start = end + 1;
    while (!gloss.empty() && gloss.front() == '(') {
      const auto close = gloss.find(')');
      if (close == std::string::npos) break;
      tag = gloss.substr(1, close - 1);
      gloss = gloss.substr(close + 1);
      while (!gloss.empty() && gloss.front() == ' ') gloss.erase(0, 1);
    }
    if (!gloss.empty()) out.emplace_back(tag, gloss);
  }
  return out;
}

bool person_tag(const std::string& tag) {
  return tag == "s" || tag == "g" || tag == "m" || tag == "f" || tag == "u";
}

std::size_t code_points(const std::string& text) {
  return count_code_points(text);
}

// A deterministic generator (the sets are the same on every run).
struct Lcg {
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  std::uint64_t next() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state >> 33;
  }
};

// Negatives: each entry's Latin with another entry's kana of about the same length.
void add_negatives(const std::vector<Entry>& entries, std::vector<Pair>& pairs, Lcg& random) {
  std::map<std::size_t, std::vector<std::size_t>> by_length;
  for (std::size_t i = 0; i < entries.size(); ++i) by_length[entries[i].length].push_back(i);
  for (const Entry& e : entries) {
    for (int tries = 0; tries < 20; ++tries) {
      const std::size_t length = e.length - 1 + random.next() % 3;
      const auto found = by_length.find(length);
      if (found == by_length.end()) continue;
      const Entry& other = entries[found->second[random.next() % found->second.size()]];
      if (other.kana == e.kana || other.latin == e.latin) continue;
      pairs.push_back({e.latin, other.kana, false});
      break;
    }
  }
}

// The CPU time of this thread: what one core spends, whatever else the machine runs.
double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

struct Tally {
  std::size_t counts[2][3] = {};  // [positive][verdict]
};

void run(const std::string& name, const std::vector<Pair>& pairs, std::size_t show) {
  const auto known = [](std::string_view) -> const std::vector<std::string>* { return nullptr; };
  const std::function<const std::vector<std::string>*(std::string_view)> known_fn = known;
  std::vector<LatinNameResult> results;
  results.reserve(pairs.size());
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = thread_cpu_seconds();
  for (const Pair& p : pairs) results.push_back(judge_latin_name(p.latin, p.kana, known_fn));
  const double cpu = thread_cpu_seconds() - cpu_start;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Tally t;
  std::size_t shown[2] = {0, 0};
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const int v = static_cast<int>(results[i].verdict);
    t.counts[pairs[i].positive ? 1 : 0][v]++;
    const bool wrong = pairs[i].positive ? results[i].verdict == LatinReading::mismatch
                                         : results[i].verdict != LatinReading::mismatch;
    if (wrong && shown[pairs[i].positive ? 1 : 0]++ < show)
      std::cout << "  wrong " << (pairs[i].positive ? "positive" : "negative") << ": "
                << pairs[i].latin << " / " << pairs[i].kana << " — " << results[i].reason << "\n";
  }
  const auto& pos = t.counts[1];
  const auto& neg = t.counts[0];
  const std::size_t n_pos = pos[0] + pos[1] + pos[2];
  const std::size_t n_neg = neg[0] + neg[1] + neg[2];
  const std::size_t right = pos[0] + pos[2] + neg[1];
  const std::size_t unchecked = pos[2] + neg[2];
  std::printf(
      "%s: %zu pairs (%zu positive: %zu plausible, %zu not checked, %zu mismatch; %zu negative: "
      "%zu mismatch, %zu not checked, %zu plausible)\n  right %.1f %% (positives %.1f %%, "
      "negatives %.1f %%), not checked %.1f %%, %.0f pairs per CPU second (%.0f per wall "
      "second)\n",
      name.c_str(), pairs.size(), n_pos, pos[0], pos[2], pos[1], n_neg, neg[1], neg[2], neg[0],
      100.0 * static_cast<double>(right) / static_cast<double>(pairs.size()),
      100.0 * static_cast<double>(pos[0] + pos[2]) / static_cast<double>(n_pos),
      100.0 * static_cast<double>(neg[1]) / static_cast<double>(n_neg),
      100.0 * static_cast<double>(unchecked) / static_cast<double>(pairs.size()),
      static_cast<double>(pairs.size()) / cpu, static_cast<double>(pairs.size()) / seconds);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_latin_kana ENAMDICT_UTF8 [SHOW]\n";
    return 2;
  }
  const std::size_t show = argc > 2 ? std::stoul(argv[2]) : 0;
  const std::string only = argc > 3 ? argv[3] : "abcde";  // the sets to run
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "cannot read " << argv[1] << "\n";
    return 1;
  }
  std::vector<Entry> foreign;  // (a)
  std::vector<Entry> romaji;   // (b)
  std::vector<Entry> full;     // (d)
  std::vector<Entry> every;    // (e): every one-word person gloss of a katakana headword
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    if (++line_number == 1) continue;  // the file's header
    const auto slash = line.find(" /");
    if (slash == std::string::npos) continue;
    std::string head = line.substr(0, slash);
    std::string reading;
    const auto bracket = head.find(" [");
    if (bracket != std::string::npos) {
      reading = head.substr(bracket + 2, head.size() - bracket - 3);
      head = head.substr(0, bracket);
    }
    const auto gl = glosses(line.substr(slash + 2));
    if (reading.empty() && is_katakana_word(head)) {
      std::vector<std::string> names;
      bool person = false;
      for (const auto& [tag, gloss] : gl) {
        if (tag == "h" && latin_words(gloss) >= 2) full.push_back({gloss, head, code_points(head)});
        if (person_tag(tag) && latin_words(gloss) == 1) {
          names.push_back(gloss);
          person = true;
        }
      }
      for (const std::string& name : names) every.push_back({name, head, code_points(head)});
      if (person && names.size() == 1 && gl.size() == 1)
        foreign.push_back({names[0], head, code_points(head)});
    } else if (!reading.empty() && is_hiragana_word(reading)) {
      if (gl.size() != 1 || !person_tag(gl[0].first) || latin_words(gl[0].second) != 1) continue;
      // Every 8th, for a set of a size like the others.
      if (line_number % 8 != 0) continue;
      const std::string kana = hiragana_to_katakana(reading);
      romaji.push_back({gl[0].second, kana, code_points(kana)});
    }
  }
  Lcg random;
  const auto pairs_of = [&](const std::vector<Entry>& entries) {
    std::vector<Pair> pairs;
    for (const Entry& e : entries) pairs.push_back({e.latin, e.kana, true});
    add_negatives(entries, pairs, random);
    return pairs;
  };
  if (only.find('a') != std::string::npos)
    run("(a) katakana foreign names", pairs_of(foreign), show);
  if (only.find('b') != std::string::npos) run("(b) romaji Japanese names", pairs_of(romaji), show);
  // (c) full names of two (a) names.
  std::vector<Pair> two;
  for (std::size_t i = 0; i + 1 < foreign.size() && two.size() < 40000; i += 2) {
    const Entry& a = foreign[i];
    const Entry& b = foreign[i + 1];
    const Entry& c = foreign[random.next() % foreign.size()];
    two.push_back({a.latin + " " + b.latin, a.kana + "　" + b.kana, true});
    two.push_back({b.latin + " " + a.latin, a.kana + "　" + b.kana, true});
    two.push_back({a.latin + " " + b.latin, a.kana + b.kana, true});
    if (c.kana != b.kana && c.latin != b.latin) {
      two.push_back({a.latin + " " + b.latin, a.kana + "　" + c.kana, false});
      two.push_back({b.latin + " " + a.latin, c.kana + "・" + a.kana, false});
      two.push_back({a.latin + " " + b.latin, a.kana + c.kana, false});
    }
  }
  if (only.find('c') != std::string::npos) {
    run("(c) two-word full names (both orders, no space)", two, show);
    std::vector<Pair> spaced;
    std::vector<Pair> unspaced;
    for (const Pair& p : two)
      (p.kana.find("　") != std::string::npos || p.kana.find("・") != std::string::npos ? spaced
                                                                                        : unspaced)
          .push_back(p);
    run("(c1) of which kana with a separator", spaced, show);
    run("(c2) of which kana without", unspaced, show);
  }
  if (only.find('d') != std::string::npos) run("(d) ENAMDICT full names (h)", pairs_of(full), show);
  if (only.find('e') != std::string::npos)
    run("(e) katakana names, every one-word gloss (ジョン: Jon, John, Gjon, Jonathan)",
        pairs_of(every), show);
  return 0;
}
