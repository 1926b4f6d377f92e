// old_spelling.cpp — see old_spelling.hpp.
#include "tools/old_spelling.hpp"

#include <CLI/CLI.hpp>
#include <cassert>
#include <ostream>

namespace gifkit::tools {

void OldSpelling::add_option(CLI::App& app, CLI::Option* current, const std::string& old_name,
                             std::string& value, const std::string& what) {
  assert(current != nullptr);
  app_ = &app;
  current_ = current;
  value_ = &value;
  what_ = what;
  old_ = app.add_option(old_name, old_value_, "the old spelling of " + current->get_name())
             ->group("");  // hidden: the help shows the option once, as it is spelled now
}

void OldSpelling::add_flag(CLI::App& app, CLI::Option* current, const std::string& old_name,
                           bool& value) {
  assert(current != nullptr);
  app_ = &app;
  current_ = current;
  flag_ = &value;
  old_ = app.add_flag(old_name, old_flag_, "the old spelling of " + current->get_name())->group("");
}

bool OldSpelling::given() const {
  return old_ != nullptr && old_->count() > 0;
}

std::string OldSpelling::spelling(const CLI::Option& option) const {
  // "--charset SET", "-f/--format FORM", "--registries".
  std::string names;
  for (const std::string& name : option.get_snames()) names += "-" + name + "/";
  for (const std::string& name : option.get_lnames()) names += "--" + name + "/";
  if (!names.empty()) names.pop_back();
  return what_.empty() ? names : names + " " + what_;
}

bool OldSpelling::resolve(const CommandContext& context) {
  if (!given()) return true;
  const std::string who = command_name(*app_);
  const std::string old_spelling = spelling(*old_);
  const std::string new_spelling = spelling(*current_);
  if (value_ != nullptr) {
    if (current_->count() > 0) {
      context.err << who << ": give " << new_spelling << ", not both " << new_spelling << " and "
                  << old_spelling << " (its old spelling)\n";
      return false;
    }
    *value_ = old_value_;
  } else {
    *flag_ = true;
  }
  context.err << who << ": note: " << old_spelling << " is now " << new_spelling
              << "; the old spelling still works\n";
  return true;
}

}  // namespace gifkit::tools
