// generate_cp932_table.cpp — writes grammars/io/cp932_table_data.cpp
// from this machine's glibc iconv: `generate_cp932_table OUTPUT` (the build's
// target cp932-table runs it on the committed file).
#include <cstdio>
#include <exception>
#include <fstream>

#include "tests/cp932_table/cp932_table_writer.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: generate_cp932_table OUTPUT.cpp\n");
    return 2;
  }
  try {
    const std::string text = gifkit::tests::cp932_table_source();
    std::ofstream out(argv[1], std::ios::binary);
    out << text;
    out.close();
    if (!out) {
      std::fprintf(stderr, "generate_cp932_table: cannot write %s\n", argv[1]);
      return 1;
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "generate_cp932_table: %s\n", error.what());
    return 1;
  }
  return 0;
}
