// fuzz_gate_config.cpp — libFuzzer target for the gifkit.toml reader
// (tools/gate_options.hpp: read_gate_config, gate_pattern_matches), which
// reads the settings a repository gives every validate run below it. The
// input is the gifkit.toml (a scratch file: the reader takes a path).
// Invariants: the reader throws nothing but std::runtime_error, whose message
// is FILE:LINE:COLUMN: what; a config read has every max-error-rate a number
// from 0 to 100 (never NaN), every paths entry a non-empty pattern and no
// baseline; reading the file again gives the same settings; matching its
// patterns against a few paths returns (fnmatch on any pattern).
// room: cli
#include <cmath>
#include <cstdint>
#include <exception>
#include <regex>
#include <string>
#include <string_view>
#include <typeinfo>

#include "fuzz/fuzz_support.hpp"
#include "tools/gate_options.hpp"

namespace {

namespace t = gifkit::tools;
namespace m = gifkit::models;

void check_part(const t::GateConfigPart& part, bool in_paths) {
  for (const auto& [code, percent] : part.max_error_rate)
    FUZZ_CHECK(percent >= 0 && percent <= 100,
               "max-error-rate." + code + " = " + std::to_string(percent));
  if (in_paths) FUZZ_CHECK(!part.baseline, "a paths entry with a baseline");
  if (part.fail_on)
    FUZZ_CHECK(*part.fail_on == m::Severity::error || *part.fail_on == m::Severity::warning,
               "fail-on neither error nor warning");
}

// The settings as text, for comparing two readings.
std::string settings(const t::GateConfig& config) {
  std::string text;
  const auto part_text = [&](const t::GateConfigPart& part) {
    text += part.fail_on ? std::to_string(static_cast<int>(*part.fail_on)) : "-";
    for (const auto& [code, level] : part.severity)
      text += " " + code + "=" + (level ? std::to_string(static_cast<int>(*level)) : "off");
    for (const auto& [code, percent] : part.max_error_rate)
      text += " " + code + "<" + std::to_string(percent);
    text += part.baseline ? " baseline " + *part.baseline : "";
    text += "\n";
  };
  part_text(config.all);
  for (const auto& [pattern, part] : config.paths) {
    text += pattern + ": ";
    part_text(part);
  }
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const gifkit::fuzz::ScratchFile scratch(".gifkit.toml");
  const std::string& path = scratch.write(gifkit::fuzz::as_text(data, size));
  t::GateConfig config;
  try {
    config = t::read_gate_config(path);
  } catch (const std::runtime_error& error) {
    static const std::regex kWhere(R"(^[^:]+:[0-9]+:[0-9]+: .+)");
    const std::string message = error.what();
    FUZZ_CHECK(message.starts_with(path + ":") && std::regex_search(message, kWhere),
               "an error not in the form FILE:LINE:COLUMN: what: " + message);
    return 0;
  } catch (const std::exception& error) {
    FUZZ_CHECK(false,
               std::string("read_gate_config threw ") + typeid(error).name() + ": " + error.what());
  }
  FUZZ_CHECK(config.file == path, "the config names another file");
  check_part(config.all, false);
  for (const auto& [pattern, part] : config.paths) {
    FUZZ_CHECK(!pattern.empty(), "a paths entry without a pattern");
    check_part(part, true);
    for (const char* input : {"data/a.csv", "/abs/b.xlsx", "c.csv", ""})
      (void)t::gate_pattern_matches(pattern, "/work/repo", input);
  }
  FUZZ_CHECK(settings(t::read_gate_config(path)) == settings(config),
             "reading the file again gives other settings:\n" + settings(config));
  return 0;
}
