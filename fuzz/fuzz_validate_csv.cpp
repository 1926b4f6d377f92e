// fuzz_validate_csv.cpp — libFuzzer target for the validation engine
// (models/engine/validate/validate.hpp) end to end: the input is written to a scratch
// .csv file and validated with models::validate_files against gif:Person
// (header matching, every value check, required items, keys), with the code
// lists and character tables from the data directory when they are there.
// Problems go to a sink that discards them. Invariants: validation never
// throws for a known model, reports exactly one task, and its problem counts
// add up.
// room: validate
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "models/engine/checks/character_checks.hpp"
#include "models/engine/model/code_lists.hpp"
#include "models/engine/validate/validate.hpp"
#include "registries/moji/character_data.hpp"

#ifndef GIFKIT_FUZZ_MODELS_DIR
#error "GIFKIT_FUZZ_MODELS_DIR must name the models directory"
#endif
#ifndef GIFKIT_FUZZ_DATA_DIR
#define GIFKIT_FUZZ_DATA_DIR ""
#endif

namespace {

namespace m = gifkit::models;

class DiscardingSink : public m::ReportSink {
 public:
  explicit DiscardingSink(bool verbose) : verbose_(verbose) {}
  void begin_task(const m::TaskReport&) override {}
  void problem(const m::TaskReport&, const m::Problem& problem) override {
    ++problems;
    if (verbose_) {
      std::fprintf(stderr, "  %llu:%u %s: %s\n", static_cast<unsigned long long>(problem.line),
                   problem.column, problem.code.c_str(), problem.message.c_str());
    }
  }
  void end_task(const m::TaskReport&) override {}
  void finish(const m::Report&) override {}
  std::uint64_t problems = 0;

 private:
  bool verbose_ = false;
};

// The catalog and check resources, loaded once per process.
struct Setup {
  m::ModelCatalog catalog;
  m::CodeLists code_lists;
  std::unique_ptr<m::CharacterChecker> characters;
  m::CheckResources resources;

  Setup() {
    std::vector<m::ModelLoadError> errors;
    FUZZ_CHECK(catalog.load_directory(GIFKIT_FUZZ_MODELS_DIR, errors),
               "cannot load the models from " GIFKIT_FUZZ_MODELS_DIR);
    FUZZ_CHECK(catalog.find("gif:Person") != nullptr, "no gif:Person model");
    const std::filesystem::path data_dir = GIFKIT_FUZZ_DATA_DIR;
    std::string error;
    if (!data_dir.empty() &&
        code_lists.load_xsd(data_dir / "gif" / "GIF_Core_CodeList.xsd", error)) {
      resources.code_lists = &code_lists;
    } else if (verbose) {
      std::fprintf(stderr, "code lists not loaded: %s\n", error.c_str());
    }
    try {
      if (!data_dir.empty()) {
        characters = std::make_unique<m::CharacterChecker>(
            std::make_unique<gifkit::registries::moji::CharacterData>(
                gifkit::registries::moji::folder_rows(data_dir / "moji")));
        resources.characters = characters.get();
      }
    } catch (const gifkit::registries::RegistryError& load_error) {
      if (verbose) std::fprintf(stderr, "character tables not loaded: %s\n", load_error.what());
    }
  }
  // GIFKIT_FUZZ_VERBOSE=1 prints the setup and each input's problems (for checking seeds).
  const bool verbose = std::getenv("GIFKIT_FUZZ_VERBOSE") != nullptr;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Setup setup;
  static const gifkit::fuzz::ScratchFile file(".csv");

  m::ValidateOptions options;
  options.inputs.push_back(file.write(gifkit::fuzz::as_text(data, size)));
  options.model = "gif:Person";

  DiscardingSink sink(setup.verbose);
  const m::Report report = m::validate_files(options, setup.catalog, setup.resources, sink);
  FUZZ_CHECK(report.tasks.size() == 1,
             "one input, " + std::to_string(report.tasks.size()) + " tasks");
  const m::TaskReport& task = report.tasks.front();
  std::uint64_t counted = 0;
  for (const auto& [code, count] : task.counts_by_code) counted += count;
  const auto& stats = task.stats;
  FUZZ_CHECK(counted == stats.errors + stats.warnings + stats.infos,
             "counts by code do not add up to the severity counts");
  FUZZ_CHECK(sink.problems == task.problems.size(), "the sink and the report list differ");
  FUZZ_CHECK(task.problems.size() <= counted, "more problems listed than counted");
  return 0;
}
