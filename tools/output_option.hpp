// output_option.hpp — the option group of every command that writes its
// result to a file (osmium-tool style: one mixin, many commands). It owns
// -o/--output: its declaration and help, the opening of the output — the
// file, written atomically (grammars/io/atomic_file.hpp: never a half-written
// file), or standard output when it is not given or is "-" — and the one
// message when that fails ("gifkit CMD: why", exit 2). Commands whose
// output is more than one stream (`chars shrink`: the file, its review
// list and its change log; `transform`: tables, CSV or .xlsx) declare
// --output here and open their files themselves from path(). The formats
// the output is written in are the -f/--format option of
// tools/output/output_format.hpp (add_format_option).
//
// A command that writes its result to context.out and knows nothing of
// files gets -o,--output from with_output (below), where its group
// registers it: one declaration, one open and commit, for every such
// command (`address normalize`, `lookup char`, `model show`, `registry
// info`, …).
#pragma once
#include <iosfwd>
#include <memory>
#include <string>

#include "tools/command.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace gifkit::grammars {
class AtomicFile;
}

namespace gifkit::tools {

// An opened output: the atomic file or standard output. Written through
// stream(), put in place by commit(); destroyed uncommitted, it leaves
// nothing behind (the target as it was).
class OpenOutput {
 public:
  ~OpenOutput();
  OpenOutput(const OpenOutput&) = delete;
  OpenOutput& operator=(const OpenOutput&) = delete;

  std::ostream& stream() { return *out_; }
  // Flushes the stream and puts the file in place; false after "gifkit
  // CMD: why" on context.err (a file that could not be written or renamed,
  // standard output that failed: "write failed"): the command then returns
  // kExitUsage.
  bool commit(const CommandContext& context);

 private:
  friend class OutputOption;
  OpenOutput(std::unique_ptr<grammars::AtomicFile> file, std::ostream& out, std::string who);

  std::unique_ptr<grammars::AtomicFile> file_;  // null: standard output
  std::ostream* out_;
  std::string who_;  // "gifkit CMD", which begins the message of a failure
};

class OutputOption {
 public:
  // Declares -o,--output on app with help (what is written, and how).
  CLI::Option* add_to(CLI::App& app, const std::string& help);

  // The value as given ("" when it was not).
  const std::string& path() const { return path_; }
  // Whether the output goes to a file: given, and not "-".
  bool to_file() const { return !path_.empty() && path_ != "-"; }

  // Opens the output: the file (atomically) when to_file(), else
  // context.out; null, after "gifkit CMD: why" on context.err, when the
  // file cannot be created: the command then returns kExitUsage.
  std::unique_ptr<OpenOutput> open(const CommandContext& context) const;

 private:
  std::string path_;
  const CLI::App* app_ = nullptr;  // where it was declared: names the command in messages
};

// A command given -o,--output FILE (GDAL/osmium style: the option declared
// once, for every command that writes its result to standard output):
// setup() declares the inner command's options, then -o; run() opens the
// output, runs the inner command with context.out the output's stream
// (out_is_terminal false when it is a file), and puts the file in place
// when the inner command returned 0 or 1 (a result was written). On exit 2,
// or when the inner command throws, the target is left as it was and no
// temporary file stays beside it. A streaming command (address normalize
// -i FILE) writes into the temporary file as it goes: the target appears
// only at the end.
class CommandWithOutput : public Command {
 public:
  explicit CommandWithOutput(std::unique_ptr<Command> inner);
  void setup(CLI::App& app) override;
  int run(const CommandContext& context) override;

 private:
  std::unique_ptr<Command> inner_;
  OutputOption output_;
};

// The factory of make's command given -o (CommandWithOutput), for a
// group's registration: `{"show", "…", &with_output<&make_model_show_command>}`.
template <std::unique_ptr<Command> (*Make)(const CommonOptions&)>
std::unique_ptr<Command> with_output(const CommonOptions& common) {
  return std::make_unique<CommandWithOutput>(Make(common));
}

}  // namespace gifkit::tools
