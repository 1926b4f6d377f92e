// main.cpp — the gifkit binary: hands argv to run_gifkit (tools/command.cpp).
#include <csignal>
#include <iostream>

#include "tools/command.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  // A file that reaches the size limit (ulimit -f) then fails to write, as on
  // a full disk, instead of the process being killed with the file half
  // written: the atomic writer removes its temporary file and says so.
  std::signal(SIGXFSZ, SIG_IGN);
  int code = gifkit::tools::run_gifkit(argc, argv, std::cout, std::cerr);
  std::cout.flush();
  return code;
}
