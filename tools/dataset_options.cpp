// dataset_options.cpp — see dataset_options.hpp.
#include "tools/dataset_options.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cstdint>

#include "grammars/io/encoding.hpp"
#include "grammars/io/text_records.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::tools {

namespace {

using grammars::ReadLimits;

constexpr std::uint64_t kMostInflatedMib = std::uint64_t{1} << 22;
constexpr std::uint64_t kMostAttributes = std::uint64_t{1} << 24;

// A value given, quoted for a message: at most 40 bytes (cut between two
// characters, "…" after), bytes that are not UTF-8 replaced.
std::string shown_value(std::string_view text) {
  constexpr std::size_t kMost = 40;
  std::size_t length = std::min(text.size(), kMost);
  while (length < text.size() && length > 0 &&
         grammars::is_utf8_continuation(static_cast<unsigned char>(text[length]))) {
    --length;
  }
  return "'" + grammars::with_invalid_utf8_replaced(text.substr(0, length)) +
         (length < text.size() ? "…" : "") + "'";
}

// A whole number (of unit: " of MiB", or "") from 1 to most into value;
// why not when text is none.
std::optional<std::string> read_count(const std::string& text, std::uint64_t most,
                                      std::string_view unit, std::uint64_t& value) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < 1 ||
      value > most) {
    return shown_value(text) + " is not a whole number" + std::string(unit) + " from 1 to " +
           std::to_string(most);
  }
  return std::nullopt;
}

std::optional<std::string> read_layout(const std::string& text,
                                       models::DatasetReadOptions& options) {
  auto layout = grammars::parse_text_layout(text);
  if (!layout) return shown_value(text) + " is not auto, text, csv or tsv";
  options.layout = *layout;
  return std::nullopt;
}

std::optional<std::string> read_encoding(const std::string& text,
                                         models::DatasetReadOptions& options) {
  auto encoding = grammars::parse_encoding_name(text);
  if (!encoding) return "unknown encoding " + shown_value(text) + " (use auto, utf-8 or cp932)";
  options.encoding = *encoding;
  return std::nullopt;
}

std::optional<std::string> read_delimiter(const std::string& text,
                                          models::DatasetReadOptions& options) {
  if (text == "tab" || text == "\\t" || text == "\t") {
    options.delimiter = '\t';
  } else if (text.size() == 1) {
    options.delimiter = text[0];
  } else if (text.empty()) {
    options.delimiter = 0;  // by the file's extension
  } else {
    return shown_value(text) + " is not one character or 'tab'";
  }
  return std::nullopt;
}

// A sheet is named by its name or its number; a number of digits past what
// any count of sheets reaches names none (a number past the workbook's
// sheets is told when the file is read).
std::optional<std::string> read_sheet(const std::string& text,
                                      models::DatasetReadOptions& options) {
  const bool digits = !text.empty() && std::all_of(text.begin(), text.end(),
                                                   [](char c) { return c >= '0' && c <= '9'; });
  unsigned long number = 0;  // what the xlsx reader takes a sheet number as
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (digits && (error != std::errc() || end != text.data() + text.size())) {
    return shown_value(text) +
           " names no sheet: a sheet is named by its name or its number, 1 for the first, and "
           "this number is too large";
  }
  options.sheet = text;
  return std::nullopt;
}

std::optional<std::string> read_max_inflated(const std::string& text,
                                             models::DatasetReadOptions& options) {
  std::uint64_t mib = 0;
  if (auto problem = read_count(text, kMostInflatedMib, " of MiB", mib)) return problem;
  options.limits.max_part_bytes = mib << 20;
  options.limits.max_total_bytes = ReadLimits::kTotalPerPartCap * (mib << 20);
  return std::nullopt;
}

std::optional<std::string> read_max_attributes(const std::string& text,
                                               models::DatasetReadOptions& options) {
  std::uint64_t most = 0;
  if (auto problem = read_count(text, kMostAttributes, "", most)) return problem;
  options.limits.max_attributes = static_cast<std::uint32_t>(most);
  return std::nullopt;
}

bool takes(const DatasetOption& option, DatasetInput input) {
  return input == DatasetInput::tables ? option.tables : option.texts;
}

}  // namespace

const std::vector<DatasetOption>& dataset_option_table() {
  static const std::vector<DatasetOption> table = {
      {"as", "layout", "TEXT:{auto,text,csv,tsv}",
       "read a text input as auto (by extension), text, csv or tsv (a workbook is read as one)",
       false, true, &read_layout},
      {"encoding", "encoding", "TEXT", "input encoding: auto, utf-8, cp932 (shift_jis)", true, true,
       &read_encoding},
      {"delimiter", "", "TEXT", "field delimiter: , or tab (default by extension)", true, false,
       &read_delimiter},
      {"sheet", "sheet", "TEXT", "an .xlsx input's sheet: its name or number (default: the first)",
       true, true, &read_sheet},
      {"max-inflated-size", "", "UINT:INT in [1 - " + std::to_string(kMostInflatedMib) + "]",
       "the most MiB one part of an .xlsx input may inflate to (default " +
           std::to_string(ReadLimits::kDefaultMaxPartBytes >> 20) +
           "; all its parts together: " + std::to_string(ReadLimits::kTotalPerPartCap) +
           " times this); a workbook beyond is refused (a zip bomb)",
       true, true, &read_max_inflated},
      {"max-attributes", "", "UINT:INT in [1 - " + std::to_string(kMostAttributes) + "]",
       "the most attributes one XML element may have, in an XML input or an .xlsx's parts "
       "(default " +
           std::to_string(ReadLimits::kDefaultMaxAttributes) + "); beyond, the file is refused",
       true, true, &read_max_attributes},
  };
  return table;
}

void DatasetOptions::add_to(CLI::App& app) {
  for (const DatasetOption& option : dataset_option_table()) {
    if (takes(option, input_)) options_.push_back(&option);
  }
  values_.resize(options_.size());  // never grows again: the options hold references
  for (std::size_t i = 0; i < options_.size(); ++i) {
    const DatasetOption& option = *options_[i];
    given_.push_back(app.add_option("--" + std::string(option.name), values_[i], option.help)
                         ->type_name(option.type_name));
  }
}

std::optional<models::DatasetReadOptions> DatasetOptions::read_options(std::ostream& err,
                                                                       std::string_view who) const {
  models::DatasetReadOptions options;
  options.limits.raise_size_hint = "raise it with --max-inflated-size MIB";
  options.limits.raise_attributes_hint = "raise it with --max-attributes N";
  for (std::size_t i = 0; i < options_.size(); ++i) {
    if (given_[i]->count() == 0) continue;
    if (auto problem = options_[i]->read(values_[i], options)) {
      err << who << ": --" << options_[i]->name << ": " << *problem << "\n";
      return std::nullopt;
    }
  }
  return options;
}

std::optional<std::string> read_dataset_parameters(
    DatasetInput input, const std::function<std::string(const std::string& name)>& parameter,
    models::DatasetReadOptions& options) {
  for (const DatasetOption& option : dataset_option_table()) {
    if (option.parameter.empty() || !takes(option, input)) continue;
    const std::string name(option.parameter);
    const std::string value = parameter(name);
    if (value.empty()) continue;
    if (auto problem = option.read(value, options)) return "'" + name + "': " + *problem;
  }
  return std::nullopt;
}

}  // namespace gifkit::tools
