// model_list.cpp — `gifkit model list [--format text|json]`: the models of
// the catalog, grouped by their id's prefix (text) or as a JSON array.
// Registered by model.cpp. See docs/model.md.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>

#include "tools/commands/model_subcommands.hpp"
#include "tools/output/json_text.hpp"
#include "tools/output/output_format.hpp"
#include "tools/runtime_data.hpp"

namespace gifkit::tools {
namespace {

// The heading of a group of models in `model list`.
std::string model_group_title(const std::string& prefix) {
  if (prefix == "gif") return "GIF core data models (gif:)";
  if (prefix == "opendata") return "自治体標準オープンデータセット (opendata:)";
  if (prefix == "suisho") return "推奨データセット 第2.1版 (suisho:)";
  if (prefix == "nta") return "registry source formats (nta:)";
  return prefix + ":";
}

class ModelListCommand : public Command {
 public:
  explicit ModelListCommand(const CommonOptions& common) : common_(common) {}

  void setup(CLI::App& app) override {
    add_format_option(app, format_, {OutputFormat::text, OutputFormat::json});
  }

  int run(const CommandContext& context) override {
    RuntimeData data;
    if (!load_runtime_data(common_, data, context.err)) return kExitUsage;
    if (format_ == OutputFormat::json) {
      nlohmann::json models = nlohmann::json::array();
      for (const auto* model : data.catalog.models()) models.push_back(model_json(*model, false));
      context.out << json_text(models, 2) << "\n";
      return kExitOk;
    }
    // Grouped by the id's prefix (models() is sorted by id, so groups are runs).
    std::string group;
    for (const auto* model : data.catalog.models()) {
      const std::string prefix = model->id.substr(0, model->id.find(':'));
      if (prefix != group) {
        context.out << (group.empty() ? "" : "\n") << model_group_title(prefix) << "\n";
        group = prefix;
      }
      std::string id = model->id;
      if (id.size() < 26) id.resize(26, ' ');
      context.out << "  " << id << " " << model->label << " (" << model->fields.size() << " items"
                  << (model->extends.empty() ? "" : ", extends " + model->extends)
                  << (model->partial ? ", partial" : "") << ")\n";
    }
    return kExitOk;
  }

 private:
  const CommonOptions& common_;
  OutputFormat format_ = OutputFormat::text;
};

}  // namespace

std::unique_ptr<Command> make_model_list_command(const CommonOptions& common) {
  return std::make_unique<ModelListCommand>(common);
}

}  // namespace gifkit::tools
