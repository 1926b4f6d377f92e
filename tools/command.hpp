// command.hpp — the subcommand framework (osmium-tool style): one class per
// subcommand, setup() declares its options, run() does the work. The
// registration list (commands/command_list.cpp) feeds dispatch, `gifkit help` and
// `--version`.
#pragma once
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace gifkit::tools {

// The exit-code contract of every command.
enum ExitCode : int {
  kExitOk = 0,         // done, data OK
  kExitDataNotOk = 1,  // done, the data failed the check
  kExitUsage = 2,      // usage error, or the command could not run
};

// Where a command reads run-time data from, and where it writes.
struct CommandContext {
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;
  bool err_is_terminal = false;
};

// Options every command shares: where models and published data live.
struct CommonOptions {
  std::string models_dir;  // --models; default: see resolve_runtime_dir (runtime_dirs.hpp)
  std::string data_dir;    // --data; same order ($GIFKIT_DATA, installed tree, build tree)
  // --gif-version: the GIF release of auto-pick and of unqualified gif: ids
  // ("" = any release, the header tells; gif: is the newest).
  std::string gif_version;

  // Adds --models, --data and --gif-version to app.
  void add_to(CLI::App& app);
  std::filesystem::path models() const;
  std::filesystem::path data() const;
};

// "gifkit lookup address": the name of app (a command's or a subcommand's)
// on the command line, which begins its messages.
std::string command_name(const CLI::App& app);

// Where a registry may be, for the help of every --registry option and
// registry argument (each command adds what it reads there).
inline constexpr std::string_view kRegistryLocation =
    "a registry file (gifkit registry build) or a PostgreSQL server (postgresql://USER@HOST/DB, "
    "pg:SERVICE; gifkit registry push)";

class Command {
 public:
  virtual ~Command() = default;
  // Declares the command's options and arguments on app.
  virtual void setup(CLI::App& app) = 0;
  // Runs after a successful parse; returns an ExitCode.
  virtual int run(const CommandContext& context) = 0;
};

// A subcommand of a command made of them (`registry build`, `lookup char`):
// its name and summary, which its command's help lists, and its factory,
// given the command's --models and --data (declared on the command, filled
// by the parse before the subcommand runs).
struct SubcommandEntry {
  std::string_view name;
  std::string_view summary;
  std::unique_ptr<Command> (*make)(const CommonOptions& common);
};

// Where a command group declares --models and --data: on the group, after
// its subcommands, where they are taken before the subcommand's name or after
// it (`gifkit registry --models DIR build …`, `gifkit model check --data DIR`:
// CLI11's fallthrough), or on each subcommand, after the subcommand's own
// options (`gifkit chars check --data DIR …`), which lists them in its help.
enum class CommonOptionsPlace { group, each_subcommand };

// A command made of subcommands, each a Command class of its own, in a file
// of its own (GDAL's apps/gdalalg_vector.cpp): setup() adds one CLI
// subcommand per entry, in their order, and --models and --data where place
// says; run() runs the subcommand the command line chose.
class CommandGroup : public Command {
 public:
  explicit CommandGroup(std::vector<SubcommandEntry> entries,
                        CommonOptionsPlace place = CommonOptionsPlace::group);
  void setup(CLI::App& app) override;
  int run(const CommandContext& context) override;

 private:
  struct Chosen {
    CLI::App* app;
    std::unique_ptr<Command> command;
  };
  std::vector<SubcommandEntry> entries_;
  CommonOptionsPlace place_;
  CommonOptions common_;
  std::vector<Chosen> subcommands_;
};

struct CommandEntry {
  std::string_view name;
  std::string_view summary;
  std::unique_ptr<Command> (*make)();
};

// Every subcommand, in the order `gifkit help` lists them.
const std::vector<CommandEntry>& command_list();

std::string_view gifkit_version();

// The whole program: dispatches argv[1] to its command. Returns the exit code.
// streams_are_stdio: out and err are this process's standard output and error
// (the binary), so a command asks whether they are terminals (colour); a caller
// with streams of its own (the Python module, tools/python/) passes false.
int run_gifkit(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
               bool streams_are_stdio = true);

// Factories of the commands (one per commands/<name>.cpp).
std::unique_ptr<Command> make_help_command();
std::unique_ptr<Command> make_validate_command();
std::unique_ptr<Command> make_model_command();
std::unique_ptr<Command> make_registry_command();
std::unique_ptr<Command> make_lookup_command();
std::unique_ptr<Command> make_address_command();
std::unique_ptr<Command> make_chars_command();
std::unique_ptr<Command> make_serve_command();
std::unique_ptr<Command> make_transform_command();
std::unique_ptr<Command> make_diff_command();
std::unique_ptr<Command> make_link_command();

}  // namespace gifkit::tools
