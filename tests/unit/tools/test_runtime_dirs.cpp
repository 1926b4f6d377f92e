// test_runtime_dirs.cpp — tools/runtime_dirs: the order in which the binary
// looks for its models and data (option, environment, installed tree next to
// the executable, build tree), on a fake installed tree in a temp folder.
// room: cli
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <string>

#include "tools/runtime_dirs.hpp"

using namespace gifkit::tools;
namespace fs = std::filesystem;

namespace {

// A fresh temp folder holding bin/gifkit and, when installed, the share tree
// of installed_share_dir with a models/ folder; removed at the end.
struct FakeTree {
  fs::path root;
  fs::path executable;
  explicit FakeTree(bool installed) {
    root = fs::temp_directory_path() /
           ("gifkit-runtime-dirs-" + std::to_string(std::random_device{}()));
    executable = root / "bin" / "gifkit";
    fs::create_directories(executable.parent_path());
    if (installed) fs::create_directories(installed_share_dir(executable) / "models");
  }
  ~FakeTree() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
};

RuntimeDirInputs inputs(const fs::path& executable) {
  return {"", std::nullopt, executable, "/build/tree/models"};
}

}  // namespace

TEST_CASE("runtime-dirs-1.1 the option wins over everything", "[runtime-dirs]") {
  FakeTree tree(true);
  RuntimeDirInputs given = inputs(tree.executable);
  given.option = "/from/option";
  given.env = "/from/env";
  CHECK(resolve_runtime_dir(RuntimeDir::models, given) == "/from/option");
}

TEST_CASE("runtime-dirs-1.2 the environment comes next; set but empty counts as unset",
          "[runtime-dirs]") {
  FakeTree tree(true);
  RuntimeDirInputs given = inputs(tree.executable);
  given.env = "/from/env";
  CHECK(resolve_runtime_dir(RuntimeDir::data, given) == "/from/env");
  given.env = "";
  CHECK(resolve_runtime_dir(RuntimeDir::data, given) ==
        installed_share_dir(tree.executable) / "data");
}

TEST_CASE("runtime-dirs-1.3 an installed binary uses share/gifkit next to it, never the build tree",
          "[runtime-dirs]") {
  FakeTree tree(true);
  CHECK(installed_share_dir(tree.executable) == tree.root / "share" / "gifkit");
  CHECK(resolve_runtime_dir(RuntimeDir::models, inputs(tree.executable)) ==
        tree.root / "share" / "gifkit" / "models");
  // data/ is not shipped: still the installed tree's, missing (checks skipped).
  CHECK(resolve_runtime_dir(RuntimeDir::data, inputs(tree.executable)) ==
        tree.root / "share" / "gifkit" / "data");
}

TEST_CASE("runtime-dirs-1.4 a binary outside an installed tree uses the build tree's default",
          "[runtime-dirs]") {
  FakeTree tree(false);
  CHECK(resolve_runtime_dir(RuntimeDir::models, inputs(tree.executable)) == "/build/tree/models");
  CHECK(resolve_runtime_dir(RuntimeDir::data, inputs("")) == "/build/tree/models");
}

TEST_CASE("runtime-dirs-1.5 this process: the option and the environment variable are read",
          "[runtime-dirs]") {
  RuntimeDirInputs models = runtime_dir_inputs(RuntimeDir::models, "/x");
  CHECK(models.option == "/x");
  CHECK(models.build_default == fs::path(GIFKIT_TEST_MODELS_DIR));
  CHECK(models.executable.filename() == "test_tools");
}
