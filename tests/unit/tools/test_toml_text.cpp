// test_toml_text.cpp — gifkit.toml's text made ASCII for toml++ (tools/toml_text.hpp):
// the places kept for its errors, the values kept for its reading, and what is refused.
// room: cli
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "tools/gate_options.hpp"
#include "tools/toml_text.hpp"

using gifkit::tools::toml_ascii_texts;

TEST_CASE("toml-text-1 characters other than ASCII: x for the places, escapes for the values") {
  const auto texts = toml_ascii_texts("# 設定\npattern = \"データ/*.csv\"\n");
  CHECK(texts.problem.empty());
  CHECK(texts.same_places == "# xx\npattern = \"xxx/*.csv\"\n");
  CHECK(texts.same_values == "# xx\npattern = \"\\u30C7\\u30FC\\u30BF/*.csv\"\n");
  // A literal string becomes a basic one, its backslashes and quotes escaped.
  const auto literal = toml_ascii_texts("b = 'C:\\レ\\\"a\".json'\n");
  CHECK(literal.same_values == "b = \"C:\\\\\\u30EC\\\\\\\"a\\\".json\"\n");
  CHECK(toml_ascii_texts("e = \"𠮷\"\n").same_values == "e = \"\\U00020BB7\"\n");
  // A byte order mark first is dropped.
  CHECK(toml_ascii_texts("\xEF\xBB\xBF# a\n").same_places == "# a\n");
}

TEST_CASE("toml-text-2 refused: outside strings, after a backslash, not UTF-8") {
  CHECK(toml_ascii_texts("[validate]\nあ = 1\n").problem ==
        "2:1: a character other than ASCII outside a string or comment (write a key with it in "
        "quotes)");
  CHECK(toml_ascii_texts("s = \"\\§\"\n").problem == "1:7: a character other than ASCII after a "
                                                      "backslash (no escape)");
  CHECK(toml_ascii_texts("s = \"\"\"\\\n  §\"\"\"\n").problem ==
        "2:3: a character other than ASCII beginning the line after a line-ending backslash");
  CHECK(toml_ascii_texts("a = \"\xFF\"\n").problem == "1:6: not UTF-8 (a TOML file is UTF-8)");
}

TEST_CASE("toml-text-3 read_gate_config reads the values as written") {
  const auto folder = std::filesystem::temp_directory_path() / "gifkit-toml-text-3";
  std::filesystem::create_directories(folder);
  const auto file = folder / "gifkit.toml";
  std::ofstream(file) << "# 設定\n[validate]\nbaseline = 'レポート\\last.json'\n"
                         "[[validate.paths]]\npattern = \"データ/*.csv\" # 古い\n"
                         "severity = { \"duplicate-key\" = \"warning\" }\n";
  const auto config = gifkit::tools::read_gate_config(file);
  REQUIRE(config.all.baseline);
  CHECK(*config.all.baseline == "レポート\\last.json");
  REQUIRE(config.paths.size() == 1);
  CHECK(config.paths[0].first == "データ/*.csv");
  std::ofstream(file) << "[validate]\nfail-on = \"エラー\"\n";
  CHECK_THROWS_WITH(gifkit::tools::read_gate_config(file),
                    Catch::Contains("gifkit.toml:2:11: fail-on: expected"));
  std::filesystem::remove_all(folder);
}
