// old_spelling.hpp — an option's old spelling, still accepted after the
// option was renamed so that each option means one thing (issue #52: `diff
// --registry` became --registries, `chars shrink --to` and `lookup char
// --to` became --charset, `model export --to` became -f/--format). The old
// spelling is declared hidden (CLI11 group ""), beside the option it was
// renamed to; resolve(), at the start of run(), puts its value where the new
// option's goes and says so on stderr, one line: "gifkit CMD: note: --to SET
// is now --charset SET; the old spelling still works". docs/cli.md lists
// them.
#pragma once
#include <string>

#include "tools/command.hpp"

namespace CLI {
class Option;
}

namespace gifkit::tools {

class OldSpelling {
 public:
  // Declares old_name (an option taking a value, e.g. "--to") hidden on
  // app, for current, the option it was renamed to (declared already),
  // whose value is value. what: how the note shows the value ("SET").
  void add_option(CLI::App& app, CLI::Option* current, const std::string& old_name,
                  std::string& value, const std::string& what);
  // The same for a flag (diff --registry, now --registries).
  void add_flag(CLI::App& app, CLI::Option* current, const std::string& old_name, bool& value);

  // In run(): when the old spelling was given, its value goes to the new
  // option's and the note is written on context.err; false, after "gifkit
  // CMD: give NEW, not both NEW and OLD", when an option that takes a value
  // was given in both spellings (the command then returns kExitUsage). Two
  // flags are one flag: both given is the flag given.
  bool resolve(const CommandContext& context);

  // Whether the old spelling was given.
  bool given() const;

 private:
  std::string spelling(const CLI::Option& option) const;

  const CLI::App* app_ = nullptr;   // names the command in the note
  CLI::Option* current_ = nullptr;  // the option as it is spelled now
  CLI::Option* old_ = nullptr;      // the hidden old spelling
  std::string* value_ = nullptr;    // the new option's value (an option)
  bool* flag_ = nullptr;            // the new option's value (a flag)
  std::string old_value_;
  bool old_flag_ = false;
  std::string what_;  // "SET": the value as the note shows it; empty for a flag
};

}  // namespace gifkit::tools
