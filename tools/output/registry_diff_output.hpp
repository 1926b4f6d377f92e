// registry_diff_output.hpp — the writers of `gifkit diff --registries`
// (registries/diff/registry_diff.hpp): text (a line a record, then a
// summary a part), json (one object: the builds, the changes, the counts),
// ndjson (a change a line) and csv (a row a changed field), each writing the
// changes as they come. docs/diff.md "Two registry builds".
#pragma once
#include <memory>
#include <ostream>
#include <string>

#include "registries/diff/registry_diff.hpp"
#include "tools/output/output_format.hpp"

namespace gifkit::tools {

inline constexpr std::initializer_list<OutputFormat> kRegistryDiffFormats = {
    OutputFormat::text, OutputFormat::json, OutputFormat::ndjson, OutputFormat::csv};

class RegistryDiffWriter {
 public:
  virtual ~RegistryDiffWriter() = default;
  virtual void change(const registries::RecordChange& change) = 0;
  virtual void finish(const registries::RegistryDiffSummary& summary) = 0;
};

// A writer of format (one of kRegistryDiffFormats) to out; old_path and
// new_path are the builds as named on the command line.
std::unique_ptr<RegistryDiffWriter> make_registry_diff_writer(OutputFormat format,
                                                              std::ostream& out,
                                                              const std::string& old_path,
                                                              const std::string& new_path);

// One line a part: "corporations: 2 new, 1 renamed, … (1,000 in OLD, 1,002 in
// NEW; 998 unchanged)".
std::string registry_diff_summary(const registries::RegistryDiffSummary& summary);

}  // namespace gifkit::tools
