// test_old_spelling.cpp — tools/old_spelling: an option's old spelling,
// still accepted after the rename that made each option mean one thing
// (issue #52): hidden from the help, its value taken with a one-line note,
// refused beside the new spelling when the option takes a value; a flag
// given in both spellings is the flag given.
// room: cli
#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "tools/old_spelling.hpp"

using namespace gifkit::tools;

namespace {

// `gifkit test ARGS` with --charset SET, whose old spelling is --to.
struct Renamed {
  CLI::App app{"", "gifkit test"};
  std::string charset = "jisx0208";
  OldSpelling old_to;
  std::ostringstream out, err;
  CommandContext context{out, err};
  explicit Renamed(const std::string& args) {
    auto* current = app.add_option("--charset", charset, "the set");
    old_to.add_option(app, current, "--to", charset, "SET");
    app.parse(args, false);
  }
};

// `gifkit test ARGS` with the flag --registries, whose old spelling is --registry.
struct RenamedFlag {
  CLI::App app{"", "gifkit test"};
  bool registries = false;
  OldSpelling old_registry;
  std::ostringstream out, err;
  CommandContext context{out, err};
  explicit RenamedFlag(const std::string& args) {
    auto* current = app.add_flag("--registries", registries, "two registry builds");
    old_registry.add_flag(app, current, "--registry", registries);
    app.parse(args, false);
  }
};

}  // namespace

TEST_CASE("old-spelling-1.1 the new spelling: its value, no note", "[old-spelling]") {
  Renamed renamed("--charset mj");
  CHECK(renamed.old_to.resolve(renamed.context));
  CHECK(renamed.charset == "mj");
  CHECK_FALSE(renamed.old_to.given());
  CHECK(renamed.err.str().empty());
  Renamed neither("");
  CHECK(neither.old_to.resolve(neither.context));
  CHECK(neither.charset == "jisx0208");
  CHECK(neither.err.str().empty());
}

TEST_CASE("old-spelling-1.2 the old spelling: the same value, and one line of note",
          "[old-spelling]") {
  Renamed renamed("--to mj");
  CHECK(renamed.old_to.given());
  CHECK(renamed.old_to.resolve(renamed.context));
  CHECK(renamed.charset == "mj");
  CHECK(renamed.err.str() ==
        "gifkit test: note: --to SET is now --charset SET; the old spelling still works\n");
  CHECK(renamed.out.str().empty());
}

TEST_CASE("old-spelling-1.3 both spellings of an option with a value: refused", "[old-spelling]") {
  Renamed renamed("--charset mj --to jisx0213");
  CHECK_FALSE(renamed.old_to.resolve(renamed.context));
  CHECK(renamed.err.str() ==
        "gifkit test: give --charset SET, not both --charset SET and --to SET (its old "
        "spelling)\n");
}

TEST_CASE("old-spelling-1.4 the old spelling is hidden from the help", "[old-spelling]") {
  Renamed renamed("");
  const std::string help = renamed.app.help();
  CHECK(help.find("--charset") != std::string::npos);
  CHECK(help.find("--to") == std::string::npos);
}

TEST_CASE("old-spelling-1.5 a flag: the old spelling sets it with the note; both are one flag",
          "[old-spelling]") {
  RenamedFlag old("--registry");
  old.old_registry.resolve(old.context);
  CHECK(old.registries);
  CHECK(old.err.str() ==
        "gifkit test: note: --registry is now --registries; the old spelling still works\n");
  RenamedFlag both("--registries --registry");
  CHECK(both.old_registry.resolve(both.context));
  CHECK(both.registries);
  RenamedFlag current("--registries");
  CHECK(current.old_registry.resolve(current.context));
  CHECK(current.registries);
  CHECK(current.err.str().empty());
  RenamedFlag neither("");
  CHECK(neither.old_registry.resolve(neither.context));
  CHECK_FALSE(neither.registries);
}
