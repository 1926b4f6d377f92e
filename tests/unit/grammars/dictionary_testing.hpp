// dictionary_testing.hpp — for the tests of the compiled-in dictionaries
// (grammars/dictionaries/dictionaries.hpp): the text of models/dictionaries/<name> as it
// is in the tree, which each test reads with its category's reader and
// compares with the text compiled in.
#pragma once
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

inline std::string dictionary_file_text(std::string_view name) {
  const auto path = std::filesystem::path(GIFKIT_TEST_MODELS_DIR) / "dictionaries" / name;
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
