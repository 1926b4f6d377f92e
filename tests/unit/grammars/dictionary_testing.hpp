// dictionary_testing.hpp — for the tests of the compiled-in dictionaries
// (grammars/dictionaries/dictionaries.hpp): the text of models/dictionaries/<name> as it
// is in the tree, and the table its category's reader makes of it, checked
// to read without an error and to be the text compiled in; and a reader's
// errors on a text of a test.
#pragma once
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/dictionaries/dictionaries.hpp"

inline std::string dictionary_file_text(std::string_view name) {
  const auto path = std::filesystem::path(GIFKIT_TEST_MODELS_DIR) / "dictionaries" / name;
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The table read (the category's reader) makes of models/dictionaries/<name>;
// CHECKs that the file reads without an error and is the text compiled in.
template <class Table>
Table read_dictionary_file(std::string_view name,
                           Table (*read)(std::string_view text, std::string_view source,
                                         std::vector<std::string>& errors)) {
  INFO("models/dictionaries/" << name);
  const std::string text = dictionary_file_text(name);
  std::vector<std::string> errors;
  Table table = read(text, name, errors);
  CHECK(errors.empty());
  CHECK(gifkit::grammars::dictionary_text(name) == text);
  return table;
}

// The table read makes of text, a file named source; CHECKs that its errors
// are expected, in order.
template <class Table>
Table read_with_errors(Table (*read)(std::string_view text, std::string_view source,
                                     std::vector<std::string>& errors),
                       std::string_view text, std::string_view source,
                       const std::vector<std::string>& expected) {
  std::vector<std::string> errors;
  Table table = read(text, source, errors);
  CHECK(errors == expected);
  return table;
}
