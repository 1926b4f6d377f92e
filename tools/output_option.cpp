// output_option.cpp — see output_option.hpp.
#include "tools/output_option.hpp"

#include <CLI/CLI.hpp>
#include <cassert>
#include <ostream>
#include <utility>

#include "grammars/io/atomic_file.hpp"

namespace gifkit::tools {

OpenOutput::OpenOutput(std::unique_ptr<grammars::AtomicFile> file, std::ostream& out,
                       std::string who)
    : file_(std::move(file)), out_(&out), who_(std::move(who)) {}

OpenOutput::~OpenOutput() = default;

bool OpenOutput::commit(const CommandContext& context) {
  out_->flush();
  if (file_) {
    try {
      file_->commit();
    } catch (const std::exception& error) {
      context.err << who_ << ": " << error.what() << "\n";
      return false;
    }
  } else if (!*out_) {
    context.err << who_ << ": write failed\n";
    return false;
  }
  return true;
}

CLI::Option* OutputOption::add_to(CLI::App& app, const std::string& help) {
  app_ = &app;
  return app.add_option("-o,--output", path_, help);
}

std::unique_ptr<OpenOutput> OutputOption::open(const CommandContext& context) const {
  assert(app_ != nullptr);  // add_to declared the option
  const std::string who = command_name(*app_);
  if (!to_file()) return std::unique_ptr<OpenOutput>(new OpenOutput(nullptr, context.out, who));
  try {
    auto file = std::make_unique<grammars::AtomicFile>(path_);
    std::ostream& stream = file->stream();
    return std::unique_ptr<OpenOutput>(new OpenOutput(std::move(file), stream, who));
  } catch (const std::exception& error) {
    context.err << who << ": " << error.what() << "\n";
    return nullptr;
  }
}

CommandWithOutput::CommandWithOutput(std::unique_ptr<Command> inner) : inner_(std::move(inner)) {
  assert(inner_ != nullptr);
}

void CommandWithOutput::setup(CLI::App& app) {
  inner_->setup(app);
  output_.add_to(app,
                 "write the result to this file instead of standard output (-), atomically: it "
                 "appears when the command ends, and is left as it was on exit 2");
}

int CommandWithOutput::run(const CommandContext& context) {
  const std::unique_ptr<OpenOutput> output = output_.open(context);
  if (!output) return kExitUsage;
  const CommandContext inner{output->stream(), context.err,
                             !output_.to_file() && context.out_is_terminal,
                             context.err_is_terminal};
  const int code = inner_->run(inner);
  // Exit 2: the command could not run; what it wrote is not its result.
  if (code != kExitOk && code != kExitDataNotOk) return code;
  return output->commit(context) ? code : kExitUsage;
}

}  // namespace gifkit::tools
