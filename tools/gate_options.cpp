// gate_options.cpp — see gate_options.hpp. gifkit.toml is read with toml++.
#include "tools/gate_options.hpp"

#include <fnmatch.h>

#include <toml++/toml.h>
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cassert>
#include <charconv>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

#include "grammars/io/regular_file.hpp"
#include "grammars/text/decimal_text.hpp"
#include "tools/toml_text.hpp"

namespace gifkit::tools {
namespace {

constexpr const char* kWho = "gifkit validate";

// "error" / "warning" / "info" → that severity in out, "off" → nullopt in
// out; false for anything else.
bool parse_level(std::string_view level, std::optional<models::Severity>& out) {
  if (level == "error") {
    out = models::Severity::error;
  } else if (level == "warning") {
    out = models::Severity::warning;
  } else if (level == "info") {
    out = models::Severity::info;
  } else if (level == "off") {
    out.reset();
  } else {
    return false;
  }
  return true;
}

// "5", "0.5", "5%" → 5, 0.5, 5; nullopt when it is no number.
std::optional<double> parse_percent(std::string_view text) {
  if (!text.empty() && text.back() == '%') text.remove_suffix(1);
  double value = 0;
  auto [end, error] = grammars::read_double(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// "FILE:LINE:COLUMN: " for a TOML node.
std::string where(const std::filesystem::path& file, const toml::node& node) {
  const toml::source_region& at = node.source();
  return file.string() + ":" + std::to_string(at.begin.line) + ":" +
         std::to_string(at.begin.column) + ": ";
}

[[noreturn]] void refuse(const std::filesystem::path& file, const toml::node& node,
                         const std::string& what) {
  throw std::runtime_error(where(file, node) + what);
}

// One [validate] or [[validate.paths]] table. pattern: set for a paths entry
// (which must have one and may not name a baseline).
GateConfigPart read_part(const std::filesystem::path& file, const toml::table& table,
                         std::string* pattern) {
  GateConfigPart part;
  for (auto&& [name, node] : table) {
    const std::string key(name.str());
    if (key == "paths" && pattern == nullptr) continue;  // read by the caller
    if (key == "pattern" && pattern != nullptr) {
      auto text = node.value<std::string>();
      if (!text || text->empty()) refuse(file, node, "pattern: expected a non-empty string");
      *pattern = *text;
    } else if (key == "fail-on") {
      auto text = node.value<std::string>();
      if (!text || (*text != "error" && *text != "warning"))
        refuse(file, node, "fail-on: expected \"error\" or \"warning\"");
      part.fail_on = *text == "warning" ? models::Severity::warning : models::Severity::error;
    } else if (key == "severity") {
      const toml::table* codes = node.as_table();
      if (codes == nullptr) refuse(file, node, "severity: expected a table of CODE = \"LEVEL\"");
      for (auto&& [code, level] : *codes) {
        auto text = level.value<std::string>();
        std::optional<models::Severity> parsed;
        if (!text || !parse_level(*text, parsed))
          refuse(file, level,
                 "severity." + std::string(code.str()) +
                     ": expected \"error\", \"warning\", \"info\" or \"off\"");
        part.severity[std::string(code.str())] = parsed;
      }
    } else if (key == "max-error-rate") {
      const toml::table* codes = node.as_table();
      if (codes == nullptr)
        refuse(file, node, "max-error-rate: expected a table of CODE (or all) = PERCENT");
      for (auto&& [code, percent] : *codes) {
        auto number = percent.value<double>();
        if (!number || !(*number >= 0 && *number <= 100))  // NaN too
          refuse(file, percent,
                 "max-error-rate." + std::string(code.str()) +
                     ": expected a percentage from 0 to 100");
        part.max_error_rate[std::string(code.str())] = *number;
      }
    } else if (key == "baseline" && pattern == nullptr) {
      auto text = node.value<std::string>();
      if (!text) refuse(file, node, "baseline: expected the path of a json report");
      part.baseline = *text;
    } else {
      refuse(file, node,
             "unknown key " + key + " (expected " +
                 (pattern != nullptr ? "pattern, fail-on, severity or max-error-rate"
                                     : "fail-on, severity, max-error-rate, baseline or paths") +
                 ")");
    }
  }
  return part;
}

// settings with part's on top.
void overlay(models::GateSettings& settings, const GateConfigPart& part) {
  if (part.fail_on) settings.fail_on = *part.fail_on;
  for (const auto& [code, level] : part.severity) settings.severity[code] = level;
  for (const auto& [code, percent] : part.max_error_rate) settings.max_error_rate[code] = percent;
}

}  // namespace

GateConfig read_gate_config(const std::filesystem::path& file) {
  if (const std::string why = grammars::not_regular_file_reason(file); !why.empty())
    throw std::runtime_error(file.string() + ": " + why);
  std::ifstream in(file, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.eof() && in.fail()) throw std::runtime_error(file.string() + ": cannot be read");
  // toml++ is given ASCII only (toml_text.hpp): first with the places kept, for its
  // errors, then, when that reads, with the values kept.
  const TomlTexts texts = toml_ascii_texts(text);
  if (!texts.problem.empty()) throw std::runtime_error(file.string() + ":" + texts.problem);
  toml::table document;
  try {
    (void)toml::parse(texts.same_places, file.string());
    document = toml::parse(texts.same_values, file.string());
  } catch (const toml::parse_error& error) {
    throw std::runtime_error(file.string() + ":" + std::to_string(error.source().begin.line) + ":" +
                             std::to_string(error.source().begin.column) + ": " +
                             std::string(error.description()));
  }
  GateConfig config;
  config.file = file;
  for (auto&& [name, node] : document) {
    if (name.str() != "validate")
      refuse(file, node, "unknown table " + std::string(name.str()) + " (expected [validate])");
  }
  const toml::table* validate = document["validate"].as_table();
  if (validate == nullptr) return config;
  config.all = read_part(file, *validate, nullptr);
  if (const toml::node* paths = validate->get("paths")) {
    const toml::array* entries = paths->as_array();
    if (entries == nullptr)
      refuse(file, *paths, "paths: expected [[validate.paths]] tables, each with a pattern");
    for (const toml::node& entry : *entries) {
      const toml::table* table = entry.as_table();
      if (table == nullptr) refuse(file, entry, "paths: expected a table with a pattern");
      std::string pattern;
      GateConfigPart part = read_part(file, *table, &pattern);
      if (pattern.empty()) refuse(file, entry, "paths: this entry has no pattern");
      config.paths.emplace_back(std::move(pattern), std::move(part));
    }
  }
  return config;
}

std::optional<std::filesystem::path> find_gate_config(const std::filesystem::path& start) {
  std::error_code error;
  const std::filesystem::path here = std::filesystem::absolute(start, error).lexically_normal();
  if (error) return std::nullopt;
  // A repository's settings reach as far as its top (the folder holding .git); outside a
  // repository only the working folder's own file counts, never one left in a parent
  // folder that would loosen every gate run below it.
  std::filesystem::path top = here;
  for (std::filesystem::path folder = here;; folder = folder.parent_path()) {
    if (std::filesystem::exists(folder / ".git", error)) {
      top = folder;
      break;
    }
    if (!folder.has_parent_path() || folder.parent_path() == folder) break;
  }
  for (std::filesystem::path folder = here;; folder = folder.parent_path()) {
    for (const char* name : {"gifkit.toml", ".gifkit.toml"}) {
      if (std::filesystem::exists(folder / name, error)) return folder / name;
    }
    if (folder == top || !folder.has_parent_path() || folder.parent_path() == folder)
      return std::nullopt;
  }
}

bool gate_pattern_matches(const std::string& pattern, const std::filesystem::path& config_folder,
                          const std::string& input) {
  std::error_code error;
  const std::filesystem::path absolute = std::filesystem::absolute(input, error);
  if (error) return false;
  const std::string relative =
      absolute.lexically_normal().lexically_relative(config_folder.lexically_normal()).string();
  return fnmatch(pattern.c_str(), relative.c_str(), 0) == 0 ||
         fnmatch(pattern.c_str(), input.c_str(), 0) == 0;
}

void GateOptions::add_to(CLI::App& app) {
  app.add_option("--fail-on", fail_on_,
                 "lowest severity that fails: error or warning (default error)")
      ->check(CLI::IsMember({"error", "warning"}));
  app.add_option("--severity", severity_,
                 "CODE=error|warning|info|off: report a code with another severity, or not at "
                 "all (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--max-error-rate", max_error_rate_,
                 "CODE=PCT or all=PCT: the code's failing findings pass while they are in at most "
                 "PCT % of the rows (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--baseline", baseline_path_,
                 "a previous report (-f json, ndjson or sarif): only problems it does not hold "
                 "fail the gate");
  app.add_option("--config", config_,
                 "a gifkit.toml with the gate's settings (default: gifkit.toml or .gifkit.toml "
                 "here or up to the repository's top)");
  app.add_flag("--no-config", no_config_, "read no gifkit.toml");
}

std::vector<std::pair<std::string, std::set<std::string>>> GateOptions::codes_given() const {
  std::vector<std::pair<std::string, std::set<std::string>>> given;
  for (const auto& [option, settings] :
       {std::pair{"--severity", &severity_}, std::pair{"--max-error-rate", &max_error_rate_}}) {
    std::set<std::string>& codes = given.emplace_back(option, std::set<std::string>{}).second;
    for (const std::string& setting : *settings) codes.insert(setting.substr(0, setting.find('=')));
  }
  return given;
}

bool GateOptions::apply(models::ValidateOptions& options, const CommandContext& context) {
  // The command line's own settings, laid over whatever the file says.
  GateConfigPart given;
  if (!fail_on_.empty())
    given.fail_on = fail_on_ == "warning" ? models::Severity::warning : models::Severity::error;
  for (const std::string& setting : severity_) {
    const std::size_t at = setting.find('=');
    std::optional<models::Severity> level;
    if (at == std::string::npos || !parse_level(setting.substr(at + 1), level)) {
      context.err << kWho << ": --severity " << setting
                  << ": expected CODE=error, CODE=warning, CODE=info or CODE=off\n";
      return false;
    }
    given.severity[setting.substr(0, at)] = level;
  }
  for (const std::string& setting : max_error_rate_) {
    const std::size_t at = setting.find('=');
    auto percent = at == std::string::npos ? std::nullopt : parse_percent(setting.substr(at + 1));
    if (!percent || !(*percent >= 0 && *percent <= 100)) {  // NaN too
      context.err << kWho << ": --max-error-rate " << setting
                  << ": expected CODE=PCT or all=PCT, PCT a percentage from 0 to 100\n";
      return false;
    }
    given.max_error_rate[setting.substr(0, at)] = *percent;
  }

  std::optional<GateConfig> config;
  if (!no_config_) {
    std::optional<std::filesystem::path> file;
    if (!config_.empty()) {
      file = config_;
    } else {
      file = find_gate_config(std::filesystem::current_path());
    }
    if (file) {
      try {
        config = read_gate_config(*file);
        config_file_ = *file;
      } catch (const std::runtime_error& error) {
        context.err << kWho << ": --config: " << error.what() << "\n";
        return false;
      }
    }
  }

  models::GateSettings base;
  std::string baseline = baseline_path_;
  const std::filesystem::path config_folder =
      config ? std::filesystem::absolute(config->file).parent_path() : std::filesystem::path();
  if (config) {
    overlay(base, config->all);
    if (baseline.empty() && config->all.baseline)
      baseline = (config_folder / *config->all.baseline).string();
  }
  options.gate = base;
  overlay(options.gate, given);
  if (config) {
    for (const std::string& input : options.inputs) {
      bool matched = false;
      models::GateSettings own = base;
      for (const auto& [pattern, part] : config->paths) {
        if (!gate_pattern_matches(pattern, config_folder, input)) continue;
        overlay(own, part);
        matched = true;
      }
      if (!matched) continue;
      overlay(own, given);
      options.gate_by_input[input] = std::move(own);
    }
  }
  if (!baseline.empty()) {
    try {
      baseline_ = std::make_unique<models::Baseline>(models::Baseline::read(baseline));
    } catch (const models::BaselineError& error) {
      context.err << kWho << ": " << error.message << "\n";
      return false;
    }
    options.baseline = baseline_.get();
  }
  return true;
}

}  // namespace gifkit::tools
