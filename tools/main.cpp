// main.cpp — the gifkit binary: hands argv to run_gifkit (tools/command.cpp).
#include <iostream>

#include "tools/command.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  int code = gifkit::tools::run_gifkit(argc, argv, std::cout, std::cerr);
  std::cout.flush();
  return code;
}
