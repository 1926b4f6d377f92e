// model_test_support.hpp — helpers shared by the model unit tests: the shipped
// catalog and the GIF code lists loaded once, header lookup the way a matcher sees it (fold_label
// over accepted_headers), fields made in a test, temporary model directories, and error formatting.
#pragma once
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "grammars/text/text_fold.hpp"
#include "models/engine/model/code_lists.hpp"
#include "models/engine/model/model.hpp"
#include "models/engine/model/model_catalog.hpp"

namespace gifkit::models::testing {

inline const std::filesystem::path kModelsDir = GIFKIT_TEST_MODELS_DIR;
// The end-to-end tests' data files (tests/e2e/data), which some unit tests read too.
inline const std::filesystem::path kE2eData = kModelsDir.parent_path() / "tests" / "e2e" / "data";
inline const std::filesystem::path kDataDir = GIFKIT_TEST_DATA_DIR;
inline const std::filesystem::path kFixturesDir = GIFKIT_TEST_FIXTURES_DIR;
inline const std::filesystem::path kGifXsd = kDataDir / "gif" / "GIF_Core_DataModel.xsd";
inline const std::filesystem::path kCodeListXsd = kDataDir / "gif" / "GIF_Core_CodeList.xsd";

inline std::string describe(const std::vector<ModelLoadError>& errors) {
  std::ostringstream out;
  for (const ModelLoadError& error : errors) {
    out << error.file << ":" << error.line << ":" << error.column << ": " << error.message << "\n";
  }
  return out.str();
}

// The shipped catalog, loaded once for the whole test run.
inline const ModelCatalog& shipped_catalog() {
  static const ModelCatalog catalog = [] {
    ModelCatalog loaded;
    std::vector<ModelLoadError> errors;
    loaded.load_directory(kModelsDir, errors);
    return loaded;
  }();
  return catalog;
}

// The code lists of the published GIF_Core_CodeList.xsd, loaded once (empty
// when the file is missing).
inline const CodeLists& shipped_code_lists() {
  static const CodeLists lists = [] {
    CodeLists loaded;
    std::string error;
    loaded.load_xsd(kCodeListXsd, error);
    return loaded;
  }();
  return lists;
}

inline const Model& shipped_model(const std::string& id) {
  const Model* model = shipped_catalog().find(id);
  INFO("model " << id);
  REQUIRE(model != nullptr);
  return *model;
}

// What a header resolves to in a model: the field and how (label or alias kind).
struct HeaderHit {
  std::string path;
  std::optional<AliasKind> alias_kind;  // nullopt: the item label itself
};

inline std::optional<HeaderHit> lookup_header(const Model& model, const std::string& header) {
  const std::string key = grammars::fold_label(header);
  for (const FieldSpec& field : model.fields) {
    for (const AcceptedHeader& accepted : accepted_headers(field)) {
      if (grammars::fold_label(accepted.text) == key)
        return HeaderHit{field.path, accepted.alias_kind};
    }
  }
  return std::nullopt;
}

// A field made in a test: its label (its path too) and its type.
inline FieldSpec test_field(const std::string& label, ValueType type = ValueType::text) {
  FieldSpec field;
  field.label = label;
  field.path = label;
  field.type = type;
  return field;
}

// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("gifkit-models-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes text to the file name in the directory; returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return (path_ / name).string();
  }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A models directory with the shipped model.xsd and the given gif/ files.
inline void make_models_dir(const std::filesystem::path& dir,
                            const std::vector<std::pair<std::string, std::string>>& gif_files) {
  std::filesystem::create_directories(dir / "gif");
  std::filesystem::copy_file(kModelsDir / "model.xsd", dir / "model.xsd");
  for (const auto& [name, text] : gif_files) write_file(dir / "gif" / name, text);
}

// A model document in the model language with the given body.
inline std::string model_xml(const std::string& attributes, const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<!-- test model -->\n"
         "<model xmlns=\"urn:gifkit:model:1\" " +
         attributes + ">\n" + body + "</model>\n";
}

}  // namespace gifkit::models::testing
