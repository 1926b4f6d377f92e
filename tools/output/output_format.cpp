// output_format.cpp — see output_format.hpp.
#include "tools/output/output_format.hpp"

#include <CLI/CLI.hpp>
#include <array>
#include <map>

namespace gifkit::tools {
namespace {

constexpr std::array<std::pair<std::string_view, OutputFormat>, 9> kFormatNames = {{
    {"text", OutputFormat::text},
    {"json", OutputFormat::json},
    {"ndjson", OutputFormat::ndjson},
    {"csv", OutputFormat::csv},
    {"junit", OutputFormat::junit},
    {"sarif", OutputFormat::sarif},
    {"github", OutputFormat::github},
    {"html", OutputFormat::html},
    {"gitlab", OutputFormat::gitlab},
}};

}  // namespace

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  for (const auto& [format_name, format] : kFormatNames)
    if (format_name == name) return format;
  return std::nullopt;
}

std::string_view output_format_name(OutputFormat format) {
  for (const auto& [format_name, known] : kFormatNames)
    if (known == format) return format_name;
  return "text";
}

std::string output_format_list(std::initializer_list<OutputFormat> formats) {
  std::string list;
  std::size_t i = 0;
  for (OutputFormat format : formats) {
    if (i > 0) list += i + 1 == formats.size() ? " or " : ", ";
    list += output_format_name(format);
    ++i;
  }
  return list;
}

CLI::Option* add_format_option(CLI::App& app, OutputFormat& format,
                               std::initializer_list<OutputFormat> allowed,
                               const std::string& what) {
  std::map<std::string, OutputFormat, std::less<>> names;
  for (OutputFormat one : allowed) names.emplace(std::string(output_format_name(one)), one);
  const std::string list = output_format_list(allowed);
  // The name becomes the enum's number, which CLI11 then stores in format.
  CLI::Validator by_name(
      [names, list](std::string& value) -> std::string {
        auto found = names.find(value);
        if (found == names.end()) return "'" + value + "' is not a format here: " + list;
        value = std::to_string(static_cast<int>(found->second));
        return {};
      },
      "");
  return app
      .add_option("-f,--format", format,
                  what + ": " + list + " (default " + std::string(output_format_name(format)) + ")")
      ->type_name("FORMAT")
      ->transform(by_name);
}

}  // namespace gifkit::tools
