// dataset_options.hpp — the option group of the commands that read
// datasets (validate, transform, diff): --encoding, --delimiter and --sheet,
// the caps on what reading an input may cost (--max-inflated-size,
// --max-attributes: grammars/io/read_limits.hpp), and the check of what was
// given (osmium-tool style: one mixin, many commands).
#pragma once
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "grammars/io/encoding.hpp"
#include "grammars/io/read_limits.hpp"

namespace CLI {
class App;
}

namespace gifkit::tools {

struct DatasetOptions {
  std::string encoding = "auto";
  std::string delimiter;
  std::string sheet;
  std::uint64_t max_inflated_mib = grammars::ReadLimits::kDefaultMaxPartBytes >> 20;
  std::uint32_t max_attributes = grammars::ReadLimits::kDefaultMaxAttributes;

  void add_to(CLI::App& app);
  // The caps given, with the options that raise them named in their refusals.
  grammars::ReadLimits read_limits() const;
  // The encoding and delimiter given (delimiter 0: by the file's
  // extension); false, with "WHO: why" on err, when one (or the sheet) is
  // not understood.
  bool parse(grammars::Encoding& encoding_out, char& delimiter_out, std::ostream& err,
             std::string_view who) const;
};

// Why sheet (an .xlsx sheet's name or number) can name no sheet: a number
// of digits past what any count of sheets reaches; nullopt otherwise (a
// number past the workbook's sheets is told when the file is read).
std::optional<std::string> sheet_problem(std::string_view sheet);

}  // namespace gifkit::tools
