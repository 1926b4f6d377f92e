// fuzz_baseline.cpp — libFuzzer target for validate --baseline's reader
// (models/engine/report/baseline.hpp: Baseline::read), which takes a json,
// ndjson or sarif report a user hands it. The input is the report file (a
// scratch file: the reader takes a path). Invariants: the reader throws
// nothing but BaselineError, whose message names the option and the file; a
// baseline read holds for each file a positive count for every fingerprint
// and one example problem whose fingerprint it is; file_for() finds each of
// its files by their own path; a BaselineMatch of a file takes each example
// as many times as its count (and no more unless the file was cut short),
// then lists nothing absent; one that took nothing lists every fingerprint
// with its count.
// room: report
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>

#include "fuzz/fuzz_support.hpp"
#include "models/engine/report/baseline.hpp"

namespace {

namespace m = gifkit::models;

void check_file(const m::Baseline& baseline, const m::Baseline::File& file) {
  const m::Baseline::File* found = baseline.file_for(file.path);
  FUZZ_CHECK(found != nullptr && found->path == file.path,
             "file_for does not find its own file " + file.path);
  FUZZ_CHECK(file.examples.size() == file.fingerprints.size(),
             std::to_string(file.examples.size()) + " examples of " +
                 std::to_string(file.fingerprints.size()) + " fingerprints");
  for (const auto& [print, count] : file.fingerprints) {
    FUZZ_CHECK(count > 0, "a fingerprint counted 0 times");
    const auto example = file.examples.find(print);
    FUZZ_CHECK(example != file.examples.end(), "a fingerprint without its example");
    FUZZ_CHECK(m::Baseline::fingerprint(example->second) == print,
               "an example whose fingerprint is another");
  }
  if (found != &file) return;  // two files of one path: the first one answers

  m::BaselineMatch nothing_taken(found);
  std::uint64_t absent = 0;
  for (const auto& [problem, count] : nothing_taken.absent()) absent += count;
  std::uint64_t total = 0;
  for (const auto& [print, count] : file.fingerprints) total += count;
  FUZZ_CHECK(absent == total, "a match that took nothing lists " + std::to_string(absent) + " of " +
                                  std::to_string(total) + " absent");

  m::BaselineMatch all_taken(found);
  for (const auto& [print, count] : file.fingerprints) {
    const m::Problem& problem = file.examples.at(print);
    for (std::uint64_t i = 0; i < count && i < 1000; ++i)
      FUZZ_CHECK(all_taken.take(problem), "a problem of the baseline not taken");
    if (count < 1000 && file.unlisted.empty())
      FUZZ_CHECK(!all_taken.take(problem), "a problem taken more often than the baseline held it");
  }
  for (const auto& [problem, count] : all_taken.absent())
    FUZZ_CHECK(false, "absent after every problem was taken: " + problem.code + " ×" +
                          std::to_string(count));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const gifkit::fuzz::ScratchFile scratch(".baseline.json");
  const std::string& path = scratch.write(gifkit::fuzz::as_text(data, size));
  try {
    const m::Baseline baseline = m::Baseline::read(path);
    FUZZ_CHECK(baseline.path() == path, "the baseline names another path: " + baseline.path());
    for (const m::Baseline::File& file : baseline.files()) check_file(baseline, file);
  } catch (const m::BaselineError& error) {
    FUZZ_CHECK(error.message.starts_with("--baseline: " + path),
               "a BaselineError that does not name the file: " + error.message);
  } catch (const std::exception& error) {
    FUZZ_CHECK(false,
               std::string("Baseline::read threw ") + typeid(error).name() + ": " + error.what());
  }
  return 0;
}
