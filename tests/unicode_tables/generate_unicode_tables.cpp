// generate_unicode_tables.cpp — writes grammars/text/unicode_tables_data.cpp
// from this machine's ICU: `generate_unicode_tables OUTPUT` (the build's
// target unicode-tables runs it on the committed file).
#include <cstdio>
#include <exception>
#include <fstream>

#include "tests/unicode_tables/unicode_tables_writer.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: generate_unicode_tables OUTPUT.cpp\n");
    return 2;
  }
  try {
    const std::string text = gifkit::tests::unicode_tables_source();
    std::ofstream out(argv[1], std::ios::binary);
    out << text;
    out.close();
    if (!out) {
      std::fprintf(stderr, "generate_unicode_tables: cannot write %s\n", argv[1]);
      return 1;
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "generate_unicode_tables: %s\n", error.what());
    return 1;
  }
  return 0;
}
