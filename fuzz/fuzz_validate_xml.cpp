// fuzz_validate_xml.cpp — libFuzzer target for validate's GIF XML input
// (models/engine/validate/validate.hpp: validate_files on a .xml file): the
// safe parse of a document a user hands it, then its check against the
// official GIF XSD of the data directory when it is there. The input is
// written to a scratch .xml file. Invariants: validation never throws;
// exactly one task, of format xml; its problem counts add up; a document
// that declares an entity (outside comments and CDATA) is never read (an
// xml-error, no schema check); a document the parser could not read reports
// xml-error or file-error and nothing else.
// room: validate
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "models/engine/validate/validate.hpp"

#ifndef GIFKIT_FUZZ_MODELS_DIR
#error "GIFKIT_FUZZ_MODELS_DIR must name the models directory"
#endif
#ifndef GIFKIT_FUZZ_DATA_DIR
#define GIFKIT_FUZZ_DATA_DIR ""
#endif

namespace {

namespace m = gifkit::models;

// Keeps the codes of the problems it is given.
class CodeSink : public m::ReportSink {
 public:
  void begin_task(const m::TaskReport&) override {}
  void problem(const m::TaskReport&, const m::Problem& problem) override {
    codes.push_back(problem.code);
  }
  void end_task(const m::TaskReport&) override {}
  void finish(const m::Report&) override {}
  std::vector<std::string> codes;
};

struct Setup {
  m::ModelCatalog catalog;
  m::CheckResources resources;
  std::filesystem::path xsd;
  Setup() {
    std::vector<m::ModelLoadError> errors;
    FUZZ_CHECK(catalog.load_directory(GIFKIT_FUZZ_MODELS_DIR, errors),
               "cannot load the models from " GIFKIT_FUZZ_MODELS_DIR);
    const std::filesystem::path data_dir = GIFKIT_FUZZ_DATA_DIR;
    if (!data_dir.empty()) xsd = data_dir / "gif" / "GIF_Core_DataModel.xsd";
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Setup setup;
  static const gifkit::fuzz::ScratchFile file(".xml");
  const std::string_view text = gifkit::fuzz::as_text(data, size);

  m::ValidateOptions options;
  options.inputs.push_back(file.write(text));
  options.gif_xsd = setup.xsd;
  CodeSink sink;
  const m::Report report = m::validate_files(options, setup.catalog, setup.resources, sink);
  FUZZ_CHECK(report.tasks.size() == 1,
             "one input, " + std::to_string(report.tasks.size()) + " tasks");
  const m::TaskReport& task = report.tasks.front();
  FUZZ_CHECK(task.format == "xml", "an .xml input read as " + task.format);
  std::uint64_t counted = 0;
  for (const auto& [code, count] : task.counts_by_code) counted += count;
  FUZZ_CHECK(counted == task.stats.errors + task.stats.warnings + task.stats.infos,
             "counts by code do not add up to the severity counts");
  FUZZ_CHECK(sink.codes.size() <= counted, "more problems listed than counted");

  bool unread = false, schema_checked = false;
  for (const std::string& code : sink.codes) {
    if (code == "xml-error") unread = true;
    if (code == "schema-violation") schema_checked = true;
  }
  FUZZ_CHECK(!(unread && schema_checked), "a document both unread and checked by the schema");
  const bool hidden_text = text.find("<!--") != std::string_view::npos ||
                           text.find("<![CDATA[") != std::string_view::npos;
  // (A processing instruction other than the declaration may hold the words as text too.)
  const bool other_instruction = text.find("<?", text.find("<?") + 1) != std::string_view::npos;
  if (!hidden_text && !other_instruction && text.find("<!ENTITY") != std::string_view::npos)
    FUZZ_CHECK(!schema_checked && task.counts_by_code.count("xml-error") == 1 &&
                   task.counts_by_code.at("xml-error") > 0,
               "a document declaring an entity was read");
  return 0;
}
