// model_check.cpp — `gifkit model check [FILE...]`: loads every model of
// the catalog (and the given model files), then checks every model that
// names an xsd-type against the official GIF XSD (items, order,
// cardinality, types). Exit 0 all load and agree, 1 a load problem or a
// mismatch, 2 no XSD to compare with. Registered by model.cpp. See
// docs/model.md.
#include <CLI/CLI.hpp>
#include <ostream>

#include "models/engine/model/xsd_agreement.hpp"
#include "tools/commands/model_subcommands.hpp"
#include "tools/runtime_data.hpp"

namespace gifkit::tools {
namespace {

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
        context.out << file << ": loads (" << model->id << ", " << model->fields.size()
                    << " items)\n";
      }
    }
    auto xsd_path = common_.data() / "gif" / "GIF_Core_DataModel.xsd";
    models::GifXsd xsd;
    std::string error;
    if (!xsd.load(xsd_path, error)) {
      context.err << "gifkit model check: cannot compare with the official XSD: " << error << "\n";
      return kExitUsage;
    }
    auto mismatches = models::check_catalog_against_xsd(data.catalog, xsd);
    for (const auto& mismatch : mismatches) {
      context.out << mismatch.model << ": " << mismatch.item << ": " << mismatch.message << "\n";
    }
    int checked = 0;
    for (const auto* model : data.catalog.models())
      if (!model->gif_class.empty()) ++checked;
    context.out << data.catalog.models().size() << " models loaded, " << checked
                << " compared with " << xsd_path.filename().string() << ": " << problems
                << " files with load problems, " << mismatches.size() << " mismatches\n";
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
