// model_check.cpp — `gifkit model check [FILE...]`: loads every model of
// the catalog (and the given model files), then checks every GIF release's
// models against that release's own official file under --data (items, order,
// cardinality, types): 2025 against gif/GIF_Core_DataModel.xsd, 2024 against
// gif/versions/2024-10-01/GIF_Core_DataModel.xsd, 2022 against the item
// catalogs gif/dmd-csv-2022/*.csv. Exit 0 all load and agree, 1 a load problem
// or a mismatch, 2 an official file missing for a release that has models.
// Registered by model.cpp. See docs/model.md.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <ostream>

#include "grammars/values/identifiers.hpp"
#include "models/engine/model/catalog_agreement.hpp"
#include "models/engine/model/xsd_agreement.hpp"
#include "tools/commands/model_subcommands.hpp"
#include "tools/runtime_data.hpp"

namespace gifkit::tools {
namespace {

int count_release_models(const models::ModelCatalog& catalog, const std::string& release) {
  int count = 0;
  for (const auto* model : catalog.models()) count += model->release == release ? 1 : 0;
  return count;
}

void append_mismatches(std::vector<models::XsdMismatch>& to,
                       std::vector<models::XsdMismatch> more) {
  for (auto& mismatch : more) to.push_back(std::move(mismatch));
}

class ModelCheckCommand : public Command {
 public:
  explicit ModelCheckCommand(const CommonOptions& common) : common_(common) {}

  void setup(CLI::App& app) override {
    app.add_option("files", files_, "model files to check besides the catalog");
  }

  int run(const CommandContext& context) override {
    RuntimeData data;
    if (!load_runtime_data(common_, data, context.err)) return kExitUsage;
    int problems = static_cast<int>(data.model_errors.size());
    for (const auto& error : data.model_errors) context.out << format_load_error(error) << "\n";
    for (const auto& file : files_) {
      std::vector<models::ModelLoadError> errors;
      const models::Model* model = data.catalog.load_file(file, errors);
      for (const auto& error : errors) context.out << format_load_error(error) << "\n";
      if (model == nullptr) {
        ++problems;
      } else {
        context.out << grammars::mask_individual_numbers_in(file) << ": loads (" << model->id
                    << ", " << model->fields.size() << " items)\n";
      }
    }
    const std::filesystem::path gif_data = common_.data() / "gif";
    auto xsd_path = gif_data / "GIF_Core_DataModel.xsd";
    models::GifXsd xsd;
    std::string error;
    if (!xsd.load(xsd_path, error)) {
      context.err << "gifkit model check: cannot compare with the official XSD: " << error << "\n";
      return kExitUsage;
    }
    auto mismatches = models::check_catalog_against_xsd(data.catalog, xsd);
    int checked = 0;
    for (const auto* model : data.catalog.models())
      if (!model->gif_class.empty() && (model->release.empty() || model->release == "2025"))
        ++checked;
    std::string compared =
        std::to_string(checked) + " compared with " + xsd_path.filename().string();
    // The earlier releases, each with its own file, when the catalog has models of it.
    if (int count = count_release_models(data.catalog, "2024"); count > 0) {
      const auto path_2024 = gif_data / "versions" / "2024-10-01" / "GIF_Core_DataModel.xsd";
      models::GifXsd xsd_2024;
      if (!xsd_2024.load(path_2024, error)) {
        context.err << "gifkit model check: cannot compare release 2024 with its XSD: " << error
                    << "\n";
        return kExitUsage;
      }
      append_mismatches(mismatches,
                        models::check_catalog_against_xsd(data.catalog, xsd_2024, "2024"));
      compared += ", " + std::to_string(count) + " with the 2024 XSD";
    }
    if (int count = count_release_models(data.catalog, "2022"); count > 0) {
      const auto catalog_dir = gif_data / "dmd-csv-2022";
      if (!std::filesystem::is_directory(catalog_dir)) {
        context.err << "gifkit model check: cannot compare release 2022: no folder "
                    << catalog_dir.string() << "\n";
        return kExitUsage;
      }
      append_mismatches(mismatches,
                        models::check_catalog_against_item_catalogs(data.catalog, catalog_dir));
      compared += ", " + std::to_string(count) + " with the 2022 item catalogs";
    }
    for (const auto& mismatch : mismatches) {
      context.out << mismatch.model << ": " << mismatch.item << ": " << mismatch.message << "\n";
    }
    context.out << data.catalog.models().size() << " models loaded, " << compared << ": "
                << problems << " files with load problems, " << mismatches.size()
                << " mismatches\n";
    return problems == 0 && mismatches.empty() ? kExitOk : kExitDataNotOk;
  }

 private:
  const CommonOptions& common_;
  std::vector<std::string> files_;
};

}  // namespace

std::unique_ptr<Command> make_model_check_command(const CommonOptions& common) {
  return std::make_unique<ModelCheckCommand>(common);
}

}  // namespace gifkit::tools
