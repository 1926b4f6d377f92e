// gifkit_browser.cpp — the gifkit program in a web page (the browser build,
// docs/browser.md): run(["validate", "/work/FILE", …]) is `gifkit ARGS…` — the
// same command classes, options and library functions as the binary
// (tools/command.cpp's run_gifkit) and the Python module — with its standard
// output and messages kept in memory and handed back as bytes. Files are read
// and written in the module's in-memory file system (page.js puts the dropped
// file there and takes the outputs back); the models and the published data
// the checks read are embedded in it at /gifkit/models and /gifkit/data.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "tools/command.hpp"

namespace {

using emscripten::val;

// A copy of bytes as a Uint8Array of JavaScript's own memory.
val bytes_of(const std::string& text) {
  const auto* data = reinterpret_cast<const std::uint8_t*>(text.data());
  return val(emscripten::typed_memory_view(text.size(), data)).call<val>("slice");
}

// `gifkit ARGS…`: {code, out, err}, out and err as Uint8Array (UTF-8).
val run_program(const val& arguments) {
  const std::vector<std::string> args = emscripten::vecFromJSArray<std::string>(arguments);
  std::ostringstream out;
  std::ostringstream err;
  std::vector<const char*> argv;
  argv.reserve(args.size() + 2);
  argv.push_back("gifkit");
  for (const auto& arg : args) argv.push_back(arg.c_str());
  argv.push_back(nullptr);
  const int code = gifkit::tools::run_gifkit(static_cast<int>(args.size() + 1), argv.data(), out,
                                             err, /*streams_are_stdio=*/false);
  val result = val::object();
  result.set("code", code);
  result.set("out", bytes_of(out.str()));
  result.set("err", bytes_of(err.str()));
  return result;
}

std::string version() {
  return std::string(gifkit::tools::gifkit_version());
}

}  // namespace

EMSCRIPTEN_BINDINGS(gifkit) {
  emscripten::function("run", &run_program);
  emscripten::function("version", &version);
}
