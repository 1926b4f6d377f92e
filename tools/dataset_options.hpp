// dataset_options.hpp — the options of a dataset input, each declared once:
// its name, its help, the service's parameter for it, and how its text is
// read into models::DatasetReadOptions (the one message when it is refused)
// — a table from which the commands add their options (validate, transform,
// diff and link read tables: --encoding, --delimiter, --sheet and the caps
// --max-inflated-size, --max-attributes; chars check|shrink read texts: --as
// in place of --delimiter) and the service reads its parameters
// (/v1/validate, /v1/characters/check: those the table gives one; the caps
// are the server's own, from --max-body). So a value is read, and refused,
// in the same words on both sides: the command line says
// "gifkit CMD: --NAME: why", the service "'NAME': why" (GDAL's algorithms
// declare an argument once for the command line and the API).
#pragma once
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/dataset/dataset_reader.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace gifkit::tools {

// What a command reads: tables (CSV, TSV, a workbook's sheet) or texts
// (those, or plain text a line at a time: the chars tool).
enum class DatasetInput { tables, texts };

struct DatasetOption {
  std::string_view name;       // the command line's --NAME
  std::string_view parameter;  // the service's parameter; "": none (a cap is the server's)
  std::string type_name;       // of the value, in the command line's help
  std::string help;
  bool tables = true;  // taken by the commands that read tables
  bool texts = true;   // taken by the chars tool
  // Reads text into options: nullopt when taken, else why not (a message
  // that shows the value given and names no option).
  std::optional<std::string> (*read)(const std::string& text, models::DatasetReadOptions& options);
};

// The options, in the order of the help.
const std::vector<DatasetOption>& dataset_option_table();

// The command line's option group: a command holds one and calls add_to in
// setup, read_options in run.
class DatasetOptions {
 public:
  explicit DatasetOptions(DatasetInput input = DatasetInput::tables) : input_(input) {}

  void add_to(CLI::App& app);
  // How the inputs are read (the command line's caps, their refusals naming
  // the options that raise them), or nullopt after "WHO: --NAME: why" on err.
  std::optional<models::DatasetReadOptions> read_options(std::ostream& err,
                                                         std::string_view who) const;

 private:
  DatasetInput input_;
  std::vector<const DatasetOption*> options_;  // the table's, for input_
  std::vector<std::string> values_;            // one per option, as given
  std::vector<CLI::Option*> given_;
};

// The service's parameters of the table for input, read into options (an
// absent or empty parameter keeps its default): parameter(name) is a
// parameter's value, "" when absent. nullopt when all were taken, else
// "'NAME': why".
std::optional<std::string> read_dataset_parameters(
    DatasetInput input, const std::function<std::string(const std::string& name)>& parameter,
    models::DatasetReadOptions& options);

}  // namespace gifkit::tools
