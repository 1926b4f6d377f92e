// gate_options.hpp — the option group of `gifkit validate` that says what
// fails a file (osmium-tool style: a mixin that owns its options, their
// reading and their messages): --fail-on, --severity CODE=LEVEL,
// --max-error-rate CODE|all=PCT, --baseline PREVIOUS.json, and the
// repository's gifkit.toml (or .gifkit.toml) holding the same settings per
// path pattern (--config FILE names one, --no-config ignores it). The
// command line wins over the file. docs/validate.md, "The gate".
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "models/engine/report/baseline.hpp"
#include "models/engine/validate/validate.hpp"
#include "tools/command.hpp"

namespace CLI {
class App;
}

namespace gifkit::tools {

class GateOptions {
 public:
  void add_to(CLI::App& app);

  // Fills options.gate, options.gate_by_input (inputs matched by a pattern of
  // the config file) and options.baseline (kept alive by this object) for
  // options.inputs. False after "gifkit validate: why" on context.err: a bad
  // value, a config file that cannot be read or says something it may not
  // (file, line, column and what was expected), a baseline that is no json
  // report.
  bool apply(models::ValidateOptions& options, const CommandContext& context);

  // The codes the command line's --severity and --max-error-rate name, by
  // option (not the config file's: one file serves runs with and without a
  // registry).
  std::vector<std::pair<std::string, std::set<std::string>>> codes_given() const;
  // The config file that was read ("" when none), for the command's note.
  const std::filesystem::path& config_file() const { return config_file_; }

 private:
  std::string fail_on_;
  std::vector<std::string> severity_;
  std::vector<std::string> max_error_rate_;
  std::string baseline_path_;
  std::string config_;
  bool no_config_ = false;
  std::filesystem::path config_file_;
  std::unique_ptr<models::Baseline> baseline_;
};

// The settings one gifkit.toml table gives (unset members say nothing).
struct GateConfigPart {
  std::optional<models::Severity> fail_on;
  std::map<std::string, std::optional<models::Severity>> severity;
  std::map<std::string, double> max_error_rate;
  std::optional<std::string> baseline;  // as written: relative to the file's folder
};

// A gifkit.toml's [validate] table and its [[validate.paths]] (each with its
// pattern), in order.
struct GateConfig {
  std::filesystem::path file;
  GateConfigPart all;
  std::vector<std::pair<std::string, GateConfigPart>> paths;
};

// Reads a gifkit.toml; throws std::runtime_error with "FILE:LINE:COLUMN: what
// was expected" when it is no TOML or holds a key or value it may not.
GateConfig read_gate_config(const std::filesystem::path& file);

// The gifkit.toml or .gifkit.toml of the working directory, else, inside a git
// repository, of the nearest parent up to the repository's top (the folder
// holding .git); outside a repository the working directory's alone; nullopt
// when there is none. One that is there but no regular file is returned (its
// reading refuses it) rather than passed over.
std::optional<std::filesystem::path> find_gate_config(const std::filesystem::path& start);

// Whether input (a path as given) matches pattern (fnmatch, `*` also
// crossing `/`), taken relative to the config file's folder.
bool gate_pattern_matches(const std::string& pattern, const std::filesystem::path& config_folder,
                          const std::string& input);

}  // namespace gifkit::tools
