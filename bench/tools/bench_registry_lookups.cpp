// bench_registry_lookups.cpp — in-process latency of the registry lookups
// that `gifkit lookup corporation` and `validate --registry` run: by number
// (CorporationFinder::find, statement prepared once) and by name / furigana
// (search_corporations, limit 20), without process start-up. Reads queries
// from standard input, one per line: "number 7000012050002", "name デジタル",
// "furigana ニホン", "en-name digital". Each query runs once to warm the
// page cache, then REPS times (by number: 50 × REPS); prints per query
// and a summary per kind (median and 95th percentile of the runs). Usage: bench_registry_lookups DB
// [REPS] < queries
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/houjin/houjin_lookup.hpp"
#include "registries/houjin/houjin_search.hpp"

namespace {

namespace houjin = gifkit::registries::houjin;
using Clock = std::chrono::steady_clock;

// Median and 95th percentile: the machine is shared, so a mean would
// mostly measure other processes' interruptions.
struct Timing {
  double median_us = 0;
  double p95_us = 0;
  std::size_t results = 0;
};

template <class Run>
Timing time_query(int reps, Run run) {
  Timing timing;
  timing.results = run();  // warm-up
  std::vector<double> runs;
  for (int i = 0; i < reps; ++i) {
    auto start = Clock::now();
    run();
    runs.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  std::sort(runs.begin(), runs.end());
  timing.median_us = runs[runs.size() / 2];
  timing.p95_us = runs[runs.size() * 95 / 100];
  return timing;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_registry_lookups DB [REPS] < queries\n";
    return 2;
  }
  int reps = argc > 2 ? std::stoi(argv[2]) : 20;
  try {
    auto db = gifkit::registries::RegistryDb::open_existing(argv[1]);
    houjin::CorporationFinder finder(db);
    std::map<std::string, std::vector<Timing>> by_kind;
    std::string kind, text;
    while (std::cin >> kind && std::getline(std::cin >> std::ws, text)) {
      Timing timing;
      if (kind == "number") {
        timing = time_query(reps * 50, [&] { return finder.find(text) ? std::size_t{1} : 0; });
      } else {
        houjin::NameQuery query;
        query.text = text;
        query.field = kind == "furigana"  ? houjin::SearchField::furigana
                      : kind == "en-name" ? houjin::SearchField::en_name
                                          : houjin::SearchField::name;
        timing = time_query(reps, [&] { return houjin::search_corporations(db, query).size(); });
      }
      std::printf("    %9.1f us median %9.1f us p95  %2zu results  %s %s\n", timing.median_us,
                  timing.p95_us, timing.results, kind.c_str(), text.c_str());
      by_kind[kind].push_back(timing);
    }
    for (const auto& [name, timings] : by_kind) {
      double median_sum = 0, worst_median = 0, worst_p95 = 0;
      for (const auto& t : timings) {
        median_sum += t.median_us;
        worst_median = std::max(worst_median, t.median_us);
        worst_p95 = std::max(worst_p95, t.p95_us);
      }
      std::printf(
          "%-9s %zu queries: median %.1f us on average, slowest query's median %.1f us, "
          "worst p95 %.1f us\n",
          name.c_str(), timings.size(), median_sum / timings.size(), worst_median, worst_p95);
    }
  } catch (const std::exception& failure) {
    std::cerr << "bench_registry_lookups: " << failure.what() << "\n";
    return 2;
  }
  return 0;
}
