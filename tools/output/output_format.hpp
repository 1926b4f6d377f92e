// output_format.hpp — the formats gifkit writes results and reports in, by
// name: one enum for every command and for the service (`?format=`), and the
// -f/--format option that accepts a command's subset of them.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace gifkit::tools {

enum class OutputFormat { text, json, ndjson, csv, junit, sarif, github, html, gitlab };

// The formats of looked-up records (corporations, ABR records).
inline constexpr std::initializer_list<OutputFormat> kLookupFormats = {
    OutputFormat::text, OutputFormat::json, OutputFormat::ndjson, OutputFormat::csv};

// "text", "json", "ndjson", "csv", "junit", "sarif", "github", "html", "gitlab"; nothing
// otherwise.
std::optional<OutputFormat> parse_output_format(std::string_view name);
// The name parse_output_format accepts for format.
std::string_view output_format_name(OutputFormat format);
// "text, json or ndjson": the names of formats, for help and messages.
std::string output_format_list(std::initializer_list<OutputFormat> formats);

// Adds -f,--format to app: one of allowed by name (the help lists them and
// what says of them), stored in format (whose value is the default).
CLI::Option* add_format_option(CLI::App& app, OutputFormat& format,
                               std::initializer_list<OutputFormat> allowed,
                               const std::string& what = "output format");

}  // namespace gifkit::tools
