// runtime_dirs.cpp — see runtime_dirs.hpp.
#include "tools/runtime_dirs.hpp"

#include <cstdlib>
#include <mutex>
#include <system_error>

namespace gifkit::tools {

namespace {
std::mutex program_path_mutex;
std::filesystem::path program_path_set;  // set_program_path's, "" = /proc/self/exe
}  // namespace

void set_program_path(const std::filesystem::path& program) {
  const std::lock_guard lock(program_path_mutex);
  program_path_set = program;
}

std::filesystem::path installed_share_dir(const std::filesystem::path& executable) {
  return (executable.parent_path() / GIFKIT_INSTALL_SHARE_RELATIVE).lexically_normal();
}

std::filesystem::path resolve_runtime_dir(RuntimeDir kind, const RuntimeDirInputs& inputs) {
  if (!inputs.option.empty()) return inputs.option;
  if (inputs.env && !inputs.env->empty()) return *inputs.env;
  if (!inputs.executable.empty()) {
    std::filesystem::path share = installed_share_dir(inputs.executable);
    std::error_code ec;
    if (std::filesystem::is_directory(share / "models", ec))
      return share / (kind == RuntimeDir::models ? "models" : "data");
  }
  return inputs.build_default;
}

RuntimeDirInputs runtime_dir_inputs(RuntimeDir kind, const std::string& option) {
  RuntimeDirInputs inputs;
  inputs.option = option;
  const char* env = std::getenv(kind == RuntimeDir::models ? "GIFKIT_MODELS" : "GIFKIT_DATA");
  if (env != nullptr) inputs.env = env;
  {
    const std::lock_guard lock(program_path_mutex);
    inputs.executable = program_path_set;
  }
  if (inputs.executable.empty()) {
    std::error_code ec;
    inputs.executable = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) inputs.executable.clear();
  }
  inputs.build_default =
      kind == RuntimeDir::models ? GIFKIT_DEFAULT_MODELS_DIR : GIFKIT_DEFAULT_DATA_DIR;
  return inputs;
}

}  // namespace gifkit::tools
