// bench_name_readings.cpp — the name-reading benchmark with known truth (issue #57;
// docs/performance.md "Name readings with known truth"): every pair of
// bench/name_reading_pairs.py judged by the function validate and link call
// (models/engine/checks/name_reading.hpp, judge_name_reading) with the name
// dictionaries built without the held-out headwords and the MJ table of the data
// folder, on one thread. Per kind (japanese, foreign), form and set (known,
// held-out): pairs, right (a right pair not called a mismatch, a wrong one called
// one), not checked, false alarms (right pairs called a mismatch), wrong pairs
// caught; and pairs a second (the judging alone, after the load).
//
// usage: bench_name_readings PAIRS_TSV HELD_OUT_FILE DATA_DIR [--show-errors N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "grammars/dictionaries/name_reading_dictionary.hpp"
#include "models/engine/checks/character_data_lookup.hpp"
#include "models/engine/checks/name_reading.hpp"
#include "registries/moji/character_data.hpp"

namespace {

using namespace gifkit;

struct Pair {
  std::string kind, form, set, name, kana;
  bool right = false;
};

struct Tally {
  std::uint64_t pairs = 0, right = 0, not_checked = 0, right_pairs = 0, false_alarms = 0,
                wrong_pairs = 0, caught = 0;
  void add(const Pair& pair, models::ReadingVerdict verdict) {
    ++pairs;
    const bool mismatch = verdict == models::ReadingVerdict::mismatch;
    if (verdict == models::ReadingVerdict::not_checked) ++not_checked;
    if (pair.right) {
      ++right_pairs;
      if (mismatch) ++false_alarms;
    } else {
      ++wrong_pairs;
      if (mismatch) ++caught;
    }
    if (pair.right != mismatch) ++right;
  }
};

std::vector<Pair> read_pairs(const std::string& path) {
  std::ifstream in(path);
  std::vector<Pair> pairs;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
      cells.push_back(line.substr(start, tab - start));
    cells.push_back(line.substr(start));
    if (cells.size() != 6) continue;
    pairs.push_back({cells[0], cells[1], cells[2], cells[3], cells[4], cells[5] == "1"});
  }
  return pairs;
}

grammars::NamePart part_of(const std::string& form) {
  if (form == "family") return grammars::NamePart::family;
  if (form == "given") return grammars::NamePart::given;
  return grammars::NamePart::full;
}

double percent(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

void print(const std::string& label, const Tally& t) {
  std::printf(
      "%-34s %7llu  right %6.2f %%  not checked %6.2f %%  false alarms %6.2f %%  caught %6.2f %%\n",
      label.c_str(), static_cast<unsigned long long>(t.pairs), percent(t.right, t.pairs),
      percent(t.not_checked, t.pairs), percent(t.false_alarms, t.right_pairs),
      percent(t.caught, t.wrong_pairs));
}

// The calling thread's CPU time: the machine is shared, and the wall clock
// counts the time other work held the core.
double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: bench_name_readings PAIRS_TSV HELD_OUT_FILE DATA_DIR [--show-errors N]\n";
    return 2;
  }
  const std::vector<Pair> pairs = read_pairs(argv[1]);
  std::unordered_set<std::string> held_out;
  {
    std::ifstream in(argv[2]);
    for (std::string line; std::getline(in, line);) held_out.insert(line);
  }
  const std::filesystem::path data = argv[3];
  int show_errors = 0;
  if (argc >= 6 && std::string(argv[4]) == "--show-errors") show_errors = std::atoi(argv[5]);

  const auto load_start = std::chrono::steady_clock::now();
  const grammars::NameReadings dictionary = grammars::read_name_dictionaries(
      grammars::default_name_dictionary_paths(),
      [&held_out](std::string_view headword) { return !held_out.contains(std::string(headword)); });
  const registries::moji::CharacterData characters_data(
      registries::moji::folder_rows(data / "moji"));
  models::CharacterDataLookup characters(characters_data);
  // The MJ table's details are read at the first character asked: part of the load.
  (void)characters.character_readings("一");
  // So is the index of the Japanese names' romaji, built at the first Latin word asked.
  (void)dictionary.is_romaji_of_a_name("");
  models::NameReadingJudge judge(&dictionary, &characters);
  const double load_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();

  std::vector<models::ReadingVerdict> verdicts(pairs.size());
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = thread_cpu_seconds();
  for (std::size_t i = 0; i < pairs.size(); ++i)
    verdicts[i] = judge.judge(pairs[i].name, pairs[i].kana, part_of(pairs[i].form)).verdict;
  const double judge_cpu_s = thread_cpu_seconds() - cpu_start;
  const double judge_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::map<std::string, Tally> by_kind, by_form;
  std::map<std::string, int> shown;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const Pair& pair = pairs[i];
    by_kind[pair.kind].add(pair, verdicts[i]);
    by_kind[pair.kind + " " + pair.set].add(pair, verdicts[i]);
    by_form[pair.kind + " " + pair.set + " " + pair.form].add(pair, verdicts[i]);
    const bool mismatch = verdicts[i] == models::ReadingVerdict::mismatch;
    const std::string key = pair.kind + (pair.right ? " false alarm" : " missed");
    if (show_errors > 0 &&
        (pair.right == mismatch || verdicts[i] == models::ReadingVerdict::not_checked) &&
        shown[key + models::verdict_name(verdicts[i]).data()]++ < show_errors)
      std::printf("%s %s [%s] %s / %s → %s\n", pair.kind.c_str(), pair.form.c_str(),
                  pair.right ? "right" : "wrong", pair.name.c_str(), pair.kana.c_str(),
                  models::verdict_name(verdicts[i]).data());
  }
  std::printf(
      "dictionaries and MJ table loaded in %.2f s; %zu pairs judged in %.3f s (%.3f s of the "
      "thread's CPU time): %.0f pairs/s on one thread (%.0f per CPU second)\n",
      load_s, pairs.size(), judge_s, judge_cpu_s, static_cast<double>(pairs.size()) / judge_s,
      static_cast<double>(pairs.size()) / judge_cpu_s);
  for (const auto& [label, tally] : by_kind) print(label, tally);
  std::printf("\n");
  for (const auto& [label, tally] : by_form) print(label, tally);
  return 0;
}
