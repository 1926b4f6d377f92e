// runtime_dirs.hpp — where the gifkit binary finds its models and the
// published data at run time: the option, the environment, the installed tree
// next to the executable, the build tree (docs/install.md).
#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace gifkit::tools {

enum class RuntimeDir { models, data };

// What resolve_runtime_dir decides from; filled from the process by
// runtime_dir_inputs(), or by hand in tests.
struct RuntimeDirInputs {
  std::string option;                   // --models / --data as given ("" = not given)
  std::optional<std::string> env;       // $GIFKIT_MODELS / $GIFKIT_DATA (nullopt = unset)
  std::filesystem::path executable;     // the running binary (/proc/self/exe); "" = unknown
  std::filesystem::path build_default;  // the build tree's directory (compile-time)
};

// The installed tree's share folder of executable: <its dir>/../share/gifkit
// (the relative part comes from GNUInstallDirs at configure time).
std::filesystem::path installed_share_dir(const std::filesystem::path& executable);

// The directory of `kind` for this run, the first of:
//   1. inputs.option, when not empty;
//   2. inputs.env, when set and not empty;
//   3. when the executable sits in an installed tree — i.e.
//      installed_share_dir(executable)/models is a directory — that tree's
//      models/ or data/ (share/gifkit/models, share/gifkit/data).
//      data/ is not shipped and may not exist: the caller then skips what
//      needs it. An installed binary never falls back to the build tree;
//   4. inputs.build_default.
// Pure apart from one is_directory; never throws; the result may not exist.
std::filesystem::path resolve_runtime_dir(RuntimeDir kind, const RuntimeDirInputs& inputs);

// The program whose installed tree step 3 looks for, in place of
// /proc/self/exe, from now on in this process: the Python module's process
// runs python3, so it names <prefix>/bin/gifkit of the tree it is installed
// in (tools/python/). "" (the default) is /proc/self/exe again.
void set_program_path(const std::filesystem::path& program);

// The inputs of this process for kind: option, the environment variable,
// the program (set_program_path, else /proc/self/exe; empty when unreadable)
// and the compile-time default.
RuntimeDirInputs runtime_dir_inputs(RuntimeDir kind, const std::string& option);

}  // namespace gifkit::tools
