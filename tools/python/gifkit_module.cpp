// gifkit_module.cpp — the native part of the Python package `gifkit`
// (tools/python/gifkit/): the gifkit program, run in the calling process.
// run(args) is `gifkit ARGS…` — the same command classes, options and
// library functions as the binary (tools/command.cpp's run_gifkit), its
// standard output and messages kept in memory and handed back as bytes, the
// GIL released while it runs. As GDAL's Python utilities (gdal.Translate…)
// hand their options to the library's own parser, an option is declared once
// and serves the command line and Python alike; gifkit/__init__.py builds the
// arguments and reads the JSON the commands write.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "tools/command.hpp"
#include "tools/runtime_dirs.hpp"

namespace py = pybind11;

namespace {

// `gifkit ARGS…` in this process: (exit code, standard output, messages).
std::tuple<int, py::bytes, py::bytes> run_program(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  int code = 0;
  {
    py::gil_scoped_release released;
    std::vector<const char*> argv;
    argv.reserve(args.size() + 2);
    argv.push_back("gifkit");
    for (const auto& arg : args) argv.push_back(arg.c_str());
    argv.push_back(nullptr);
    code = gifkit::tools::run_gifkit(static_cast<int>(args.size() + 1), argv.data(), out, err,
                                     /*streams_are_stdio=*/false);
  }
  return {code, py::bytes(out.str()), py::bytes(err.str())};
}

}  // namespace

PYBIND11_MODULE(_gifkit, module) {
  module.doc() = "gifkit's native part: the gifkit program run in this process";
  module.def("run", &run_program, py::arg("args"),
             "Runs `gifkit ARGS...` in this process (the GIL released); returns (exit code, "
             "standard output, messages) as (int, bytes, bytes).");
  module.def(
      "set_program_path", [](const std::string& path) { gifkit::tools::set_program_path(path); },
      py::arg("path"),
      "Names <prefix>/bin/gifkit of the installed tree whose share/gifkit the commands read "
      "(\"\": the build tree's, or the running program's).");
  module.def(
      "version", [] { return std::string(gifkit::tools::gifkit_version()); }, "gifkit's version.");
}
