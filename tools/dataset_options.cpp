// dataset_options.cpp — see dataset_options.hpp.
#include "tools/dataset_options.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>

namespace gifkit::tools {

void DatasetOptions::add_to(CLI::App& app) {
  app.add_option("--encoding", encoding, "input encoding: auto, utf-8, cp932 (shift_jis)");
  app.add_option("--delimiter", delimiter, "field delimiter: , or tab (default by extension)");
  app.add_option("--sheet", sheet,
                 "an .xlsx input's sheet: its name or number (default: the first)");
  app.add_option(
         "--max-inflated-size", max_inflated_mib,
         "the most MiB one part of an .xlsx input may inflate to (default " +
             std::to_string(grammars::ReadLimits::kDefaultMaxPartBytes >> 20) +
             "; all its parts together: " + std::to_string(grammars::ReadLimits::kTotalPerPartCap) +
             " times this); a workbook beyond is refused (a zip bomb)")
      ->check(CLI::Range(1, 1 << 22));
  app.add_option("--max-attributes", max_attributes,
                 "the most attributes one XML element may have, in an XML input or an .xlsx's "
                 "parts (default " +
                     std::to_string(grammars::ReadLimits::kDefaultMaxAttributes) +
                     "); beyond, the file is refused")
      ->check(CLI::Range(1, 1 << 24));
}

grammars::ReadLimits DatasetOptions::read_limits() const {
  grammars::ReadLimits limits = grammars::ReadLimits::with_part_cap(max_inflated_mib << 20);
  limits.max_attributes = max_attributes;
  limits.raise_size_hint = "raise it with --max-inflated-size MIB";
  limits.raise_attributes_hint = "raise it with --max-attributes N";
  return limits;
}

bool DatasetOptions::parse(grammars::Encoding& encoding_out, char& delimiter_out, std::ostream& err,
                           std::string_view who) const {
  const auto parsed = grammars::parse_encoding_name(encoding);
  if (!parsed) {
    err << who << ": unknown encoding '" << encoding << "' (use auto, utf-8 or cp932)\n";
    return false;
  }
  encoding_out = *parsed;
  if (delimiter == "tab" || delimiter == "\\t" || delimiter == "\t") {
    delimiter_out = '\t';
  } else if (delimiter.size() == 1) {
    delimiter_out = delimiter[0];
  } else if (!delimiter.empty()) {
    err << who << ": --delimiter takes one character or 'tab'\n";
    return false;
  } else {
    delimiter_out = 0;
  }
  if (auto problem = sheet_problem(sheet)) {
    err << who << ": --sheet " << *problem << "\n";
    return false;
  }
  return true;
}

std::optional<std::string> sheet_problem(std::string_view sheet) {
  if (sheet.empty() ||
      !std::all_of(sheet.begin(), sheet.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  unsigned long number = 0;  // what the xlsx reader takes a sheet number as
  auto [end, error] = std::from_chars(sheet.data(), sheet.data() + sheet.size(), number);
  if (error == std::errc() && end == sheet.data() + sheet.size()) return std::nullopt;
  return "'" + std::string(sheet.substr(0, 40)) + (sheet.size() > 40 ? "…" : "") +
         "' names no sheet: a sheet is named by its name or its number, 1 for the first, and "
         "this number is too large";
}

}  // namespace gifkit::tools
