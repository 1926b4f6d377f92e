// test_output_option.cpp — tools/output_option: -o/--output as every command
// that writes one result declares it: standard output without it or with
// "-", the file written atomically (absent until commit, as it was when the
// command gives up), and the one message when the file cannot be made or
// standard output fails; and CommandWithOutput, which gives -o to a command
// that writes its result to standard output.
// room: cli
#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>

#include "tools/output_option.hpp"

using namespace gifkit::tools;
namespace fs = std::filesystem;

namespace {

// A fresh temp folder, removed at the end.
struct TempFolder {
  fs::path root = fs::temp_directory_path() /
                  ("gifkit-output-option-" + std::to_string(std::random_device{}()));
  TempFolder() { fs::create_directories(root); }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `gifkit test ARGS` with an OutputOption declared on it.
struct Parsed {
  CLI::App app{"", "gifkit test"};
  OutputOption output;
  std::ostringstream out, err;
  CommandContext context{out, err};
  explicit Parsed(const std::string& args) {
    output.add_to(app, "write it to this file (atomically)");
    app.parse(args, false);
  }
};

}  // namespace

TEST_CASE("output-option-1.1 without -o, and with -o -, the output is standard output",
          "[output-option]") {
  for (const std::string args : {"", "-o -", "--output -"}) {
    Parsed parsed(args);
    CHECK_FALSE(parsed.output.to_file());
    auto output = parsed.output.open(parsed.context);
    REQUIRE(output != nullptr);
    output->stream() << "report\n";
    CHECK(output->commit(parsed.context));
    CHECK(parsed.out.str() == "report\n");
    CHECK(parsed.err.str().empty());
  }
}

TEST_CASE("output-option-1.2 -o FILE: nothing there until commit, then all of it",
          "[output-option]") {
  TempFolder folder;
  const fs::path target = folder.root / "report.txt";
  Parsed parsed("-o " + target.string());
  CHECK(parsed.output.to_file());
  CHECK(parsed.output.path() == target.string());
  auto output = parsed.output.open(parsed.context);
  REQUIRE(output != nullptr);
  output->stream() << "report\n";
  CHECK_FALSE(fs::exists(target));
  CHECK(output->commit(parsed.context));
  CHECK(read_file(target) == "report\n");
  CHECK(parsed.out.str().empty());
  CHECK(parsed.err.str().empty());
}

TEST_CASE("output-option-1.3 an output given up before commit leaves the file as it was",
          "[output-option]") {
  TempFolder folder;
  const fs::path target = folder.root / "report.txt";
  std::ofstream(target) << "before\n";
  Parsed parsed("-o " + target.string());
  {
    auto output = parsed.output.open(parsed.context);
    REQUIRE(output != nullptr);
    output->stream() << "half a report";
  }
  CHECK(read_file(target) == "before\n");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder.root)) ++entries;
  CHECK(entries == 1);  // no temporary file left
}

TEST_CASE("output-option-1.4 a file that cannot be made: null, and the command's message",
          "[output-option]") {
  TempFolder folder;
  Parsed parsed("-o " + (folder.root / "no-such-folder" / "report.txt").string());
  CHECK(parsed.output.open(parsed.context) == nullptr);
  CHECK(parsed.err.str().rfind("gifkit test: ", 0) == 0);
  CHECK(parsed.err.str().find("no-such-folder") != std::string::npos);
}

TEST_CASE("output-option-1.5 standard output that failed: commit says write failed",
          "[output-option]") {
  Parsed parsed("");
  auto output = parsed.output.open(parsed.context);
  REQUIRE(output != nullptr);
  parsed.out.setstate(std::ios::badbit);
  CHECK_FALSE(output->commit(parsed.context));
  CHECK(parsed.err.str() == "gifkit test: write failed\n");
}

namespace {

// A command that writes `result` to context.out and returns `code` (or
// throws, as a registry that fails while it is read does), and records what
// it was given.
struct Scripted : Command {
  std::string result = "result\n";
  int code = kExitOk;
  bool throws = false;
  bool* saw_terminal = nullptr;
  bool ran = false;
  std::string flag;
  void setup(CLI::App& app) override { app.add_option("--flag", flag, "an option of its own"); }
  int run(const CommandContext& context) override {
    ran = true;
    if (saw_terminal) *saw_terminal = context.out_is_terminal;
    context.out << result << "flag " << flag << "\n";
    if (throws) throw std::runtime_error("the registry failed");
    return code;
  }
};

// `gifkit test ARGS` of a Scripted command given -o by CommandWithOutput.
struct Wrapped {
  CLI::App app{"", "gifkit test"};
  Scripted* inner;
  std::unique_ptr<Command> command;
  std::ostringstream out, err;
  CommandContext context{out, err, true, false};
  Wrapped(const std::string& args, int code, bool throws = false) {
    auto scripted = std::make_unique<Scripted>();
    scripted->code = code;
    scripted->throws = throws;
    inner = scripted.get();
    command = std::make_unique<CommandWithOutput>(std::move(scripted));
    command->setup(app);
    app.parse(args, false);
  }
};

std::size_t entries_in(const fs::path& folder) {
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) ++entries;
  return entries;
}

}  // namespace

TEST_CASE("output-option-2.1 CommandWithOutput: the inner command's options, then -o",
          "[output-option]") {
  Wrapped wrapped("--flag x", kExitOk);
  CHECK(wrapped.app.get_option("--flag") != nullptr);
  CHECK(wrapped.app.get_option("-o") != nullptr);
  CHECK(wrapped.app.get_option("--output") != nullptr);
  // Without -o: standard output, and the terminal as it is.
  bool terminal = false;
  wrapped.inner->saw_terminal = &terminal;
  CHECK(wrapped.command->run(wrapped.context) == kExitOk);
  CHECK(wrapped.out.str() == "result\nflag x\n");
  CHECK(terminal);
}

TEST_CASE(
    "output-option-2.2 CommandWithOutput -o FILE: the same bytes, put in place on exit 0 "
    "and 1; nothing on standard output",
    "[output-option]") {
  for (const int code : {int{kExitOk}, int{kExitDataNotOk}}) {
    TempFolder folder;
    const fs::path target = folder.root / "result.txt";
    std::ofstream(target) << "before\n";
    Wrapped wrapped("--flag x -o " + target.string(), code);
    bool terminal = true;
    wrapped.inner->saw_terminal = &terminal;
    CHECK(wrapped.command->run(wrapped.context) == code);
    CHECK(read_file(target) == "result\nflag x\n");
    CHECK(wrapped.out.str().empty());
    CHECK(wrapped.err.str().empty());
    CHECK_FALSE(terminal);  // a file is no terminal
    CHECK(entries_in(folder.root) == 1);
  }
}

TEST_CASE(
    "output-option-2.3 CommandWithOutput: exit 2, or a throw, leaves the target as it was "
    "and no temporary file",
    "[output-option]") {
  for (const bool throws : {false, true}) {
    TempFolder folder;
    const fs::path target = folder.root / "result.txt";
    std::ofstream(target) << "before\n";
    Wrapped wrapped("-o " + target.string(), kExitUsage, throws);
    if (throws) {
      CHECK_THROWS(wrapped.command->run(wrapped.context));
    } else {
      CHECK(wrapped.command->run(wrapped.context) == kExitUsage);
    }
    CHECK(read_file(target) == "before\n");
    CHECK(entries_in(folder.root) == 1);
    CHECK(wrapped.out.str().empty());
  }
}

TEST_CASE(
    "output-option-2.4 CommandWithOutput: -o into a folder that does not exist is exit 2 "
    "before the command runs",
    "[output-option]") {
  TempFolder folder;
  Wrapped wrapped("-o " + (folder.root / "no-such-folder" / "result.txt").string(), kExitOk);
  CHECK(wrapped.command->run(wrapped.context) == kExitUsage);
  CHECK_FALSE(wrapped.inner->ran);
  CHECK(wrapped.out.str().empty());
  CHECK(wrapped.err.str().rfind("gifkit test: cannot write ", 0) == 0);
  CHECK(wrapped.err.str().find("no such folder") != std::string::npos);
}
