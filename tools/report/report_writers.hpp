// report_writers.hpp — turns the report model (models/engine/report.hpp) into
// text, JSON, NDJSON, JUnit XML, SARIF 2.1.0 or GitHub workflow commands.
// Streaming formats (ndjson, github) write each problem as it arrives; the
// others write everything in finish().
#pragma once
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "models/engine/report.hpp"

namespace gifkit::tools {

enum class ReportFormat { text, json, ndjson, junit, sarif, github };

// "text", "json", "ndjson", "junit", "sarif", "github"; nothing otherwise.
std::optional<ReportFormat> parse_report_format(std::string_view name);

struct ReportWriterOptions {
  std::string tool_version;  // for SARIF's tool.driver.version
  bool color = false;        // ANSI colours in text output (a terminal)
};

// A writer for the format, writing to out (which must outlive the writer).
std::unique_ptr<models::ReportSink> make_report_writer(ReportFormat format, std::ostream& out,
                                                       const ReportWriterOptions& options);

}  // namespace gifkit::tools
