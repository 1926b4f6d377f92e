// help.cpp — `gifkit help [COMMAND]`; dispatch handles the work
// (tools/command.cpp), this class only exists so help is in the list.
#include <CLI/CLI.hpp>
#include <ostream>

#include "tools/command.hpp"

namespace gifkit::tools {
namespace {

class HelpCommand : public Command {
 public:
  void setup(CLI::App& app) override { app.add_option("command", topic_, "a command name"); }
  int run(const CommandContext& context) override {
    context.out << "Run `gifkit --help` for the list of commands.\n";
    return kExitOk;
  }

 private:
  std::string topic_;
};

}  // namespace

std::unique_ptr<Command> make_help_command() {
  return std::make_unique<HelpCommand>();
}

}  // namespace gifkit::tools
