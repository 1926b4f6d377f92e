// bench_registry_lookups.cpp — in-process latency of the registry lookups
// that `gifkit lookup corporation` and `validate --registry` run: by number
// (CorporationFinder::find, statement prepared once; alone, and inside one
// read transaction as validate --registry runs it) and by name / furigana
// (search_corporations, limit 20), without process start-up. Reads queries
// from standard input, one per line: "number 7000012050002", "name デジタル",
// "furigana ニホン", "en-name digital", "numbers-file PATH" (one number a
// line, each looked up once: random access). Each query runs once to warm the
// page cache, then REPS times (by number: 50 × REPS); prints per query
// and a summary per kind (median and 95th percentile of the runs). With
// BENCH_LOOKUPS_RAW=FILE, every timed run is also appended to FILE as a line
// "kind<TAB>query<TAB>microseconds" (numbers-file: each lookup, kind
// "number-random"), for percentiles over all runs of a kind
// (run_pg_registry_bench.sh). DB may be a registry file or a PostgreSQL
// registry (postgresql://…, pg:SERVICE). A name search that throws is
// printed as "FAILED kind text: reason" (and "failed" in the raw file), and
// the next query runs. Usage: bench_registry_lookups DB [REPS] < queries
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/houjin/lookup/houjin_lookup.hpp"
#include "registries/houjin/names/houjin_search.hpp"

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

// BENCH_LOOKUPS_RAW: every timed run, one line each (nullptr: not asked).
std::FILE* raw_file = nullptr;
std::string raw_label;

void write_raw(const std::string& kind, const std::string& text, double us) {
  if (raw_file) std::fprintf(raw_file, "%s\t%s\t%.3f\n", kind.c_str(), text.c_str(), us);
}

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
  if (raw_file) {
    auto tab = raw_label.find('\t');
    for (double us : runs) write_raw(raw_label.substr(0, tab), raw_label.substr(tab + 1), us);
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
  if (const char* raw = std::getenv("BENCH_LOOKUPS_RAW"); raw && *raw) {
    raw_file = std::fopen(raw, "a");
    if (!raw_file) {
      std::cerr << "bench_registry_lookups: cannot open " << raw << "\n";
      return 2;
    }
  }
  try {
    auto db = gifkit::registries::RegistryDb::open_existing(argv[1]);
    houjin::CorporationFinder finder(db);
    std::map<std::string, std::vector<Timing>> by_kind;
    std::string kind, text;
    while (std::cin >> kind && std::getline(std::cin >> std::ws, text)) {
      Timing timing;
      if (kind == "numbers-file") {
        // Many distinct numbers, each looked up once in one read transaction:
        // random access over the whole registry, as validating a dataset is.
        std::ifstream file(text);
        std::vector<std::string> numbers;
        for (std::string line; std::getline(file, line);)
          if (!line.empty()) numbers.push_back(line);
        houjin::HoujinRecord record;
        std::size_t found = 0;
        db.begin();
        auto start = Clock::now();
        if (raw_file) {
          for (const auto& number : numbers) {
            auto one = Clock::now();
            found += finder.find_into(number, record) ? 1 : 0;
            write_raw("number-random", number,
                      std::chrono::duration<double, std::micro>(Clock::now() - one).count());
          }
        } else {
          for (const auto& number : numbers) found += finder.find_into(number, record) ? 1 : 0;
        }
        double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
        db.commit();
        std::printf(
            "%zu distinct numbers from %s, once each in one read transaction: %.2f us a "
            "lookup (%zu found)\n",
            numbers.size(), text.c_str(), us / std::max<std::size_t>(1, numbers.size()), found);
        continue;
      }
      if (kind == "number") {
        // As a one-off statement (SQLite takes and drops its shared lock,
        // a few system calls), then as validate --registry runs it: inside
        // one read transaction, into a record that keeps its buffers.
        raw_label = "number\t" + text;
        timing = time_query(reps * 50, [&] { return finder.find(text) ? std::size_t{1} : 0; });
        houjin::HoujinRecord record;
        db.begin();
        raw_label = "number-in-transaction\t" + text;
        Timing in_transaction = time_query(
            reps * 50, [&] { return finder.find_into(text, record) ? std::size_t{1} : 0; });
        db.commit();
        std::printf("    %9.1f us median %9.1f us p95  %2zu results  number-in-transaction %s\n",
                    in_transaction.median_us, in_transaction.p95_us, in_transaction.results,
                    text.c_str());
        by_kind["number-in-transaction"].push_back(in_transaction);
      } else {
        houjin::NameQuery query;
        query.text = text;
        query.field = kind == "furigana"  ? houjin::SearchField::furigana
                      : kind == "en-name" ? houjin::SearchField::en_name
                                          : houjin::SearchField::name;
        raw_label = kind + "\t" + text;
        try {
          timing = time_query(reps, [&] { return houjin::search_corporations(db, query).size(); });
        } catch (const std::exception& failure) {
          // A search the registry refuses (reported, and in the raw file as
          // kind "failed"); the other queries still run.
          std::printf("    FAILED %s %s: %s\n", kind.c_str(), text.c_str(), failure.what());
          if (db.in_transaction()) db.rollback();
          write_raw("failed", kind + " " + text, 0);
          continue;
        }
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
    if (raw_file) std::fclose(raw_file);
    return 2;
  }
  if (raw_file) std::fclose(raw_file);
  return 0;
}
