// test_problem_codes_doc.cpp — docs/codes.md against the code list the program
// has (models/engine/report/problem_codes.cpp): every code documented, no code
// documented that the program does not have, and the same default severity.
// room: report
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>

#include "models/engine/report/problem_codes.hpp"

namespace {

// The code → severity rows of docs/codes.md's tables: "| `code` | severity … |"
// or "| `code-a` / `code-b` | severity … |". The severity cell's first word is
// the default ("warning (info under a `partial` model)" is a warning); rows
// whose second cell is a code (the fix rules' table) are not codes' rows.
std::map<std::string, std::string> documented_codes() {
  const auto path =
      std::filesystem::path(GIFKIT_TEST_MODELS_DIR).parent_path() / "docs" / "codes.md";
  std::ifstream in(path);
  REQUIRE(in);
  const std::regex row(R"(^\| ((?:`[a-z0-9-]+`(?: / )?)+) \| ([a-z]+))");
  const std::regex code(R"(`([a-z0-9-]+)`)");
  std::map<std::string, std::string> codes;
  std::string line;
  while (std::getline(in, line)) {
    std::smatch match;
    if (!std::regex_search(line, match, row)) continue;
    const std::string names = match[1], severity = match[2];
    for (std::sregex_iterator it(names.begin(), names.end(), code), end; it != end; ++it) {
      INFO(line);
      CHECK(codes.emplace((*it)[1], severity).second);  // each code documented once
    }
  }
  return codes;
}

}  // namespace

TEST_CASE("codes-1.1 docs/codes.md lists every code the program has, with its severity") {
  const auto documented = documented_codes();
  REQUIRE(documented.size() > 20);
  for (const auto& code : gifkit::models::problem_codes()) {
    INFO(code.code);
    const auto found = documented.find(std::string(code.code));
    REQUIRE(found != documented.end());
    CHECK(found->second == gifkit::models::severity_name(code.severity));
  }
}

TEST_CASE("codes-1.2 docs/codes.md documents no code the program does not have") {
  for (const auto& [code, severity] : documented_codes()) {
    INFO(code);
    CHECK(gifkit::models::find_problem_code(code) != nullptr);
  }
}

TEST_CASE("codes-1.3 a name that is no problem code is named with the nearest code") {
  using gifkit::models::nearest_problem_code;
  using gifkit::models::unknown_problem_code_message;
  CHECK(nearest_problem_code("invalid-formt") == "invalid-format");
  CHECK(nearest_problem_code("wrong-widht") == "wrong-width");
  CHECK(nearest_problem_code("registry-mismatc") == "registry-mismatch");
  CHECK(unknown_problem_code_message("--pick", {"invalid-format", "wrong-width"}).empty());
  CHECK(unknown_problem_code_message("--pick", {}).empty());
  CHECK(unknown_problem_code_message("--skip", {"wrong-width", "invalid-formt"}) ==
        "--skip: invalid-formt is not a problem code (did you mean invalid-format?)");
}
