// test_output_option.cpp — tools/output_option: -o/--output as every command
// that writes one result declares it: standard output without it or with
// "-", the file written atomically (absent until commit, as it was when the
// command gives up), and the one message when the file cannot be made or
// standard output fails.
#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
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
